// A fleet of simulated devices against a gateway, driven by a scenario: provision (admin API or
// bundle files), boot at a ramp rate, run the steps (one method each; bind and doors through the
// Person API, punch on the devices), report. Large fleets split over worker processes (one process
// holds at most 20,000 open files) and over source addresses (~28k ephemeral ports each).
import { type ChildProcess, fork } from 'node:child_process';
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type ApiClient, createApiClient } from '../protocol/api-client.js';
import { type ProvisioningBundle, parseBundle } from '../protocol/bundle.js';
import { HwbindError, isHwbindError } from '../protocol/errors.js';
import { verificationCode } from '../protocol/qr.js';
import { normalizeSn } from '../protocol/sn.js';
import type { BackoffOptions } from './backoff.js';
import { readBundleFile } from './flash.js';
import {
  addCounts,
  type DeviceFirmware,
  type DeviceRecordRange,
  emptyCounts,
  type FaultTargets,
  type FleetCounts,
  type GroupDevice,
  type GroupOptions,
  LocalGroup,
} from './group.js';
import { type CaptureConditions, SENSOR_CONDITIONS } from './modules/capture.js';
import { OTA_FAULTS, type OtaFaults } from './modules/ota.js';
import {
  type BindStep,
  type ConnectStep,
  type DoorsStep,
  describeStep,
  type EnrollStep,
  type ExpectMetric,
  type ExpectStep,
  type FaultsStep,
  type HoldStep,
  type OtaFaultsStep,
  type PunchStep,
  type Scenario,
  type ScenarioStep,
  type UpgradeStep,
} from './scenario.js';

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
  /** Broker URLs instead of the bundles' (a gateway's nodes: the devices are spread over them). */
  mqttUrls?: string[];
  stateDir?: string;
  /** Devices booted per second, whole fleet (default 200). */
  rampPerSecond?: number;
  /** Child processes to spread the devices over (default 0: all in this process). */
  workers?: number;
  /** Source addresses, round-robin per device (e.g. 127.0.0.2, 127.0.0.3). */
  localAddresses?: string[];
  backoff?: BackoffOptions;
  firmwareVersion?: string;
  /** The vendor's Ed25519 public key built into the devices (PEM or hex): upgrades need it. */
  vendorPublicKey?: string;
  /** A person's token for the Person API steps (bind, doors, recordsStored); else bind's `as` and --token. */
  personToken?: string;
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
  tallies: FleetTallies;
  /** What the devices counted each time the runner looked (every 250 ms while a step waits). */
  timeline: FleetSample[];
  /** Person API round trips of the bind and doors steps, ms (a door's includes the device's DoorResult). */
  latencies: { bind: number[]; door: number[] };
  /** Each upgraded device's job as the upgrade steps saw it: seconds since the start, download percent, state. */
  upgrades: { sn: string; points: { t: number; percent: number; state: string }[] }[];
}

export interface FleetSample {
  /** Seconds since the run started. */
  t: number;
  step: number;
  connected: number;
  bound: number;
  /** Records the gateway acknowledged so far (punched less pending). */
  recordsAcked: number;
  recordsPending: number;
}

/** One group of devices, in this process or in a worker. */
interface Group {
  start(devices: GroupDevice[]): Promise<void>;
  counts(): Promise<FleetCounts>;
  faults(targets: FaultTargets): Promise<void>;
  capture(conditions: Partial<CaptureConditions>): Promise<void>;
  otaFaults(assignments: Record<string, OtaFaults>): Promise<void>;
  firmware(sns: string[]): Promise<DeviceFirmware[]>;
  holdingBinding(sns: string[]): Promise<number>;
  punch(perSecond: number, durationMs: number): Promise<number>;
  recordRanges(): Promise<DeviceRecordRange[]>;
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
  async otaFaults(assignments: Record<string, OtaFaults>) {
    this.group.otaFaults(assignments);
  }
  async firmware(sns: string[]) {
    return this.group.firmware(sns);
  }
  async holdingBinding(sns: string[]) {
    return this.group.holdingBinding(sns);
  }
  punch(perSecond: number, durationMs: number) {
    return this.group.punch(perSecond, durationMs);
  }
  async recordRanges() {
    return this.group.recordRanges();
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
  | { op: 'otaFaults'; assignments: Record<string, OtaFaults> }
  | { op: 'firmware'; sns: string[] }
  | { op: 'holdingBinding'; sns: string[] }
  | { op: 'punch'; perSecond: number; durationMs: number }
  | { op: 'recordRanges' }
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
  async otaFaults(assignments: Record<string, OtaFaults>) {
    await this.call({ op: 'otaFaults', assignments });
  }
  async firmware(sns: string[]) {
    return (await this.call({ op: 'firmware', sns })) as DeviceFirmware[];
  }
  async holdingBinding(sns: string[]) {
    return (await this.call({ op: 'holdingBinding', sns })) as number;
  }
  async punch(perSecond: number, durationMs: number) {
    return (await this.call({ op: 'punch', perSecond, durationMs })) as number;
  }
  async recordRanges() {
    return (await this.call({ op: 'recordRanges' })) as DeviceRecordRange[];
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

/** What the fleet runner itself counted: bindings and doors it asked for through the Person API, records it found. */
export interface FleetTallies {
  /** Devices the bind steps asked the gateway to bind, refused ones included. */
  bindAsked: number;
  /** Of those, holding the binding on the device (a refused binding never is). */
  bindHeld: number;
  doorsAsked: number;
  doorsOpened: number;
  /** Records the devices saw acknowledged in this run (when an expectation asked for recordsStored). */
  recordsSettled: number;
  /** Of those, listed by the gateway's records API. */
  recordsListed: number;
  /** Upgrade jobs the upgrade steps started (the gateway accepted them). */
  upgradesAsked: number;
  /** Of those, succeeded. */
  upgradesSucceeded: number;
  /** Of those, ended as the device's armed fault makes right, the device running the matching version from a confirmed slot. */
  upgradesAsExpected: number;
}

export const emptyTallies = (): FleetTallies => ({
  bindAsked: 0,
  bindHeld: 0,
  doorsAsked: 0,
  doorsOpened: 0,
  recordsSettled: 0,
  recordsListed: 0,
  upgradesAsked: 0,
  upgradesSucceeded: 0,
  upgradesAsExpected: 0,
});

/** Which share each expectation measures, from the fleet counts and the runner's tallies. */
export function measure(
  metric: ExpectMetric,
  c: FleetCounts,
  t: FleetTallies = emptyTallies(),
): { value: number; of: string } {
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
    case 'bound':
      return { value: share(t.bindHeld, t.bindAsked), of: `${t.bindHeld}/${t.bindAsked} devices hold their binding` };
    case 'recordsAcked': {
      const acked = c.recordsPunched - c.recordsPending;
      return { value: share(acked, c.recordsPunched), of: `${acked}/${c.recordsPunched} records acknowledged` };
    }
    case 'recordsStored':
      return {
        value: share(t.recordsListed, t.recordsSettled),
        of: `${t.recordsListed}/${t.recordsSettled} acknowledged records listed by the gateway`,
      };
    case 'doorsOpened':
      return { value: share(t.doorsOpened, t.doorsAsked), of: `${t.doorsOpened}/${t.doorsAsked} doors opened` };
    case 'upgraded':
      return {
        value: share(t.upgradesSucceeded, t.upgradesAsked),
        of: `${t.upgradesSucceeded}/${t.upgradesAsked} upgrades succeeded`,
      };
    case 'upgradesAsExpected':
      return {
        value: share(t.upgradesAsExpected, t.upgradesAsked),
        of: `${t.upgradesAsExpected}/${t.upgradesAsked} upgrades ended as their device's fault makes right`,
      };
  }
}

type JobState = 'succeeded' | 'failed' | 'rolled_back';

/** How an upgrade must end on a device with this fault armed (or none), and whether it then runs the new version. */
export const EXPECTED_UPGRADE: Record<
  keyof OtaFaults | 'none',
  { state: JobState; code: string | null; upgraded: boolean }
> = {
  none: { state: 'succeeded', code: null, upgraded: true },
  powerCutWhileWriting: { state: 'succeeded', code: null, upgraded: true },
  corruptChunk: { state: 'failed', code: 'fw_image_mismatch', upgraded: false },
  wrongSignature: { state: 'failed', code: 'fw_bad_signature', upgraded: false },
  powerCutBeforeConfirm: { state: 'rolled_back', code: 'fw_not_confirmed', upgraded: false },
  failSelfTest: { state: 'rolled_back', code: 'fw_not_confirmed', upgraded: false },
};

/** Runs `fn` over `items` with at most `lanes` at a time. */
async function eachLimited<T>(items: readonly T[], lanes: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const lane = async () => {
    for (let i = next++; i < items.length; i = next++) await fn(items[i]!);
  };
  await Promise.all(Array.from({ length: Math.min(lanes, items.length) }, lane));
}

type Outcome = Pick<StepResult, 'passed' | 'detail' | 'failure'>;

/** One scenario run: the groups, what they count, and one method per step kind. */
class FleetRun {
  readonly t0 = Date.now();
  readonly tallies = emptyTallies();
  readonly timeline: FleetSample[] = [];
  readonly latencies: FleetReport['latencies'] = { bind: [], door: [] };
  readonly upgrades = new Map<string, FleetReport['upgrades'][number]['points']>();
  last = emptyCounts();
  private readonly groupOf = new Map<string, number>();
  /** Devices the bind steps bound, in order. */
  private readonly bound: string[] = [];
  /** The firmware fault armed on each device by the otaFaults steps (not yet met by an upgrade). */
  private readonly armed = new Map<string, keyof OtaFaults>();
  private personApi: ApiClient | null = null;
  private stepIndex = 0;
  private description = '';

  constructor(
    private readonly o: FleetOptions,
    readonly bundles: ProvisioningBundle[],
    readonly groups: Group[],
  ) {
    for (const [index, b] of bundles.entries()) this.groupOf.set(b.sn, index % groups.length);
  }

  /** Shares are of the whole fleet, including devices the ramp has not booted yet. */
  async counts(): Promise<FleetCounts> {
    return {
      ...(await Promise.all(this.groups.map((g) => g.counts()))).reduce(addCounts, emptyCounts()),
      devices: this.bundles.length,
    };
  }

  async progress(): Promise<FleetCounts> {
    this.last = await this.counts();
    this.sample(this.last);
    this.o.onProgress?.({
      step: this.stepIndex,
      description: this.description,
      counts: this.last,
      elapsedMs: Date.now() - this.t0,
    });
    return this.last;
  }

  sample(c: FleetCounts): void {
    this.timeline.push({
      t: (Date.now() - this.t0) / 1000,
      step: this.stepIndex,
      connected: c.connected,
      bound: c.bound,
      recordsAcked: c.recordsPunched - c.recordsPending,
      recordsPending: c.recordsPending,
    });
  }

  async run(step: ScenarioStep, index: number): Promise<StepResult> {
    this.stepIndex = index;
    this.description = describeStep(step);
    const started = Date.now();
    const outcome = await this.step(step, started);
    return {
      index,
      line: step.line,
      kind: step.kind,
      description: this.description,
      durationMs: Date.now() - started,
      ...outcome,
    };
  }

  private step(step: ScenarioStep, started: number): Promise<Outcome> {
    switch (step.kind) {
      case 'connect':
        return this.connect(step, started);
      case 'hold':
        return this.hold(step, started);
      case 'faults':
        return this.faults(step, started);
      case 'expect':
        return this.expect(step);
      case 'bind':
        return this.bind(step, started);
      case 'punch':
        return this.punch(step, started);
      case 'doors':
        return this.doors(step);
      case 'enroll':
        return this.enroll(step);
      case 'otaFaults':
        return this.otaFaults(step);
      case 'upgrade':
        return this.upgrade(step, started);
    }
  }

  /** Arms each fault on its share of the bound devices, a device one fault at most. */
  private async otaFaults(step: OtaFaultsStep): Promise<Outcome> {
    const order = shuffled(this.bound.filter((sn) => !this.armed.has(sn)));
    const per = this.groups.map(() => ({}) as Record<string, OtaFaults>);
    const counts: string[] = [];
    for (const fault of OTA_FAULTS) {
      const sns = order.splice(0, Math.round((step.shares[fault] ?? 0) * this.bound.length));
      for (const sn of sns) {
        this.armed.set(sn, fault);
        per[this.groupOf.get(sn)!]![sn] = { [fault]: true };
      }
      if (step.shares[fault] !== undefined) counts.push(`${fault} on ${sns.length}`);
    }
    await Promise.all(this.groups.map((g, i) => g.otaFaults(per[i]!)));
    return { passed: true, detail: `armed ${counts.join(', ')} of ${this.bound.length} bound devices` };
  }

  /**
   * Upgrades a share of the bound devices through the Person API, then waits for every job to end and
   * compares each end, and what the device then runs, with what its armed fault makes right.
   */
  private async upgrade(step: UpgradeStep, started: number): Promise<Outcome> {
    const api = await this.person(null);
    const targets = shuffled(this.bound).slice(0, Math.round(step.share * this.bound.length));
    const jobs = new Map<string, { id: string; fromVersion: string }>();
    const refused: string[] = [];
    await eachLimited(targets, API_LANES, async (sn) => {
      try {
        const { job } = await api.call('person.upgradeFirmware', {
          params: { sn },
          body: { version: step.version, allowDowngrade: step.allowDowngrade },
        });
        jobs.set(sn, { id: job.id, fromVersion: job.fromVersion });
      } catch (err) {
        if (!isHwbindError(err)) throw err;
        refused.push(`${sn}: ${err.code} ${err.message}`);
      }
    });
    const ended = new Map<string, { state: string; code: string | null }>();
    await this.waitFor(started + step.withinMs, async () => {
      await eachLimited(
        [...jobs].filter(([sn]) => !ended.has(sn)),
        API_LANES,
        async ([sn, job]) => {
          const j = await api.call('person.getJob', { params: { id: job.id } });
          const points = this.upgrades.get(sn) ?? [];
          points.push({ t: (Date.now() - this.t0) / 1000, percent: j.percent, state: j.state });
          this.upgrades.set(sn, points);
          if (['succeeded', 'failed', 'rolled_back', 'cancelled'].includes(j.state))
            ended.set(sn, { state: j.state, code: j.code });
        },
      );
      return ended.size >= jobs.size;
    });
    const running = new Map((await this.firmwareOf([...jobs.keys()])).map((f) => [f.sn, f]));
    let succeeded = 0;
    let asExpected = 0;
    const wrong: string[] = [];
    for (const [sn, job] of jobs) {
      const fault = this.armed.get(sn) ?? 'none';
      this.armed.delete(sn);
      const want = EXPECTED_UPGRADE[fault];
      const end = ended.get(sn);
      const fw = running.get(sn);
      if (end?.state === 'succeeded') succeeded += 1;
      const version = want.upgraded ? step.version : job.fromVersion;
      if (end?.state === want.state && end.code === want.code && fw?.version === version && fw.confirmed)
        asExpected += 1;
      else
        wrong.push(
          `${sn} (${fault}): ${end ? `${end.state}${end.code ? ` ${end.code}` : ''}` : 'not ended'}, runs ${fw?.version ?? '?'}${fw?.confirmed === false ? ' unconfirmed' : ''}; expected ${want.state}${want.code ? ` ${want.code}` : ''}, ${version}`,
        );
    }
    this.tallies.upgradesAsked += jobs.size;
    this.tallies.upgradesSucceeded += succeeded;
    this.tallies.upgradesAsExpected += asExpected;
    const passed = refused.length === 0 && ended.size === jobs.size;
    const detail = `${jobs.size} upgrades to ${step.version} asked, ${ended.size} ended after ${Date.now() - started} ms: ${succeeded} succeeded, ${asExpected} as expected${refused.length ? `; ${refused.length} refused, first: ${refused[0]}` : ''}${wrong.length ? `; first unexpected: ${wrong[0]}` : ''}`;
    if (passed) return { passed, detail };
    return {
      passed,
      detail,
      failure: refused.length
        ? `${refused.length} upgrade(s) refused, first: ${refused[0]}`
        : `${jobs.size - ended.size}/${jobs.size} upgrade jobs had not ended within ${step.withinMs} ms`,
    };
  }

  private async firmwareOf(sns: string[]): Promise<DeviceFirmware[]> {
    const per = this.groups.map(() => [] as string[]);
    for (const sn of sns) per[this.groupOf.get(sn)!]!.push(sn);
    return (await Promise.all(this.groups.map((g, i) => g.firmware(per[i]!)))).flat();
  }

  /** What the people at every device's sensor of one kind do from now on. */
  private async enroll(step: EnrollStep): Promise<Outcome> {
    // Conditions left out are good: a step describes one sensor completely.
    const keys = SENSOR_CONDITIONS[step.sensor];
    const conditions = Object.fromEntries(keys.map((k) => [k, step.conditions[k] ?? 0]));
    await Promise.all(this.groups.map((g) => g.capture(conditions)));
    return { passed: true, detail: `${step.sensor} sensors of ${this.bundles.length} devices set` };
  }

  /** Polls the counts until `done` or the deadline; answers the last counts. */
  private async waitFor(until: number, done: (c: FleetCounts) => boolean | Promise<boolean>): Promise<FleetCounts> {
    let c = await this.progress();
    while (!(await done(c)) && Date.now() < until) {
      await sleep(Math.min(POLL_MS, Math.max(1, until - Date.now())));
      c = await this.progress();
    }
    return c;
  }

  private async connect(step: ConnectStep, started: number): Promise<Outcome> {
    const c = await this.waitFor(started + step.withinMs, (x) => x.connected >= x.devices);
    const all = c.connected === this.bundles.length;
    const took = Date.now() - started;
    const passed = all && took <= step.withinMs;
    return {
      passed,
      detail: `${c.connected}/${this.bundles.length} online after ${took} ms`,
      ...(passed ? {} : { failure: `${c.connected}/${this.bundles.length} devices online within ${step.withinMs} ms` }),
    };
  }

  private async hold(step: HoldStep, started: number): Promise<Outcome> {
    while (Date.now() - started < step.ms) {
      await sleep(Math.min(POLL_MS, step.ms - (Date.now() - started)));
      await this.progress();
    }
    return { passed: true, detail: `held ${Date.now() - started} ms` };
  }

  private async faults(step: FaultsStep, started: number): Promise<Outcome> {
    const order = shuffled(this.bundles.map((b) => b.sn));
    const take = (f: number) => order.splice(0, Math.round(f * this.bundles.length));
    const targets: FaultTargets = { drop: take(step.drop), powerCut: take(step.powerCut), corrupt: take(step.corrupt) };
    await Promise.all(
      this.groups.map((g, gi) => {
        const mine = (sns: string[]) => sns.filter((sn) => this.groupOf.get(sn) === gi);
        return g.faults({ drop: mine(targets.drop), powerCut: mine(targets.powerCut), corrupt: mine(targets.corrupt) });
      }),
    );
    const c = await this.waitFor(
      started + step.withinMs,
      (x) => x.recovered >= x.faulted && x.errorsReplied >= x.corrupted && x.connected >= x.devices,
    );
    return {
      passed: true,
      detail: `dropped ${targets.drop.length}, power-cut ${targets.powerCut.length}, corrupted ${targets.corrupt.length}; after ${Date.now() - started} ms ${c.recovered}/${c.faulted} back online, ${c.errorsReplied}/${c.corrupted} garbage answered`,
    };
  }

  private async expect(step: ExpectStep): Promise<Outcome> {
    const c = await this.progress();
    if (step.checks.bound !== undefined) this.tallies.bindHeld = await this.holdingBinding(this.bound);
    if (step.checks.recordsStored !== undefined) await this.countListedRecords();
    const failures: string[] = [];
    const details: string[] = [];
    for (const [metric, bound] of Object.entries(step.checks) as [ExpectMetric, number][]) {
      const m = measure(metric, c, this.tallies);
      details.push(`${metric} ${pct(m.value)} (${m.of})`);
      if (m.value < bound) failures.push(`${metric} is ${pct(m.value)}, expected at least ${pct(bound)} (${m.of})`);
    }
    return {
      passed: failures.length === 0,
      detail: details.join('; '),
      ...(failures.length ? { failure: failures.join('; ') } : {}),
    };
  }

  /** Binds a share of the devices not bound yet through the Person API (SN + the label's verification code). */
  private async bind(step: BindStep, started: number): Promise<Outcome> {
    const api = await this.person(step.as);
    const taken = new Set(this.bound);
    const targets = shuffled(this.bundles.filter((b) => !taken.has(b.sn))).slice(
      0,
      Math.round(step.share * this.bundles.length),
    );
    const refused: string[] = [];
    const asked: string[] = [];
    await eachLimited(targets, API_LANES, async (b) => {
      const sent = Date.now();
      try {
        await api.call('person.bind', {
          body: {
            sn: b.sn,
            verifyCode: verificationCode(b.secret, b.sn),
            usableRange: { departments: step.departments, users: step.users },
          },
        });
        this.latencies.bind.push(Date.now() - sent);
        asked.push(b.sn);
      } catch (err) {
        if (!isHwbindError(err)) throw err;
        refused.push(`${b.sn}: ${err.code} ${err.message}`);
      }
    });
    this.bound.push(...asked);
    this.tallies.bindAsked += targets.length;
    let held = 0;
    let active = 0;
    // A device holds its binding before the gateway has taken its Ack: the step ends when both agree.
    await this.waitFor(started + step.withinMs, async () => {
      held = await this.holdingBinding(asked);
      if (held < asked.length) return false;
      const { devices } = await api.call('person.listDevices', {});
      const wanted = new Set(asked);
      active = devices.filter((d) => wanted.has(d.sn) && d.binding.status === 'active').length;
      return active >= asked.length;
    });
    const passed = refused.length === 0 && held === asked.length && active === asked.length;
    return {
      passed,
      detail: `${asked.length} bound through the API, ${held} acknowledged by their device, ${active} active at the gateway after ${Date.now() - started} ms${refused.length ? `; ${refused.length} refused` : ''}`,
      ...(passed
        ? {}
        : {
            failure: refused.length
              ? `${refused.length} binding(s) refused, first: ${refused[0]}`
              : `${held}/${asked.length} devices acknowledged their binding and ${active} are active at the gateway within ${step.withinMs} ms`,
          }),
    };
  }

  /** Punches records across the bound devices at the step's rate, then waits until all are acknowledged. */
  private async punch(step: PunchStep, started: number): Promise<Outcome> {
    const perGroup = step.perSecond / this.groups.length;
    const punched = (await Promise.all(this.groups.map((g) => g.punch(perGroup, step.forMs)))).reduce(
      (a, b) => a + b,
      0,
    );
    const settleFrom = Date.now();
    const c = await this.waitFor(settleFrom + step.withinMs, (x) => x.recordsPending === 0);
    const rate = punched / (step.forMs / 1000);
    const detail = `punched ${punched} records (${Math.round(rate)}/s); ${c.recordsPending} unacknowledged ${Date.now() - settleFrom} ms later (${Date.now() - started} ms in all)`;
    if (punched === 0) return { passed: false, detail, failure: 'no bound device holds anyone to record' };
    return { passed: true, detail };
  }

  /** Opens the doors of a share of the bound devices through the Person API. */
  private async doors(step: DoorsStep): Promise<Outcome> {
    const api = await this.person(null);
    const targets = shuffled(this.bound).slice(0, Math.round(step.share * this.bound.length));
    const failed: string[] = [];
    let opened = 0;
    await eachLimited(targets, API_LANES, async (sn) => {
      const sent = Date.now();
      try {
        const { result } = await api.call('person.openDoor', { params: { sn } });
        this.latencies.door.push(Date.now() - sent);
        if (result.opened) opened += 1;
        else failed.push(`${sn}: ${result.code}`);
      } catch (err) {
        if (!isHwbindError(err)) throw err;
        failed.push(`${sn}: ${err.code} ${err.message}`);
      }
    });
    this.tallies.doorsAsked += targets.length;
    this.tallies.doorsOpened += opened;
    return {
      passed: true,
      detail: `opened ${opened}/${targets.length} doors${failed.length ? `; first failure ${failed[0]}` : ''}`,
    };
  }

  private async holdingBinding(sns: string[]): Promise<number> {
    const per = this.groups.map(() => [] as string[]);
    for (const sn of sns) per[this.groupOf.get(sn)!]!.push(sn);
    return (await Promise.all(this.groups.map((g, i) => g.holdingBinding(per[i]!)))).reduce((a, b) => a + b, 0);
  }

  /** The records each device saw acknowledged in this run, and how many of them the gateway lists. */
  private async countListedRecords(): Promise<void> {
    const api = await this.person(null);
    const ranges = (await Promise.all(this.groups.map((g) => g.recordRanges()))).flat();
    let settled = 0;
    let listed = 0;
    await eachLimited(
      ranges.filter((r) => r.nextSeq > r.firstSeq),
      API_LANES,
      async (r) => {
        const pending = new Set(r.pending);
        const want = new Set<number>();
        for (let seq = r.firstSeq; seq < r.nextSeq; seq++) if (!pending.has(seq)) want.add(seq);
        settled += want.size;
        let cursor: string | undefined;
        do {
          const page = await api
            .call('person.deviceRecords', { params: { sn: r.sn }, query: { order: 'asc', limit: 1000, cursor } })
            .catch((err: unknown) => {
              if (isHwbindError(err)) return { records: [], next: null };
              throw err;
            });
          for (const rec of page.records) if (want.delete(rec.seq)) listed += 1;
          cursor = page.next ?? undefined;
        } while (cursor);
      },
    );
    this.tallies.recordsSettled = settled;
    this.tallies.recordsListed = listed;
  }

  /** The Person API as the scenario's person: --person-token, or a token issued for `as` through the admin API. */
  private async person(as: BindStep['as']): Promise<ApiClient> {
    if (!this.o.gateway)
      throw new HwbindError('invalid_argument', 'bind, doors and recordsStored call the Person API: give --gateway');
    if (this.o.personToken) {
      this.personApi ??= createApiClient(this.o.gateway, this.o.personToken);
      return this.personApi;
    }
    if (as) {
      if (!this.o.token)
        throw new HwbindError(
          'invalid_argument',
          `a token for ${as.corp}/${as.userid} is issued through the admin API: give --token (or --person-token)`,
        );
      const { token } = await createApiClient(this.o.gateway, this.o.token).call('admin.issueToken', {
        params: { id: as.corp },
        body: { userid: as.userid },
      });
      this.personApi = createApiClient(this.o.gateway, token);
    }
    if (!this.personApi)
      throw new HwbindError(
        'invalid_argument',
        'no person to act as: give --person-token, or bind with as: CORP/USERID first',
      );
    return this.personApi;
  }
}

/** Parallel Person API calls of a step. */
const API_LANES = 16;

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
    mqttUrls: o.mqttUrls,
    localAddresses: o.localAddresses,
    backoff: o.backoff,
    firmwareVersion: o.firmwareVersion,
    vendorPublicKey: o.vendorPublicKey,
    rampPerSecond: (o.rampPerSecond ?? 200) / groupCount,
  };
  const groups: Group[] = Array.from({ length: groupCount }, () =>
    workers > 0 ? new WorkerGroup(groupOptions) : new InProcessGroup(groupOptions),
  );
  const members: GroupDevice[][] = groups.map(() => []);
  bundles.forEach((bundle, index) => {
    members[index % groupCount]!.push({ bundle, index });
  });
  const run = new FleetRun(o, bundles, groups);
  const steps: StepResult[] = [];
  try {
    // Devices boot in the background while the first steps watch them come online.
    let bootError: unknown = null;
    void Promise.all(groups.map((g, i) => g.start(members[i]!))).catch((err) => {
      bootError = err;
    });
    for (const [index, step] of o.scenario.steps.entries()) {
      const outcome = await run.run(step, index);
      steps.push(outcome);
      o.onStep?.(outcome);
    }
    run.last = await run.counts();
    run.sample(run.last);
    if (bootError) throw bootError;
  } finally {
    await Promise.all(groups.map((g) => g.stop()));
  }
  return {
    scenario: o.scenario.name,
    devices: bundles.length,
    workers,
    startedAt: new Date(run.t0).toISOString(),
    durationMs: Date.now() - run.t0,
    passed: steps.every((s) => s.passed),
    steps,
    counts: run.last,
    tallies: run.tallies,
    timeline: run.timeline,
    latencies: run.latencies,
    upgrades: [...run.upgrades].map(([sn, points]) => ({ sn, points })),
  };
}
