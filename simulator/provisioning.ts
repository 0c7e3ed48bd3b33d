// What a simulated device answers a flashing tool on its serial line (`hwbind flash`). A blank
// device is in provisioning mode: it takes one bundle (for its model, when its firmware has one),
// writes its flash from it and boots. A provisioned device says who it is and reads its bundle back
// (the secret as its SHA-256); it takes the same bundle again, and refuses another.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { type ProvisioningBundle, parseBundle } from '../protocol/bundle.js';
import { HwbindError } from '../protocol/errors.js';
import { type BundleReadback, bundleReadback, type DeviceInfo } from '../protocol/serial-link.js';
import { Flash } from './flash.js';
import type { ProvisioningResponder } from './serial-line.js';
import { runningVersion } from './slots.js';

/**
 * The one device flashed under a state directory; null when there is none. A serial device finds
 * its flash here before it knows its SN.
 */
export function findFlash(stateDir: string): Flash | null {
  let names: string[];
  try {
    names = readdirSync(stateDir);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
  const flashed = names.map((n) => new Flash(join(stateDir, n))).filter((f) => f.load() !== null);
  if (flashed.length > 1) {
    throw new HwbindError(
      'invalid_argument',
      `${stateDir} holds ${flashed.length} devices' flash (${flashed.map((f) => f.file).join(', ')}): give --bundle, or a state directory of its own to a serial device`,
    );
  }
  return flashed[0] ?? null;
}

export interface ProvisioningOptions {
  /** Where a blank device writes its flash (under the SN it is given). */
  stateDir: string;
  /** The device's flash when it is flashed (null: blank, in provisioning mode). */
  flash: Flash | null;
  /** The model the firmware is for: bundles for another model are refused. */
  model: string | null;
  firmwareVersion: string;
}

export class Provisioning implements ProvisioningResponder {
  private flash: Flash | null;
  private done: ((bundle: ProvisioningBundle) => void) | null = null;
  /** Resolves with the bundle once one is written (at once for a provisioned device). */
  readonly provisioned: Promise<ProvisioningBundle>;

  constructor(private readonly o: ProvisioningOptions) {
    this.flash = o.flash;
    const identity = this.flash?.load()?.identity;
    this.provisioned = identity
      ? Promise.resolve(identity)
      : new Promise((resolve) => {
          this.done = resolve;
        });
  }

  info(): DeviceInfo {
    const state = this.flash?.load();
    if (!state) return { mode: 'provisioning', sn: '', model: this.o.model ?? '', firmware: this.o.firmwareVersion };
    return { mode: 'provisioned', sn: state.identity.sn, model: state.identity.model, firmware: runningVersion(state) };
  }

  write(json: string): BundleReadback {
    let bundle: ProvisioningBundle;
    try {
      bundle = parseBundle(JSON.parse(json), 'bundle');
    } catch (err) {
      if (err instanceof SyntaxError)
        throw new HwbindError('invalid_argument', `the bundle is not JSON: ${err.message}`);
      throw err;
    }
    if (this.o.model && bundle.model !== this.o.model) {
      throw new HwbindError(
        'wrong_device',
        `this device runs ${this.o.model} firmware; the bundle is for ${bundle.model}`,
      );
    }
    const held = this.flash?.load()?.identity;
    if (held) {
      if (JSON.stringify(held) === JSON.stringify(bundle)) return bundleReadback(held);
      throw new HwbindError('conflict', `already provisioned as ${held.sn}: factory-reset the device first`);
    }
    this.flash = Flash.forDevice(this.o.stateDir, bundle.sn);
    this.flash.loadOrProvision(bundle, this.o.firmwareVersion);
    this.done?.(bundle);
    this.done = null;
    return bundleReadback(bundle);
  }

  read(): BundleReadback {
    const identity = this.flash?.load()?.identity;
    if (!identity) throw new HwbindError('not_found', 'no bundle: the device is in provisioning mode');
    return bundleReadback(identity);
  }
}
