// The usable-range directory on devices, end to end: a real gateway, a bare MQTT device that shows
// exactly which DirectorySync messages arrive (full on bind, increments after a directory import
// through the admin API, catch-up after a reconnect, one full sync in place of several unanswered
// ones, a full sync for a stale hello or a DirectoryRequest, nothing after an unbind), and a
// simulated device whose flash follows the range.
import type { MqttClient } from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BodyOf, type Envelope, envelope } from '../../protocol/messages.js';
import { connected, type Inbox, publish, subscribeOwn } from '../helpers/devices.js';
import { ACME, type Enterprise, startEnterprise } from '../helpers/enterprise.js';
import { tempDir } from '../helpers/processes.js';
import { runSimDevice, type SimProcess } from '../helpers/sim.js';
import { until } from '../helpers/until.js';

let ent: Enterprise;
const running: SimProcess[] = [];

beforeAll(async () => {
  ent = await startEnterprise({ face: ['DIRFACE1'], label: ['DIRLBL1'] });
});

afterAll(async () => {
  await Promise.all(running.map((p) => p.stop()));
  expect(await ent?.gw.stop()).toBe(0);
});

/** ACME with lines replaced (a directory edited by HR) and lines added to its members. */
function acme(edit: { replace?: [string, string][]; addMembers?: string[] } = {}): string {
  let text = ACME;
  for (const [from, to] of edit.replace ?? []) {
    if (!text.includes(from)) throw new Error(`ACME has no ${from}`);
    text = text.replace(from, to);
  }
  return text.replace('apps:\n', `${(edit.addMembers ?? []).map((m) => `  - ${m}\n`).join('')}apps:\n`);
}

const importDirectory = (text: string) => ent.admin('PUT', '/corps/acme/directory', text, 'application/yaml');

/** A device of nothing but MQTT: it answers what the test tells it to and shows everything it receives. */
class BareDevice {
  client!: MqttClient;
  inbox!: Inbox;
  private seen = 0;

  constructor(readonly sn: string) {}

  async connect(): Promise<void> {
    this.client = await connected(ent.gw.mqttUrl, { sn: this.sn, secret: ent.devices.get(this.sn)!.secret, model: '' });
    this.inbox = await subscribeOwn(this.client, this.sn);
    this.seen = 0;
  }

  async hello(directoryVersion: number, bindingId = ''): Promise<BodyOf<'helloAck'>> {
    const h = envelope('hello', { model: 'R200', firmwareVersion: '1.0.0', directoryVersion, bindingId });
    await publish(this.client, this.sn, 'up/hello', h);
    return (await this.inbox.waitFor((m) => m.env.replyTo === h.id)).env.helloAck!;
  }

  /** The next DirectorySync after the ones already taken. */
  async nextSync(): Promise<{ env: Envelope; sync: BodyOf<'directorySync'> }> {
    const index = this.seen;
    const env = await until(`DirectorySync #${index + 1} on ${this.sn}`, () => this.syncs()[index] ?? null, 5000);
    this.seen += 1;
    return { env, sync: env.directorySync! };
  }

  private syncs(): Envelope[] {
    return this.inbox.received.filter((m) => m.env.body === 'directorySync').map((m) => m.env);
  }

  syncsReceived(): number {
    return this.syncs().length;
  }

  ack(env: Envelope): Promise<unknown> {
    return publish(this.client, this.sn, 'up/reply', envelope('ack', {}, { replyTo: env.id }));
  }

  close(): Promise<void> {
    return this.client.endAsync();
  }
}

const FRANK = '{userid: frank, name: Frank New, role: member, departments: [fw], visibility: {departments: [fw]}}';

const users = (sync: BodyOf<'directorySync'>) =>
  (sync.upserts ?? []).map((u) => ({ userid: u.userid, name: u.name, departmentIds: u.departmentIds }));

describe('a device bound with a usable range', () => {
  it('gets a full sync on bind, increments after imports, catches up after reconnecting, nothing after unbind', async () => {
    const dev = new BareDevice('DIRLBL1');
    await dev.connect();
    expect((await dev.hello(0)).directoryVersion ?? 0).toBe(0);
    const carol = ent.person('acme', 'carol');
    const bound = await carol.call<{ bindingId: string }>('POST', '/bindings', {
      sn: 'DIRLBL1',
      verifyCode: ent.labelCode('DIRLBL1'),
      usableRange: { departments: ['rd'], users: ['alice'] },
    });
    expect(bound.status).toBe(201);
    await dev.ack((await dev.inbox.body('bindNotice')).env);

    // Bound: the people of rd (and below) plus alice, in full.
    const first = await dev.nextSync();
    expect(first.sync).toMatchObject({ full: true, version: 1 });
    expect(users(first.sync)).toEqual([
      { userid: 'alice', name: 'Alice Admin', departmentIds: ['hq'] },
      { userid: 'carol', name: 'Carol Member', departmentIds: ['fw'] },
    ]);
    await dev.ack(first.env);

    // HR renames carol and hires frank into firmware: an increment on top of version 1.
    const withFrank = acme({ replace: [['Carol Member,', 'Carol Smith,']], addMembers: [FRANK] });
    await importDirectory(withFrank);
    const second = await dev.nextSync();
    expect(second.sync).toMatchObject({ version: 2, baseVersion: 1 });
    expect(second.sync.full).toBeFalsy();
    expect(users(second.sync)).toEqual([
      { userid: 'carol', name: 'Carol Smith', departmentIds: ['fw'] },
      { userid: 'frank', name: 'Frank New', departmentIds: ['fw'] },
    ]);
    expect(second.sync.removedUserids ?? []).toEqual([]);
    await dev.ack(second.env);

    // Offline: frank leaves. The increment waits in the outbox and arrives after the next hello.
    await dev.close();
    await importDirectory(acme({ replace: [['Carol Member,', 'Carol Smith,']] }));
    await dev.connect();
    expect((await dev.hello(2, bound.body.bindingId)).directoryVersion).toBe(3);
    const third = await dev.nextSync();
    expect(third.sync).toMatchObject({ version: 3, baseVersion: 2, removedUserids: ['frank'] });
    expect(third.sync.upserts ?? []).toEqual([]);
    await dev.ack(third.env);

    // Offline through two imports: one full sync replaces the unanswered increment.
    await dev.close();
    await importDirectory(withFrank);
    await importDirectory(acme({ replace: [['Carol Member,', 'Carol Jones,']], addMembers: [FRANK] }));
    await dev.connect();
    expect((await dev.hello(3, bound.body.bindingId)).directoryVersion).toBe(5);
    const fourth = await dev.nextSync();
    expect(fourth.sync).toMatchObject({ full: true, version: 5 });
    expect(users(fourth.sync).map((u) => `${u.userid}:${u.name}`)).toEqual([
      'alice:Alice Admin',
      'carol:Carol Jones',
      'frank:Frank New',
    ]);
    await dev.ack(fourth.env);
    // A hello at the latest version gets no sync: the HelloAck of a second hello comes after anything the
    // first one set off, and still one sync arrived since the reconnect.
    await dev.hello(5, bound.body.bindingId);
    expect(dev.syncsReceived()).toBe(1);

    // A device that lost its directory says hello with an old version: a full sync at the latest one.
    await dev.hello(1, bound.body.bindingId);
    const fifth = await dev.nextSync();
    expect(fifth.sync).toMatchObject({ full: true, version: 5 });
    await dev.ack(fifth.env);
    // And a device that asks gets one too.
    await publish(dev.client, dev.sn, 'up/directory', envelope('directoryRequest', { haveVersion: 0 }));
    const sixth = await dev.nextSync();
    expect(sixth.sync).toMatchObject({ full: true, version: 5 });
    expect(users(sixth.sync)).toHaveLength(3);
    await dev.ack(sixth.env);

    // Unbound: the device wipes on the UnbindNotice; the gateway has no directory for it any more.
    expect((await ent.person('acme', 'alice').call('DELETE', '/devices/DIRLBL1/binding')).status).toBe(204);
    await dev.ack((await dev.inbox.body('unbindNotice')).env);
    const before = dev.syncsReceived();
    await importDirectory(withFrank);
    expect((await dev.hello(0)).directoryVersion ?? 0).toBe(0);
    // A second round trip: whatever the first hello set off has arrived by its answer.
    await dev.hello(0);
    expect(dev.syncsReceived()).toBe(before);
    expect(dev.inbox.received.filter((m) => m.env.body === 'error')).toEqual([]);
    await dev.close();
  });
});

describe('a simulated device', () => {
  it('holds the people of its range and drops a person who leaves it', async () => {
    await importDirectory(ACME);
    const sim = runSimDevice({
      bundleFile: ent.devices.get('DIRFACE1')!.bundleFile,
      stateDir: tempDir('hwbind-dir-sim-'),
      mqttUrl: ent.gw.mqttUrl,
      sn: 'DIRFACE1',
    });
    running.push(sim);
    await until('online', () => (sim.output().includes('DIRFACE1 online') ? true : null), 60_000);
    const alice = ent.person('acme', 'alice');
    const bound = await alice.call('POST', '/bindings', {
      qr: ent.dynamicQr('DIRFACE1'),
      usableRange: { departments: ['ops'] },
    });
    expect(bound.status).toBe(201);
    const held = () => (sim.flash()?.directory.users ?? []).map((u) => u.userid).sort();
    await until('the ops people on the device', () => (held().join() === 'bob,dave,erin' ? true : null));
    // erin moves to firmware: she leaves the device's range and the device.
    await importDirectory(
      acme({
        replace: [['Erin Member, role: member, departments: [ops]', 'Erin Member, role: member, departments: [fw]']],
      }),
    );
    await until('erin removed from the device', () => (held().join() === 'bob,dave' ? true : null));
    const version = sim.flash()!.directory.version;
    expect(version).toBeGreaterThanOrEqual(2);
    // Unbound: the device holds nobody.
    expect((await alice.call('DELETE', '/devices/DIRFACE1/binding')).status).toBe(204);
    await until('directory wiped', () => (sim.flash()?.directory.version === 0 && held().length === 0 ? true : null));
  });
});
