// Several gateway nodes sharing Redis, as real processes: node A and node B share one store and one
// throwaway redis-server. A CONNECT captured on one node is refused on the other;
// failure throttles count on both; a member binds, through HTTP on A, a device connected to B and it
// goes active (its Ack handed back to A), with the live event on B; a door on B opens from A; a node
// that starts leaves the live nodes' devices online; a node killed with -9 has its devices marked
// offline by another.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signDeviceCredentials } from '../../protocol/credentials.js';
import { type Bundle, connectDevice, connected } from '../helpers/devices.js';
import { type Enterprise, startEnterprise } from '../helpers/enterprise.js';
import { openLiveEvents } from '../helpers/events.js';
import { cli, type GatewayProcess, startGateway, tempDir } from '../helpers/processes.js';
import { type RedisServer, startRedis } from '../helpers/redis.js';
import { runSimDevice, type SimProcess } from '../helpers/sim.js';
import { until } from '../helpers/until.js';

let redis: RedisServer;
/** Node A: the enterprise's gateway. */
let ent: Enterprise;
let nodeB: GatewayProcess;
const running: SimProcess[] = [];

/**
 * The store the nodes share: by default their one data directory's SQLite (WAL works across processes
 * on one machine); HWBIND_TEST_STORE=postgres://… runs the same tests on the PostgreSQL store
 * (cluster-failover.integration.test.ts runs three nodes on PostgreSQL).
 */
const storeArgs = process.env.HWBIND_TEST_STORE ? ['--store', process.env.HWBIND_TEST_STORE] : [];
const clusterArgs = (node: string) => [
  ...storeArgs,
  '--redis',
  redis.url,
  '--node-id',
  node,
  '--auth-failure-limit',
  '3',
];

/** Another node on the enterprise's data directory and Redis. */
const startNode = (node: string) =>
  startGateway({
    data: ent.data,
    args: ['--public-url', ent.publicUrl, ...clusterArgs(node)],
    env: { HWBIND_ADMIN_TOKEN: ent.adminToken },
  });

const bundle = (sn: string): Bundle => ({ sn, secret: ent.devices.get(sn)!.secret, model: 'T1000' });

/** What the store says of a device (the admin registry, read on node A). */
async function stored(sn: string): Promise<{ online: boolean }> {
  const { devices } = await ent.admin<{ devices: { sn: string; online: boolean }[] }>(
    'GET',
    '/devices?limit=100',
    undefined,
  );
  return devices.find((d) => d.sn === sn)!;
}

beforeAll(async () => {
  redis = await startRedis();
  ent = await startEnterprise({ face: ['CLUS1', 'CLUS2', 'CLUS3'] }, { args: clusterArgs('node-a') });
  nodeB = await startNode('node-b');
});

afterAll(async () => {
  await Promise.all(running.map((p) => p.stop()));
  if (nodeB?.proc.exitCode === null && nodeB.proc.signalCode === null) await nodeB.stop();
  expect(await ent?.gw.stop()).toBe(0);
  await redis?.stop();
});

describe('a node that cannot reach Redis', () => {
  it('does not start, says why with a stable code, and leaves its data directory untouched', () => {
    const data = join(tempDir('hwbind-noredis-'), 'data');
    const r = cli([
      'gateway',
      '--data',
      data,
      '--host',
      '127.0.0.1',
      '--http-port',
      '0',
      '--mqtt-port',
      '0',
      '--redis',
      'redis://:s3cret@127.0.0.1:1',
    ]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/cluster_unavailable: cannot reach Redis at redis:\/\/:\*\*\*@127\.0\.0\.1:1/);
    expect(r.stderr).not.toContain('s3cret');
    expect(existsSync(data)).toBe(false);
  });
});

describe('device identity across nodes', () => {
  it('a CONNECT captured on node A is refused on node B (CONNACK 4), and fresh credentials connect there', async () => {
    expect(nodeB.logs()).toMatch(/node\s+node-b/);
    const creds = signDeviceCredentials('CLUS2', bundle('CLUS2').secret);
    await (await connected(ent.gw.mqttUrl, bundle('CLUS2'), creds)).endAsync();
    const replayed = await connectDevice(nodeB.mqttUrl, bundle('CLUS2'), creds);
    expect('refused' in replayed && replayed.refused).toBe(4);
    await (await connected(nodeB.mqttUrl, bundle('CLUS2'))).endAsync();
  });

  it('failed connects on both nodes count together toward the lock-out (CONNACK 5 on both)', async () => {
    const at = { localAddress: '127.0.0.31' };
    const wrong = { password: '0'.repeat(64), ...at };
    for (const url of [ent.gw.mqttUrl, nodeB.mqttUrl, ent.gw.mqttUrl]) {
      const r = await connectDevice(url, bundle('CLUS3'), wrong);
      expect('refused' in r && r.refused).toBe(4);
    }
    for (const url of [nodeB.mqttUrl, ent.gw.mqttUrl]) {
      const r = await connectDevice(url, bundle('CLUS3'), at);
      expect('refused' in r && r.refused).toBe(5);
    }
    // The lock-out is this SN from this address only.
    await (await connected(nodeB.mqttUrl, bundle('CLUS3'), { localAddress: '127.0.0.32' })).endAsync();
  });
});

describe('a device on node B, people on node A', () => {
  it('binds through HTTP on A and goes active; B streams the live event; the door opens from A', async () => {
    const sim = runSimDevice({
      bundleFile: ent.devices.get('CLUS1')!.bundleFile,
      stateDir: tempDir('hwbind-cluster-sim-'),
      mqttUrl: nodeB.mqttUrl,
      sn: 'CLUS1',
    });
    running.push(sim);
    await sim.online(1, 30_000);
    const carol = ent.person('acme', 'carol');
    // Node A sees the device online although B holds it.
    await until('CLUS1 online as seen from A', async () => {
      const r = await carol.call<{ device: { online: boolean } }>('POST', '/bind/resolve', {
        qr: ent.dynamicQr('CLUS1'),
      });
      return r.body.device?.online ? true : null;
    });
    const liveOnB = await openLiveEvents(nodeB.httpUrl, carol.token);
    try {
      const bound = await carol.call<{ status: string }>('POST', '/bindings', {
        qr: ent.dynamicQr('CLUS1'),
        usableRange: { departments: ['fw'], users: ['alice'] },
      });
      expect(bound.status).toBe(201);
      await liveOnB.next(
        'binding',
        'CLUS1 active, streamed on node B',
        (e) => e.sn === 'CLUS1' && e.status === 'active',
      );
    } finally {
      liveOnB.close();
    }
    const detail = await carol.call<{ online: boolean; binding: { status: string } }>('GET', '/devices/CLUS1');
    expect(detail.body).toMatchObject({ online: true, binding: { status: 'active' } });

    const opened = await carol.call<{ result: { opened: boolean; code: string } }>('POST', '/devices/CLUS1/door');
    expect(opened.status).toBe(200);
    expect(opened.body.result).toMatchObject({ opened: true, code: '' });
    expect(sim.output()).toMatch(/door opened for carol/);
  });

  it("a node that starts leaves the live nodes' devices online", async () => {
    await until('CLUS1 stored online', async () => ((await stored('CLUS1')).online ? true : null));
    const nodeC = await startNode('node-c');
    try {
      // Node C is ready: whatever it marks offline at its start is marked.
      expect((await stored('CLUS1')).online).toBe(true);
    } finally {
      expect(await nodeC.stop()).toBe(0);
    }
    // A node stopping cleanly marks only its own devices offline, too.
    expect((await stored('CLUS1')).online).toBe(true);
  });

  it('node B killed with -9: node A marks its devices offline', async () => {
    nodeB.proc.kill('SIGKILL');
    // B's liveness key expires (10 s), then A's next round claims B and marks its devices offline.
    await until('CLUS1 stored offline', async () => ((await stored('CLUS1')).online ? null : true), 25_000, 250);
    const carol = ent.person('acme', 'carol');
    expect((await carol.call<{ online: boolean }>('GET', '/devices/CLUS1')).body.online).toBe(false);
    expect(ent.gw.logs()).toMatch(/node is gone: its devices marked offline/);
  }, 40_000);
});
