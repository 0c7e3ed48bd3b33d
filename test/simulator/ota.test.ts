// The simulated firmware's upgrade module (simulator/modules/ota.ts) without a gateway, on injected
// timers: a chunk that does not come is asked for again after the chunk timeout, from the same
// offset; a download resumes where it stopped after a reconnect or a reboot; an image whose hash,
// signature or model does not check out is reported FAILED with its code and never installed.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildFirmwareImage, generateVendorKeys, sha256 } from '../../protocol/firmware.js';
import { bodyOf, pb } from '../../protocol/messages.js';
import { CHUNK_TIMEOUT_MS, DOWNLOAD_FILE } from '../../simulator/modules/ota.js';
import { runningVersion } from '../../simulator/slots.js';
import { makeRuntime } from './harness.js';

const vendor = generateVendorKeys();
const other = generateVendorKeys();
const IMAGE = buildFirmwareImage(
  { model: 'T1000', version: '1.1.0', payload: Buffer.alloc(3000, 7), test: true },
  vendor.privateKeyPem,
);

type Device = ReturnType<typeof makeRuntime>;
type ChunkRequest = { id: string; jobId: string; offset: number; length: number };

const device = (dir?: string) => makeRuntime({ dir, vendorPublicKey: vendor.publicKeyPem });

/** The gateway offers `image` (as the offer describes `described`, by default the same image). */
const offer = (d: Device, image: Buffer, described = image) =>
  d.deliver('down/firmware', 'firmwareOffer', {
    jobId: 'j1',
    version: '1.1.0',
    size: described.length,
    sha256: sha256(described),
    chunkSize: 1024,
    test: true,
    model: 'T1000',
  });

const requests = (d: Device): ChunkRequest[] =>
  d.sentBodies('firmwareChunkRequest').map((m) => {
    const r = bodyOf(m.env, 'firmwareChunkRequest');
    return { id: m.env.id!, jobId: r.jobId!, offset: r.offset ?? 0, length: r.length ?? 0 };
  });

const answer = (d: Device, image: Buffer, req: ChunkRequest) =>
  d.deliver(
    'down/firmware',
    'firmwareChunk',
    { jobId: req.jobId, offset: req.offset, data: image.subarray(req.offset, req.offset + req.length) },
    { replyTo: req.id },
  );

/** Answers the device's latest chunk request with `image` until it asks for no more. */
async function serve(d: Device, image: Buffer): Promise<void> {
  for (let asked = requests(d).length; ; ) {
    await answer(d, image, requests(d).at(-1)!);
    if (requests(d).length === asked) return;
    asked = requests(d).length;
  }
}

const results = (d: Device) => d.sentBodies('firmwareResult').map((m) => bodyOf(m.env, 'firmwareResult'));
const states = (d: Device) => d.sentBodies('firmwareProgress').map((m) => bodyOf(m.env, 'firmwareProgress').state);
const bytesDone = (d: Device) => d.flash.load()!.otaJob?.bytesDone;

/** Connected again: the device's Hello is answered, and its modules pick up where they were. */
async function online(d: Device): Promise<void> {
  const { id } = d.runtime.hello({ ip: '', transport: 'ethernet' });
  await d.deliver('down/system', 'helloAck', { heartbeatIntervalS: 30 }, { replyTo: id });
}

describe('OTA chunks', () => {
  it('asks again for a chunk that does not come in time, from the same offset, and takes it once', async () => {
    const d = device();
    await offer(d, IMAGE);
    expect(requests(d)).toMatchObject([{ offset: 0, length: 1024 }]);
    d.timers.advance(CHUNK_TIMEOUT_MS - 1);
    expect(requests(d)).toHaveLength(1);
    d.timers.advance(1);
    const [first, retry] = requests(d);
    expect(retry).toMatchObject({ offset: 0, length: 1024 });
    expect(retry!.id).not.toBe(first!.id);

    // Chunks for another offset or job are not taken.
    await answer(d, IMAGE, { ...first!, offset: 1024 });
    await answer(d, IMAGE, { ...first!, jobId: 'j0' });
    expect(bytesDone(d)).toBe(0);
    // The late answer to the first request and the answer to the retry both come: one is taken.
    await answer(d, IMAGE, first!);
    await answer(d, IMAGE, retry!);
    expect(bytesDone(d)).toBe(1024);
    expect(
      requests(d)
        .slice(2)
        .map((r) => r.offset),
    ).toEqual([1024]);
    // Answered requests hold no timer: one timeout brings one more request.
    d.timers.advance(CHUNK_TIMEOUT_MS);
    expect(
      requests(d)
        .slice(2)
        .map((r) => r.offset),
    ).toEqual([1024, 1024]);

    await serve(d, IMAGE);
    expect(d.reboots).toEqual(['firmware 1.1.0 installed']);
    expect(d.flash.load()!.slots[1]).toMatchObject({ version: '1.1.0', state: 'pending_verify' });
  });

  it('asks nothing while offline, and resumes from where it stopped after a reconnect and after a reboot', async () => {
    const d = device();
    await offer(d, IMAGE);
    await answer(d, IMAGE, requests(d)[0]!);
    d.setConnected(false);
    d.timers.advance(CHUNK_TIMEOUT_MS);
    expect(requests(d).map((r) => r.offset)).toEqual([0, 1024]);
    d.setConnected(true);
    await online(d);
    expect(requests(d).map((r) => r.offset)).toEqual([0, 1024, 1024]);
    await answer(d, IMAGE, requests(d).at(-1)!);
    expect(bytesDone(d)).toBe(2048);

    // Power cut: the flash holds the job and the part downloaded; the rest comes after the boot.
    const after = device(d.dir);
    for (const m of after.runtime.modules) m.onBoot?.(after.runtime.ctx);
    await online(after);
    expect(requests(after).map((r) => r.offset)).toEqual([2048]);
    await serve(after, IMAGE);
    expect(after.reboots).toEqual(['firmware 1.1.0 installed']);
    expect(after.flash.load()!.slots[1]).toMatchObject({ version: '1.1.0', state: 'pending_verify' });
  });
});

describe('OTA image checks', () => {
  const corrupted = Buffer.from(IMAGE);
  corrupted[corrupted.length - 100]! ^= 0xff;
  const otherVendor = buildFirmwareImage(
    { model: 'T1000', version: '1.1.0', payload: Buffer.alloc(3000, 7), test: true },
    other.privateKeyPem,
  );
  const otherModel = buildFirmwareImage(
    { model: 'R200', version: '1.1.0', payload: Buffer.alloc(3000, 7), test: true },
    vendor.privateKeyPem,
  );

  it.each([
    ['a byte changed on the way (SHA-256 of the offer)', corrupted, IMAGE, 'fw_image_mismatch'],
    ['signed by another vendor key', otherVendor, otherVendor, 'fw_bad_signature'],
    ['built for another model', otherModel, otherModel, 'fw_wrong_model'],
  ])('an image %s is reported FAILED, never installed, and its download deleted', async (_, image, described, code) => {
    const d = device();
    const before = d.flash.load()!;
    await offer(d, image, described);
    await serve(d, image);
    expect(results(d)).toEqual([
      expect.objectContaining({
        jobId: 'j1',
        outcome: pb.FirmwareOutcome.FIRMWARE_OUTCOME_FAILED,
        version: '1.0.0',
        code,
      }),
    ]);
    expect(states(d)).toContain(pb.FirmwareState.FIRMWARE_STATE_DOWNLOADED);
    expect(states(d)).not.toContain(pb.FirmwareState.FIRMWARE_STATE_VERIFIED);
    expect(d.reboots).toEqual([]);
    const flash = d.flash.load()!;
    expect(flash.slots).toEqual(before.slots);
    expect(flash.otaJob).toBeNull();
    expect(runningVersion(flash)).toBe('1.0.0');
    expect(existsSync(join(d.flash.dir, DOWNLOAD_FILE))).toBe(false);
    // The job is over: the same offer again starts a fresh download.
    await offer(d, IMAGE);
    expect(requests(d).at(-1)).toMatchObject({ offset: 0 });
  });
});
