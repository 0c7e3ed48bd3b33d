// `npm run bench` / `hwbind bench`: hwbind side by side with Mosquitto on this machine.
// Every run is bounded in count and time, targets loopback only, and stops what it started.
import { type ChildProcess, fork, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer as createNetServer } from 'node:net';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { startLocalCluster } from '../gateway/cluster/local.js';
import { startPgServer } from '../gateway/store/pg-server.js';
import { createApiClient } from '../protocol/api-client.js';
import { buildFirmwareImage, generateVendorKeys } from '../protocol/firmware.js';
import { dynamicQrUrl, verificationCode } from '../protocol/qr.js';
import { Binder, type BindTiming, percentile } from './binder.js';
import {
  gatewayNodeArgs,
  profileGatewaysInto,
  type RunningBroker,
  rssKB,
  startBareAedes,
  startHwbind,
  startMosquitto,
} from './brokers.js';
import type { ServiceCommand, ServiceEvent } from './decode-service.js';
import type { WorkerCommand, WorkerEvent } from './load-worker.js';
import { cli, startGateway, tempDir } from './processes.js';
import { benchHtml } from './report.js';
import { type SerialResult, serialBench, serialRows } from './serial.js';

export interface BenchOptions {
  quick: boolean;
  json?: string;
  /** Write a self-contained HTML page of charts. */
  html?: string;
  only?: string[];
  /** Devices for the connections benchmark. */
  devices?: number;
  /** Simulated devices for the fleet benchmark. */
  fleet?: number;
  /** Devices connected during the binding benchmark. */
  bindDevices?: number;
  /** Write each gateway's CPU profile into this directory. */
  profile?: string;
  /** Devices downloading the firmware image at once. */
  otaDevices?: number;
  /** Devices across the three nodes of the cluster benchmark. */
  clusterDevices?: number;
}

/** Quick mode downloads to fewer devices, to keep the whole quick suite under 3 minutes. */
export const OTA_QUICK_DEVICES = 200;

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
  fleet?: FleetResult[];
  binding?: BindingResult;
  records?: RecordsResult & { postgres?: RecordsResult };
  ota?: OtaResult;
  serial?: SerialResult[];
  cluster?: ClusterResult;
}

interface OtaResult {
  /** Devices downloading the image at once. */
  devices: number;
  imageBytes: number;
  /** From the first device's offer to the last device holding its whole image, checked. */
  seconds: number;
  /** devices × imageBytes ÷ seconds, in MB/s (10^6 bytes). */
  aggregateMBps: number;
  /** One raw loopback TCP stream between two processes, measured in the same run: the ceiling. */
  loopbackMBps: number;
  /** aggregateMBps ÷ loopbackMBps. */
  ratio: number;
  /** Images whose SHA-256 did not match the offer (there should be none). */
  mismatched: number;
  /** The chunk size of the figures above: the most the gateway offers (64 KiB). */
  chunkBytes: number;
  /** The same download by other devices asking for the default 16 KiB chunks. */
  defaultChunks: { chunkBytes: number; seconds: number; aggregateMBps: number; ratio: number; mismatched: number };
  /** Devices not upgrading, each sending a QoS 1 heartbeat every second during the download: PUBACK times. */
  heartbeats: {
    devices: number;
    sent: number;
    p50Ms: number;
    p99Ms: number;
    maxMs: number;
    late: number;
    closed: number;
  };
}

export interface BindingResult {
  /** Devices connected, subscribed and heartbeating while bindings are confirmed. */
  devices: number;
  /** Bindings confirmed one after another (after a warm-up), each measured confirm → active. */
  bound: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  meanMs: number;
  /** Confirm → the 201 answer (the binding is pending and its notice stored and sent). */
  confirmP50Ms: number;
  /** Bindings confirmed `concurrency` at a time. */
  concurrentBound: number;
  concurrency: number;
  concurrentP50Ms: number;
  concurrentP99Ms: number;
  /** Wall time of the whole benchmark: gateway start, connects, bindings. */
  seconds: number;
  /** Every confirm → active time measured (ms), one at a time and `concurrency` at a time: the report's histogram. */
  samples: { oneAtATimeMs: number[]; concurrentMs: number[] };
}

export interface RecordsResult {
  /** The store: the embedded SQLite one, or a PostgreSQL server on this machine (fsync on). */
  store: 'sqlite' | 'postgres';
  devices: number;
  /** Records stored and acknowledged per second (RecordAck after the commit). */
  perSec: number;
  records: number;
  batchSize: number;
  seconds: number;
  /** Acknowledged as stored (the rest as rejected: there should be none). */
  stored: number;
}

export interface FleetResult {
  devices: number;
  simulatorProcesses: number;
  connectSeconds: number;
  connectPerSec: number;
  simulatorRssPerDeviceKB: number;
  gatewayRssPerDeviceKB: number;
  passed: boolean;
  failure?: string;
  gatewayLog?: string;
}

export interface Comparison {
  hwbind: number;
  mosquitto: number;
  /** hwbind ÷ Mosquitto. */
  ratio: number;
  /** Aedes with no hooks: the floor the gateway is built on. */
  aedes: number;
  /** What teams build without hwbind: Mosquitto and a Node service decoding every envelope. */
  mosquittoService: number;
  /** hwbind ÷ (Mosquitto + service). */
  serviceRatio: number;
}

const here = new URL('.', import.meta.url).pathname;

/** A TypeScript child process of the benchmark, driven over IPC: each command is answered by an event. */
class IpcChild<Cmd extends { type: string }, Ev extends { type: string }> {
  private readonly proc: ChildProcess;
  private readonly waiting = new Map<string, (e: Ev) => void>();
  constructor(
    file: string,
    args: string[],
    private readonly closing: { cmd: Cmd; answer: Ev['type'] },
  ) {
    this.proc = fork(join(here, file), args, {
      execArgv: ['--import', 'tsx'],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    this.proc.on('message', (e: Ev) => {
      this.waiting.get(e.type)?.(e);
      this.waiting.delete(e.type);
    });
  }
  /** Waits for an event the child sends by itself (without a command). */
  next<T extends Ev['type']>(answer: T, timeoutMs: number): Promise<Extract<Ev, { type: T }>> {
    return this.request(null, answer, timeoutMs);
  }
  request<T extends Ev['type']>(cmd: Cmd | null, answer: T, timeoutMs: number): Promise<Extract<Ev, { type: T }>> {
    return new Promise((resolve, reject) => {
      const t = setTimeout(
        () => reject(new Error(`${this.constructor.name}: no ${answer} within ${timeoutMs} ms`)),
        timeoutMs,
      );
      this.waiting.set(answer, (e) => {
        clearTimeout(t);
        resolve(e as Extract<Ev, { type: T }>);
      });
      if (cmd) this.proc.send(cmd);
    });
  }
  async close(): Promise<void> {
    await this.request(this.closing.cmd, this.closing.answer, 30_000).catch(() => this.proc.kill('SIGKILL'));
  }
}

/** A load process: raw MQTT devices (load-worker.ts). */
class LoadWorker extends IpcChild<WorkerCommand, WorkerEvent> {
  constructor() {
    super('load-worker.ts', [], { cmd: { type: 'close' }, answer: 'closed' });
  }
}

/** Mosquitto's subscriber in the "Mosquitto + service" comparison (decode-service.ts). */
class DecodeService extends IpcChild<ServiceCommand, ServiceEvent> {
  static async start(url: string, qos: 0 | 1): Promise<DecodeService> {
    const service = new DecodeService(url, qos);
    await service.next('ready', 10_000);
    return service;
  }
  private constructor(url: string, qos: 0 | 1) {
    super('decode-service.ts', [url, String(qos)], { cmd: { type: 'close' }, answer: 'closed' });
  }
  async decoded(): Promise<number> {
    return (await this.request({ type: 'count' }, 'count', 10_000)).decoded;
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

const RELAY_ROUNDS = 3;

/** Messages/s through a broker: `devices` connections each publish `perDevice` heartbeats. */
/**
 * Messages per second from `devices` into `broker`: until the broker handled them (the PUBACK of
 * the last one), or with `service`, until the service behind the broker decoded them all.
 */
async function relayOnce(
  broker: RunningBroker,
  devices: string[],
  perDevice: number,
  qos: 0 | 1,
  service?: DecodeService,
): Promise<number> {
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
    const before = (await service?.decoded()) ?? 0;
    const start = performance.now();
    const r = await worker.request({ type: 'publish', perDevice, qos, devices: devices.length }, 'published', 120_000);
    if (!service) return r.messages / (r.ms / 1000);
    // The service has caught up when it decoded every message; one that stops short dropped some.
    let decoded = before;
    for (let last = -1, still = 0; decoded - before < r.messages && still < 100; ) {
      await new Promise((resolve) => setTimeout(resolve, 5));
      decoded = await service.decoded();
      still = decoded === last ? still + 1 : 0;
      last = decoded;
    }
    if (decoded - before < r.messages) log(`relay: the service decoded ${decoded - before} of ${r.messages} messages`);
    return (decoded - before) / ((performance.now() - start) / 1000);
  } finally {
    await worker.close();
  }
}

async function relay(quick: boolean): Promise<NonNullable<BenchResults['relay']>> {
  const devices = sns('RELAY', quick ? 20 : 50);
  const per = { qos0: quick ? 2500 : 10_000, qos1: quick ? 1000 : 4000 };
  const measure = async (b: RunningBroker, service?: DecodeService) => {
    // One warm-up round so every broker runs JIT-compiled, steady-state code.
    await relayOnce(b, devices, Math.floor(per.qos1 / 4), 1, service);
    // The median of three rounds: a shared machine's noise moves single rounds by tens of percent.
    const median = async (qos: 0 | 1) => {
      const rounds: number[] = [];
      for (let i = 0; i < RELAY_ROUNDS; i++)
        rounds.push(await relayOnce(b, devices, qos === 0 ? per.qos0 : per.qos1, qos, service));
      return rounds.sort((x, y) => x - y)[Math.floor(rounds.length / 2)]!;
    };
    const qos0 = await median(0);
    const qos1 = await median(1);
    log(
      `relay ${b.name}${service ? ' + decoding service' : ''}: QoS 0 ${Math.round(qos0)} msg/s, QoS 1 ${Math.round(qos1)} msg/s (median of ${RELAY_ROUNDS})`,
    );
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
  // Subscribed at QoS 1: each message reaches the service at the QoS it was published with.
  const ms = await withBroker(startMosquitto, async (b) => {
    const service = await DecodeService.start(b.url, 1);
    try {
      return await measure(b, service);
    } finally {
      await service.close();
    }
  });
  const ae = await withBroker(startBareAedes, measure);
  const cmp = (q: 'qos0' | 'qos1'): Comparison => ({
    hwbind: Math.round(hw[q]),
    mosquitto: Math.round(mq[q]),
    ratio: Number((hw[q] / mq[q]).toFixed(2)),
    aedes: Math.round(ae[q]),
    mosquittoService: Math.round(ms[q]),
    serviceRatio: Number((hw[q] / ms[q]).toFixed(2)),
  });
  return {
    qos0: cmp('qos0'),
    qos1: cmp('qos1'),
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
            // ~28,000 ephemeral ports per source/destination pair: spread larger fleets over source
            // addresses. Not below that: binding a source address makes the kernel's port search slow.
            ...(list.length > 25_000 ? { localAddress: `127.0.0.${(i % 8) + 1}` } : {}),
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

/** Resident memory of a process and all its descendants, KB. */
function treeRssKB(pid: number): number {
  let total = 0;
  const walk = (p: number) => {
    try {
      total += rssKB(p);
      for (const task of readdirSync(`/proc/${p}/task`)) {
        for (const child of readFileSync(`/proc/${p}/task/${task}/children`, 'utf8').split(' ').filter(Boolean))
          walk(Number(child));
      }
    } catch {
      // the process ended between the listing and the read
    }
  };
  walk(pid);
  return total;
}

/**
 * Devices booted per second in the fleet benchmark: about what one gateway process accepts. A faster
 * ramp only queues CONNECTs past the devices' 10 s CONNACK timeout, and they retry.
 */
const FLEET_RAMP = 1000;

const HWBIND_BIN = join(new URL('..', import.meta.url).pathname, 'bin', 'hwbind.js');

/**
 * Simulated devices (the real simulator: flash, boot steps, hello, heartbeats) against one gateway,
 * run as `hwbind sim fleet` — connect time, and memory per device on both sides.
 */
async function fleetOnce(n: number, workers: number): Promise<FleetResult> {
  const list = sns('FLEET', n);
  // The devices' flash goes on tmpfs where there is one: the simulator fsyncs every flash write,
  // and this benchmark measures gateway and simulator, not the disk's fsync latency.
  const dir = mkdtempSync(join(existsSync('/dev/shm') ? '/dev/shm' : tmpdir(), 'hwbind-bench-fleet-'));
  try {
    return await withBroker(
      () => startHwbind(list.map((sn) => ({ sn, secret: secretOf(sn) }))),
      async (broker) => {
        const bundles = join(dir, 'bundles');
        mkdirSync(bundles);
        for (const sn of list) {
          const bundle = {
            sn,
            secret: secretOf(sn),
            model: 'BENCH',
            capabilities: ['face', 'door'],
            mqttUrl: broker.url,
            publicUrl: 'http://127.0.0.1',
          };
          writeFileSync(join(bundles, `${sn}.json`), JSON.stringify(bundle));
        }
        const scenario = join(dir, 'connect.yaml');
        writeFileSync(
          scenario,
          'name: bench-connect\nsteps:\n  - connect: { within: 600s }\n  - hold: 3s\n  - expect: { connected: 100% }\n',
        );
        const report = join(dir, 'report.json');
        const gatewayBefore = broker.rssKB();
        // Source addresses only past one address's ~28,000 ephemeral ports (binding one is slower).
        const addresses = n > 25_000 ? Array.from({ length: Math.ceil(n / 20_000) }, (_, i) => `127.0.0.${i + 2}`) : [];
        const args = [
          HWBIND_BIN,
          'sim',
          'fleet',
          '--bundles',
          bundles,
          '--scenario',
          scenario,
          '--state-dir',
          join(dir, 'flash'),
          '--ramp',
          String(FLEET_RAMP),
          '--workers',
          String(workers),
          ...(addresses.length ? ['--local-address', addresses.join(',')] : []),
          '--json',
          report,
        ];
        const proc = spawn(process.execPath, args, {
          stdio: ['ignore', 'ignore', 'pipe'],
          env: { ...process.env, CI: 'true' },
        });
        let err = '';
        proc.stderr!.on('data', (d) => (err += d));
        let peak = 0;
        const sampler = setInterval(() => (peak = Math.max(peak, treeRssKB(proc.pid!))), 500);
        const code = await new Promise<number | null>((resolve) => proc.once('exit', resolve));
        clearInterval(sampler);
        const gatewayAfter = broker.rssKB();
        let r: { passed: boolean; steps: { kind: string; durationMs: number; passed: boolean; detail: string }[] };
        try {
          r = JSON.parse(readFileSync(report, 'utf8'));
        } catch {
          throw new Error(`sim fleet exited ${code} without a report:\n${err.slice(-2000)}`);
        }
        const connectMs = r.steps.find((s) => s.kind === 'connect')?.durationMs ?? Number.NaN;
        return {
          devices: n,
          simulatorProcesses: Math.max(1, workers) + (workers > 0 ? 1 : 0),
          connectSeconds: Number((connectMs / 1000).toFixed(1)),
          connectPerSec: Math.round(n / (connectMs / 1000)),
          simulatorRssPerDeviceKB: Number((peak / n).toFixed(1)),
          gatewayRssPerDeviceKB: Number(((gatewayAfter - gatewayBefore) / n).toFixed(1)),
          passed: r.passed,
          ...(r.passed ? {} : { gatewayLog: broker.logs?.().slice(-3000) }),
          ...(r.passed
            ? {}
            : {
                failure: r.steps
                  .filter((st) => !st.passed)
                  .map((st) => `${st.kind}: ${st.detail}`)
                  .join('; '),
              }),
        };
      },
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function fleet(o: BenchOptions): Promise<FleetResult[]> {
  const runs: FleetResult[] = [];
  // One simulator process first (the issue's 10,000), then the most one gateway process holds,
  // which takes several simulator processes (20,000 open files per process).
  const sizes = o.fleet
    ? [{ n: o.fleet, workers: o.fleet > 15_000 ? Math.ceil(o.fleet / 15_000) : 0 }]
    : o.quick
      ? [{ n: 2000, workers: 0 }]
      : [
          { n: 10_000, workers: 0 },
          { n: 19_000, workers: 2 },
        ];
  for (const { n, workers } of sizes) {
    const r = await fleetOnce(n, workers);
    log(
      `fleet: ${n} simulated devices in ${r.simulatorProcesses} process(es): connected in ${r.connectSeconds} s (${r.connectPerSec}/s), simulator ${r.simulatorRssPerDeviceKB} KB/device, gateway ${r.gatewayRssPerDeviceKB} KB/device, ${r.passed ? 'passed' : `FAILED: ${r.failure}`}`,
    );
    if (r.gatewayLog) log(`gateway log (last lines):\n${r.gatewayLog}`);
    runs.push(r);
  }
  return runs;
}

const BENCH_PUBLIC_URL = 'https://hw.bench.test';

/** A small enterprise: the device admin who binds, a super admin (also notified), a member. */
const BENCH_CORP = `
corp: {id: bench, name: Bench Corp}
memberBinding: true
departments:
  - {id: hq, name: Headquarters}
  - {id: ops, name: Operations, parent: hq}
members:
  - {userid: sam, name: Sam Super, role: super_admin, departments: [hq], visibility: {departments: [hq]}}
  - {userid: ada, name: Ada Admin, role: admin, canBindDevices: true, departments: [ops], visibility: {departments: [hq]}}
  - {userid: max, name: Max Member, role: member, departments: [ops], visibility: {departments: [ops]}}
apps:
  - {id: attendance, name: Attendance, admins: [ada]}
`;

const BIND_BODY = { usableRange: { departments: ['ops'], users: [] }, apps: ['attendance'] };

/** Bindings measured after this many unmeasured ones (JIT warm-up of the whole path). */
const BIND_WARMUP = 20;
const BIND_CONCURRENCY = 50;
/** The gateway's default heartbeat interval: the devices heartbeat at it, as firmware does. */
const HEARTBEAT_MS = 30_000;

/**
 * Confirm → active latency while `n` devices are connected, subscribed and heartbeating: a device
 * admin binds a sample of them by their dynamic QR codes through the Person API, one at a time and
 * then 50 at a time; each device acknowledges its BindNotice; a binding counts as active when the
 * binder's event stream says so.
 */
async function binding(n: number, quick: boolean): Promise<BindingResult> {
  const started = performance.now();
  const sample = quick ? 200 : 500;
  const picks = BIND_WARMUP + 2 * sample;
  if (n < picks) throw new Error(`binding: at least ${picks} devices`);
  const list = sns('BIND', n);
  // Spread over the fleet (and so over the load processes): every step-th device.
  const step = Math.floor(n / picks);
  const picked = Array.from({ length: picks }, (_, i) => list[i * step]!);
  return withBroker(
    () =>
      startHwbind(
        list.map((sn) => ({ sn, secret: secretOf(sn) })),
        ['--public-url', BENCH_PUBLIC_URL],
      ),
    async (broker) => {
      const { token } = await setUpCorp(broker.http!, BENCH_CORP, 'ada');
      const workers: LoadWorker[] = [];
      let binder: Binder | null = null;
      try {
        await connectAnswering(broker, list, workers);
        // Let the gateway write the connects' presence (once a second) before measuring.
        await new Promise((r) => setTimeout(r, 2000));
        binder = await Binder.open(broker.http!.url, token);
        const b = binder;
        const bindOne = (sn: string) => b.bind(sn, dynamicQrUrl(BENCH_PUBLIC_URL, sn, secretOf(sn)), BIND_BODY);
        for (const sn of picked.slice(0, BIND_WARMUP)) await bindOne(sn);
        const one: BindTiming[] = [];
        for (const sn of picked.slice(BIND_WARMUP, BIND_WARMUP + sample)) one.push(await bindOne(sn));
        await b.warm(BIND_CONCURRENCY);
        const concurrent = picked.slice(BIND_WARMUP + sample);
        const many: BindTiming[] = [];
        const lane = async () => {
          for (let sn = concurrent.shift(); sn; sn = concurrent.shift()) many.push(await bindOne(sn));
        };
        await Promise.all(Array.from({ length: BIND_CONCURRENCY }, lane));
        const last = picked[picks - 1]!;
        if ((await b.status(last)) !== 'active') throw new Error(`binding: ${last} is not active on its page`);
        const stats = await Promise.all(workers.map((w) => w.request({ type: 'stats' }, 'stats', 10_000)));
        const notices = stats.reduce((k, st) => k + st.bindNotices, 0);
        if (notices !== picks) log(`binding: ${notices} BindNotices reached devices for ${picks} bindings`);
        const active = summary(one.map((t) => t.activeMs));
        const together = summary(many.map((t) => t.activeMs));
        const r: BindingResult = {
          devices: n,
          bound: one.length,
          p50Ms: active.p50,
          p99Ms: active.p99,
          maxMs: active.max,
          meanMs: active.mean,
          confirmP50Ms: summary(one.map((t) => t.confirmedMs)).p50,
          concurrentBound: many.length,
          concurrency: BIND_CONCURRENCY,
          concurrentP50Ms: together.p50,
          concurrentP99Ms: together.p99,
          seconds: round1((performance.now() - started) / 1000),
          samples: { oneAtATimeMs: one.map((t) => t.activeMs), concurrentMs: many.map((t) => t.activeMs) },
        };
        log(
          `binding: ${n} devices connected${quick ? ' (quick run; the full run connects 10,000)' : ''}: confirm → active over ${r.bound} bindings one at a time p50 ${r.p50Ms} ms, p99 ${r.p99Ms} ms, max ${r.maxMs} ms, mean ${r.meanMs} ms (201 answer p50 ${r.confirmP50Ms} ms); ${r.concurrentBound} bindings ${BIND_CONCURRENCY} at a time p50 ${r.concurrentP50Ms} ms, p99 ${r.concurrentP99Ms} ms; ${r.seconds} s in all`,
        );
        return r;
      } finally {
        await binder?.close();
        await Promise.all(workers.map((w) => w.close()));
      }
    },
  );
}

const RECORD_DEVICES = 1000;
const RECORD_BATCH = 200;
/** The bench enterprise: one department, the people whose records the devices send. */
const RECORDS_CORP = [
  'corp: {id: bench, name: Bench Corp}',
  'departments:',
  '  - {id: all, name: Everyone}',
  'members:',
  '  - {userid: boss, name: Bench Admin, role: super_admin, departments: [all], visibility: {departments: [all]}}',
  ...Array.from(
    { length: 50 },
    (_, i) =>
      `  - {userid: p${i}, name: Person ${i}, role: member, departments: [all], visibility: {departments: [all]}}`,
  ),
  'apps: []',
  '',
].join('\n');

/** Runs `fn` over `items`, `lanes` at a time. */
async function eachLimited<T>(items: readonly T[], lanes: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const lane = async () => {
    for (let i = next++; i < items.length; i = next++) await fn(items[i]!);
  };
  await Promise.all(Array.from({ length: Math.min(lanes, items.length) }, lane));
}

/**
 * Durable record ingestion: 1,000 devices bound through the Person API (each holding its usable-range
 * directory), each sending RecordBatches of 200, the next one after the previous one's RecordAck.
 * The gateway acknowledges a batch only after the commit that holds it (SQLite, WAL,
 * synchronous=FULL, on disk; or PostgreSQL, a throwaway server on this machine with fsync and
 * synchronous_commit on, as a production server runs).
 */
async function records(quick: boolean, store: RecordsResult['store']): Promise<RecordsResult> {
  const list = sns('REC', RECORD_DEVICES);
  const batches = quick ? 2 : 10;
  const pgServer = store === 'postgres' ? await startPgServer() : null;
  try {
    const url = await pgServer?.createDatabase('hwbind_bench');
    return await recordsOn(list, batches, store, url);
  } finally {
    await pgServer?.stop();
  }
}

async function recordsOn(
  list: string[],
  batches: number,
  store: RecordsResult['store'],
  url: string | undefined,
): Promise<RecordsResult> {
  const tag = store === 'sqlite' ? 'records' : 'records (postgres)';
  return withBroker(
    () =>
      startHwbind(
        list.map((sn) => ({ sn, secret: secretOf(sn) })),
        [],
        gatewayNodeArgs(),
        url,
      ),
    async (broker) => {
      const { person } = await setUpCorp(broker.http!, RECORDS_CORP, 'boss');
      const worker = new LoadWorker();
      try {
        const conn = await worker.request(
          {
            type: 'connect',
            url: broker.url,
            devices: list.map((sn) => ({ sn, secret: secretOf(sn) })),
            concurrency: 50,
            answer: true,
          },
          'connected',
          120_000,
        );
        if (conn.failed) throw new Error(`${tag}: ${conn.failed} connects failed: ${conn.firstError}`);
        const bindStart = performance.now();
        await eachLimited(list, 50, async (sn) => {
          await person.call('person.bind', {
            body: { sn, verifyCode: verificationCode(secretOf(sn), sn), usableRange: { departments: ['all'] } },
          });
        });
        for (;;) {
          const { devices } = await person.call('person.listDevices');
          if (devices.filter((d) => d.binding.status === 'active').length === list.length) break;
          if (performance.now() - bindStart > 120_000)
            throw new Error(`${tag}: devices did not all acknowledge their binding`);
          await new Promise((r) => setTimeout(r, 250));
        }
        log(`${tag}: ${list.length} devices bound in ${((performance.now() - bindStart) / 1000).toFixed(1)} s`);
        const users = Array.from({ length: 50 }, (_, i) => `p${i}`);
        const r = await worker.request({ type: 'records', batches, size: RECORD_BATCH, users }, 'recorded', 600_000);
        if (r.rejected) log(`${tag}: ${r.rejected} records rejected (expected none)`);
        const seconds = r.ms / 1000;
        const perSec = Math.round(r.stored / seconds);
        log(
          `${tag}: ${r.stored} records from ${list.length} devices stored and acknowledged in ${seconds.toFixed(1)} s: ${perSec}/s`,
        );
        return {
          store,
          devices: list.length,
          perSec,
          records: r.records,
          batchSize: RECORD_BATCH,
          seconds: Number(seconds.toFixed(1)),
          stored: r.stored,
        };
      } finally {
        await worker.close();
      }
    },
  );
}

/** Connects the devices firmware-like (subscribed, answering BindNotices) and starts their heartbeats. */
async function connectAnswering(broker: RunningBroker, list: string[], workers: LoadWorker[]): Promise<void> {
  const perWorker = 9000;
  const start = performance.now();
  const connects: Promise<Extract<WorkerEvent, { type: 'connected' }>>[] = [];
  for (let i = 0; i < list.length; i += perWorker) {
    const w = new LoadWorker();
    workers.push(w);
    const devices = list.slice(i, i + perWorker).map((sn) => ({ sn, secret: secretOf(sn) }));
    connects.push(
      w.request({ type: 'connect', url: broker.url, devices, concurrency: 50, answer: true }, 'connected', 300_000),
    );
  }
  const connected = await Promise.all(connects);
  const failed = connected.reduce((k, r) => k + r.failed, 0);
  if (failed)
    throw new Error(`binding: ${failed} devices did not connect: ${connected.find((r) => r.firstError)?.firstError}`);
  const seconds = ((performance.now() - start) / 1000).toFixed(1);
  await Promise.all(
    workers.map((w) => w.request({ type: 'heartbeat', intervalMs: HEARTBEAT_MS }, 'heartbeating', 10_000)),
  );
  log(
    `binding: ${list.length} devices connected and subscribed in ${seconds} s, heartbeating every ${HEARTBEAT_MS / 1000} s`,
  );
}

function summary(ms: number[]): { p50: number; p99: number; max: number; mean: number } {
  return {
    p50: round1(percentile(ms, 50)),
    p99: round1(percentile(ms, 99)),
    max: round1(Math.max(...ms)),
    mean: round1(ms.reduce((a, b) => a + b, 0) / ms.length),
  };
}

const round1 = (x: number) => Math.round(x * 10) / 10;

/** Imports an enterprise (`corp` YAML, id bench) through the admin API; answers `userid`'s Person API client. */
async function setUpCorp(http: { url: string; adminToken: () => string }, corp: string, userid: string) {
  const admin = createApiClient(http.url, http.adminToken());
  await admin.call('admin.importDirectory', { params: { id: 'bench' }, body: corp });
  const { token } = await admin.call('admin.issueToken', { params: { id: 'bench' }, body: { userid } });
  return { token, person: createApiClient(http.url, token) };
}

const OTA_IMAGE_BYTES = 1024 * 1024;
const OTA_PULSE_DEVICES = 200;
const OTA_WINDOW = 4;

/**
 * The raw loopback ceiling: one TCP stream from a load process to this process, as fast as it goes.
 * Answers MB/s (10^6 bytes), timed at the receiving end from the first byte to the last.
 */
async function loopbackMBps(bytes: number): Promise<number> {
  let first = 0;
  let last = 0;
  let got = 0;
  const server = createNetServer((socket) => {
    socket.on('data', (d: Buffer) => {
      if (!first) first = performance.now();
      got += d.length;
      last = performance.now();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const worker = new LoadWorker();
  try {
    const port = (server.address() as { port: number }).port;
    await worker.request({ type: 'loopback', port, bytes }, 'loopbackDone', 120_000);
    await until(() => got >= bytes, 10_000);
  } finally {
    await worker.close();
    await new Promise((resolve) => server.close(resolve));
  }
  return bytes / ((last - first) / 1000) / 1e6;
}

async function until(done: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!done()) {
    if (Date.now() > deadline) throw new Error(`no answer within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** One download phase: which devices, the chunk size they ask for, what it gave. */
interface OtaPhase {
  chunkBytes: number;
  seconds: number;
  aggregateMBps: number;
  mismatched: number;
}

/**
 * Firmware relay: a 1 MiB signed image (published to the catalog, checked against the model's vendor
 * key) to `n` devices at once, twice: devices asking for 16 KiB chunks (the gateway's default offer),
 * then other devices asking for 64 KiB (the most it offers: the run's gateway offers that). The devices
 * (bound through the Person API) take the offer like firmware: four chunk requests in flight each, the
 * image hashed as it arrives and checked against the offer. Meanwhile 200 other devices send a QoS 1
 * heartbeat every second, timed to its PUBACK. The loopback ceiling is measured first, in the same run.
 */
async function ota(n: number, quick: boolean): Promise<OtaResult> {
  const ceiling = await loopbackMBps(quick ? 512 * 1024 * 1024 : 1024 * 1024 * 1024);
  log(`ota: raw loopback TCP, one stream: ${Math.round(ceiling)} MB/s`);
  const sets = [sns('OTAS', n), sns('OTAL', n)];
  const pulsing = sns('PULSE', OTA_PULSE_DEVICES);
  const data = tempDir('hwbind-bench-ota-');
  const keys = generateVendorKeys();
  writeFileSync(join(data, 'vendor.pub'), keys.publicKeyPem);
  const step = (args: string[]) => {
    const r = cli(args);
    if (r.code !== 0) throw new Error(`ota: hwbind ${args.slice(0, 3).join(' ')} failed: ${r.stderr}`);
  };
  const model = ['--id', 'BENCHFW', '--name', 'Bench terminal', '--capabilities', 'face,door'];
  step(['vendor', 'model', 'add', '--data', data, ...model, '--vendor-key', join(data, 'vendor.pub')]);
  const all = [...sets.flat(), ...pulsing];
  writeFileSync(join(data, 'devices.csv'), `sn,secret\n${all.map((sn) => `${sn},${secretOf(sn)}`).join('\n')}\n`);
  step(['vendor', 'sn', 'import', join(data, 'devices.csv'), '--data', data, '--model', 'BENCHFW']);
  const image = buildFirmwareImage(
    { model: 'BENCHFW', version: '2.0.0', payload: randomBytes(OTA_IMAGE_BYTES - 192) },
    keys.privateKeyPem,
  );
  writeFileSync(join(data, 'image.hwfw'), image);
  step(['firmware', 'publish', join(data, 'image.hwfw'), '--data', data]);
  const gw = await startGateway({
    data,
    args: ['--log-level', 'warn', '--ota-chunk-size', String(64 * 1024)],
    nodeArgs: gatewayNodeArgs(),
  });
  // Per set, two load processes download (hashing costs them a core's share); one more holds the heartbeats.
  const halves = sets.flatMap((set) => [set.slice(0, Math.ceil(n / 2)), set.slice(Math.ceil(n / 2))]);
  const workers = [...halves, pulsing].map(() => new LoadWorker());
  const pulser = workers.at(-1)!;
  try {
    const { person } = await setUpCorp({ url: gw.httpUrl, adminToken: gw.adminToken }, RECORDS_CORP, 'boss');
    const connected = await Promise.all(
      [...halves, pulsing].map((list, i) =>
        workers[i]!.request(
          {
            type: 'connect',
            url: gw.mqttUrl,
            devices: list.map((sn) => ({ sn, secret: secretOf(sn) })),
            concurrency: 50,
            answer: true,
          },
          'connected',
          120_000,
        ),
      ),
    );
    const failed = connected.reduce((k, c) => k + c.failed, 0);
    if (failed) throw new Error(`ota: ${failed} connects failed: ${connected.find((c) => c.firstError)?.firstError}`);
    // The downloading devices heartbeat as firmware does, so none goes silent while the other set downloads.
    await Promise.all(
      workers
        .slice(0, -1)
        .map((w) => w.request({ type: 'heartbeat', intervalMs: HEARTBEAT_MS }, 'heartbeating', 10_000)),
    );
    const bindStart = performance.now();
    const upgrading = sets.flat();
    await eachLimited(upgrading, 50, async (sn) => {
      await person.call('person.bind', {
        body: { sn, verifyCode: verificationCode(secretOf(sn), sn), usableRange: { departments: ['all'] } },
      });
    });
    for (;;) {
      const { devices } = await person.call('person.listDevices');
      if (devices.filter((d) => d.binding.status === 'active').length === upgrading.length) break;
      if (performance.now() - bindStart > 120_000)
        throw new Error('ota: devices did not all acknowledge their binding');
      await new Promise((r) => setTimeout(r, 250));
    }
    log(`ota: ${upgrading.length} devices bound in ${((performance.now() - bindStart) / 1000).toFixed(1)} s`);
    await pulser.request({ type: 'pulse', devices: OTA_PULSE_DEVICES, intervalMs: 1000 }, 'pulsing', 10_000);
    const phases: OtaPhase[] = [];
    for (const [i, chunkBytes] of [16 * 1024, 64 * 1024].entries()) {
      const downloaders = workers.slice(2 * i, 2 * i + 2);
      await Promise.all(
        downloaders.map((w) => w.request({ type: 'ota', window: OTA_WINDOW, chunkBytes }, 'otaReady', 10_000)),
      );
      const waits = downloaders.map((w, k) =>
        w.request({ type: 'otaWait', devices: halves[2 * i + k]!.length, timeoutMs: 300_000 }, 'downloaded', 310_000),
      );
      await eachLimited(sets[i]!, 50, async (sn) => {
        await person.call('person.upgradeFirmware', { params: { sn }, body: { version: '2.0.0' } });
      });
      const done = await Promise.all(waits);
      const got = done.reduce((k, d) => k + d.devices, 0);
      if (got < n) throw new Error(`ota: only ${got} of ${n} devices received the whole image within 300 s`);
      const seconds =
        (Math.max(...done.map((d) => d.lastDoneAt)) - Math.min(...done.map((d) => d.firstOfferAt))) / 1000;
      const phase: OtaPhase = {
        chunkBytes,
        seconds: round1(seconds),
        aggregateMBps: round1((n * image.length) / seconds / 1e6),
        mismatched: done.reduce((k, d) => k + d.mismatched, 0),
      };
      log(
        `ota: ${n} devices × ${image.length} bytes in ${chunkBytes / 1024} KiB chunks: ${phase.seconds} s, ${phase.aggregateMBps} MB/s (${Math.round((phase.aggregateMBps / ceiling) * 100)} % of loopback), ${phase.mismatched} images mismatched`,
      );
      phases.push(phase);
    }
    const pulse = await pulser.request({ type: 'pulseStop' }, 'pulsed', 10_000);
    const ms = pulse.latenciesMs;
    const best = phases[1]!;
    const r: OtaResult = {
      devices: n,
      imageBytes: image.length,
      seconds: best.seconds,
      aggregateMBps: best.aggregateMBps,
      loopbackMBps: round1(ceiling),
      ratio: Math.round((best.aggregateMBps / ceiling) * 1000) / 1000,
      mismatched: phases.reduce((k, p) => k + p.mismatched, 0),
      chunkBytes: best.chunkBytes,
      defaultChunks: { ...phases[0]!, ratio: Math.round((phases[0]!.aggregateMBps / ceiling) * 1000) / 1000 },
      heartbeats: {
        devices: OTA_PULSE_DEVICES,
        sent: ms.length + pulse.unanswered,
        p50Ms: round1(percentile(ms, 50)),
        p99Ms: round1(percentile(ms, 99)),
        maxMs: round1(Math.max(0, ...ms)),
        late: pulse.unanswered + ms.filter((x) => x > 1000).length,
        closed: pulse.closed,
      },
    };
    log(
      `ota: heartbeats of ${OTA_PULSE_DEVICES} other devices during both downloads: PUBACK p50 ${r.heartbeats.p50Ms} ms, p99 ${r.heartbeats.p99Ms} ms, max ${r.heartbeats.maxMs} ms; ${r.heartbeats.late} of ${r.heartbeats.sent} later than their 1 s interval; ${r.heartbeats.closed} connections closed`,
    );
    return r;
  } finally {
    await Promise.all(workers.map((w) => w.close()));
    await gw.stop();
    rmSync(data, { recursive: true, force: true });
  }
}

// --- cluster: several gateway nodes on PostgreSQL and Redis --------------------------------------

export interface ClusterResult {
  nodes: number;
  /** Devices connected (authenticated) and heartbeating across the nodes. */
  devices: number;
  /** Of those, counted connected by the nodes themselves (hwbind_connected_devices, summed). */
  online: number;
  failed: number;
  connectPerSec: number;
  /** The nodes' RSS growth over the connects ÷ devices. */
  gatewayRssPerDeviceKB: number;
  /** Records stored through PostgreSQL and acknowledged, from devices spread over the nodes. */
  recordsPerSec: number;
  recordDevices: number;
  records: number;
  recordSeconds: number;
}

/** Devices per load process (each holds its connections: 20,000 open files per process). */
const CLUSTER_PER_WORKER = 9000;

async function connectedOn(httpUrl: string): Promise<number> {
  const text = await (await fetch(`${httpUrl}/metrics`)).text();
  const line = text.split('\n').find((l) => l.startsWith('hwbind_connected_devices '));
  return line ? Number(line.split(' ')[1]) : 0;
}

/**
 * `devices` raw devices (load-worker.ts) spread round-robin over 3 nodes of a local cluster
 * (gateway/cluster/local.ts: PostgreSQL with fsync on, redis-server), each worker on its own
 * 127.0.0.x source address; all heartbeat. Then `recordDevices` of them, bound through the Person
 * API of node 1 whatever node holds them, send record batches; the rest keep heartbeating.
 */
async function clusterBench(devices: number, recordDevices: number, batches: number): Promise<ClusterResult> {
  const nodes = 3;
  const dir = tempDir('hwbind-bench-cluster-');
  const c = await startLocalCluster({
    nodes,
    dir,
    mqttPort: 0,
    httpPort: 0,
    args: ['--log-level', 'warn'],
    nodeArgs: gatewayNodeArgs(),
  });
  const workers: LoadWorker[] = [];
  try {
    const list = sns('CLU', devices);
    const model = cli([
      'vendor',
      'model',
      'add',
      '--store',
      c.store,
      '--id',
      'BENCH',
      '--name',
      'Bench',
      '--capabilities',
      'face,door',
    ]);
    if (model.code !== 0) throw new Error(`cluster: model add failed: ${model.stderr}`);
    const csv = join(dir, 'devices.csv');
    writeFileSync(csv, `sn,secret\n${list.map((sn) => `${sn},${secretOf(sn)}`).join('\n')}\n`);
    const imported = cli(['vendor', 'sn', 'import', csv, '--store', c.store, '--model', 'BENCH']);
    if (imported.code !== 0) throw new Error(`cluster: SN import failed: ${imported.stderr}`);
    // The record devices in workers of their own, one per node; the others in workers of up to 9,000.
    const recorders = list.slice(0, recordDevices);
    const idle = list.slice(recordDevices);
    const groups: { sns: string[]; node: number }[] = [];
    for (let n = 0; n < nodes; n++) groups.push({ sns: recorders.filter((_, i) => i % nodes === n), node: n });
    const perNode = Array.from({ length: nodes }, (_, n) => idle.filter((_, i) => i % nodes === n));
    for (let n = 0; n < nodes; n++)
      for (let i = 0; i < perNode[n]!.length; i += CLUSTER_PER_WORKER)
        groups.push({ sns: perNode[n]!.slice(i, i + CLUSTER_PER_WORKER), node: n });
    const rssBefore = c.nodes.reduce((kb, n) => kb + rssKB(n.proc.pid!), 0);
    // Heartbeats start before the connects: a device connected early must not fall silent for three
    // intervals (and be closed by its node) while the rest of the fleet connects.
    for (const _ of groups) workers.push(new LoadWorker());
    await Promise.all(
      workers.map((w) => w.request({ type: 'heartbeat', intervalMs: HEARTBEAT_MS }, 'heartbeating', 30_000)),
    );
    const start = performance.now();
    const connected = await Promise.all(
      groups.map((g, i) => {
        const w = workers[i]!;
        return w.request(
          {
            type: 'connect',
            url: c.nodes[g.node]!.mqttUrl,
            devices: g.sns.map((sn) => ({ sn, secret: secretOf(sn) })),
            concurrency: 50,
            answer: true,
            localAddress: `127.0.0.${(i % 8) + 2}`,
          },
          'connected',
          600_000,
        );
      }),
    );
    const seconds = (performance.now() - start) / 1000;
    const ok = connected.reduce((k, r) => k + r.ok, 0);
    const failed = connected.reduce((k, r) => k + r.failed, 0);
    if (failed) log(`cluster: ${failed} connects failed, first: ${connected.find((r) => r.firstError)?.firstError}`);
    await new Promise((r) => setTimeout(r, 3000)); // presence flushed, buffers settled
    const online = (await Promise.all(c.nodes.map((n) => connectedOn(n.httpUrl)))).reduce((a, b) => a + b, 0);
    const rssPerDevice = (c.nodes.reduce((kb, n) => kb + rssKB(n.proc.pid!), 0) - rssBefore) / Math.max(ok, 1);
    log(
      `cluster: ${ok} of ${devices} devices connected to ${nodes} nodes in ${seconds.toFixed(1)} s (${Math.round(ok / seconds)}/s), ${online} online by the nodes' count, ${rssPerDevice.toFixed(1)} KB RSS per device`,
    );

    const { person } = await setUpCorp(
      { url: c.nodes[0]!.httpUrl, adminToken: () => c.adminToken },
      RECORDS_CORP,
      'boss',
    );
    const bindStart = performance.now();
    await eachLimited(recorders, 50, async (sn) => {
      await person.call('person.bind', {
        body: { sn, verifyCode: verificationCode(secretOf(sn), sn), usableRange: { departments: ['all'] } },
      });
    });
    for (;;) {
      const { devices: bound } = await person.call('person.listDevices');
      if (bound.filter((d) => d.binding.status === 'active').length === recorders.length) break;
      if (performance.now() - bindStart > 180_000)
        throw new Error('cluster: devices did not all acknowledge their binding');
      await new Promise((r) => setTimeout(r, 500));
    }
    log(
      `cluster: ${recorders.length} devices on ${nodes} nodes bound through node 1 in ${((performance.now() - bindStart) / 1000).toFixed(1)} s`,
    );
    const users = Array.from({ length: 50 }, (_, i) => `p${i}`);
    const recorded = await Promise.all(
      workers
        .slice(0, nodes)
        .map((w) => w.request({ type: 'records', batches, size: RECORD_BATCH, users }, 'recorded', 900_000)),
    );
    const stored = recorded.reduce((k, r) => k + r.stored, 0);
    const rejected = recorded.reduce((k, r) => k + r.rejected, 0);
    if (rejected) log(`cluster: ${rejected} records rejected (expected none)`);
    const recordSeconds = Math.max(...recorded.map((r) => r.ms)) / 1000;
    const recordsPerSec = Math.round(stored / recordSeconds);
    log(
      `cluster: ${stored} records from ${recorders.length} devices stored in PostgreSQL in ${recordSeconds.toFixed(1)} s: ${recordsPerSec}/s`,
    );
    return {
      nodes,
      devices: ok,
      online,
      failed,
      connectPerSec: Math.round(ok / seconds),
      gatewayRssPerDeviceKB: Number(rssPerDevice.toFixed(1)),
      recordsPerSec,
      recordDevices: recorders.length,
      records: stored,
      recordSeconds: Number(recordSeconds.toFixed(1)),
    };
  } finally {
    await Promise.all(workers.map((w) => w.close()));
    await c.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function runBench(o: BenchOptions): Promise<BenchResults> {
  const want = (name: string) => !o.only || o.only.includes(name);
  if (o.profile) profileGatewaysInto(o.profile);
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
  if (want('fleet') && (!o.quick || o.only)) results.fleet = await fleet(o);
  if (want('binding')) results.binding = await binding(o.bindDevices ?? (o.quick ? 2000 : 10_000), o.quick);
  if (want('records')) {
    results.records = await records(o.quick, 'sqlite');
    // The same on PostgreSQL in full runs or when asked for: the quick suite stays under 3 minutes.
    if (!o.quick || o.only) results.records.postgres = await records(o.quick, 'postgres');
  }
  if (want('ota')) results.ota = await ota(o.otaDevices ?? (o.quick ? OTA_QUICK_DEVICES : 1000), o.quick);
  if (want('serial')) results.serial = await serialBench(o.quick);
  // Three gateway nodes on PostgreSQL and Redis: in full runs (50,000 devices) or when asked for.
  if (want('cluster') && (!o.quick || o.only))
    results.cluster = await clusterBench(
      o.clusterDevices ?? (o.quick ? 6000 : 50_000),
      RECORD_DEVICES,
      o.quick ? 2 : 10,
    );
  if (o.json) writeFileSync(o.json, `${JSON.stringify(results, null, 2)}\n`);
  if (o.html) writeFileSync(o.html, benchHtml(results));
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
      rows.push([
        `  vs Mosquitto + decoding service (msg/s)`,
        '',
        String(c.mosquittoService),
        `${c.serviceRatio}×`,
        '',
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
  for (const f of r.fleet ?? []) {
    rows.push([
      `sim fleet ${f.devices} devices, ${f.simulatorProcesses} proc (/s)`,
      String(f.connectPerSec),
      '',
      f.passed ? 'all connected' : 'FAILED',
      '',
    ]);
    rows.push([
      `  simulator / gateway RSS (KB/device)`,
      `${f.simulatorRssPerDeviceKB} / ${f.gatewayRssPerDeviceKB}`,
      '',
      '',
      '',
    ]);
  }
  if (r.binding) {
    const b = r.binding;
    rows.push([
      `binding, ${b.devices} connected: confirm → active p50 / p99 / max (ms)`,
      `${b.p50Ms} / ${b.p99Ms} / ${b.maxMs}`,
      '',
      b.p99Ms <= 50 ? 'p99 ≤ 50 ms' : 'p99 > 50 ms',
      '',
    ]);
    rows.push([
      `  ${b.concurrency} bindings at a time: p50 / p99 (ms)`,
      `${b.concurrentP50Ms} / ${b.concurrentP99Ms}`,
      '',
      '',
      '',
    ]);
  }
  if (r.records) {
    const k = r.records;
    rows.push([
      `records from ${k.devices} devices, stored + acked (/s)`,
      String(k.perSec),
      '',
      k.perSec >= 50_000 ? '≥ 50,000/s' : '< 50,000/s',
      '',
    ]);
    if (k.postgres)
      rows.push([
        `  the same on PostgreSQL (/s)`,
        String(k.postgres.perSec),
        '',
        `${(k.postgres.perSec / k.perSec).toFixed(2)}× SQLite`,
        '',
      ]);
  }
  if (r.ota) {
    const k = r.ota;
    rows.push([
      `firmware: 1 MiB to ${k.devices} devices at once, ${k.chunkBytes / 1024} KiB chunks (MB/s; loopback ${k.loopbackMBps})`,
      String(k.aggregateMBps),
      '',
      `${Math.round(k.ratio * 100)} % of loopback${k.ratio >= 0.3 ? ' (≥ 30 %)' : ' (< 30 %)'}`,
      '',
    ]);
    rows.push([
      `  in the default ${k.defaultChunks.chunkBytes / 1024} KiB chunks (MB/s)`,
      String(k.defaultChunks.aggregateMBps),
      '',
      `${Math.round(k.defaultChunks.ratio * 100)} % of loopback`,
      '',
    ]);
    rows.push([
      `  heartbeats of ${k.heartbeats.devices} other devices meanwhile: PUBACK p99 / max (ms), late`,
      `${k.heartbeats.p99Ms} / ${k.heartbeats.maxMs}, ${k.heartbeats.late}`,
      '',
      '',
      '',
    ]);
  }
  rows.push(...serialRows(r.serial));
  if (r.cluster) {
    const k = r.cluster;
    rows.push([
      `cluster: ${k.devices} devices on ${k.nodes} nodes (PostgreSQL + Redis), online by the nodes`,
      `${k.online}`,
      '',
      k.online >= k.devices && k.failed === 0 ? 'all online' : `${k.failed} failed`,
      '',
    ]);
    rows.push([
      `  connects (/s), gateway RSS (KB/device)`,
      `${k.connectPerSec}, ${k.gatewayRssPerDeviceKB}`,
      '',
      k.gatewayRssPerDeviceKB <= 20 ? '≤ 20 KB' : '> 20 KB',
      '',
    ]);
    rows.push([
      `  records from ${k.recordDevices} devices through PostgreSQL (/s)`,
      String(k.recordsPerSec),
      '',
      k.recordsPerSec >= 50_000 ? '≥ 50,000/s' : '< 50,000/s',
      '',
    ]);
  }
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((row) => row[i]!.length)));
  return rows.map((row) => row.map((cell, i) => cell.padEnd(widths[i]!)).join('  ')).join('\n');
}
