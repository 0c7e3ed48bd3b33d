// The store interface. Promise-based so a PostgreSQL implementation can follow the embedded SQLite one.
import type { Capability } from '../../protocol/capabilities.js';
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

/** A device nonce, remembered until `expiresAt` (ms) so that its credentials work only once. */
export interface NonceClaim {
  sn: string;
  nonce: string;
  expiresAt: number;
}

export interface Store {
  /** Applies pending migrations. */
  migrate(): Promise<void>;
  close(): Promise<void>;
  /** A round trip to the store, for readiness checks. */
  ping(): Promise<void>;

  getMeta(key: string): Promise<string | null>;
  /** Stores `value` unless the key has one already; returns the value that is stored. */
  setMetaOnce(key: string, value: string): Promise<string>;

  addModel(model: Model): Promise<void>;
  getModel(id: string): Promise<Model | null>;
  listModels(): Promise<Model[]>;

  addBatch(batch: Batch): Promise<void>;
  getBatch(id: string): Promise<Batch | null>;

  /** Adds devices in one transaction: all or none. Throws `conflict` naming an SN already registered. */
  addDevices(devices: Device[]): Promise<void>;
  getDevice(sn: string): Promise<Device | null>;
  listDevices(opts?: { modelId?: string; limit?: number; offset?: number }): Promise<Device[]>;
  setDeviceDisabled(sn: string, disabled: boolean): Promise<void>;
  /** Writes many hello reports in one transaction. */
  recordDeviceReports(reports: { sn: string; report: DeviceReport }[]): Promise<void>;
  /** Writes many presence changes in one transaction. */
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

  /**
   * Records nonces in one transaction, durable once it resolves, and tells per claim whether it was
   * new: false when that SN's nonce is already recorded and not expired at `now`.
   */
  claimNonces(claims: NonceClaim[], now: number): Promise<boolean[]>;
  /** Deletes the nonces expired at `now`; resolves to how many. */
  sweepNonces(now: number): Promise<number>;
}
