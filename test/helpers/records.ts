// Records as the Person API lists them, and the check that a device's records were stored exactly
// once: what the gateway lists for it equals, record for record and in order, the device's own log.
import pg from 'pg';
import { expect } from 'vitest';
import { directionFromWire, methodFromWire } from '../../protocol/records.js';
import { readRecordLog } from '../../simulator/modules/records.js';
import type { PersonClient } from './enterprise.js';

export interface ListedRecord {
  sn: string;
  seq: number;
  userid: string;
  name: string;
  ts: number;
  direction: string;
  method: string;
  status: string;
  reason?: string;
}

/** Every record the person may list, page by page. */
export async function listAll(who: PersonClient, path: string): Promise<ListedRecord[]> {
  const out: ListedRecord[] = [];
  let cursor: string | null = null;
  do {
    const sep = path.includes('?') ? '&' : '?';
    const page: { status: number; body: { records: ListedRecord[]; next: string | null } } = await who.call(
      'GET',
      `${path}${sep}limit=1000${cursor ? `&cursor=${cursor}` : ''}`,
    );
    expect(page.status).toBe(200);
    out.push(...page.body.records);
    cursor = page.body.next;
  } while (cursor);
  return out;
}

/**
 * The device `sn` (its flash in `flashDir`) generated records 1..`generated`, and `who` lists exactly
 * those, as stored, with the device's own fields.
 */
export async function expectStoredExactlyOnce(
  who: PersonClient,
  sn: string,
  flashDir: string,
  generated: number,
): Promise<void> {
  const log = readRecordLog(flashDir);
  expect(log.map((r) => r.seq)).toEqual(Array.from({ length: generated }, (_, i) => i + 1));
  const listed = await listAll(who, `/devices/${sn}/records?order=asc`);
  expect(listed.map((r) => r.seq)).toEqual(log.map((r) => r.seq));
  expect(
    listed.map(({ sn: s, seq, userid, ts, direction, method, status }) => ({
      s,
      seq,
      userid,
      ts,
      direction,
      method,
      status,
    })),
  ).toEqual(
    log.map((r) => ({
      s: sn,
      seq: r.seq,
      userid: r.userid,
      ts: r.timeMs,
      direction: directionFromWire(r.direction),
      method: methodFromWire(r.method),
      status: 'stored',
    })),
  );
}

/** Rows of a PostgreSQL store itself, not what a gateway says of them: how many times each seq of the device is there. */
export async function storedRows(store: string, sn: string): Promise<{ seq: number; n: number }[]> {
  const client = new pg.Client({ connectionString: store });
  await client.connect();
  try {
    const r = await client.query(
      'SELECT seq::int, count(*)::int AS n FROM records WHERE sn = $1 GROUP BY seq ORDER BY seq',
      [sn],
    );
    return r.rows as { seq: number; n: number }[];
  } finally {
    await client.end();
  }
}
