// The firmware's message loop without the network: routes each down message to the module that
// handles its body, keeps the flash state, and answers what it cannot handle. Tests drive it with an
// in-memory transport; SimDevice drives it over MQTT.
import { EventEmitter } from 'node:events';
import { capabilityToWire } from '../protocol/capabilities.js';
import type { Clock } from '../protocol/clock.js';
import { type ErrorCode, HwbindError, isHwbindError } from '../protocol/errors.js';
import {
  type BodyCase,
  type BodyOf,
  bodyOf,
  decodeEnvelope,
  type Envelope,
  type EnvelopeInit,
  encodeEnvelope,
  envelope,
} from '../protocol/messages.js';
import { checkBodyForTopic, parseTopic, TOPICS, topicFor, type UpTopic } from '../protocol/topics.js';
import type { Defect } from './defects.js';
import type { Flash, FlashState } from './flash.js';
import type { DeviceModule, ModuleContext, Timers } from './module.js';
import { FACE_ALGORITHM, FINGERPRINT_ALGORITHM } from './modules/capture.js';
import { runningVersion, slotsToWire } from './slots.js';

export interface Transport {
  /** The largest firmware chunk the link carries in time (a slow serial line's); none: the offer's. */
  readonly maxChunkSize?: number;
  connected(): boolean;
  publish(topic: string, payload: Uint8Array, qos: 0 | 1): Promise<void>;
}

export interface RuntimeOptions {
  flash: Flash;
  state: FlashState;
  modules: DeviceModule[];
  transport: Transport;
  clock: Clock;
  timers: Timers;
  vendorPublicKey?: string | null;
  onReboot?: (reason: string) => void;
  onPowerCut?: (reason: string) => void;
  /** Deliberate protocol defects (simulator/defects.ts); none unless asked for. */
  defects?: readonly Defect[];
  log?: (message: string) => void;
}

export interface RuntimeEvents {
  /** The flash state changed (and is persisted). */
  changed: [state: FlashState];
  helloAck: [ack: BodyOf<'helloAck'>, env: Envelope];
  /** The gateway refused something this device sent. */
  errorReply: [error: BodyOf<'error'>, env: Envelope];
}

export class DeviceRuntime extends EventEmitter<RuntimeEvents> {
  state: FlashState;
  readonly ctx: ModuleContext;
  private readonly routes = new Map<BodyCase, DeviceModule>();
  private expectedHello: string | null = null;

  constructor(private readonly o: RuntimeOptions) {
    super();
    this.state = o.state;
    for (const m of o.modules) {
      for (const body of m.bodies) {
        if (this.routes.has(body))
          throw new Error(`${body} is handled by ${this.routes.get(body)!.name} and ${m.name}`);
        this.routes.set(body, m);
      }
    }
    const log = o.log ?? (() => {});
    this.ctx = {
      sn: o.state.identity.sn,
      clock: o.clock,
      timers: o.timers,
      flashDir: o.flash.dir,
      vendorPublicKey: o.vendorPublicKey ?? null,
      maxChunkSize: o.transport.maxChunkSize ?? null,
      state: () => this.state,
      update: (change) => {
        const next = structuredClone(this.state);
        change(next);
        o.flash.save(next);
        this.state = next;
        this.emit('changed', next);
        return next;
      },
      online: () => o.transport.connected(),
      publish: (topic, bodyCase, body, opts = {}) => this.publish(topic, bodyCase, body, opts),
      ack: async (env) => void (await this.publish('up/reply', 'ack', {}, { replyTo: env.id })),
      refuse: async (env, code, message) => void (await this.refuse(env.id, code, message)),
      reboot: (reason) => o.onReboot?.(reason),
      powerCut: (reason) => o.onPowerCut?.(reason),
      defective: (defect) => o.defects?.includes(defect) === true,
      log,
    };
  }

  get modules(): readonly DeviceModule[] {
    return this.o.modules;
  }

  module<T extends DeviceModule>(name: string): T | undefined {
    return this.o.modules.find((m) => m.name === name) as T | undefined;
  }

  async publish<C extends BodyCase>(
    topic: UpTopic,
    bodyCase: C,
    body: NonNullable<EnvelopeInit[C]>,
    opts: { replyTo?: string; id?: string } = {},
  ): Promise<string> {
    if (!this.o.transport.connected()) throw new HwbindError('internal', `offline: cannot send ${bodyCase}`);
    const env = envelope(bodyCase, body, { ...opts, tsMs: this.o.clock.now() });
    await this.o.transport.publish(topicFor(this.ctx.sn, topic), encodeEnvelope(env), TOPICS[topic].qos);
    return env.id!;
  }

  private async refuse(replyTo: string, code: ErrorCode, message?: string, topic = ''): Promise<void> {
    if (!this.o.transport.connected()) return;
    await this.publish(
      'up/reply',
      'error',
      { code, message: message ?? new HwbindError(code).message, topic },
      { replyTo },
    );
  }

  /** The Hello to send on this connection; its HelloAck (reply_to = id) starts the modules' resync. */
  hello(network: { ip: string; transport: string }): { id: string; init: EnvelopeInit } {
    const s = this.state;
    const caps = s.identity.capabilities;
    const defective = this.ctx.defective;
    const slots = slotsToWire(s);
    const init = envelope(
      'hello',
      {
        model: s.identity.model,
        firmwareVersion: runningVersion(s),
        slots: defective('slot-state-unspecified')
          ? slots.map((slot) => (slot.active ? slot : { ...slot, state: 0 }))
          : slots,
        capabilities: defective('hello-no-capabilities') ? [] : caps.map(capabilityToWire),
        directoryVersion: s.directory.version,
        pendingRecords: s.records.length,
        network: { ip: network.ip, transport: network.transport, rssiDbm: -55 },
        bootCount: s.bootCount,
        bindingId: s.binding?.bindingId ?? '',
        faceAlgorithm: caps.includes('face') ? FACE_ALGORITHM : '',
        fingerprintAlgorithm: caps.includes('fingerprint') ? FINGERPRINT_ALGORITHM : '',
      },
      { tsMs: this.o.clock.now(), ...(defective('hello-reused-id') ? { id: `hello-${s.identity.sn}` } : {}) },
    );
    this.expectedHello = init.id!;
    return { id: init.id!, init };
  }

  /** Handles one message received on `topic`. Never throws for bad input: it answers instead. */
  async receive(topic: string, payload: Uint8Array): Promise<void> {
    const parsed = parseTopic(topic);
    if (!parsed || parsed.sn !== this.ctx.sn || parsed.spec.direction !== 'down') {
      this.ctx.log(`ignored a message on ${topic}`);
      return;
    }
    let env: Envelope | undefined;
    try {
      env = decodeEnvelope(payload, parsed.spec.maxPayload);
      checkBodyForTopic(parsed.name, env.body!);
    } catch (err) {
      if (!isHwbindError(err)) throw err;
      if (this.ctx.defective('no-error-reply')) return;
      // The refusal names the message whenever its id could be read (protocol §5).
      const id = env?.id ?? (typeof err.details?.id === 'string' ? err.details.id : '');
      await this.refuse(id, err.code, err.message, parsed.name);
      if (this.ctx.defective('reset-on-malformed')) this.ctx.reboot('malformed down message');
      return;
    }
    try {
      await this.dispatch(env);
    } catch (err) {
      const code = isHwbindError(err) ? err.code : 'internal';
      this.ctx.log(`${env.body} ${env.id} failed: ${(err as Error).message}`);
      // Replies are never answered, or two peers could refuse each other forever.
      if (env.body !== 'ack' && env.body !== 'error' && !this.ctx.defective('no-error-reply'))
        await this.refuse(env.id, code, (err as Error).message);
    }
  }

  private async dispatch(env: Envelope): Promise<void> {
    switch (env.body) {
      case 'helloAck': {
        if (env.replyTo !== this.expectedHello) return;
        this.expectedHello = null;
        this.emit('helloAck', bodyOf(env, 'helloAck'), env);
        for (const m of this.o.modules) await m.onOnline?.(this.ctx, env);
        return;
      }
      case 'reboot': {
        // Ack first, then restart; a redelivered Reboot is only acknowledged.
        const again = env.id === this.state.lastRebootId;
        if (!again) {
          this.ctx.update((s) => {
            s.lastRebootId = env.id;
          });
        }
        await this.ctx.ack(env);
        if (!again) this.ctx.reboot(bodyOf(env, 'reboot').reason || 'requested by the gateway');
        return;
      }
      case 'ack':
        return;
      case 'error': {
        const error = bodyOf(env, 'error');
        this.ctx.log(`gateway refused ${env.replyTo || 'a message'}: ${error.code} ${error.message}`);
        this.emit('errorReply', error, env);
        for (const m of this.o.modules) await m.onRefused?.(this.ctx, error, env);
        return;
      }
    }
    const module = this.routes.get(env.body!);
    if (!module) throw new HwbindError('unexpected_message', `this device does not handle ${env.body}`);
    await module.handle(this.ctx, env);
  }
}
