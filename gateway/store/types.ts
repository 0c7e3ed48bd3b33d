// The store interface. Promise-based so a PostgreSQL implementation can follow the embedded SQLite one.
import type { BiometricKindName, EnrollmentStatusName } from '../../protocol/biometrics.js';
import type { Capability } from '../../protocol/capabilities.js';
import type { FirmwareJobState } from '../../protocol/ota.js';
import type { DirectionName, MethodName } from '../../protocol/records.js';
import type { SlotStateName } from '../../protocol/slots.js';

export interface Model {
  id: string;
  name: string;
  vendor: string;
  capabilities: Capability[];
  /** Vendor's Ed25519 public key for firmware, raw hex; null until set. */
  vendorKey: string | null;
  createdAt: number;
}

export interface Batch {
  id: string;
  modelId: string;
  seed: string;
  createdAt: number;
}

export interface SlotInfo {
  index: number;
  version: string;
  sha256: string;
  state: SlotStateName;
  active: boolean;
}

export interface Device {
  sn: string;
  secret: string;
  modelId: string;
  batchId: string | null;
  remark: string | null;
  disabled: boolean;
  firmwareVersion: string | null;
  slots: SlotInfo[];
  capabilities: Capability[];
  online: boolean;
  lastSeen: number | null;
  createdAt: number;
}

/** What a hello tells the registry. */
export interface DeviceReport {
  modelId?: string;
  firmwareVersion: string;
  slots: SlotInfo[];
  capabilities: Capability[];
}

export interface Corp {
  id: string;
  name: string;
  memberBinding: boolean;
  createdAt: number;
}

/** Where a corp's "device bound" notifications are also POSTed (HMAC-signed), and to which hosts only. */
export interface WebhookSettings {
  url: string;
  secret: string;
  allowedHosts: string[];
}

export type Role = 'super_admin' | 'admin' | 'member';

export interface VisibilityRange {
  departments: string[];
  users: string[];
}

export interface Department {
  id: string;
  name: string;
  parentId: string | null;
}

export interface Member {
  userid: string;
  name: string;
  role: Role;
  /** Admins only: holds the device-binding permission (super admins always do). */
  canBindDevices: boolean;
  departments: string[];
  visibility: VisibilityRange;
}

export interface App {
  id: string;
  name: string;
  admins: string[];
}

/** A whole enterprise directory, as imported. */
export interface Directory {
  departments: Department[];
  members: Member[];
  apps: App[];
}

export interface PresenceUpdate {
  sn: string;
  online: boolean;
  lastSeen: number;
}

export type BindingStatus = 'pending' | 'active' | 'removed';

export interface UsableRange {
  departments: string[];
  users: string[];
}

/** One binding of a device to a corp. At most one per device is live (pending or active). */
export interface Binding {
  id: string;
  sn: string;
  corpId: string;
  status: BindingStatus;
  boundBy: string;
  boundByRole: Role;
  usableRange: UsableRange;
  apps: string[];
  /** The id of the BindNotice envelope whose Ack activates the binding. */
  noticeId: string;
  createdAt: number;
  activatedAt: number | null;
  removedAt: number | null;
  removedBy: string | null;
}

/** A down message that must arrive: kept until the device answers it, resent after every hello. */
export interface OutboxEntry {
  /** The envelope id: the device's answer carries it in reply_to. */
  id: string;
  sn: string;
  topic: string;
  /** What the message is for (bind, unbind, …): the module that settles it. */
  purpose: string;
  payload: Uint8Array;
  createdAt: number;
}

export interface Notification {
  id: string;
  corpId: string;
  userid: string;
  kind: 'device_bound';
  sn: string;
  text: string;
  link: string;
  createdAt: number;
  read: boolean;
}

export interface WebhookDelivery {
  id: string;
  corpId: string;
  url: string;
  body: string;
  attempts: number;
  nextAttemptAt: number;
  deliveredAt: number | null;
  lastError: string | null;
  createdAt: number;
}

/** A person as a device's directory holds them (protocol DirectoryUser). */
export interface DirectoryEntry {
  userid: string;
  name: string;
  departmentIds: string[];
  /** Kinds with a stored template of the device's vendor that the device has a sensor for, in BIOMETRIC_KINDS order. */
  enrolledKinds: BiometricKindName[];
}

/**
 * The usable-range directory the gateway last queued for a device: the people of its usable range
 * and their version. Versions of a device only grow, across bindings too, so an old sync still on
 * its way can never pass for a new one.
 */
export interface DeviceDirectory {
  sn: string;
  /** The active binding the directory belongs to; null once unbound (the device wiped it). */
  bindingId: string | null;
  corpId: string | null;
  version: number;
  /** Sorted by userid. */
  users: DirectoryEntry[];
}

export type RecordStatus = 'stored' | 'refused';

/** An attendance/access record as stored: once per (sn, seq). */
export interface AttendanceRecord {
  sn: string;
  seq: number;
  corpId: string;
  /** The binding the device held when the record arrived: a person sees the records of their binding. */
  bindingId: string;
  userid: string;
  /** When it happened, by the device's clock (Unix ms). */
  ts: number;
  direction: DirectionName;
  method: MethodName;
  cardNo: string;
  /** `refused`: kept for the admins with the reason, not counted as attendance. */
  status: RecordStatus;
  reason: string | null;
  receivedAt: number;
}

/** Where a page of records continues: after this (ts, sn, seq) in the chosen order. */
export interface RecordPosition {
  ts: number;
  sn: string;
  seq: number;
}

export interface RecordQuery {
  corpId: string;
  bindingId?: string;
  userid?: string;
  /** Inclusive, Unix ms. */
  from?: number;
  /** Exclusive, Unix ms. */
  to?: number;
  status?: RecordStatus;
  order: 'asc' | 'desc';
  after?: RecordPosition;
  limit: number;
}

/** Effects of a device acknowledging its BindNotice, written in one transaction. */
export interface Activation {
  bindingId: string;
  at: number;
  notifications: Notification[];
  deliveries: WebhookDelivery[];
}

/** A device nonce, remembered until `expiresAt` (ms) so that its credentials work only once. */
export interface NonceClaim {
  sn: string;
  nonce: string;
  expiresAt: number;
}

/** A face or fingerprint enrollment of one person on one device. */
export interface Enrollment {
  /** Also the operation_id of its messages to and from the device. */
  id: string;
  corpId: string;
  sn: string;
  userid: string;
  kind: BiometricKindName;
  status: EnrollmentStatusName;
  percent: number;
  samples: number;
  samplesRequired: number;
  /** The device's last hint for the person at the sensor. */
  hint: string;
  /** Why it failed or timed out (a device's or the gateway's code); null otherwise. */
  code: string | null;
  requestedBy: string;
  timeoutS: number;
  /** When the gateway gives up waiting for the device's result. */
  deadlineAt: number;
  createdAt: number;
  updatedAt: number;
  endedAt: number | null;
  /** The template a completed enrollment produced. */
  template: { algorithm: string; sha256: string } | null;
}

/** A person's enrolled template, one per (corp, vendor, userid, kind): what devices of that vendor recognise them by. */
export interface BiometricTemplate {
  corpId: string;
  vendor: string;
  userid: string;
  kind: BiometricKindName;
  /** Face: 0..11; fingerprint: the finger number. */
  index: number;
  algorithm: string;
  data: Uint8Array;
  /** hex SHA-256 of data */
  sha256: string;
  sourceSn: string;
  enrollmentId: string;
  updatedAt: number;
}

/** A template a device holds (or will, once its outbox drains), as the gateway sent it under one binding. */
export interface HeldTemplate {
  userid: string;
  kind: BiometricKindName;
  sha256: string;
}

/** A signed firmware image of the catalog; the image itself is a file named by `sha256` (gateway/ota/catalog.ts). */
export interface FirmwareRelease {
  modelId: string;
  version: string;
  /** Bytes of the whole signed image. */
  size: number;
  /** hex SHA-256 of the whole signed image (what FirmwareOffer carries, and the file's name). */
  sha256: string;
  /** hex SHA-256 of the payload (what the device reports for the slot it is written to). */
  payloadSha256: string;
  test: boolean;
  buildTime: number;
  releaseNotes: string;
  publishedAt: number;
  /** Retired everywhere: offered to nobody any more. */
  retiredAt: number | null;
}

/** A version an enterprise retired for its own devices. */
export interface CorpFirmwareRetirement {
  corpId: string;
  modelId: string;
  version: string;
  retiredAt: number;
  retiredBy: string;
}

/** One device's firmware upgrade. */
export interface FirmwareJob {
  /** Also the job_id of its messages to and from the device. */
  id: string;
  sn: string;
  corpId: string;
  /** The active binding it is relayed under (FirmwareOffer.binding_id). */
  bindingId: string;
  modelId: string;
  version: string;
  fromVersion: string;
  /** The image: hex SHA-256 of the whole signed image. */
  sha256: string;
  size: number;
  chunkSize: number;
  allowDowngrade: boolean;
  /** The outbox entry of its FirmwareOffer (deleted when the job ends). */
  offerId: string;
  state: FirmwareJobState;
  code: string | null;
  message: string | null;
  /** Bytes the device has verified so far (its last FirmwareProgress). */
  bytesDone: number;
  /** The person who asked; '' for a rollout's job. */
  requestedBy: string;
  rolloutId: string | null;
  createdAt: number;
  updatedAt: number;
  /** When the device started downloading. */
  startedAt: number | null;
  endedAt: number | null;
}

/** Progress of a live job, written in batches. */
export interface FirmwareJobProgress {
  id: string;
  state: FirmwareJobState;
  bytesDone: number;
  startedAt: number | null;
  updatedAt: number;
}

export type RolloutTarget =
  | { kind: 'model' }
  | { kind: 'department'; corpId: string; department: string }
  | { kind: 'list'; sns: string[] };

/** Devices per minute, or waves that double (first, 2 × first, 4 × first …, each after the previous one ended). */
export type RolloutRate = { perMinute: number } | { waves: number };

export type RolloutState = 'running' | 'paused' | 'aborted' | 'completed';

/** A version rolled out to many devices at a rate, stopped when too many fail. */
export interface Rollout {
  id: string;
  modelId: string;
  version: string;
  target: RolloutTarget;
  rate: RolloutRate;
  /** Abort when failed + rolled back exceed this share (0..1) of the ended jobs; null: never. */
  abortRatio: number | null;
  /** …once at least this many jobs ended. */
  abortMin: number;
  allowDowngrade: boolean;
  state: RolloutState;
  /** Why it was aborted. */
  reason: string | null;
  /** Waves started so far (waves rate). */
  wave: number;
  /** When the next device may start (perMinute rate). */
  nextStartAt: number;
  createdBy: string;
  createdAt: number;
  updatedAt: number;
  endedAt: number | null;
}

export type RolloutDeviceState = 'waiting' | 'started' | 'skipped' | 'cancelled';

export interface RolloutDevice {
  rolloutId: string;
  sn: string;
  position: number;
  state: RolloutDeviceState;
  wave: number | null;
  jobId: string | null;
  /** Why it was skipped or cancelled. */
  reason: string | null;
}

/** Signed firmware images by their hex SHA-256, kept in the store itself. */
export interface FirmwareImages {
  /** Stores an image once (storing it again is a no-op). */
  add(sha256: string, image: Uint8Array): Promise<void>;
  get(sha256: string): Promise<Uint8Array | null>;
}

export interface Store {
  /**
   * Firmware images in the store, where every gateway node on it finds them (PostgreSQL); null when
   * they are files of the one data directory only (the embedded store).
   */
  readonly firmwareImages: FirmwareImages | null;
  /**
   * How many large writes (a group commit of records) are worth having in flight at once: SQLite has
   * one writer; a PostgreSQL server works on several, each on a connection of its own.
   */
  readonly writeConcurrency: number;
  /** Applies pending migrations. */
  migrate(): Promise<void>;
  close(): Promise<void>;
  /** A round trip to the store, for readiness checks. */
  ping(): Promise<void>;

  getMeta(key: string): Promise<string | null>;
  /** Stores `value` unless the key has one already; returns the value that is stored. */
  setMetaOnce(key: string, value: string): Promise<string>;
  /** Stores `value`, replacing any earlier one. */
  setMeta(key: string, value: string): Promise<void>;

  addModel(model: Model): Promise<void>;
  getModel(id: string): Promise<Model | null>;
  listModels(): Promise<Model[]>;

  addBatch(batch: Batch): Promise<void>;
  getBatch(id: string): Promise<Batch | null>;

  /**
   * Adds devices, all or none: throws `conflict` naming an SN already registered, and then none of
   * them stays. A large list goes in slices, so other work goes on meanwhile (and may see the first
   * slices before the last).
   */
  addDevices(devices: Device[]): Promise<void>;
  getDevice(sn: string): Promise<Device | null>;
  /** Devices in SN order, optionally of one model and/or only those online (or offline). */
  listDevices(opts?: { modelId?: string; online?: boolean; limit?: number; offset?: number }): Promise<Device[]>;
  setDeviceDisabled(sn: string, disabled: boolean): Promise<void>;
  /** Writes many hello reports in one transaction. */
  recordDeviceReports(reports: { sn: string; report: DeviceReport }[]): Promise<void>;
  /**
   * Writes many presence changes in one transaction. A change older than the device's stored last-seen
   * time is ignored: two gateway nodes' batches may land out of order.
   */
  recordPresence(updates: PresenceUpdate[]): Promise<void>;
  /** Marks every device offline (a gateway start: nothing is connected yet). */
  resetPresence(): Promise<void>;

  createCorp(corp: Corp): Promise<void>;
  getCorp(id: string): Promise<Corp | null>;
  listCorps(): Promise<Corp[]>;
  setMemberBinding(corpId: string, on: boolean): Promise<void>;
  /** Replaces the corp's directory in one transaction. */
  replaceDirectory(corpId: string, directory: Directory): Promise<void>;
  getDirectory(corpId: string): Promise<Directory>;
  getMember(corpId: string, userid: string): Promise<Member | null>;
  getWebhook(corpId: string): Promise<WebhookSettings | null>;
  setWebhook(corpId: string, webhook: WebhookSettings | null): Promise<void>;

  setDeviceRemark(sn: string, remark: string | null): Promise<void>;

  /** Creates a pending binding and its BindNotice in one transaction; `device_already_bound` if one is live. */
  createBinding(binding: Binding, notice: OutboxEntry): Promise<void>;
  /** The device's pending or active binding. */
  getLiveBinding(sn: string): Promise<Binding | null>;
  /** A corp's live bindings, optionally only those one person made. */
  listLiveBindings(corpId: string, opts?: { boundBy?: string }): Promise<Binding[]>;
  /** Pending → active, the notice settled, notifications and webhook deliveries queued; false if not pending. */
  activateBinding(activation: Activation): Promise<boolean>;
  /** Removes a live binding, drops its unsent BindNotice and queues the UnbindNotice, in one transaction. */
  removeBinding(bindingId: string, by: string, at: number, unbindNotice: OutboxEntry): Promise<boolean>;
  setBindingApps(bindingId: string, apps: string[]): Promise<void>;

  /** Unanswered down messages of a device, oldest first. */
  listOutbox(sn: string): Promise<OutboxEntry[]>;
  getOutboxEntry(id: string): Promise<OutboxEntry | null>;
  addOutboxEntry(entry: OutboxEntry): Promise<void>;
  deleteOutboxEntry(id: string): Promise<boolean>;

  listNotifications(
    corpId: string,
    userid: string,
    opts?: { limit?: number; unreadOnly?: boolean },
  ): Promise<Notification[]>;
  countUnreadNotifications(corpId: string, userid: string): Promise<number>;
  /** Marks the given notifications read (all of the person's when ids is omitted); returns how many changed. */
  markNotificationsRead(corpId: string, userid: string, ids?: string[]): Promise<number>;

  /** Deliveries not yet delivered whose next attempt is due. */
  dueWebhookDeliveries(now: number, limit: number): Promise<WebhookDelivery[]>;
  updateWebhookDelivery(d: WebhookDelivery): Promise<void>;

  /** The directory last queued for a device (null if it never had one). */
  getDeviceDirectory(sn: string): Promise<DeviceDirectory | null>;
  /**
   * Saves a device's directory with the sync that brings the device there, in one transaction:
   * deletes the outbox entries `replaces` (older syncs a full one makes useless) and adds `entry`.
   */
  saveDeviceDirectory(dir: DeviceDirectory, push: { entry?: OutboxEntry; replaces?: string[] }): Promise<void>;

  /**
   * Stores records in one transaction, each (sn, seq) once. Answers, in order, the status each
   * record has now: its own, or the one stored earlier for the same (sn, seq) (a resent batch).
   */
  insertRecords(
    records: AttendanceRecord[],
  ): Promise<{ status: RecordStatus; reason: string | null; duplicate: boolean }[]>;
  /** One page of a corp's records in (ts, sn, seq) order, after `query.after`. */
  listRecords(query: RecordQuery): Promise<AttendanceRecord[]>;
  /** Stores a new running enrollment; `busy` when the device already has one running. */
  createEnrollment(enrollment: Enrollment): Promise<void>;
  getEnrollment(id: string): Promise<Enrollment | null>;
  /** A device's enrollments, newest first. */
  listEnrollments(sn: string, limit: number): Promise<Enrollment[]>;
  /** Enrollments still requested or capturing: all of them, or the one of device `sn`. */
  listRunningEnrollments(sn?: string): Promise<Enrollment[]>;
  /** Progress of a running enrollment (it becomes `capturing`); null when it is no longer running. */
  recordEnrollmentProgress(
    id: string,
    progress: { percent: number; samples: number; hint: string; at: number },
  ): Promise<Enrollment | null>;
  /** Ends a running enrollment other than by completion; null when it was no longer running. */
  endEnrollment(
    id: string,
    end: { status: 'failed' | 'cancelled' | 'timed_out'; code: string | null; at: number },
  ): Promise<Enrollment | null>;
  /**
   * Completes a running enrollment in one transaction: the enrollment, the person's template (replacing
   * the one of that kind), and the source device's held template. Null (and nothing written) when it
   * was no longer running.
   */
  completeEnrollment(
    id: string,
    template: BiometricTemplate,
    held: { sn: string; bindingId: string },
  ): Promise<Enrollment | null>;
  /** Which templates the corp holds for one vendor's devices (no data: for comparing with what devices hold). */
  listTemplateDigests(corpId: string, vendor: string): Promise<HeldTemplate[]>;
  /** Some people's templates for one vendor's devices, with their data. */
  listTemplates(corpId: string, vendor: string, userids: string[]): Promise<BiometricTemplate[]>;
  /** The templates a device holds under this binding (rows of earlier bindings are not returned). */
  listHeldTemplates(sn: string, bindingId: string): Promise<HeldTemplate[]>;
  /**
   * Records what a device will hold once `entries` (its TemplateSync messages) are delivered, in one
   * transaction: the held templates of `userids` become `held`, rows of earlier bindings go.
   */
  syncHeldTemplates(
    sn: string,
    bindingId: string,
    userids: string[],
    held: HeldTemplate[],
    entries: OutboxEntry[],
  ): Promise<void>;
  /** The device forgot every template (it was unbound and wiped). */
  forgetHeldTemplates(sn: string): Promise<void>;

  /** Adds a release to the catalog; `conflict` when its model already has that version. */
  addFirmware(release: FirmwareRelease): Promise<void>;
  getFirmware(modelId: string, version: string): Promise<FirmwareRelease | null>;
  /** Releases of one model or of all, by model then newest publication first. */
  listFirmware(opts?: { modelId?: string }): Promise<FirmwareRelease[]>;
  /** Retires a release everywhere (once: the first time stays); null when there is no such release. */
  retireFirmware(modelId: string, version: string, at: number): Promise<FirmwareRelease | null>;
  listCorpRetirements(corpId: string): Promise<CorpFirmwareRetirement[]>;
  /** Retires a version for one enterprise's devices, or (null) takes that back. */
  setCorpRetirement(
    corpId: string,
    modelId: string,
    version: string,
    retired: { at: number; by: string } | null,
  ): Promise<void>;

  /**
   * Stores a new queued job with its FirmwareOffer in one transaction (and, for a rollout's job, marks
   * its device started); `busy` when the device already has a live job.
   */
  createFirmwareJob(job: FirmwareJob, offer: OutboxEntry, rollout?: { wave: number }): Promise<void>;
  getFirmwareJob(id: string): Promise<FirmwareJob | null>;
  /** A device's jobs, newest first. */
  listFirmwareJobs(sn: string, limit: number): Promise<FirmwareJob[]>;
  /** Every live job (queued … rebooting). */
  listLiveFirmwareJobs(): Promise<FirmwareJob[]>;
  /** Writes the progress of live jobs in one transaction (ended jobs are left as they are). */
  recordFirmwareProgress(progress: FirmwareJobProgress[]): Promise<void>;
  /**
   * Ends a live job and drops its FirmwareOffer from the outbox, in one transaction; null when it had
   * already ended.
   */
  endFirmwareJob(
    id: string,
    end: {
      state: 'succeeded' | 'failed' | 'rolled_back' | 'cancelled';
      code: string | null;
      message: string | null;
      at: number;
    },
  ): Promise<FirmwareJob | null>;

  /** The jobs a rollout started. */
  listRolloutJobs(rolloutId: string): Promise<FirmwareJob[]>;
  /** Stores a rollout with its devices (all waiting). */
  createRollout(rollout: Rollout, sns: string[]): Promise<void>;
  getRollout(id: string): Promise<Rollout | null>;
  /** Newest first. */
  listRollouts(): Promise<Rollout[]>;
  /** Rollouts running or paused (a gateway start resumes them). */
  listOpenRollouts(): Promise<Rollout[]>;
  updateRollout(rollout: Rollout): Promise<void>;
  listRolloutDevices(rolloutId: string): Promise<RolloutDevice[]>;
  /** The next `limit` waiting devices, in order. */
  waitingRolloutDevices(rolloutId: string, limit: number): Promise<RolloutDevice[]>;
  /** A waiting device is skipped or cancelled (with the reason). */
  settleRolloutDevices(rolloutId: string, sns: string[], state: 'skipped' | 'cancelled', reason: string): Promise<void>;

  /** Wrong verification codes for an SN: counts one and returns the lock's end when this one locks it. */
  recordVerifyFailure(sn: string, now: number, limit: number, lockMs: number): Promise<number | null>;
  /** When the SN's verification lock ends (null when not locked). */
  verifyLockedUntil(sn: string, now: number): Promise<number | null>;
  clearVerifyFailures(sn: string): Promise<void>;

  /**
   * Takes or renews the lease `name` for `holder` until `now + ttlMs`, unless another holder's lease
   * on it runs past `now`; answers whether `holder` holds it now. Work only one gateway node may do at
   * a time runs under a lease, and the lease of a node that died runs out.
   */
  acquireLease(name: string, holder: string, now: number, ttlMs: number): Promise<boolean>;
  /** Gives the lease up, if `holder` holds it. */
  releaseLease(name: string, holder: string): Promise<void>;

  /**
   * Records nonces together (one disk sync), durable once it resolves, and tells per claim whether it was
   * new: false when that SN's nonce is already recorded and not expired at `now`.
   */
  claimNonces(claims: NonceClaim[], now: number): Promise<boolean[]>;
  /** Deletes the nonces expired at `now`; resolves to how many. */
  sweepNonces(now: number): Promise<number>;
}
