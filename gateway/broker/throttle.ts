// Failed-connect throttling: too many failures for one key (an SN, an IP) inside a minute locks
// that key out for a minute. Successes do not reset the count: a credential-guessing client
// interleaving one good device cannot keep probing. FailureThrottle keeps the counts of one node in
// memory; several nodes share theirs in Redis (cluster/throttle.ts).
import type { Clock } from '../../protocol/clock.js';

/** Failed attempts per key, and the lockout they lead to. */
export interface FailureCounter {
  isLocked(key: string): Promise<boolean>;
  /** Counts a failure; resolves once it counts for every later isLocked. */
  fail(key: string): Promise<void>;
}

interface Entry {
  failures: number[];
  lockedUntil: number;
}

export class FailureThrottle implements FailureCounter {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly clock: Clock,
    private readonly limit: number,
    private readonly windowMs = 60_000,
    private readonly lockMs = 60_000,
  ) {}

  async isLocked(key: string): Promise<boolean> {
    const e = this.entries.get(key);
    return e !== undefined && e.lockedUntil > this.clock.now();
  }

  async fail(key: string): Promise<void> {
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
