// What several gateway nodes share, in Redis (`--redis`): the node registry and liveness, nonce
// claims and failure throttles, people's live events and the node-to-node route of the device link.
// The gateway picks these or their one-node counterparts once, when it is composed.
import type { Clock } from '../../protocol/clock.js';
import type { FailureCounter } from '../broker/throttle.js';
import type { DeviceLinks } from '../devices/link.js';
import type { Logger } from '../logger.js';
import type { GatewayModule } from '../module.js';
import type { PersonEvents } from '../notifications/events.js';
import type { Store } from '../store/types.js';
import { type Duty, StoreLease } from './duty.js';
import { EventFanOut } from './events.js';
import { NodeRegistry } from './nodes.js';
import { RedisNonces } from './nonces.js';
import { type RangeCache, RangeInvalidation } from './ranges.js';
import type { RedisConnection } from './redis.js';
import { NodeRoute, type RouteOptions } from './route.js';
import { RedisFailureThrottle } from './throttle.js';

export interface ClusterOptions {
  nodeId: string;
  store: Store;
  clock: Clock;
  logger: Logger;
  links: DeviceLinks;
  events: PersonEvents;
  /** Handles an up message here (the router). */
  handle: RouteOptions['handle'];
}

export class Cluster {
  readonly nodes: NodeRegistry;
  readonly route: NodeRoute;
  readonly nonces: RedisNonces;
  /** Started before every other module (devices connect only after), stopped after them. */
  readonly modules: GatewayModule[];

  constructor(
    readonly redis: RedisConnection,
    private readonly o: ClusterOptions,
  ) {
    const log = (component: string) => o.logger.child({ component });
    this.nodes = new NodeRegistry({
      redis,
      nodeId: o.nodeId,
      store: o.store,
      clock: o.clock,
      logger: log('nodes'),
    });
    this.route = new NodeRoute({ redis, nodes: this.nodes, links: o.links, handle: o.handle, logger: log('route') });
    this.nonces = new RedisNonces(redis);
    o.links.routeTo(this.route);
    this.modules = [this.nodes, this.route, new EventFanOut(redis, o.nodeId, o.events, log('events'))];
  }

  /** Shares the changes of devices' usable ranges with the other nodes (a module to start with the others). */
  ranges(cache: RangeCache): GatewayModule {
    return new RangeInvalidation(this.redis, this.o.nodeId, cache, this.o.logger.child({ component: 'ranges' }));
  }

  /** Work only one node may do at a time (webhook deliveries, rollouts): a lease in the shared store. */
  duty(name: string): Duty {
    const { store, nodeId, clock, logger } = this.o;
    return new StoreLease({ store, name, nodeId, clock, logger: logger.child({ component: 'duty' }) });
  }

  throttle(scope: string, limit: number): FailureCounter {
    return new RedisFailureThrottle(this.redis, this.o.clock, scope, limit);
  }

  /** A device connected here: recorded as this node's; a stale connection on another node is closed. */
  connected(sn: string): void {
    this.route.arrived(sn);
    this.nodes
      .held(sn)
      .then((before) => (before ? this.route.movedFrom(before, sn) : undefined))
      .catch((err: unknown) => this.o.logger.warn({ err, sn }, 'could not record the device as held by this node'));
  }

  /** A device disconnected from here; true when that is because it connected to another node (it is not offline). */
  disconnected(sn: string): boolean {
    this.nodes
      .released(sn)
      .catch((err: unknown) => this.o.logger.warn({ err, sn }, 'could not record the device as gone from this node'));
    return this.route.tookOver(sn);
  }

  close(): Promise<void> {
    return this.redis.close();
  }
}
