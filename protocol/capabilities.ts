// Device capabilities: the names used in models, CLI flags and the API, and their wire enum.
import { hwbind } from './pb.js';

export const CAPABILITIES = ['face', 'fingerprint', 'card', 'door', 'screen'] as const;
export type Capability = (typeof CAPABILITIES)[number];

const C = hwbind.v1.Capability;
const TO_WIRE: Record<Capability, hwbind.v1.Capability> = {
  face: C.CAPABILITY_FACE,
  fingerprint: C.CAPABILITY_FINGERPRINT,
  card: C.CAPABILITY_CARD,
  door: C.CAPABILITY_DOOR,
  screen: C.CAPABILITY_SCREEN,
};

export const isCapability = (name: string): name is Capability => (CAPABILITIES as readonly string[]).includes(name);
export const capabilityToWire = (name: Capability): hwbind.v1.Capability => TO_WIRE[name];
export function capabilityFromWire(value: number): Capability | null {
  const found = (Object.entries(TO_WIRE) as [Capability, number][]).find(([, v]) => v === value);
  return found ? found[0] : null;
}
