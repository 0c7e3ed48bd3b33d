// Node identity and liveness, and which node holds which device. Each node keeps a key alive with a
// TTL and records the devices it holds (set at connect, cleared at disconnect, only by the node that
// holds the device). When a node's key expires — it died — one live node (the one whose SET NX claims
// it) marks that node's devices offline, those it still holds, and forgets them; a claim is a lease,
// so a node that dies while reaping leaves the job to another. A node that starts does the same for
// its own previous run (same node id), and never touches the devices of the nodes that are alive.
import { EventEmitter } from 'node:events';
import { hostname } from 'node:os';
import type { Clock } from '../../protocol/clock.js';
import type { Logger } from '../logger.js';
import type { GatewayModule } from '../module.js';
import type { Store } from '../store/types.js';
import { keys, type RedisConnection, type Script } from './redis.js';

/** How long a node counts as alive after its last renewal. */
export const NODE_TTL_MS = 10_000;
/** How long one node's claim to reap a dead node lasts before another may retry it. */
const REAP_LEASE_MS = 30_000;

// Holds the device for ARGV[2]; answers the node that held it before (another node: its connection
// there is stale), else false. The SN stays in that node's set until it lets the device go: every
// reader checks the hash, which only ever names the holder.
const HOLD = `
local before = redis.call('HGET', KEYS[1], ARGV[1])
redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
redis.call('SADD', KEYS[2], ARGV[1])
if before and before ~= ARGV[2] then return before end
return false`;

// Lets the device go, unless another node holds it by now.
const RELEASE = `
if redis.call('HGET', KEYS[1], ARGV[1]) == ARGV[2] then redis.call('HDEL', KEYS[1], ARGV[1]) end
redis.call('SREM', KEYS[2], ARGV[1])
return 0`;

// Forgets a node and every device it still holds.
const FORGET = `
for _, sn in ipairs(redis.call('SMEMBERS', KEYS[2])) do
  if redis.call('HGET', KEYS[1], sn) == ARGV[1] then redis.call('HDEL', KEYS[1], sn) end
end
redis.call('DEL', KEYS[2])
redis.call('SREM', KEYS[3], ARGV[1])
return 0`;

export interface NodeRegistryOptions {
  redis: RedisConnection;
  nodeId: string;
  store: Store;
  clock: Clock;
  logger: Logger;
  ttlMs?: number;
}

/** `--node-id`'s default: the host and the HTTP port, or the process id when the port is chosen by the system. */
export function defaultNodeId(httpPort: number): string {
  return `${hostname()}:${httpPort === 0 ? `p${process.pid}` : httpPort}`;
}

export interface NodeRegistryEvents {
  /** Another node died and this node marked its devices offline (what it did alone is for others to take over). */
  gone: [node: string];
}

export class NodeRegistry extends EventEmitter<NodeRegistryEvents> implements GatewayModule {
  readonly name = 'cluster-nodes';
  private readonly ttlMs: number;
  private readonly hold: Script;
  private readonly release: Script;
  private readonly forget: Script;
  /** The devices this node holds, to hold again if Redis forgot this node (an outage longer than the TTL). */
  private readonly here = new Set<string>();
  private readonly inFlight = new Set<Promise<unknown>>();
  private timer: NodeJS.Timeout | null = null;
  private ticking: Promise<void> | null = null;

  constructor(private readonly o: NodeRegistryOptions) {
    super();
    this.ttlMs = o.ttlMs ?? NODE_TTL_MS;
    this.hold = o.redis.script(HOLD);
    this.release = o.redis.script(RELEASE);
    this.forget = o.redis.script(FORGET);
  }

  get nodeId(): string {
    return this.o.nodeId;
  }

  /** Before any device connects: this node's previous run is over, and so are the dead nodes'. */
  async start(): Promise<void> {
    const previous = await this.o.redis.commands.exists(keys.alive(this.o.nodeId));
    if (previous) {
      this.o.logger.warn(
        { node: this.o.nodeId },
        'this node id was alive moments ago: taking over its devices (node ids must be unique per running node)',
      );
    }
    await this.markOffline(this.o.nodeId);
    await this.renew();
    await this.reapDead();
    this.timer = setInterval(() => void this.tick(), Math.max(100, Math.floor(this.ttlMs / 3)));
    this.timer.unref();
  }

  /** Gives up this node's devices and its liveness: the others need not wait for the TTL. */
  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.ticking;
    await Promise.allSettled(this.inFlight);
    await this.forget([keys.holders, keys.devices(this.o.nodeId), keys.nodes], [this.o.nodeId]);
    await this.o.redis.commands.del(keys.alive(this.o.nodeId));
  }

  /** A device connected here; resolves to the node that held it before, if another one. */
  held(sn: string): Promise<string | null> {
    this.here.add(sn);
    return this.track(
      this.hold([keys.holders, keys.devices(this.o.nodeId)], [sn, this.o.nodeId]).then((before) =>
        typeof before === 'string' ? before : null,
      ),
    );
  }

  /** A device disconnected from here. */
  released(sn: string): Promise<void> {
    this.here.delete(sn);
    return this.track(this.release([keys.holders, keys.devices(this.o.nodeId)], [sn, this.o.nodeId]).then(() => {}));
  }

  /** The node holding the device, if any. */
  holderOf(sn: string): Promise<string | null> {
    return this.o.redis.commands.hget(keys.holders, sn);
  }

  async isAlive(node: string): Promise<boolean> {
    return (await this.o.redis.commands.exists(keys.alive(node))) === 1;
  }

  private track<T>(work: Promise<T>): Promise<T> {
    this.inFlight.add(work);
    const done = () => this.inFlight.delete(work);
    work.then(done, done);
    return work;
  }

  private tick(): void {
    if (this.ticking) return;
    this.ticking = (async () => {
      try {
        await this.renew();
        await this.reapDead();
      } catch (err) {
        this.o.logger.warn({ err }, 'node liveness or reaping failed (Redis unreachable?): retrying');
      } finally {
        this.ticking = null;
      }
    })();
  }

  /** Renews this node's key; if it had expired (Redis unreachable past the TTL), holds its devices again. */
  private async renew(): Promise<void> {
    const c = this.o.redis.commands;
    const renewed = await c.set(keys.alive(this.o.nodeId), String(this.o.clock.now()), 'PX', this.ttlMs, 'XX');
    if (renewed === 'OK') return;
    await c.set(keys.alive(this.o.nodeId), String(this.o.clock.now()), 'PX', this.ttlMs);
    await c.sadd(keys.nodes, this.o.nodeId);
    if (this.here.size === 0) return;
    this.o.logger.warn({ devices: this.here.size }, 'this node had expired in Redis: holding its devices again');
    await Promise.all([...this.here].map((sn) => this.held(sn)));
  }

  private async reapDead(): Promise<void> {
    for (const node of await this.o.redis.commands.smembers(keys.nodes)) {
      if (node === this.o.nodeId || (await this.isAlive(node))) continue;
      const claimed = await this.o.redis.commands.set(keys.reaping(node), this.o.nodeId, 'PX', REAP_LEASE_MS, 'NX');
      if (claimed !== 'OK') continue;
      await this.markOffline(node);
      this.emit('gone', node);
      // Done: a node with this id that runs and dies again is reaped without waiting out the lease.
      await this.o.redis.commands.del(keys.reaping(node));
    }
  }

  /** Marks offline the devices the node still holds, then forgets the node. */
  private async markOffline(node: string): Promise<void> {
    const c = this.o.redis.commands;
    const sns = await c.smembers(keys.devices(node));
    const holders = sns.length > 0 ? await c.hmget(keys.holders, ...sns) : [];
    const stillHeld = sns.filter((_, i) => holders[i] === node);
    if (stillHeld.length > 0) {
      const now = this.o.clock.now();
      await this.o.store.recordPresence(stillHeld.map((sn) => ({ sn, online: false, lastSeen: now })));
    }
    // Forgotten only once the store has them offline: a reaper that dies before leaves the job to the next.
    await this.forget([keys.holders, keys.devices(node), keys.nodes], [node]);
    if (node !== this.o.nodeId || stillHeld.length > 0) {
      this.o.logger.info(
        { node, devices: stillHeld.length },
        node === this.o.nodeId
          ? "this node's previous run left devices online: marked offline"
          : 'node is gone: its devices marked offline',
      );
    }
  }
}
