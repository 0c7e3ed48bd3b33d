// Devices on serial lines, end to end over real pseudo-terminals (socat pty pairs): `hwbind sim
// device --serial` in provisioning mode, `hwbind flash` writing and verifying its bundle, then a real
// gateway with `--serial` ports, people binding through the Person API, a directory too large for one
// frame, a fingerprint enrollment, records stored exactly once, a door opened. One line runs through a
// relay that inserts garbage, flips bits and drops bytes: the noise is dropped and counted, and no
// record is lost or stored twice. A line unplugged and plugged back, and a device whose credentials
// are wrong, get through, or get a clear refusal, as over MQTT.
import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LineRelay, type PtyPair, startPtyPair } from '../../bench/serial-line.js';
import type { Api, ResponseOf } from '../../protocol/api.js';
import { buildFirmwareImage, generateVendorKeys } from '../../protocol/firmware.js';
import { Flash } from '../../simulator/flash.js';
import { runningSlot } from '../../simulator/slots.js';
import { ACME, type Enterprise, PUBLIC_URL, startEnterprise } from '../helpers/enterprise.js';
import { HWBIND, startGateway, tempDir } from '../helpers/processes.js';
import { expectStoredExactlyOnce as expectStored } from '../helpers/records.js';
import { runSimDevice, type SimProcess } from '../helpers/sim.js';
import { until } from '../helpers/until.js';

const BAUD = 921600;
const at = (path: string, baud = BAUD) => `${path}:${baud}`;
/** A slow line: a firmware chunk must be fitted to it (16 KiB at 115200, protocol §9). */
const SLOW_BAUD = 115200;
const vendor = generateVendorKeys();
/** 96 KiB: two 64 KiB chunks on a fast line, six 16 KiB ones on a slow line. */
const FIRMWARE = buildFirmwareImage(
  { model: 'T1000', version: '1.1.0', payload: Buffer.alloc(96 * 1024, 0x5a), buildTime: 1_764_000_000 },
  vendor.privateKeyPem,
);
type Job = ResponseOf<Api['person.getJob']>;
/** People added to the enterprise so that a device's directory takes dozens of frames. */
const CROWD = 1500;
const PUNCHES = 120;

let ent: Enterprise;
const dir = tempDir('hwbind-serial-');
let clean: PtyPair; // SERF1 ↔ gateway
let deviceSide: PtyPair; // SERF2 ↔ relay
let gatewaySide: PtyPair; // relay ↔ gateway
let spare: PtyPair; // nobody, then a device with the wrong secret
let slow: PtyPair; // SERS1 ↔ gateway at 115200
let keyFile: string;
let relay: LineRelay;
const sims: SimProcess[] = [];
const stateDirs = new Map<string, string>();

function sim(sn: string, args: string[], bundleFile?: string): SimProcess {
  const stateDir = stateDirs.get(sn) ?? tempDir(`hwbind-serial-${sn}-`);
  stateDirs.set(sn, stateDir);
  const p = runSimDevice({ stateDir, sn, bundleFile, args });
  sims.push(p);
  return p;
}

const flashDir = (sn: string) => Flash.forDevice(stateDirs.get(sn)!, sn).dir;

/** `hwbind flash` as a process, awaited: the relay runs in this process and must keep passing bytes meanwhile. */
function flash(
  port: string,
  sn: string,
  extra: string[] = [],
): Promise<{ code: number; stdout: string; stderr: string }> {
  const proc = spawn(
    process.execPath,
    [HWBIND, 'flash', '--port', port, '--bundle', ent.devices.get(sn)!.bundleFile, ...extra],
    { env: { ...process.env, CI: 'true' }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let stdout = '';
  let stderr = '';
  proc.stdout.on('data', (d) => (stdout += d));
  proc.stderr.on('data', (d) => (stderr += d));
  return new Promise((resolve) => proc.once('exit', (code) => resolve({ code: code ?? -1, stdout, stderr })));
}

async function metric(name: string, labels: Record<string, string>): Promise<number> {
  const text = await (await fetch(`${ent.gw.httpUrl}/metrics`)).text();
  const want = Object.entries(labels).map(([k, v]) => `${k}="${v}"`);
  const line = text
    .split('\n')
    .find((l) => (l.startsWith(`${name}{`) || l.startsWith(`${name} `)) && want.every((w) => l.includes(w)));
  return line ? Number(line.slice(line.lastIndexOf(' ') + 1)) : 0;
}

async function device(sn: string): Promise<{ online: boolean; binding: { status: string } | null }> {
  const r = await ent
    .person('acme', 'alice')
    .call<{ online: boolean; binding: { status: string } | null }>('GET', `/devices/${sn}`);
  return r.body;
}

async function bind(sn: string): Promise<void> {
  const r = await ent
    .person('acme', 'alice')
    .call('POST', '/bindings', { qr: ent.dynamicQr(sn), usableRange: { departments: ['hq'] } });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  await until(`${sn} active`, async () => ((await device(sn)).binding?.status === 'active' ? true : null), 30_000);
}

/** Every record the device generated (its records.log) is stored once, and nothing else is. */
async function expectStoredExactlyOnce(sn: string, count: number): Promise<void> {
  await until(
    `${sn}: ${count} records generated and settled`,
    () => {
      // The flash counts and queues a record in one write; the record log is written just before it.
      const flashed = Flash.forDevice(stateDirs.get(sn)!, sn).load();
      return flashed?.nextSeq === count + 1 && flashed.records.length === 0 ? true : null;
    },
    90_000,
  );
  await expectStored(ent.person('acme', 'alice'), sn, flashDir(sn), count);
}

/** Upgrades a bound device to 1.1.0 through the Person API and waits for the job to end. */
async function upgradeToNew(sn: string): Promise<Job> {
  const alice = ent.person('acme', 'alice');
  const asked = await alice.call<{ job: Job }>('POST', `/devices/${sn}/firmware/upgrade`, { version: '1.1.0' });
  expect(asked.status, JSON.stringify(asked.body)).toBe(202);
  return until(
    `${sn}: firmware job ended`,
    async () => {
      const job = (await alice.call<Job>('GET', `/jobs/${asked.body.job.id}`)).body;
      return ['succeeded', 'failed', 'rolled_back', 'cancelled'].includes(job.state) ? job : null;
    },
    120_000,
  );
}

/** The device runs 1.1.0 from a confirmed slot, by its own flash. */
function runsNewFirmware(sn: string): void {
  expect(runningSlot(Flash.forDevice(stateDirs.get(sn)!, sn).load()!)).toMatchObject({
    version: '1.1.0',
    state: 'confirmed',
  });
}

beforeAll(async () => {
  ent = await startEnterprise(
    { face: ['SERF1', 'SERF2', 'SERF3', 'SERS1'], label: ['SERL1'] },
    { vendorKey: vendor.publicKeyPem },
  );
  keyFile = join(dir, 'vendor.pub');
  writeFileSync(keyFile, vendor.publicKeyPem);
  const crowd = Array.from(
    { length: CROWD },
    (_, i) => `  - {userid: p${i}, name: Person number ${i}, role: member, departments: [ops]}\n`,
  ).join('');
  await ent.admin('PUT', '/corps/acme/directory', ACME.replace('apps:', `${crowd}apps:`), 'application/yaml');
  clean = await startPtyPair(dir, 'clean');
  deviceSide = await startPtyPair(dir, 'noisy-device');
  gatewaySide = await startPtyPair(dir, 'noisy-gateway');
  spare = await startPtyPair(dir, 'spare');
  slow = await startPtyPair(dir, 'slow');
  relay = new LineRelay(deviceSide.b, gatewaySide.b, { seed: 7 });
  relay.start();
}, 60_000);

afterAll(async () => {
  await Promise.all(sims.map((p) => p.stop()));
  await relay?.stop();
  await Promise.all([clean, deviceSide, gatewaySide, spare, slow].map((p) => p?.stop()));
  expect(await ent?.gw.stop()).toBe(0);
});

/** A simulated T1000 with no bundle on the line `path`, waiting in provisioning mode to be flashed. */
async function blankDevice(sn: string, path: string) {
  const device = sim(sn, [
    '--serial',
    at(path),
    '--model',
    'T1000',
    '--punch-rate',
    '30',
    '--punch-count',
    String(PUNCHES),
    '--vendor-key',
    keyFile,
  ]);
  await until(
    `${sn} in provisioning mode`,
    () => (device.output().includes('provisioning mode') ? true : null),
    // A new process on a busy machine: starting it can take a while.
    60_000,
  );
  return device;
}

describe('hwbind flash', () => {
  it('refuses a bundle for another model, a port where nobody answers, and a line that damages every frame', async () => {
    await blankDevice('SERF1', clean.a);

    const wrongModel = await flash(at(clean.b), 'SERL1');
    expect(wrongModel.code).toBe(1);
    expect(wrongModel.stderr).toMatch(/wrong_device: the device on .* runs T1000 firmware; the bundle is for R200/);

    const silent = await flash(at(spare.b), 'SERF1', ['--timeout', '1']);
    expect(silent.code).toBe(1);
    expect(silent.stderr).toMatch(/device_timeout: no answer to info from .* within 1 s/);
    expect(silent.stdout).toMatch(/waiting for the device/);

    const serf2 = await blankDevice('SERF2', deviceSide.a);
    // Every frame from the device arrives damaged; requests to it pass.
    relay.toRight = { garbage: 0, flip: 0.2, drop: 0 };
    const damaged = await flash(at(gatewaySide.a), 'SERF2', ['--timeout', '2']);
    expect(damaged.code).toBe(1);
    expect(damaged.stderr).toMatch(/frame_crc_mismatch: \d+ frames from .* failed their CRC-32 check and none passed/);
    // Nothing was written: the device still waits for its bundle.
    expect(serf2.output()).not.toMatch(/provisioned as/);
  }, 180_000);

  it('writes a bundle to a blank device and reads it back, through noise too; a provisioned device is only verified', async () => {
    const written = await flash(at(clean.b), 'SERF1');
    expect(written.stderr).toBe('');
    expect(written.code).toBe(0);
    expect(written.stdout).toMatch(/a T1000 in provisioning mode \(firmware 1\.0\.0\): writing \d+ bytes for SERF1/);
    expect(written.stdout).toMatch(/SERF1 \(T1000\) written and verified/);
    expect(Flash.forDevice(stateDirs.get('SERF1')!, 'SERF1').load()?.identity.secret).toBe(
      ent.devices.get('SERF1')!.secret,
    );

    relay.noise = { garbage: 0.0005, flip: 0.0005, drop: 0.0005 };
    const noisy = await flash(at(gatewaySide.a), 'SERF2', ['--timeout', '20']);
    expect(noisy.stderr).toBe('');
    expect(noisy.stdout).toMatch(/SERF2 \(T1000\) written and verified/);

    const again = await flash(at(clean.b), 'SERF1');
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/SERF1 is provisioned already .*: verifying/);
    const other = await flash(at(clean.b), 'SERF2');
    expect(other.code).toBe(1);
    expect(other.stderr).toMatch(/wrong_device: .* already provisioned as SERF1, the bundle is for SERF2/);
  }, 180_000);
});

describe('a device on a serial line is an ordinary device', () => {
  beforeAll(async () => {
    // The flashing tool held the lines; now the gateway takes them.
    await ent.gw.stop();
    ent.gw = await startGateway({
      data: ent.data,
      args: [
        '--public-url',
        PUBLIC_URL,
        '--serial',
        at(clean.b),
        '--serial',
        at(gatewaySide.a),
        '--serial',
        at(spare.b),
        '--serial',
        at(slow.b, SLOW_BAUD),
        // The most a device may ask for: a device on the slow line is offered less.
        '--ota-chunk-size',
        '65536',
      ],
      env: { HWBIND_ADMIN_TOKEN: ent.adminToken },
    });
    await ent.publishFirmware(FIRMWARE, 'Release 1.1.0');
  }, 60_000);

  it('connects, is bound through the Person API and takes a directory of dozens of frames', async () => {
    await sims[0]!.online(1, 60_000);
    expect(await metric('hwbind_connected_devices', {})).toBeGreaterThanOrEqual(1);
    await bind('SERF1');
    await until(
      'SERF1 holds the whole directory',
      () =>
        (Flash.forDevice(stateDirs.get('SERF1')!, 'SERF1').load()?.directory.users.length ?? 0) >= CROWD ? true : null,
      60_000,
    );
    expect(await metric('hwbind_serial_frames_total', { port: clean.b, direction: 'out' })).toBeGreaterThan(40);
    expect(await metric('hwbind_messages_total', { topic: 'down/directory', direction: 'down' })).toBeGreaterThan(0);
  });

  it('enrolls a fingerprint over the line', async () => {
    const alice = ent.person('acme', 'alice');
    const started = await alice.call<{ id: string }>('POST', '/devices/SERF1/enrollments', {
      userid: 'bob',
      kind: 'fingerprint',
    });
    expect(started.status, JSON.stringify(started.body)).toBe(202);
    const ended = await until(
      'enrollment ended',
      async () => {
        const r = await alice.call<{ status: string; template: { sha256: string } | null }>(
          'GET',
          `/enrollments/${started.body.id}`,
        );
        return r.body.status === 'requested' || r.body.status === 'capturing' ? null : r.body;
      },
      30_000,
    );
    expect(ended.status).toBe('completed');
    const held = Flash.forDevice(stateDirs.get('SERF1')!, 'SERF1').load()?.templates ?? [];
    expect(held.some((t) => t.userid === 'bob' && t.sha256 === ended.template!.sha256)).toBe(true);
  });

  it('sends records that are stored exactly once, and opens its door', async () => {
    await expectStoredExactlyOnce('SERF1', PUNCHES);
    const door = await ent.person('acme', 'alice').call<{ result: { opened: boolean } }>('POST', '/devices/SERF1/door');
    expect(door.status, JSON.stringify(door.body)).toBe(200);
    expect(door.body.result.opened).toBe(true);
  });

  it('over a noisy line drops and counts the noise and loses or duplicates no record', async () => {
    relay.noise = { garbage: 0.0002, flip: 0.0002, drop: 0.0002 };
    await sims[1]!.online(1, 60_000);
    await bind('SERF2');
    await until(
      'SERF2 holds the whole directory',
      () =>
        (Flash.forDevice(stateDirs.get('SERF2')!, 'SERF2').load()?.directory.users.length ?? 0) >= CROWD ? true : null,
      90_000,
    );
    await expectStoredExactlyOnce('SERF2', PUNCHES);
    expect(relay.stats.garbageRuns + relay.stats.flips + relay.stats.dropped).toBeGreaterThan(0);
    const port = gatewaySide.a;
    const damaged =
      (await metric('hwbind_serial_frame_errors_total', { port, reason: 'crc' })) +
      (await metric('hwbind_serial_frame_errors_total', { port, reason: 'malformed' }));
    expect(damaged).toBeGreaterThan(0);
    expect(await metric('hwbind_serial_dropped_bytes_total', { port })).toBeGreaterThan(0);
    expect(await metric('hwbind_serial_retransmits_total', { port })).toBeGreaterThan(0);
  }, 180_000);

  it('takes a firmware upgrade over the noisy line: every chunk checked, installed on trial, confirmed', async () => {
    const job = await upgradeToNew('SERF2');
    expect(job, JSON.stringify(job)).toMatchObject({ state: 'succeeded', chunkSize: 65_536, bytesDone: job.size });
    runsNewFirmware('SERF2');
    expect(await metric('hwbind_serial_retransmits_total', { port: gatewaySide.a })).toBeGreaterThan(0);
  }, 180_000);

  it('on a 115200-baud line is offered firmware chunks the line carries in time', async () => {
    const device = sim(
      'SERS1',
      ['--serial', at(slow.a, SLOW_BAUD), '--vendor-key', keyFile],
      ent.devices.get('SERS1')!.bundleFile,
    );
    await device.online(1, 60_000);
    await bind('SERS1');
    const job = await upgradeToNew('SERS1');
    // 16 KiB crosses 115200 baud in about 1.5 s; the gateway's 64 KiB would take about 6 s a chunk.
    expect(job, JSON.stringify(job)).toMatchObject({ state: 'succeeded', chunkSize: 16_384 });
    runsNewFirmware('SERS1');
    expect(device.output()).toContain('firmware 1.1.0 installed');
  }, 180_000);

  it('survives its line being unplugged and plugged back', async () => {
    await clean.unplug();
    await until('SERF1 offline', async () => ((await device('SERF1')).online ? null : true), 30_000);
    expect(await metric('hwbind_serial_port_open', { port: clean.b })).toBe(0);
    await clean.plug();
    await sims[0]!.online(2, 60_000);
    await until('SERF1 online again', async () => ((await device('SERF1')).online ? true : null), 30_000);
    expect(await metric('hwbind_serial_port_reopens_total', { port: clean.b })).toBeGreaterThan(0);
    const door = await ent.person('acme', 'alice').call<{ result: { opened: boolean } }>('POST', '/devices/SERF1/door');
    expect(door.body.result?.opened).toBe(true);
  });

  it('refuses a device whose secret is wrong with a clear link-level error', async () => {
    const file = join(dir, 'wrong.json');
    const bundle = JSON.parse(readFileSync(ent.devices.get('SERF3')!.bundleFile, 'utf8'));
    writeFileSync(file, JSON.stringify({ ...bundle, secret: 'not-the-secret-of-SERF3' }));
    const wrong = sim('SERF3', ['--serial', at(spare.a)], file);
    await until(
      'SERF3 refused',
      () =>
        /connect failed: refused: bad_credentials: The SN is not registered or the signature does not match/.test(
          wrong.output(),
        )
          ? true
          : null,
      30_000,
    );
    expect(await metric('hwbind_auth_failures_total', { reason: 'bad_signature' })).toBeGreaterThan(0);
    expect(wrong.output()).not.toMatch(/SERF3 online/);
  });
});
