// Devices' usable ranges across nodes: each node caches the range its records are judged against
// (attendance/directory-sync.ts); a binding or directory change on one node is published on one Redis
// channel and every other node drops its copies, loading them from the store when next asked. A node
// whose subscription was lost for a while may have missed some: it drops them all.
import type { Logger } from '../logger.js';
import type { GatewayModule } from '../module.js';
import { keys, type RedisConnection } from './redis.js';

/** The cache whose entries are dropped (DirectorySync). */
export interface RangeCache {
  relayRangesTo(relay: (sns: string[]) => void): void;
  forgetRanges(sns: string[] | null): void;
}

interface Changed {
  from: string;
  sns: string[];
}

export class RangeInvalidation implements GatewayModule {
  readonly name = 'cluster-ranges';

  constructor(
    private readonly redis: RedisConnection,
    private readonly nodeId: string,
    private readonly cache: RangeCache,
    private readonly logger: Logger,
  ) {}

  async start(): Promise<void> {
    await this.redis.listen(keys.ranges, (message) => this.received(message));
    this.redis.onResubscribed(() => this.cache.forgetRanges(null));
    this.cache.relayRangesTo((sns) => {
      const changed: Changed = { from: this.nodeId, sns };
      this.redis.publish(keys.ranges, JSON.stringify(changed)).catch((err: unknown) => {
        // Not told, the other nodes would judge records by the old range until their next restart.
        this.logger.error({ err, devices: sns.length }, 'usable-range change not relayed to other nodes');
      });
    });
  }

  private received(message: string): void {
    let changed: Changed;
    try {
      changed = JSON.parse(message) as Changed;
    } catch (err) {
      this.logger.warn({ err }, 'unreadable range change from another node');
      this.cache.forgetRanges(null);
      return;
    }
    if (changed.from !== this.nodeId) this.cache.forgetRanges(changed.sns);
  }
}
