// A/B firmware slots with ESP-IDF / MCUboot semantics, as pure transitions over the flash state:
//   install (test image) → pending_verify, not yet tried
//   bootloader: pending_verify + not tried → try it once; pending_verify + tried → the previous
//               boot never confirmed it (reset, power cut): mark it invalid, boot the other slot
//   self-test passed → confirmed; failed → invalid, boot the other slot
import { HwbindError } from '../protocol/errors.js';
import { slotStateToWire } from '../protocol/slots.js';
import type { FlashState, SlotImage } from './flash.js';

export type BootOutcome = 'normal' | 'trial' | 'reverted';

const other = (slot: 0 | 1): 0 | 1 => (slot === 0 ? 1 : 0);

export const runningSlot = (state: FlashState): SlotImage => state.slots[state.activeSlot];
export const runningVersion = (state: FlashState): string => runningSlot(state).version;

function revert(state: FlashState): void {
  state.slots[state.activeSlot] = { ...runningSlot(state), state: 'invalid', tried: true };
  const fallback = other(state.activeSlot);
  if (state.slots[fallback].state !== 'confirmed') {
    throw new HwbindError('internal', 'no confirmed firmware slot to fall back to: the device is bricked');
  }
  state.activeSlot = fallback;
}

/** The bootloader's choice at reset; counts the boot. */
export function selectBootSlot(prev: FlashState): { state: FlashState; outcome: BootOutcome } {
  const state = structuredClone(prev);
  state.bootCount += 1;
  const active = runningSlot(state);
  if (active.state === 'pending_verify' && active.tried) {
    revert(state);
    return { state, outcome: 'reverted' };
  }
  if (active.state === 'pending_verify') {
    state.slots[state.activeSlot] = { ...active, tried: true };
    return { state, outcome: 'trial' };
  }
  if (active.state !== 'confirmed') {
    revert(state);
    return { state, outcome: 'reverted' };
  }
  return { state, outcome: 'normal' };
}

/** After the self-test: confirm a slot on trial, or give it up. */
export function resolvePendingSlot(
  prev: FlashState,
  selfTestPassed: boolean,
): { state: FlashState; reverted: boolean } {
  const state = structuredClone(prev);
  if (runningSlot(state).state !== 'pending_verify') return { state, reverted: false };
  if (selfTestPassed) {
    state.slots[state.activeSlot] = { ...runningSlot(state), state: 'confirmed' };
    return { state, reverted: false };
  }
  revert(state);
  return { state, reverted: true };
}

/** Writes a verified image into the inactive slot and makes it the next boot. */
export function installImage(
  prev: FlashState,
  image: { version: string; payloadSha256: string; test: boolean },
): FlashState {
  const state = structuredClone(prev);
  const target = other(state.activeSlot);
  state.slots[target] = {
    version: image.version,
    sha256: image.payloadSha256,
    state: image.test ? 'pending_verify' : 'confirmed',
    tried: false,
  };
  state.activeSlot = target;
  return state;
}

export function slotsToWire(state: FlashState) {
  return state.slots.map((s, index) => ({
    index,
    version: s.version,
    sha256: Buffer.from(s.sha256, 'hex'),
    state: slotStateToWire(s.state),
    active: index === state.activeSlot,
  }));
}
