// Device logic without a network: a DeviceRuntime over a temporary flash directory and an in-memory
// transport that records what the device publishes.

import type { ProvisioningBundle } from '../../protocol/bundle.js';
import { ManualClock } from '../../protocol/clock.js';
import {
  type BodyCase,
  decodeEnvelope,
  type Envelope,
  type EnvelopeInit,
  encodeEnvelope,
  envelope,
} from '../../protocol/messages.js';
import { type DownTopic, topicFor } from '../../protocol/topics.js';
import { modulesFor } from '../../simulator/device.js';
import { Flash, factoryFlash } from '../../simulator/flash.js';
import type { Timers } from '../../simulator/module.js';
import type { OtaFaults } from '../../simulator/modules/ota.js';
import { DeviceRuntime } from '../../simulator/runtime.js';
import { tempDir } from '../helpers/processes.js';

export const BUNDLE: ProvisioningBundle = {
  sn: 'SIMUNIT1',
  secret: '3f1c9a0d5e7b42a8b6c1d2e3f4a5b6c7',
  model: 'T1000',
  capabilities: ['face', 'fingerprint', 'door', 'screen'],
  mqttUrl: 'mqtt://127.0.0.1:1883',
  publicUrl: 'https://hw.example.com',
};

/** Timers that fire only when the test advances the clock. */
export class ManualTimers implements Timers {
  private queue: { at: number; fn: () => void; id: number }[] = [];
  private nextId = 1;
  constructor(private readonly clock: ManualClock) {}
  setTimeout(fn: () => void, ms: number): unknown {
    const id = this.nextId++;
    this.queue.push({ at: this.clock.now() + ms, fn, id });
    return id;
  }
  clearTimeout(handle: unknown): void {
    this.queue = this.queue.filter((t) => t.id !== handle);
  }
  advance(ms: number): void {
    const until = this.clock.now() + ms;
    for (;;) {
      const due = this.queue.filter((t) => t.at <= until).sort((a, b) => a.at - b.at)[0];
      if (!due) break;
      this.queue = this.queue.filter((t) => t !== due);
      this.clock.set(due.at);
      due.fn();
    }
    this.clock.set(until);
  }
}

export interface Sent {
  topic: string;
  env: Envelope;
}

export function makeRuntime(
  opts: { bundle?: ProvisioningBundle; dir?: string; vendorPublicKey?: string; otaFaults?: OtaFaults } = {},
) {
  const dir = opts.dir ?? tempDir('hwbind-sim-unit-');
  const bundle = opts.bundle ?? BUNDLE;
  const flash = Flash.forDevice(dir, bundle.sn);
  const state = flash.load() ?? factoryFlash(bundle);
  flash.save(state);
  const clock = new ManualClock(1_764_000_000_000);
  const timers = new ManualTimers(clock);
  const sent: Sent[] = [];
  const reboots: string[] = [];
  const powerCuts: string[] = [];
  let connected = true;
  const runtime = new DeviceRuntime({
    flash,
    state,
    modules: modulesFor(state, { captureSampleMs: 100, otaFaults: opts.otaFaults }),
    transport: {
      connected: () => connected,
      publish: async (topic, payload) => {
        sent.push({ topic, env: decodeEnvelope(payload) });
      },
    },
    clock,
    timers,
    vendorPublicKey: opts.vendorPublicKey ?? null,
    onReboot: (reason) => reboots.push(reason),
    // The power goes: the firmware stops where it was (as SimDevice halts it) and sends nothing more.
    onPowerCut: (reason) => {
      powerCuts.push(reason);
      connected = false;
      for (const m of runtime.modules) m.stop?.(runtime.ctx);
    },
  });
  /** Delivers a down message as the gateway would; resolves when the device has handled it. */
  const deliver = <C extends BodyCase>(
    topic: DownTopic,
    bodyCase: C,
    body: NonNullable<EnvelopeInit[C]>,
    o: { id?: string; replyTo?: string } = {},
  ) => runtime.receive(topicFor(bundle.sn, topic), encodeEnvelope(envelope(bodyCase, body, o)));
  const sentBodies = (bodyCase: BodyCase) => sent.filter((m) => m.env.body === bodyCase);
  return {
    dir,
    flash,
    clock,
    timers,
    runtime,
    sent,
    reboots,
    powerCuts,
    deliver,
    sentBodies,
    setConnected: (v: boolean) => {
      connected = v;
    },
  };
}
