// The HTML reports in a real Chromium, opened from disk with the network cut off: the pages of a real
// `hwbind conformance` run (a gateway, a simulated device over MQTT, the kit as a process) and of a
// real `hwbind sim fleet` run (binding, doors, records and firmware upgrades), and the benchmark page (drawn from a results file: benchmarks never
// run in tests), each draw every chart with Chart.js, fetch nothing and log no console error.
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { benchHtml } from '../../bench/report.js';
import type { BenchResults } from '../../bench/suite.js';
import { adminApi, testAdminToken } from '../helpers/admin.js';
import { ConsoleWatch, launchChromium } from '../helpers/browser.js';
import { type GatewayProcess, HWBIND, startGateway, tempDir } from '../helpers/processes.js';
import { runSimDevice, type SimProcess } from '../helpers/sim.js';

let browser: Browser;
let gw: GatewayProcess;
let sim: SimProcess;
let token: string;
const dir = tempDir('hwbind-report-pages-');

beforeAll(async () => {
  token = testAdminToken();
  [gw, browser] = await Promise.all([
    startGateway({ args: ['--heartbeat-interval', '2'], env: { HWBIND_ADMIN_TOKEN: token } }),
    launchChromium(),
  ]);
  const admin = adminApi(gw, token);
  await admin('POST', '/models', { id: 'T1000', name: 'Face terminal', capabilities: 'face,fingerprint,door,screen' });
  const bundle = await admin('POST', '/devices', { sn: 'PAGECONF1', model: 'T1000' });
  const bundleFile = join(dir, 'PAGECONF1.json');
  writeFileSync(bundleFile, JSON.stringify(bundle));
  sim = runSimDevice({
    bundleFile,
    stateDir: dir,
    mqttUrl: gw.mqttUrl,
    sn: 'PAGECONF1',
    args: ['--punch-rate', '20'],
  });
  await sim.online();
});

afterAll(async () => {
  await browser?.close();
  await sim?.stop();
  await gw?.stop();
});

/** A page draws each of its charts, fetches nothing and logs no error. */
function expectDrawn(page: Awaited<ReturnType<typeof open>>, titles: string[]): void {
  expect(page.errors).toEqual([]);
  expect(page.requests).toEqual([]);
  expect(page.charts.map((c) => c.title)).toEqual(titles);
  expect(page.drawn).toBe(String(page.charts.length));
  for (const c of page.charts) {
    expect(c.drawn, c.title!).toBe(true);
    expect(c.datasets, c.title!).toBeGreaterThan(0);
    expect(c.width, c.title!).toBeGreaterThan(100);
    // Axes, bars and points: a drawn chart paints a good share of its canvas.
    expect(c.painted, c.title!).toBeGreaterThan(1000);
  }
}

/** Opens a report file with every request but the file itself refused; answers what the page did. */
async function open(file: string) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const logged = new ConsoleWatch();
  logged.watch(page, file);
  const requests: string[] = [];
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (url === `file://${file}`) return route.continue();
    requests.push(url);
    return route.abort();
  });
  await page.goto(`file://${file}`);
  await page.waitForSelector('body[data-charts-drawn]', { timeout: 10_000 });
  const charts = await page.evaluate(() => {
    const w = window as unknown as {
      Chart: { getChart(c: HTMLCanvasElement): { data: { datasets: unknown[] } } | undefined };
    };
    return [...document.querySelectorAll('canvas')].map((canvas) => {
      const chart = w.Chart.getChart(canvas);
      const ctx = canvas.getContext('2d')!;
      const { data } = ctx.getImageData(0, 0, canvas.width, canvas.height);
      let painted = 0;
      for (let i = 3; i < data.length; i += 4) if (data[i]! > 0) painted += 1;
      return {
        title: canvas.getAttribute('aria-label'),
        drawn: chart !== undefined,
        datasets: chart?.data.datasets.length ?? 0,
        painted,
        width: canvas.width,
      };
    });
  });
  const drawn = await page.getAttribute('body', 'data-charts-drawn');
  await context.close();
  return { errors: logged.errors, requests, charts, drawn };
}

describe('the conformance report', () => {
  it('draws every chart from the page alone, with no console error', { timeout: 90_000 }, async () => {
    const html = join(dir, 'conformance.html');
    const run = spawnSync(
      process.execPath,
      [
        HWBIND,
        'conformance',
        '--gateway',
        gw.httpUrl,
        '--token',
        token,
        '--sn',
        'PAGECONF1',
        '--only',
        'boot,bind,door',
        '--html',
        html,
      ],
      { encoding: 'utf8', env: { ...process.env, CI: 'true' }, timeout: 80_000 },
    );
    expect(run.status, run.stdout + run.stderr).toBe(0);
    expectDrawn(await open(html), [
      'Checks',
      'Outcomes per group',
      'Answer times',
      'Traffic',
      'Heartbeats',
      'Record batches',
    ]);
  });
});

describe('the fleet report', () => {
  it('draws the steps, the connect ramp, the records, the round trips and the upgrades of a real run', {
    timeout: 150_000,
  }, async () => {
    const hw = (args: string[]) => {
      const r = spawnSync(process.execPath, [HWBIND, ...args], {
        encoding: 'utf8',
        cwd: dir,
        env: { ...process.env, CI: 'true' },
        timeout: 120_000,
      });
      expect(r.status, `hwbind ${args.join(' ')}: ${r.stdout}${r.stderr}`).toBe(0);
      return r;
    };
    const remote = ['--gateway', gw.httpUrl, '--token', token];
    // A model whose devices take signed firmware, and version 1.1.0 of it in the catalog.
    hw(['firmware', 'keys', '--out', 'keys']);
    hw([
      'vendor',
      'model',
      'add',
      ...remote,
      '--id',
      'OTA1',
      '--name',
      'Reader',
      '--capabilities',
      'fingerprint,door',
      '--vendor-key',
      'keys/vendor.pub',
    ]);
    writeFileSync(join(dir, 'app.bin'), Buffer.alloc(96 * 1024, 7));
    hw([
      'firmware',
      'sign',
      '--key',
      'keys/vendor.key',
      '--model',
      'OTA1',
      '--version',
      '1.1.0',
      '--in',
      'app.bin',
      '--out',
      'app.hwfw',
    ]);
    hw(['firmware', 'publish', 'app.hwfw', ...remote]);
    await adminApi(gw, token)(
      'PUT',
      '/corps/acme/directory',
      'corp: {id: acme, name: Acme}\ndepartments: [{id: hq, name: HQ}]\nmembers:\n  - {userid: alice, name: Alice, role: super_admin, departments: [hq]}\n  - {userid: bob, name: Bob, role: member, departments: [hq]}\napps: []\n',
      'application/yaml',
    );
    writeFileSync(
      join(dir, 'scenario.yaml'),
      [
        'name: pictures',
        'steps:',
        '  - connect: { within: 30s }',
        '  - bind: { share: 100%, as: acme/alice, departments: [hq], within: 30s }',
        '  - doors: { share: 50% }',
        '  - punch: { rate: 60/s, for: 3s, within: 30s }',
        '  - upgrade: { version: 1.1.0, share: 100%, within: 60s }',
        '  - expect: { connected: 100%, bound: 100%, recordsAcked: 100%, upgraded: 100% }',
        '',
      ].join('\n'),
    );
    const run = hw([
      'sim',
      'fleet',
      '--count',
      '4',
      ...remote,
      '--model',
      'OTA1',
      '--mqtt-url',
      gw.mqttUrl,
      '--vendor-key',
      'keys/vendor.pub',
      '--scenario',
      'scenario.yaml',
      '--json',
      'fleet.json',
      '--html',
      'fleet.html',
    ]);
    expect(run.stdout).toMatch(/4 upgrades to 1\.1\.0 asked, 4 ended/);
    const report = JSON.parse(readFileSync(join(dir, 'fleet.json'), 'utf8')) as {
      timeline: unknown[];
      latencies: { bind: number[]; door: number[] };
      upgrades: { points: { percent: number; state: string }[] }[];
    };
    expect(report.timeline.length).toBeGreaterThan(3);
    expect(report.latencies.bind).toHaveLength(4);
    expect(report.upgrades).toHaveLength(4);
    expect(report.upgrades.map((u) => u.points.at(-1))).toEqual(
      Array(4).fill({ t: expect.any(Number), percent: 100, state: 'succeeded' }),
    );
    expectDrawn(await open(join(dir, 'fleet.html')), [
      'Steps',
      'Connect ramp',
      'Records',
      'Person API round trips',
      'Firmware upgrades',
    ]);
  });
});

describe('the benchmark report', () => {
  it('draws a chart per benchmark that ran', async () => {
    const results: BenchResults = {
      machine: { cpus: 2, cpuModel: 'test CPU', memGiB: 8, node: process.version },
      relay: {
        devices: 100,
        messagesPerDevice: { qos0: 1000, qos1: 500 },
        qos0: {
          hwbind: 40_000,
          mosquitto: 42_000,
          ratio: 0.95,
          aedes: 66_000,
          mosquittoService: 20_000,
          serviceRatio: 2,
        },
        qos1: {
          hwbind: 20_000,
          mosquitto: 25_000,
          ratio: 0.8,
          aedes: 30_000,
          mosquittoService: 12_000,
          serviceRatio: 1.7,
        },
      },
      connections: {
        devices: 10_000,
        connectPerSec: 900,
        mosquittoConnectPerSec: 4000,
        aedesConnectPerSec: 3000,
        gatewayRssPerDeviceKB: 20,
        mosquittoRssPerDeviceKB: 0.7,
        aedesRssPerDeviceKB: 15,
        failed: 0,
      },
      binding: {
        devices: 2000,
        bound: 3,
        p50Ms: 12,
        p99Ms: 30,
        maxMs: 31,
        meanMs: 14,
        confirmP50Ms: 5,
        concurrentBound: 3,
        concurrency: 8,
        concurrentP50Ms: 20,
        concurrentP99Ms: 60,
        seconds: 30,
        samples: { oneAtATimeMs: [9, 12, 31], concurrentMs: [15, 20, 60] },
      },
      records: {
        store: 'sqlite',
        devices: 1000,
        perSec: 60_000,
        records: 200_000,
        batchSize: 200,
        seconds: 3.3,
        stored: 200_000,
      },
    };
    const html = join(dir, 'bench.html');
    writeFileSync(html, benchHtml(results));
    expectDrawn(await open(html), [
      'Relay throughput',
      'Connect rate',
      'Memory per connected device',
      'Binding latency',
      'Records',
    ]);
  });
});
