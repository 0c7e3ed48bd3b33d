// Firmware upgrade jobs as the API, the store and the pages name them, the chunk sizes the relay
// negotiates, and how a device's FirmwareState reads as a job state.
import { hwbind } from './pb.js';

/** queued → downloading → verifying → applying → rebooting → succeeded | failed | rolled_back; cancelled by a rollout's abort. */
export const FIRMWARE_JOB_STATES = [
  'queued',
  'downloading',
  'verifying',
  'applying',
  'rebooting',
  'succeeded',
  'failed',
  'rolled_back',
  'cancelled',
] as const;
export type FirmwareJobState = (typeof FIRMWARE_JOB_STATES)[number];

/** States of a job still running: one per device at a time. */
export const LIVE_JOB_STATES = ['queued', 'downloading', 'verifying', 'applying', 'rebooting'] as const;
export const isLiveJobState = (s: FirmwareJobState): boolean => (LIVE_JOB_STATES as readonly string[]).includes(s);

/** FirmwareOffer.chunk_size: what the gateway offers by default, and the most a request may ask (protocol §5.6). */
export const CHUNK_SIZE = { default: 16 * 1024, max: 64 * 1024, min: 1024 } as const;

const S = hwbind.v1.FirmwareState;

/** The job state a device's FirmwareProgress moves a job to; null for UNSPECIFIED or an unknown value. */
export function jobStateFromWire(value: number): FirmwareJobState | null {
  switch (value) {
    case S.FIRMWARE_STATE_DOWNLOADING:
      return 'downloading';
    case S.FIRMWARE_STATE_DOWNLOADED:
    case S.FIRMWARE_STATE_VERIFIED:
      return 'verifying';
    case S.FIRMWARE_STATE_UPDATING:
      return 'applying';
    case S.FIRMWARE_STATE_REBOOTING:
      return 'rebooting';
    default:
      return null;
  }
}
