// Attendance/access records: the names the API, CSV and simulator use for the wire's Direction and
// Method enums, and the batch limit both sides keep.
import { hwbind } from './pb.js';

/** At most this many records in one RecordBatch. */
export const RECORD_BATCH_MAX = 200;

export const DIRECTIONS = ['in', 'out', 'unknown'] as const;
export type DirectionName = (typeof DIRECTIONS)[number];

/** `unknown` also stands for a method the device did not say (METHOD_UNSPECIFIED). */
export const METHODS = ['face', 'fingerprint', 'card', 'qr', 'remote', 'unknown'] as const;
export type MethodName = (typeof METHODS)[number];

const D = hwbind.v1.Direction;
const M = hwbind.v1.Method;

const DIRECTION_TO_WIRE: Record<DirectionName, hwbind.v1.Direction> = {
  in: D.DIRECTION_IN,
  out: D.DIRECTION_OUT,
  unknown: D.DIRECTION_UNKNOWN,
};

const METHOD_TO_WIRE: Record<MethodName, hwbind.v1.Method> = {
  face: M.METHOD_FACE,
  fingerprint: M.METHOD_FINGERPRINT,
  card: M.METHOD_CARD,
  qr: M.METHOD_QR,
  remote: M.METHOD_REMOTE,
  unknown: M.METHOD_UNSPECIFIED,
};

export const directionToWire = (name: DirectionName): number => DIRECTION_TO_WIRE[name];
export const methodToWire = (name: MethodName): number => METHOD_TO_WIRE[name];

/** Unspecified and unknown values read as `unknown`: a record is never refused for its direction. */
export function directionFromWire(value: number): DirectionName {
  if (value === D.DIRECTION_IN) return 'in';
  if (value === D.DIRECTION_OUT) return 'out';
  return 'unknown';
}

const METHOD_FROM_WIRE = new Map((Object.entries(METHOD_TO_WIRE) as [MethodName, number][]).map(([k, v]) => [v, k]));

export function methodFromWire(value: number): MethodName {
  return METHOD_FROM_WIRE.get(value) ?? 'unknown';
}
