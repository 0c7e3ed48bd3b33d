// Rollouts: one catalog version to many devices (AWS IoT Jobs' rollout and abort config, on the
// gateway's own jobs). An operator (the admin API) names the devices — the model's, a department's (an
// enterprise's devices whose usable range holds the department or one below it), or a list — frozen
// when the rollout is created, in that order; the rollout starts their upgrade jobs at its rate:
//
// - perMinute: one device every 60/perMinute s (a pause does not save up starts);
// - waves: `first` devices, then twice as many, and so on, each wave once every job of the previous
//   one ended.
//
// A device is skipped at its turn when it cannot take the version (no active binding, another model,
// the version retired for its enterprise, the version it runs, an older one without allowDowngrade, a
// job already running). Once at least abortMin jobs ended, a failure share (failed + rolled_back of the
// ended jobs) above abortPercent aborts the rollout: the devices not started and the jobs their device
// has not taken yet (queued) are cancelled; jobs under way finish. The rollout's state is in the store
// (rollouts, rollout_devices, the jobs), so a gateway restart carries on where it was. With several
// gateway nodes one node moves rollouts on (`duty`, a lease in the store): another node's command
// changes the rollout in the store and the holder's next tick acts on it; a node that takes over after
// one died carries on from the store (a device the dead node had not started yet is started then).
import { randomBytes } from 'node:crypto';
import type { Api, BodyOf, ResponseOf } from '../../protocol/api.js';
import type { Clock } from '../../protocol/clock.js';
import { HwbindError, isHwbindError } from '../../protocol/errors.js';
import { isLiveJobState } from '../../protocol/ota.js';
import { isValidSn, normalizeSn } from '../../protocol/sn.js';
import { usableRangeMembers, versionChange } from '../binding/rules.js';
import type { BindingService } from '../binding/service.js';
import { ALONE, type Duty } from '../cluster/duty.js';
import type { Logger } from '../logger.js';
import type { GatewayModule } from '../module.js';
import type { FirmwareJob, Rollout, RolloutDevice, RolloutRate, RolloutTarget, Store } from '../store/types.js';
import type { FirmwareCatalog } from './catalog.js';
import type { FirmwareJobs } from './jobs.js';

export type RolloutView = ResponseOf<Api['admin.getRollout']>;
export type RolloutRequest = BodyOf<Api['admin.createRollout']>;

/** How often running rollouts look whether a device is due. */
export const TICK_MS = 500;
const DEFAULT_PER_MINUTE = 60;
const PAGE = 1000;

/** Timers are injected with the clock, so a rollout's pace is testable without waiting. */
export interface Timers {
  setInterval(fn: () => void, ms: number): unknown;
  clearInterval(handle: unknown): void;
}

const realTimers: Timers = {
  setInterval: (fn, ms) => setInterval(fn, ms).unref(),
  clearInterval: (handle) => clearInterval(handle as NodeJS.Timeout),
};

export interface RolloutOptions {
  store: Store;
  clock: Clock;
  timers?: Timers;
  logger: Logger;
  binding: BindingService;
  catalog: FirmwareCatalog;
  jobs: FirmwareJobs;
  /** Whether this node moves rollouts on (several nodes: the one holding the lease). */
  duty?: Duty;
}

interface Tally {
  waiting: number;
  running: number;
  succeeded: number;
  failed: number;
  rolledBack: number;
  cancelled: number;
  skipped: number;
}

export class Rollouts implements GatewayModule {
  readonly name = 'rollouts';
  private readonly timers: Timers;
  private ticker: unknown = null;
  /** One pass at a time per rollout: the tick, an ended job and an operator's command queue up. */
  private readonly passes = new Map<string, Promise<unknown>>();
  private readonly duty: Duty;

  constructor(private readonly o: RolloutOptions) {
    this.timers = o.timers ?? realTimers;
    this.duty = o.duty ?? ALONE;
    o.jobs.on('ended', (job) => {
      if (job.rolloutId) void this.advanceIfMine(job.rolloutId).catch(() => undefined);
    });
  }

  async start(): Promise<void> {
    this.ticker = this.timers.setInterval(() => void this.tick(), TICK_MS);
  }

  async stop(): Promise<void> {
    this.timers.clearInterval(this.ticker);
    await Promise.all(this.passes.values());
    await this.duty.release();
  }

  /** Moves every running rollout on (also what the timer does), on the node whose duty it is. */
  async tick(): Promise<void> {
    const mine = await this.duty.mine().catch((err: unknown) => {
      this.o.logger.error({ err }, 'could not ask for the rollouts lease');
      return false;
    });
    if (!mine) return;
    for (const r of await this.o.store.listOpenRollouts()) {
      if (r.state === 'running')
        await this.serial(r.id, () => this.advance(r.id)).catch((err) =>
          this.o.logger.error({ err, rollout: r.id }, 'rollout step failed'),
        );
    }
  }

  // --- the operator's side ------------------------------------------------------------------------

  async create(req: RolloutRequest, by = 'admin'): Promise<RolloutView> {
    const release = await this.o.catalog.get(req.model, req.version);
    if (release.retiredAt !== null)
      throw new HwbindError('not_found', `firmware ${req.version} of ${req.model} is retired`);
    const target = this.target(req);
    const rate = this.rate(req);
    const sns = await this.devices(req.model, target);
    if (sns.length === 0) throw new HwbindError('invalid_argument', 'the rollout names no device');
    const now = this.o.clock.now();
    const rollout: Rollout = {
      id: `ro_${randomBytes(9).toString('base64url')}`,
      modelId: req.model,
      version: req.version,
      target,
      rate,
      abortRatio: req.abortPercent === undefined ? null : req.abortPercent / 100,
      abortMin: req.abortMin ?? 1,
      allowDowngrade: req.allowDowngrade === true,
      state: 'running',
      reason: null,
      wave: 0,
      nextStartAt: now,
      createdBy: by,
      createdAt: now,
      updatedAt: now,
      endedAt: null,
    };
    await this.o.store.createRollout(rollout, sns);
    this.o.logger.info(
      { rollout: rollout.id, model: rollout.modelId, version: rollout.version, devices: sns.length, rate },
      'rollout created',
    );
    await this.advanceIfMine(rollout.id);
    return this.get(rollout.id);
  }

  async list(): Promise<RolloutView[]> {
    const out: RolloutView[] = [];
    for (const r of await this.o.store.listRollouts()) out.push(await this.view(r, false));
    return out;
  }

  async get(id: string): Promise<RolloutView> {
    return this.view(await this.require(id), true);
  }

  pause(id: string): Promise<RolloutView> {
    return this.command(id, async (r) => {
      if (r.state === 'paused') return;
      if (r.state !== 'running') throw new HwbindError('conflict', `rollout ${id} has ${r.state}`);
      await this.save({ ...r, state: 'paused' });
    });
  }

  resume(id: string): Promise<RolloutView> {
    return this.command(id, async (r) => {
      if (r.state === 'running') return;
      if (r.state !== 'paused') throw new HwbindError('conflict', `rollout ${id} has ${r.state}`);
      // A pause does not save up starts: the pace begins again now.
      await this.save({ ...r, state: 'running', nextStartAt: this.o.clock.now() });
      if (await this.duty.mine()) await this.advance(id);
    });
  }

  abort(id: string): Promise<RolloutView> {
    return this.command(id, async (r) => {
      if (r.state === 'aborted') return;
      if (r.state === 'completed') throw new HwbindError('conflict', `rollout ${id} has completed`);
      await this.halt(r, 'aborted by the operator');
    });
  }

  private async command(id: string, fn: (r: Rollout) => Promise<void>): Promise<RolloutView> {
    await this.require(id);
    await this.serial(id, async () => fn((await this.o.store.getRollout(id))!));
    return this.get(id);
  }

  private async require(id: string): Promise<Rollout> {
    const r = await this.o.store.getRollout(id);
    if (!r) throw new HwbindError('not_found', `no rollout ${id}`);
    return r;
  }

  private target(req: RolloutRequest): RolloutTarget {
    if (req.sns) {
      if (req.corp || req.department)
        throw new HwbindError('invalid_argument', 'name the devices by a list, or by a department, not both');
      const bad = req.sns.filter((sn) => !isValidSn(sn));
      if (bad.length) throw new HwbindError('invalid_argument', `not SNs: ${bad.slice(0, 10).join(', ')}`);
      return { kind: 'list', sns: [...new Set(req.sns.map(normalizeSn))] };
    }
    if (req.department || req.corp) {
      if (!req.department || !req.corp)
        throw new HwbindError('invalid_argument', "a department's devices need both corp and department");
      return { kind: 'department', corpId: req.corp, department: req.department };
    }
    return { kind: 'model' };
  }

  private rate(req: RolloutRequest): RolloutRate {
    if (req.perMinute !== undefined && req.waves !== undefined)
      throw new HwbindError('invalid_argument', 'choose one rate: perMinute or waves');
    return req.waves !== undefined ? { waves: req.waves } : { perMinute: req.perMinute ?? DEFAULT_PER_MINUTE };
  }

  /** The devices a target names, in SN order (a list in its own order); unknown SNs of a list are refused. */
  private async devices(modelId: string, target: RolloutTarget): Promise<string[]> {
    if (target.kind === 'list') {
      const unknown: string[] = [];
      for (const sn of target.sns) if (!(await this.o.store.getDevice(sn))) unknown.push(sn);
      if (unknown.length)
        throw new HwbindError('device_not_found', `no such devices: ${unknown.slice(0, 10).join(', ')}`, { unknown });
      return target.sns;
    }
    if (target.kind === 'model') {
      const sns: string[] = [];
      for (let offset = 0; ; offset += PAGE) {
        const page = await this.o.store.listDevices({ modelId, limit: PAGE, offset });
        sns.push(...page.map((d) => d.sn));
        if (page.length < PAGE) return sns;
      }
    }
    const corp = await this.o.binding.corpView(target.corpId).catch(() => null);
    if (!corp) throw new HwbindError('not_found', `no enterprise ${target.corpId}`);
    if (!corp.departments.some((d) => d.id === target.department))
      throw new HwbindError('not_found', `enterprise ${target.corpId} has no department ${target.department}`);
    // A department's devices: those whose usable range reaches a member of it or of a department below.
    const people = new Set(
      usableRangeMembers(corp, { departments: [target.department], users: [] }).map((m) => m.userid),
    );
    const sns: string[] = [];
    for (const b of await this.o.store.listLiveBindings(corp.id)) {
      const device = await this.o.store.getDevice(b.sn);
      if (device?.modelId !== modelId) continue;
      if (usableRangeMembers(corp, b.usableRange).some((m) => people.has(m.userid))) sns.push(b.sn);
    }
    return sns.sort();
  }

  // --- moving on ----------------------------------------------------------------------------------

  /** Moves the rollout on now if this node holds the duty; else the holder's next tick does. */
  private async advanceIfMine(id: string): Promise<void> {
    if (await this.duty.mine()) await this.serial(id, () => this.advance(id));
  }

  private serial<T>(id: string, fn: () => Promise<T>): Promise<T> {
    const before = this.passes.get(id) ?? Promise.resolve();
    const run = before.then(fn, fn);
    const settled = run.catch(() => undefined);
    this.passes.set(id, settled);
    void settled.then(() => {
      if (this.passes.get(id) === settled) this.passes.delete(id);
    });
    return run;
  }

  /** One step of a rollout: abort past the threshold, start the devices that are due, complete. */
  private async advance(id: string): Promise<void> {
    const r = await this.o.store.getRollout(id);
    if (!r || (r.state !== 'running' && r.state !== 'paused')) return;
    const jobs = await this.o.store.listRolloutJobs(id);
    const tally = this.tally(await this.o.store.listRolloutDevices(id), jobs);
    const ended = tally.succeeded + tally.failed + tally.rolledBack;
    const failures = tally.failed + tally.rolledBack;
    if (r.abortRatio !== null && ended >= r.abortMin && failures / ended > r.abortRatio) {
      await this.halt(
        r,
        `${failures} of ${ended} ended jobs failed (${percent(failures, ended)}%, above ${Math.round(r.abortRatio * 1000) / 10}%)`,
      );
      return;
    }
    if (r.state !== 'running') return;
    if (tally.waiting === 0) {
      if (tally.running === 0) {
        await this.save({ ...r, state: 'completed', endedAt: this.o.clock.now() });
        this.o.logger.info({ rollout: id, ...tally }, 'rollout completed');
      }
      return;
    }
    const now = this.o.clock.now();
    if ('waves' in r.rate) {
      if (tally.running > 0) return;
      const size = r.rate.waves * 2 ** r.wave;
      await this.save({ ...r, wave: r.wave + 1 });
      await this.startNext(r, size, r.wave);
      return;
    }
    if (now < r.nextStartAt) return;
    const interval = 60_000 / r.rate.perMinute;
    const due = Math.floor((now - r.nextStartAt) / interval) + 1;
    await this.save({ ...r, nextStartAt: r.nextStartAt + due * interval });
    await this.startNext(r, due, 0);
  }

  /** Starts up to `count` waiting devices in order; a device that cannot take the version is skipped (and does not count). */
  private async startNext(r: Rollout, count: number, wave: number): Promise<void> {
    let started = 0;
    while (started < count) {
      const next = await this.o.store.waitingRolloutDevices(r.id, count - started);
      if (next.length === 0) return;
      for (const d of next) if (await this.startOne(r, d, wave)) started += 1;
    }
  }

  private async startOne(r: Rollout, d: RolloutDevice, wave: number): Promise<boolean> {
    const skip = async (reason: string) => {
      await this.o.store.settleRolloutDevices(r.id, [d.sn], 'skipped', reason);
      this.o.logger.info({ rollout: r.id, sn: d.sn, reason }, 'rollout skipped a device');
      return false;
    };
    const device = await this.o.store.getDevice(d.sn);
    const binding = await this.o.store.getLiveBinding(d.sn);
    if (!device || binding?.status !== 'active') return skip('binding_not_active');
    if (device.modelId !== r.modelId) return skip('fw_wrong_model');
    try {
      const release = await this.o.catalog.offerable(binding.corpId, r.modelId, r.version);
      const change = versionChange(d.sn, {
        current: this.o.jobs.currentVersion(device),
        target: r.version,
        allowDowngrade: r.allowDowngrade,
      });
      if (!change.ok) return skip(change.code);
      await this.o.jobs.create({
        device,
        binding,
        release,
        requestedBy: '',
        allowDowngrade: r.allowDowngrade,
        rollout: { id: r.id, wave },
      });
      return true;
    } catch (err) {
      if (isHwbindError(err, 'busy') || isHwbindError(err, 'not_found')) return skip(err.code);
      throw err;
    }
  }

  /** Aborts: waiting devices and queued jobs are cancelled; jobs under way finish. */
  private async halt(r: Rollout, reason: string): Promise<void> {
    const now = this.o.clock.now();
    await this.save({ ...r, state: 'aborted', reason, endedAt: now });
    const waiting = (await this.o.store.listRolloutDevices(r.id)).filter((d) => d.state === 'waiting');
    await this.o.store.settleRolloutDevices(
      r.id,
      waiting.map((d) => d.sn),
      'cancelled',
      'rollout aborted',
    );
    let cancelled = 0;
    for (const job of await this.o.store.listRolloutJobs(r.id))
      if (job.state === 'queued' && (await this.o.jobs.cancelQueued(job, `rollout ${r.id} aborted`))) cancelled += 1;
    this.o.logger.warn(
      { rollout: r.id, reason, cancelledDevices: waiting.length, cancelledJobs: cancelled },
      'rollout aborted',
    );
  }

  private async save(r: Rollout): Promise<void> {
    await this.o.store.updateRollout({ ...r, updatedAt: this.o.clock.now() });
  }

  private tally(devices: RolloutDevice[], jobs: FirmwareJob[]): Tally {
    const state = new Map(jobs.map((j) => [j.id, j.state]));
    const t: Tally = { waiting: 0, running: 0, succeeded: 0, failed: 0, rolledBack: 0, cancelled: 0, skipped: 0 };
    for (const d of devices) {
      if (d.state === 'waiting') t.waiting += 1;
      else if (d.state === 'skipped') t.skipped += 1;
      else if (d.state === 'cancelled') t.cancelled += 1;
      else {
        const s = state.get(d.jobId ?? '');
        if (!s || isLiveJobState(s)) t.running += 1;
        else if (s === 'succeeded') t.succeeded += 1;
        else if (s === 'failed') t.failed += 1;
        else if (s === 'rolled_back') t.rolledBack += 1;
        else t.cancelled += 1;
      }
    }
    return t;
  }

  private async view(r: Rollout, withDevices: boolean): Promise<RolloutView> {
    const devices = await this.o.store.listRolloutDevices(r.id);
    const jobs = await this.o.store.listRolloutJobs(r.id);
    const t = this.tally(devices, jobs);
    const byId = new Map(jobs.map((j) => [j.id, j]));
    const target =
      r.target.kind === 'list'
        ? { kind: r.target.kind, sns: r.target.sns }
        : r.target.kind === 'department'
          ? { kind: r.target.kind, corp: r.target.corpId, department: r.target.department }
          : { kind: r.target.kind };
    return {
      id: r.id,
      model: r.modelId,
      version: r.version,
      target,
      rate: r.rate,
      abortPercent: r.abortRatio === null ? null : Math.round(r.abortRatio * 100_000) / 1000,
      abortMin: r.abortMin,
      allowDowngrade: r.allowDowngrade,
      state: r.state,
      reason: r.reason,
      createdAt: r.createdAt,
      updatedAt: r.updatedAt,
      endedAt: r.endedAt,
      summary: {
        devices: devices.length,
        ...t,
        failurePercent: percent(t.failed + t.rolledBack, t.succeeded + t.failed + t.rolledBack),
        wave: r.wave,
      },
      ...(withDevices && {
        devices: devices.map((d) => {
          const job = d.jobId ? byId.get(d.jobId) : undefined;
          return {
            sn: d.sn,
            state: d.state,
            wave: d.wave,
            jobId: d.jobId,
            jobState: job?.state ?? null,
            code: job?.code ?? d.reason,
          };
        }),
      }),
    };
  }
}

const percent = (part: number, whole: number): number => (whole === 0 ? 0 : Math.round((part / whole) * 1000) / 10);
