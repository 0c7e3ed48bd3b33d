// Firmware upgrades end to end: a real gateway with a published catalog, real `hwbind sim device`
// processes (the simulated firmware, with its vendor key) over real MQTT, people calling the Person
// API and following the live events. The success path (the registry ends with the new version
// running from a confirmed slot), each fault a device can meet (a damaged chunk, a signature its key
// does not verify, the power going while writing or before the confirm, a failing self-test, the
// gateway restarting mid-download — the device always boots a valid image and the job ends in the
// right state), and the refusals: an unbound device, a pending binding and another member's device
// never receive a firmware message (checked on the device's side, by what it received before a
// later message that does reach it).
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { MqttClient } from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Api, ResponseOf } from '../../protocol/api.js';
import { buildFirmwareImage, generateVendorKeys } from '../../protocol/firmware.js';
import { bodyOf, envelope } from '../../protocol/messages.js';
import { verificationCode } from '../../protocol/qr.js';
import { runFleet, type StepResult } from '../../simulator/fleet.js';
import { parseScenario } from '../../simulator/scenario.js';
import { runningSlot } from '../../simulator/slots.js';
import { connected, type Inbox, publish, subscribeOwn } from '../helpers/devices.js';
import { type Enterprise, type PersonClient, startEnterprise } from '../helpers/enterprise.js';
import { type LiveEvents, openLiveEvents } from '../helpers/events.js';
import { ROOT, tempDir } from '../helpers/processes.js';
import { runSimDevice, type SimProcess } from '../helpers/sim.js';
import { until } from '../helpers/until.js';

type Job = ResponseOf<Api['person.getJob']>;
type Firmware = ResponseOf<Api['person.deviceFirmware']>;

const MODEL = 'F100';
const vendor = generateVendorKeys();
/** 600 KiB: 38 chunks of 16 KiB, more than the 256 KiB a device syncs its offset at. */
const PAYLOAD = Buffer.alloc(600 * 1024, 0x3c);
const image = (version: string) =>
  buildFirmwareImage({ model: MODEL, version, payload: PAYLOAD, buildTime: 1_764_000_000 }, vendor.privateKeyPem);

let ent: Enterprise;
let live: LiveEvents;
const stateDir = tempDir('hwbind-ota-sim-');
let keyFile: string;
const secrets = new Map<string, string>();
const bundles = new Map<string, string>();
const sims = new Map<string, SimProcess>();
const bare: MqttClient[] = [];

const person = (userid: string): PersonClient => ent.person('acme', userid);

async function addDevice(sn: string): Promise<void> {
  const bundle = await ent.admin<{ secret: string }>('POST', '/devices', { sn, model: MODEL });
  secrets.set(sn, bundle.secret);
  bundles.set(sn, join(ent.data, `${sn}.json`));
  writeFileSync(bundles.get(sn)!, JSON.stringify(bundle));
}

function sim(sn: string, args: string[] = []): SimProcess {
  const p = runSimDevice({
    bundleFile: bundles.get(sn)!,
    stateDir,
    mqttUrl: ent.gw.mqttUrl,
    sn,
    args: ['--vendor-key', keyFile, '--firmware', '1.0.0', ...args],
  });
  sims.set(sn, p);
  return p;
}

async function bind(sn: string, who = person('carol'), users = ['carol']): Promise<void> {
  const r = await who.call('POST', '/bindings', {
    sn,
    verifyCode: verificationCode(secrets.get(sn)!, sn),
    usableRange: { users },
  });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
}

async function active(sn: string): Promise<void> {
  await until(`${sn} active`, async () => {
    const r = await person('alice').call<{ binding: { status: string } }>('GET', `/devices/${sn}`);
    return r.body.binding?.status === 'active' ? true : null;
  });
}

/** A simulated device, online and bound by carol. */
async function boundSim(sn: string, args: string[] = []): Promise<SimProcess> {
  const p = sim(sn, args);
  // A new simulator process on a machine busy with the whole suite can take a while to start.
  await p.online(1, 60_000);
  await bind(sn);
  await active(sn);
  return p;
}

async function upgrade(sn: string, version: string, who = person('carol'), more: Record<string, unknown> = {}) {
  return who.call<{ job: Job }>('POST', `/devices/${sn}/firmware/upgrade`, { version, ...more });
}

async function ended(id: string, timeoutMs = 60_000): Promise<Job> {
  return until(
    `job ${id} ended`,
    async () => {
      const r = await person('carol').call<Job>('GET', `/jobs/${id}`);
      return ['succeeded', 'failed', 'rolled_back', 'cancelled'].includes(r.body.state) ? r.body : null;
    },
    timeoutMs,
  );
}

/** The device runs `version` from a confirmed slot, by its own flash. */
function runs(sn: string, version: string): void {
  const flash = sims.get(sn)!.flash()!;
  expect(runningSlot(flash)).toMatchObject({ version, state: 'confirmed' });
}

beforeAll(async () => {
  ent = await startEnterprise({});
  keyFile = join(ent.data, 'vendor.pub');
  writeFileSync(keyFile, vendor.publicKeyPem);
  await ent.admin('POST', '/models', {
    id: MODEL,
    name: 'Face terminal',
    capabilities: 'face,fingerprint,door,screen',
    vendorKey: vendor.publicKeyPem,
  });
  for (const sn of [
    'OTAOK1',
    'OTACRPT1',
    'OTASIG1',
    'OTACUT1',
    'OTACONF1',
    'OTASELF1',
    'OTARST1',
    'OTAREF1',
    'OTAREF2',
  ])
    await addDevice(sn);
  for (const version of ['1.1.0', '0.9.0']) await ent.publishFirmware(image(version), `Release ${version}`);
  live = await openLiveEvents(ent.gw.httpUrl, person('carol').token);
}, 120_000);

afterAll(async () => {
  live?.close();
  for (const c of bare) c.end(true);
  await Promise.all([...sims.values()].map((p) => p.stop()));
  await ent?.gw.stop();
});

describe('an upgrade that works', () => {
  it('a member upgrades her device: offered, downloaded, verified, installed on trial, confirmed — live and in the registry', async () => {
    const dev = await boundSim('OTAOK1');
    const before = await person('carol').call<Firmware>('GET', '/devices/OTAOK1/firmware');
    expect(before.body).toMatchObject({ current: '1.0.0', job: null });
    expect(before.body.available).toMatchObject([
      { version: '1.1.0', newer: true, releaseNotes: 'Release 1.1.0' },
      { version: '0.9.0', newer: false },
    ]);
    const r = await upgrade('OTAOK1', '1.1.0');
    expect(r.status, JSON.stringify(r.body)).toBe(202);
    expect(r.body.job).toMatchObject({ sn: 'OTAOK1', version: '1.1.0', fromVersion: '1.0.0', state: 'queued' });
    const job = await ended(r.body.job.id);
    expect(job).toMatchObject({ state: 'succeeded', percent: 100, code: null, requestedBy: 'carol' });
    runs('OTAOK1', '1.1.0');
    expect(dev.output()).toContain('firmware 1.1.0 installed');
    // Live: the states in order, the download's percent rising to 100 with its remaining time.
    const seen = live.of('firmware').filter((e) => e.id === job.id) as Job[];
    const states = seen.map((e) => e.state).filter((s, i, all) => s !== all[i - 1]);
    expect(states).toEqual(['queued', 'downloading', 'verifying', 'applying', 'rebooting', 'succeeded']);
    const percents = seen.filter((e) => e.state === 'downloading').map((e) => e.percent);
    expect(percents).toEqual([...percents].sort((a, b) => a - b));
    expect(percents.at(-1)).toBe(100);
    expect(seen.some((e) => e.state === 'downloading' && e.remainingS !== null)).toBe(true);
    // The registry: the new version, from a confirmed slot (the hello report is stored within a second).
    const registry = await until('the registry reports 1.1.0', async () => {
      const d = await ent.admin<{
        firmwareVersion: string;
        slots: { version: string; state: string; active: boolean }[];
      }>('GET', '/devices/OTAOK1', undefined);
      return d.firmwareVersion === '1.1.0' ? d : null;
    });
    expect(registry.slots.find((s) => s.active)).toMatchObject({ version: '1.1.0', state: 'confirmed' });
    const after = await person('carol').call<Firmware>('GET', '/devices/OTAOK1/firmware');
    expect(after.body).toMatchObject({ current: '1.1.0', job: { id: job.id, state: 'succeeded' } });
    expect(after.body.available.map((v) => v.version)).toEqual(['0.9.0']);
  });

  it('refuses what a device must not get, and changes nothing', async () => {
    const carol = person('carol');
    const expectations: [Promise<{ status: number; body: { error?: { code: string } } }>, number, string][] = [
      [upgrade('OTAOK1', '0.9.0'), 409, 'downgrade'],
      [upgrade('OTAOK1', '1.1.0'), 409, 'conflict'],
      [upgrade('OTAOK1', '7.7.7'), 404, 'not_found'],
      [upgrade('OTAOK1', '1.1.0', person('erin')), 403, 'device_permission_denied'],
      [upgrade('OTAOK1', '1.1.0', ent.person('globex', 'olga')), 404, 'device_not_found'],
      [carol.call('POST', '/devices/OTAOK1/firmware/upgrade', { version: '' }), 400, 'invalid_argument'],
    ];
    for (const [call, status, code] of expectations) {
      const r = await call;
      expect([r.status, r.body.error?.code]).toEqual([status, code]);
    }
    const latest = await carol.call<Firmware>('GET', '/devices/OTAOK1/firmware');
    expect(latest.body.job?.state).toBe('succeeded');
    expect((await person('erin').call('GET', `/jobs/${latest.body.job!.id}`)).status).toBe(403);
    expect((await person('alice').call('GET', `/jobs/${latest.body.job!.id}`)).status).toBe(200);
  });

  it('an explicit downgrade is installed like an upgrade', async () => {
    const r = await upgrade('OTAOK1', '0.9.0', person('carol'), { allowDowngrade: true });
    expect(r.status, JSON.stringify(r.body)).toBe(202);
    expect(await ended(r.body.job.id)).toMatchObject({ state: 'succeeded', fromVersion: '1.1.0' });
    runs('OTAOK1', '0.9.0');
  });
});

describe('faults on the device', () => {
  // [device, fault, how the job ends, its code, the version the device runs after]
  const cases: [string, string, Job['state'], string | null, string][] = [
    ['OTACRPT1', 'corruptChunk', 'failed', 'fw_image_mismatch', '1.0.0'],
    ['OTASIG1', 'wrongSignature', 'failed', 'fw_bad_signature', '1.0.0'],
    ['OTACUT1', 'powerCutWhileWriting', 'succeeded', null, '1.1.0'],
    ['OTACONF1', 'powerCutBeforeConfirm', 'rolled_back', 'fw_not_confirmed', '1.0.0'],
    ['OTASELF1', 'failSelfTest', 'rolled_back', 'fw_not_confirmed', '1.0.0'],
  ];
  it.each(cases)(
    '%s with %s: the job ends %s (%s), the device runs %s from a confirmed slot',
    async (sn, fault, state, code, version) => {
      const dev = await boundSim(sn, ['--ota-fault', fault]);
      const r = await upgrade(sn, '1.1.0');
      expect(r.status, JSON.stringify(r.body)).toBe(202);
      const job = await ended(r.body.job.id);
      expect([job.state, job.code]).toEqual([state, code]);
      await until(`${sn} online after the job`, () => (dev.flash()?.otaJob === null ? true : null));
      runs(sn, version);
      expect(dev.output()).toContain('fault: ');
      if (fault === 'powerCutWhileWriting') expect(dev.output()).toMatch(/resuming at \d+ of \d+ bytes/);
    },
    120_000,
  );
});

describe('the gateway restarts mid-download', () => {
  it('the device resumes from the offset it kept and the job ends succeeded', async () => {
    const dev = await boundSim('OTARST1', ['--flash-write-ms', '150']);
    const r = await upgrade('OTARST1', '1.1.0');
    expect(r.status).toBe(202);
    await until(
      'past the first synced offset',
      () => ((dev.flash()?.otaJob?.bytesDone ?? 0) >= 256 * 1024 ? true : null),
      60_000,
    );
    await ent.restart();
    const job = await ended(r.body.job.id, 90_000);
    expect(job.state).toBe('succeeded');
    expect(dev.output()).toMatch(/resuming at (26214[4-9]|2[6-9]\d{4}|[3-9]\d{5}) of \d+ bytes/);
    runs('OTARST1', '1.1.0');
    live.close();
    live = await openLiveEvents(ent.gw.httpUrl, person('carol').token);
  }, 180_000);
});

describe('a fleet scenario with firmware faults', () => {
  it('binds ten devices, arms a fault on half of them, upgrades all: every job ends as its fault makes right', async () => {
    const dir = tempDir('hwbind-ota-fleet-');
    for (let i = 1; i <= 10; i++) {
      const sn = `OTAFLEET${String(i).padStart(2, '0')}`;
      const bundle = await ent.admin('POST', '/devices', { sn, model: MODEL });
      writeFileSync(join(dir, `${sn}.json`), JSON.stringify(bundle));
    }
    const scenario = parseScenario(
      readFileSync(join(ROOT, 'simulator', 'scenarios', 'ota-faults.yaml'), 'utf8'),
      'ota-faults.yaml',
    );
    const steps: StepResult[] = [];
    const report = await runFleet({
      scenario,
      bundlesDir: dir,
      gateway: ent.gw.httpUrl,
      token: ent.adminToken,
      mqttUrls: [ent.gw.mqttUrl],
      vendorPublicKey: vendor.publicKeyPem,
      stateDir: tempDir('hwbind-ota-fleet-state-'),
      onStep: (step) => steps.push(step),
    });
    expect(steps.map((st) => [st.kind, st.passed, st.failure])).toEqual([
      ['connect', true, undefined],
      ['bind', true, undefined],
      ['otaFaults', true, undefined],
      ['upgrade', true, undefined],
      ['expect', true, undefined],
    ]);
    expect(report.tallies).toMatchObject({ upgradesAsked: 10, upgradesSucceeded: 6, upgradesAsExpected: 10 });
  }, 240_000);
});

describe('who never receives a firmware message', () => {
  const firmwareMessages = (inbox: Inbox) =>
    inbox.received.filter((m) => m.env.body === 'firmwareOffer' || m.env.body === 'firmwareChunk');

  async function bareDevice(sn: string): Promise<{ client: MqttClient; inbox: Inbox }> {
    const client = await connected(ent.gw.mqttUrl, { sn, secret: secrets.get(sn)!, model: MODEL });
    bare.push(client);
    const inbox = await subscribeOwn(client, sn);
    await publish(client, sn, 'up/hello', envelope('hello', { model: MODEL, firmwareVersion: '1.0.0' }));
    await inbox.body('helloAck');
    return { client, inbox };
  }

  it('an unbound device and a device whose binding is pending: refused, and nothing reaches them', async () => {
    const { client, inbox } = await bareDevice('OTAREF1');
    for (const who of ['carol', 'alice']) {
      const r = await upgrade('OTAREF1', '1.1.0', person(who));
      expect([r.status, r.body.error?.code]).toEqual([404, 'device_not_found']);
    }
    // Alice binds it; the device holds the notice without acknowledging: pending.
    await bind('OTAREF1', person('alice'), []);
    const notice = await inbox.body('bindNotice');
    const pending = await upgrade('OTAREF1', '1.1.0', person('alice'));
    expect([pending.status, pending.body.error?.code]).toEqual([409, 'binding_not_active']);
    // A round trip the gateway does answer: a hello gets its HelloAck and the BindNotice again.
    const hello = envelope('hello', { model: MODEL, firmwareVersion: '1.0.0' });
    await publish(client, 'OTAREF1', 'up/hello', hello);
    await inbox.waitFor((m) => m.env.replyTo === hello.id);
    await inbox.waitFor((m) => m.env.body === 'bindNotice' && m.env.id === notice.env.id && m !== notice);
    expect(firmwareMessages(inbox)).toEqual([]);
  });

  it("another member's device: refused; the offer its binder then asks for is the first firmware message it sees", async () => {
    const { client, inbox } = await bareDevice('OTAREF2');
    await bind('OTAREF2');
    const notice = await inbox.body('bindNotice');
    await publish(client, 'OTAREF2', 'up/reply', envelope('ack', {}, { replyTo: notice.env.id }));
    await active('OTAREF2');
    for (const who of ['erin', 'dave']) {
      const r = await upgrade('OTAREF2', '1.1.0', person(who));
      expect([r.status, r.body.error?.code]).toEqual([403, 'device_permission_denied']);
    }
    const r = await upgrade('OTAREF2', '1.1.0');
    expect(r.status).toBe(202);
    const offer = await inbox.body('firmwareOffer');
    expect(firmwareMessages(inbox)).toEqual([offer]);
    expect(bodyOf(offer.env, 'firmwareOffer')).toMatchObject({ jobId: r.body.job.id, bindingId: expect.any(String) });
  });
});
