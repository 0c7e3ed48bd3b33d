// A person's server-sent events (GET /api/v1/events) read as they arrive, for tests that follow
// live progress.
import { until } from './until.js';

export interface LiveEvents {
  readonly events: { type: string; data: Record<string, unknown> }[];
  /** The data of the events of one type, in order. */
  of(type: string): Record<string, unknown>[];
  /** Waits for an event of `type` whose data satisfies `pred`. */
  next(
    type: string,
    what: string,
    pred: (data: Record<string, unknown>) => boolean,
    timeoutMs?: number,
  ): Promise<Record<string, unknown>>;
  close(): void;
}

export async function openLiveEvents(baseUrl: string, token: string): Promise<LiveEvents> {
  const abort = new AbortController();
  const res = await fetch(`${baseUrl}/api/v1/events`, {
    headers: { authorization: `Bearer ${token}` },
    signal: abort.signal,
  });
  if (res.status !== 200) throw new Error(`GET /api/v1/events answered ${res.status}`);
  const events: LiveEvents['events'] = [];
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  void (async () => {
    let pending = '';
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        pending += decoder.decode(value, { stream: true });
        let cut = pending.indexOf('\n\n');
        while (cut >= 0) {
          const lines = pending.slice(0, cut).split('\n');
          pending = pending.slice(cut + 2);
          const type = lines.find((l) => l.startsWith('event: '))?.slice(7);
          const data = lines.find((l) => l.startsWith('data: '))?.slice(6);
          if (type && data) events.push({ type, data: JSON.parse(data) });
          cut = pending.indexOf('\n\n');
        }
      }
    } catch {
      // The stream was closed.
    }
  })();
  const of = (type: string) => events.filter((e) => e.type === type).map((e) => e.data);
  return {
    events,
    of,
    next: (type, what, pred, timeoutMs = 20_000) => until(what, () => of(type).find(pred) ?? null, timeoutMs),
    close: () => abort.abort(),
  };
}
