// Face and fingerprint enrollment: the kinds' names (API, store, scenarios) and their wire enums.
import { hwbind } from './pb.js';

export const BIOMETRIC_KINDS = ['face', 'fingerprint'] as const;
export type BiometricKindName = (typeof BIOMETRIC_KINDS)[number];

/** How an enrollment ends or stands; `requested` and `capturing` are running. */
export const ENROLLMENT_STATUSES = ['requested', 'capturing', 'completed', 'failed', 'cancelled', 'timed_out'] as const;
export type EnrollmentStatusName = (typeof ENROLLMENT_STATUSES)[number];

/** Seconds a device may spend capturing (EnrollmentStart.timeout_s), as a request may choose them. */
export const ENROLLMENT_TIMEOUT_S = { min: 5, max: 300, default: 60 } as const;

const K = hwbind.v1.BiometricKind;
const S = hwbind.v1.EnrollmentStatus;

export const biometricKindToWire = (kind: BiometricKindName): hwbind.v1.BiometricKind =>
  kind === 'face' ? K.BIOMETRIC_KIND_FACE : K.BIOMETRIC_KIND_FINGERPRINT;

export function biometricKindFromWire(value: number): BiometricKindName | null {
  if (value === K.BIOMETRIC_KIND_FACE) return 'face';
  if (value === K.BIOMETRIC_KIND_FINGERPRINT) return 'fingerprint';
  return null;
}

/** The end an EnrollmentResult reports; null for UNSPECIFIED or an unknown value. */
export function enrollmentEndFromWire(value: number): Exclude<EnrollmentStatusName, 'requested' | 'capturing'> | null {
  switch (value) {
    case S.ENROLLMENT_STATUS_COMPLETED:
      return 'completed';
    case S.ENROLLMENT_STATUS_FAILED:
      return 'failed';
    case S.ENROLLMENT_STATUS_CANCELLED:
      return 'cancelled';
    case S.ENROLLMENT_STATUS_TIMED_OUT:
      return 'timed_out';
    default:
      return null;
  }
}
