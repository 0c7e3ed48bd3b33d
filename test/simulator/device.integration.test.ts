// A real gateway and a real `hwbind sim device` process: the device connects with its signed
// credentials, the gateway sees it online with the firmware it reported, its flash survives a
// restart of the process, and a power cut while a new image is on trial boots the old slot again.
import { type ChildProcess, spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Flash } from '../../simulator/flash.js';
import { installImage } from '../../simulator/slots.js';
import { addModel, cli, type GatewayProcess, HWBIND, startGateway, tempDir } from '../helpers/processes.js';
import { until } from '../helpers/until.js';

let gw: GatewayProcess;
let token: string;
let bundleFile: string;
const stateDir = tempDir('hwbind-sim-state-');
const SN = 'SIMDEV1';

beforeAll(async () => {
  const data = tempDir();
  addModel(data, 'T1000', 'face,door,screen', 'Face terminal');
  const device = cli(['vendor', 'device', 'add', '--data', data, '--model', 'T1000', '--sn', SN]);
  expect(device.code, device.stderr).toBe(0);
  bundleFile = join(data, 'bundle.json');
  writeFileSync(bundleFile, device.stdout);
  gw = await startGateway({ data });
  token = gw.adminToken();
});

afterAll(async () => {
  expect(await gw?.stop()).toBe(0);
});

interface Running {
  proc: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

function runDevice(extra: string[] = []): Running {
  const proc = spawn(
    process.execPath,
    [HWBIND, 'sim', 'device', '--bundle', bundleFile, '--state-dir', stateDir, '--mqtt-url', gw.mqttUrl, ...extra],
    { env: { ...process.env, CI: 'true' }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let out = '';
  proc.stdout!.on('data', (d) => (out += d));
  proc.stderr!.on('data', (d) => (out += d));
  const exited = new Promise<number | null>((resolve) => proc.once('exit', (code) => resolve(code)));
  return { proc, output: () => out, exited };
}

interface GatewayDevice {
  online: boolean;
  firmwareVersion: string | null;
  slots: { version: string; state: string; active: boolean }[];
}

async function gatewayView(): Promise<GatewayDevice | null> {
  const res = await fetch(`${gw.httpUrl}/api/v1/admin/devices`, { headers: { authorization: `Bearer ${token}` } });
  const body = (await res.json()) as { devices: (GatewayDevice & { sn: string })[] };
  return body.devices.find((d) => d.sn === SN) ?? null;
}

/** Waits until the admin API lists the device online (presence is flushed once a second). */
function onlineInGateway(what: string, also: (d: GatewayDevice) => boolean = () => true): Promise<GatewayDevice> {
  return until(what, async () => {
    const d = await gatewayView();
    return d?.online && also(d) ? d : null;
  });
}

describe('hwbind sim device', () => {
  it('connects, and the gateway lists it online with the firmware from its hello', async () => {
    const dev = runDevice();
    try {
      await until('the device online', () => (/SIMDEV1 online/.test(dev.output()) ? true : null));
      // The screen line is rendered asynchronously (QR text), so it may follow the online line.
      const screen = /screen: scan to bind http:\/\/\S+\/hw\/bind\?sn=SIMDEV1&ts=\d+&nonce=\w+&sig=[0-9a-f]{64}/;
      await until('the dynamic QR on the screen', () => (screen.test(dev.output()) ? true : null));
      // Presence is flushed to the store every second.
      // Online comes with the connect, the firmware with the hello that follows: wait for both.
      const seen = await onlineInGateway('online in the admin API, hello stored', (d) => d.firmwareVersion !== null);
      expect(seen.firmwareVersion).toBe('1.0.0');
    } finally {
      dev.proc.kill('SIGINT');
    }
    expect(await dev.exited).toBe(0);
    await until('offline after a clean stop', async () => ((await gatewayView())?.online === false ? true : null));
  });

  it('keeps its flash across a restart of the process', async () => {
    const before = Flash.forDevice(stateDir, SN).load()!;
    expect(before.bootCount).toBe(1);
    // --firmware only applies to a blank flash: the flashed 1.0.0 must keep running.
    const dev = runDevice(['--firmware', '9.9.9']);
    try {
      await until('the device online again', () => (/SIMDEV1 online/.test(dev.output()) ? true : null));
      const seen = await onlineInGateway(
        'online again in the admin API, hello stored',
        (d) => d.firmwareVersion !== null,
      );
      expect(seen.firmwareVersion).toBe('1.0.0');
    } finally {
      dev.proc.kill('SIGINT');
    }
    expect(await dev.exited).toBe(0);
    const after = Flash.forDevice(stateDir, SN).load()!;
    expect(after.bootCount).toBe(2);
    expect(after.identity).toEqual(before.identity);
    expect(after.slots).toEqual(before.slots);
  });

  it('boots the old slot again after a power cut while a new image is on trial', async () => {
    // An OTA just wrote 2.0.0 into the other slot as a test image and rebooted into it.
    const flash = Flash.forDevice(stateDir, SN);
    flash.save(installImage(flash.load()!, { version: '2.0.0', payloadSha256: 'ab'.repeat(32), test: true }));
    await until('offline before the trial boot', async () => ((await gatewayView())?.online === false ? true : null));

    // Power is cut during the self-test of the new image: it is never confirmed.
    const trial = runDevice(['--self-test-ms', '30000']);
    await until('the self-test of 2.0.0', () =>
      /self-test running \(30000 ms\) on 2\.0\.0/.test(trial.output()) ? true : null,
    );
    trial.proc.kill('SIGKILL');
    await trial.exited;
    const afterCut = flash.load()!;
    expect(afterCut.slots[afterCut.activeSlot]).toMatchObject({
      version: '2.0.0',
      state: 'pending_verify',
      tried: true,
    });

    const dev = runDevice();
    try {
      await until('back online', () => (/SIMDEV1 online/.test(dev.output()) ? true : null));
      expect(dev.output()).toMatch(/never confirmed: booted 1\.0\.0 again/);
      const seen = await onlineInGateway('1.0.0 reported to the gateway', (d) => d.firmwareVersion === '1.0.0');
      expect(seen.slots.find((s) => s.active)).toMatchObject({ version: '1.0.0', state: 'confirmed' });
      expect(seen.slots.find((s) => s.version === '2.0.0')).toMatchObject({ state: 'invalid', active: false });
    } finally {
      dev.proc.kill('SIGINT');
    }
    expect(await dev.exited).toBe(0);
  });
});
