// `npm run bench` / `hwbind bench`: hwbind side by side with Mosquitto on this machine.
// Every run is bounded in count and time, targets loopback only, and stops what it started.
import { type ChildProcess, fork } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { type RunningBroker, startBareAedes, startHwbind, startMosquitto } from './brokers.js';
import type { WorkerCommand, WorkerEvent } from './load-worker.js';

export interface BenchOptions {
  quick: boolean;
  json?: string;
  only?: string[];
  /** Devices for the connections benchmark. */
  devices?: number;
}

export interface BenchResults {
  machine: { cpus: number; cpuModel: string; memGiB: number; node: string };
  relay?: { qos0: Comparison; qos1: Comparison; devices: number; messagesPerDevice: { qos0: number; qos1: number } };
  connections?: {
    devices: number;
    connectPerSec: number;
    mosquittoConnectPerSec: number;
    aedesConnectPerSec: number;
    gatewayRssPerDeviceKB: number;
    mosquittoRssPerDeviceKB: number;
    aedesRssPerDeviceKB: number;
    failed: number;
  };
}

interface Comparison {
  hwbind: number;
  mosquitto: number;
  /** hwbind ÷ Mosquitto. */
  ratio: number;
  /** Aedes with no hooks: the floor the gateway is built on. */
  aedes: number;
}

const WORKER = join(new URL('.', import.meta.url).pathname, 'load-worker.ts');

class LoadWorker {
  private readonly proc: ChildProcess;
  private readonly waiting = new Map<string, (e: WorkerEvent) => void>();
  constructor() {
    this.proc = fork(WORKER, [], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    this.proc.on('message', (e: WorkerEvent) => {
      this.waiting.get(e.type)?.(e);
      this.waiting.delete(e.type);
    });
  }
  request<T extends WorkerEvent['type']>(
    cmd: WorkerCommand,
    answer: T,
    timeoutMs: number,
  ): Promise<Extract<WorkerEvent, { type: T }>> {
    return new Promise((resolve, reject) => {
      const t = setTimeout(() => reject(new Error(`load worker: no ${answer} within ${timeoutMs} ms`)), timeoutMs);
      this.waiting.set(answer, (e) => {
        clearTimeout(t);
        resolve(e as Extract<WorkerEvent, { type: T }>);
      });
      this.proc.send(cmd);
    });
  }
  async close(): Promise<void> {
    await this.request({ type: 'close' }, 'closed', 30_000).catch(() => this.proc.kill('SIGKILL'));
  }
}

const sns = (prefix: string, n: number) =>
  Array.from({ length: n }, (_, i) => `${prefix}${String(i).padStart(6, '0')}`);
const secretOf = (sn: string) => `bench-secret-${sn}`;
const log = (s: string) => process.stderr.write(`bench: ${s}\n`);

async function withBroker<T>(start: () => Promise<RunningBroker>, fn: (b: RunningBroker) => Promise<T>): Promise<T> {
  const broker = await start();
  try {
    return await fn(broker);
  } finally {
    await broker.stop();
  }
}

/** Messages/s through a broker: `devices` connections each publish `perDevice` heartbeats. */
async function relayOnce(broker: RunningBroker, devices: string[], perDevice: number, qos: 0 | 1): Promise<number> {
  const worker = new LoadWorker();
  try {
    const auth = broker.name === 'hwbind';
    const conn = await worker.request(
      {
        type: 'connect',
        url: broker.url,
        devices: devices.map((sn) => ({ sn, secret: auth ? secretOf(sn) : null })),
        concurrency: 50,
      },
      'connected',
      60_000,
    );
    if (conn.failed) throw new Error(`${broker.name}: ${conn.failed} connects failed: ${conn.firstError}`);
    const r = await worker.request({ type: 'publish', perDevice, qos, devices: devices.length }, 'published', 120_000);
    return r.messages / (r.ms / 1000);
  } finally {
    await worker.close();
  }
}

async function relay(quick: boolean): Promise<NonNullable<BenchResults['relay']>> {
  const devices = sns('RELAY', quick ? 20 : 50);
  const per = { qos0: quick ? 2500 : 10_000, qos1: quick ? 1000 : 4000 };
  const measure = async (b: RunningBroker) => {
    // One warm-up round so both brokers run JIT-compiled, steady-state code.
    await relayOnce(b, devices, Math.floor(per.qos1 / 4), 1);
    const qos0 = await relayOnce(b, devices, per.qos0, 0);
    const qos1 = await relayOnce(b, devices, per.qos1, 1);
    log(`relay ${b.name}: QoS 0 ${Math.round(qos0)} msg/s, QoS 1 ${Math.round(qos1)} msg/s`);
    return { qos0, qos1 };
  };
  // The gateway's per-device publish limit (100/s by default) would measure the limit, not the path.
  const hw = await withBroker(
    () =>
      startHwbind(
        devices.map((sn) => ({ sn, secret: secretOf(sn) })),
        ['--publish-rate', '10000000'],
      ),
    measure,
  );
  const mq = await withBroker(startMosquitto, measure);
  const ae = await withBroker(startBareAedes, measure);
  const cmp = (a: number, b: number, c: number): Comparison => ({
    hwbind: Math.round(a),
    mosquitto: Math.round(b),
    ratio: Number((a / b).toFixed(2)),
    aedes: Math.round(c),
  });
  return {
    qos0: cmp(hw.qos0, mq.qos0, ae.qos0),
    qos1: cmp(hw.qos1, mq.qos1, ae.qos1),
    devices: devices.length,
    messagesPerDevice: per,
  };
}

/** Connect `n` devices (split over load processes: 20,000 open files per process) and measure. */
async function connectFleet(
  broker: RunningBroker,
  list: string[],
): Promise<{ perSec: number; rssPerDeviceKB: number; failed: number }> {
  const perWorker = 9000;
  const chunks: string[][] = [];
  for (let i = 0; i < list.length; i += perWorker) chunks.push(list.slice(i, i + perWorker));
  const workers = chunks.map(() => new LoadWorker());
  try {
    await new Promise((r) => setTimeout(r, 500));
    const before = broker.rssKB();
    const start = performance.now();
    const results = await Promise.all(
      chunks.map((chunk, i) =>
        workers[i]!.request(
          {
            type: 'connect',
            url: broker.url,
            devices: chunk.map((sn) => ({ sn, secret: broker.name === 'hwbind' ? secretOf(sn) : null })),
            concurrency: 50,
            // Spread over source addresses: ~28,000 ephemeral ports per source/destination pair.
            localAddress: `127.0.0.${(i % 8) + 1}`,
          },
          'connected',
          300_000,
        ),
      ),
    );
    const seconds = (performance.now() - start) / 1000;
    const ok = results.reduce((n, r) => n + r.ok, 0);
    const failed = results.reduce((n, r) => n + r.failed, 0);
    if (failed)
      log(`${broker.name}: ${failed} connects failed, first: ${results.find((r) => r.firstError)?.firstError}`);
    await new Promise((r) => setTimeout(r, 2000)); // let buffers settle before reading RSS
    const after = broker.rssKB();
    return { perSec: ok / seconds, rssPerDeviceKB: (after - before) / Math.max(ok, 1), failed };
  } finally {
    await Promise.all(workers.map((w) => w.close()));
  }
}

async function connections(n: number): Promise<NonNullable<BenchResults['connections']>> {
  const list = sns('CONN', n);
  const hw = await withBroker(
    () => startHwbind(list.map((sn) => ({ sn, secret: secretOf(sn) }))),
    (b) => connectFleet(b, list),
  );
  log(
    `connections hwbind: ${n} devices, ${Math.round(hw.perSec)}/s, ${hw.rssPerDeviceKB.toFixed(1)} KB RSS per device`,
  );
  const mq = await withBroker(startMosquitto, (b) => connectFleet(b, list));
  log(`connections mosquitto: ${Math.round(mq.perSec)}/s, ${mq.rssPerDeviceKB.toFixed(2)} KB RSS per connection`);
  const ae = await withBroker(startBareAedes, (b) => connectFleet(b, list));
  log(`connections bare aedes: ${Math.round(ae.perSec)}/s, ${ae.rssPerDeviceKB.toFixed(1)} KB RSS per connection`);
  return {
    devices: n,
    connectPerSec: Math.round(hw.perSec),
    mosquittoConnectPerSec: Math.round(mq.perSec),
    aedesConnectPerSec: Math.round(ae.perSec),
    gatewayRssPerDeviceKB: Number(hw.rssPerDeviceKB.toFixed(1)),
    mosquittoRssPerDeviceKB: Number(mq.rssPerDeviceKB.toFixed(2)),
    aedesRssPerDeviceKB: Number(ae.rssPerDeviceKB.toFixed(1)),
    failed: hw.failed,
  };
}

export async function runBench(o: BenchOptions): Promise<BenchResults> {
  const want = (name: string) => !o.only || o.only.includes(name);
  const results: BenchResults = {
    machine: {
      cpus: cpus().length,
      cpuModel: cpus()[0]?.model ?? 'unknown',
      memGiB: Math.round(totalmem() / 2 ** 30),
      node: process.version,
    },
  };
  if (want('relay')) results.relay = await relay(o.quick);
  if (want('connections')) results.connections = await connections(o.devices ?? (o.quick ? 10_000 : 19_000));
  if (o.json) writeFileSync(o.json, `${JSON.stringify(results, null, 2)}\n`);
  return results;
}

export function formatResults(r: BenchResults): string {
  const rows: string[][] = [['benchmark', 'hwbind', 'mosquitto', 'hwbind ÷ mosquitto', 'bare aedes']];
  if (r.relay) {
    for (const q of ['qos0', 'qos1'] as const) {
      const c = r.relay[q];
      rows.push([
        `relay ${q === 'qos0' ? 'QoS 0' : 'QoS 1'} (msg/s)`,
        String(c.hwbind),
        String(c.mosquitto),
        `${c.ratio}×`,
        String(c.aedes),
      ]);
    }
  }
  if (r.connections) {
    const c = r.connections;
    const ratio = (c.connectPerSec / c.mosquittoConnectPerSec).toFixed(2);
    rows.push([
      `connect ${c.devices} devices (/s)`,
      String(c.connectPerSec),
      String(c.mosquittoConnectPerSec),
      `${ratio}×`,
      String(c.aedesConnectPerSec),
    ]);
    rows.push([
      'RSS per connected device (KB)',
      String(c.gatewayRssPerDeviceKB),
      String(c.mosquittoRssPerDeviceKB),
      '',
      String(c.aedesRssPerDeviceKB),
    ]);
  }
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((row) => row[i]!.length)));
  return rows.map((row) => row.map((cell, i) => cell.padEnd(widths[i]!)).join('  ')).join('\n');
}
