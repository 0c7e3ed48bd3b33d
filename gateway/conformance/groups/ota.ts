// Firmware upgrade (protocol §5.6, §6.5, §7, §10), through the gateway's own OTA jobs (the Person
// API's upgrade, the chunk relay) with the harness disturbing what they send. Two signed images of
// the vendor's come with the kit (--firmware, --failing-firmware): four jobs in this order —
//   1. the failing image, its first chunks held back 6 s and the link dropped at three quarters:
//      window, resume, and (its self-test failing) revert;
//   2. the good image with one byte damaged on the way: corrupt-chunk;
//   3. the failing image with its signature replaced on the way (the offer's SHA-256 to match):
//      bad-signature;
//   4. the good image untouched: confirm.
// A job whose image is not newer than what the device runs is skipped, not failed (an earlier
// check's failure can leave the device on a newer version).
import { isLiveJobState } from '../../../protocol/ota.js';
import { CheckFailed, CheckSkipped, defineGroup, expect, seconds } from '../checks.js';
import type { KitContext, KitImage } from '../context.js';
import { enumName, isDown, isUp, type Json, msg, sentSince, type TraceEvent } from '../trace.js';

/**
 * How long the first chunks are held back: the device's requests meanwhile are its window. Long
 * enough for a device that ignores the window to show it on a busy link, short of the 10 s after
 * which a device asks again (§7).
 */
const HOLD_MS = 6000;
/** Most chunk requests a device may have unanswered (§5.6). */
export const MAX_WINDOW = 8;
/** A device persists its download's offset at least this often (§5.6): a drop past it must not restart from 0. */
export const SYNC_BYTES = 256 * 1024;
/** Longest a job may take from the upgrade request to the device's FirmwareResult. */
const JOB_MS = 180_000;

type Outcome = 'succeeded' | 'failed' | 'rejected' | 'reverted' | string;

interface JobRun {
  jobId: string;
  from: number;
  /** The version running when the job started. */
  before: string;
}

interface Finished extends JobRun {
  result: TraceEvent;
  outcome: Outcome;
  code: string;
  version: string;
  state: string;
}

/** Skips unless the device is bound and online, the images came with the kit and `image` is newer than what it runs. */
async function upgradable(k: KitContext, which: 'good' | 'failing'): Promise<{ image: KitImage; running: string }> {
  const image = k.firmware?.[which];
  if (!image)
    throw new CheckSkipped('needs two signed images of this model: --firmware and --failing-firmware (protocol §13)');
  await k.ensureBound();
  const running = await k.runningVersion();
  if (!k.isNewer(image.version, running))
    throw new CheckSkipped(`needs the device on a version older than ${image.version}; it runs ${running}`);
  return { image, running };
}

/** Starts an upgrade through the Person API. */
async function upgrade(k: KitContext, image: KitImage, running: string): Promise<JobRun> {
  const from = k.trace.position;
  const { job } = await k.person.call('person.upgradeFirmware', {
    params: { sn: k.sn },
    body: { version: image.version },
  });
  return { jobId: job.id, from, before: running };
}

/** Waits for the device's FirmwareResult of the job, then for the gateway to end the job. */
async function finish(k: KitContext, run: JobRun): Promise<Finished> {
  const result = await k.trace.waitFor(
    run.from,
    (e) => isUp('firmwareResult')(e) && msg(e).jobId === run.jobId,
    JOB_MS,
  );
  if (!result)
    throw new CheckFailed(`no FirmwareResult for the job within ${seconds(JOB_MS)}; ${sentSince(k.trace, run.from)}`);
  const r = msg(result);
  const deadline = Date.now() + 10_000;
  let state = '';
  for (;;) {
    const job = await k.person.call('person.getJob', { params: { id: run.jobId } });
    state = job.state;
    if (!isLiveJobState(job.state) || Date.now() > deadline) break;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return {
    ...run,
    result,
    outcome: enumName(r.outcome, 'FIRMWARE_OUTCOME_'),
    code: String(r.code ?? ''),
    version: String(r.version ?? ''),
    state,
  };
}

/** How the device got through the job: what a refusal must not have done (installed, rebooted). */
function installed(k: KitContext, run: Finished): string | null {
  const steps = k.trace
    .after(run.from, (e) => isUp('firmwareProgress')(e) && msg(e).jobId === run.jobId)
    .map((e) => enumName(msg(e).state, 'FIRMWARE_STATE_'))
    .filter((state) => state === 'updating' || state === 'rebooting');
  if (steps.length) return `it went on to ${steps.join(' and ').toUpperCase()}`;
  if (run.outcome === 'succeeded' || run.outcome === 'reverted') return `it installed it and reported ${run.outcome}`;
  return null;
}

/** The first Hello after `from`, and its active slot. */
function helloAfter(k: KitContext, from: number): { hello: TraceEvent; active: Json | null } | null {
  const hello = k.trace.after(from, isUp('hello'))[0];
  if (!hello) return null;
  const slots = (msg(hello).slots as Json[] | undefined) ?? [];
  return { hello, active: slots.find((slot) => slot.active === true) ?? null };
}

const slotText = (slot: Json | null): string =>
  slot ? `slot ${slot.index} ${enumName(slot.state, 'SLOT_STATE_').toUpperCase()} ${slot.version}` : 'no active slot';

/** Bytes of the image sent to the device from offset 0 on without a gap, by the chunks after `from` up to `until`. */
function arrived(k: KitContext, jobId: string, from: number, until: number): number {
  const chunks = k.trace
    .after(from, (e) => e.n < until && e.kind === 'down' && e.body === 'firmwareChunk' && msg(e).jobId === jobId)
    .map((e) => ({
      offset: Number(msg(e).offset ?? 0),
      length: Buffer.from(String(msg(e).data ?? ''), 'base64').length,
    }))
    .sort((a, b) => a.offset - b.offset);
  let end = 0;
  for (const c of chunks) if (c.offset <= end) end = Math.max(end, c.offset + c.length);
  return end;
}

export const ota = defineGroup({
  name: 'ota',
  title: 'Firmware upgrade',
  /** `first`: the job of the failing image that window, resume and revert follow. */
  state: () => ({ first: null as JobRun | null, dropAt: 0 }),
  steps: [
    {
      name: 'window',
      title: `asks for chunks of at most chunk_size inside the image, a few at a time (at most ${MAX_WINDOW} unanswered)`,
      section: '§5.6, §7 FirmwareChunkRequest',
      async run(k, s) {
        const { image, running } = await upgradable(k, 'failing');
        s.dropAt = Math.ceil((image.size * 3) / 4);
        await k.firmwareFaults({ holdMs: HOLD_MS, dropAtOffset: s.dropAt });
        const run = await upgrade(k, image, running);
        s.first = run;
        const ofJob = (e: TraceEvent) => msg(e).jobId === run.jobId;
        const offer = await k.trace.waitFor(run.from, (e) => isDown('firmwareOffer')(e) && ofJob(e), 10_000);
        if (!offer) throw new Error('the gateway sent no FirmwareOffer');
        const chunkSize = Number(msg(offer).chunkSize);
        const chunk = await k.trace.waitFor(
          offer.n,
          (e) => e.kind === 'down' && e.body === 'firmwareChunk' && ofJob(e),
          HOLD_MS + 30_000,
        );
        const asked = k.trace.after(
          offer.n,
          (e) => isUp('firmwareChunkRequest')(e) && ofJob(e) && (!chunk || e.n < chunk.n),
        );
        expect(asked.length > 0, () => `asked for no chunk after the FirmwareOffer; ${sentSince(k.trace, offer.n)}`);
        for (const req of asked) {
          const r = msg(req);
          const offset = Number(r.offset ?? 0);
          const length = Number(r.length ?? 0);
          expect(
            length >= 1 && length <= chunkSize,
            `asked for ${length} bytes at ${offset}; chunk_size is ${chunkSize}`,
          );
          expect(offset < image.size, `asked for offset ${offset} of a ${image.size}-byte image`);
        }
        const offsets = new Set(asked.map((e) => Number(msg(e).offset ?? 0)));
        expect(
          offsets.size <= MAX_WINDOW,
          `asked for ${offsets.size} chunks while none came back (${seconds(HOLD_MS)}): at most ${MAX_WINDOW} may wait`,
        );
        return `asked for ${offsets.size} chunk${offsets.size > 1 ? 's' : ''} of at most ${chunkSize} bytes while none came back (${seconds(HOLD_MS)}), then waited`;
      },
    },
    {
      name: 'resume',
      title: `goes on after a lost link from the offset it had written and synced, not from 0 (synced at least every ${SYNC_BYTES / 1024} KiB)`,
      section: '§5.6, §7 FirmwareChunkRequest',
      async run(k, s) {
        const run = s.first;
        if (!run) throw new CheckSkipped('needs the download of ota.window');
        const dropped = await k.trace.waitFor(run.from, (e) => e.kind === 'disconnected', JOB_MS);
        expect(dropped, () => `the download never reached byte ${s.dropAt}; ${sentSince(k.trace, run.from)}`);
        const sent = arrived(k, run.jobId, run.from, dropped.n);
        // What the device said it had written: chunks sent just before the drop may never have arrived.
        const done = Math.max(
          0,
          ...k.trace
            .after(run.from, (e) => e.n < dropped.n && isUp('firmwareProgress')(e) && msg(e).jobId === run.jobId)
            .map((e) => Number(msg(e).bytesDone ?? 0)),
        );
        const hello = await k.trace.waitFor(dropped.n, isUp('hello'), 30_000);
        expect(hello, 'did not connect again and say Hello within 30 s of the lost link');
        const next = await k.trace.waitFor(
          hello.n,
          (e) => isUp('firmwareChunkRequest')(e) && msg(e).jobId === run.jobId,
          30_000,
        );
        expect(next, () => `asked for no chunk of the job again after reconnecting; ${sentSince(k.trace, hello.n)}`);
        const offset = Number(msg(next).offset ?? 0);
        expect(offset <= sent, `went on at ${offset}, past the ${sent} bytes sent before the link dropped`);
        expect(
          offset > 0 || done < SYNC_BYTES,
          `started over from 0 although it had reported ${done} bytes done before the link dropped (persist the offset at least every ${SYNC_BYTES / 1024} KiB)`,
        );
        return `went on at byte ${offset} after the link dropped with ${done} of ${k.firmware!.failing.size} bytes done`;
      },
    },
    {
      name: 'revert',
      title: 'boots the old firmware again when a new image fails its self-test, and reports REVERTED',
      section: '§6.5, §5.6 FirmwareOutcome',
      async run(k, s) {
        if (!s.first) throw new CheckSkipped('needs the download of ota.window');
        const done = await finish(k, s.first).finally(() => k.firmwareFaults({}));
        expect(
          done.outcome === 'reverted',
          `reported ${done.outcome.toUpperCase()}${done.code ? ` ${done.code}` : ''} running ${done.version}; ${k.firmware!.failing.version} fails its self-test`,
        );
        expect(
          done.code === 'fw_not_confirmed',
          `reported REVERTED with the code "${done.code}" (fw_not_confirmed expected)`,
        );
        expect(done.version === done.before, `reported REVERTED running ${done.version}; it ran ${done.before} before`);
        const hello = k.trace.last((e) => isUp('hello')(e) && e.n < done.result.n && e.n > done.from);
        const active = hello ? helloAfter(k, hello.n - 1)!.active : null;
        expect(
          active && active.version === done.before && enumName(active.state, 'SLOT_STATE_') === 'confirmed',
          () =>
            `its Hello after the failed self-test shows ${slotText(active)}; ${done.before} must run from a CONFIRMED slot`,
        );
        return `booted ${done.before} again from ${slotText(active)} and reported REVERTED fw_not_confirmed; job ${done.state}`;
      },
    },
    {
      name: 'corrupt-chunk',
      title:
        'refuses an image with a damaged chunk (FAILED fw_image_mismatch, or asks for the chunk again) and never installs it',
      section: '§10 step 0, §6.5',
      async run(k) {
        const { image, running } = await upgradable(k, 'good');
        const damaged = image.payloadOffset + Math.floor(image.payloadSize / 2);
        await k.firmwareFaults({ corruptAtOffset: damaged });
        const done = await finish(k, await upgrade(k, image, running)).finally(() => k.firmwareFaults({}));
        if (done.outcome === 'succeeded') {
          const again = k.trace.after(done.from, (e) => {
            const r = msg(e);
            const offset = Number(r.offset ?? 0);
            return isUp('firmwareChunkRequest')(e) && offset <= damaged && damaged < offset + Number(r.length ?? 0);
          });
          expect(
            again.length > 1,
            `installed ${image.version} with the byte at ${damaged} damaged: it never asked for it again`,
          );
          return `asked for the damaged chunk again and installed ${image.version}`;
        }
        expect(
          done.outcome === 'failed' && done.code === 'fw_image_mismatch',
          `reported ${done.outcome.toUpperCase()} ${done.code}: a download is first checked against the offer's size and SHA-256 (fw_image_mismatch)`,
        );
        const wrong = installed(k, done);
        expect(!wrong, () => `reported fw_image_mismatch, but ${wrong}`);
        return `reported FAILED fw_image_mismatch (byte ${damaged} damaged on the way), still running ${done.version}`;
      },
    },
    {
      name: 'bad-signature',
      title: 'refuses an image whose signature does not verify (FAILED fw_bad_signature) and never installs it',
      section: '§10 step 9, §6.5',
      async run(k) {
        const { image, running } = await upgradable(k, 'failing');
        const forged = image.forged();
        await k.firmwareFaults({ substitute: forged });
        const done = await finish(k, await upgrade(k, image, running)).finally(() => k.firmwareFaults({}));
        const wrong = installed(k, done);
        expect(!wrong, () => `took an image whose signature does not verify: ${wrong}`);
        expect(
          done.outcome === 'failed' && done.code === 'fw_bad_signature',
          `reported ${done.outcome.toUpperCase()} ${done.code} for an image whose signature does not verify (fw_bad_signature)`,
        );
        return `reported FAILED fw_bad_signature for ${image.version} with its signature replaced, still running ${done.version}`;
      },
    },
    {
      name: 'confirm',
      title: 'boots a new image, confirms it after its self-test and reports SUCCEEDED from a CONFIRMED slot',
      section: '§6.5, §5.1 Slot, §5.6 FirmwareOutcome',
      async run(k) {
        const { image, running } = await upgradable(k, 'good');
        const done = await finish(k, await upgrade(k, image, running));
        const rebooting = k.trace.after(
          done.from,
          (e) =>
            isUp('firmwareProgress')(e) &&
            msg(e).jobId === done.jobId &&
            enumName(msg(e).state, 'FIRMWARE_STATE_') === 'rebooting',
        )[0];
        const after = helloAfter(k, rebooting?.n ?? done.from);
        expect(
          after?.active &&
            after.active.version === image.version &&
            enumName(after.active.state, 'SLOT_STATE_') === 'confirmed',
          () =>
            after
              ? `its Hello after the reboot shows ${slotText(after.active)}: ${image.version} must run from a CONFIRMED slot`
              : `did not say Hello after the reboot; ${sentSince(k.trace, done.from)}`,
        );
        expect(
          done.outcome === 'succeeded' && done.version === image.version,
          `reported ${done.outcome.toUpperCase()} ${done.code} running ${done.version}`,
        );
        return `rebooted into ${image.version}, confirmed it (${slotText(after!.active)}) and reported SUCCEEDED; job ${done.state}`;
      },
    },
  ],
});
