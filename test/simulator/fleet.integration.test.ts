// `hwbind sim fleet` against a real gateway: devices provisioned through the admin API, scenarios
// run to pass/fail with JUnit and JSON reports, faults healed, the fleet split over workers, and a
// refused provisioning reported with the gateway's error.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FleetReport } from '../../simulator/fleet.js';
import { runFleet } from '../../simulator/fleet.js';
import { parseScenario } from '../../simulator/scenario.js';
import { ACME } from '../helpers/enterprise.js';
import { addModel, cli, type GatewayProcess, ROOT, startGateway, tempDir } from '../helpers/processes.js';

let gw: GatewayProcess;
let token: string;
const out = tempDir('hwbind-fleet-test-');
const scenarioFile = (name: string) => join(ROOT, 'simulator', 'scenarios', name);

beforeAll(async () => {
  const data = tempDir();
  addModel(data, 'T1000', 'door,screen', 'Door terminal');
  gw = await startGateway({ data });
  token = gw.adminToken();
});

afterAll(async () => {
  expect(await gw?.stop()).toBe(0);
});

const fleet = (args: string[]) =>
  cli([
    'sim',
    'fleet',
    '--gateway',
    gw.httpUrl,
    '--token',
    token,
    '--model',
    'T1000',
    '--mqtt-url',
    gw.mqttUrl,
    ...args,
  ]);

describe('hwbind sim fleet', () => {
  it('runs smoke.yaml with 20 devices, exits 0 and writes JUnit and JSON reports', () => {
    const junit = join(out, 'smoke.xml');
    const json = join(out, 'smoke.json');
    const r = fleet([
      '--count',
      '20',
      '--sn-prefix',
      'SMOKE',
      '--scenario',
      scenarioFile('smoke.yaml'),
      '--report',
      junit,
      '--json',
      json,
    ]);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toMatch(/PASSED/);
    const report = JSON.parse(readFileSync(json, 'utf8')) as FleetReport;
    expect(report).toMatchObject({ scenario: 'smoke', devices: 20, passed: true });
    expect(report.counts.connected).toBe(20);
    const xml = readFileSync(junit, 'utf8');
    expect(xml).toMatch(/<testsuite name="smoke" tests="3" failures="0"/);
    expect(xml).not.toContain('<failure');
  });

  it('exits non-zero when an expectation fails, and the JUnit report names it', () => {
    const scenario = join(out, 'impossible.yaml');
    writeFileSync(
      scenario,
      'name: impossible\nsteps:\n  - connect: { within: 1ms }\n  - hold: 2s\n  - expect: { connected: 100% }\n',
    );
    const junit = join(out, 'impossible.xml');
    const r = fleet(['--count', '5', '--sn-prefix', 'IMPOSSIBLE', '--scenario', scenario, '--report', junit]);
    expect(r.code, r.stdout + r.stderr).toBe(1);
    expect(r.stdout).toMatch(/FAIL step 1 \(line 3\)/);
    const xml = readFileSync(junit, 'utf8');
    expect(xml).toMatch(/<testsuite name="impossible" tests="3" failures="1"/);
    expect(xml).toMatch(/<failure message="\d\/5 devices online within 1 ms"/);
  });

  it('refuses an invalid scenario before starting, naming the line', () => {
    const scenario = join(out, 'invalid.yaml');
    writeFileSync(scenario, 'name: bad\nsteps:\n  - connect: { within: 30s }\n  - teleport: 10%\n');
    const r = fleet(['--count', '1', '--scenario', scenario]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/invalid\.yaml:4: unknown step "teleport"/);
  });

  it('heals drops and power cuts and answers garbage without dropping the connection (faults.yaml)', () => {
    const json = join(out, 'faults.json');
    const r = fleet([
      '--count',
      '20',
      '--sn-prefix',
      'FAULTS',
      '--scenario',
      scenarioFile('faults.yaml'),
      '--json',
      json,
    ]);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    const report = JSON.parse(readFileSync(json, 'utf8')) as FleetReport;
    expect(report.passed).toBe(true);
    expect(report.counts).toMatchObject({
      devices: 20,
      connected: 20,
      faulted: 4,
      recovered: 4,
      corrupted: 2,
      errorsReplied: 2,
    });
  });

  it("stops with the gateway's error code and message when it refuses to provision (unknown model)", async () => {
    const refused = runFleet({
      scenario: parseScenario('name: refused\nsteps:\n  - connect: { within: 5s }\n'),
      count: 1,
      gateway: gw.httpUrl,
      token,
      model: 'NOPE',
      snPrefix: 'REFUSED',
      mqttUrls: [gw.mqttUrl],
    });
    await expect(refused).rejects.toMatchObject({
      code: 'not_found',
      message: `provisioning REFUSED0001 at ${gw.httpUrl}: no model NOPE`,
    });
    const r = fleet([
      '--count',
      '1',
      '--model',
      'NOPE',
      '--sn-prefix',
      'REFUSED',
      '--scenario',
      scenarioFile('smoke.yaml'),
    ]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`hwbind: not_found: provisioning REFUSED0001 at ${gw.httpUrl}: no model NOPE`);
  });

  it('splits a fleet over worker processes and source addresses (programmatic API)', async () => {
    const report = await runFleet({
      scenario: parseScenario('name: workers\nsteps:\n  - connect: { within: 15s }\n  - expect: { connected: 100% }\n'),
      count: 6,
      gateway: gw.httpUrl,
      token,
      model: 'T1000',
      snPrefix: 'WORKER',
      mqttUrls: [gw.mqttUrl],
      workers: 2,
      localAddresses: ['127.0.0.2', '127.0.0.3'],
    });
    expect(report.workers).toBe(2);
    expect(report.passed, JSON.stringify(report.steps)).toBe(true);
    expect(report.counts.connected).toBe(6);
  });

  it('binds through the Person API, punches records and opens doors; every record acknowledged and listed (attendance.yaml)', async () => {
    const imported = await fetch(`${gw.httpUrl}/api/v1/admin/corps/acme/directory`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/yaml' },
      body: ACME,
    });
    expect(imported.status).toBe(200);
    const json = join(out, 'attendance.json');
    const r = fleet([
      '--count',
      '8',
      '--workers',
      '2',
      '--sn-prefix',
      'ATTEND',
      '--scenario',
      scenarioFile('attendance.yaml'),
      '--json',
      json,
    ]);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    const report = JSON.parse(readFileSync(json, 'utf8')) as FleetReport;
    expect(report.tallies).toMatchObject({ bindAsked: 8, bindHeld: 8, doorsAsked: 2, doorsOpened: 2 });
    // 100/s for 5 s, and each door opening is a record too.
    expect(report.counts.recordsPunched).toBeGreaterThanOrEqual(400);
    expect(report.counts.recordsPending).toBe(0);
    expect(report.tallies.recordsListed).toBe(report.tallies.recordsSettled);
    expect(report.tallies.recordsSettled).toBe(report.counts.recordsPunched);
    expect(r.stdout).toMatch(/records acknowledged (\d+)\/\1, listed by the gateway (\d+)\/\2/);
  }, 90_000);
});
