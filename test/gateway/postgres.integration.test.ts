// A gateway on the PostgreSQL store, end to end: a real gateway process on `--store postgres://…`, a
// simulated device over MQTT that a member binds through the Person API, records stored exactly once
// — also across a kill -9 of the gateway in the middle of the stream, after which a gateway on
// another data directory (another node on the same database) carries on.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Flash } from '../../simulator/flash.js';
import { readRecordLog } from '../../simulator/modules/records.js';
import { type Enterprise, PUBLIC_URL, startEnterprise } from '../helpers/enterprise.js';
import { startGateway, tempDir } from '../helpers/processes.js';
import { expectStoredExactlyOnce, listAll, storedRows as storedRowsOf } from '../helpers/records.js';
import { runSimDevice, type SimProcess } from '../helpers/sim.js';
import { pgDatabase } from '../helpers/stores.js';
import { until } from '../helpers/until.js';

let ent: Enterprise;
let store: string;
const stateDir = tempDir('hwbind-pg-sim-');
const running: SimProcess[] = [];

beforeAll(async () => {
  store = await pgDatabase();
  ent = await startEnterprise({ face: ['PGF1', 'PGF2'] }, { store });
});

afterAll(async () => {
  await Promise.all(running.map((p) => p.stop()));
  expect(await ent?.gw.stop()).toBe(0);
});

function sim(sn: string, args: string[]): SimProcess {
  const p = runSimDevice({ bundleFile: ent.devices.get(sn)!.bundleFile, stateDir, mqttUrl: ent.gw.mqttUrl, sn, args });
  running.push(p);
  return p;
}

const flashDir = (sn: string) => Flash.forDevice(stateDir, sn).dir;

const storedRows = (sn: string) => storedRowsOf(store, sn);

const settled = (sn: string, device: SimProcess, generated: number) => () =>
  readRecordLog(flashDir(sn)).length === generated && device.flash()?.records.length === 0 ? true : null;

/** carol (a member) binds the device for her own department; resolves once the binding is active. */
async function memberBinds(sn: string, device: SimProcess): Promise<void> {
  const carol = ent.person('acme', 'carol');
  const bound = await carol.call('POST', '/bindings', { qr: ent.dynamicQr(sn), usableRange: { departments: ['fw'] } });
  expect(bound.status, JSON.stringify(bound.body)).toBe(201);
  expect(bound.body).toMatchObject({ sn, status: 'pending' });
  await until(
    `${sn} active`,
    async () => {
      const r = await carol.call<{ binding: { status: string } }>('GET', `/devices/${sn}`);
      return r.body.binding?.status === 'active' ? true : null;
    },
    30_000,
  );
  await until(`${sn} holds its directory`, () => ((device.flash()?.directory.users.length ?? 0) >= 1 ? true : null));
}

describe('a gateway on PostgreSQL', () => {
  it('keeps nothing of the store in its data directory: a member binds a device, its records are stored once', async () => {
    const COUNT = 150;
    const device = sim('PGF1', ['--punch-rate', '60', '--punch-count', String(COUNT)]);
    await device.online(1, 60_000);
    await memberBinds('PGF1', device);
    await until('PGF1 settled', settled('PGF1', device, COUNT), 60_000);
    await expectStoredExactlyOnce(ent.person('acme', 'carol'), 'PGF1', flashDir('PGF1'), COUNT);
    expect(await storedRows('PGF1')).toEqual(Array.from({ length: COUNT }, (_, i) => ({ seq: i + 1, n: 1 })));
    expect(existsSync(join(ent.data, 'hwbind.db'))).toBe(false);
  }, 120_000);

  it('a kill -9 mid-stream, then a gateway on another data directory: every record stored exactly once', async () => {
    const COUNT = 400;
    const device = sim('PGF2', ['--punch-rate', '80', '--punch-count', String(COUNT)]);
    await device.online(1, 60_000);
    await memberBinds('PGF2', device);
    const alice = ent.person('acme', 'alice');
    await until(
      'records flowing',
      async () => ((await listAll(alice, '/devices/PGF2/records')).length >= 80 ? true : null),
      30_000,
    );
    const killed = new Promise((resolve) => ent.gw.proc.once('exit', resolve));
    ent.gw.proc.kill('SIGKILL');
    await killed;
    const before = readRecordLog(flashDir('PGF2')).length;
    await until('records queued while the gateway is down', () =>
      readRecordLog(flashDir('PGF2')).length >= Math.min(COUNT, before + 40) ? true : null,
    );
    // Another node: the same database, a data directory of its own, the port the device knows.
    ent.gw = await startGateway({
      data: tempDir('hwbind-pg-node2-'),
      store,
      args: ['--public-url', PUBLIC_URL, '--mqtt-port', new URL(ent.gw.mqttUrl).port],
      env: { HWBIND_ADMIN_TOKEN: ent.adminToken },
    });
    await until('PGF2 settled', settled('PGF2', device, COUNT), 60_000);
    await expectStoredExactlyOnce(ent.person('acme', 'carol'), 'PGF2', flashDir('PGF2'), COUNT);
    expect(await storedRows('PGF2')).toEqual(Array.from({ length: COUNT }, (_, i) => ({ seq: i + 1, n: 1 })));
    // The binding carried on with the store: still active on the new node.
    const shown = await ent.person('acme', 'carol').call<{ binding: { status: string } }>('GET', '/devices/PGF2');
    expect(shown.body.binding.status).toBe('active');
  }, 150_000);
});
