// Firmware upgrade (protocol §5.6, §6.5): check the offer, pull the signed image in chunks, a few
// requests in flight (resumable across reconnects and reboots from the last offset written and
// synced), check its size and SHA-256 against the offer, then its structure, model and vendor
// signature, install it in the inactive slot on trial and reboot. The result is reported after the
// reboot, from the version now running and confirmed (or the old one, reverted).
//
// - An offer is taken only under the binding the device holds (offer.binding_id): otherwise, or for
//   another model, an older or the same version (unless allow_downgrade), a job already running, or
//   no vendor key, it is refused before a single chunk is asked for.
// - The download stops as soon as the device no longer holds that binding, or the gateway answers a
//   request with fw_job_ended (the job was cancelled or ended there).
// - The last result is kept: the gateway resends an offer until it hears the result, and an offer
//   of a job that already ended gets the same result again.
// - Chunk requests are paced (a token bucket) to stay well inside the gateway's publish limit.
import { createHash, generateKeyPairSync } from 'node:crypto';
import { closeSync, constants, fdatasyncSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import semver from 'semver';
import { type ErrorCode, isHwbindError } from '../../protocol/errors.js';
import { FW_MAX_IMAGE_SIZE, parseFirmwareImage, verifyFirmwareImage } from '../../protocol/firmware.js';
import { type BodyOf, bodyOf, type Envelope, newMessageId, pb } from '../../protocol/messages.js';
import { CHUNK_SIZE } from '../../protocol/ota.js';
import type { StoredOtaJob, StoredOtaResult } from '../flash.js';
import type { DeviceModule, ModuleContext } from '../module.js';
import { installImage, runningVersion } from '../slots.js';

const State = pb.FirmwareState;
const Outcome = pb.FirmwareOutcome;
export const CHUNK_TIMEOUT_MS = 10_000;
/** Chunk requests in flight at once (with the defect ota-ignore-window, far more). */
export const WINDOW = 4;
const WIDE_WINDOW = 32;
/** Chunk requests per second, on average and at most in a burst: the gateway closes a device past 100 messages/s. */
const REQUESTS_PER_S = 50;
/** The download's offset is made durable at least this often (and at the end). */
const SYNC_EVERY_BYTES = 256 * 1024;
export const DOWNLOAD_FILE = 'ota-download.bin';

/** Faults a test or scenario arms on a device; each one happens once, to the next firmware job. */
export interface OtaFaults {
  /** One chunk is damaged as it is written: the image's SHA-256 no longer matches the offer. */
  corruptChunk?: boolean;
  /** The image is verified with a vendor key that did not sign it. */
  wrongSignature?: boolean;
  /** The power goes halfway through the download, after a chunk is written but before its offset is kept. */
  powerCutWhileWriting?: boolean;
  /** The power goes during the self-test of the new image, before it is confirmed. */
  powerCutBeforeConfirm?: boolean;
  /** The self-test of the new image fails. */
  failSelfTest?: boolean;
}
export const OTA_FAULTS = [
  'corruptChunk',
  'wrongSignature',
  'powerCutWhileWriting',
  'powerCutBeforeConfirm',
  'failSelfTest',
] as const satisfies readonly (keyof OtaFaults)[];

interface Pending {
  id: string;
  timer: unknown;
}

export class OtaModule implements DeviceModule {
  readonly name = 'ota';
  readonly bodies = ['firmwareOffer', 'firmwareChunk'] as const;
  /** Requests in flight, by offset. */
  private readonly pending = new Map<number, Pending>();
  /** Chunks written past the contiguous prefix (arrived out of order), by offset → length. */
  private readonly ahead = new Map<number, number>();
  /** Where the contiguous written prefix ends, and the next offset to ask for. */
  private written = 0;
  private nextOffset = 0;
  private syncedAt = 0;
  private jobId = '';
  private tokens = REQUESTS_PER_S;
  private refilledAt = 0;
  private paceTimer: unknown = null;
  private lastProgress = { percent: -1, atMs: 0 };

  /**
   * `faults` is shared with the device that owns the module (it outlives reboots); `flashWriteMs` is how
   * long writing one chunk to flash takes.
   */
  constructor(
    private readonly faults: OtaFaults = {},
    private readonly flashWriteMs = 0,
  ) {}

  private downloadPath(ctx: ModuleContext): string {
    return join(ctx.flashDir, DOWNLOAD_FILE);
  }

  onBoot(ctx: ModuleContext): void {
    // A job interrupted before the install left a partial download: it resumes when online.
    if (!ctx.state().otaJob) rmSync(this.downloadPath(ctx), { force: true });
  }

  async onOnline(ctx: ModuleContext): Promise<void> {
    const job = ctx.state().otaJob;
    if (!job) return;
    if (job.phase === 'downloading') return this.resume(ctx, job);
    const running = runningVersion(ctx.state());
    const succeeded = running === job.version;
    await this.report(ctx, {
      jobId: job.jobId,
      outcome: succeeded ? Outcome.FIRMWARE_OUTCOME_SUCCEEDED : Outcome.FIRMWARE_OUTCOME_REVERTED,
      version: running,
      code: succeeded ? '' : 'fw_not_confirmed',
      message: succeeded ? '' : `${job.version} did not confirm; ${running} runs again`,
    });
  }

  stop(ctx: ModuleContext): void {
    this.reset(ctx, 0);
  }

  async onRefused(ctx: ModuleContext, error: BodyOf<'error'>, env: Envelope): Promise<void> {
    const job = ctx.state().otaJob;
    const ours = [...this.pending.values()].some((p) => p.id === env.replyTo);
    if (!job || !ours || error.code !== 'fw_job_ended') return;
    ctx.log(`firmware job ${job.jobId} ended at the gateway: download abandoned`);
    this.abandon(ctx);
  }

  async handle(ctx: ModuleContext, env: Envelope): Promise<void> {
    if (env.body === 'firmwareOffer') return this.offer(ctx, bodyOf(env, 'firmwareOffer'));
    const chunk = bodyOf(env, 'firmwareChunk');
    const job = ctx.state().otaJob;
    const offset = chunk.offset ?? 0;
    const data = chunk.data ?? new Uint8Array();
    const expected = job ? Math.min(job.chunkSize, job.size - offset) : 0;
    // Late, repeated or foreign chunks are dropped; a missing one is asked again when its request times out.
    if (job?.phase !== 'downloading' || chunk.jobId !== job.jobId || !this.pending.has(offset)) return;
    if (data.length !== expected) return;
    ctx.timers.clearTimeout(this.pending.get(offset)!.timer);
    this.pending.delete(offset);
    if (!(await this.write(ctx, job, offset, data))) return;
    if (this.written < job.size) return this.fill(ctx);
    await this.install(ctx, { ...ctx.state().otaJob! });
  }

  private async offer(ctx: ModuleContext, offer: BodyOf<'firmwareOffer'>): Promise<void> {
    const state = ctx.state();
    const held = state.otaJob;
    const jobId = offer.jobId ?? '';
    if (held && held.jobId === jobId) return held.phase === 'downloading' ? this.resume(ctx, held) : undefined;
    if (state.lastOtaResult?.jobId === jobId) return this.send(ctx, state.lastOtaResult);
    const running = runningVersion(state);
    const version = offer.version ?? '';
    const size = offer.size ?? 0;
    const refusal = this.refusal(ctx, offer, held, running);
    if (refusal) {
      ctx.log(`firmware ${version} refused: ${refusal[0]} (${refusal[1]})`);
      return this.report(ctx, {
        jobId,
        outcome: Outcome.FIRMWARE_OUTCOME_REJECTED,
        version: running,
        code: refusal[0],
        message: refusal[1],
      });
    }
    const job: StoredOtaJob = {
      jobId,
      version,
      size,
      sha256: Buffer.from(offer.sha256 ?? []).toString('hex'),
      // A slow line asks for less than the offer allows (protocol §9), so a chunk arrives inside its timeout.
      chunkSize: Math.min(CHUNK_SIZE.max, offer.chunkSize || CHUNK_SIZE.default, ctx.maxChunkSize ?? CHUNK_SIZE.max),
      test: offer.test === true,
      phase: 'downloading',
      bytesDone: 0,
      fromVersion: running,
      bindingId: offer.bindingId ?? '',
    };
    rmSync(this.downloadPath(ctx), { force: true });
    ctx.update((s) => {
      s.otaJob = job;
    });
    ctx.log(`firmware ${version} offered (job ${jobId}): downloading ${size} bytes`);
    await this.resume(ctx, job);
  }

  /** Why an offer is refused before any download, in the order a device checks; null to take it. */
  private refusal(
    ctx: ModuleContext,
    offer: BodyOf<'firmwareOffer'>,
    held: StoredOtaJob | null,
    running: string,
  ): [ErrorCode, string] | null {
    const state = ctx.state();
    const version = offer.version ?? '';
    if (held) return ['busy', `job ${held.jobId} is running`];
    if (!state.binding || state.binding.bindingId !== offer.bindingId)
      return ['binding_not_active', state.binding ? 'the offer is not for the binding this device holds' : 'unbound'];
    if (offer.model && offer.model !== state.identity.model)
      return ['fw_wrong_model', `this device is a ${state.identity.model}`];
    if (!semver.valid(version)) return ['fw_bad_version', `${version} is not a semantic version`];
    if (!semver.gt(version, running) && !(offer.allowDowngrade && semver.lt(version, running)))
      return ['downgrade', `${version} is not newer than ${running}`];
    if ((offer.size ?? 0) > FW_MAX_IMAGE_SIZE) return ['fw_too_large', `${offer.size} bytes`];
    if (!ctx.vendorPublicKey) return ['fw_bad_signature', 'no vendor key is built into this firmware'];
    return null;
  }

  /** (Re)starts pulling a job from its last synced offset. */
  private async resume(ctx: ModuleContext, job: StoredOtaJob): Promise<void> {
    const from = ctx.defective('ota-restart-after-drop') ? 0 : job.bytesDone;
    if (from > 0) ctx.log(`firmware job ${job.jobId}: resuming at ${from} of ${job.size} bytes`);
    this.reset(ctx, from);
    this.jobId = job.jobId;
    await this.fill(ctx);
  }

  /** Forgets what is in flight; the download goes on from `from`. */
  private reset(ctx: ModuleContext, from: number): void {
    for (const p of this.pending.values()) ctx.timers.clearTimeout(p.timer);
    this.pending.clear();
    this.ahead.clear();
    ctx.timers.clearTimeout(this.paceTimer);
    this.paceTimer = null;
    this.written = from;
    this.nextOffset = from;
    this.syncedAt = from;
  }

  /** Asks for chunks until WINDOW are in flight, as the pace allows. */
  private async fill(ctx: ModuleContext): Promise<void> {
    const job = ctx.state().otaJob;
    if (job?.phase !== 'downloading' || job.jobId !== this.jobId || !ctx.online()) return;
    if (ctx.state().binding?.bindingId !== job.bindingId) {
      ctx.log(`firmware job ${job.jobId}: the device no longer holds its binding; download stopped`);
      await this.report(ctx, {
        jobId: job.jobId,
        outcome: Outcome.FIRMWARE_OUTCOME_FAILED,
        version: runningVersion(ctx.state()),
        code: 'binding_not_active',
        message: 'the device no longer holds the binding the upgrade came under',
      });
      return;
    }
    const window = ctx.defective('ota-ignore-window') ? WIDE_WINDOW : WINDOW;
    while (this.pending.size < window && this.nextOffset < job.size) {
      if (!this.take(ctx)) {
        this.paceTimer ??= ctx.timers.setTimeout(() => {
          this.paceTimer = null;
          void this.fill(ctx).catch((err) => ctx.log(`chunk request failed: ${(err as Error).message}`));
        }, 1000 / REQUESTS_PER_S);
        return;
      }
      const offset = this.nextOffset;
      this.nextOffset += Math.min(job.chunkSize, job.size - offset);
      await this.ask(ctx, job, offset);
    }
  }

  private take(ctx: ModuleContext): boolean {
    const now = ctx.clock.now();
    this.tokens = Math.min(REQUESTS_PER_S, this.tokens + ((now - this.refilledAt) * REQUESTS_PER_S) / 1000);
    this.refilledAt = now;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }

  private async ask(ctx: ModuleContext, job: StoredOtaJob, offset: number): Promise<void> {
    const id = newMessageId();
    const timer = ctx.timers.setTimeout(() => {
      if (this.pending.get(offset)?.id !== id) return;
      // No chunk in time: ask again from the end of what is written (writing a chunk twice is harmless).
      for (const p of this.pending.values()) ctx.timers.clearTimeout(p.timer);
      this.pending.clear();
      this.ahead.clear();
      this.nextOffset = this.written;
      void this.fill(ctx).catch((err) => ctx.log(`chunk request failed: ${(err as Error).message}`));
    }, CHUNK_TIMEOUT_MS);
    this.pending.set(offset, { id, timer });
    const length = Math.min(job.chunkSize, job.size - offset);
    await ctx.publish('up/firmware', 'firmwareChunkRequest', { jobId: job.jobId, offset, length }, { id });
  }

  /**
   * Writes a chunk at its offset; advances (and now and then syncs) the contiguous prefix. False when
   * the download must not go on (the power went).
   */
  private async write(ctx: ModuleContext, job: StoredOtaJob, offset: number, data: Uint8Array): Promise<boolean> {
    const bytes = Buffer.from(data);
    if (this.faults.corruptChunk && offset >= job.size / 2) {
      delete this.faults.corruptChunk;
      bytes[0]! ^= 0xff;
      ctx.log(`fault: chunk at ${offset} damaged as it was written`);
    }
    if (this.flashWriteMs) await new Promise<void>((r) => ctx.timers.setTimeout(r, this.flashWriteMs));
    // Positioned writes into the file as it is: chunks may land out of order.
    const fd = openSync(this.downloadPath(ctx), constants.O_WRONLY | constants.O_CREAT);
    let sync = false;
    try {
      writeSync(fd, bytes, 0, bytes.length, offset);
      this.ahead.set(offset, bytes.length);
      while (this.ahead.has(this.written)) {
        const length = this.ahead.get(this.written)!;
        this.ahead.delete(this.written);
        this.written += length;
      }
      if (this.faults.powerCutWhileWriting && this.written >= job.size / 2 && this.written < job.size) {
        delete this.faults.powerCutWhileWriting;
        ctx.powerCut(`fault: power cut while writing firmware (${this.written}/${job.size} bytes written)`);
        return false;
      }
      sync = this.written - this.syncedAt >= SYNC_EVERY_BYTES || this.written === job.size;
      if (sync) fdatasyncSync(fd);
    } finally {
      closeSync(fd);
    }
    const done = this.written;
    if (sync) {
      this.syncedAt = done;
      ctx.update((s) => {
        if (s.otaJob?.jobId === job.jobId) s.otaJob.bytesDone = done;
      });
    }
    await this.progress(ctx, job.jobId, State.FIRMWARE_STATE_DOWNLOADING, done, job.size);
    return true;
  }

  /** The whole image is here: check it against the offer, then itself; install on trial and reboot. */
  private async install(ctx: ModuleContext, job: StoredOtaJob): Promise<void> {
    const image = readFileSync(this.downloadPath(ctx));
    const fail = (code: ErrorCode, message: string) =>
      this.report(ctx, {
        jobId: job.jobId,
        outcome: Outcome.FIRMWARE_OUTCOME_FAILED,
        version: job.fromVersion,
        code,
        message,
      });
    await this.progress(ctx, job.jobId, State.FIRMWARE_STATE_DOWNLOADED, job.size, job.size);
    const matches = image.length === job.size && createHash('sha256').update(image).digest('hex') === job.sha256;
    if (!matches && !ctx.defective('ota-no-offer-check'))
      return fail('fw_image_mismatch', 'the downloaded image does not match the size or SHA-256 of the offer');
    let header: ReturnType<typeof verifyFirmwareImage>['header'];
    try {
      header = ctx.defective('ota-accept-bad-signature')
        ? parseFirmwareImage(image).header
        : verifyFirmwareImage(image, { publicKey: this.vendorKey(ctx), model: ctx.state().identity.model }).header;
    } catch (err) {
      if (!isHwbindError(err)) throw err;
      return fail(err.code, err.message);
    }
    if (header.version !== job.version)
      return fail('fw_image_mismatch', `the image is version ${header.version}, the offer said ${job.version}`);
    await this.progress(ctx, job.jobId, State.FIRMWARE_STATE_VERIFIED, job.size, job.size);
    await this.progress(ctx, job.jobId, State.FIRMWARE_STATE_UPDATING, job.size, job.size);
    ctx.update((s) => {
      const next = installImage(s, {
        version: header.version,
        payloadSha256: header.payloadSha256.toString('hex'),
        test: job.test || header.test,
      });
      Object.assign(s, next, { otaJob: { ...job, phase: 'rebooting' } });
    });
    rmSync(this.downloadPath(ctx), { force: true });
    await this.progress(ctx, job.jobId, State.FIRMWARE_STATE_REBOOTING, job.size, job.size);
    ctx.reboot(`firmware ${header.version} installed`);
  }

  private vendorKey(ctx: ModuleContext): string {
    if (!this.faults.wrongSignature) return ctx.vendorPublicKey!;
    delete this.faults.wrongSignature;
    ctx.log('fault: the image is verified with a vendor key that did not sign it');
    return generateKeyPairSync('ed25519').publicKey.export({ format: 'pem', type: 'spki' }).toString();
  }

  /** Drops the job and its download (no result: the gateway ended it). */
  private abandon(ctx: ModuleContext): void {
    this.reset(ctx, 0);
    ctx.update((s) => {
      s.otaJob = null;
    });
    rmSync(this.downloadPath(ctx), { force: true });
  }

  /** Ends the job here and tells the gateway; the result is kept for an offer of the same job. */
  private async report(ctx: ModuleContext, result: StoredOtaResult): Promise<void> {
    const ended = ctx.state().otaJob?.jobId === result.jobId;
    if (ended) this.reset(ctx, 0);
    ctx.update((s) => {
      if (ended) s.otaJob = null;
      s.lastOtaResult = result;
    });
    if (ended) rmSync(this.downloadPath(ctx), { force: true });
    await this.send(ctx, result);
  }

  private async send(ctx: ModuleContext, result: StoredOtaResult): Promise<void> {
    if (!ctx.online()) return;
    await ctx.publish('up/firmware', 'firmwareResult', result);
  }

  private async progress(ctx: ModuleContext, jobId: string, state: number, done: number, size: number): Promise<void> {
    const percent = size ? Math.floor((done / size) * 100) : 100;
    const now = ctx.clock.now();
    // At most one DOWNLOADING progress per second or per 5 % (protocol §7); other states always.
    if (
      state === State.FIRMWARE_STATE_DOWNLOADING &&
      done < size &&
      percent - this.lastProgress.percent < 5 &&
      now - this.lastProgress.atMs < 1000
    ) {
      return;
    }
    this.lastProgress = { percent, atMs: now };
    if (!ctx.online()) return;
    await ctx.publish('up/firmware', 'firmwareProgress', { jobId, state, bytesDone: done, percent });
  }
}
