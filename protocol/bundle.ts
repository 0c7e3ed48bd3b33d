// The provisioning bundle (PRODUCT.md): what `hwbind vendor device add` prints and a factory
// flashes into a device. The gateway writes it; devices and the simulator read it.
import { type Capability, isCapability } from './capabilities.js';
import { HwbindError } from './errors.js';
import { isValidSn, normalizeSn } from './sn.js';

export interface ProvisioningBundle {
  sn: string;
  secret: string;
  model: string;
  capabilities: Capability[];
  mqttUrl: string;
  publicUrl: string;
}

/** Validates a bundle read from JSON. */
export function parseBundle(value: unknown, source = 'bundle'): ProvisioningBundle {
  const b = (value ?? {}) as Record<string, unknown>;
  const str = (k: string): string => {
    const v = b[k];
    if (typeof v !== 'string' || !v) throw new HwbindError('invalid_argument', `${source}: "${k}" must be a string`);
    return v;
  };
  const sn = str('sn');
  if (!isValidSn(sn)) throw new HwbindError('invalid_sn', `${source}: invalid SN ${JSON.stringify(sn)}`);
  const caps = b.capabilities ?? [];
  if (!Array.isArray(caps) || !caps.every((c) => typeof c === 'string' && isCapability(c))) {
    throw new HwbindError('invalid_argument', `${source}: "capabilities" must be a list of capability names`);
  }
  return {
    sn: normalizeSn(sn),
    secret: str('secret'),
    model: str('model'),
    capabilities: caps as Capability[],
    mqttUrl: str('mqttUrl'),
    publicUrl: str('publicUrl'),
  };
}
