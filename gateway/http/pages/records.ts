// Attendance/access records on the pages, read through the same Records service as the Person API
// (so members see the attendance of the devices they bound, device admins also the refused records
// with their reason): the latest records on a device's page, paged, with a CSV export of GET
// /api/v1/devices/:sn/records; and /admin/records, every record of the enterprise for device admins,
// filtered by time and person, with a CSV export of GET /api/v1/records under the same filters.
import { HwbindError, isHwbindError } from '../../../protocol/errors.js';
import type { RecordsPage, RecordsQuery } from '../../attendance/records.js';
import {
  errorPage,
  type Html,
  html,
  type PageContext,
  type PageHandler,
  type PageRequest,
  refusalBox,
  time,
} from './layout.js';

const DEVICE_PAGE_SIZE = 20;
const CORP_PAGE_SIZE = 50;
const METHOD_NAMES: Record<string, string> = {
  face: 'Face',
  fingerprint: 'Fingerprint',
  card: 'Card',
  qr: 'QR code',
  remote: 'Remote opening',
  unknown: 'Unknown',
};
const DIRECTION_NAMES: Record<string, string> = { in: 'In', out: 'Out', unknown: 'In/out unknown' };
const REASON_NAMES: Record<string, string> = {
  user_out_of_range: "outside the device's usable range",
};

export const RECORDS_SCRIPT = '/assets/records.js';

/** A list of records, newest first; `device` names each record's device (corp-wide lists). */
export function recordList(page: RecordsPage, opts: { device: boolean }): Html {
  if (page.records.length === 0) return html`<p class="empty" id="records-empty">No records.</p>`;
  return html`<ul class="records">${page.records.map(
    (r) => html`
  <li data-sn="${r.sn}" data-seq="${r.seq}" data-userid="${r.userid}" data-status="${r.status}"${r.status === 'refused' ? html` class="refused"` : ''}>
    <div class="line"><span class="name">${r.name || 'Unknown person'}</span> <span class="meta">${r.userid || 'no userid'}</span>
      <span class="what">${DIRECTION_NAMES[r.direction] ?? r.direction} · ${METHOD_NAMES[r.method] ?? r.method}</span></div>
    <div class="meta">${time(r.ts)} · ${opts.device ? html`<a href="/hw/devices/${r.sn}">${r.sn}</a> ` : ''}#${r.seq}</div>
    ${
      r.status === 'refused'
        ? html`<div class="reason">Refused: ${REASON_NAMES[r.reason ?? ''] ?? r.reason} <code>${r.reason}</code></div>`
        : ''
    }
  </li>`,
  )}
</ul>`;
}

const withQuery = (path: string, query: Record<string, string | number | boolean | undefined>): string => {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query))
    if (value !== undefined && value !== '') params.set(key, String(value));
  const text = params.toString();
  return text ? `${path}?${text}` : path;
};

/** The device page's records: the newest first, `?records=CURSOR` pages back; a refused cursor shows as a refusal. */
export async function deviceRecordsSection({ d, actor }: PageContext, req: PageRequest, sn: string): Promise<Html> {
  const cursor = req.query.records;
  const csv = withQuery(`/api/v1/devices/${sn}/records`, { format: 'csv' });
  let list: Html;
  try {
    const page = await d.records.list(actor, { limit: DEVICE_PAGE_SIZE, ...(cursor && { cursor }) }, sn);
    list = html`${recordList(page, { device: false })}
  <p class="paging">${cursor ? html`<a href="/hw/devices/${sn}#records" id="records-newest">Newest records</a> ` : ''}${
    page.next
      ? html`<a href="${withQuery(`/hw/devices/${sn}`, { records: page.next })}#records" id="records-older">Older records</a>`
      : ''
  }</p>`;
  } catch (err) {
    if (!isHwbindError(err)) throw err;
    list = refusalBox(err.code, err.message);
  }
  return html`<section id="records">
  <h2>Records</h2>
  <p class="meta">Attendance and access records this device sent, newest first.</p>
  ${list}
  <p><a href="${csv}" download="${sn}-records.csv" id="records-csv">Export every record as CSV</a></p>
</section>`;
}

/** A time filter: Unix ms, or a date and time from the form (UTC when the page's script did not convert it). */
function timeFilter(text: string | undefined, name: string): number | undefined {
  if (text === undefined || text === '') return undefined;
  if (/^\d{1,15}$/.test(text)) return Number(text);
  const ms = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2})?)?$/.test(text)
    ? Date.parse(`${text.includes('T') ? text : `${text}T00:00`}Z`)
    : Number.NaN;
  if (Number.isNaN(ms) || ms < 0)
    throw new HwbindError('invalid_argument', `${name} must be a date and time, or Unix milliseconds (got "${text}")`);
  return ms;
}

/** The filters of /admin/records as the records API takes them. */
function corpFilters(query: PageRequest['query']): RecordsQuery {
  const refused = query.refused === 'true' ? true : query.refused === 'false' ? false : undefined;
  if (query.refused && refused === undefined)
    throw new HwbindError('invalid_argument', 'refused must be true (refused only) or false (attendance only)');
  const from = timeFilter(query.from, 'from');
  const to = timeFilter(query.to, 'to');
  if (from !== undefined && to !== undefined && to <= from)
    throw new HwbindError('invalid_argument', '"to" must be after "from"');
  const userid = query.userid?.trim();
  return {
    ...(from !== undefined && { from }),
    ...(to !== undefined && { to }),
    ...(userid && { userid }),
    ...(refused !== undefined && { refused }),
  };
}

/** /admin/records: every record of the enterprise, for device admins. */
export const corpRecordsPage: PageHandler = async (req, { d, actor, viewer }) => {
  if (!viewer.deviceAdmin)
    return errorPage(
      403,
      'forbidden',
      "The enterprise's records are for super admins and admins holding the device-binding permission; a device's own records are on its page",
    );
  let filters: RecordsQuery = {};
  let body: Html;
  let status = 200;
  try {
    filters = corpFilters(req.query);
    const cursor = req.query.cursor;
    const page = await d.records.list(actor, { ...filters, limit: CORP_PAGE_SIZE, ...(cursor && { cursor }) });
    body = html`${recordList(page, { device: true })}
  <p class="paging">${cursor ? html`<a href="${withQuery('/admin/records', filters)}" id="records-newest">Newest records</a> ` : ''}${
    page.next
      ? html`<a href="${withQuery('/admin/records', { ...filters, cursor: page.next })}" id="records-older">Older records</a>`
      : ''
  }</p>
  <p><a href="${withQuery('/api/v1/records', { ...filters, format: 'csv' })}" download="records.csv" id="records-csv">Export these records as CSV</a> <span class="meta">(every record matching the filters)</span></p>`;
  } catch (err) {
    if (!isHwbindError(err)) throw err;
    status = 400;
    body = refusalBox(err.code, err.message);
  }
  const members = (await d.binding.corpView(actor.corpId)).members;
  return {
    title: 'Records',
    status,
    scripts: [RECORDS_SCRIPT],
    body: html`<section class="card">
  <h1>Records · ${viewer.corpName}</h1>
  <p class="meta">Attendance and access records of every device of the enterprise, newest first. Records of people
  outside a device's usable range are kept as refused, with the reason.</p>
  <form id="records-filter" method="get" action="/admin/records">
    <label>From <input type="datetime-local" name="from" data-ms="${filters.from ?? ''}" value="${localValue(filters.from)}"></label>
    <label>To (before) <input type="datetime-local" name="to" data-ms="${filters.to ?? ''}" value="${localValue(filters.to)}"></label>
    <label>Person (userid) <input name="userid" list="records-people" value="${filters.userid ?? ''}" autocomplete="off"></label>
    <datalist id="records-people">${members.map((m) => html`<option value="${m.userid}">${m.name}</option>`)}</datalist>
    <label>Show
      <select name="refused">
        <option value="">all records</option>
        <option value="false"${filters.refused === false ? html` selected` : ''}>attendance only</option>
        <option value="true"${filters.refused === true ? html` selected` : ''}>refused records only</option>
      </select>
    </label>
    <button type="submit">Show records</button>
    <a href="/admin/records">Clear filters</a>
  </form>
  ${body}
  <p><a href="/admin">Back to administration</a></p>
</section>`,
  };
};

/** A datetime-local value in UTC (the page's script shows it in the person's own zone). */
const localValue = (ms: number | undefined): string =>
  ms === undefined ? '' : new Date(ms).toISOString().slice(0, 16);
