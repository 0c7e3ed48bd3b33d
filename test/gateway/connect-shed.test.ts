// Load shedding on a real gateway process: more connects at once than it takes are answered
// CONNACK 3 (server unavailable) at once, and every device gets in when it tries again.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type Bundle, connectDevice } from '../helpers/devices.js';
import { addModel, cli, type GatewayProcess, startGateway, tempDir } from '../helpers/processes.js';

const DEVICES = 60;
let gw: GatewayProcess;
const bundles: Bundle[] = Array.from({ length: DEVICES }, (_, i) => ({
  sn: `SHED${i}`,
  secret: `secret-of-shed-${i}`,
  model: 'T1000',
}));

beforeAll(async () => {
  const data = tempDir();
  addModel(data, 'T1000', 'face,door', 'Face terminal');
  const csv = join(data, 'devices.csv');
  writeFileSync(csv, `sn,secret\n${bundles.map((b) => `${b.sn},${b.secret}`).join('\n')}\n`);
  const imported = cli(['vendor', 'sn', 'import', csv, '--data', data, '--model', 'T1000']);
  expect(imported.code, imported.stderr).toBe(0);
  gw = await startGateway({ data, args: ['--max-pending-connects', '2'] });
});

afterAll(async () => {
  expect(await gw?.stop()).toBe(0);
});

async function metric(name: string): Promise<number> {
  const text = await (await fetch(`${gw.httpUrl}/metrics`)).text();
  const line = text.split('\n').find((l) => l.startsWith(`${name} `));
  return line ? Number(line.split(' ')[1]) : 0;
}

it('sheds the connects beyond --max-pending-connects with CONNACK 3, and each gets in on a retry', async () => {
  const shedBefore = await metric('hwbind_connects_shed_total');
  const codes: number[] = [];
  const clients = await Promise.all(
    bundles.map(async (b) => {
      for (let attempt = 0; ; attempt++) {
        const r = await connectDevice(gw.mqttUrl, b);
        if ('client' in r) return r.client;
        codes.push(r.refused);
        if (attempt > 50) throw new Error(`${b.sn} was refused ${attempt} times`);
        await new Promise((resolve) => setTimeout(resolve, 20 + Math.random() * 80)); // the device's back-off
      }
    }),
  );
  const shed = (await metric('hwbind_connects_shed_total')) - shedBefore;
  // 60 connects at once against room for 2 being checked: some are shed, and only with code 3.
  expect(codes.length).toBeGreaterThan(0);
  expect(new Set(codes)).toEqual(new Set([3]));
  expect(shed).toBe(codes.length);
  expect(await metric('hwbind_connected_devices')).toBe(DEVICES);
  // Shedding is not a failed login: the devices are not throttled and no refusal counts against them.
  expect(await metric('hwbind_auth_success_total')).toBe(DEVICES);
  await Promise.all(clients.map((c) => c.endAsync()));
});
