// Firmware upgrade (protocol §5.6, §6.5): check the offer, pull the signed image in chunks (resumable
// across reconnects and reboots), check its SHA-256 and vendor signature, install it in the
// inactive slot and reboot. The result is reported after the reboot, from the version now running.
import { createHash } from 'node:crypto';
import { closeSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import semver from 'semver';
import { type ErrorCode, isHwbindError } from '../../protocol/errors.js';
import { FW_MAX_IMAGE_SIZE, verifyFirmwareImage } from '../../protocol/firmware.js';
import { type BodyOf, bodyOf, type Envelope, newMessageId, pb } from '../../protocol/messages.js';
import type { StoredOtaJob } from '../flash.js';
import type { DeviceModule, ModuleContext } from '../module.js';
import { installImage, runningVersion } from '../slots.js';

const State = pb.FirmwareState;
const Outcome = pb.FirmwareOutcome;
export const CHUNK_TIMEOUT_MS = 10_000;
const MAX_CHUNK = 65_536;
export const DOWNLOAD_FILE = 'ota-download.bin';

export class OtaModule implements DeviceModule {
  readonly name = 'ota';
  readonly bodies = ['firmwareOffer', 'firmwareChunk'] as const;
  private pending: { id: string; offset: number; timer: unknown } | null = null;
  private lastProgress = { percent: -1, atMs: 0 };

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
    if (job.phase === 'downloading') return this.requestNext(ctx);
    const running = runningVersion(ctx.state());
    const succeeded = running === job.version;
    await ctx.publish('up/firmware', 'firmwareResult', {
      jobId: job.jobId,
      outcome: succeeded ? Outcome.FIRMWARE_OUTCOME_SUCCEEDED : Outcome.FIRMWARE_OUTCOME_REVERTED,
      version: running,
      ...(succeeded ? {} : { code: 'internal', message: `${job.version} did not confirm; ${running} runs again` }),
    });
    ctx.update((s) => {
      s.otaJob = null;
    });
  }

  stop(ctx: ModuleContext): void {
    if (this.pending) ctx.timers.clearTimeout(this.pending.timer);
    this.pending = null;
  }

  async handle(ctx: ModuleContext, env: Envelope): Promise<void> {
    if (env.body === 'firmwareOffer') return this.offer(ctx, bodyOf(env, 'firmwareOffer'));
    const chunk = bodyOf(env, 'firmwareChunk');
    const data = chunk.data ?? new Uint8Array();
    const job = ctx.state().otaJob;
    if (job?.phase !== 'downloading' || chunk.jobId !== job.jobId || (chunk.offset ?? 0) !== job.bytesDone) return;
    if (this.pending) ctx.timers.clearTimeout(this.pending.timer);
    this.pending = null;
    const fd = openSync(this.downloadPath(ctx), job.bytesDone === 0 ? 'w' : 'r+');
    try {
      writeSync(fd, data, 0, data.length, job.bytesDone);
    } finally {
      closeSync(fd);
    }
    const done = Math.min(job.size, job.bytesDone + data.length);
    ctx.update((s) => {
      s.otaJob!.bytesDone = done;
    });
    await this.progress(ctx, job.jobId, State.FIRMWARE_STATE_DOWNLOADING, done, job.size);
    if (done < job.size) return this.requestNext(ctx);
    await this.install(ctx, { ...job, bytesDone: done });
  }

  private async offer(ctx: ModuleContext, offer: BodyOf<'firmwareOffer'>): Promise<void> {
    const held = ctx.state().otaJob;
    if (held && held.jobId === offer.jobId) return held.phase === 'downloading' ? this.requestNext(ctx) : undefined;
    const running = runningVersion(ctx.state());
    const version = offer.version ?? '';
    const size = offer.size ?? 0;
    const refusal: [ErrorCode, string] | null = held
      ? ['busy', `job ${held.jobId} is running`]
      : offer.model && offer.model !== ctx.state().identity.model
        ? ['fw_wrong_model', `this device is a ${ctx.state().identity.model}`]
        : !semver.valid(version) || !semver.gt(version, running)
          ? ['downgrade', `${version} is not newer than ${running}`]
          : size > FW_MAX_IMAGE_SIZE
            ? ['fw_too_large', `${size} bytes`]
            : !ctx.vendorPublicKey
              ? ['fw_bad_signature', 'no vendor key is built into this firmware']
              : null;
    if (refusal) {
      await ctx.publish('up/firmware', 'firmwareResult', {
        jobId: offer.jobId,
        outcome: Outcome.FIRMWARE_OUTCOME_REJECTED,
        version: running,
        code: refusal[0],
        message: refusal[1],
      });
      return;
    }
    const job: StoredOtaJob = {
      jobId: offer.jobId ?? '',
      version,
      size,
      sha256: Buffer.from(offer.sha256 ?? []).toString('hex'),
      chunkSize: Math.min(MAX_CHUNK, offer.chunkSize || MAX_CHUNK),
      test: offer.test === true,
      phase: 'downloading',
      bytesDone: 0,
      fromVersion: running,
    };
    ctx.update((s) => {
      s.otaJob = job;
    });
    ctx.log(`firmware ${version} offered (job ${job.jobId}): downloading ${size} bytes`);
    await this.requestNext(ctx);
  }

  private async requestNext(ctx: ModuleContext): Promise<void> {
    const job = ctx.state().otaJob;
    if (job?.phase !== 'downloading' || !ctx.online()) return;
    if (this.pending) ctx.timers.clearTimeout(this.pending.timer);
    const id = newMessageId();
    const timer = ctx.timers.setTimeout(() => {
      if (this.pending?.id !== id) return;
      this.pending = null;
      void this.requestNext(ctx).catch((err) => ctx.log(`chunk request failed: ${(err as Error).message}`));
    }, CHUNK_TIMEOUT_MS);
    this.pending = { id, offset: job.bytesDone, timer };
    const length = Math.min(job.chunkSize, job.size - job.bytesDone);
    await ctx.publish(
      'up/firmware',
      'firmwareChunkRequest',
      { jobId: job.jobId, offset: job.bytesDone, length },
      { id },
    );
  }

  private async install(ctx: ModuleContext, job: StoredOtaJob): Promise<void> {
    const image = readFileSync(this.downloadPath(ctx));
    const fail = async (code: ErrorCode, message: string) => {
      ctx.update((s) => {
        s.otaJob = null;
      });
      rmSync(this.downloadPath(ctx), { force: true });
      await ctx.publish('up/firmware', 'firmwareResult', {
        jobId: job.jobId,
        outcome: Outcome.FIRMWARE_OUTCOME_FAILED,
        version: job.fromVersion,
        code,
        message,
      });
    };
    await this.progress(ctx, job.jobId, State.FIRMWARE_STATE_DOWNLOADED, job.size, job.size);
    if (image.length !== job.size || createHash('sha256').update(image).digest('hex') !== job.sha256) {
      return fail('fw_image_mismatch', 'the downloaded image does not match the offer');
    }
    let header: ReturnType<typeof verifyFirmwareImage>['header'];
    try {
      header = verifyFirmwareImage(image, {
        publicKey: ctx.vendorPublicKey!,
        model: ctx.state().identity.model,
      }).header;
    } catch (err) {
      if (!isHwbindError(err)) throw err;
      return fail(err.code, err.message);
    }
    await this.progress(ctx, job.jobId, State.FIRMWARE_STATE_VERIFIED, job.size, job.size);
    await this.progress(ctx, job.jobId, State.FIRMWARE_STATE_UPDATING, job.size, job.size);
    ctx.update((s) => {
      const next = installImage(s, {
        version: header.version,
        payloadSha256: header.payloadSha256.toString('hex'),
        test: header.test,
      });
      Object.assign(s, next, { otaJob: { ...job, phase: 'rebooting' } });
    });
    rmSync(this.downloadPath(ctx), { force: true });
    await this.progress(ctx, job.jobId, State.FIRMWARE_STATE_REBOOTING, job.size, job.size);
    ctx.reboot(`firmware ${header.version} installed`);
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
    await ctx.publish('up/firmware', 'firmwareProgress', { jobId, state, bytesDone: done, percent });
  }
}
