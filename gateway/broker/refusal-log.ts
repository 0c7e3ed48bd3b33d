// Log lines for refused connections. Everything in them comes from an unauthenticated outsider, who
// could otherwise turn each cheap CONNECT into a large log write: per address, only the first few
// refusals of a window are written, with clipped fields; the rest are counted, and one line per
// address summarises them when the window ends or the broker stops.
import type { Clock } from '../../protocol/clock.js';
import type { Logger } from '../logger.js';

export interface RefusalLogOptions {
  /** Refusals written per address and window. */
  burst: number;
  windowMs: number;
  /** Addresses tracked at once; refusals from further addresses share one entry. */
  maxAddresses: number;
}

interface Window {
  start: number;
  logged: number;
  suppressed: number;
  reasons: Record<string, number>;
}

const OTHER_ADDRESSES = 'other addresses';

/** Shortens text from outside to `max` characters, saying how long it was. */
export function clip(text: string, max = 128): string {
  return text.length > max ? `${text.slice(0, max)}…(${text.length} chars)` : text;
}

export class RefusalLog {
  private readonly windows = new Map<string, Window>();
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly logger: Logger,
    private readonly clock: Clock,
    private readonly o: RefusalLogOptions = { burst: 5, windowMs: 60_000, maxAddresses: 10_000 },
  ) {
    this.timer = setInterval(() => this.flush(), o.windowMs).unref();
  }

  /** Logs one refusal from `ip` (`fields` are clipped here), or counts it once the burst is spent. */
  refused(ip: string, reason: string, fields: Record<string, string>, message: string): void {
    const now = this.clock.now();
    const key = this.windows.has(ip) || this.windows.size < this.o.maxAddresses ? ip : OTHER_ADDRESSES;
    let w = this.windows.get(key);
    if (w && now - w.start >= this.o.windowMs) {
      this.summarise(key, w);
      w = undefined;
    }
    if (!w) {
      w = { start: now, logged: 0, suppressed: 0, reasons: {} };
      this.windows.set(key, w);
    }
    if (w.logged < this.o.burst) {
      w.logged++;
      const clipped = Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, clip(v)]));
      this.logger.info({ ip, reason, ...clipped }, clip(message, 256));
      return;
    }
    w.suppressed++;
    w.reasons[reason] = (w.reasons[reason] ?? 0) + 1;
  }

  /** Summarises and forgets the windows that have ended; every window when `all`. */
  flush(all = false): void {
    const now = this.clock.now();
    for (const [key, w] of this.windows) {
      if (!all && now - w.start < this.o.windowMs) continue;
      this.summarise(key, w);
      this.windows.delete(key);
    }
  }

  close(): void {
    clearInterval(this.timer);
    this.flush(true);
  }

  private summarise(key: string, w: Window): void {
    if (w.suppressed === 0) return;
    const seconds = Math.max(1, Math.round((this.clock.now() - w.start) / 1000));
    this.logger.warn(
      { ip: key, suppressed: w.suppressed, reasons: w.reasons },
      `${w.suppressed} more refusals from ${key} in ${seconds} s were not logged one by one`,
    );
  }
}
