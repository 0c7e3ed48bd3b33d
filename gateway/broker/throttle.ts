// Failed-connect throttling: too many failures for one key (an SN, an IP) inside a minute locks
// that key out for a minute. Successes do not reset the count: a credential-guessing client
// interleaving one good device cannot keep probing.
import type { Clock } from '../../protocol/clock.js';

interface Entry {
  failures: number[];
  lockedUntil: number;
}

export class FailureThrottle {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly clock: Clock,
    private readonly limit: number,
    private readonly windowMs = 60_000,
    private readonly lockMs = 60_000,
  ) {}

  isLocked(key: string): boolean {
    const e = this.entries.get(key);
    if (!e) return false;
    if (e.lockedUntil > this.clock.now()) return true;
    return false;
  }

  fail(key: string): void {
    const now = this.clock.now();
    let e = this.entries.get(key);
    if (!e) {
      e = { failures: [], lockedUntil: 0 };
      this.entries.set(key, e);
    }
    e.failures = e.failures.filter((t) => now - t < this.windowMs);
    e.failures.push(now);
    if (e.failures.length >= this.limit) {
      e.lockedUntil = now + this.lockMs;
      e.failures = [];
    }
    if (this.entries.size > 100_000) this.prune(now);
  }

  private prune(now: number): void {
    for (const [key, e] of this.entries) {
      if (e.lockedUntil <= now && e.failures.every((t) => now - t >= this.windowMs)) this.entries.delete(key);
    }
  }
}
