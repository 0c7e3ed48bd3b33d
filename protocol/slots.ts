// A/B firmware slot states: the names used in stores and APIs, and their wire enum.
import { hwbind } from './pb.js';

export type SlotStateName = 'empty' | 'confirmed' | 'pending_verify' | 'invalid';

const S = hwbind.v1.SlotState;
const TO_WIRE: Record<SlotStateName, hwbind.v1.SlotState> = {
  empty: S.SLOT_STATE_EMPTY,
  confirmed: S.SLOT_STATE_CONFIRMED,
  pending_verify: S.SLOT_STATE_PENDING_VERIFY,
  invalid: S.SLOT_STATE_INVALID,
};

export const slotStateToWire = (name: SlotStateName): hwbind.v1.SlotState => TO_WIRE[name];

/** Unknown or unspecified values read as 'empty'. */
export function slotStateFromWire(value: number): SlotStateName {
  const found = (Object.entries(TO_WIRE) as [SlotStateName, number][]).find(([, v]) => v === value);
  return found ? found[0] : 'empty';
}
