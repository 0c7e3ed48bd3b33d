// A fleet of simulated devices against a gateway, driven by a scenario: provision (admin API or
// bundle files), boot at a ramp rate, run the steps, report. Large fleets split over worker
// processes (one process holds at most 20,000 open files) and over source addresses (~28k
// ephemeral ports each).
import { type ChildProcess, fork } from 'node:child_process';
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApiClient } from '../protocol/api-client.js';
import { type ProvisioningBundle, parseBundle } from '../protocol/bundle.js';
import { HwbindError, isHwbindError } from '../protocol/errors.js';
import { normalizeSn } from '../protocol/sn.js';
import type { BackoffOptions } from './backoff.js';
import { readBundleFile } from './flash.js';
import {
  addCounts,
  emptyCounts,
  type FaultTargets,
  type FleetCounts,
  type GroupDevice,
  type GroupOptions,
  LocalGroup,
} from './group.js';
import { type CaptureConditions, SENSOR_CONDITIONS } from './modules/capture.js';
import { describeStep, type ExpectMetric, type Scenario, type ScenarioStep } from './scenario.js';

export interface FleetOptions {
  scenario: Scenario;
  /** Provision this many devices through the gateway's admin API… */
  count?: number;
  gateway?: string;
  token?: string;
  model?: string;
  snPrefix?: string;
  /** …or use the bundle files (*.json) of this directory. */
  bundlesDir?: string;
  mqttUrl?: string;
  stateDir?: string;
  /** Devices booted per second, whole fleet (default 200). */
  rampPerSecond?: number;
  /** Child processes to spread the devices over (default 0: all in this process). */
  workers?: number;
  /** Source addresses, round-robin per device (e.g. 127.0.0.2, 127.0.0.3). */
  localAddresses?: string[];
  backoff?: BackoffOptions;
  firmwareVersion?: string;
  onProgress?: (p: FleetProgress) => void;
  onStep?: (result: StepResult) => void;
}

export interface FleetProgress {
  step: number;
  description: string;
  counts: FleetCounts;
  elapsedMs: number;
}

export interface StepResult {
  index: number;
  line: number;
  kind: ScenarioStep['kind'];
  description: string;
  passed: boolean;
  durationMs: number;
  detail: string;
  failure?: string;
}

export interface FleetReport {
  scenario: string;
  devices: number;
  workers: number;
  startedAt: string;
  durationMs: number;
  passed: boolean;
  steps: StepResult[];
  counts: FleetCounts;
}

/** One group of devices, in this process or in a worker. */
interface Group {
  start(devices: GroupDevice[]): Promise<void>;
  counts(): Promise<FleetCounts>;
  faults(targets: FaultTargets): Promise<void>;
  capture(conditions: Partial<CaptureConditions>): Promise<void>;
  stop(): Promise<void>;
}

class InProcessGroup implements Group {
  private readonly group: LocalGroup;
  constructor(options: GroupOptions) {
    this.group = new LocalGroup(options);
  }
  start(devices: GroupDevice[]) {
    return this.group.start(devices);
  }
  async counts() {
    return this.group.counts();
  }
  faults(targets: FaultTargets) {
    return this.group.faults(targets);
  }
  async capture(conditions: Partial<CaptureConditions>) {
    this.group.capture(conditions);
  }
  stop() {
    return this.group.stop();
  }
}

/** Messages between the fleet and a worker (simulator/worker.ts). */
export type WorkerCommand =
  | { op: 'init'; options: GroupOptions }
  | { op: 'start'; devices: GroupDevice[] }
  | { op: 'counts' }
  | { op: 'faults'; targets: FaultTargets }
  | { op: 'capture'; conditions: Partial<CaptureConditions> }
  | { op: 'stop' };
export type WorkerRequest = WorkerCommand & { id: number };
export type WorkerReply = { id: number; ok: true; value?: unknown } | { id: number; ok: false; error: string };

const WORKER_ENTRY = new URL('./worker.ts', import.meta.url);

class WorkerGroup implements Group {
  private readonly child: ChildProcess;
  private next = 1;
  private readonly waiting = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  private readonly ready: Promise<unknown>;

  constructor(options: GroupOptions) {
    // The worker is TypeScript like the rest: load it through tsx, resolved from this package.
    this.child = fork(WORKER_ENTRY, [], { execArgv: ['--import', import.meta.resolve('tsx')], stdio: 'inherit' });
    this.child.on('message', (m: WorkerReply) => {
      const w = this.waiting.get(m.id);
      if (!w) return;
      this.waiting.delete(m.id);
      if (m.ok) w.resolve(m.value);
      else w.reject(new HwbindError('internal', `fleet worker: ${m.error}`));
    });
    this.child.on('exit', (code) => {
      for (const w of this.waiting.values()) w.reject(new HwbindError('internal', `fleet worker exited (${code})`));
      this.waiting.clear();
    });
    this.ready = this.call({ op: 'init', options });
  }

  private call(req: WorkerCommand): Promise<unknown> {
    const id = this.next++;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      this.child.send({ ...req, id });
    });
  }

  async start(devices: GroupDevice[]) {
    await this.ready;
    await this.call({ op: 'start', devices });
  }
  async counts() {
    return (await this.call({ op: 'counts' })) as FleetCounts;
  }
  async faults(targets: FaultTargets) {
    await this.call({ op: 'faults', targets });
  }
  async capture(conditions: Partial<CaptureConditions>) {
    await this.call({ op: 'capture', conditions });
  }
  async stop() {
    if (this.child.exitCode !== null) return;
    const exited = new Promise((resolve) => this.child.once('exit', resolve));
    await this.call({ op: 'stop' }).catch(() => undefined);
    this.child.disconnect();
    await exited;
  }
}

/**
 * Registers `count` devices through the gateway's admin API and returns their bundles. A refusal
 * throws the gateway's error (its code and message), naming the SN and the gateway.
 */
export async function provisionFleet(o: {
  gateway: string;
  token: string;
  model: string;
  count: number;
  snPrefix: string;
}): Promise<ProvisioningBundle[]> {
  const api = createApiClient(o.gateway, o.token);
  const width = Math.max(4, String(o.count).length);
  const sns = Array.from({ length: o.count }, (_, i) =>
    normalizeSn(`${o.snPrefix}${String(i + 1).padStart(width, '0')}`),
  );
  const refused =
    (sn: string) =>
    (err: unknown): never => {
      if (!isHwbindError(err)) throw err;
      throw new HwbindError(err.code, `provisioning ${sn} at ${o.gateway}: ${err.message}`, err.details);
    };
  const out: ProvisioningBundle[] = new Array(sns.length);
  let cursor = 0;
  const worker = async () => {
    for (let i = cursor++; i < sns.length; i = cursor++) {
      const sn = sns[i]!;
      const bundle = await api
        .call('admin.addDevice', { body: { sn, model: o.model } })
        // Provisioned by an earlier run: reuse it.
        .catch((err) =>
          isHwbindError(err, 'conflict') ? api.call('admin.deviceBundle', { params: { sn } }) : Promise.reject(err),
        )
        .catch(refused(sn));
      out[i] = parseBundle(bundle, `bundle of ${sn} from ${o.gateway}`);
    }
  };
  await Promise.all(Array.from({ length: Math.min(16, sns.length) }, worker));
  return out;
}

export function readBundlesDir(dir: string): ProvisioningBundle[] {
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort();
  if (files.length === 0) throw new HwbindError('invalid_argument', `no *.json bundle files in ${dir}`);
  return files.map((f) => readBundleFile(join(dir, f)));
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const POLL_MS = 250;

function shuffled<T>(items: T[]): T[] {
  const a = [...items];
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [a[i], a[j]] = [a[j]!, a[i]!];
  }
  return a;
}

const share = (part: number, whole: number): number => (whole === 0 ? 1 : part / whole);
const pct = (f: number): string => `${Math.round(f * 1000) / 10}%`;

/** Which share each expectation measures, from the fleet counts. */
export function measure(metric: ExpectMetric, c: FleetCounts): { value: number; of: string } {
  switch (metric) {
    case 'connected':
      return { value: share(c.connected, c.devices), of: `${c.connected}/${c.devices} devices online` };
    case 'recovered':
      return { value: share(c.recovered, c.faulted), of: `${c.recovered}/${c.faulted} faulted devices back online` };
    case 'errorsReplied':
      return {
        value: share(c.errorsReplied, c.corrupted),
        of: `${c.errorsReplied}/${c.corrupted} garbage senders answered and still connected`,
      };
  }
}

/** Runs a scenario against a gateway; never throws for a failed expectation (see report.passed). */
export async function runFleet(o: FleetOptions): Promise<FleetReport> {
  let bundles: ProvisioningBundle[];
  if (o.bundlesDir) {
    bundles = readBundlesDir(o.bundlesDir);
    if (o.count !== undefined) bundles = bundles.slice(0, o.count);
  } else {
    if (!o.gateway || !o.token || !o.model || !o.count) {
      throw new HwbindError(
        'invalid_argument',
        'a fleet needs --bundles DIR, or --gateway, --token, --model and --count',
      );
    }
    const prefix = o.snPrefix ?? `SIM${Math.random().toString(36).slice(2, 6).toUpperCase()}`;
    bundles = await provisionFleet({
      gateway: o.gateway,
      token: o.token,
      model: o.model,
      count: o.count,
      snPrefix: prefix,
    });
  }
  const stateDir = o.stateDir ?? mkdtempSync(join(tmpdir(), 'hwbind-fleet-'));
  const workers = Math.max(0, Math.min(o.workers ?? 0, bundles.length));
  const groupCount = Math.max(1, workers);
  const groupOptions: GroupOptions = {
    stateDir,
    mqttUrl: o.mqttUrl,
    localAddresses: o.localAddresses,
    backoff: o.backoff,
    firmwareVersion: o.firmwareVersion,
    rampPerSecond: (o.rampPerSecond ?? 200) / groupCount,
  };
  const groups: Group[] = Array.from({ length: groupCount }, () =>
    workers > 0 ? new WorkerGroup(groupOptions) : new InProcessGroup(groupOptions),
  );
  const members: GroupDevice[][] = groups.map(() => []);
  const groupOf = new Map<string, number>();
  bundles.forEach((bundle, index) => {
    members[index % groupCount]!.push({ bundle, index });
    groupOf.set(bundle.sn, index % groupCount);
  });

  // Shares are of the whole fleet, including devices the ramp has not booted yet.
  const counts = async (): Promise<FleetCounts> => ({
    ...(await Promise.all(groups.map((g) => g.counts()))).reduce(addCounts, emptyCounts()),
    devices: bundles.length,
  });
  const t0 = Date.now();
  const steps: StepResult[] = [];
  let last = emptyCounts();
  try {
    // Devices boot in the background while the first steps watch them come online.
    let bootError: unknown = null;
    void Promise.all(groups.map((g, i) => g.start(members[i]!))).catch((err) => {
      bootError = err;
    });
    for (const [index, step] of o.scenario.steps.entries()) {
      const description = describeStep(step);
      const started = Date.now();
      const progress = async () => {
        last = await counts();
        o.onProgress?.({ step: index, description, counts: last, elapsedMs: Date.now() - t0 });
        return last;
      };
      const result = (r: Omit<StepResult, 'index' | 'line' | 'kind' | 'description' | 'durationMs'>): StepResult => ({
        index,
        line: step.line,
        kind: step.kind,
        description,
        durationMs: Date.now() - started,
        ...r,
      });
      let outcome: StepResult;
      switch (step.kind) {
        case 'connect': {
          let c = await progress();
          while (c.connected < c.devices) {
            if (Date.now() - started >= step.withinMs) break;
            await sleep(Math.min(POLL_MS, Math.max(1, step.withinMs - (Date.now() - started))));
            c = await progress();
          }
          const all = c.connected === bundles.length;
          const took = Date.now() - started;
          outcome = result({
            passed: all && took <= step.withinMs,
            detail: `${c.connected}/${bundles.length} online after ${took} ms`,
            ...(all && took <= step.withinMs
              ? {}
              : { failure: `${c.connected}/${bundles.length} devices online within ${step.withinMs} ms` }),
          });
          break;
        }
        case 'hold': {
          while (Date.now() - started < step.ms) {
            await sleep(Math.min(POLL_MS, step.ms - (Date.now() - started)));
            await progress();
          }
          outcome = result({ passed: true, detail: `held ${Date.now() - started} ms` });
          break;
        }
        case 'faults': {
          const order = shuffled(bundles.map((b) => b.sn));
          const take = (f: number) => order.splice(0, Math.round(f * bundles.length));
          const targets: FaultTargets = {
            drop: take(step.drop),
            powerCut: take(step.powerCut),
            corrupt: take(step.corrupt),
          };
          await Promise.all(
            groups.map((g, gi) =>
              g.faults({
                drop: targets.drop.filter((sn) => groupOf.get(sn) === gi),
                powerCut: targets.powerCut.filter((sn) => groupOf.get(sn) === gi),
                corrupt: targets.corrupt.filter((sn) => groupOf.get(sn) === gi),
              }),
            ),
          );
          let c = await progress();
          while (
            (c.recovered < c.faulted || c.errorsReplied < c.corrupted || c.connected < c.devices) &&
            Date.now() - started < step.withinMs
          ) {
            await sleep(POLL_MS);
            c = await progress();
          }
          outcome = result({
            passed: true,
            detail: `dropped ${targets.drop.length}, power-cut ${targets.powerCut.length}, corrupted ${targets.corrupt.length}; after ${Date.now() - started} ms ${c.recovered}/${c.faulted} back online, ${c.errorsReplied}/${c.corrupted} garbage answered`,
          });
          break;
        }
        case 'expect': {
          const c = await progress();
          const failures: string[] = [];
          const details: string[] = [];
          for (const [metric, bound] of Object.entries(step.checks) as [ExpectMetric, number][]) {
            const m = measure(metric, c);
            details.push(`${metric} ${pct(m.value)} (${m.of})`);
            if (m.value < bound)
              failures.push(`${metric} is ${pct(m.value)}, expected at least ${pct(bound)} (${m.of})`);
          }
          outcome = result({
            passed: failures.length === 0,
            detail: details.join('; '),
            ...(failures.length ? { failure: failures.join('; ') } : {}),
          });
          break;
        }
        case 'enroll': {
          // Conditions left out are good: a step describes one sensor completely.
          const keys = SENSOR_CONDITIONS[step.sensor];
          const conditions = Object.fromEntries(keys.map((k) => [k, step.conditions[k] ?? 0]));
          await Promise.all(groups.map((g) => g.capture(conditions)));
          outcome = result({ passed: true, detail: `${step.sensor} sensors of ${bundles.length} devices set` });
          break;
        }
      }
      steps.push(outcome);
      o.onStep?.(outcome);
    }
    last = await counts();
    if (bootError) throw bootError;
  } finally {
    await Promise.all(groups.map((g) => g.stop()));
  }
  return {
    scenario: o.scenario.name,
    devices: bundles.length,
    workers,
    startedAt: new Date(t0).toISOString(),
    durationMs: Date.now() - t0,
    passed: steps.every((s) => s.passed),
    steps,
    counts: last,
  };
}
