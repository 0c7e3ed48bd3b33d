// Reconnect back-off: exponential with "equal jitter" — at least half the exponential delay, so a
// fleet that lost its gateway at once spreads its reconnects without ever retrying in a tight loop.

export interface BackoffOptions {
  /** First delay, ms. */
  baseMs: number;
  /** Largest delay, ms. */
  capMs: number;
}

export const DEFAULT_BACKOFF: BackoffOptions = { baseMs: 1000, capMs: 30_000 };

/** Delay before reconnect attempt `attempt` (0 = first retry), in [d/2, d] with d = min(cap, base·2^attempt). */
export function backoffDelay(attempt: number, opts: BackoffOptions = DEFAULT_BACKOFF, random = Math.random): number {
  const ceiling = Math.min(opts.capMs, opts.baseMs * 2 ** Math.min(attempt, 30));
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}
