// Failed-connect throttles shared by every node (the same rule as broker/throttle.ts: `limit`
// failures inside the window lock the key for a while). Failures are a sorted set per key, scored
// by the gateway clock, trimmed to the window in one script; the lock holds its end time (for the
// clock) and expires in Redis after it (for the memory).
import type { Clock } from '../../protocol/clock.js';
import type { FailureCounter } from '../broker/throttle.js';
import { keys, type RedisConnection, type Script } from './redis.js';

const FAIL = `
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', tonumber(ARGV[1]) - tonumber(ARGV[2]))
redis.call('ZADD', KEYS[1], ARGV[1], ARGV[5])
if redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[3]) then
  redis.call('SET', KEYS[2], tonumber(ARGV[1]) + tonumber(ARGV[4]), 'PX', ARGV[4])
  redis.call('DEL', KEYS[1])
  return 1
end
redis.call('PEXPIRE', KEYS[1], ARGV[2])
return 0`;

export class RedisFailureThrottle implements FailureCounter {
  private readonly failScript: Script;
  private seq = 0;

  constructor(
    private readonly redis: RedisConnection,
    private readonly clock: Clock,
    /** Keys of different scopes (SN, address) are counted apart. */
    private readonly scope: string,
    private readonly limit: number,
    private readonly windowMs = 60_000,
    private readonly lockMs = 60_000,
  ) {
    this.failScript = redis.script(FAIL);
  }

  async isLocked(key: string): Promise<boolean> {
    const until = await this.redis.commands.get(keys.lock(this.scope, key));
    return until !== null && Number(until) > this.clock.now();
  }

  async fail(key: string): Promise<void> {
    const now = this.clock.now();
    // Two failures in the same millisecond (on two nodes) are two members of the set.
    const member = `${now}:${process.pid}:${this.seq++}:${Math.random().toString(36).slice(2, 8)}`;
    await this.failScript(
      [keys.failures(this.scope, key), keys.lock(this.scope, key)],
      [now, this.windowMs, this.limit, this.lockMs, member],
    );
  }
}
