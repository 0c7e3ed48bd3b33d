// `hwbind conformance` end to end: a real gateway as the harness, real simulated devices over MQTT and
// over a serial line (a socat pty pair), the kit as a real process for the correct devices and
// in-process for the defect matrix. The kit passes a correct device on either transport and writes
// its reports; every defect of the simulator is caught by exactly the check it is meant for (and no
// other check of its group fails); the harness answers only the admin token and touches only the SN
// under test.
import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type PtyPair, startPtyPair } from '../../bench/serial-line.js';
import type { ConformanceReport } from '../../gateway/conformance/kit.js';
import { GROUPS, runConformance } from '../../gateway/conformance/kit.js';
import { summary } from '../../gateway/conformance/report.js';
import { buildFirmwareImage, generateVendorKeys } from '../../protocol/firmware.js';
import { encodeEnvelope, envelope } from '../../protocol/messages.js';
import { DEFECT_NAMES, type Defect } from '../../simulator/defects.js';
import { type AdminCall, adminApi, testAdminToken } from '../helpers/admin.js';
import { cli, type GatewayProcess, HWBIND, startGateway, tempDir } from '../helpers/processes.js';
import { runSimDevice, type SimProcess } from '../helpers/sim.js';
import { until } from '../helpers/until.js';

/** The one check each defect must fail. */
const CAUGHT_BY: Record<Defect, string> = {
  'hello-no-capabilities': 'boot.hello',
  'slot-state-unspecified': 'boot.slots',
  'hello-reused-id': 'boot.reconnect',
  'no-heartbeat': 'heartbeat.cadence',
  'skip-bind-ack': 'bind.ack',
  'directory-no-full-ack': 'directory.full',
  'directory-increment-keeps-version': 'directory.incremental',
  'directory-apply-gap': 'directory.stale',
  'no-enrollment-progress': 'enrollment.progress',
  'ignore-enrollment-cancel': 'enrollment.cancel',
  'no-enrollment-timeout': 'enrollment.timeout',
  'records-oversized-batch': 'records.batch-size',
  'records-seq-restart': 'records.seq',
  'records-no-resend': 'records.resend',
  'records-new-seq-on-resend': 'records.no-duplicates',
  'slow-door': 'door.result',
  'door-no-record': 'door.record',
  'no-error-reply': 'malformed.error-reply',
  'reset-on-malformed': 'malformed.keeps-going',
  'skip-unbind-ack': 'unbind.ack',
  'keep-data-after-unbind': 'unbind.wipe',
  'ota-ignore-window': 'ota.window',
  'ota-restart-after-drop': 'ota.resume',
  'ota-no-offer-check': 'ota.corrupt-chunk',
  'ota-accept-bad-signature': 'ota.bad-signature',
  'ota-never-confirm': 'ota.confirm',
  'ota-never-revert': 'ota.revert',
};

const ALL_CHECKS = GROUPS.flatMap((g) => g.checks.map((c) => c.id));
const vendor = generateVendorKeys();
/** 600 KiB: past the 256 KiB a device syncs its download at, so ota.resume sees a resume above 0. */
const PAYLOAD = Buffer.alloc(600 * 1024, 0x5a);
const image = (version: string) =>
  buildFirmwareImage({ model: 'T1000', version, payload: PAYLOAD, test: true }, vendor.privateKeyPem);
/** The OTA group's images: the kit's --failing-firmware is a build whose self-test fails on the simulator. */
const GOOD = '1.1.0';
const FAILING = '1.0.1';
/**
 * People pass the simulated devices steadily; nobody touches their sensors (the enrollment checks want
 * that); the vendor's key is built in, and one firmware version is a broken build.
 */
const SIM_ARGS = ['--punch-rate', '30', '--capture', 'noFinger=100%,noFace=100%', '--self-test-fails', FAILING];
const BAUD = 921600;

let gw: GatewayProcess;
let line: PtyPair;
let token: string;
let admin: AdminCall;
const dir = tempDir('hwbind-conformance-');
const sims: SimProcess[] = [];
const keyFile = join(dir, 'vendor.pub');
const goodFile = join(dir, `fw-${GOOD}.bin`);
const failingFile = join(dir, `fw-${FAILING}.bin`);

beforeAll(async () => {
  token = testAdminToken();
  line = await startPtyPair(dir, 'line');
  // A short heartbeat interval keeps the cadence check short; one device sits on a serial line.
  gw = await startGateway({
    args: ['--heartbeat-interval', '2', '--serial', `${line.b}:${BAUD}`],
    env: { HWBIND_ADMIN_TOKEN: token },
  });
  admin = adminApi(gw, token);
  await admin('POST', '/models', {
    id: 'T1000',
    name: 'Face terminal',
    capabilities: 'face,fingerprint,door,screen',
    vendorKey: vendor.publicKeyPem,
  });
  writeFileSync(keyFile, vendor.publicKeyPem);
  writeFileSync(goodFile, image(GOOD));
  writeFileSync(failingFile, image(FAILING));
});

afterAll(async () => {
  await Promise.all(sims.map((s) => s.stop()));
  await gw?.stop();
  await line?.stop();
});

/**
 * Registers a device and starts its simulator (with deliberate defects, if any) over MQTT, or on the
 * serial line; resolves once it is online.
 */
async function device(sn: string, defects: Defect[] = [], serial = false): Promise<SimProcess> {
  const bundle = await admin('POST', '/devices', { sn, model: 'T1000' });
  const bundleFile = join(dir, `${sn}.json`);
  writeFileSync(bundleFile, JSON.stringify(bundle));
  const sim = runSimDevice({
    bundleFile,
    stateDir: join(dir, 'flash'),
    mqttUrl: gw.mqttUrl,
    sn,
    args: [
      ...SIM_ARGS,
      '--vendor-key',
      keyFile,
      ...(serial ? ['--serial', `${line.a}:${BAUD}`] : []),
      ...(defects.length ? ['--defect', defects.join(',')] : []),
    ],
  });
  sims.push(sim);
  // Longer than the helper's wait: several devices and kits start at once on a shared machine.
  await until(`${sn} online`, () => (sim.output().includes(`${sn} online`) ? true : null), 60_000);
  return sim;
}

interface KitRun {
  code: number | null;
  out: string;
  report: ConformanceReport;
}

/** `hwbind conformance` as a process of its own (several run at once against the one gateway). */
function kit(sn: string, args: string[] = []): Promise<KitRun> {
  const json = join(dir, `${sn}.report.json`);
  const proc = spawn(
    process.execPath,
    [
      HWBIND,
      'conformance',
      '--gateway',
      gw.httpUrl,
      '--token',
      token,
      '--sn',
      sn,
      '--operator-wait',
      '15',
      '--json',
      json,
      '--firmware',
      goodFile,
      '--failing-firmware',
      failingFile,
      ...args,
    ],
    { env: { ...process.env, CI: 'true' }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let out = '';
  proc.stdout.on('data', (d) => (out += d));
  proc.stderr.on('data', (d) => (out += d));
  return new Promise((resolve, reject) => {
    proc.once('error', reject);
    proc.once('exit', (code) => {
      try {
        resolve({ code, out, report: JSON.parse(readFileSync(json, 'utf8')) as ConformanceReport });
      } catch (err) {
        reject(new Error(`no report from the kit (exit ${code}): ${(err as Error).message}\n${out}`));
      }
    });
  });
}

const statuses = (r: ConformanceReport) => Object.fromEntries(r.checks.map((c) => [c.id, c.status]));

/** What the matrix asks of each defect's run: exactly its check failed, none could not run, its section named. */
interface Verdict {
  defect: Defect;
  failed: string[];
  errors: string[];
  named: boolean;
}

/** A defective device's run of the kit (in-process: the CLI path is the correct runs'), only its check's group. */
async function verdict(defect: Defect, i: number): Promise<Verdict> {
  const check = CAUGHT_BY[defect];
  const sn = `CONFDEF${String(i).padStart(2, '0')}`;
  const sim = await device(sn, [defect]);
  const report = await runConformance({
    gateway: gw.httpUrl,
    token,
    sn,
    only: [check.split('.')[0]!],
    operatorWaitMs: 15_000,
    firmware: { good: readFileSync(goodFile), failing: readFileSync(failingFile) },
  });
  await sim.stop();
  const failed = report.checks.find((c) => c.id === check);
  return {
    defect,
    failed: report.checks.filter((c) => c.status === 'failed').map((c) => c.id),
    errors: report.checks.filter((c) => c.status === 'error').map((c) => `${c.id}: ${c.detail}`),
    // The failure says what the device did instead, under its section.
    named: summary(report).includes(`${check} (${failed?.section}): ${failed?.detail}`),
  };
}

/** The defects by the group of the check each must fail, the groups with the most first (the longest tests). */
const DEFECTS_BY_GROUP = GROUPS.map((g) => ({
  group: g.name,
  defects: DEFECT_NAMES.filter((d) => CAUGHT_BY[d].startsWith(`${g.name}.`)),
})).sort((a, b) => b.defects.length - a.defects.length);

it('has a simulator defect for every check of the kit', () => {
  expect(new Set(Object.values(CAUGHT_BY))).toEqual(new Set(ALL_CHECKS));
  expect(Object.keys(CAUGHT_BY).sort()).toEqual([...DEFECT_NAMES].sort());
});

// The correct runs and the defect matrix side by side against the one gateway: a test per group runs
// that group's defects at once (vitest runs at most five tests at a time).
describe.concurrent('the kit against simulated devices', () => {
  it('passes every check on a serial line', { timeout: 300_000 }, async () => {
    await device('CONFSER1', [], true);
    const run = await kit('CONFSER1');
    expect(statuses(run.report), run.out).toEqual(Object.fromEntries(ALL_CHECKS.map((id) => [id, 'passed'])));
    expect(run.code).toBe(0);
    expect(run.out).toMatch(/Hello from T1000 running 1\.0\.0/);
    expect(run.out).toMatch(/rebooted into 1\.1\.0, confirmed it/);
  });

  it('passes every check over MQTT, and the kit writes JUnit, JSON and HTML reports', {
    timeout: 240_000,
  }, async () => {
    await device('CONFOK01');
    const junit = join(dir, 'ok.junit.xml');
    const html = join(dir, 'ok.html');
    const run = await kit('CONFOK01', ['--report', junit, '--html', html]);
    expect(statuses(run.report), run.out).toEqual(Object.fromEntries(ALL_CHECKS.map((id) => [id, 'passed'])));
    expect(run.code).toBe(0);
    expect(run.out).toMatch(
      new RegExp(`CONFOK01 \\(T1000\\): ${ALL_CHECKS.length} passed, 0 failed, 0 could not run, 0 skipped`),
    );
    // Each check says what the device did, naming its protocol section.
    for (const c of run.report.checks) {
      expect(c.section).toMatch(/^§\d/);
      expect(c.detail.length).toBeGreaterThan(10);
    }
    expect(run.report.series.latencies['bind ack']!.length).toBeGreaterThan(0);
    expect(run.report.series.heartbeats.length).toBeGreaterThan(2);

    const xml = readFileSync(junit, 'utf8');
    expect(xml).toContain(
      `<testsuites name="hwbind conformance CONFOK01 (T1000)" tests="${ALL_CHECKS.length}" failures="0" errors="0" skipped="0"`,
    );
    expect(xml.match(/<testcase /g)).toHaveLength(ALL_CHECKS.length);
    expect(xml.match(/<testsuite /g)).toHaveLength(GROUPS.length);
    const page = readFileSync(html, 'utf8');
    expect(page).toContain('Conformance of CONFOK01');
    expect(page).not.toMatch(/<script[^>]+src=|<link[^>]+href=/);

    // The device is left as it was found: unbound, and the harness session is closed.
    expect((await admin<{ binding: unknown }>('GET', '/devices/CONFOK01')).binding).toBeNull();
    await expect(admin('GET', '/conformance/CONFOK01/events')).rejects.toThrow(/409.*no_conformance_session/);
  });

  it.for(DEFECTS_BY_GROUP)(
    'every defect of $group fails exactly its check',
    { timeout: 240_000 },
    async ({ defects }) => {
      const verdicts = await Promise.all(defects.map((d) => verdict(d, DEFECT_NAMES.indexOf(d))));
      expect(verdicts).toEqual(
        defects.map((defect) => ({ defect, failed: [CAUGHT_BY[defect]], errors: [], named: true })),
      );
    },
  );
});

describe('the kit', () => {
  it('says so in one line when the device is not connected, a group does not exist, or an OTA image is unfit', async () => {
    await admin('POST', '/devices', { sn: 'CONFOFF1', model: 'T1000' });
    const offline = cli([
      'conformance',
      '--gateway',
      gw.httpUrl,
      '--token',
      token,
      '--sn',
      'CONFOFF1',
      '--operator-wait',
      '1',
    ]);
    expect(offline.code).toBe(1);
    expect(offline.stderr).toMatch(/^hwbind: device_offline: CONFOFF1 did not connect to the gateway within 1 s/);
    const unknown = cli([
      'conformance',
      '--gateway',
      gw.httpUrl,
      '--token',
      token,
      '--sn',
      'CONFOFF1',
      '--only',
      'boot,firmware',
    ]);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(
      /^hwbind: invalid_argument: unknown group firmware \(groups: boot, heartbeat, bind,/,
    );
    const base = ['conformance', '--gateway', gw.httpUrl, '--token', token, '--sn', 'CONFOFF1', '--only', 'ota'];
    const one = cli([...base, '--firmware', goodFile]);
    expect(one.stderr).toMatch(/^hwbind: invalid_argument: give both --firmware and --failing-firmware/);
    // A failing image that is not a test image could not be reverted: refused before anything is published.
    const final = join(dir, 'final.bin');
    writeFileSync(
      final,
      buildFirmwareImage({ model: 'T1000', version: '1.0.2', payload: PAYLOAD }, vendor.privateKeyPem),
    );
    const notTest = cli([...base, '--firmware', goodFile, '--failing-firmware', final]);
    expect(notTest.stderr).toMatch(/^hwbind: invalid_argument: --failing-firmware 1\.0\.2 is not a test image/);
    expect(await admin<{ firmware: { version: string }[] }>('GET', '/firmware?model=T1000')).not.toMatchObject({
      firmware: expect.arrayContaining([expect.objectContaining({ version: '1.0.2' })]),
    });
    // Neither left a session open.
    await expect(admin('GET', '/conformance/CONFOFF1/events')).rejects.toThrow(/409/);
  });
});

describe('the harness', () => {
  const call = (method: string, path: string, body?: unknown, bearer = token) =>
    fetch(`${gw.httpUrl}/api/v1/admin/conformance${path}`, {
      method,
      headers: {
        authorization: `Bearer ${bearer}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    }).then(async (res) => {
      const text = await res.text();
      return { status: res.status, body: (text ? JSON.parse(text) : {}) as unknown };
    });

  it('answers only the admin token, only for registered devices, and only inside a session', async () => {
    await admin('POST', '/devices', { sn: 'CONFHAR0', model: 'T1000' });
    expect((await call('POST', '/CONFHAR0', undefined, 'not-the-token')).status).toBe(401);
    expect((await call('POST', '/NOSUCHSN')).body).toMatchObject({ error: { code: 'device_not_found' } });
    for (const [method, path, body] of [
      ['GET', '/CONFHAR0/events', undefined],
      ['PUT', '/CONFHAR0/withhold', { body: 'recordAck', count: 1 }],
      ['POST', '/CONFHAR0/inject', { topic: 'down/door', payload: '' }],
      ['POST', '/CONFHAR0/drop', undefined],
      ['PUT', '/CONFHAR0/firmware', { holdMs: 1000 }],
    ] as const) {
      const r = await call(method, path, body);
      expect(r.status, `${method} ${path}`).toBe(409);
      expect(r.body).toMatchObject({ error: { code: 'no_conformance_session' } });
    }
    expect((await call('POST', '/CONFHAR0')).status).toBe(201);
    expect((await call('POST', '/CONFHAR0/inject', { topic: 'up/hello', payload: '' })).status).toBe(400);
    expect((await call('POST', '/CONFHAR0/inject', { topic: 'down/door', payload: 'not base64!' })).body).toMatchObject(
      {
        error: { code: 'invalid_argument' },
      },
    );
    expect((await call('PUT', '/CONFHAR0/withhold', { body: 'hello', count: 1 })).status).toBe(400);
    const sha256 = 'ab'.repeat(32);
    expect(
      (await call('PUT', '/CONFHAR0/firmware', { substitute: { sha256, offset: 0, data: 'not base64!' } })).body,
    ).toMatchObject({ error: { code: 'invalid_argument' } });
    expect((await call('PUT', '/CONFHAR0/firmware', { holdMs: 60_000 })).status).toBe(400);
    expect((await call('PUT', '/CONFHAR0/firmware', { dropAtOffset: 1, corruptAtOffset: 5 })).body).toEqual({
      armed: ['dropAtOffset', 'corruptAtOffset'],
    });
    expect((await call('DELETE', '/CONFHAR0')).body).toEqual({ sn: 'CONFHAR0', events: 0 });
  });

  it('records and disturbs the device under test only, and lets go when the session ends', {
    timeout: 60_000,
  }, async () => {
    const tested = await device('CONFHAR1');
    const other = await device('CONFHAR2');
    expect((await call('POST', '/CONFHAR1')).status).toBe(201);
    await call('PUT', '/CONFHAR1/withhold', { body: 'helloAck', count: 5 });
    // The other device reconnects (a fresh process) and gets its HelloAck as ever.
    await other.stop();
    const again = runSimDevice({
      bundleFile: join(dir, 'CONFHAR2.json'),
      stateDir: join(dir, 'flash'),
      mqttUrl: gw.mqttUrl,
      sn: 'CONFHAR2',
    });
    sims.push(again);
    await again.online();
    // The device under test reconnects and its HelloAck is held back; an injected message reaches it.
    expect((await call('POST', '/CONFHAR1/drop')).body).toEqual({ dropped: true });
    await until('a HelloAck held back', async () => {
      const r = await call('GET', '/CONFHAR1/events?after=0&waitMs=1000');
      const events = (r.body as { events: { kind: string; body: string }[] }).events;
      return events.some((e) => e.kind === 'withheld' && e.body === 'helloAck') ? true : null;
    });
    const garbage = Buffer.from(encodeEnvelope(envelope('recordAck', {}, { id: 'conformance-wrong-topic' }))).toString(
      'base64',
    );
    expect((await call('POST', '/CONFHAR1/inject', { topic: 'down/door', payload: garbage })).body).toEqual({
      sent: true,
    });
    await until('the ErrorReply to the injected message', async () => {
      const r = await call('GET', '/CONFHAR1/events?after=0');
      const events = (r.body as { events: { kind: string; body: string; replyTo: string }[] }).events;
      return events.some((e) => e.kind === 'up' && e.body === 'error' && e.replyTo === 'conformance-wrong-topic')
        ? true
        : null;
    });
    // No event of the other device reached this session.
    const seen = (await call('GET', '/CONFHAR1/events?after=0')).body as { events: { kind: string }[] };
    expect(seen.events.filter((e) => e.kind === 'connected')).toHaveLength(1);
    expect(tested.output()).not.toMatch(/CONFHAR1 online[\s\S]*CONFHAR1 online/);
    // Closing the session releases what was held back: the device's next Hello is answered.
    expect((await call('DELETE', '/CONFHAR1')).status).toBe(200);
    await tested.online(2);
  });
});
