// Nonce claims shared by every node: a CONNECT's nonce is claimed with SET NX and a TTL of the
// credential window, so a CONNECT captured on one node is refused on all the others. Redis is the
// record here (its persistence settings decide whether claims survive a Redis restart).
import { CREDENTIAL_WINDOW_S } from '../../protocol/credentials.js';
import type { NonceClaims } from '../broker/replay-cache.js';
import { keys, type RedisConnection } from './redis.js';

export class RedisNonces implements NonceClaims {
  private readonly windowMs: number;

  constructor(
    private readonly redis: RedisConnection,
    windowS = CREDENTIAL_WINDOW_S,
  ) {
    // Valid for ±window around its ts: remembered for 2 × window, as on one node.
    this.windowMs = 2 * windowS * 1000;
  }

  async claim(sn: string, nonce: string): Promise<boolean> {
    return (await this.redis.commands.set(keys.nonce(sn, nonce), '1', 'PX', this.windowMs, 'NX')) === 'OK';
  }
}
