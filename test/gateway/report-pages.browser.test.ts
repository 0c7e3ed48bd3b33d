// The HTML reports in a real Chromium, opened from disk with the network cut off: the page of a real
// `hwbind conformance` run (a gateway, a simulated device over MQTT, the kit as a process) draws every
// chart with Chart.js, fetches nothing and logs no console error.
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminApi, testAdminToken } from '../helpers/admin.js';
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
    chromium.launch({
      executablePath: '/usr/bin/chromium',
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    }),
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

/** Opens a report file with every request but the file itself refused; answers what the page did. */
async function open(file: string) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const errors: string[] = [];
  const requests: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(String(e)));
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
  return { errors, requests, charts, drawn };
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
    const page = await open(html);
    expect(page.errors).toEqual([]);
    expect(page.requests).toEqual([]);
    expect(page.charts.map((c) => c.title)).toEqual([
      'Checks',
      'Outcomes per group',
      'Answer times',
      'Traffic',
      'Heartbeats',
      'Record batches',
    ]);
    expect(page.drawn).toBe(String(page.charts.length));
    for (const c of page.charts) {
      expect(c.drawn, c.title!).toBe(true);
      expect(c.datasets, c.title!).toBeGreaterThan(0);
      expect(c.width, c.title!).toBeGreaterThan(100);
      // Axes, bars and points: a drawn chart paints a good share of its canvas.
      expect(c.painted, c.title!).toBeGreaterThan(1000);
    }
  });
});
