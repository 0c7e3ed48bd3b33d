// Remote door open end to end: a real gateway and a real simulated device open the door and record
// the opening (method remote); a device that never answers ends the request in 504 device_timeout
// after 3 s; the rules decide who may open, and only an active binding opens anything.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { envelope } from '../../protocol/messages.js';
import { connected, publish, subscribeOwn } from '../helpers/devices.js';
import { type Enterprise, startEnterprise } from '../helpers/enterprise.js';
import { tempDir } from '../helpers/processes.js';
import { runSimDevice, type SimProcess } from '../helpers/sim.js';
import { until } from '../helpers/until.js';

let ent: Enterprise;
const running: SimProcess[] = [];

beforeAll(async () => {
  ent = await startEnterprise({ face: ['DOORF1', 'DOORF2'], label: ['DOORL1'] });
});

afterAll(async () => {
  await Promise.all(running.map((p) => p.stop()));
  expect(await ent?.gw.stop()).toBe(0);
});

interface DoorAnswer {
  result: { operationId: string; opened: boolean; code: string };
}

describe('a member opens the door of a device they bound', () => {
  it('opens, and the opening becomes a record of the person who asked (method remote)', async () => {
    const sim = runSimDevice({
      bundleFile: ent.devices.get('DOORF1')!.bundleFile,
      stateDir: tempDir('hwbind-door-sim-'),
      mqttUrl: ent.gw.mqttUrl,
      sn: 'DOORF1',
    });
    running.push(sim);
    await until('online', () => (sim.output().includes('DOORF1 online') ? true : null), 60_000);
    const carol = ent.person('acme', 'carol');
    const bound = await carol.call('POST', '/bindings', {
      qr: ent.dynamicQr('DOORF1'),
      usableRange: { departments: ['fw'], users: ['alice'] },
    });
    expect(bound.status).toBe(201);
    await until('active', async () =>
      (await carol.call<{ binding: { status: string } }>('GET', '/devices/DOORF1')).body.binding?.status === 'active'
        ? true
        : null,
    );

    const opened = await carol.call<DoorAnswer>('POST', '/devices/DOORF1/door');
    expect(opened.status).toBe(200);
    expect(opened.body.result).toMatchObject({ opened: true, code: '' });
    expect(opened.body.result.operationId).toMatch(/^door_/);
    // bob is a device admin outside the device's usable range: he may open it, and his opening is
    // recorded, not refused (the rules allowed it, not the range).
    expect((await ent.person('acme', 'bob').call<DoorAnswer>('POST', '/devices/DOORF1/door')).body.result.opened).toBe(
      true,
    );
    // erin neither bound it nor administers devices.
    const erin = await ent.person('acme', 'erin').call('POST', '/devices/DOORF1/door');
    expect(erin.status).toBe(403);
    expect(erin.body.error?.code).toBe('device_permission_denied');

    const records = await until('both openings recorded', async () => {
      const r = await ent
        .person('acme', 'alice')
        .call<{ records: { userid: string; method: string; status: string }[] }>('GET', '/devices/DOORF1/records');
      return r.body.records.length >= 2 ? r.body.records : null;
    });
    expect(records.map((r) => [r.userid, r.method, r.status]).sort()).toEqual([
      ['bob', 'remote', 'stored'],
      ['carol', 'remote', 'stored'],
    ]);

    // Offline: the answer is immediate, not a 3 s wait.
    await sim.stop();
    await until('offline', async () =>
      (await carol.call<{ online: boolean }>('GET', '/devices/DOORF1')).body.online === false ? true : null,
    );
    const offline = await carol.call('POST', '/devices/DOORF1/door');
    expect(offline.status).toBe(504);
    expect(offline.body.error).toMatchObject({ code: 'device_timeout', message: expect.stringMatching(/offline/) });
  });
});

describe('a device that never answers', () => {
  it('ends the request with 504 device_timeout after 3 s', async () => {
    const sn = 'DOORL1';
    const client = await connected(ent.gw.mqttUrl, { sn, secret: ent.devices.get(sn)!.secret, model: 'R200' });
    try {
      const inbox = await subscribeOwn(client, sn);
      await publish(client, sn, 'up/hello', envelope('hello', { model: 'R200', firmwareVersion: '1.0.0' }));
      await inbox.body('helloAck');
      const alice = ent.person('acme', 'alice');
      expect((await alice.call('POST', '/bindings', { sn, verifyCode: ent.labelCode(sn) })).status).toBe(201);
      await publish(client, sn, 'up/reply', envelope('ack', {}, { replyTo: (await inbox.body('bindNotice')).env.id }));
      await until('active', async () =>
        (await alice.call<{ binding: { status: string } }>('GET', `/devices/${sn}`)).body.binding?.status === 'active'
          ? true
          : null,
      );
      const started = Date.now();
      const r = await alice.call('POST', `/devices/${sn}/door`);
      const took = Date.now() - started;
      expect(r.status).toBe(504);
      expect(r.body.error?.code).toBe('device_timeout');
      expect(took).toBeGreaterThanOrEqual(2900);
      // The command reached the device (straight, not through the outbox).
      expect((await inbox.body('doorOpen')).env.doorOpen?.requestedBy).toBe('alice');
    } finally {
      await client.endAsync();
    }
  });
});

describe('a binding the device has not acknowledged', () => {
  it('opens nothing: 409 binding_not_active', async () => {
    const alice = ent.person('acme', 'alice');
    expect((await alice.call('POST', '/bindings', { qr: ent.dynamicQr('DOORF2') })).status).toBe(201);
    const r = await alice.call('POST', '/devices/DOORF2/door');
    expect(r.status).toBe(409);
    expect(r.body.error?.code).toBe('binding_not_active');
  });
});
