// The Redis connection several gateway nodes share: one client for commands (auto-pipelined, so a
// burst of connects costs a few round trips, not one each), one for pub/sub (a subscribed client
// can send nothing else), the key names, and Lua scripts for the steps that must be atomic.
import { Redis } from 'ioredis';
import { HwbindError } from '../../protocol/errors.js';
import { redactUrl } from '../config.js';
import type { Logger } from '../logger.js';

/** Every key and channel of hwbind starts with this, so a Redis can be shared with other software. */
const PREFIX = 'hwbind:';

export const keys = {
  /** Set of node ids that have run (a dead one stays until a live node has marked its devices offline). */
  nodes: `${PREFIX}nodes`,
  /** Present while the node runs (a TTL the node keeps renewing). */
  alive: (node: string) => `${PREFIX}node:${node}:alive`,
  /** The SNs a node holds. */
  devices: (node: string) => `${PREFIX}node:${node}:devices`,
  /** Claimed (SET NX, with a lease) by the one node that marks a dead node's devices offline. */
  reaping: (node: string) => `${PREFIX}node:${node}:reaping`,
  /** The node-to-node route's channel of a node. */
  route: (node: string) => `${PREFIX}node:${node}:route`,
  /** Hash SN → the node holding the device now. */
  holders: `${PREFIX}holders`,
  nonce: (sn: string, nonce: string) => `${PREFIX}nonce:${sn}:${nonce}`,
  failures: (scope: string, key: string) => `${PREFIX}failures:${scope}:${key}`,
  lock: (scope: string, key: string) => `${PREFIX}lock:${scope}:${key}`,
  /** Channel of people's live events. */
  events: `${PREFIX}events`,
  /** Channel of the devices whose usable range changed (cached ranges to drop). */
  ranges: `${PREFIX}ranges`,
};

/** Runs a Lua script by its SHA (loaded once by ioredis), with its keys and arguments. */
export type Script = (keys: string[], args: (string | number)[]) => Promise<unknown>;

type MessageHandler = (message: string) => void;

export class RedisConnection {
  private readonly handlers = new Map<string, MessageHandler>();
  private scripts = 0;

  private constructor(
    readonly url: string,
    readonly commands: Redis,
    private readonly subscriber: Redis,
  ) {
    subscriber.on('message', (channel: string, message: string) => this.handlers.get(channel)?.(message));
  }

  /** Connects both clients; rejects with cluster_unavailable when Redis cannot be reached. */
  static async open(url: string, logger: Logger): Promise<RedisConnection> {
    const client = () =>
      new Redis(url, {
        lazyConnect: true,
        enableAutoPipelining: true,
        // Commands wait through a short outage rather than fail at the first dropped connection.
        maxRetriesPerRequest: 3,
        retryStrategy: (times) => Math.min(times * 200, 2000),
      });
    const commands = client();
    const subscriber = client();
    // A failed connect rejects with "Connection is closed": the cause is the error event before it.
    let cause = '';
    for (const [name, c] of [
      ['commands', commands],
      ['subscriber', subscriber],
    ] as const) {
      c.on('error', (err: Error) => {
        cause = err.message;
        logger.warn({ err: err.message, client: name }, 'Redis connection error');
      });
    }
    try {
      await Promise.all([commands.connect(), subscriber.connect()]);
    } catch (err) {
      commands.disconnect();
      subscriber.disconnect();
      throw new HwbindError(
        'cluster_unavailable',
        `cannot reach Redis at ${redactUrl(url)} (--redis): ${cause || (err as Error).message}`,
      );
    }
    return new RedisConnection(url, commands, subscriber);
  }

  /** Receives the messages of a channel (one handler per channel); resolves once subscribed. */
  async listen(channel: string, handler: MessageHandler): Promise<void> {
    this.handlers.set(channel, handler);
    await this.subscriber.subscribe(channel);
  }

  /** Runs `fn` each time the subscriber connection is back after a loss (messages sent meanwhile were missed). */
  onResubscribed(fn: () => void): void {
    this.subscriber.on('ready', fn);
  }

  /** Publishes; resolves to how many subscribers received it (0: nobody listens there). */
  publish(channel: string, message: string): Promise<number> {
    return this.commands.publish(channel, message);
  }

  script(lua: string): Script {
    const name = `hwbindScript${this.scripts++}`;
    this.commands.defineCommand(name, { lua });
    const run = (this.commands as unknown as Record<string, (...args: unknown[]) => Promise<unknown>>)[name]!;
    // Without numberOfKeys in the definition, ioredis takes the key count as the first argument.
    return (k, args) => run.call(this.commands, k.length, ...k, ...args);
  }

  async close(): Promise<void> {
    this.handlers.clear();
    await Promise.allSettled([this.subscriber.quit(), this.commands.quit()]);
  }
}
