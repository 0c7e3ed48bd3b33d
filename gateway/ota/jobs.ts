// Firmware upgrade jobs (PRODUCT.md "Firmware", protocol §5.6 and §6.5). A person asks (rules.ts
// decideFirmwareUpgrade) or a rollout starts one; the job and its FirmwareOffer are stored in one
// transaction and the offer goes through the outbox, so it is sent again after every hello until the
// job ends; the device pulls the image from the chunk relay and reports its progress and result.
//
//   queued → downloading → verifying → applying → rebooting → succeeded | failed(code) | rolled_back
//   (cancelled: a rollout's abort, only while queued)
//
// - One live job per device (the store's unique index answers `busy`).
// - Succeeded only when the device says so with the new version AND its hello on that boot reported
//   the new version running from a confirmed slot; a device that boots the old slot reports REVERTED:
//   rolled_back. A device that refuses the offer (REJECTED) or fails it (FAILED) ends it failed, with
//   the device's code.
// - The device's progress is kept in memory and written once a second with every other job's (a
//   crash loses at most a second of percentages; the device resumes from its own verified offset).
// - An unbound device's live job fails (binding_not_active) and its chunk requests are refused.
// - A gateway start takes the live jobs back: their offers are still in the outbox.
// - Several nodes: a job carries on on whichever node holds its device. A node that does not know a
//   job a device asks about loads it from the store; with `shared`, a device's hello on a node takes
//   up its job as stored (another node may have moved it on), and every progress flush drops the jobs
//   another node ended. Reads answer the fresher of this node's copy and the store's.
// - Progress goes live to whoever asked, the member who bound the device and the device admins.
import { randomBytes } from 'node:crypto';
import { EventEmitter } from 'node:events';
import type { Api, ResponseOf } from '../../protocol/api.js';
import type { Clock } from '../../protocol/clock.js';
import { HwbindError } from '../../protocol/errors.js';
import type { BodyOf } from '../../protocol/messages.js';
import { pb } from '../../protocol/messages.js';
import { type FirmwareJobState, isLiveJobState, jobStateFromWire } from '../../protocol/ota.js';
import { slotStateFromWire } from '../../protocol/slots.js';
import {
  type Actor,
  assertAllowed,
  decideFirmwareJobAccess,
  decideFirmwareUpgrade,
  deviceAdmins,
} from '../binding/rules.js';
import type { BindingService } from '../binding/service.js';
import type { DeviceLinks } from '../devices/link.js';
import type { Outbox } from '../devices/outbox.js';
import type { MessageContext, MessageRouter } from '../devices/router.js';
import type { DeviceSessions } from '../devices/sessions.js';
import type { Logger } from '../logger.js';
import type { GatewayModule } from '../module.js';
import type { PersonEvents } from '../notifications/events.js';
import type { Binding, Device, FirmwareJob, FirmwareRelease, OutboxEntry, Store } from '../store/types.js';
import type { FirmwareCatalog } from './catalog.js';
import { ChunkRelay } from './relay.js';

export type JobView = ResponseOf<Api['person.getJob']>;
export type DeviceFirmwareView = ResponseOf<Api['person.deviceFirmware']>;

const MAX_CODE = 64;
const MAX_MESSAGE = 300;
/** Order of the live states: a device's progress never moves a job back. */
const RANK: Record<FirmwareJobState, number> = {
  queued: 0,
  downloading: 1,
  verifying: 2,
  applying: 3,
  rebooting: 4,
  succeeded: 5,
  failed: 5,
  rolled_back: 5,
  cancelled: 5,
};
const Outcome = pb.FirmwareOutcome;

export interface JobEvents {
  /** A job ended (succeeded, failed, rolled_back, cancelled). */
  ended: [job: FirmwareJob];
}

export interface FirmwareJobsOptions {
  store: Store;
  clock: Clock;
  logger: Logger;
  router: MessageRouter;
  outbox: Outbox;
  sessions: DeviceSessions;
  binding: BindingService;
  events: PersonEvents;
  catalog: FirmwareCatalog;
  links: DeviceLinks;
  /** FirmwareOffer.chunk_size; a device on a slower transport gets the chunk its link carries in time. */
  chunkSize: number;
  /** Chunks read and sent at once. */
  concurrency: number;
  /** Several gateway nodes share the jobs (--redis): another node may move a job on or end it. */
  shared?: boolean;
}

/** What the device said of itself at its latest hello: the version it runs and that slot's state. */
interface HelloReport {
  version: string;
  runningConfirmed: boolean;
}

/** A live job in memory, with what the download rate and the live events need. */
interface LiveJob {
  job: FirmwareJob;
  /** Who hears about it: whoever asked, the binder, the device admins (as the job started or the gateway did). */
  audience: string[];
  /** Where this gateway first saw the download (time, bytes), for the rate. */
  rateFrom: { at: number; bytes: number } | null;
}

const clip = (text: string | null | undefined, max: number): string | null => (text ? text.slice(0, max) : null);
const newJobId = (): string => `fw_${randomBytes(9).toString('base64url')}`;

export class FirmwareJobs extends EventEmitter<JobEvents> implements GatewayModule {
  readonly name = 'ota';
  readonly relay: ChunkRelay;
  private readonly live = new Map<string, LiveJob>();
  /** SN → the id of its job in `live` (one live job per device). */
  private readonly jobOfDevice = new Map<string, string>();
  private readonly dirty = new Set<string>();
  private readonly hellos = new Map<string, HelloReport>();
  /** With `shared`: a device's job being taken up from the store after its hello here. */
  private readonly takingUp = new Map<string, Promise<void>>();
  private flushTimer: NodeJS.Timeout | null = null;
  private readonly inFlight = new Set<Promise<void>>();

  constructor(private readonly o: FirmwareJobsOptions) {
    super();
    this.relay = new ChunkRelay({
      links: o.links,
      logger: o.logger,
      concurrency: o.concurrency,
      liveJob: (id) => this.live.get(id)?.job ?? null,
      imagePath: (sha) => o.catalog.imageFile(sha),
      started: (job) => this.progress(job, 'downloading', job.bytesDone),
    });
    o.router.on('firmwareChunkRequest', (ctx, req) => {
      // A job this node knows is served at once (the common case: no promise per chunk).
      if (this.takingUp.has(ctx.sn) || (req.jobId && !this.live.has(req.jobId)))
        return this.known(ctx.sn, req.jobId).then(() => this.relay.request(ctx.sn, ctx.env.id, req));
      this.relay.request(ctx.sn, ctx.env.id, req);
    });
    o.router.on('firmwareProgress', (ctx, p) => this.onProgress(ctx, p));
    o.router.on('firmwareResult', (ctx, r) => this.onResult(ctx, r));
    o.outbox.settleWith('firmware', (entry, error) => this.settleOffer(entry, error));
    o.sessions.on('hello', (sn, hello) => {
      this.hellos.set(sn, helloReport(hello));
      if (o.shared) this.takeUp(sn);
    });
    o.sessions.on('offline', (sn) => this.hellos.delete(sn));
    o.binding.on('status', (b) => {
      if (b.status === 'removed') this.track(this.unbound(b), { sn: b.sn }, 'ending the job of an unbound device');
    });
  }

  /** Takes back the jobs a stop or crash left live: their offers wait in the outbox for the devices' hellos. */
  async start(): Promise<void> {
    for (const job of await this.o.store.listLiveFirmwareJobs()) {
      this.keep({ job, audience: await this.audience(job), rateFrom: null });
    }
    this.flushTimer = setInterval(
      () => void this.flush().catch((err) => this.o.logger.error({ err }, 'firmware progress flush failed')),
      1000,
    );
    this.flushTimer.unref();
  }

  async stop(): Promise<void> {
    if (this.flushTimer) clearInterval(this.flushTimer);
    await Promise.all(this.inFlight);
    await this.relay.close();
    await this.flush();
  }

  private track(work: Promise<unknown>, context: Record<string, unknown>, what: string): void {
    const done = work.then(
      () => undefined,
      (err) => this.o.logger.error({ err, ...context }, what),
    );
    this.inFlight.add(done);
    void done.finally(() => this.inFlight.delete(done));
  }

  // --- the person side --------------------------------------------------------------------------

  /** A device's firmware as its page shows it: the running version, slots, what it may get, its latest job. */
  async deviceFirmware(actor: Actor, sn: string): Promise<DeviceFirmwareView> {
    const { corp } = await this.o.binding.authorize(actor, sn, 'view_firmware');
    const device = (await this.o.store.getDevice(sn))!;
    const current = this.currentVersion(device);
    const [latest] = await this.o.store.listFirmwareJobs(sn, 1);
    return {
      current,
      slots: device.slots,
      available: await this.o.catalog.available(corp.id, device.modelId, current),
      job: latest ? this.view(this.fresher(latest)) : null,
    };
  }

  /** Upgrades (or, marked, downgrades) a device to a catalog version: the job is queued and offered. */
  async upgrade(actor: Actor, sn: string, req: { version: string; allowDowngrade?: boolean }): Promise<FirmwareJob> {
    const corp = await this.o.binding.corpView(actor.corpId);
    const device = await this.o.store.getDevice(sn);
    const allowDowngrade = req.allowDowngrade === true;
    assertAllowed(
      decideFirmwareUpgrade(actor, corp, await this.o.binding.deviceView(sn), {
        current: device ? this.currentVersion(device) : null,
        target: req.version,
        allowDowngrade,
      }),
    );
    const release = await this.o.catalog.offerable(corp.id, device!.modelId, req.version);
    const binding = (await this.o.store.getLiveBinding(sn))!;
    return this.create({ device: device!, binding, release, requestedBy: actor.member.userid, allowDowngrade });
  }

  async get(actor: Actor, id: string): Promise<FirmwareJob> {
    const stored = await this.o.store.getFirmwareJob(id);
    if (!stored) throw new HwbindError('not_found', 'No such job');
    const corp = await this.o.binding.corpView(actor.corpId);
    assertAllowed(decideFirmwareJobAccess(actor, corp, await this.o.binding.deviceView(stored.sn), stored));
    return this.fresher(stored);
  }

  /**
   * This node's copy of a job, unless the store's is newer (another node moved it on or ended it):
   * a copy this node moved on last is at least as new as the store's (flushed within a second).
   */
  private fresher(stored: FirmwareJob): FirmwareJob {
    const here = this.live.get(stored.id)?.job;
    if (!here || here.updatedAt < stored.updatedAt || !isLiveJobState(stored.state)) return stored;
    return here;
  }

  /** The version a device runs: its latest hello on this gateway, else what the registry stored. */
  currentVersion(device: Device): string | null {
    return this.hellos.get(device.sn)?.version ?? device.firmwareVersion;
  }

  /** A job as the Person API answers it: percent of the download, and its remaining time at the rate so far. */
  view(job: FirmwareJob): JobView {
    const live = this.live.get(job.id);
    const now = this.o.clock.now();
    let remainingS: number | null = null;
    if (job.state === 'downloading' && live?.rateFrom) {
      const rate = (job.bytesDone - live.rateFrom.bytes) / Math.max(1, now - live.rateFrom.at);
      if (rate > 0) remainingS = Math.ceil((job.size - job.bytesDone) / rate / 1000);
    }
    return {
      id: job.id,
      sn: job.sn,
      model: job.modelId,
      version: job.version,
      fromVersion: job.fromVersion,
      state: job.state,
      code: job.code,
      message: job.message,
      percent: job.state === 'succeeded' ? 100 : Math.floor((job.bytesDone / Math.max(1, job.size)) * 100),
      // A succeeded job downloaded every byte, whatever its last progress report said.
      bytesDone: job.state === 'succeeded' ? job.size : job.bytesDone,
      size: job.size,
      chunkSize: job.chunkSize,
      remainingS,
      requestedBy: job.requestedBy,
      rolloutId: job.rolloutId,
      createdAt: job.createdAt,
      updatedAt: job.updatedAt,
      endedAt: job.endedAt,
    };
  }

  // --- jobs ---------------------------------------------------------------------------------------

  /**
   * Queues a job and its FirmwareOffer in one transaction, then offers it if the device is online
   * (else at its next hello). A rollout passes its id and wave.
   */
  async create(input: {
    device: Device;
    binding: Binding;
    release: FirmwareRelease;
    requestedBy: string;
    allowDowngrade: boolean;
    rollout?: { id: string; wave: number };
  }): Promise<FirmwareJob> {
    const { device, binding, release } = input;
    const now = this.o.clock.now();
    const id = newJobId();
    // Fixed when the job is made: a device offline now is offered the default when it comes back.
    const chunkSize = Math.min(this.o.chunkSize, this.o.links.chunkSizeFor(device.sn) ?? Number.POSITIVE_INFINITY);
    const offer = this.o.outbox.entry(device.sn, 'down/firmware', 'firmware', 'firmwareOffer', {
      jobId: id,
      version: release.version,
      size: release.size,
      sha256: Buffer.from(release.sha256, 'hex'),
      chunkSize,
      releaseNotes: release.releaseNotes,
      // Every upgrade boots the new slot on trial: the device confirms it after its self-test or reverts.
      test: true,
      model: release.modelId,
      bindingId: binding.id,
      allowDowngrade: input.allowDowngrade,
    });
    const job: FirmwareJob = {
      id,
      sn: device.sn,
      corpId: binding.corpId,
      bindingId: binding.id,
      modelId: release.modelId,
      version: release.version,
      fromVersion: this.currentVersion(device) ?? '',
      sha256: release.sha256,
      size: release.size,
      chunkSize,
      allowDowngrade: input.allowDowngrade,
      offerId: offer.id,
      state: 'queued',
      code: null,
      message: null,
      bytesDone: 0,
      requestedBy: input.requestedBy,
      rolloutId: input.rollout?.id ?? null,
      createdAt: now,
      updatedAt: now,
      startedAt: null,
      endedAt: null,
    };
    await this.o.store.createFirmwareJob(job, offer, input.rollout ? { wave: input.rollout.wave } : undefined);
    this.keep({ job, audience: await this.audience(job), rateFrom: null });
    this.o.logger.info(
      { sn: job.sn, job: id, version: job.version, from: job.fromVersion, by: job.requestedBy || job.rolloutId },
      'firmware job queued',
    );
    this.announce(job);
    await this.o.outbox.send(offer);
    return job;
  }

  /** Cancels a job the device has not started (a rollout's abort, with the job as stored); false when it had started or ended. */
  async cancelQueued(stored: FirmwareJob, reason: string): Promise<boolean> {
    const job = this.fresher(stored);
    if (job.state !== 'queued') return false;
    return (await this.end(job, 'cancelled', 'fw_job_ended', reason)) !== null;
  }

  // --- the device side ----------------------------------------------------------------------------

  /** The live job a device message is about; null for a job that ended (a late or repeated message). */
  private async ofDevice(ctx: MessageContext, jobId: string | null | undefined): Promise<FirmwareJob | null> {
    await this.known(ctx.sn, jobId);
    const live = jobId ? this.live.get(jobId) : undefined;
    if (live) {
      if (live.job.sn !== ctx.sn) throw new HwbindError('not_found', `no firmware job ${jobId} on this device`);
      return live.job;
    }
    const stored = jobId ? await this.o.store.getFirmwareJob(jobId) : null;
    if (!stored || stored.sn !== ctx.sn) throw new HwbindError('not_found', `no firmware job ${jobId} on this device`);
    return null;
  }

  /**
   * Before a device's message about a job is handled here: its hello's take-up is done, and a live
   * job of this device that this node does not know (started on another node, or while the device
   * was on one) is loaded from the store.
   */
  private async known(sn: string, jobId: string | null | undefined): Promise<void> {
    await this.takingUp.get(sn);
    if (!jobId || this.live.has(jobId)) return;
    const stored = await this.o.store.getFirmwareJob(jobId);
    if (stored?.sn === sn && isLiveJobState(stored.state) && !this.live.has(jobId)) await this.adopt(stored);
  }

  /**
   * With `shared`: after a hello here, the device's job as the store has it, when this node holds a
   * copy (another node may have moved it on since); without one, `known` loads it when asked about.
   */
  private takeUp(sn: string): void {
    const copy = this.live.get(this.jobOfDevice.get(sn) ?? '')?.job;
    if (!copy) return;
    const work = (async () => {
      const [latest] = await this.o.store.listFirmwareJobs(sn, 1);
      // A newer job than this node's copy: the copy's job ended (one live job per device).
      if (latest?.id !== copy.id) this.dropEnded(copy);
      if (!latest) return;
      if (!isLiveJobState(latest.state)) this.dropEnded(latest);
      else if (this.fresher(latest) === latest) await this.adopt(latest);
    })();
    const done = work.catch((err: unknown) => this.o.logger.error({ err, sn }, 'taking up the firmware job failed'));
    this.takingUp.set(sn, done);
    void done.finally(() => {
      if (this.takingUp.get(sn) === done) this.takingUp.delete(sn);
    });
  }

  private async adopt(job: FirmwareJob): Promise<void> {
    const audience = await this.audience(job);
    this.keep({ job, audience, rateFrom: null });
  }

  private keep(entry: LiveJob): void {
    this.live.set(entry.job.id, entry);
    this.jobOfDevice.set(entry.job.sn, entry.job.id);
  }

  private unkeep(job: FirmwareJob): void {
    this.live.delete(job.id);
    if (this.jobOfDevice.get(job.sn) === job.id) this.jobOfDevice.delete(job.sn);
  }

  /** A job another node ended: this node's copy goes. */
  private dropEnded(job: FirmwareJob): void {
    if (!this.live.has(job.id)) return;
    this.unkeep(job);
    this.dirty.delete(job.id);
    this.relay.forget(job);
  }

  private async onProgress(ctx: MessageContext, p: BodyOf<'firmwareProgress'>): Promise<void> {
    const job = await this.ofDevice(ctx, p.jobId);
    const state = jobStateFromWire(p.state ?? 0);
    if (!job || !state) return;
    this.progress(job, state, Math.min(job.size, p.bytesDone ?? 0));
  }

  /** Moves a live job forward (never back) and tells its audience. */
  private progress(job: FirmwareJob, state: FirmwareJobState, bytesDone: number): void {
    const live = this.live.get(job.id);
    if (!live || RANK[state] < RANK[job.state]) return;
    const now = this.o.clock.now();
    const next: FirmwareJob = {
      ...job,
      state,
      bytesDone: state === 'downloading' ? bytesDone : Math.max(job.bytesDone, bytesDone),
      startedAt: job.startedAt ?? now,
      updatedAt: now,
    };
    if (state === 'downloading' && !live.rateFrom) live.rateFrom = { at: now, bytes: next.bytesDone };
    live.job = next;
    this.dirty.add(job.id);
    if (job.state !== state) this.o.logger.info({ sn: job.sn, job: job.id, state }, 'firmware job progress');
    this.announce(next);
  }

  private async onResult(ctx: MessageContext, r: BodyOf<'firmwareResult'>): Promise<void> {
    const job = await this.ofDevice(ctx, r.jobId);
    if (!job) return;
    const running = r.version ?? '';
    const code = clip(r.code, MAX_CODE);
    const message = clip(r.message, MAX_MESSAGE);
    switch (r.outcome) {
      case Outcome.FIRMWARE_OUTCOME_SUCCEEDED: {
        const hello = this.hellos.get(ctx.sn);
        if (running === job.version && hello?.version === job.version && hello.runningConfirmed) {
          await this.end(job, 'succeeded', null, null);
          return;
        }
        await this.end(
          job,
          'failed',
          'conflict',
          `the device reported success, but runs ${hello?.version ?? 'an unknown version'}${hello && !hello.runningConfirmed ? ' from an unconfirmed slot' : ''}, not ${job.version}`,
        );
        return;
      }
      case Outcome.FIRMWARE_OUTCOME_REVERTED:
        await this.end(job, 'rolled_back', code, message ?? `${job.version} did not confirm; ${running} runs again`);
        return;
      case Outcome.FIRMWARE_OUTCOME_FAILED:
      case Outcome.FIRMWARE_OUTCOME_REJECTED:
        await this.end(job, 'failed', code ?? 'internal', message);
        return;
      default:
        throw new HwbindError('malformed_message', 'FirmwareResult needs an outcome');
    }
  }

  /**
   * The device answered the offer itself: an ErrorReply (it cannot take firmware offers) fails the job.
   * An Ack is no answer to an offer — the device answers with chunk requests or a result — so the
   * offer stays until the job ends.
   */
  private async settleOffer(offer: OutboxEntry, error: BodyOf<'error'> | null): Promise<void> {
    if (!error) return;
    const job = await this.liveJobOf(offer.sn);
    if (job?.offerId === offer.id)
      await this.end(job, 'failed', clip(error.code, MAX_CODE) ?? 'internal', clip(error.message, MAX_MESSAGE));
    else await this.o.store.deleteOutboxEntry(offer.id);
  }

  private async unbound(b: Binding): Promise<void> {
    const job = await this.liveJobOf(b.sn);
    if (job) await this.end(job, 'failed', 'binding_not_active', 'the device was removed from the enterprise');
  }

  /** The device's live job, known here or only in the store (it may have started on another node). */
  private async liveJobOf(sn: string): Promise<FirmwareJob | null> {
    const here = this.live.get(this.jobOfDevice.get(sn) ?? '');
    if (here) return here.job;
    const [latest] = await this.o.store.listFirmwareJobs(sn, 1);
    return latest && isLiveJobState(latest.state) ? latest : null;
  }

  // --- shared steps -------------------------------------------------------------------------------

  /** Ends a live job (its offer leaves the outbox in the same transaction); null when it had ended. */
  private async end(
    job: FirmwareJob,
    state: 'succeeded' | 'failed' | 'rolled_back' | 'cancelled',
    code: string | null,
    message: string | null,
  ): Promise<FirmwareJob | null> {
    const current = this.live.get(job.id)?.job ?? job;
    const ended = await this.o.store.endFirmwareJob(job.id, { state, code, message, at: this.o.clock.now() });
    if (!ended) return null;
    const final: FirmwareJob = { ...ended, bytesDone: Math.max(ended.bytesDone, current.bytesDone) };
    this.dirty.delete(job.id);
    this.relay.forget(final);
    this.o.logger.info({ sn: job.sn, job: job.id, state, code, version: job.version }, 'firmware job ended');
    // A job this node had no copy of (it ran on another node) is announced to its audience all the same.
    this.announce(final, this.live.get(job.id)?.audience ?? (await this.audience(final)));
    this.unkeep(job);
    this.emit('ended', final);
    return final;
  }

  /** Writes the progress of the jobs that moved since the last time, in one transaction. */
  private async flush(): Promise<void> {
    if (this.dirty.size === 0) return;
    const progress = [...this.dirty].flatMap((id) => {
      const job = this.live.get(id)?.job;
      return job && isLiveJobState(job.state)
        ? [{ id, state: job.state, bytesDone: job.bytesDone, startedAt: job.startedAt, updatedAt: job.updatedAt }]
        : [];
    });
    this.dirty.clear();
    await this.o.store.recordFirmwareProgress(progress);
    if (!this.o.shared) return;
    // Another node may have ended one (an unbinding, a rollout's abort): this node stops relaying it.
    for (const { id } of progress) {
      const stored = await this.o.store.getFirmwareJob(id);
      if (stored && !isLiveJobState(stored.state)) this.dropEnded(stored);
    }
  }

  private async audience(job: FirmwareJob): Promise<string[]> {
    const corp = await this.o.binding.corpView(job.corpId).catch(() => null);
    const binding = await this.o.store.getLiveBinding(job.sn);
    const people = [
      job.requestedBy,
      binding?.id === job.bindingId ? binding.boundBy : '',
      ...(corp ? deviceAdmins(corp).map((m) => m.userid) : []),
    ];
    return [...new Set(people.filter(Boolean))];
  }

  private announce(job: FirmwareJob, audience = this.live.get(job.id)?.audience): void {
    if (!audience?.length || !this.o.events.heard) return;
    this.o.events.publish(job.corpId, audience, { type: 'firmware', ...this.view(job) });
  }
}

function helloReport(hello: BodyOf<'hello'>): HelloReport {
  const active = (hello.slots ?? []).find((s) => s.active);
  return {
    version: hello.firmwareVersion ?? '',
    // A device that reports no slots says nothing against its version being confirmed.
    runningConfirmed: active ? slotStateFromWire(active.state ?? 0) === 'confirmed' : true,
  };
}
