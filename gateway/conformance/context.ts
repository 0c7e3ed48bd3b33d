// What a check works with: the device under test (its SN, model and what the harness saw it do),
// the harness's faults, and the enterprise the kit binds it in — its own, `conformance-<SN>`, with a
// certifier (super admin) and the people of the bench department, so a run never touches a real
// enterprise's directory.
import { createHash } from 'node:crypto';
import semver from 'semver';
import type { ApiClient } from '../../protocol/api-client.js';
import { HwbindError } from '../../protocol/errors.js';
import { FW_HEADER_SIZE, FW_SIGNATURE_SIZE, parseFirmwareImage, sha256 } from '../../protocol/firmware.js';
import { type BodyCase, type EnvelopeInit, encodeEnvelope } from '../../protocol/messages.js';
import type { DownTopic } from '../../protocol/topics.js';
import { CheckFailed, CheckSkipped } from './checks.js';
import type { FirmwareFaults } from './harness.js';
import { isDown, isUp, msg, type Trace, type TraceEvent } from './trace.js';

/** The certifier: super admin of the kit's enterprise, who binds, enrolls, opens doors and unbinds. */
export const CERTIFIER = 'certifier';
export const BENCH_DEPARTMENT = 'bench';
/** People of the bench department: enough that records of one moment name different people. */
export const BENCH_PEOPLE = 20;

/** The kit's own enterprise for a device: `conformance-<SN>` (hashed when the SN is long). */
export function benchCorpId(sn: string): string {
  const id = `conformance-${sn.toLowerCase()}`;
  return id.length <= 64 ? id : `conformance-${createHash('sha256').update(sn).digest('hex').slice(0, 24)}`;
}

/** The bench enterprise's directory; `joined` more people in the bench department (a directory change). */
export function benchDirectory(corpId: string, sn: string, joined = 0): string {
  const people = Array.from({ length: BENCH_PEOPLE + joined }, (_, i) => {
    const id = `bench${String(i + 1).padStart(2, '0')}`;
    return `  - {userid: ${id}, name: Bench person ${i + 1}, role: member, departments: [${BENCH_DEPARTMENT}], visibility: {departments: [${BENCH_DEPARTMENT}]}}`;
  });
  return [
    `corp: {id: ${corpId}, name: "Conformance bench for ${sn}"}`,
    'memberBinding: false',
    'departments:',
    `  - {id: ${BENCH_DEPARTMENT}, name: Bench}`,
    'members:',
    `  - {userid: ${CERTIFIER}, name: Certifier, role: super_admin, departments: [${BENCH_DEPARTMENT}], visibility: {departments: [${BENCH_DEPARTMENT}]}}`,
    ...people,
    'apps: []',
    '',
  ].join('\n');
}

export interface DeviceFacts {
  sn: string;
  model: string;
  capabilities: string[];
  /** The label's verification code (from the device's secret): how the kit names the device to bind it. */
  verifyCode: string;
}

/** A signed image of the vendor's the OTA group offers (published to the gateway's catalog by the kit). */
export class KitImage {
  readonly version: string;
  readonly size: number;
  readonly payloadOffset = FW_HEADER_SIZE;
  readonly payloadSize: number;
  /** A test image boots on trial (PENDING_VERIFY) and is reverted unless its self-test confirms it. */
  readonly test: boolean;

  constructor(readonly bytes: Buffer) {
    const parsed = parseFirmwareImage(bytes);
    this.version = parsed.header.version;
    this.test = parsed.header.test;
    this.size = bytes.length;
    this.payloadSize = parsed.payload.length;
  }

  /** The same image with its signature's bits inverted (it no longer verifies), as a harness substitute. */
  forged(): NonNullable<FirmwareFaults['substitute']> {
    const forged = Buffer.from(this.bytes);
    const at = this.size - FW_SIGNATURE_SIZE;
    for (let i = at; i < this.size; i++) forged[i]! ^= 0xff;
    return { sha256: sha256(forged).toString('hex'), offset: at, data: forged.subarray(at).toString('base64') };
  }
}

export interface KitOptions {
  /** How long to wait for what a person at the device may have to do (present a finger, pass the reader). */
  operatorWaitMs: number;
  say(line: string): void;
}

export class KitContext {
  /** The binding the kit made, while it exists. */
  binding: { id: string; active: boolean } | null = null;
  /** Set once binding failed: later checks that need one are skipped at once. */
  private bindRefused: string | null = null;

  constructor(
    readonly device: DeviceFacts,
    readonly corpId: string,
    readonly admin: ApiClient,
    readonly person: ApiClient,
    readonly trace: Trace,
    readonly options: KitOptions,
    /** The OTA group's images: one that passes its self-test on the device, one that fails it. */
    readonly firmware: { good: KitImage; failing: KitImage } | null = null,
  ) {}

  get sn(): string {
    return this.device.sn;
  }

  has(capability: string): boolean {
    return this.device.capabilities.includes(capability);
  }

  say(line: string): void {
    this.options.say(line);
  }

  /** An instruction for the person at the device (a real board); a simulated device needs none. */
  prompt(line: string): void {
    this.options.say(`  >> at the device: ${line}`);
  }

  // --- the harness's faults -------------------------------------------------------------------

  async drop(): Promise<boolean> {
    return (await this.admin.call('admin.conformanceDrop', { params: { sn: this.sn } })).dropped;
  }

  async withhold(body: BodyCase, count: number): Promise<void> {
    await this.admin.call('admin.conformanceWithhold', { params: { sn: this.sn }, body: { body, count } });
  }

  /** Replaces the harness's firmware faults ({} ends them). */
  async firmwareFaults(faults: FirmwareFaults): Promise<void> {
    await this.admin.call('admin.conformanceFirmware', { params: { sn: this.sn }, body: faults });
  }

  /** Sends bytes as they are; resolves to whether the device was connected. */
  async inject(topic: DownTopic, payload: Uint8Array): Promise<boolean> {
    return (
      await this.admin.call('admin.conformanceInject', {
        params: { sn: this.sn },
        body: { topic, payload: Buffer.from(payload).toString('base64') },
      })
    ).sent;
  }

  /** A well-formed message of the kit's own (its id starts with `conformance-`). */
  async injectMessage(topic: DownTopic, init: EnvelopeInit): Promise<{ id: string; sent: boolean }> {
    return { id: init.id!, sent: await this.inject(topic, encodeEnvelope(init)) };
  }

  // --- the link -------------------------------------------------------------------------------

  /** Whether the device is connected and has had its HelloAck since it last connected. */
  isOnline(): boolean {
    const link = this.trace.last((e) => e.kind === 'connected' || e.kind === 'disconnected');
    if (!link) return this.trace.connected;
    return link.kind === 'connected' && this.trace.after(link.n, isDown('helloAck')).length > 0;
  }

  /** Waits until the device is online; skips the check when it does not come. */
  async online(timeoutMs = this.options.operatorWaitMs): Promise<void> {
    if (this.isOnline()) return;
    const from = this.trace.position;
    this.prompt(`power on ${this.sn} (or start its simulator) and connect it to the gateway`);
    const ack = await this.trace.waitFor(from, isDown('helloAck'), timeoutMs);
    if (!ack) throw new CheckSkipped(`needs ${this.sn} online: it did not connect and say Hello`);
  }

  /**
   * Drops the link and waits for the device to connect again and say Hello (answered by a
   * HelloAck); answers the Hello. Fails the check when no Hello comes within 30 s.
   */
  async reconnect(): Promise<TraceEvent> {
    await this.online();
    const from = this.trace.position;
    await this.drop();
    // What follows the drop: events the kit had not fetched yet belong to the connection before it.
    const gone = await this.trace.waitFor(from, (e) => e.kind === 'disconnected', 10_000);
    const since = gone?.n ?? from;
    const hello = await this.trace.waitFor(since, isUp('hello'), 30_000);
    if (!hello) {
      const back = this.trace.after(since, (e) => e.kind === 'connected').length;
      throw new CheckFailed(
        back
          ? `after the link was dropped the device connected again but sent no Hello within 30 s`
          : `after the link was dropped the device did not connect again within 30 s`,
      );
    }
    await this.trace.waitFor(hello.n - 1, (e) => isDown('helloAck')(e) && e.replyTo === hello.id, 5_000);
    return hello;
  }

  /** heartbeat_interval_s of the newest HelloAck (the gateway's default when none was seen yet). */
  heartbeatIntervalS(): number {
    const ack = this.trace.last(isDown('helloAck'));
    return Number((ack?.message as { heartbeatIntervalS?: number } | null)?.heartbeatIntervalS) || 30;
  }

  /** The firmware version of the device's latest Hello (the gateway's record when the kit saw none). */
  async runningVersion(): Promise<string> {
    const hello = this.trace.last(isUp('hello'));
    if (hello) return String(msg(hello).firmwareVersion ?? '');
    return (await this.person.call('person.deviceFirmware', { params: { sn: this.sn } })).current ?? '';
  }

  isNewer(version: string, than: string): boolean {
    return semver.valid(than) === null || semver.gt(version, than);
  }

  // --- the binding ----------------------------------------------------------------------------

  /** Binds the device in the kit's enterprise (range: the bench department); answers the binding id. */
  async bind(): Promise<string> {
    const r = await this.person.call('person.bind', {
      body: {
        sn: this.sn,
        verifyCode: this.device.verifyCode,
        usableRange: { departments: [BENCH_DEPARTMENT], users: [] },
        apps: [],
      },
    });
    this.binding = { id: r.bindingId, active: r.status === 'active' };
    return r.bindingId;
  }

  /** Polls the Person API until the kit's binding is active; false after `timeoutMs`. */
  async waitActive(timeoutMs: number): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    while (this.binding) {
      const d = await this.person.call('person.getDevice', { params: { sn: this.sn } });
      if (d.binding.status === 'active') {
        this.binding.active = true;
        return true;
      }
      if (Date.now() > deadline) return false;
      await new Promise((r) => setTimeout(r, 100));
    }
    return false;
  }

  /** What a check needs before it can run: the device online with an active binding (made here if none). */
  async ensureBound(): Promise<void> {
    if (this.bindRefused) throw new CheckSkipped(this.bindRefused);
    await this.online();
    if (this.binding?.active) return;
    if (!this.binding) await this.bind();
    if (!(await this.waitActive(10_000))) {
      this.bindRefused = 'needs an active binding: the device did not acknowledge its BindNotice (see bind.ack)';
      throw new CheckSkipped(this.bindRefused);
    }
  }

  /** Removes the kit's binding (the person's DELETE); no-op without one. */
  async unbind(): Promise<void> {
    if (!this.binding) return;
    await this.person.call('person.unbind', { params: { sn: this.sn } });
    this.binding = null;
  }

  /** Imports the bench directory with `joined` more people (a change the gateway syncs to the device). */
  async importDirectory(joined: number): Promise<void> {
    await this.admin.call('admin.importDirectory', {
      params: { id: this.corpId },
      body: benchDirectory(this.corpId, this.sn, joined),
    });
  }

  /** Throws when the harness lost contact with the gateway (every later wait would time out). */
  assertReachable(): void {
    if (this.trace.failure)
      throw new HwbindError('internal', `lost the gateway's harness: ${this.trace.failure.message}`);
  }
}
