// Attendance/access records (protocol §5.4, §7): queued durably with a seq that is never reused,
// sent in batches of at most 200, deleted only once a RecordAck settles them (stored or rejected);
// unsettled records go again after a reconnect or after 10 s without an answer.
//
// Every record punched is also appended to the device's record log (records.log, JSON lines, next
// to the flash) before the flash takes it: what the device generated, for tests and audits to
// compare with what the gateway stored. A power cut between the two leaves a line the flash never
// got; the next boot drops it (its seq is punched again).
import { appendFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { bodyOf, newMessageId } from '../../protocol/messages.js';
import { RECORD_BATCH_MAX } from '../../protocol/records.js';
import { type FlashState, type StoredRecord, writeAtomic } from '../flash.js';
import type { DeviceModule, ModuleContext } from '../module.js';

export { RECORD_BATCH_MAX };
export const RECORD_ACK_TIMEOUT_MS = 10_000;
export const RECORD_LOG = 'records.log';

/** Every record the device in `flashDir` generated, in seq order. */
export function readRecordLog(flashDir: string): StoredRecord[] {
  let text: string;
  try {
    text = readFileSync(join(flashDir, RECORD_LOG), 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw err;
  }
  return text
    .split('\n')
    .filter((line) => line.trim())
    .map((line) => JSON.parse(line) as StoredRecord);
}

export type NewRecord = Omit<StoredRecord, 'seq'>;

export function queueRecord(state: FlashState, record: NewRecord): StoredRecord {
  const stored = { ...record, seq: state.nextSeq };
  state.nextSeq += 1;
  state.records.push(stored);
  return stored;
}

/** Removes settled seqs; returns how many were removed. */
export function settleRecords(state: FlashState, seqs: Iterable<number>): number {
  const settled = new Set(seqs);
  const before = state.records.length;
  state.records = state.records.filter((r) => !settled.has(r.seq));
  return before - state.records.length;
}

const SEQ_8_BITS = 255;

export class RecordsModule implements DeviceModule {
  readonly name = 'records';
  readonly bodies = ['recordAck'] as const;
  private inFlight: { id: string; timer: unknown } | null = null;

  /** People passed the device: log and queue the records durably (one flash write), then send when connected. */
  async punch(ctx: ModuleContext, ...records: NewRecord[]): Promise<StoredRecord[]> {
    // The defect records-seq-restart: a counter of 8 bits, back at 1 after 255.
    const wrap = (seq: number) => (ctx.defective('records-seq-restart') && seq > SEQ_8_BITS ? 1 : seq);
    let next = ctx.state().nextSeq;
    const stored = records.map((r) => {
      next = wrap(next);
      return { ...r, seq: next++ };
    });
    appendFileSync(join(ctx.flashDir, RECORD_LOG), stored.map((r) => `${JSON.stringify(r)}\n`).join(''));
    ctx.update((s) => {
      for (const r of records) {
        s.nextSeq = wrap(s.nextSeq);
        queueRecord(s, r);
      }
    });
    this.sendSoon(ctx);
    return stored;
  }

  /** Drops log lines of records the flash never took (a power cut between the log and the flash). */
  onBoot(ctx: ModuleContext): void {
    const next = ctx.state().nextSeq;
    const log = readRecordLog(ctx.flashDir);
    const kept = log.filter((r) => r.seq < next);
    if (kept.length < log.length)
      writeAtomic(join(ctx.flashDir, RECORD_LOG), kept.map((r) => `${JSON.stringify(r)}\n`).join(''));
  }

  async handle(ctx: ModuleContext, env: Parameters<DeviceModule['handle']>[1]): Promise<void> {
    const ack = bodyOf(env, 'recordAck');
    // Any listed seq is durably settled at the gateway, whichever batch it answers.
    const seqs = [...(ack.stored ?? []), ...(ack.rejected ?? []).map((r) => r.seq ?? 0)];
    if (seqs.length) ctx.update((s) => void settleRecords(s, seqs));
    if (this.inFlight?.id === env.replyTo) this.clearInFlight(ctx);
    this.sendSoon(ctx);
  }

  onOnline(ctx: ModuleContext): void {
    this.clearInFlight(ctx);
    this.sendSoon(ctx);
  }

  stop(ctx: ModuleContext): void {
    this.clearInFlight(ctx);
  }

  private clearInFlight(ctx: ModuleContext): void {
    if (this.inFlight) ctx.timers.clearTimeout(this.inFlight.timer);
    this.inFlight = null;
  }

  /**
   * Sends without waiting for the PUBACK: the records are safe in flash, and the message loop must
   * not stall behind the gateway's commit (a DoorOpen must be answered within 3 s).
   */
  private sendSoon(ctx: ModuleContext): void {
    void this.flush(ctx).catch((err) => ctx.log(`sending records failed: ${(err as Error).message}`));
  }

  /** Sends the oldest unsettled records, one batch at a time. */
  async flush(ctx: ModuleContext): Promise<void> {
    const batch = ctx.state().records.slice(0, ctx.defective('records-oversized-batch') ? 500 : RECORD_BATCH_MAX);
    if (this.inFlight || batch.length === 0 || !ctx.online()) return;
    const id = newMessageId();
    const timer = ctx.defective('records-no-resend')
      ? null
      : ctx.timers.setTimeout(() => {
          if (this.inFlight?.id !== id) return;
          this.inFlight = null;
          if (ctx.defective('records-new-seq-on-resend')) {
            ctx.update((s) => {
              s.records = s.records.map((r) => ({ ...r, seq: s.nextSeq++ }));
            });
          }
          this.sendSoon(ctx);
        }, RECORD_ACK_TIMEOUT_MS);
    this.inFlight = { id, timer };
    await ctx.publish('up/records', 'recordBatch', { records: batch }, { id });
  }
}
