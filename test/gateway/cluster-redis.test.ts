// What several gateway nodes share, module by module, against a real redis-server: each "node" here
// is its own Redis connection (and, for the route, its own DeviceLinks), as in separate processes.
// The two-process tests are in cluster.integration.test.ts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Cluster } from '../../gateway/cluster/cluster.js';
import { EventFanOut } from '../../gateway/cluster/events.js';
import { NodeRegistry } from '../../gateway/cluster/nodes.js';
import { RedisNonces } from '../../gateway/cluster/nonces.js';
import { RedisConnection } from '../../gateway/cluster/redis.js';
import { RedisFailureThrottle } from '../../gateway/cluster/throttle.js';
import { type DeviceLinkListener, DeviceLinks } from '../../gateway/devices/link.js';
import { createLogger } from '../../gateway/logger.js';
import { startModules, stopModules } from '../../gateway/module.js';
import { type PersonEvent, PersonEvents } from '../../gateway/notifications/events.js';
import { newDevice } from '../../gateway/provisioning/provisioning.js';
import { SqliteStore } from '../../gateway/store/sqlite.js';
import { ManualClock, systemClock } from '../../protocol/clock.js';
import { decodeEnvelope, encodeEnvelope, envelope } from '../../protocol/messages.js';
import { type ParsedTopic, parseTopic, topicFor } from '../../protocol/topics.js';
import { type RedisServer, startRedis } from '../helpers/redis.js';
import { until } from '../helpers/until.js';

const logger = createLogger('silent');
let redis: RedisServer;
const open: RedisConnection[] = [];

/** One node's connection to the shared Redis. */
async function node(): Promise<RedisConnection> {
  const c = await RedisConnection.open(redis.url, logger);
  open.push(c);
  return c;
}

beforeAll(async () => {
  redis = await startRedis();
});

afterAll(async () => {
  await Promise.all(open.map((c) => c.close()));
  await redis?.stop();
});

describe('Redis connection', () => {
  it('refuses to start on a Redis it cannot reach, with cluster_unavailable and no password in the message', async () => {
    const dead = `redis://:hunter2@127.0.0.1:${new URL(redis.url).port === '1' ? 2 : 1}`;
    const err = await RedisConnection.open(dead, logger).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'cluster_unavailable' });
    expect((err as Error).message).not.toContain('hunter2');
  });
});

describe('nonce claims', () => {
  it('a nonce claimed on one node is refused on another, for that SN only', async () => {
    const [a, b] = [new RedisNonces(await node()), new RedisNonces(await node())];
    expect(await a.claim('HWB0001', 'n0nce0001')).toBe(true);
    expect(await b.claim('HWB0001', 'n0nce0001')).toBe(false);
    expect(await a.claim('HWB0001', 'n0nce0001')).toBe(false);
    expect(await b.claim('HWB0002', 'n0nce0001')).toBe(true);
  });

  it('is remembered for twice the credential window', async () => {
    const c = await node();
    await new RedisNonces(c, 300).claim('HWB0003', 'windowed01');
    const ttl = await c.commands.pttl('hwbind:nonce:HWB0003:windowed01');
    expect(ttl).toBeGreaterThan(590_000);
    expect(ttl).toBeLessThanOrEqual(600_000);
  });
});

describe('failure throttles', () => {
  it('failures on every node count together; the lock ends with its time', async () => {
    const clock = new ManualClock(1_000_000);
    const a = new RedisFailureThrottle(await node(), clock, 'sn', 3);
    const b = new RedisFailureThrottle(await node(), clock, 'sn', 3);
    await a.fail('HWB0001|10.0.0.1');
    await b.fail('HWB0001|10.0.0.1');
    expect(await a.isLocked('HWB0001|10.0.0.1')).toBe(false);
    await a.fail('HWB0001|10.0.0.1');
    expect(await b.isLocked('HWB0001|10.0.0.1')).toBe(true);
    expect(await a.isLocked('HWB0001|10.0.0.1')).toBe(true);
    clock.advance(60_001);
    expect(await b.isLocked('HWB0001|10.0.0.1')).toBe(false);
  });

  it('does not count failures older than the window, nor those of another scope', async () => {
    const clock = new ManualClock(5_000_000);
    const c = await node();
    const sn = new RedisFailureThrottle(c, clock, 'sn', 2);
    const ip = new RedisFailureThrottle(c, clock, 'ip', 2);
    await sn.fail('k');
    clock.advance(61_000);
    await sn.fail('k');
    expect(await sn.isLocked('k')).toBe(false);
    await ip.fail('k');
    expect(await sn.isLocked('k')).toBe(false);
    await sn.fail('k');
    expect(await sn.isLocked('k')).toBe(true);
    expect(await ip.isLocked('k')).toBe(false);
  });
});

describe('live events across nodes', () => {
  it("an event raised on one node reaches the person's stream on another, once on each", async () => {
    const [ca, cb] = [await node(), await node()];
    const [ea, eb] = [new PersonEvents(), new PersonEvents()];
    const fanOut = [new EventFanOut(ca, 'a', ea, logger), new EventFanOut(cb, 'b', eb, logger)];
    await startModules(fanOut);
    const onA: PersonEvent[] = [];
    const onB: PersonEvent[] = [];
    const onBOther: PersonEvent[] = [];
    ea.subscribe('acme', 'alice', (e) => onA.push(e));
    eb.subscribe('acme', 'alice', (e) => onB.push(e));
    eb.subscribe('acme', 'bob', (e) => onBOther.push(e));
    const event = (n: number): PersonEvent => ({
      type: 'binding',
      sn: 'HWB0001',
      status: 'active',
      bindingId: `b${n}`,
    });
    ea.publish('acme', ['alice', 'alice'], event(1));
    eb.publish('acme', ['alice'], event(2));
    ea.publish('acme', ['alice'], event(3));
    await until('three events on both nodes', () => (onA.length === 3 && onB.length === 3 ? true : null));
    const ids = (events: PersonEvent[]) => events.map((e) => (e.type === 'binding' ? e.bindingId : ''));
    // Once each; one node's events in the order it raised them (the two nodes' events interleave freely).
    expect(ids(onA).sort()).toEqual(['b1', 'b2', 'b3']);
    expect(ids(onB).sort()).toEqual(['b1', 'b2', 'b3']);
    expect(ids(onB).filter((id) => id !== 'b2')).toEqual(['b1', 'b3']);
    expect(onBOther).toEqual([]);
    await stopModules(fanOut, () => {});
  });
});

describe('node registry', () => {
  async function storeWith(sns: string[]) {
    const store = new SqliteStore(':memory:');
    await store.migrate();
    await store.addModel({ id: 'T1000', name: 'T', vendor: 'v', capabilities: [], vendorKey: null, createdAt: 0 });
    await store.addDevices(
      sns.map((sn) => newDevice({ sn, secret: 's', modelId: 'T1000', batchId: null, createdAt: 0 })),
    );
    await store.recordPresence(sns.map((sn) => ({ sn, online: true, lastSeen: 1 })));
    return store;
  }
  const online = async (store: SqliteStore, sn: string) => (await store.getDevice(sn))!.online;

  it("marks a dead node's devices offline from one live node; a live node's stay", async () => {
    const store = await storeWith(['DEADA1', 'DEADA2', 'MOVED1', 'LIVEB1']);
    const reg = (redisConnection: RedisConnection, id: string) =>
      new NodeRegistry({ redis: redisConnection, nodeId: id, store, clock: systemClock, logger, ttlMs: 600 });
    const aRedis = await node();
    const [a, b, c] = [reg(aRedis, 'reg-a'), reg(await node(), 'reg-b'), reg(await node(), 'reg-c')];
    await startModules([a, b, c]);
    await Promise.all([a.held('DEADA1'), a.held('DEADA2'), a.held('MOVED1'), b.held('LIVEB1')]);
    expect(await b.holderOf('DEADA1')).toBe('reg-a');
    // MOVED1 reconnected to C: A's later disconnect of its stale connection does not take it from C.
    expect(await c.held('MOVED1')).toBe('reg-a');
    expect(await c.holderOf('MOVED1')).toBe('reg-c');
    // A dies: its Redis connection goes without a word (its renewals fail from now on).
    await aRedis.close();
    await until('A reaped', async () => ((await b.holderOf('DEADA1')) === null ? true : null), 5000);
    expect(await online(store, 'DEADA1')).toBe(false);
    expect(await online(store, 'DEADA2')).toBe(false);
    expect(await online(store, 'MOVED1')).toBe(true);
    expect(await online(store, 'LIVEB1')).toBe(true);
    expect(await b.holderOf('MOVED1')).toBe('reg-c');
    expect(await b.holderOf('LIVEB1')).toBe('reg-b');
    expect(await b.isAlive('reg-a')).toBe(false);
    await a.stop().catch(() => {});
    await stopModules([b, c], () => {});
    // A clean stop lets the devices go at once.
    expect(await reg(await node(), 'reg-d').holderOf('LIVEB1')).toBe(null);
  });

  it("a node that starts again marks its previous run's devices offline at once, and no one else's", async () => {
    const store = await storeWith(['OWN1', 'OTHER1']);
    const crashed = await node();
    const before = new NodeRegistry({ redis: crashed, nodeId: 'restarted', store, clock: systemClock, logger });
    const other = new NodeRegistry({ redis: await node(), nodeId: 'steady', store, clock: systemClock, logger });
    await startModules([before, other]);
    await Promise.all([before.held('OWN1'), other.held('OTHER1')]);
    await crashed.close(); // its liveness key lives on for the TTL
    const again = new NodeRegistry({ redis: await node(), nodeId: 'restarted', store, clock: systemClock, logger });
    await again.start();
    expect(await online(store, 'OWN1')).toBe(false);
    expect(await again.holderOf('OWN1')).toBe(null);
    expect(await online(store, 'OTHER1')).toBe(true);
    expect(await again.holderOf('OTHER1')).toBe('steady');
    await before.stop().catch(() => {});
    await stopModules([again, other], () => {});
  });
});

describe('node-to-node route', () => {
  /** A node: its DeviceLinks (with a transport that records what it sends) and its cluster pieces. */
  async function routeNode(id: string) {
    const store = new SqliteStore(':memory:');
    await store.migrate();
    const handled: { sn: string; topic: string; replyTo: string }[] = [];
    const sent: { sn: string; topic: string; id: string }[] = [];
    const disconnected: string[] = [];
    /** Devices gone from this node: offline, or online on the node they moved to. */
    const gone = { offline: [] as string[], movedAway: [] as string[] };
    let cluster: Cluster | null = null;
    const handle = (sn: string, topic: ParsedTopic, payload: Buffer) => {
      handled.push({ sn, topic: topic.name, replyTo: decodeEnvelope(payload).replyTo });
      return Promise.resolve();
    };
    const links = new DeviceLinks({
      connected: (sn) => cluster!.connected(sn),
      disconnected: (sn) => (cluster!.disconnected(sn) ? gone.movedAway : gone.offline).push(sn),
      message: (sn, topic, payload) => cluster!.route.forward(sn, topic, payload) ?? handle(sn, topic, payload),
    });
    let device: DeviceLinkListener | null = null;
    links.attach((listener) => {
      device = listener;
      return {
        name: 'recording',
        send: async (sn, topic, payload) => {
          sent.push({ sn, topic, id: decodeEnvelope(payload).id });
          return true;
        },
        disconnect: (sn) => {
          disconnected.push(sn);
          listener.disconnected(sn);
        },
      };
    });
    const redisConnection = await node();
    cluster = new Cluster(redisConnection, {
      nodeId: id,
      store,
      clock: systemClock,
      logger,
      links,
      events: new PersonEvents(),
      handle,
    });
    await startModules(cluster.modules);
    /** The device sends an up message on this node. */
    const up = (sn: string, name: 'up/door' | 'up/reply', replyTo = '') =>
      device!.message(
        sn,
        parseTopic(topicFor(sn, name))!,
        Buffer.from(
          encodeEnvelope(
            name === 'up/door'
              ? envelope('doorResult', { operationId: 'op1', opened: true }, { replyTo })
              : envelope('ack', {}, { replyTo }),
          ),
        ),
      );
    return { links, cluster, handled, sent, disconnected, gone, up, device: () => device!, redisConnection };
  }

  it('sends to a device another node holds, and its answer is handled where the request waits', async () => {
    const a = await routeNode('route-a');
    const b = await routeNode('route-b');
    b.device().connected('ROUTE1', '127.0.0.1');
    await until('ROUTE1 held by B, seen from A', async () => ((await a.links.isConnected('ROUTE1')) ? true : null));
    expect(a.links.isHere('ROUTE1')).toBe(false);
    expect(await a.links.isConnected('NOBODY')).toBe(false);
    expect(await a.links.send('NOBODY', 'down/door', envelope('doorOpen', { operationId: 'x' }))).toBe(false);

    const open = envelope('doorOpen', { operationId: 'op1', requestedBy: 'alice', holdMs: 3000 });
    expect(await a.links.send('ROUTE1', 'down/door', open)).toBe(true);
    expect(b.sent).toEqual([{ sn: 'ROUTE1', topic: 'down/door', id: open.id }]);
    expect(a.sent).toEqual([]);

    // The DoorResult answers A's DoorOpen: handled on A, and B's PUBACK waits for that.
    await b.up('ROUTE1', 'up/door', open.id!);
    expect(a.handled).toEqual([{ sn: 'ROUTE1', topic: 'up/door', replyTo: open.id }]);
    expect(b.handled).toEqual([]);
    // Any other message of the device (or an answer to B's own message) is handled on B.
    await b.up('ROUTE1', 'up/reply', 'something-b-sent');
    await b.up('ROUTE1', 'up/door', open.id!); // a repeat: the answer went back once
    expect(b.handled.map((h) => h.replyTo)).toEqual(['something-b-sent', open.id]);
    expect(a.handled).toHaveLength(1);

    // A disable or unbind on A closes the connection on B.
    a.links.disconnect('ROUTE1');
    await until('B closed ROUTE1', () => (b.disconnected.includes('ROUTE1') ? true : null));
    expect(b.gone).toEqual({ offline: ['ROUTE1'], movedAway: [] });
    await until('ROUTE1 gone, seen from A', async () => ((await a.links.isConnected('ROUTE1')) ? null : true));
    await stopModules([...a.cluster.modules, ...b.cluster.modules], () => {});
  });

  it('an answer for a node that is gone is handled where the device is', async () => {
    const a = await routeNode('gone-a');
    const b = await routeNode('gone-b');
    b.device().connected('ROUTE2', '127.0.0.1');
    await until('ROUTE2 held by B', async () => ((await a.links.isConnected('ROUTE2')) ? true : null));
    const bindNotice = envelope('ack', {});
    expect(await a.links.send('ROUTE2', 'down/reply', bindNotice)).toBe(true);
    await a.redisConnection.close();
    await b.up('ROUTE2', 'up/reply', bindNotice.id!);
    expect(b.handled).toEqual([{ sn: 'ROUTE2', topic: 'up/reply', replyTo: bindNotice.id }]);
    expect(a.handled).toEqual([]);
    await stopModules(b.cluster.modules, () => {});
  });

  it('a device that moved to another node is closed on the one it left', async () => {
    const a = await routeNode('move-a');
    const b = await routeNode('move-b');
    a.device().connected('ROUTE3', '127.0.0.1');
    await until('ROUTE3 held by A', async () => ((await b.links.isConnected('ROUTE3')) ? true : null));
    b.device().connected('ROUTE3', '127.0.0.1');
    await until('A closed its stale ROUTE3', () => (a.disconnected.includes('ROUTE3') ? true : null));
    // Online on B: A does not store it offline.
    expect(a.gone).toEqual({ offline: [], movedAway: ['ROUTE3'] });
    expect(await a.cluster.nodes.holderOf('ROUTE3')).toBe('move-b');
    // Back on A later, and gone from there for good: offline this time.
    a.device().connected('ROUTE3', '127.0.0.1');
    await until('ROUTE3 held by A again', async () =>
      (await b.cluster.nodes.holderOf('ROUTE3')) === 'move-a' ? true : null,
    );
    a.device().disconnected('ROUTE3');
    expect(a.gone.offline).toEqual(['ROUTE3']);
    // B's connection was the stale one this time: closed there, and not stored offline by B either.
    await until('B closed its stale ROUTE3', () => (b.disconnected.includes('ROUTE3') ? true : null));
    expect(b.gone).toEqual({ offline: [], movedAway: ['ROUTE3'] });
    await stopModules([...a.cluster.modules, ...b.cluster.modules], () => {});
  });
});
