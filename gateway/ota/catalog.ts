// The firmware catalog: signed HWFW images per model. An image is accepted only when it parses, its
// version is valid semver, its model is registered (and is the one asked for) and the model's vendor
// key verifies its signature. Images are files under <data>/firmware/ named by their SHA-256 (written
// once, atomically; never loaded into the store); the store keeps what the catalog says of them.
// Retiring a version stops new upgrades and rollouts to it, everywhere or for one enterprise's
// devices; jobs already running finish.
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, renameSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import semver from 'semver';
import type { Clock } from '../../protocol/clock.js';
import { HwbindError } from '../../protocol/errors.js';
import { parseFirmwareImage, sha256, verifyFirmwareImage } from '../../protocol/firmware.js';
import type { FirmwareRelease, Store } from '../store/types.js';

export const MAX_RELEASE_NOTES = 4000;

/** A catalog version as a device's page offers it. */
export interface AvailableVersion {
  version: string;
  size: number;
  releaseNotes: string;
  publishedAt: number;
  /** Newer than the version running: an upgrade (else a downgrade). */
  newer: boolean;
}

/** Writes a file so that a crash leaves either nothing or all of it under `path`. */
function writeFileAtomic(path: string, data: Uint8Array): void {
  const tmp = `${path}.${process.pid}.tmp`;
  const fd = openSync(tmp, 'w');
  try {
    writeSync(fd, data);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, path);
  const dir = openSync(join(path, '..'), 'r');
  try {
    fsyncSync(dir);
  } finally {
    closeSync(dir);
  }
}

export class FirmwareCatalog {
  readonly dir: string;

  constructor(
    private readonly store: Store,
    dataDir: string,
    private readonly clock: Clock,
  ) {
    this.dir = join(dataDir, 'firmware');
  }

  /** Where the image with this SHA-256 is kept. */
  path(sha256Hex: string): string {
    return join(this.dir, `${sha256Hex}.hwfw`);
  }

  /**
   * Checks and stores an image: parse → the model asked for → the registered model and its vendor
   * key → the signature → the file → the catalog row. Publishing the same image again answers the
   * release as it is; another image under a published version is a `conflict`.
   */
  async publish(image: Uint8Array, opts: { model?: string; releaseNotes?: string } = {}): Promise<FirmwareRelease> {
    const notes = (opts.releaseNotes ?? '').trim();
    if (notes.length > MAX_RELEASE_NOTES)
      throw new HwbindError('invalid_argument', `release notes must be at most ${MAX_RELEASE_NOTES} characters`);
    const { header } = parseFirmwareImage(image);
    if (opts.model !== undefined && opts.model !== header.model)
      throw new HwbindError('fw_wrong_model', `the image is for model ${header.model}, not ${opts.model}`);
    const model = await this.store.getModel(header.model);
    if (!model) throw new HwbindError('not_found', `no model ${header.model} is registered`);
    if (!model.vendorKey)
      throw new HwbindError(
        'invalid_key',
        `model ${model.id} has no vendor key to verify firmware with: add the model with --vendor-key`,
      );
    verifyFirmwareImage(image, { publicKey: model.vendorKey, model: model.id });
    const digest = sha256(image).toString('hex');
    const existing = await this.store.getFirmware(model.id, header.version);
    if (existing) {
      if (existing.sha256 === digest) return existing;
      throw new HwbindError('conflict', `model ${model.id} already has a different firmware ${header.version}`);
    }
    mkdirSync(this.dir, { recursive: true });
    const file = this.path(digest);
    if (!existsSync(file)) writeFileAtomic(file, image);
    const release: FirmwareRelease = {
      modelId: model.id,
      version: header.version,
      size: image.length,
      sha256: digest,
      payloadSha256: header.payloadSha256.toString('hex'),
      test: header.test,
      buildTime: header.buildTime,
      releaseNotes: notes,
      publishedAt: this.clock.now(),
      retiredAt: null,
    };
    await this.store.addFirmware(release);
    return release;
  }

  /** The catalog, by model and newest first; retired versions only when asked for. */
  async list(opts: { modelId?: string; retired?: boolean } = {}): Promise<FirmwareRelease[]> {
    const all = (await this.store.listFirmware({ modelId: opts.modelId })).sort(
      (a, b) => a.modelId.localeCompare(b.modelId) || semver.rcompare(a.version, b.version),
    );
    return opts.retired ? all : all.filter((r) => r.retiredAt === null);
  }

  async get(modelId: string, version: string): Promise<FirmwareRelease> {
    const release = await this.store.getFirmware(modelId, version);
    if (!release) throw new HwbindError('not_found', `model ${modelId} has no firmware ${version}`);
    return release;
  }

  /** Retires a version everywhere; retiring it again answers it as it is. */
  async retire(modelId: string, version: string): Promise<FirmwareRelease> {
    const release = await this.store.retireFirmware(modelId, version, this.clock.now());
    if (!release) throw new HwbindError('not_found', `model ${modelId} has no firmware ${version}`);
    return release;
  }

  /** Retires a version for one enterprise's devices (or takes that back). */
  async retireForCorp(corpId: string, modelId: string, version: string, retired: boolean, by: string): Promise<void> {
    await this.get(modelId, version);
    await this.store.setCorpRetirement(corpId, modelId, version, retired ? { at: this.clock.now(), by } : null);
  }

  /** Every version (retired ones too) of the models of the enterprise's bound devices, with the enterprise's retirements. */
  async forCorp(corpId: string): Promise<(FirmwareRelease & { retiredForCorp: boolean })[]> {
    const models = new Set<string>();
    for (const b of await this.store.listLiveBindings(corpId)) {
      const device = await this.store.getDevice(b.sn);
      if (device) models.add(device.modelId);
    }
    const retired = new Set(
      (await this.store.listCorpRetirements(corpId)).map((r) => `${r.modelId}\u0000${r.version}`),
    );
    return (await this.list({ retired: true }))
      .filter((r) => models.has(r.modelId))
      .map((r) => ({ ...r, retiredForCorp: retired.has(`${r.modelId}\u0000${r.version}`) }));
  }

  /** A version a device of `corpId` may be offered: published, retired neither everywhere nor for the enterprise. */
  async offerable(corpId: string, modelId: string, version: string): Promise<FirmwareRelease> {
    const release = await this.get(modelId, version);
    if (release.retiredAt !== null) throw new HwbindError('not_found', `firmware ${version} of ${modelId} is retired`);
    const corpRetired = await this.store.listCorpRetirements(corpId);
    if (corpRetired.some((r) => r.modelId === modelId && r.version === version))
      throw new HwbindError('not_found', `firmware ${version} of ${modelId} is retired for this enterprise`);
    return release;
  }

  /** What a device of the enterprise running `current` may be offered, newest first. */
  async available(corpId: string, modelId: string, current: string | null): Promise<AvailableVersion[]> {
    const corpRetired = new Set(
      (await this.store.listCorpRetirements(corpId)).filter((r) => r.modelId === modelId).map((r) => r.version),
    );
    const running = current && semver.valid(current) ? current : null;
    return (await this.list({ modelId }))
      .filter((r) => !corpRetired.has(r.version) && r.version !== current)
      .map((r) => ({
        version: r.version,
        size: r.size,
        releaseNotes: r.releaseNotes,
        publishedAt: r.publishedAt,
        newer: running === null || semver.gt(r.version, running),
      }));
  }
}
