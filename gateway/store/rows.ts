// Rows of the store's tables as the Store interface's objects, for both stores: SQLite answers
// booleans as 0/1 and JSON columns as text, PostgreSQL as booleans and parsed values; bool() and json()
// take either.
import { directionFromWire, methodFromWire } from '../../protocol/records.js';
import type {
  AttendanceRecord,
  Binding,
  BiometricTemplate,
  Corp,
  Device,
  Enrollment,
  FirmwareJob,
  FirmwareRelease,
  HeldTemplate,
  Member,
  Model,
  Notification,
  OutboxEntry,
  RecordStatus,
  Rollout,
  RolloutDevice,
  WebhookDelivery,
} from './types.js';

export type Row = Record<string, unknown>;

export const bool = (v: unknown): boolean => v === true || v === 1;
/** A JSON column: parsed from text (SQLite) or as the driver parsed it (PostgreSQL). */
export const json = <T>(v: unknown): T => (typeof v === 'string' ? JSON.parse(v) : v) as T;

export function toModel(r: Row): Model {
  return {
    id: String(r.id),
    name: String(r.name),
    vendor: String(r.vendor),
    capabilities: json(r.capabilities),
    vendorKey: (r.vendor_key as string | null) ?? null,
    createdAt: Number(r.created_at),
  };
}

export function toDevice(r: Row): Device {
  return {
    sn: String(r.sn),
    secret: String(r.secret),
    modelId: String(r.model_id),
    batchId: (r.batch_id as string | null) ?? null,
    remark: (r.remark as string | null) ?? null,
    disabled: bool(r.disabled),
    firmwareVersion: (r.firmware_version as string | null) ?? null,
    slots: json(r.slots),
    capabilities: json(r.capabilities),
    online: bool(r.online),
    lastSeen: (r.last_seen as number | null) ?? null,
    createdAt: Number(r.created_at),
  };
}

export const toCorp = (r: Row): Corp => ({
  id: String(r.id),
  name: String(r.name),
  memberBinding: bool(r.member_binding),
  createdAt: Number(r.created_at),
});

export const toMember = (r: Row): Member => ({
  userid: String(r.userid),
  name: String(r.name),
  role: r.role as Member['role'],
  canBindDevices: bool(r.can_bind),
  departments: json(r.departments),
  visibility: json(r.visibility),
});

export const toBinding = (r: Row): Binding => ({
  id: String(r.id),
  sn: String(r.sn),
  corpId: String(r.corp_id),
  status: r.status as Binding['status'],
  boundBy: String(r.bound_by),
  boundByRole: r.bound_by_role as Binding['boundByRole'],
  usableRange: json(r.usable_range),
  apps: json(r.apps),
  noticeId: String(r.notice_id),
  createdAt: Number(r.created_at),
  activatedAt: (r.activated_at as number | null) ?? null,
  removedAt: (r.removed_at as number | null) ?? null,
  removedBy: (r.removed_by as string | null) ?? null,
});

export const toOutbox = (r: Row): OutboxEntry => ({
  id: String(r.id),
  sn: String(r.sn),
  topic: String(r.topic),
  purpose: String(r.purpose),
  payload: new Uint8Array(r.payload as Buffer),
  createdAt: Number(r.created_at),
});

export const toNotification = (r: Row): Notification => ({
  id: String(r.id),
  corpId: String(r.corp_id),
  userid: String(r.userid),
  kind: r.kind as Notification['kind'],
  sn: String(r.sn),
  text: String(r.text),
  link: String(r.link),
  createdAt: Number(r.created_at),
  read: bool(r.read),
});

export const toEnrollment = (r: Row): Enrollment => ({
  id: String(r.id),
  corpId: String(r.corp_id),
  sn: String(r.sn),
  userid: String(r.userid),
  kind: r.kind as Enrollment['kind'],
  status: r.status as Enrollment['status'],
  percent: Number(r.percent),
  samples: Number(r.samples),
  samplesRequired: Number(r.samples_required),
  hint: String(r.hint),
  code: (r.code as string | null) ?? null,
  requestedBy: String(r.requested_by),
  timeoutS: Number(r.timeout_s),
  deadlineAt: Number(r.deadline_at),
  createdAt: Number(r.created_at),
  updatedAt: Number(r.updated_at),
  endedAt: (r.ended_at as number | null) ?? null,
  template: r.template_sha256 ? { algorithm: String(r.template_algorithm), sha256: String(r.template_sha256) } : null,
});

export const toTemplate = (r: Row): BiometricTemplate => ({
  corpId: String(r.corp_id),
  vendor: String(r.vendor),
  userid: String(r.userid),
  kind: r.kind as BiometricTemplate['kind'],
  index: Number(r.idx),
  algorithm: String(r.algorithm),
  data: new Uint8Array(r.data as Buffer),
  sha256: String(r.sha256),
  sourceSn: String(r.source_sn),
  enrollmentId: String(r.enrollment_id),
  updatedAt: Number(r.updated_at),
});

export const RUNNING = "status IN ('requested', 'capturing')";

export const toRelease = (r: Row): FirmwareRelease => ({
  modelId: String(r.model_id),
  version: String(r.version),
  size: Number(r.size),
  sha256: String(r.sha256),
  payloadSha256: String(r.payload_sha256),
  test: bool(r.test),
  buildTime: Number(r.build_time),
  releaseNotes: String(r.release_notes),
  publishedAt: Number(r.published_at),
  retiredAt: (r.retired_at as number | null) ?? null,
});

export const toJob = (r: Row): FirmwareJob => ({
  id: String(r.id),
  sn: String(r.sn),
  corpId: String(r.corp_id),
  bindingId: String(r.binding_id),
  modelId: String(r.model_id),
  version: String(r.version),
  fromVersion: String(r.from_version),
  sha256: String(r.sha256),
  size: Number(r.size),
  chunkSize: Number(r.chunk_size),
  allowDowngrade: bool(r.allow_downgrade),
  offerId: String(r.offer_id),
  state: r.state as FirmwareJob['state'],
  code: (r.code as string | null) ?? null,
  message: (r.message as string | null) ?? null,
  bytesDone: Number(r.bytes_done),
  requestedBy: String(r.requested_by),
  rolloutId: (r.rollout_id as string | null) ?? null,
  createdAt: Number(r.created_at),
  updatedAt: Number(r.updated_at),
  startedAt: (r.started_at as number | null) ?? null,
  endedAt: (r.ended_at as number | null) ?? null,
});

export const LIVE_JOB = "state IN ('queued', 'downloading', 'verifying', 'applying', 'rebooting')";

export const toRollout = (r: Row): Rollout => ({
  id: String(r.id),
  modelId: String(r.model_id),
  version: String(r.version),
  target: json(r.target),
  rate: json(r.rate),
  abortRatio: (r.abort_ratio as number | null) ?? null,
  abortMin: Number(r.abort_min),
  allowDowngrade: bool(r.allow_downgrade),
  state: r.state as Rollout['state'],
  reason: (r.reason as string | null) ?? null,
  wave: Number(r.wave),
  nextStartAt: Number(r.next_start_at),
  createdBy: String(r.created_by),
  createdAt: Number(r.created_at),
  updatedAt: Number(r.updated_at),
  endedAt: (r.ended_at as number | null) ?? null,
});

export const toRolloutDevice = (r: Row): RolloutDevice => ({
  rolloutId: String(r.rollout_id),
  sn: String(r.sn),
  position: Number(r.position),
  state: r.state as RolloutDevice['state'],
  wave: (r.wave as number | null) ?? null,
  jobId: (r.job_id as string | null) ?? null,
  reason: (r.reason as string | null) ?? null,
});

export const toDelivery = (r: Row): WebhookDelivery => ({
  id: String(r.id),
  corpId: String(r.corp_id),
  url: String(r.url),
  body: String(r.body),
  attempts: Number(r.attempts),
  nextAttemptAt: Number(r.next_attempt_at),
  deliveredAt: (r.delivered_at as number | null) ?? null,
  lastError: (r.last_error as string | null) ?? null,
  createdAt: Number(r.created_at),
});

export const toRecord = (r: Row): AttendanceRecord => ({
  sn: String(r.sn),
  seq: Number(r.seq),
  corpId: String(r.corp_id),
  bindingId: String(r.binding_id),
  userid: String(r.userid),
  ts: Number(r.ts),
  direction: directionFromWire(Number(r.direction)),
  method: methodFromWire(Number(r.method)),
  cardNo: String(r.card_no),
  status: r.status as RecordStatus,
  reason: (r.reason as string | null) ?? null,
  receivedAt: Number(r.received_at),
});

export const toHeld = (r: Row): HeldTemplate => ({
  userid: String(r.userid),
  kind: r.kind as HeldTemplate['kind'],
  sha256: String(r.sha256),
});
