// A simulated device's persistent storage ("flash"): one JSON document per device, written
// atomically (temp file, fsync, rename, fsync of the directory) so a power cut leaves either the
// old or the new state, never a torn one.
import { createHash } from 'node:crypto';
import { closeSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { type ProvisioningBundle, parseBundle } from '../protocol/bundle.js';
import { HwbindError } from '../protocol/errors.js';
import { isValidFirmwareVersion } from '../protocol/firmware.js';
import type { SlotStateName } from '../protocol/slots.js';
import { normalizeSn } from '../protocol/sn.js';

export const FLASH_FILE = 'flash.json';
const FLASH_FORMAT = 1;

export interface SlotImage {
  version: string;
  /** Hex SHA-256 of the firmware payload in the slot. */
  sha256: string;
  state: SlotStateName;
  /** A pending_verify slot the bootloader already started once (ESP-IDF's PENDING_VERIFY vs NEW). */
  tried: boolean;
}

export interface StoredBinding {
  bindingId: string;
  corpId: string;
  corpName: string;
  deviceName: string;
  boundAtMs: number;
}

export interface StoredUser {
  userid: string;
  name: string;
  departmentIds: string[];
  cardNo: string;
  /** BiometricKind values the person is enrolled in (their templates here). */
  enrolledKinds: number[];
}

export interface StoredTemplate {
  userid: string;
  kind: number;
  index: number;
  algorithm: string;
  /** base64 */
  data: string;
  /** hex */
  sha256: string;
}

export interface StoredRecord {
  seq: number;
  userid: string;
  timeMs: number;
  direction: number;
  method: number;
  cardNo: string;
}

/** An OTA job that survives reboots: downloading (resumable) or waiting to report after the reboot. */
export interface StoredOtaJob {
  jobId: string;
  version: string;
  size: number;
  /** hex SHA-256 of the whole signed image */
  sha256: string;
  chunkSize: number;
  test: boolean;
  phase: 'downloading' | 'rebooting';
  /** Bytes from the start of the image written and synced: a resumed download asks from here. */
  bytesDone: number;
  /** Version running when the job started: a revert reports it. */
  fromVersion: string;
  /** The binding the offer came under: the download stops if the device no longer holds it. */
  bindingId: string;
}

/** The last FirmwareResult sent: a job offered again (the gateway resends until it hears) gets it again. */
export interface StoredOtaResult {
  jobId: string;
  outcome: number;
  version: string;
  code: string;
  message: string;
}

export interface FlashState {
  format: number;
  identity: ProvisioningBundle;
  slots: [SlotImage, SlotImage];
  activeSlot: 0 | 1;
  bootCount: number;
  binding: StoredBinding | null;
  directory: { version: number; users: StoredUser[] };
  templates: StoredTemplate[];
  /** Next record seq: persisted and never reused, not even after an unbind wipe. */
  nextSeq: number;
  records: StoredRecord[];
  otaJob: StoredOtaJob | null;
  /** Absent in flash written before OTA results were kept. */
  lastOtaResult?: StoredOtaResult | null;
  /** Id of the last Reboot acted on, so a redelivered one is only acknowledged. */
  lastRebootId: string;
}

/** Validates a bundle (extra fields are ignored, as the protocol asks). */
export function readBundleFile(path: string): ProvisioningBundle {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new HwbindError('invalid_argument', `cannot read bundle ${path}: ${(err as Error).message}`);
  }
  try {
    return parseBundle(JSON.parse(text), path);
  } catch (err) {
    if (err instanceof SyntaxError) throw new HwbindError('invalid_argument', `${path} is not JSON: ${err.message}`);
    throw err;
  }
}

/** The payload hash a factory image of `version` would have: stable, so hello reports stay consistent. */
export const factoryImageSha256 = (model: string, version: string): string =>
  createHash('sha256').update(`hwbind-sim|${model}|${version}`).digest('hex');

const EMPTY_SLOT: SlotImage = { version: '', sha256: '', state: 'empty', tried: false };

/** Flash as it leaves the factory: the bundle, one confirmed image in slot 0, nothing else. */
export function factoryFlash(identity: ProvisioningBundle, firmwareVersion = '1.0.0'): FlashState {
  if (!isValidFirmwareVersion(firmwareVersion)) {
    throw new HwbindError('fw_bad_version', `invalid firmware version ${firmwareVersion}`);
  }
  return {
    format: FLASH_FORMAT,
    identity,
    slots: [
      {
        version: firmwareVersion,
        sha256: factoryImageSha256(identity.model, firmwareVersion),
        state: 'confirmed',
        tried: true,
      },
      { ...EMPTY_SLOT },
    ],
    activeSlot: 0,
    bootCount: 0,
    binding: null,
    directory: { version: 0, users: [] },
    templates: [],
    nextSeq: 1,
    records: [],
    otaJob: null,
    lastOtaResult: null,
    lastRebootId: '',
  };
}

/** One device's flash directory. */
export class Flash {
  readonly file: string;

  constructor(readonly dir: string) {
    this.file = join(dir, FLASH_FILE);
  }

  /** The device directory for `sn` under a fleet's or a CLI's state directory. */
  static forDevice(stateDir: string, sn: string): Flash {
    return new Flash(join(stateDir, normalizeSn(sn)));
  }

  /** Null when the device was never flashed. */
  load(): FlashState | null {
    let text: string;
    try {
      text = readFileSync(this.file, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw err;
    }
    let state: FlashState;
    try {
      state = JSON.parse(text) as FlashState;
    } catch (err) {
      throw new HwbindError('internal', `flash ${this.file} is unreadable: ${(err as Error).message}`);
    }
    if (state.format !== FLASH_FORMAT) {
      throw new HwbindError('internal', `flash ${this.file} has format ${state.format}, expected ${FLASH_FORMAT}`);
    }
    return state;
  }

  save(state: FlashState): void {
    mkdirSync(this.dir, { recursive: true });
    writeAtomic(this.file, `${JSON.stringify(state)}\n`);
  }

  /** Loads the flash, or writes the factory image from `bundle` when it is blank. */
  loadOrProvision(bundle: ProvisioningBundle | null, firmwareVersion?: string): FlashState {
    const existing = this.load();
    if (existing) return existing;
    if (!bundle) throw new HwbindError('invalid_argument', `no device flashed in ${this.dir}: give a bundle`);
    const fresh = factoryFlash(bundle, firmwareVersion);
    this.save(fresh);
    return fresh;
  }
}

export function writeAtomic(path: string, content: string | Uint8Array): void {
  const tmp = `${path}.${process.pid}.tmp`;
  const fd = openSync(tmp, 'w');
  try {
    writeSync(fd, typeof content === 'string' ? Buffer.from(content) : content);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, path);
  // The rename itself must reach the disk too, or a power cut could resurrect the old file.
  const dirFd = openSync(join(path, '..'), 'r');
  try {
    fsyncSync(dirFd);
  } finally {
    closeSync(dirFd);
  }
}
