// Three gateway nodes on one PostgreSQL database and one Redis, as real processes, with simulated
// devices that know all three (`--mqtt-url B,A,C`): a member binds, through HTTP on node A, devices
// connected to node B and they go active; the devices punch a stream of records, and one downloads a
// firmware upgrade asked for on A; a directory import on A adds a person to their usable range (node
// B judges that person's records as in range at once); then node B is killed with -9. Its devices
// reconnect to A and C, every record is stored exactly once, the bindings carry on and the upgrade
// ends succeeded on the node the device moved to. A CONNECT captured on one node is refused on another.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { keys } from '../../gateway/cluster/redis.js';
import type { Api, ResponseOf } from '../../protocol/api.js';
import { signDeviceCredentials } from '../../protocol/credentials.js';
import { buildFirmwareImage, generateVendorKeys } from '../../protocol/firmware.js';
import { Flash } from '../../simulator/flash.js';
import { RECORD_LOG } from '../../simulator/modules/records.js';
import { runningSlot } from '../../simulator/slots.js';
import { connectDevice, connected } from '../helpers/devices.js';
import { ACME, type Enterprise, startEnterprise } from '../helpers/enterprise.js';
import { type GatewayProcess, startGateway, tempDir } from '../helpers/processes.js';
import { expectStoredExactlyOnce, listAll, storedRows as storedRowsOf } from '../helpers/records.js';
import { type RedisServer, startRedis } from '../helpers/redis.js';
import { runSimDevice, type SimProcess } from '../helpers/sim.js';
import { pgDatabase } from '../helpers/stores.js';
import { until } from '../helpers/until.js';

type Job = ResponseOf<Api['person.getJob']>;

const vendor = generateVendorKeys();
/** 600 KiB, 38 chunks of 16 KiB: with a slow flash the download is still going when B dies. */
const PAYLOAD = Buffer.alloc(600 * 1024, 0x5a);
/** The devices on node B at first; FOA1 starts on A. FOB1 downloads the upgrade. */
const ON_B = ['FOB1', 'FOB2', 'FOB3'];
const ALL = [...ON_B, 'FOA1'];
const COUNT = 360;

let redis: RedisServer;
let redisClient: Redis;
let store: string;
/** Node A: the enterprise's gateway, where people call the Person API. */
let ent: Enterprise;
let nodeB: GatewayProcess;
let nodeC: GatewayProcess;
const stateDir = tempDir('hwbind-failover-sim-');
const sims = new Map<string, SimProcess>();

const nodeArgs = (node: string) => ['--redis', redis.url, '--node-id', node];

const startNode = (node: string) =>
  startGateway({
    data: tempDir(`hwbind-${node}-`),
    store,
    args: ['--public-url', ent.publicUrl, ...nodeArgs(node)],
    env: { HWBIND_ADMIN_TOKEN: ent.adminToken },
  });

const flashDir = (sn: string) => Flash.forDevice(stateDir, sn).dir;
/** Records the device has punched so far: complete lines of its record log (it may be appending one). */
function punched(sn: string): number {
  const log = join(flashDir(sn), RECORD_LOG);
  return existsSync(log) ? (readFileSync(log, 'utf8').match(/\n/g)?.length ?? 0) : 0;
}
const carol = () => ent.person('acme', 'carol');
const holder = (sn: string) => redisClient.hget(keys.holders, sn);

const storedRows = (sn: string) => storedRowsOf(store, sn);

beforeAll(async () => {
  redis = await startRedis();
  redisClient = new Redis(redis.url);
  store = await pgDatabase();
  ent = await startEnterprise({ face: ALL }, { store, vendorKey: vendor.publicKeyPem, args: nodeArgs('node-a') });
  [nodeB, nodeC] = await Promise.all([startNode('node-b'), startNode('node-c')]);
  const image = buildFirmwareImage(
    { model: 'T1000', version: '1.1.0', payload: PAYLOAD, buildTime: 1_764_000_000 },
    vendor.privateKeyPem,
  );
  await ent.publishFirmware(image);
}, 90_000);

afterAll(async () => {
  await Promise.all([...sims.values()].map((p) => p.stop()));
  redisClient?.disconnect();
  for (const node of [nodeB, nodeC])
    if (node?.proc.exitCode === null && node.proc.signalCode === null) await node.stop();
  expect(await ent?.gw.stop()).toBe(0);
  await redis?.stop();
});

describe('three nodes on PostgreSQL and Redis', () => {
  it('a CONNECT captured on node A is refused on node C (CONNACK 4)', async () => {
    const bundle = { sn: 'FOA1', secret: ent.devices.get('FOA1')!.secret, model: 'T1000' };
    const creds = signDeviceCredentials('FOA1', bundle.secret);
    await (await connected(ent.gw.mqttUrl, bundle, creds)).endAsync();
    const replayed = await connectDevice(nodeC.mqttUrl, bundle, creds);
    expect('refused' in replayed && replayed.refused).toBe(4);
  });

  it('binds devices of node B from node A; node B killed with -9 mid-stream and mid-upgrade: nothing lost', async () => {
    const vendorKey = join(stateDir, 'vendor.pub');
    writeFileSync(vendorKey, vendor.publicKeyPem);
    const [a, b, c] = [ent.gw.mqttUrl, nodeB.mqttUrl, nodeC.mqttUrl];
    for (const sn of ALL) {
      const sim = runSimDevice({
        bundleFile: ent.devices.get(sn)!.bundleFile,
        stateDir,
        // B's devices try A next or C next: after B dies they spread over both.
        mqttUrl: sn === 'FOA1' ? [a, b, c].join(',') : sn === 'FOB2' ? [b, c, a].join(',') : [b, a, c].join(','),
        sn,
        args: [
          '--punch-rate',
          '20',
          '--punch-count',
          String(COUNT),
          '--vendor-key',
          vendorKey,
          ...(sn === 'FOB1' ? ['--flash-write-ms', '300'] : []),
        ],
      });
      sims.set(sn, sim);
    }
    await Promise.all([...sims.values()].map((s) => s.online(1, 30_000)));
    for (const sn of ON_B) expect(await holder(sn)).toBe('node-b');

    // (1) Bound through HTTP on node A, each goes active (its Ack comes back through B).
    for (const sn of ALL) {
      const bound = await carol().call('POST', '/bindings', {
        qr: ent.dynamicQr(sn),
        usableRange: { departments: ['fw'] },
      });
      expect(bound.status, JSON.stringify(bound.body)).toBe(201);
    }
    for (const sn of ALL) {
      await until(
        `${sn} active`,
        async () => {
          const r = await carol().call<{ binding: { status: string } }>('GET', `/devices/${sn}`);
          return r.body.binding?.status === 'active' ? true : null;
        },
        30_000,
      );
    }

    await until(
      'records flowing from every device',
      async () => {
        for (const sn of ALL) if ((await listAll(carol(), `/devices/${sn}/records`)).length < 20) return null;
        return true;
      },
      30_000,
    );
    // Frank joins carol's department on A: the devices' range grows by him, on every node (B judged
    // their records against the range it cached before).
    await ent.admin(
      'PUT',
      '/corps/acme/directory',
      ACME.replace(
        'apps:\n',
        '  - {userid: frank, name: Frank Field, role: member, departments: [fw], visibility: {departments: [fw]}}\napps:\n',
      ),
      'application/yaml',
    );
    await until(
      "frank's records judged on node B",
      async () => {
        for (const sn of ON_B) {
          const listed = await listAll(carol(), `/devices/${sn}/records`);
          if (!listed.some((r) => r.userid === 'frank')) return null;
        }
        return true;
      },
      30_000,
    );

    // An upgrade asked for on A, downloaded from B (which loads the job from the store).
    const asked = await carol().call<{ job: Job }>('POST', '/devices/FOB1/firmware/upgrade', { version: '1.1.0' });
    expect(asked.status, JSON.stringify(asked.body)).toBe(202);
    const fob1 = sims.get('FOB1')!;
    await until('FOB1 downloading from B', () => ((fob1.flash()?.otaJob?.bytesDone ?? 0) > 0 ? true : null), 30_000);
    expect(await Promise.all(ON_B.map(holder))).toEqual(ON_B.map(() => 'node-b'));
    expect(fob1.flash()!.otaJob!.bytesDone).toBeLessThan(PAYLOAD.length);
    for (const sn of ON_B) expect(punched(sn)).toBeLessThan(COUNT);

    // (2) B dies in the middle of both.
    const killed = new Promise((resolve) => nodeB.proc.once('exit', resolve));
    nodeB.proc.kill('SIGKILL');
    await killed;
    for (const sn of ON_B) {
      await until(
        `${sn} back on A or C`,
        async () => {
          const h = await holder(sn);
          return h === 'node-a' || h === 'node-c' ? h : null;
        },
        30_000,
      );
    }
    const movedTo = await Promise.all(ON_B.map(holder));
    expect(new Set(movedTo)).toEqual(new Set(['node-a', 'node-c']));

    for (const sn of ALL) {
      const sim = sims.get(sn)!;
      await until(
        `${sn} settled`,
        () => (punched(sn) === COUNT && sim.flash()?.records.length === 0 ? true : null),
        60_000,
      ).catch((err: Error) => {
        const said = sim
          .output()
          .split('\n')
          .filter((line) => !line.startsWith('status:'));
        throw new Error(`${err.message} (punched ${punched(sn)}); it said:\n${said.slice(-40).join('\n')}`);
      });
      await expectStoredExactlyOnce(carol(), sn, flashDir(sn), COUNT);
      expect(await storedRows(sn)).toEqual(Array.from({ length: COUNT }, (_, i) => ({ seq: i + 1, n: 1 })));
    }

    // The upgrade carried on where the device went, to success.
    const job = await until(
      'the upgrade ended',
      async () => {
        const r = await carol().call<Job>('GET', `/jobs/${asked.body.job.id}`);
        return ['succeeded', 'failed', 'rolled_back', 'cancelled'].includes(r.body.state) ? r.body : null;
      },
      60_000,
    );
    expect(job).toMatchObject({ state: 'succeeded', percent: 100 });
    expect(fob1.output()).toMatch(/resuming at [1-9]\d* of \d+ bytes/);
    expect(runningSlot(fob1.flash()!)).toMatchObject({ version: '1.1.0', state: 'confirmed' });

    // The bindings carried on: active, the devices online, on whichever node they are.
    for (const sn of ALL) {
      const r = await carol().call<{ online: boolean; binding: { status: string } }>('GET', `/devices/${sn}`);
      expect(r.body, sn).toMatchObject({ online: true, binding: { status: 'active' } });
    }
  }, 150_000);
});
