// Nonces seen per SN inside the credential window. A nonce may be used once per window; entries
// older than the window are swept, so memory stays bounded by the connect rate.
import type { Clock } from '../../protocol/clock.js';
import { CREDENTIAL_WINDOW_S } from '../../protocol/credentials.js';

export class ReplayCache {
  private readonly seen = new Map<string, number>();
  private readonly windowMs: number;
  private sweptAt = 0;

  constructor(
    private readonly clock: Clock,
    windowS = CREDENTIAL_WINDOW_S,
  ) {
    // A credential is valid for ±window around its ts, so a nonce must be remembered for 2 × window.
    this.windowMs = 2 * windowS * 1000;
  }

  /** Records the nonce; false when it was already used for this SN inside the window. */
  claim(sn: string, nonce: string): boolean {
    const now = this.clock.now();
    if (now - this.sweptAt > 10_000) this.sweep(now);
    const key = `${sn}|${nonce}`;
    const expiry = this.seen.get(key);
    if (expiry !== undefined && expiry > now) return false;
    this.seen.set(key, now + this.windowMs);
    return true;
  }

  get size(): number {
    return this.seen.size;
  }

  private sweep(now: number): void {
    this.sweptAt = now;
    for (const [key, expiry] of this.seen) if (expiry <= now) this.seen.delete(key);
  }
}
