// Records (protocol §5.4, §6.4, §7): batches of at most 200, each record under one seq that only
// grows and is never reused, records sent again when their RecordAck does not come — and sent again
// as the same records, so nothing is stored twice. The harness holds back one RecordAck (as a lost
// answer would); while the device waits to send those records again, more than a batch's worth of new
// ones queue up, and the kit watches it catch up.

import { CheckSkipped, defineGroup, expect, seconds } from '../checks.js';
import type { KitContext } from '../context.js';
import { isUp, type Json, msg, type TraceEvent } from '../trace.js';

/** At most this many records in one RecordBatch. */
const BATCH_MAX = 200;
/** A device resends unacknowledged records after this long (§7); the check allows a little more. */
const RESEND_MS = 10_000;
const RESEND_GRACE_MS = 3000;
/** Time for the device to catch up once RecordAcks go through again. */
const DRAIN_MS = 15_000;
/** Records keep being watched this long after the queue drained (a reused seq shows after an empty queue). */
const WATCH_AFTER_MS = 2000;

interface SeenRecord {
  seq: number;
  /** userid, time, direction, method, card: what makes a record the same record. */
  key: string;
  batch: TraceEvent;
}

const recordsOf = (batch: TraceEvent): SeenRecord[] =>
  ((msg(batch).records as Json[]) ?? []).map((r) => ({
    seq: Number(r.seq ?? 0),
    key: `${r.userid}|${r.timeMs}|${r.direction}|${r.method}|${r.cardNo ?? ''}`,
    batch,
  }));

const plural = (n: number, what: string): string => `${n} ${what}${n === 1 ? '' : 's'}`;

const describeKey = (key: string): string => {
  const [userid, timeMs, direction, method] = key.split('|');
  return `${userid || '(no userid)'} at ${new Date(Number(timeMs)).toISOString()} ${String(direction).replace('DIRECTION_', '').toLowerCase()} by ${String(method).replace('METHOD_', '').toLowerCase()}`;
};

/** Seqs the gateway's RecordAcks settled (those that reached the device) after position `from`. */
function settled(k: KitContext, from: number): Set<number> {
  const out = new Set<number>();
  for (const ack of k.trace.after(from, (e) => e.kind === 'down' && e.body === 'recordAck')) {
    const m = msg(ack);
    for (const s of (m.stored as number[]) ?? []) out.add(Number(s));
    for (const r of (m.rejected as Json[]) ?? []) out.add(Number(r.seq));
  }
  return out;
}

const batches = (k: KitContext): TraceEvent[] => k.trace.after(0, isUp('recordBatch'));

interface RecordsState {
  /** Where the group began. */
  from: number;
  /** The batch whose RecordAck was held back. */
  withheld: TraceEvent | null;
  /** Most records the device reported queued (Heartbeat and Hello pending_records). */
  queued: number;
  notes: string[];
}

export const records = defineGroup({
  name: 'records',
  title: 'Attendance records',
  state: (): RecordsState => ({ from: 0, withheld: null, queued: 0, notes: [] }),
  steps: [
    {
      name: 'resend',
      title: 'sends records again when their RecordAck does not come',
      section: '§6.4, §7 RecordBatch',
      async run(k, s) {
        await k.ensureBound();
        const from = k.trace.position;
        s.from = from;
        await k.withhold('recordAck', 1);
        k.prompt(`let people pass ${k.sn} (faces, fingers or cards): more than ${BATCH_MAX} records in 20 s`);
        const held = await k.trace.waitFor(
          from,
          (e) => e.kind === 'withheld' && e.body === 'recordAck',
          k.options.operatorWaitMs,
        );
        if (!held) {
          await k.withhold('recordAck', 0);
          throw new CheckSkipped(`no records came in ${seconds(k.options.operatorWaitMs)}: nobody passed the device`);
        }
        const first = k.trace.last((e) => isUp('recordBatch')(e) && e.id === held.replyTo);
        if (!first) throw new Error('the RecordAck held back answers no batch the harness saw');
        s.withheld = first;
        const wanted = recordsOf(first).map((r) => r.key);
        const resent = await k.trace.waitFor(
          first.n,
          (e) => isUp('recordBatch')(e) && wanted.every((key) => recordsOf(e).some((r) => r.key === key)),
          RESEND_MS + RESEND_GRACE_MS,
        );
        await drain(k, s);
        s.queued = Math.max(
          0,
          ...k.trace
            .after(from, (e) => isUp('heartbeat')(e) || isUp('hello')(e))
            .map((e) => Number(msg(e).pendingRecords ?? 0)),
        );
        const [low, high] = [recordsOf(first).at(0)?.seq, recordsOf(first).at(-1)?.seq];
        const range = low === high ? `seq ${low}` : `seq ${low}–${high}`;
        const notes = s.notes.length ? `; ${s.notes.join('; ')}` : '';
        expect(
          resent,
          `the ${plural(wanted.length, 'record')} of the batch whose RecordAck was held back (${range}) did not come again within ${seconds(RESEND_MS + RESEND_GRACE_MS)}${notes}`,
        );
        const sameSeqs = recordsOf(resent).some((r) => recordsOf(first).some((w) => w.seq === r.seq));
        return `the ${plural(wanted.length, 'record')} of the batch whose RecordAck was held back (${range}) came again after ${seconds(resent.at - first.at)}${sameSeqs ? '' : ' under new seqs'}${notes}`;
      },
    },
    {
      name: 'batch-size',
      title: `sends 1 to ${BATCH_MAX} records in a batch`,
      section: '§4 up/records, §5.4 RecordBatch',
      async run(k, s) {
        const all = batches(k);
        if (all.length === 0) throw new CheckSkipped('no records came (see records.resend)');
        const sizes = all.map((b) => recordsOf(b).length);
        const bad = all.find((_, i) => sizes[i]! < 1 || sizes[i]! > BATCH_MAX);
        expect(
          !bad,
          `sent a RecordBatch of ${bad && recordsOf(bad).length} records; the gateway refuses it (ErrorReply invalid_argument) and stores none`,
        );
        const tested =
          s.queued > BATCH_MAX
            ? `with up to ${s.queued} records queued`
            : `(never more than ${s.queued} queued: the limit was not put to the test)`;
        return `${all.length} batches of ${Math.min(...sizes)}–${Math.max(...sizes)} records ${tested}`;
      },
    },
    {
      name: 'seq',
      title: 'gives each record its own seq, growing and never reused',
      section: '§5.4 Record.seq, §7 record seq',
      async run(k) {
        const all = batches(k);
        if (all.length === 0) throw new CheckSkipped('no records came (see records.resend)');
        const named = new Map<number, string>();
        let highest = 0;
        for (const r of all.flatMap(recordsOf)) {
          expect(r.seq >= 1, `sent a record with seq ${r.seq}; seqs start at 1`);
          const before = named.get(r.seq);
          expect(
            before === undefined || before === r.key,
            `seq ${r.seq} named ${before && describeKey(before)} and later ${describeKey(r.key)}: the gateway takes the second for a duplicate and drops it`,
          );
          if (before === undefined) {
            expect(r.seq > highest, `a new record got seq ${r.seq} after seq ${highest} was used`);
            named.set(r.seq, r.key);
            highest = r.seq;
          }
        }
        return `${named.size} records, seq ${Math.min(...named.keys())}–${highest}, each seq one record`;
      },
    },
    {
      name: 'no-duplicates',
      title: 'sends a record again only under the seq it had',
      section: '§5.4, §7 RecordBatch (resending is safe)',
      async run(k) {
        const all = batches(k);
        if (all.length === 0) throw new CheckSkipped('no records came (see records.resend)');
        const seqsOf = new Map<string, Set<number>>();
        for (const r of all.flatMap(recordsOf)) {
          const set = seqsOf.get(r.key) ?? new Set<number>();
          set.add(r.seq);
          seqsOf.set(r.key, set);
        }
        const twice = [...seqsOf].find(([, seqs]) => seqs.size > 1);
        expect(
          !twice,
          twice
            ? `sent the record of ${describeKey(twice[0])} as seq ${[...twice[1]].slice(0, 2).join(' and as seq ')}${twice[1].size > 2 ? ` (and under ${twice[1].size - 2} more seqs)` : ''}: the gateway stores it ${twice[1].size} times`
            : '',
        );
        return `${seqsOf.size} records, each under one seq`;
      },
    },
  ],
});

/**
 * After the held-back RecordAck: waits until the device has caught up — every record it had sent by
 * the time its records were acknowledged again is settled — dropping the link once if it stays silent
 * with records unsettled (a reconnect makes any device send them again); then watches a while longer.
 */
async function drain(k: KitContext, s: RecordsState): Promise<void> {
  const deadline = Date.now() + DRAIN_MS;
  const flowing = await k.trace.waitFor(
    s.from,
    (e) => e.kind === 'down' && e.body === 'recordAck',
    RESEND_MS + RESEND_GRACE_MS,
  );
  let dropped = false;
  if (!flowing) {
    dropped = true;
    s.notes.push(
      `the device sent nothing the gateway could acknowledge for ${seconds(RESEND_MS + RESEND_GRACE_MS)}, so the kit dropped its link`,
    );
    await k.reconnect();
  }
  const upTo = k.trace.position;
  const sent = new Set(
    k.trace.after(s.from, (e) => isUp('recordBatch')(e) && e.n <= upTo).flatMap((b) => recordsOf(b).map((r) => r.seq)),
  );
  for (;;) {
    const done = settled(k, s.from);
    const open = [...sent].filter((seq) => seq >= 1 && !done.has(seq));
    if (open.length === 0) break;
    if (Date.now() > deadline) {
      s.notes.push(`${open.length} records were still unsettled ${seconds(DRAIN_MS)} after the held-back RecordAck`);
      break;
    }
    const next = await k.trace.waitFor(
      k.trace.position,
      (e) => isUp('recordBatch')(e) || (e.kind === 'down' && e.body === 'recordAck'),
      5000,
    );
    if (!next && !dropped) {
      dropped = true;
      s.notes.push('the device sent nothing for 5 s with records unsettled, so the kit dropped its link');
      await k.reconnect();
    }
  }
  await new Promise((r) => setTimeout(r, WATCH_AFTER_MS));
}
