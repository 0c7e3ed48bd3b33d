// What the report's charts show, computed from the harness's trace of a run: how long the device took
// to answer each kind of message, its heartbeats, its record batches and the traffic over time.
import type { Json, TraceEvent } from './trace.js';

export interface ReportSeries {
  /** Milliseconds from a gateway message to the device's answer, per kind of exchange. */
  latencies: Record<string, number[]>;
  /** Seconds since the run's start, and the gap to the previous heartbeat (ms). */
  heartbeats: { t: number; gapMs: number }[];
  /** heartbeat_interval_s of the last HelloAck (0 when none was seen). */
  heartbeatIntervalS: number;
  /** Seconds since the run's start, and the records in the batch. */
  batches: { t: number; size: number }[];
  /** Messages per second since the run's start, each way. */
  traffic: { t: number; up: number; down: number }[];
  /** Seconds since the run's start of each connect and drop. */
  links: { t: number; kind: 'connected' | 'disconnected' }[];
}

/** The exchanges timed: a down message and the device's answer to it. */
const ANSWERED: Record<string, string> = {
  bindNotice: 'bind ack',
  unbindNotice: 'unbind ack',
  directorySync: 'directory ack',
  doorOpen: 'door result',
};

export function seriesOf(events: readonly TraceEvent[], startedAt: number): ReportSeries {
  const t = (e: TraceEvent) => Math.max(0, (e.at - startedAt) / 1000);
  const latencies: Record<string, number[]> = { 'bind ack': [], 'door result': [], 'record ack': [] };
  const sent = new Map<string, TraceEvent>();
  const batchesById = new Map<string, TraceEvent>();
  const out: ReportSeries = { latencies, heartbeats: [], heartbeatIntervalS: 0, batches: [], traffic: [], links: [] };
  let lastBeat: TraceEvent | null = null;
  const perSecond = new Map<number, { up: number; down: number }>();
  for (const e of events) {
    if (e.kind === 'connected' || e.kind === 'disconnected') {
      out.links.push({ t: t(e), kind: e.kind });
      lastBeat = null;
      continue;
    }
    const second = Math.floor(t(e));
    const bucket = perSecond.get(second) ?? { up: 0, down: 0 };
    bucket[e.kind === 'up' ? 'up' : 'down'] += 1;
    perSecond.set(second, bucket);
    if (e.kind === 'down' && ANSWERED[e.body]) sent.set(e.id, e);
    if (e.kind === 'down' && e.body === 'helloAck')
      out.heartbeatIntervalS = Number((e.message as Json | null)?.heartbeatIntervalS ?? 0);
    if (e.kind === 'up') {
      const asked = sent.get(e.replyTo);
      if (asked && (e.body === 'ack' || e.body === 'error' || e.body === 'doorResult')) {
        const kind = ANSWERED[asked.body]!;
        latencies[kind] = [...(latencies[kind] ?? []), e.at - asked.at];
        sent.delete(e.replyTo);
      }
      if (e.body === 'heartbeat') {
        if (lastBeat) out.heartbeats.push({ t: t(e), gapMs: e.at - lastBeat.at });
        lastBeat = e;
      }
      if (e.body === 'recordBatch') {
        out.batches.push({
          t: t(e),
          size: ((e.message as Json | null)?.records as unknown[] | undefined)?.length ?? 0,
        });
        batchesById.set(e.id, e);
      }
    }
    // The gateway's side of records: from the batch arriving to its RecordAck going out.
    if (e.kind === 'down' && e.body === 'recordAck') {
      const batch = batchesById.get(e.replyTo);
      if (batch) latencies['record ack']!.push(e.at - batch.at);
    }
  }
  const last = Math.max(-1, ...perSecond.keys());
  for (let s = 0; s <= last; s++) out.traffic.push({ t: s, ...(perSecond.get(s) ?? { up: 0, down: 0 }) });
  return out;
}
