// Attendance/access records (protocol §5.4, §7): a device sends RecordBatches of at most 200 and
// deletes a record only once a RecordAck settles it. The gateway stores each batch in one
// transaction — batches that arrive together share it (one fsync for many devices) — and answers
// the RecordAck, then the PUBACK, only after the commit. (sn, seq) is stored once: a batch resent
// after a lost ack is acknowledged again as stored. Records of people outside the device's usable
// range are stored as refused with the reason (the device admins see them) and acknowledged in
// `rejected`, so the device never resends them; a device without a binding has them rejected.
//
// Reading: a person sees the records of a device they may view (those of its current binding); the
// device admins also see the refused ones, and every record of the corp.
import type { Api, QueryOf, ResponseOf } from '../../protocol/api.js';
import type { Clock } from '../../protocol/clock.js';
import { HwbindError } from '../../protocol/errors.js';
import type { BodyOf } from '../../protocol/messages.js';
import { directionFromWire, methodFromWire, RECORD_BATCH_MAX } from '../../protocol/records.js';
import { type Actor, isDeviceAdmin } from '../binding/rules.js';
import type { BindingService } from '../binding/service.js';
import type { MessageContext, MessageRouter } from '../devices/router.js';
import type { Logger } from '../logger.js';
import type { Metrics } from '../metrics.js';
import type { GatewayModule } from '../module.js';
import type { AttendanceRecord, RecordPosition, RecordQuery, RecordStatus, Store } from '../store/types.js';
import type { DeviceRange, DirectorySync } from './directory-sync.js';

/** One transaction holds at most this many records (whole batches): bounds the time a commit blocks. */
const MAX_ROWS_PER_COMMIT = 20_000;
/** Rows read per query while writing a CSV export. */
const CSV_PAGE = 5000;

export interface RecordsOptions {
  store: Store;
  router: MessageRouter;
  directory: DirectorySync;
  binding: BindingService;
  clock: Clock;
  logger: Logger;
  metrics: Metrics;
}

type Outcome = Awaited<ReturnType<Store['insertRecords']>>[number];

interface Waiting {
  rows: AttendanceRecord[];
  resolve(outcomes: Outcome[]): void;
  reject(err: unknown): void;
}

export type RecordsQuery = QueryOf<Api['person.records']>;
export type RecordsPage = ResponseOf<Api['person.records']>;
type RecordView = RecordsPage['records'][number];

export class Records implements GatewayModule {
  readonly name = 'records';
  private queue: Waiting[] = [];
  /** Group commits in flight: at most the store's writeConcurrency. */
  private readonly lanes = new Set<Promise<void>>();

  constructor(private readonly o: RecordsOptions) {
    o.router.on('recordBatch', (ctx, batch) => this.onBatch(ctx, batch));
  }

  /** The broker is closed before modules stop: the last commit finishes and is acknowledged. */
  async stop(): Promise<void> {
    while (this.lanes.size) await Promise.all(this.lanes);
  }

  // --- ingestion ----------------------------------------------------------------------------------

  private async onBatch(ctx: MessageContext, batch: BodyOf<'recordBatch'>): Promise<void> {
    const records = batch.records ?? [];
    if (records.length === 0 || records.length > RECORD_BATCH_MAX)
      throw new HwbindError(
        'invalid_argument',
        `a RecordBatch holds 1 to ${RECORD_BATCH_MAX} records, this one ${records.length}`,
      );
    const range = await this.o.directory.rangeOf(ctx.sn);
    const ack: BodyOf<'recordAck'> = { stored: [], rejected: [] };
    const rows: AttendanceRecord[] = [];
    const now = this.o.clock.now();
    for (const r of records) {
      const seq = r.seq ?? 0;
      if (seq < 1) ack.rejected!.push({ seq, code: 'invalid_argument' });
      else if (!range) ack.rejected!.push({ seq, code: 'binding_not_active' });
      else {
        const userid = r.userid ?? '';
        const reason = range.users.has(userid) ? null : await this.refusal(range, userid, r.method ?? 0);
        rows.push({
          sn: ctx.sn,
          seq,
          corpId: range.corpId,
          bindingId: range.bindingId,
          userid,
          ts: r.timeMs ?? 0,
          direction: directionFromWire(r.direction ?? 0),
          method: methodFromWire(r.method ?? 0),
          cardNo: r.cardNo ?? '',
          status: reason ? 'refused' : 'stored',
          reason,
          receivedAt: now,
        });
      }
    }
    const outcomes = rows.length ? await this.commit(rows) : [];
    const tally = { stored: 0, refused: 0, duplicate: 0, rejected: records.length - rows.length };
    outcomes.forEach((o, i) => {
      const seq = rows[i]!.seq;
      tally[o.duplicate ? 'duplicate' : o.status] += 1;
      if (o.status === 'stored') ack.stored!.push(seq);
      else ack.rejected!.push({ seq, code: o.reason ?? 'user_out_of_range' });
    });
    for (const [outcome, n] of Object.entries(tally)) if (n) this.o.metrics.records.inc({ outcome }, n);
    // Committed: now the device may delete them (a lost ack only means the batch comes again).
    await ctx.reply('down/records', 'recordAck', ack);
  }

  /**
   * Why the record of someone outside the range is refused, or null: a remote opening by a member
   * of the corp was allowed by the rules (who may open the door), not by the range.
   */
  private async refusal(range: DeviceRange, userid: string, method: number): Promise<string | null> {
    if (userid && methodFromWire(method) === 'remote' && (await this.o.store.getMember(range.corpId, userid)))
      return null;
    return 'user_out_of_range';
  }

  /** Queues rows for the next group commit; resolves with their outcomes once committed. */
  private commit(rows: AttendanceRecord[]): Promise<Outcome[]> {
    return new Promise((resolve, reject) => {
      this.queue.push({ rows, resolve, reject });
      if (this.lanes.size < this.o.store.writeConcurrency) this.openLane();
    });
  }

  /** A commit lane: it drains the queue, and another opens while rows wait and the store takes more. */
  private openLane(): void {
    const lane: Promise<void> = this.drainSoon().finally(() => {
      this.lanes.delete(lane);
      if (this.queue.length && this.lanes.size < this.o.store.writeConcurrency) this.openLane();
    });
    this.lanes.add(lane);
  }

  /** Everything that arrives before the next turn of the event loop shares one transaction. */
  private async drainSoon(): Promise<void> {
    await new Promise((resolve) => setImmediate(resolve));
    await this.drain();
  }

  private async drain(): Promise<void> {
    while (this.queue.length) {
      const group: Waiting[] = [];
      let n = 0;
      while (this.queue.length && (group.length === 0 || n + this.queue[0]!.rows.length <= MAX_ROWS_PER_COMMIT)) {
        const w = this.queue.shift()!;
        group.push(w);
        n += w.rows.length;
      }
      try {
        const outcomes = await this.o.metrics.timeStore('records', () =>
          this.o.store.insertRecords(group.flatMap((w) => w.rows)),
        );
        let at = 0;
        for (const w of group) {
          w.resolve(outcomes.slice(at, at + w.rows.length));
          at += w.rows.length;
        }
      } catch (err) {
        this.o.logger.error({ err, records: n }, 'storing records failed');
        for (const w of group) w.reject(err);
      }
    }
  }

  // --- reading ------------------------------------------------------------------------------------

  /**
   * One page of records: of the device `sn` (its current binding's), for whoever may view its
   * records; without `sn`, of every device of the corp, for device admins only.
   */
  async list(actor: Actor, q: RecordsQuery, sn?: string): Promise<RecordsPage> {
    return this.page(actor, q, await this.scope(actor, sn));
  }

  /** Every matching record as CSV (limit and cursor do not apply). */
  async csv(actor: Actor, q: RecordsQuery, sn?: string): Promise<string> {
    const scope = await this.scope(actor, sn);
    const lines = [CSV_COLUMNS.join(',')];
    let cursor: string | undefined;
    do {
      const page = await this.page(actor, { ...q, cursor, limit: CSV_PAGE }, scope, CSV_PAGE);
      for (const r of page.records) lines.push(csvLine(r));
      cursor = page.next ?? undefined;
    } while (cursor);
    return `${lines.join('\r\n')}\r\n`;
  }

  private async scope(actor: Actor, sn: string | undefined): Promise<{ bindingId?: string }> {
    if (sn) return { bindingId: (await this.o.binding.authorize(actor, sn, 'view_records')).binding.id };
    if (!isDeviceAdmin(actor.member))
      throw new HwbindError(
        'forbidden',
        "only administrators with the device-binding permission see the records of every device; ask for a device's records instead",
      );
    return {};
  }

  private async page(
    actor: Actor,
    q: RecordsQuery,
    scope: { bindingId?: string },
    maxLimit = 1000,
  ): Promise<RecordsPage> {
    const admin = isDeviceAdmin(actor.member);
    if (q.refused === true && !admin)
      throw new HwbindError('forbidden', 'only administrators with the device-binding permission see refused records');
    // Members see attendance only; admins see refused records too unless they filter.
    const status: RecordStatus | undefined =
      q.refused === true ? 'refused' : q.refused === false || !admin ? 'stored' : undefined;
    const limit = Math.min(q.limit ?? 100, maxLimit);
    const query: RecordQuery = {
      corpId: actor.corpId,
      ...scope,
      ...(q.userid !== undefined && { userid: q.userid }),
      ...(q.from !== undefined && { from: q.from }),
      ...(q.to !== undefined && { to: q.to }),
      ...(status && { status }),
      order: q.order ?? 'desc',
      ...(q.cursor && { after: decodeCursor(q.cursor) }),
      limit: limit + 1,
    };
    const rows = await this.o.store.listRecords(query);
    const more = rows.length > limit;
    const shown = more ? rows.slice(0, limit) : rows;
    const names = new Map((await this.o.binding.corpView(actor.corpId)).members.map((m) => [m.userid, m.name]));
    return {
      records: shown.map((r) => ({
        sn: r.sn,
        seq: r.seq,
        userid: r.userid,
        name: names.get(r.userid) ?? '',
        ts: r.ts,
        direction: r.direction,
        method: r.method,
        status: r.status,
        ...(r.reason !== null && { reason: r.reason }),
      })),
      next: more ? encodeCursor(shown[shown.length - 1]!) : null,
    };
  }
}

const CSV_COLUMNS = ['sn', 'seq', 'userid', 'name', 'ts', 'time', 'direction', 'method', 'status', 'reason'] as const;

/**
 * One CSV cell. Text a spreadsheet would run as a formula (a name or reason starting with = + - @, a
 * tab or a carriage return) is kept as text behind a leading apostrophe (OWASP's advice on CSV injection).
 */
export function csvField(value: string | number): string {
  const text = typeof value === 'string' && /^[=+\-@\t\r]/.test(value) ? `'${value}` : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function csvLine(r: RecordView): string {
  return [
    r.sn,
    r.seq,
    r.userid,
    r.name,
    r.ts,
    new Date(r.ts).toISOString(),
    r.direction,
    r.method,
    r.status,
    r.reason ?? '',
  ]
    .map(csvField)
    .join(',');
}

/** A cursor names the last record of a page: the next page starts after it (same filters and order). */
function encodeCursor(r: RecordPosition): string {
  return Buffer.from(JSON.stringify([r.ts, r.sn, r.seq])).toString('base64url');
}

function decodeCursor(text: string): RecordPosition {
  try {
    const [ts, sn, seq] = JSON.parse(Buffer.from(text, 'base64url').toString('utf8')) as unknown[];
    if (Number.isSafeInteger(ts) && typeof sn === 'string' && Number.isSafeInteger(seq))
      return { ts: ts as number, sn, seq: seq as number };
  } catch {
    // fall through: not one of ours
  }
  throw new HwbindError('invalid_argument', 'cursor is not one this API answered (use `next` from a previous page)');
}
