// Device sessions: hello updates the registry, heartbeats keep a device online, silence for three
// heartbeat intervals disconnects it. Presence and hello reports are kept in memory and written to
// the store once a second in one transaction: neither is acknowledged data (a device re-reports at
// every hello), and one durable write per connect would cap the connect rate.
import { EventEmitter } from 'node:events';
import { capabilityFromWire } from '../../protocol/capabilities.js';
import type { Clock } from '../../protocol/clock.js';
import { HwbindError } from '../../protocol/errors.js';
import type { BodyOf } from '../../protocol/messages.js';
import { slotStateFromWire } from '../../protocol/slots.js';
import type { Logger } from '../logger.js';
import type { Metrics } from '../metrics.js';
import type { GatewayModule } from '../module.js';
import type { DeviceReport, PresenceUpdate, SlotInfo, Store } from '../store/types.js';
import type { MessageContext, MessageRouter } from './router.js';

export interface SessionEvents {
  hello: [sn: string, hello: BodyOf<'hello'>];
  online: [sn: string];
  offline: [sn: string];
}

export interface SessionOptions {
  store: Store;
  clock: Clock;
  logger: Logger;
  metrics: Metrics;
  heartbeatIntervalS: number;
  /** Closes a device's connection. */
  disconnect(sn: string): void;
  /**
   * Several nodes share the devices' presence: the node registry marks offline what a node left
   * online (cluster/nodes.ts). Alone, a start marks every device offline: none is connected yet.
   */
  sharedPresence?: boolean;
}

/** Adds to the HelloAck what a concern knows of the device (the active binding, the directory version). */
export type HelloAckPart = (sn: string, hello: BodyOf<'hello'>) => Promise<Partial<BodyOf<'helloAck'>>>;
/** A step run after the HelloAck is sent, in registration order (reconcile the binding, then resend the outbox). */
export type AfterHello = (sn: string, hello: BodyOf<'hello'>) => Promise<void>;

export class DeviceSessions extends EventEmitter<SessionEvents> implements GatewayModule {
  readonly name = 'sessions';
  private readonly helloAckParts: HelloAckPart[] = [];
  private readonly afterHello: { name: string; step: AfterHello }[] = [];
  private readonly lastSeen = new Map<string, number>();
  private readonly dirty = new Map<string, PresenceUpdate>();
  private readonly reports = new Map<string, DeviceReport>();
  private timers: NodeJS.Timeout[] = [];

  constructor(private readonly o: SessionOptions) {
    super();
  }

  addHelloAckPart(part: HelloAckPart): void {
    this.helloAckParts.push(part);
  }

  addAfterHello(name: string, step: AfterHello): void {
    this.afterHello.push({ name, step });
  }

  register(router: MessageRouter): void {
    router.on('hello', (ctx, hello) => this.onHello(ctx, hello));
    router.on('heartbeat', (ctx) => this.heartbeat(ctx.sn));
  }

  async start(): Promise<void> {
    if (!this.o.sharedPresence) await this.o.store.resetPresence();
    this.timers = [
      setInterval(() => void this.flush().catch((err) => this.o.logger.error({ err }, 'presence flush failed')), 1000),
      setInterval(() => this.sweep(), Math.max(1000, (this.o.heartbeatIntervalS * 1000) / 2)),
    ];
    for (const t of this.timers) t.unref();
  }

  async stop(): Promise<void> {
    for (const t of this.timers) clearInterval(t);
    for (const sn of this.lastSeen.keys()) this.mark(sn, false);
    this.lastSeen.clear();
    await this.flush();
  }

  isOnline(sn: string): boolean {
    return this.lastSeen.has(sn);
  }

  connected(sn: string): void {
    this.lastSeen.set(sn, this.o.clock.now());
    this.mark(sn, true);
    this.emit('online', sn);
  }

  /** `movedAway`: it connected to another gateway node, which stores it online: not marked offline here. */
  disconnected(sn: string, movedAway = false): void {
    this.lastSeen.delete(sn);
    if (movedAway) this.dirty.delete(sn);
    else this.mark(sn, false);
    this.emit('offline', sn);
  }

  /** A heartbeat also moves the stored last-seen time (written with the next batch, within a second). */
  heartbeat(sn: string): void {
    if (!this.lastSeen.has(sn)) return;
    this.touch(sn);
    this.mark(sn, true);
  }

  /** Any message from a device counts as a sign of life. */
  touch(sn: string): void {
    if (this.lastSeen.has(sn)) this.lastSeen.set(sn, this.o.clock.now());
  }

  /** Writes pending presence changes and hello reports, each kind in one transaction. */
  async flush(): Promise<void> {
    if (this.reports.size > 0) {
      const reports = [...this.reports].map(([sn, report]) => ({ sn, report }));
      this.reports.clear();
      await this.o.metrics.timeStore('device_reports', () => this.o.store.recordDeviceReports(reports));
    }
    if (this.dirty.size > 0) {
      const batch = [...this.dirty.values()];
      this.dirty.clear();
      await this.o.metrics.timeStore('presence', () => this.o.store.recordPresence(batch));
    }
  }

  private mark(sn: string, online: boolean): void {
    this.dirty.set(sn, { sn, online, lastSeen: this.o.clock.now() });
  }

  private sweep(): void {
    const deadline = this.o.clock.now() - 3 * this.o.heartbeatIntervalS * 1000;
    for (const [sn, seen] of this.lastSeen) {
      if (seen < deadline) {
        this.o.logger.info({ sn, reason: 'heartbeat_timeout' }, 'no heartbeat for three intervals: disconnecting');
        this.o.disconnect(sn);
      }
    }
  }

  private async onHello(ctx: MessageContext, hello: BodyOf<'hello'>): Promise<void> {
    this.touch(ctx.sn);
    const device = await this.o.store.getDevice(ctx.sn);
    if (!device) throw new HwbindError('unknown_device');
    if (hello.model && hello.model !== device.modelId) {
      throw new HwbindError(
        'conflict',
        `hello reports model ${hello.model}, but ${ctx.sn} is registered as ${device.modelId}`,
      );
    }
    const slots: SlotInfo[] = (hello.slots ?? []).map((s) => ({
      index: s.index ?? 0,
      version: s.version ?? '',
      sha256: Buffer.from(s.sha256 ?? []).toString('hex'),
      state: slotStateFromWire(s.state ?? 0),
      active: s.active === true,
    }));
    const capabilities = (hello.capabilities ?? []).map(capabilityFromWire).filter((c) => c !== null);
    this.reports.set(ctx.sn, { firmwareVersion: hello.firmwareVersion ?? '', slots, capabilities });
    const parts = await Promise.all(this.helloAckParts.map((part) => part(ctx.sn, hello)));
    await ctx.reply('down/system', 'helloAck', {
      ...Object.assign({}, ...parts),
      serverTimeMs: this.o.clock.now(),
      heartbeatIntervalS: this.o.heartbeatIntervalS,
    });
    this.emit('hello', ctx.sn, hello);
    // Not awaited: the hello is handled once acknowledged; what follows may take several messages.
    void this.runAfterHello(ctx.sn, hello);
  }

  private async runAfterHello(sn: string, hello: BodyOf<'hello'>): Promise<void> {
    for (const { name, step } of this.afterHello) {
      try {
        await step(sn, hello);
      } catch (err) {
        this.o.logger.error({ err, sn, step: name }, 'after-hello step failed');
      }
    }
  }
}
