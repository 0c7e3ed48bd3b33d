// A group of simulated devices in one process, driven by the fleet runner: boot at a ramp rate,
// inject faults, punch records, count. The fleet runs one group in-process or one per worker process.

import type { ProvisioningBundle } from '../protocol/bundle.js';
import type { BackoffOptions } from './backoff.js';
import { POWER_RETURN_MS, SimDevice } from './device.js';
import { Flash } from './flash.js';
import type { CaptureConditions } from './modules/capture.js';
import type { OtaFaults } from './modules/ota.js';
import { punchAtRate } from './punching.js';

export interface GroupDevice {
  bundle: ProvisioningBundle;
  /** Index in the whole fleet: picks the source address round-robin. */
  index: number;
}

export interface GroupOptions {
  stateDir: string;
  mqttUrl?: string;
  localAddresses?: string[];
  backoff?: BackoffOptions;
  firmwareVersion?: string;
  /** The vendor's Ed25519 public key built into the devices' firmware (verifies upgrades). */
  vendorPublicKey?: string;
  /** Devices booted per second in this group. */
  rampPerSecond: number;
}

/** The firmware a device runs, by its own flash. */
export interface DeviceFirmware {
  sn: string;
  version: string;
  /** The running slot is confirmed (not on trial). */
  confirmed: boolean;
}

/** Counts that add up across groups. */
export interface FleetCounts {
  devices: number;
  /** Online now (HelloAck received on the current connection). */
  connected: number;
  /** Hit by drop or powerCut in the last faults step. */
  faulted: number;
  /** Of those, online again on a new connection. */
  recovered: number;
  /** Sent garbage in the last faults step. */
  corrupted: number;
  /** Of those, answered with an ErrorReply while the connection stayed up. */
  errorsReplied: number;
  /** Connections lost other than by injected faults. */
  unexpectedDisconnects: number;
  /** Holding a binding (acknowledged to the gateway). */
  bound: number;
  /** Records punched since the devices started. */
  recordsPunched: number;
  /** Of those, still in flash waiting for the gateway's acknowledgement. */
  recordsPending: number;
}

export const emptyCounts = (): FleetCounts => ({
  devices: 0,
  connected: 0,
  faulted: 0,
  recovered: 0,
  corrupted: 0,
  errorsReplied: 0,
  unexpectedDisconnects: 0,
  bound: 0,
  recordsPunched: 0,
  recordsPending: 0,
});

export function addCounts(a: FleetCounts, b: FleetCounts): FleetCounts {
  const out = { ...a };
  for (const k of Object.keys(out) as (keyof FleetCounts)[]) out[k] += b[k];
  return out;
}

/** The records of one device since it started: seqs from firstSeq up to (not including) nextSeq. */
export interface DeviceRecordRange {
  sn: string;
  firstSeq: number;
  nextSeq: number;
  /** Seqs not acknowledged yet. */
  pending: number[];
}

export interface FaultTargets {
  drop: string[];
  powerCut: string[];
  corrupt: string[];
}

/** Bytes no protobuf decoder accepts (field 0, wire type 7): the gateway must answer malformed_message. */
export const GARBAGE = Buffer.from([0x07, 0xff, 0x00, 0x13, 0x37]);

interface Entry {
  device: SimDevice;
  index: number;
  fault:
    | null
    | { kind: 'drop' | 'powerCut'; connectsBefore: number }
    | { kind: 'corrupt'; disconnectsBefore: number; answered: boolean };
  expectedDisconnects: number;
  /** The device's next record seq when this run started it (a reborn device keeps it). */
  firstSeq: number;
}

export class LocalGroup {
  private readonly entries = new Map<string, Entry>();
  private stopping = false;
  private readonly pending = new Set<NodeJS.Timeout>();
  /** What happens at the sensors, for devices booted now and later. */
  private conditions: Partial<CaptureConditions> = {};

  constructor(private readonly o: GroupOptions) {}

  private makeDevice(bundle: ProvisioningBundle, index: number): SimDevice {
    const addresses = this.o.localAddresses ?? [];
    const device = new SimDevice({
      flashDir: Flash.forDevice(this.o.stateDir, bundle.sn).dir,
      bundle,
      firmwareVersion: this.o.firmwareVersion,
      mqttUrl: this.o.mqttUrl,
      localAddress: addresses.length ? addresses[index % addresses.length] : undefined,
      backoff: this.o.backoff,
      capture: this.conditions,
      vendorPublicKey: this.o.vendorPublicKey,
    });
    device.on('errorReply', (code, replyTo) => {
      const fault = this.entries.get(bundle.sn)?.fault;
      // The answer to the garbage (no id to reply to) must come while the connection that sent it is up.
      if (
        fault?.kind === 'corrupt' &&
        code === 'malformed_message' &&
        replyTo === '' &&
        device.stats.disconnects === fault.disconnectsBefore
      ) {
        fault.answered = true;
      }
    });
    return device;
  }

  private later(fn: () => void, ms: number): Promise<void> {
    return new Promise((resolve) => {
      const t = setTimeout(() => {
        this.pending.delete(t);
        fn();
        resolve();
      }, ms);
      this.pending.add(t);
    });
  }

  /** Boots every device at the ramp rate; resolves when all have booted (not when online). */
  async start(devices: GroupDevice[]): Promise<void> {
    const gapMs = 1000 / Math.max(0.001, this.o.rampPerSecond);
    const t0 = Date.now();
    for (const [i, { bundle, index }] of devices.entries()) {
      if (this.stopping) return;
      const wait = t0 + i * gapMs - Date.now();
      if (wait > 0) await this.later(() => {}, wait);
      const device = this.makeDevice(bundle, index);
      const firstSeq = Flash.forDevice(this.o.stateDir, bundle.sn).load()?.nextSeq ?? 1;
      this.entries.set(bundle.sn, { device, index, fault: null, expectedDisconnects: 0, firstSeq });
      await device.start();
    }
  }

  counts(): FleetCounts {
    const c = emptyCounts();
    for (const e of this.entries.values()) {
      const d = e.device;
      c.devices += 1;
      const online = d.connection === 'online';
      if (online) c.connected += 1;
      c.unexpectedDisconnects += Math.max(0, d.stats.disconnects - e.expectedDisconnects);
      const state = d.booted ? d.state : null;
      if (state?.binding) c.bound += 1;
      if (state) {
        c.recordsPunched += state.nextSeq - e.firstSeq;
        c.recordsPending += state.records.length;
      }
      if (e.fault?.kind === 'drop' || e.fault?.kind === 'powerCut') {
        c.faulted += 1;
        if (online && d.stats.connects > e.fault.connectsBefore) c.recovered += 1;
      } else if (e.fault?.kind === 'corrupt') {
        c.corrupted += 1;
        if (e.fault.answered && online) c.errorsReplied += 1;
      }
    }
    return c;
  }

  async faults(targets: FaultTargets): Promise<void> {
    for (const e of this.entries.values()) e.fault = null;
    for (const sn of targets.drop) {
      const e = this.entries.get(sn);
      if (!e) continue;
      e.fault = { kind: 'drop', connectsBefore: e.device.stats.connects };
      if (e.device.connection === 'online') e.expectedDisconnects += 1;
      e.device.dropConnection();
    }
    for (const sn of targets.powerCut) {
      const e = this.entries.get(sn);
      if (!e) continue;
      e.device.powerCut();
      const bundle = e.device.state.identity;
      // Power comes back: a new device boots from what the flash held at the cut.
      const reborn = this.makeDevice(bundle, e.index);
      this.entries.set(sn, {
        device: reborn,
        index: e.index,
        fault: { kind: 'powerCut', connectsBefore: 0 },
        expectedDisconnects: 0,
        firstSeq: e.firstSeq,
      });
      void this.later(() => {
        if (!this.stopping) void reborn.start();
      }, POWER_RETURN_MS);
    }
    await Promise.all(
      targets.corrupt.map(async (sn) => {
        const e = this.entries.get(sn);
        if (!e) return;
        e.fault = { kind: 'corrupt', disconnectsBefore: e.device.stats.disconnects, answered: false };
        await e.device.publishRaw('up/hello', GARBAGE).catch(() => undefined);
      }),
    );
  }

  /** How many of these devices hold a binding now. */
  holdingBinding(sns: string[]): number {
    return sns.filter((sn) => {
      const d = this.entries.get(sn)?.device;
      return d?.booted && d.state.binding !== null;
    }).length;
  }

  /** Punches `perSecond` records across the bound devices for `durationMs`; answers how many. */
  punch(perSecond: number, durationMs: number): Promise<number> {
    return punchAtRate(
      { perSecond, durationMs },
      () =>
        [...this.entries.values()]
          .map((e) => e.device)
          .filter((d) => d.connection !== 'stopped' && d.booted && d.state.binding),
      () => this.stopping,
    );
  }

  /** Which records each device punched in this run, and which of them still wait for an acknowledgement. */
  recordRanges(): DeviceRecordRange[] {
    return [...this.entries.values()]
      .filter((e) => e.device.booted)
      .map((e) => ({
        sn: e.device.sn,
        firstSeq: e.firstSeq,
        nextSeq: e.device.state.nextSeq,
        pending: e.device.state.records.map((r) => r.seq),
      }));
  }

  /** Arms firmware faults on devices for their next upgrade (a scenario's otaFaults step). */
  otaFaults(assignments: Record<string, OtaFaults>): void {
    for (const [sn, faults] of Object.entries(assignments)) this.entries.get(sn)?.device.armOtaFaults(faults);
  }

  /** What these devices run now. */
  firmware(sns: string[]): DeviceFirmware[] {
    return sns.flatMap((sn) => {
      const d = this.entries.get(sn)?.device;
      if (!d?.booted) return [];
      const slot = d.state.slots[d.state.activeSlot];
      return [{ sn, version: slot.version, confirmed: slot.state === 'confirmed' }];
    });
  }

  /** Changes what happens at every device's sensors (a scenario's enroll step). */
  capture(conditions: Partial<CaptureConditions>): void {
    this.conditions = { ...this.conditions, ...conditions };
    for (const e of this.entries.values()) e.device.setCaptureConditions(conditions);
  }

  async stop(): Promise<void> {
    this.stopping = true;
    for (const t of this.pending) clearTimeout(t);
    this.pending.clear();
    await Promise.all([...this.entries.values()].map((e) => e.device.stop()));
  }
}
