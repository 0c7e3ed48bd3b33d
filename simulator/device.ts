// One simulated device over real MQTT or a real serial line, booting like firmware: a short list of
// named steps at power-on, another at every (re)connect, then it follows the gateway. Connection
// loss reconnects with back-off and jitter and fresh credentials; a power cut stops everything
// without a word.
import { EventEmitter } from 'node:events';
import type { ProvisioningBundle } from '../protocol/bundle.js';
import { type Clock, systemClock } from '../protocol/clock.js';
import { HwbindError } from '../protocol/errors.js';
import { encodeEnvelope } from '../protocol/messages.js';
import { type TopicName, topicFor } from '../protocol/topics.js';
import { type BackoffOptions, backoffDelay, DEFAULT_BACKOFF } from './backoff.js';
import type { Defect } from './defects.js';
import { Flash, type FlashState } from './flash.js';
import { type DeviceModule, realTimers, type Timers } from './module.js';
import { bindingModule } from './modules/binding.js';
import { type CaptureConditions, CaptureModule } from './modules/capture.js';
import { directoryModule } from './modules/directory.js';
import { DoorModule } from './modules/door.js';
import { type OtaFaults, OtaModule } from './modules/ota.js';
import { RecordsModule } from './modules/records.js';
import { passerBy } from './punching.js';
import { DeviceRuntime } from './runtime.js';
import { type Screen, screenFor } from './screen.js';
import { type DeviceSerialLine, SerialUplink } from './serial-line.js';
import { type BootOutcome, resolvePendingSlot, runningVersion, selectBootSlot } from './slots.js';
import { MqttUplink, type Uplink } from './uplink.js';

export const HELLO_RETRY_MS = 10_000;
/** How long a power cut the device causes itself (fault injection) lasts. */
export const POWER_RETURN_MS = 200;

const runningSlotState = (s: FlashState) => s.slots[s.activeSlot]?.state;

export interface SimDeviceOptions {
  /** The device's own flash directory (see Flash.forDevice). */
  flashDir: string;
  /** Flashed when the directory is blank. */
  bundle?: ProvisioningBundle;
  /** Factory firmware version for a blank device. */
  firmwareVersion?: string;
  /**
   * Overrides the bundle's broker URL (a lab gateway on another port). Several: the nodes of one
   * gateway, tried in turn from the first — after a lost or refused connection the device tries the
   * next, so the devices of a node that died come back on the others.
   */
  mqttUrls?: readonly string[];
  /** Source address for the TCP connection (spreads a large fleet over 127.0.0.x). */
  localAddress?: string;
  /** PEM CA for mqtts:// brokers with a private certificate. */
  ca?: string;
  /** Reach the gateway over this serial line instead of MQTT (its owner opens and closes it). */
  serial?: DeviceSerialLine;
  vendorPublicKey?: string;
  clock?: Clock;
  timers?: Timers;
  backoff?: BackoffOptions;
  /** The power-on self-test of the firmware version running; a failure reverts a slot on trial. */
  selfTest?: (version: string) => boolean;
  /** How long the self-test takes: a power cut inside it leaves a slot on trial unconfirmed. */
  selfTestMs?: number;
  captureSampleMs?: number;
  /** What happens at the face / fingerprint sensor during enrollments. */
  capture?: Partial<CaptureConditions>;
  /** Faults armed for the next firmware job (each happens once). */
  otaFaults?: OtaFaults;
  /** How long writing one firmware chunk to flash takes (a slow flash makes a download take a while). */
  flashWriteMs?: number;
  /** Deliberate protocol defects (--defect), to prove the conformance kit catches each. */
  defects?: readonly Defect[];
  log?: (line: string) => void;
}

export type ConnectionState = 'booting' | 'connecting' | 'online' | 'waiting' | 'stopped';

export interface DeviceStatus {
  sn: string;
  connection: ConnectionState;
  binding: string | null;
  firmware: string;
  queue: number;
  bootCount: number;
  /** HelloAcks received: one per successful (re)connect. */
  connects: number;
  /** Connections lost after they were up. */
  disconnects: number;
  errorReplies: number;
  lastError: string | null;
}

export interface SimDeviceEvents {
  status: [status: DeviceStatus];
  screen: [screen: Screen];
  /** The gateway refused something this device sent (code from protocol/errors.ts). */
  errorReply: [code: string, replyTo: string];
}

/** The hardware functions of a model, each one module. */
export function modulesFor(
  state: FlashState,
  opts: {
    captureSampleMs?: number;
    capture?: Partial<CaptureConditions>;
    otaFaults?: OtaFaults;
    flashWriteMs?: number;
  } = {},
): DeviceModule[] {
  const caps = state.identity.capabilities;
  const records = new RecordsModule();
  const ota = new OtaModule(opts.otaFaults, opts.flashWriteMs);
  const modules: DeviceModule[] = [bindingModule, directoryModule, records, ota];
  if (caps.includes('door')) modules.push(new DoorModule(records));
  if (caps.includes('face') || caps.includes('fingerprint')) {
    modules.push(new CaptureModule(caps, { sampleMs: opts.captureSampleMs, conditions: opts.capture }));
  }
  return modules;
}

/** Power-on, in order: one line of the firmware's main() each. */
const BOOT_STEPS = ['loadFlash', 'selectSlot', 'selfTest', 'resolvePendingSlot', 'startModules'] as const;
/** Every (re)connect, in order. */
const LINK_STEPS = ['connect', 'subscribe', 'hello'] as const;

export class SimDevice extends EventEmitter<SimDeviceEvents> {
  readonly flash: Flash;
  private readonly clock: Clock;
  private readonly timers: Timers;
  private runtime: DeviceRuntime | null = null;
  private uplink: Uplink | null = null;
  private boot = { state: null as FlashState | null, outcome: 'normal' as BootOutcome, selfTestPassed: true };
  /** Armed faults: the same object across reboots, so that each happens once. */
  private readonly otaFaults: OtaFaults;
  private stopped = false;
  private attempt = 0;
  /** Which of `mqttUrls` the next connect tries. */
  private endpoint = 0;
  private reconnectTimer: unknown = null;
  private heartbeatTimer: unknown = null;
  private screenTimer: unknown = null;
  private helloWaiter: ((ok: boolean) => void) | null = null;
  private heartbeatS = 30;
  private startedAt = 0;
  private inbox: Promise<void> = Promise.resolve();
  private screenShown: Screen | null = null;
  readonly stats = { connects: 0, disconnects: 0, errorReplies: 0, lastError: null as string | null };
  connection: ConnectionState = 'booting';

  constructor(private readonly o: SimDeviceOptions) {
    super();
    this.flash = new Flash(o.flashDir);
    this.clock = o.clock ?? systemClock;
    this.timers = o.timers ?? realTimers;
    this.otaFaults = o.otaFaults ?? {};
  }

  /** Arms firmware faults for the next job (a test's or scenario's fault injection). */
  armOtaFaults(faults: OtaFaults): void {
    Object.assign(this.otaFaults, faults);
  }

  /** Whether the flash has been read (before that, `state` throws). */
  get booted(): boolean {
    return (this.runtime?.state ?? this.boot.state) !== null;
  }

  get state(): FlashState {
    const state = this.runtime?.state ?? this.boot.state;
    if (!state) throw new HwbindError('internal', 'the device has not booted');
    return state;
  }

  get sn(): string {
    return this.state.identity.sn;
  }

  get modules(): readonly DeviceModule[] {
    return this.runtime?.modules ?? [];
  }

  get screen(): Screen | null {
    return this.screenShown;
  }

  status(): DeviceStatus {
    const s = this.state;
    return {
      sn: s.identity.sn,
      connection: this.connection,
      binding: s.binding ? s.binding.corpName || s.binding.corpId : null,
      firmware: runningVersion(s),
      queue: s.records.length,
      bootCount: s.bootCount,
      ...this.stats,
    };
  }

  /** Boots from flash and starts connecting; resolves once booted (not once online). */
  async start(): Promise<void> {
    this.stopped = false;
    this.startedAt = this.clock.now();
    for (const step of BOOT_STEPS) {
      // The power went during a step (fault injection): this boot ends there.
      if (this.stopped) return;
      await this[step]();
    }
    if (this.stopped) return;
    void this.link();
  }

  /** Clean shutdown: MQTT DISCONNECT (a CLOSE on a serial line), timers cleared. */
  async stop(): Promise<void> {
    this.halt();
    const uplink = this.uplink;
    this.uplink = null;
    if (uplink) await uplink.end();
    this.setConnection('stopped');
  }

  /** Power lost: the connection dies without a goodbye and nothing more is written. */
  powerCut(): void {
    this.halt();
    const uplink = this.uplink;
    this.uplink = null;
    uplink?.destroy();
    this.setConnection('stopped');
  }

  /** The power goes and comes back a moment later: the device boots from what its flash held at the cut. */
  powerCycle(reason: string): void {
    this.log(`${reason}: power cut`);
    this.powerCut();
    this.timers.setTimeout(() => {
      void this.start().catch((err) => this.log(`boot failed: ${(err as Error).message}`));
    }, POWER_RETURN_MS);
  }

  /** The network drops the connection; the device notices and reconnects. */
  dropConnection(): void {
    this.uplink?.drop();
  }

  /**
   * People pass the device: `count` records by the people of its directory (or `users`), queued in
   * flash in one write and sent when online. Answers how many it recorded: none when it is off, not
   * bound, or knows nobody.
   */
  async punch(count: number, users?: readonly string[]): Promise<number> {
    const runtime = this.runtime;
    if (this.stopped || !runtime?.state.binding || count < 1) return 0;
    const now = this.clock.now();
    const first = runtime.state.nextSeq;
    const records = [];
    for (let i = 0; i < count; i++) {
      const r = passerBy(runtime.state, first + i, now, users);
      if (!r) return 0;
      records.push(r);
    }
    await runtime.module<RecordsModule>('records')!.punch(runtime.ctx, ...records);
    return records.length;
  }

  /** Changes what happens at the face / fingerprint sensor (a scenario's enroll step). */
  setCaptureConditions(conditions: Partial<CaptureConditions>): void {
    this.o.capture = { ...this.o.capture, ...conditions };
    this.runtime?.module<CaptureModule>('capture')?.setConditions(conditions);
  }

  /** Publishes raw bytes on one of the device's up topics (fault injection: a firmware bug). */
  async publishRaw(name: TopicName, bytes: Uint8Array): Promise<void> {
    if (!this.uplink?.connected) throw new HwbindError('internal', 'offline');
    await this.uplink.publish(topicFor(this.sn, name), bytes, 1);
  }

  private halt(): void {
    this.stopped = true;
    for (const t of [this.reconnectTimer, this.heartbeatTimer, this.screenTimer]) this.timers.clearTimeout(t);
    this.helloWaiter?.(false);
    const runtime = this.runtime;
    for (const m of runtime?.modules ?? []) m.stop?.(runtime!.ctx);
  }

  private log(line: string): void {
    this.o.log?.(`${this.boot.state?.identity.sn ?? '?'} ${line}`);
  }

  private setConnection(connection: ConnectionState): void {
    this.connection = connection;
    if (this.boot.state) this.emit('status', this.status());
  }

  // ---- power-on steps ----

  private async loadFlash(): Promise<void> {
    this.boot.state = this.flash.loadOrProvision(this.o.bundle ?? null, this.o.firmwareVersion);
  }

  private async selectSlot(): Promise<void> {
    const { state, outcome } = selectBootSlot(this.boot.state!);
    this.flash.save(state);
    this.boot.state = state;
    this.boot.outcome = outcome;
    if (outcome === 'reverted') this.log(`slot on trial was never confirmed: booted ${runningVersion(state)} again`);
  }

  private async selfTest(): Promise<void> {
    // Faults of a new image on trial: the power goes before it is confirmed, or its self-test fails.
    const trial = this.boot.outcome === 'trial';
    if (trial && this.otaFaults.powerCutBeforeConfirm) {
      delete this.otaFaults.powerCutBeforeConfirm;
      return this.powerCycle(`fault: self-test of ${runningVersion(this.boot.state!)} interrupted`);
    }
    if (this.o.selfTestMs) {
      this.log(`self-test running (${this.o.selfTestMs} ms) on ${runningVersion(this.boot.state!)}`);
      await new Promise<void>((resolve) => this.timers.setTimeout(resolve, this.o.selfTestMs!));
    }
    this.boot.selfTestPassed = this.o.selfTest?.(runningVersion(this.boot.state!)) ?? true;
    if (trial && this.otaFaults.failSelfTest) {
      delete this.otaFaults.failSelfTest;
      this.log(`fault: the self-test of ${runningVersion(this.boot.state!)} fails`);
      this.boot.selfTestPassed = false;
    }
    if (!this.boot.selfTestPassed) this.log('self-test failed');
  }

  private async resolvePendingSlot(): Promise<void> {
    const before = this.boot.state!;
    // Defects: a slot on trial left unconfirmed after a passed self-test, or confirmed after a failed one.
    if (this.o.defects?.includes('ota-never-confirm') && this.boot.selfTestPassed) return;
    const passed = this.boot.selfTestPassed || this.o.defects?.includes('ota-never-revert') === true;
    const { state, reverted } = resolvePendingSlot(before, passed);
    // Most boots run a confirmed slot: nothing changed, nothing to write.
    if (runningSlotState(before) !== runningSlotState(state) || reverted) this.flash.save(state);
    this.boot.state = state;
    if (reverted) this.log(`self-test failed on the new firmware: reverted to ${runningVersion(state)}`);
  }

  private async startModules(): Promise<void> {
    const state = this.boot.state!;
    this.runtime = new DeviceRuntime({
      flash: this.flash,
      state,
      modules: modulesFor(state, {
        captureSampleMs: this.o.captureSampleMs,
        capture: this.o.capture,
        otaFaults: this.otaFaults,
        flashWriteMs: this.o.flashWriteMs,
      }),
      transport: {
        maxChunkSize: this.o.serial?.maxChunkSize,
        connected: () => this.uplink?.connected === true,
        publish: async (topic, payload, qos) => {
          if (!this.uplink) throw new HwbindError('internal', 'offline');
          await this.uplink.publish(topic, payload, qos);
        },
      },
      clock: this.clock,
      timers: this.timers,
      vendorPublicKey: this.o.vendorPublicKey ?? null,
      onReboot: (reason) => void this.reboot(reason),
      onPowerCut: (reason) => this.powerCycle(reason),
      defects: this.o.defects,
      log: (line) => this.log(line),
    });
    this.runtime.on('helloAck', (ack) => this.online(ack.heartbeatIntervalS || 30));
    this.runtime.on('errorReply', (error, env) => {
      this.stats.errorReplies += 1;
      this.stats.lastError = error.code ?? null;
      this.emit('errorReply', error.code ?? '', env.replyTo);
      this.setConnection(this.connection);
    });
    this.runtime.on('changed', () => {
      this.showScreen();
      this.setConnection(this.connection);
    });
    for (const m of this.runtime.modules) m.onBoot?.(this.runtime.ctx);
    this.showScreen();
  }

  // ---- link steps ----

  private async link(): Promise<void> {
    if (this.stopped) return;
    this.setConnection('connecting');
    try {
      for (const step of LINK_STEPS) {
        if (this.stopped) return;
        await this[step]();
      }
    } catch (err) {
      if (this.stopped) return;
      this.stats.lastError = (err as Error).message;
      this.log(`connect failed: ${(err as Error).message}`);
      this.uplink?.destroy();
      this.uplink = null;
      this.scheduleReconnect();
    }
  }

  private scheduleReconnect(): void {
    if (this.stopped) return;
    this.timers.clearTimeout(this.heartbeatTimer);
    // The close handler and a failed link step may both get here for one loss: keep one timer.
    this.timers.clearTimeout(this.reconnectTimer);
    const delay = backoffDelay(this.attempt++, this.o.backoff ?? DEFAULT_BACKOFF);
    this.endpoint += 1;
    this.setConnection('waiting');
    this.reconnectTimer = this.timers.setTimeout(() => void this.link(), delay);
  }

  /** The broker the next connect tries: the bundle's, or the next of the URLs given. */
  private brokerUrl(): string {
    const urls = this.o.mqttUrls ?? [];
    return urls.length ? urls[this.endpoint % urls.length]! : this.state.identity.mqttUrl;
  }

  private async connect(): Promise<void> {
    const identity = this.state.identity;
    const uplink: Uplink = this.o.serial
      ? new SerialUplink(this.o.serial, {
          sn: identity.sn,
          secret: identity.secret,
          clock: this.clock,
          timers: this.timers,
        })
      : new MqttUplink({
          url: this.brokerUrl(),
          sn: identity.sn,
          secret: identity.secret,
          clock: this.clock,
          localAddress: this.o.localAddress,
          ca: this.o.ca,
          onError: (message) => {
            this.stats.lastError = message;
          },
          lastError: () => this.stats.lastError,
        });
    this.uplink = uplink;
    uplink.onMessage((topic, payload) => {
      const runtime = this.runtime!;
      // One message at a time, in arrival order, as a single-threaded firmware loop would.
      this.inbox = this.inbox
        .then(() => runtime.receive(topic, payload))
        .catch((err) => this.log(`message on ${topic} failed: ${(err as Error).message}`));
    });
    uplink.onClose(() => {
      if (this.uplink !== uplink) return;
      this.uplink = null;
      this.helloWaiter?.(false);
      if (this.connection === 'online') this.stats.disconnects += 1;
      this.log('connection lost');
      this.scheduleReconnect();
    });
    await uplink.connect();
  }

  private async subscribe(): Promise<void> {
    await this.uplink!.subscribe();
  }

  private async hello(): Promise<void> {
    const uplink = this.uplink!;
    // Hello again (new id) when no HelloAck comes within 10 s (protocol §7).
    for (;;) {
      const { init } = this.runtime!.hello(uplink.network);
      const acked = new Promise<boolean>((resolve) => {
        const timer = this.timers.setTimeout(() => resolve(false), HELLO_RETRY_MS);
        this.helloWaiter = (ok) => {
          this.timers.clearTimeout(timer);
          this.helloWaiter = null;
          resolve(ok);
        };
      });
      await uplink.publish(topicFor(this.sn, 'up/hello'), encodeEnvelope(init), 1);
      if (await acked) return;
      if (this.uplink !== uplink || this.stopped) throw new Error('connection lost before HelloAck');
    }
  }

  // ---- following the gateway ----

  private online(heartbeatS: number): void {
    this.helloWaiter?.(true);
    this.attempt = 0;
    this.heartbeatS = heartbeatS;
    this.stats.connects += 1;
    this.setConnection('online');
    this.log(`online (heartbeat every ${heartbeatS} s)`);
    this.scheduleHeartbeat();
  }

  private scheduleHeartbeat(): void {
    this.timers.clearTimeout(this.heartbeatTimer);
    this.heartbeatTimer = this.timers.setTimeout(() => {
      if (this.stopped || !this.uplink?.connected || this.o.defects?.includes('no-heartbeat')) return;
      const s = this.state;
      void this.runtime!.publish('up/heartbeat', 'heartbeat', {
        uptimeS: Math.floor((this.clock.now() - this.startedAt) / 1000),
        pendingRecords: s.records.length,
        rssiDbm: -55,
      })
        .catch((err) => this.log(`heartbeat failed: ${(err as Error).message}`))
        .finally(() => this.scheduleHeartbeat());
    }, this.heartbeatS * 1000);
  }

  private showScreen(): void {
    const next = screenFor(this.state, this.clock);
    const prev = this.screenShown;
    // A bound screen or a label does not change until the binding does; a dynamic QR is renewed on its timer.
    if (prev && prev.kind === next.kind && next.kind !== 'dynamic_qr') return;
    if (prev?.kind === 'dynamic_qr' && next.kind === 'dynamic_qr' && this.clock.now() < prev.renewAtMs) return;
    this.screenShown = next;
    this.timers.clearTimeout(this.screenTimer);
    if (next.kind === 'dynamic_qr') {
      this.screenTimer = this.timers.setTimeout(() => this.showScreen(), next.renewAtMs - this.clock.now());
    }
    this.emit('screen', next);
  }

  private async reboot(reason: string): Promise<void> {
    this.log(`rebooting: ${reason}`);
    await this.stop();
    await this.start();
  }
}
