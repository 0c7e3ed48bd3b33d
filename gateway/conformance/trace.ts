// The kit's copy of what the harness recorded for the device under test, kept current by long-polling
// the gateway, with waits for the next event that matches (the device answering, reconnecting, …).
import type { ApiClient } from '../../protocol/api-client.js';
import type { HarnessEvent } from './harness.js';

export type TraceEvent = HarnessEvent;

/** An event's message field, typed loosely: the JSON mapping of a protobuf message. */
export type Json = Record<string, unknown>;

/** How long each poll may wait at the gateway for something new. */
const POLL_WAIT_MS = 2000;

interface Waiter {
  from: number;
  match(e: TraceEvent): boolean;
  resolve(e: TraceEvent | null): void;
}

export class Trace {
  readonly events: TraceEvent[] = [];
  private waiters = new Set<Waiter>();
  private stopped = false;
  private polling: Promise<void> | null = null;
  /** The session's position when the kit started following it. */
  private base = 0;
  /** A failure to reach the gateway, after which waits end at once. */
  failure: Error | null = null;
  connected = false;

  constructor(
    private readonly admin: ApiClient,
    private readonly sn: string,
  ) {}

  start(from: number): void {
    this.polling = this.poll(from);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.polling;
    for (const w of this.waiters) w.resolve(null);
    this.waiters.clear();
  }

  /** Position of the newest event seen: waits from here see only what happens next. */
  get position(): number {
    return this.events.length ? this.events[this.events.length - 1]!.n : this.base;
  }

  /** Events after position `from` that match. */
  after(from: number, match: (e: TraceEvent) => boolean = () => true): TraceEvent[] {
    return this.events.filter((e) => e.n > from && match(e));
  }

  /** The newest event that matches, or null. */
  last(match: (e: TraceEvent) => boolean): TraceEvent | null {
    for (let i = this.events.length - 1; i >= 0; i--) if (match(this.events[i]!)) return this.events[i]!;
    return null;
  }

  /** The first event after `from` that matches, waiting up to `timeoutMs` for it; null if none came. */
  waitFor(from: number, match: (e: TraceEvent) => boolean, timeoutMs: number): Promise<TraceEvent | null> {
    const found = this.events.find((e) => e.n > from && match(e));
    if (found || this.failure || this.stopped) return Promise.resolve(found ?? null);
    return new Promise((resolve) => {
      const waiter: Waiter = {
        from,
        match,
        resolve: (e) => {
          clearTimeout(timer);
          this.waiters.delete(waiter);
          resolve(e);
        },
      };
      const timer = setTimeout(() => waiter.resolve(null), timeoutMs);
      this.waiters.add(waiter);
    });
  }

  private async poll(from: number): Promise<void> {
    this.base = from;
    let after = from;
    while (!this.stopped) {
      try {
        const page = await this.admin.call('admin.conformanceEvents', {
          params: { sn: this.sn },
          query: { after, waitMs: POLL_WAIT_MS },
        });
        this.connected = page.connected;
        for (const e of page.events) {
          this.events.push(e);
          for (const w of [...this.waiters]) if (e.n > w.from && w.match(e)) w.resolve(e);
        }
        after = page.next;
      } catch (err) {
        if (this.stopped) return;
        this.failure = err as Error;
        for (const w of [...this.waiters]) w.resolve(null);
        return;
      }
    }
  }
}

/** The message of an event as loose JSON (empty for connection events and undecodable payloads). */
export const msg = (e: TraceEvent | null | undefined): Json => (e?.message ?? {}) as Json;

/** `CAPABILITY_FACE` → `face`; numbers (values this side does not know) stay numbers. */
export const enumName = (value: unknown, prefix: string): string =>
  typeof value === 'string' && value.startsWith(prefix) ? value.slice(prefix.length).toLowerCase() : String(value);

export const isUp =
  (body: string) =>
  (e: TraceEvent): boolean =>
    e.kind === 'up' && e.body === body;

export const isDown =
  (body: string) =>
  (e: TraceEvent): boolean =>
    (e.kind === 'down' || e.kind === 'withheld') && e.body === body;

/** The device's answer (Ack or ErrorReply on up/reply) to the down message with this id. */
export const answerTo =
  (id: string) =>
  (e: TraceEvent): boolean =>
    e.kind === 'up' && (e.body === 'ack' || e.body === 'error') && e.replyTo === id;

/** A short account of what the device sent after position `from`, for "what it did instead". */
export function sentSince(trace: Trace, from: number, limit = 6): string {
  const sent = trace.after(from, (e) => e.kind === 'up' || e.kind === 'disconnected' || e.kind === 'connected');
  if (sent.length === 0) return 'the device sent nothing';
  const names = sent.map((e) =>
    e.kind === 'up'
      ? e.body === 'error'
        ? `ErrorReply ${String(msg(e).code)}`
        : e.body || 'an undecodable message'
      : e.kind,
  );
  const counts = new Map<string, number>();
  for (const n of names) counts.set(n, (counts.get(n) ?? 0) + 1);
  const parts = [...counts].slice(0, limit).map(([n, c]) => (c > 1 ? `${c}× ${n}` : n));
  return `the device sent: ${parts.join(', ')}${counts.size > limit ? ', …' : ''}`;
}
