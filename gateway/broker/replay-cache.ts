// Nonces seen per SN inside the credential window. A nonce may be used once per window, also across
// a gateway restart (and, with a shared store, across nodes): the store is the record, and a claim
// resolves only once its nonce is durably there, so a CONNACK never accepts a nonce a crash could
// forget. Claims arriving together (one turn of the event loop) go to the store together, which
// writes them with one disk sync (the embedded store off the event loop: nonce-journal.ts). This
// memory copy refuses a replay it has seen without a store round trip; expired entries are swept
// from both. Several nodes claim nonces in Redis instead (cluster/nonces.ts).
import type { Clock } from '../../protocol/clock.js';
import { CREDENTIAL_WINDOW_S } from '../../protocol/credentials.js';
import type { Logger } from '../logger.js';
import type { Metrics } from '../metrics.js';
import type { NonceClaim, Store } from '../store/types.js';

const SWEEP_INTERVAL_MS = 10_000;

interface Pending {
  claim: NonceClaim;
  key: string;
  resolve(fresh: boolean): void;
  reject(err: unknown): void;
}

export interface ReplayCacheDeps {
  store: Store;
  clock: Clock;
  logger: Logger;
  metrics: Metrics;
}

/** Where a CONNECT's nonce is claimed, so a captured CONNECT cannot be replayed. */
export interface NonceClaims {
  /** Resolves to false when the nonce was already used for this SN inside the window, to true once recorded. */
  claim(sn: string, nonce: string): Promise<boolean>;
}

export class ReplayCache implements NonceClaims {
  private readonly seen = new Map<string, number>();
  private readonly windowMs: number;
  private pending: Pending[] = [];
  private sweptAt = 0;

  constructor(
    private readonly d: ReplayCacheDeps,
    windowS = CREDENTIAL_WINDOW_S,
  ) {
    // A credential is valid for ±window around its ts, so a nonce must be remembered for 2 × window.
    this.windowMs = 2 * windowS * 1000;
  }

  /**
   * Records the nonce; resolves to false when it was already used for this SN inside the window,
   * to true once it is durably recorded. Rejects when the store could not record it.
   */
  claim(sn: string, nonce: string): Promise<boolean> {
    const now = this.d.clock.now();
    if (now - this.sweptAt > SWEEP_INTERVAL_MS) this.sweep(now);
    const key = `${sn}|${nonce}`;
    const expiry = this.seen.get(key);
    if (expiry !== undefined && expiry > now) return Promise.resolve(false);
    // Remembered at once: a second claim in the same batch is refused here, not by the store.
    const expiresAt = now + this.windowMs;
    this.seen.set(key, expiresAt);
    return new Promise((resolve, reject) => {
      this.pending.push({ claim: { sn, nonce, expiresAt }, key, resolve, reject });
      if (this.pending.length === 1) setImmediate(() => this.flush());
    });
  }

  get size(): number {
    return this.seen.size;
  }

  private flush(): void {
    const batch = this.pending;
    this.pending = [];
    this.d.metrics
      .timeStore('claimNonces', () =>
        this.d.store.claimNonces(
          batch.map((p) => p.claim),
          this.d.clock.now(),
        ),
      )
      .then(
        (fresh) => {
          for (const [i, p] of batch.entries()) p.resolve(fresh[i] === true);
        },
        (err: unknown) => {
          // Not recorded, so not claimed: the device may try again.
          for (const p of batch) {
            this.seen.delete(p.key);
            p.reject(err);
          }
        },
      );
  }

  private sweep(now: number): void {
    this.sweptAt = now;
    for (const [key, expiry] of this.seen) if (expiry <= now) this.seen.delete(key);
    this.d.store
      .sweepNonces(now)
      .catch((err: unknown) => this.d.logger.error({ err }, 'sweeping expired nonces failed'));
  }
}
