// Enrollment end to end: a real gateway, real `hwbind sim device` processes whose sensors are made
// deterministic through --capture, people calling the Person API and watching the server-sent events.
// The happy paths for fingerprint and face with the template synced to the corp's other devices of
// the same vendor (and only where the usable range and the sensors allow), every failure path, cancel,
// the device's and the gateway's timeouts, a device going offline, and the refusals.

import { copyFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { MqttClient } from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Api, ResponseOf } from '../../protocol/api.js';
import { sha256 } from '../../protocol/firmware.js';
import { envelope } from '../../protocol/messages.js';
import { verificationCode } from '../../protocol/qr.js';
import { runFleet, type StepResult } from '../../simulator/fleet.js';
import { parseScenario } from '../../simulator/scenario.js';
import { connected, type Inbox, publish, subscribeOwn } from '../helpers/devices.js';
import { type Enterprise, type PersonClient, startEnterprise } from '../helpers/enterprise.js';
import { openLiveEvents } from '../helpers/events.js';
import { cli, tempDir } from '../helpers/processes.js';
import { runSimDevice, type SimProcess } from '../helpers/sim.js';
import { until } from '../helpers/until.js';

const FP = 2;
const FACE = 1;

/** What the Person API answers for an enrollment (and what its live events carry). */
type EnrollmentBody = ResponseOf<Api['person.getEnrollment']>;

let ent: Enterprise;
const stateDir = tempDir('hwbind-enroll-sim-');
const sims = new Map<string, SimProcess>();
const streams: EventStream[] = [];
let zeta: { sn: string; bundleFile: string; secret: string };
let bare: { client: MqttClient; inbox: Inbox } | null = null;

// Acme: hq ⊃ rd ⊃ fw (carol), hq ⊃ ops (bob, dave, erin); alice is in hq.
const T1 = 'ENRFACE1'; // bound by carol: fw + alice
const T2 = 'ENRFACE2'; // bound by alice: everyone
const T3 = 'ENRFACE3'; // bound by alice: ops only
const T4 = 'ENRFACE4'; // bound while off: the binding stays pending
const T5 = 'ENRFACE5'; // a bare protocol-level device that never captures
const T6 = 'ENRFACE6'; // run by a fleet scenario
const R1 = 'ENRREAD1'; // fingerprint reader of the same vendor, bound by alice: everyone
const Z1 = 'ENRZETA1'; // another vendor's terminal, bound by alice: everyone

function sim(sn: string, args: string[] = []): SimProcess {
  const bundleFile = sn === Z1 ? zeta.bundleFile : ent.devices.get(sn)!.bundleFile;
  const p = runSimDevice({ bundleFile, stateDir, mqttUrl: ent.gw.mqttUrl, sn, args });
  sims.set(sn, p);
  return p;
}

/** Restarts a device's firmware with other sensor conditions (its flash stays). */
async function restart(sn: string, args: string[]): Promise<SimProcess> {
  await sims.get(sn)?.stop();
  const p = sim(sn, args);
  await p.online();
  return p;
}

const person = (userid: string): PersonClient => ent.person('acme', userid);

async function bind(sn: string, body: Record<string, unknown>, who = person('alice')): Promise<void> {
  const r = await who.call('POST', '/bindings', body);
  expect(r.status, `binding ${sn}: ${JSON.stringify(r.body)}`).toBe(201);
}

async function active(sn: string): Promise<void> {
  await until(`${sn} active`, async () => {
    const r = await person('alice').call<{ binding: { status: string } }>('GET', `/devices/${sn}`);
    return r.body.binding?.status === 'active' ? true : null;
  });
}

async function start(who: PersonClient, sn: string, body: Record<string, unknown>): Promise<EnrollmentBody> {
  const r = await who.call<EnrollmentBody>('POST', `/devices/${sn}/enrollments`, body);
  expect(r.status, JSON.stringify(r.body)).toBe(202);
  return r.body;
}

async function ended(id: string, who = person('alice'), timeoutMs = 20_000): Promise<EnrollmentBody> {
  return until(
    `enrollment ${id} ended`,
    async () => {
      const r = await who.call<EnrollmentBody>('GET', `/enrollments/${id}`);
      return r.body.status === 'requested' || r.body.status === 'capturing' ? null : r.body;
    },
    timeoutMs,
  );
}

const templatesOf = (sn: string) => sims.get(sn)!.flash()?.templates ?? [];
const holds = (sn: string, userid: string, kind: number, sha256?: string) =>
  templatesOf(sn).some((t) => t.userid === userid && t.kind === kind && (!sha256 || t.sha256 === sha256));

/** A person's server-sent events, parsed as they arrive. */
interface EventStream {
  events: { type: string; data: Record<string, unknown> }[];
  enrollment(id: string): EnrollmentBody[];
  waitFor(what: string, pred: (e: EnrollmentBody) => boolean): Promise<EnrollmentBody>;
  close(): void;
}

async function openEvents(who: PersonClient): Promise<EventStream> {
  const live = await openLiveEvents(ent.gw.httpUrl, who.token);
  const enrollments = () => live.of('enrollment') as unknown as EnrollmentBody[];
  const stream: EventStream = {
    events: live.events,
    enrollment: (id) => enrollments().filter((e) => e.id === id),
    waitFor: (what, pred) => until(what, () => enrollments().find(pred) ?? null, 20_000),
    close: () => live.close(),
  };
  streams.push(stream);
  return stream;
}

beforeAll(async () => {
  ent = await startEnterprise({ face: [T1, T2, T3, T4, T5, T6], label: [R1] });
  // Another vendor's model and device, registered by that vendor's tooling on the same data directory.
  const model = cli([
    'vendor',
    'model',
    'add',
    '--data',
    ent.data,
    '--id',
    'Z700',
    '--name',
    'Zeta terminal',
    '--vendor',
    'zeta',
    '--capabilities',
    'face,fingerprint,door',
  ]);
  expect(model.code, model.stderr).toBe(0);
  const device = cli(['vendor', 'device', 'add', '--data', ent.data, '--model', 'Z700', '--sn', Z1]);
  expect(device.code, device.stderr).toBe(0);
  const bundleFile = join(ent.data, `${Z1}.json`);
  writeFileSync(bundleFile, device.stdout);
  zeta = { sn: Z1, bundleFile, secret: device.json<{ secret: string }>().secret };

  // One at a time: each device boots within the helper's window even on a busy machine.
  for (const sn of [T1, T2, T3, R1, Z1]) await sim(sn).online();
  await bind(T1, { qr: ent.dynamicQr(T1), usableRange: { departments: ['fw'], users: ['alice'] } }, person('carol'));
  await bind(T2, { qr: ent.dynamicQr(T2), usableRange: { departments: ['hq'] } });
  await bind(T3, { qr: ent.dynamicQr(T3), usableRange: { departments: ['ops'] } });
  await bind(R1, { sn: R1, verifyCode: ent.labelCode(R1), usableRange: { departments: ['hq'] } });
  await bind(Z1, { sn: Z1, verifyCode: verificationCode(zeta.secret, Z1), usableRange: { departments: ['hq'] } });
  await bind(T4, { qr: ent.dynamicQr(T4), usableRange: { departments: ['hq'] } });
  await Promise.all([T1, T2, T3, R1, Z1].map(active));
}, 120_000);

afterAll(async () => {
  for (const s of streams) s.close();
  await bare?.client.endAsync();
  await Promise.all([...sims.values()].map((p) => p.stop()));
  expect(await ent?.gw.stop()).toBe(0);
});

describe('fingerprint: enrolled once, recognised on the vendor’s devices that hold the person', () => {
  let carolFp: EnrollmentBody;

  it('refuses a person outside the usable range, and nothing reaches the device', async () => {
    const carol = person('carol');
    const outside = await carol.call('POST', `/devices/${T1}/enrollments`, { userid: 'erin', kind: 'fingerprint' });
    expect(outside.status).toBe(403);
    expect(outside.body.error?.code).toBe('user_out_of_range');
    expect(outside.body.error?.message).toContain('erin');
    // A device admin is bound by the range too.
    const admin = await person('alice').call('POST', `/devices/${T1}/enrollments`, { userid: 'dave', kind: 'face' });
    expect(admin.status).toBe(403);
    expect(admin.body.error?.code).toBe('user_out_of_range');
    expect(
      (await carol.call<{ enrollments: unknown[] }>('GET', `/devices/${T1}/enrollments`)).body.enrollments,
    ).toEqual([]);
  });

  it('captures three presses with live progress, stores the template and syncs it', async () => {
    const carol = person('carol');
    const carolEvents = await openEvents(carol);
    const bobEvents = await openEvents(person('bob'));
    const started = await start(carol, T1, { userid: 'carol', kind: 'fingerprint' });
    expect(started).toMatchObject({
      sn: T1,
      userid: 'carol',
      kind: 'fingerprint',
      status: 'requested',
      samplesRequired: 3,
      requestedBy: 'carol',
      timeoutS: 60,
      template: null,
    });
    carolFp = await ended(started.id, carol);
    expect(carolFp).toMatchObject({ status: 'completed', percent: 100, samples: 3, code: null });
    expect(carolFp.template?.algorithm).toBe('hwbind-sim-fp-1');

    // Live: every press to the person who started it, and the end to the device admins too.
    const live = await carolEvents.waitFor('carol completed', (e) => e.id === started.id && e.status === 'completed');
    expect(live).toMatchObject({ sn: T1, userid: 'carol', kind: 'fingerprint', percent: 100 });
    const progress = carolEvents.enrollment(started.id).filter((e) => e.status === 'capturing');
    expect(progress.map((e) => e.samples)).toEqual([1, 2, 3]);
    expect(progress.map((e) => e.percent)).toEqual([33, 67, 100]);
    expect(progress[0]!.hint).toMatch(/same finger/);
    await bobEvents.waitFor('bob sees the end', (e) => e.id === started.id && e.status === 'completed');

    // The device that captured it holds it; the vendor's other devices holding carol get it.
    expect(holds(T1, 'carol', FP, carolFp.template!.sha256)).toBe(true);
    await until('synced to the other terminal', () => holds(T2, 'carol', FP, carolFp.template!.sha256) || null);
    await until('synced to the reader', () => holds(R1, 'carol', FP, carolFp.template!.sha256) || null);
    expect(sims.get(T1)!.output()).not.toMatch(/of (erin|dave)/);
    const listed = await carol.call<{ enrollments: EnrollmentBody[] }>('GET', `/devices/${T1}/enrollments`);
    expect(listed.body.enrollments.map((e) => e.id)).toEqual([started.id]);
  });

  it('reaches only devices whose range holds the person, of the same vendor', async () => {
    // Erin is in ops: T3 holds her, T1 does not. Her sync reaches T3 after carol's would have.
    const erin = await ended((await start(person('alice'), T2, { userid: 'erin', kind: 'fingerprint' })).id);
    expect(erin.status).toBe('completed');
    await until('erin synced to T3', () => holds(T3, 'erin', FP, erin.template!.sha256) || null);
    expect(holds(T3, 'carol', FP)).toBe(false);
    await until('erin synced to the reader', () => holds(R1, 'erin', FP) || null);
    // The other vendor's device: its own enrollment goes through after anything queued for it before.
    const own = await ended((await start(person('alice'), Z1, { userid: 'alice', kind: 'fingerprint' })).id);
    expect(own.status).toBe('completed');
    expect(templatesOf(Z1).map((t) => t.userid)).toEqual(['alice']);
    // … and its template stays with its vendor: T2 gets the next sync of its own vendor, not alice's.
    const dave = await ended((await start(person('alice'), T3, { userid: 'dave', kind: 'fingerprint' })).id);
    await until('dave synced to T2', () => holds(T2, 'dave', FP, dave.template!.sha256) || null);
    expect(holds(T2, 'alice', FP)).toBe(false);
    expect(holds(T1, 'erin', FP) || holds(T1, 'dave', FP)).toBe(false);
  });
});

describe('face', () => {
  let bobFace: EnrollmentBody;

  it('captures a live, centred face and syncs it to terminals, not to fingerprint readers', async () => {
    const alice = person('alice');
    const events = await openEvents(alice);
    const started = await start(alice, T2, { userid: 'bob', kind: 'face' });
    expect(started.samplesRequired).toBe(5);
    bobFace = await ended(started.id);
    expect(bobFace).toMatchObject({ status: 'completed', kind: 'face', percent: 100 });
    expect(bobFace.template?.algorithm).toBe('hwbind-sim-face-1');
    expect(events.enrollment(started.id).map((e) => e.status)).toEqual([
      'requested',
      'capturing',
      'capturing',
      'capturing',
      'capturing',
      'capturing',
      'completed',
    ]);
    await until('bob’s face on T3', () => holds(T3, 'bob', FACE, bobFace.template!.sha256) || null);
    // The reader has no camera: the next fingerprint sync reaches it without bob's face.
    const next = await ended((await start(alice, T2, { userid: 'bob', kind: 'fingerprint' })).id);
    await until('bob’s fingerprint on the reader', () => holds(R1, 'bob', FP, next.template!.sha256) || null);
    expect(holds(R1, 'bob', FACE)).toBe(false);
  });

  it('refuses a face already enrolled for someone else on the device (synced there)', async () => {
    await restart(T3, ['--capture', 'face=bob']);
    const events = await openEvents(person('bob'));
    const r = await ended((await start(person('bob'), T3, { userid: 'erin', kind: 'face' })).id, person('bob'));
    expect(r).toMatchObject({ status: 'failed', code: 'duplicate_face', template: null });
    await events.waitFor('the failure, live', (e) => e.id === r.id && e.code === 'duplicate_face');
    expect(holds(T3, 'erin', FACE)).toBe(false);
    // Bob himself may enroll his face again there.
    const again = await ended((await start(person('bob'), T3, { userid: 'bob', kind: 'face' })).id);
    expect(again.status).toBe('completed');
    expect(again.template?.sha256).toBe(bobFace.template?.sha256);
  });

  it('refuses a kind the model has no sensor for', async () => {
    const r = await person('alice').call('POST', `/devices/${R1}/enrollments`, { userid: 'erin', kind: 'face' });
    expect(r.status).toBe(409);
    expect(r.body.error?.code).toBe('capability_missing');
  });
});

describe('failures, cancel and timeouts', () => {
  it('fails with combine_mismatch when presses come from different fingers', async () => {
    await restart(R1, ['--capture', 'mismatch=100%']);
    const alice = person('alice');
    const events = await openEvents(alice);
    const r = await ended((await start(alice, R1, { userid: 'alice', kind: 'fingerprint' })).id);
    expect(r).toMatchObject({ status: 'failed', code: 'combine_mismatch', template: null });
    expect(events.enrollment(r.id).some((e) => /another finger/.test(e.hint))).toBe(true);
    expect(holds(R1, 'alice', FP)).toBe(false);
  });

  it('times out on the device when no finger comes, with the hint shown live', async () => {
    await restart(T1, ['--capture', 'noFinger=100%']);
    const carol = person('carol');
    const events = await openEvents(carol);
    const started = await start(carol, T1, { userid: 'alice', kind: 'fingerprint', timeoutS: 5 });
    const hint = await events.waitFor('the hint', (e) => e.id === started.id && e.status === 'capturing');
    expect(hint).toMatchObject({ samples: 0, percent: 0, hint: 'place your finger on the sensor' });
    const r = await ended(started.id, carol);
    expect(r).toMatchObject({ status: 'timed_out', code: null, template: null });
    expect(holds(T1, 'alice', FP)).toBe(false);
  });

  it('allows one running enrollment per device, cancels it, and the device leaves its capture', async () => {
    const carol = person('carol');
    const events = await openEvents(carol);
    const first = await start(carol, T1, { userid: 'carol', kind: 'fingerprint' });
    await events.waitFor('capturing', (e) => e.id === first.id && e.status === 'capturing');
    const busy = await carol.call('POST', `/devices/${T1}/enrollments`, { userid: 'alice', kind: 'fingerprint' });
    expect(busy.status).toBe(409);
    expect(busy.body.error?.code).toBe('busy');
    // Only a person allowed to manage the device may cancel it.
    expect((await person('erin').call('DELETE', `/enrollments/${first.id}`)).body.error?.code).toBe(
      'device_permission_denied',
    );
    const cancelled = await carol.call<EnrollmentBody>('DELETE', `/enrollments/${first.id}`);
    expect(cancelled.status).toBe(200);
    expect(cancelled.body).toMatchObject({ id: first.id, status: 'cancelled' });
    await events.waitFor('cancelled, live', (e) => e.id === first.id && e.status === 'cancelled');
    expect((await carol.call<EnrollmentBody>('DELETE', `/enrollments/${first.id}`)).body.status).toBe('cancelled');
    // The device took the cancel: it captures the next one instead of answering busy.
    const next = await start(carol, T1, { userid: 'carol', kind: 'fingerprint' });
    await events.waitFor('the next one captures', (e) => e.id === next.id && e.status === 'capturing');
    expect((await carol.call<EnrollmentBody>('GET', `/enrollments/${first.id}`)).body.status).toBe('cancelled');
    expect((await carol.call('DELETE', `/enrollments/${next.id}`)).status).toBe(200);
    await until('the device reported the cancel', () =>
      sims.get(T1)!.output().includes(`enrollment ${next.id}: ENROLLMENT_STATUS_CANCELLED`) ? true : null,
    );
  });

  it('fails with device_offline when the device drops mid-capture, and refuses to start while it is off', async () => {
    const carol = person('carol');
    const events = await openEvents(carol);
    const started = await start(carol, T1, { userid: 'carol', kind: 'fingerprint' });
    await events.waitFor('capturing', (e) => e.id === started.id && e.status === 'capturing');
    sims.get(T1)!.proc.kill('SIGKILL');
    const r = await ended(started.id, carol);
    expect(r).toMatchObject({ status: 'failed', code: 'device_offline' });
    const off = await carol.call('POST', `/devices/${T1}/enrollments`, { userid: 'carol', kind: 'fingerprint' });
    expect(off.status).toBe(409);
    expect(off.body.error?.code).toBe('device_offline');
    // Back with good sensors: the stale capture is gone and a new enrollment completes.
    await restart(T1, []);
    const ok = await ended((await start(carol, T1, { userid: 'alice', kind: 'fingerprint' })).id, carol);
    expect(ok.status).toBe('completed');
  });

  it('times out on the gateway when the device never reports, and tells the device to stop', async () => {
    const sn = T5;
    const client = await connected(ent.gw.mqttUrl, { sn, secret: ent.devices.get(sn)!.secret, model: 'T1000' });
    const inbox = await subscribeOwn(client, sn);
    bare = { client, inbox };
    await publish(client, sn, 'up/hello', envelope('hello', { model: 'T1000', firmwareVersion: '1.0.0' }));
    await inbox.body('helloAck');
    await bind(sn, { qr: ent.dynamicQr(sn), usableRange: { departments: ['hq'] } });
    const notice = await inbox.body('bindNotice');
    await publish(client, sn, 'up/reply', envelope('ack', {}, { replyTo: notice.env.id }));
    await active(sn);
    // Bound: it gets the templates of everyone in its range enrolled on the vendor's other devices.
    const syncs = () => inbox.received.filter((m) => m.env.body === 'templateSync');
    const nthSync = async (n: number) => {
      await inbox.waitFor(() => syncs().length >= n);
      const m = syncs()[n - 1]!;
      await publish(client, sn, 'up/reply', envelope('ack', {}, { replyTo: m.env.id }));
      return m.env.templateSync!;
    };
    const onBind = await nthSync(1);
    expect(onBind.removedUserids).toEqual(expect.arrayContaining(['bob', 'carol', 'erin']));
    expect(onBind.upserts).toContainEqual(expect.objectContaining({ userid: 'bob', kind: FACE }));
    expect(onBind.upserts).toContainEqual(expect.objectContaining({ userid: 'erin', kind: FP }));
    const erinsStored = onBind.upserts!.filter((t) => t.userid === 'erin');

    const started = await start(person('alice'), sn, { userid: 'erin', kind: 'face', timeoutS: 5 });
    const order = await inbox.body('enrollmentStart');
    expect(order.env.enrollmentStart).toMatchObject({
      operationId: started.id,
      userid: 'erin',
      kind: FACE,
      timeoutS: 5,
      samplesRequired: 5,
    });
    const cancel = await inbox.waitFor((m) => m.env.body === 'enrollmentCancel', 15_000);
    expect(cancel.env.enrollmentCancel?.operationId).toBe(started.id);
    expect(await ended(started.id)).toMatchObject({ status: 'timed_out', code: 'device_timeout' });

    // A template that comes after the end is not accepted: the device is told to replace erin's
    // templates with the stored ones (her fingerprint, no face).
    const face = Buffer.alloc(64, 7);
    const template = (sha: Buffer) => ({ userid: 'erin', kind: FACE, algorithm: 'x-face-9', data: face, sha256: sha });
    await publish(
      client,
      sn,
      'up/enrollment',
      envelope('enrollmentResult', { operationId: started.id, status: 1, template: template(sha256(face)) }),
    );
    const takeBack = await nthSync(2);
    expect(takeBack.removedUserids).toEqual(['erin']);
    expect(takeBack.upserts).toEqual(erinsStored);
    const list = await person('alice').call<{ enrollments: EnrollmentBody[] }>('GET', `/devices/${sn}/enrollments`);
    expect(list.body.enrollments[0]).toMatchObject({ id: started.id, status: 'timed_out', template: null });

    // A template whose SHA-256 does not match fails the enrollment, and is taken back too.
    const second = await start(person('alice'), sn, { userid: 'erin', kind: 'face' });
    await inbox.waitFor((m) => m.env.enrollmentStart?.operationId === second.id);
    await publish(
      client,
      sn,
      'up/enrollment',
      envelope('enrollmentResult', { operationId: second.id, status: 1, template: template(Buffer.alloc(32)) }),
    );
    expect(await ended(second.id)).toMatchObject({ status: 'failed', code: 'template_invalid', template: null });
    expect((await nthSync(3)).removedUserids).toEqual(['erin']);
    // Progress for an enrollment this device was never sent is refused.
    await publish(client, sn, 'up/enrollment', envelope('enrollmentProgress', { operationId: 'en_other', percent: 5 }));
    expect((await inbox.body('error')).env.error?.code).toBe('not_found');
  });
});

describe('a fleet scenario', () => {
  it("sets what happens at the fleet's sensors with an enroll step, through its worker processes", async () => {
    const bundles = tempDir('hwbind-enroll-fleet-');
    copyFileSync(ent.devices.get(T6)!.bundleFile, join(bundles, `${T6}.json`));
    const scenario = parseScenario(
      [
        'name: mismatching fingers',
        'steps:',
        '  - connect: { within: 30s }',
        '  - enroll: { kind: fingerprint, mismatch: 100% }',
        '  - hold: 8s',
        '  - expect: { connected: 100% }',
      ].join('\n'),
    );
    let stepDone: (step: StepResult) => void = () => {};
    const enrollStep = new Promise<StepResult>((resolve) => {
      stepDone = (step) => step.kind === 'enroll' && resolve(step);
    });
    const fleet = runFleet({
      scenario,
      bundlesDir: bundles,
      mqttUrl: ent.gw.mqttUrl,
      stateDir: tempDir('hwbind-enroll-fleet-state-'),
      // In a worker process: the step travels fleet → worker → group → device.
      workers: 1,
      onStep: (step) => stepDone(step),
    });
    await bind(T6, { qr: ent.dynamicQr(T6), usableRange: { departments: ['hq'] } });
    await active(T6);
    expect((await enrollStep).passed).toBe(true);
    const r = await ended((await start(person('alice'), T6, { userid: 'dave', kind: 'fingerprint' })).id);
    expect(r).toMatchObject({ status: 'failed', code: 'combine_mismatch' });
    const report = await fleet;
    expect(report.passed, JSON.stringify(report.steps)).toBe(true);
  });
});

describe('who may enroll', () => {
  it('a member only on devices they bound; a pending binding is not enough; other corps see nothing', async () => {
    const carol = person('carol');
    const notMine = await carol.call('POST', `/devices/${T2}/enrollments`, { userid: 'carol', kind: 'fingerprint' });
    expect(notMine.status).toBe(403);
    expect(notMine.body.error?.code).toBe('device_permission_denied');
    const pending = await person('alice').call('POST', `/devices/${T4}/enrollments`, {
      userid: 'alice',
      kind: 'fingerprint',
    });
    expect(pending.status).toBe(409);
    expect(pending.body.error?.code).toBe('binding_not_active');
    const olga = ent.person('globex', 'olga');
    const foreign = await olga.call('POST', `/devices/${T1}/enrollments`, { userid: 'olga', kind: 'fingerprint' });
    expect(foreign.status).toBe(404);
    expect(foreign.body.error?.code).toBe('device_not_found');
    const [mine] = (await carol.call<{ enrollments: EnrollmentBody[] }>('GET', `/devices/${T1}/enrollments`)).body
      .enrollments;
    expect((await olga.call('GET', `/enrollments/${mine!.id}`)).body.error?.code).toBe('not_found');
    expect((await person('erin').call('GET', `/enrollments/${mine!.id}`)).body.error?.code).toBe(
      'device_permission_denied',
    );
    expect((await person('bob').call('GET', `/enrollments/${mine!.id}`)).status).toBe(200);
  });

  it('checks the request', async () => {
    const alice = person('alice');
    for (const body of [
      { userid: 'alice', kind: 'iris' },
      { userid: 'alice', kind: 'face', timeoutS: 2 },
      { userid: 'alice', kind: 'face', timeoutS: 301 },
      { kind: 'face' },
    ]) {
      const r = await alice.call('POST', `/devices/${T2}/enrollments`, body);
      expect(r.status, JSON.stringify(body)).toBe(400);
      expect(r.body.error?.code).toBe('invalid_argument');
    }
    expect((await alice.call('GET', '/enrollments/en_nope')).body.error?.code).toBe('not_found');
  });
});
