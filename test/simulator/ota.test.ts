// The simulated firmware's upgrade module (simulator/modules/ota.ts) without a gateway, on injected
// timers: a chunk that does not come is asked for again after the chunk timeout, from the same
// offset; a download resumes where it stopped after a reconnect or a reboot; an image whose hash,
// signature or model does not check out is reported FAILED with its code and never installed.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildFirmwareImage, generateVendorKeys, sha256 } from '../../protocol/firmware.js';
import { bodyOf, pb } from '../../protocol/messages.js';
import { CHUNK_TIMEOUT_MS, DOWNLOAD_FILE, WINDOW } from '../../simulator/modules/ota.js';
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

const BINDING = { bindingId: 'b1', corpId: 'corp1', corpName: 'Acme', deviceName: 'Front door', boundAtMs: 1 };

/**
 * The gateway offers `image` (as the offer describes `described`, by default the same image) under
 * the device's binding, which it first gets if it holds none (a device takes offers only under it).
 */
const offer = async (d: Device, image: Buffer, described = image, jobId = 'j1') => {
  if (!d.runtime.state.binding) await d.deliver('down/binding', 'bindNotice', BINDING, { id: 'n0' });
  await d.deliver('down/firmware', 'firmwareOffer', {
    jobId,
    bindingId: BINDING.bindingId,
    version: '1.1.0',
    size: described.length,
    sha256: sha256(described),
    chunkSize: 1024,
    test: true,
    model: 'T1000',
  });
};

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

/** Answers every chunk request not answered yet with `image`, until the device asks for no more. */
async function serve(d: Device, image: Buffer): Promise<void> {
  const answered = new Set<string>();
  for (;;) {
    const open = requests(d).filter((r) => !answered.has(r.id));
    if (open.length === 0) return;
    for (const r of open) {
      answered.add(r.id);
      await answer(d, image, r);
    }
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
  const offsets = (rs: ChunkRequest[]) => rs.map((r) => r.offset);
  const window = Array.from({ length: Math.min(WINDOW, Math.ceil(IMAGE.length / 1024)) }, (_, i) => i * 1024);

  it('asks again for the chunks that do not come in time, from the same offsets, and installs the image once', async () => {
    const d = device();
    await offer(d, IMAGE);
    expect(offsets(requests(d))).toEqual(window);
    d.timers.advance(CHUNK_TIMEOUT_MS - 1);
    expect(requests(d)).toHaveLength(window.length);
    d.timers.advance(1);
    await new Promise((r) => setImmediate(r));
    const retries = requests(d).slice(window.length);
    expect(offsets(retries)).toEqual(window);
    expect(retries.map((r) => r.id)).not.toContain(requests(d)[0]!.id);

    // Chunks of another job are not taken.
    await answer(d, IMAGE, { ...retries[0]!, jobId: 'j0' });
    expect(bytesDone(d)).toBe(0);
    await serve(d, IMAGE);
    expect(d.reboots).toEqual(['firmware 1.1.0 installed']);
    expect(d.flash.load()!.slots[1]).toMatchObject({ version: '1.1.0', state: 'pending_verify' });
  });

  it('asks nothing while offline, and resumes after a reconnect and after a reboot', async () => {
    const d = device();
    await offer(d, IMAGE);
    const [first, second] = requests(d);
    await answer(d, IMAGE, first!);
    await answer(d, IMAGE, second!);
    d.setConnected(false);
    d.timers.advance(CHUNK_TIMEOUT_MS);
    await new Promise((r) => setImmediate(r));
    const asked = requests(d).length;
    expect(asked).toBe(window.length);
    d.setConnected(true);
    await online(d);
    // It asks again from no further than what it wrote, and the download completes.
    expect(requests(d)[asked]?.offset).toBeLessThanOrEqual(2048);

    // Power cut: the flash holds the job and the part it synced; the rest comes after the boot.
    const after = device(d.dir);
    for (const m of after.runtime.modules) m.onBoot?.(after.runtime.ctx);
    await online(after);
    expect(requests(after)[0]!.offset).toBeLessThanOrEqual(2048);
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
    // The job is over: the next offer starts a fresh download.
    const asked = requests(d).length;
    await offer(d, IMAGE, IMAGE, 'j2');
    expect(requests(d)[asked]).toMatchObject({ offset: 0 });
  });
});
