// Attendance/access records (protocol §5.4, §7): queued durably with a seq that is never reused,
// sent in batches of at most 200, deleted only once a RecordAck settles them (stored or rejected);
// unsettled records go again after a reconnect or after 10 s without an answer.
import { bodyOf, newMessageId } from '../../protocol/messages.js';
import type { FlashState, StoredRecord } from '../flash.js';
import type { DeviceModule, ModuleContext } from '../module.js';

export const RECORD_BATCH_MAX = 200;
export const RECORD_ACK_TIMEOUT_MS = 10_000;

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

export class RecordsModule implements DeviceModule {
  readonly name = 'records';
  readonly bodies = ['recordAck'] as const;
  private inFlight: { id: string; timer: unknown } | null = null;

  /** A person passed the device: queue the record durably, then send it when connected. */
  async punch(ctx: ModuleContext, record: NewRecord): Promise<StoredRecord> {
    let stored: StoredRecord | undefined;
    ctx.update((s) => {
      stored = queueRecord(s, record);
    });
    await this.flush(ctx);
    return stored!;
  }

  async handle(ctx: ModuleContext, env: Parameters<DeviceModule['handle']>[1]): Promise<void> {
    const ack = bodyOf(env, 'recordAck');
    // Any listed seq is durably settled at the gateway, whichever batch it answers.
    const seqs = [...(ack.stored ?? []), ...(ack.rejected ?? []).map((r) => r.seq ?? 0)];
    if (seqs.length) ctx.update((s) => void settleRecords(s, seqs));
    if (this.inFlight?.id === env.replyTo) this.clearInFlight(ctx);
    await this.flush(ctx);
  }

  async onOnline(ctx: ModuleContext): Promise<void> {
    this.clearInFlight(ctx);
    await this.flush(ctx);
  }

  stop(ctx: ModuleContext): void {
    this.clearInFlight(ctx);
  }

  private clearInFlight(ctx: ModuleContext): void {
    if (this.inFlight) ctx.timers.clearTimeout(this.inFlight.timer);
    this.inFlight = null;
  }

  /** Sends the oldest unsettled records, one batch at a time. */
  async flush(ctx: ModuleContext): Promise<void> {
    const batch = ctx.state().records.slice(0, RECORD_BATCH_MAX);
    if (this.inFlight || batch.length === 0 || !ctx.online()) return;
    const id = newMessageId();
    const timer = ctx.timers.setTimeout(() => {
      if (this.inFlight?.id !== id) return;
      this.inFlight = null;
      void this.flush(ctx).catch((err) => ctx.log(`record resend failed: ${(err as Error).message}`));
    }, RECORD_ACK_TIMEOUT_MS);
    this.inFlight = { id, timer };
    await ctx.publish('up/records', 'recordBatch', { records: batch }, { id });
  }
}
