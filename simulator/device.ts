// One simulated device over real MQTT, booting like firmware: a short list of named steps at
// power-on, another at every (re)connect, then it follows the gateway. Connection loss reconnects
// with back-off and jitter and fresh credentials; a power cut stops everything without a word.
import { EventEmitter } from 'node:events';
import { connect as netConnect } from 'node:net';
import { connect as tlsConnect } from 'node:tls';
import { MqttClient } from 'mqtt';
import type { ProvisioningBundle } from '../protocol/bundle.js';
import { type Clock, systemClock } from '../protocol/clock.js';
import { signDeviceCredentials } from '../protocol/credentials.js';
import { HwbindError } from '../protocol/errors.js';
import { encodeEnvelope } from '../protocol/messages.js';
import { deviceSubscription, type TopicName, topicFor } from '../protocol/topics.js';
import { type BackoffOptions, backoffDelay, DEFAULT_BACKOFF } from './backoff.js';
import type { Defect } from './defects.js';
import { Flash, type FlashState } from './flash.js';
import { type DeviceModule, realTimers, type Timers } from './module.js';
import { bindingModule } from './modules/binding.js';
import { type CaptureConditions, CaptureModule } from './modules/capture.js';
import { directoryModule } from './modules/directory.js';
import { DoorModule } from './modules/door.js';
import { OtaModule } from './modules/ota.js';
import { RecordsModule } from './modules/records.js';
import { passerBy } from './punching.js';
import { DeviceRuntime } from './runtime.js';
import { type Screen, screenFor } from './screen.js';
import { resolvePendingSlot, runningVersion, selectBootSlot } from './slots.js';

export const HELLO_RETRY_MS = 10_000;

const runningSlotState = (s: FlashState) => s.slots[s.activeSlot]?.state;
const CONNECT_TIMEOUT_MS = 10_000;

export interface SimDeviceOptions {
  /** The device's own flash directory (see Flash.forDevice). */
  flashDir: string;
  /** Flashed when the directory is blank. */
  bundle?: ProvisioningBundle;
  /** Factory firmware version for a blank device. */
  firmwareVersion?: string;
  /** Overrides the bundle's broker URL (a lab gateway on another port). */
  mqttUrl?: string;
  /** Source address for the TCP connection (spreads a large fleet over 127.0.0.x). */
  localAddress?: string;
  /** PEM CA for mqtts:// brokers with a private certificate. */
  ca?: string;
  vendorPublicKey?: string;
  clock?: Clock;
  timers?: Timers;
  backoff?: BackoffOptions;
  /** The power-on self-test; a failure reverts a slot on trial. */
  selfTest?: () => boolean;
  /** How long the self-test takes: a power cut inside it leaves a slot on trial unconfirmed. */
  selfTestMs?: number;
  captureSampleMs?: number;
  /** What happens at the face / fingerprint sensor during enrollments. */
  capture?: Partial<CaptureConditions>;
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
  opts: { captureSampleMs?: number; capture?: Partial<CaptureConditions> } = {},
): DeviceModule[] {
  const caps = state.identity.capabilities;
  const records = new RecordsModule();
  const modules: DeviceModule[] = [bindingModule, directoryModule, records, new OtaModule()];
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
  private client: MqttClient | null = null;
  private boot = { state: null as FlashState | null, selfTestPassed: true };
  private stopped = false;
  private attempt = 0;
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
    for (const step of BOOT_STEPS) await this[step]();
    void this.link();
  }

  /** Clean shutdown: MQTT DISCONNECT, timers cleared. */
  async stop(): Promise<void> {
    this.halt();
    const client = this.client;
    this.client = null;
    if (client) await client.endAsync().catch(() => undefined);
    this.setConnection('stopped');
  }

  /** Power lost: the socket dies without DISCONNECT and nothing more is written. */
  powerCut(): void {
    this.halt();
    const client = this.client;
    this.client = null;
    client?.stream.destroy();
    client?.end(true);
    this.setConnection('stopped');
  }

  /** The network drops the connection; the device notices and reconnects. */
  dropConnection(): void {
    this.client?.stream.destroy();
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
    if (!this.client?.connected) throw new HwbindError('internal', 'offline');
    await this.client.publishAsync(topicFor(this.sn, name), Buffer.from(bytes), { qos: 1 });
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
    if (outcome === 'reverted') this.log(`slot on trial was never confirmed: booted ${runningVersion(state)} again`);
  }

  private async selfTest(): Promise<void> {
    if (this.o.selfTestMs) {
      this.log(`self-test running (${this.o.selfTestMs} ms) on ${runningVersion(this.boot.state!)}`);
      await new Promise<void>((resolve) => this.timers.setTimeout(resolve, this.o.selfTestMs!));
    }
    this.boot.selfTestPassed = this.o.selfTest?.() ?? true;
    if (!this.boot.selfTestPassed) this.log('self-test failed');
  }

  private async resolvePendingSlot(): Promise<void> {
    const before = this.boot.state!;
    const { state, reverted } = resolvePendingSlot(before, this.boot.selfTestPassed);
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
      modules: modulesFor(state, { captureSampleMs: this.o.captureSampleMs, capture: this.o.capture }),
      transport: {
        connected: () => this.client?.connected === true,
        publish: async (topic, payload, qos) => {
          if (!this.client) throw new HwbindError('internal', 'offline');
          await this.client.publishAsync(topic, Buffer.from(payload), { qos });
        },
      },
      clock: this.clock,
      timers: this.timers,
      vendorPublicKey: this.o.vendorPublicKey ?? null,
      onReboot: (reason) => void this.reboot(reason),
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
      this.client?.end(true);
      this.client = null;
      this.scheduleReconnect();
    }
  }

  private scheduleReconnect(): void {
    if (this.stopped) return;
    this.timers.clearTimeout(this.heartbeatTimer);
    // The close handler and a failed link step may both get here for one loss: keep one timer.
    this.timers.clearTimeout(this.reconnectTimer);
    const delay = backoffDelay(this.attempt++, this.o.backoff ?? DEFAULT_BACKOFF);
    this.setConnection('waiting');
    this.reconnectTimer = this.timers.setTimeout(() => void this.link(), delay);
  }

  private async connect(): Promise<void> {
    const identity = this.state.identity;
    const url = new URL(this.o.mqttUrl ?? identity.mqttUrl);
    const tls = url.protocol === 'mqtts:';
    const host = url.hostname;
    const port = Number(url.port) || (tls ? 8883 : 1883);
    const { localAddress, ca } = this.o;
    // mqtt.js does not pass localAddress to net.connect, so the device builds its own socket.
    const streamBuilder = () =>
      tls
        ? tlsConnect({ socket: netConnect({ host, port, localAddress }), servername: host, ...(ca ? { ca } : {}) })
        : netConnect({ host, port, localAddress });
    // A fresh nonce every time: the gateway refuses a replayed one.
    const creds = signDeviceCredentials(identity.sn, identity.secret, { clock: this.clock });
    const client = new MqttClient(streamBuilder, {
      ...creds,
      protocolVersion: 4,
      clean: true,
      keepalive: 60,
      reconnectPeriod: 0,
      connectTimeout: CONNECT_TIMEOUT_MS,
    });
    this.client = client;
    client.on('error', (err) => {
      this.stats.lastError = err.message;
    });
    await new Promise<void>((resolve, reject) => {
      const closed = () => reject(new Error(this.stats.lastError ?? 'connection closed'));
      client.once('close', closed);
      client.once('connect', () => {
        client.off('close', closed);
        resolve();
      });
    });
    client.on('message', (topic, payload) => {
      const runtime = this.runtime!;
      // One message at a time, in arrival order, as a single-threaded firmware loop would.
      this.inbox = this.inbox
        .then(() => runtime.receive(topic, payload))
        .catch((err) => this.log(`message on ${topic} failed: ${(err as Error).message}`));
    });
    client.on('close', () => {
      if (this.client !== client) return;
      this.client = null;
      this.helloWaiter?.(false);
      if (this.connection === 'online') this.stats.disconnects += 1;
      this.log('connection lost');
      this.scheduleReconnect();
    });
  }

  private async subscribe(): Promise<void> {
    await this.client!.subscribeAsync(deviceSubscription(this.sn), { qos: 1 });
  }

  private async hello(): Promise<void> {
    const client = this.client!;
    const ip = (client.stream as { localAddress?: string }).localAddress ?? '';
    // Hello again (new id) when no HelloAck comes within 10 s (protocol §7).
    for (;;) {
      const { init } = this.runtime!.hello({ ip, transport: 'ethernet' });
      const acked = new Promise<boolean>((resolve) => {
        const timer = this.timers.setTimeout(() => resolve(false), HELLO_RETRY_MS);
        this.helloWaiter = (ok) => {
          this.timers.clearTimeout(timer);
          this.helloWaiter = null;
          resolve(ok);
        };
      });
      await client.publishAsync(topicFor(this.sn, 'up/hello'), Buffer.from(encodeEnvelope(init)), { qos: 1 });
      if (await acked) return;
      if (this.client !== client || this.stopped) throw new Error('connection lost before HelloAck');
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
      if (this.stopped || !this.client?.connected || this.o.defects?.includes('no-heartbeat')) return;
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
