// The conformance harness: while `hwbind conformance` certifies a device, the gateway records what
// it exchanges with that one device (both directions, connects and drops) and injects the faults the
// kit asks for: hold back the next messages of a kind (a lost RecordAck), send bytes of the kit's
// choosing (a malformed message), drop the link, and disturb the firmware the gateway's own OTA
// jobs send (chunks held back a while, a link dropped mid-download, a damaged byte, another image). Sessions are per SN and opened through the admin
// API; a device without a session is not touched, and a session the kit abandoned (no call for a
// minute) ends by itself, releasing what it held back.
import type { Api, ResponseOf, BodyOf as RouteBody } from '../../protocol/api.js';
import type { Clock } from '../../protocol/clock.js';
import { HwbindError, isHwbindError } from '../../protocol/errors.js';
import { type BodyCase, decodeEnvelope, type Envelope, pb } from '../../protocol/messages.js';
import { normalizeSn } from '../../protocol/sn.js';
import { type DownTopic, type ParsedTopic, TOPICS } from '../../protocol/topics.js';
import type { DeviceLinks, LinkTap } from '../devices/link.js';
import type { Logger } from '../logger.js';
import type { GatewayModule } from '../module.js';
import type { Store } from '../store/types.js';

export type HarnessEvent = ResponseOf<Api['admin.conformanceEvents']>['events'][number];
export type HarnessSessionView = ResponseOf<Api['admin.conformanceOpen']>;
export type FirmwareFaults = RouteBody<Api['admin.conformanceFirmware']>;

/** Events kept per session; older ones are dropped and counted. */
const MAX_EVENTS = 50_000;
/** Events answered per call at most (the kit asks again from where a page ends). */
const PAGE = 1000;
/** At most this many devices under test at once. */
const MAX_SESSIONS = 64;
/** A session nobody called for this long is closed (the kit died). */
export const IDLE_CLOSE_MS = 60_000;
/** Longest a call for events may wait for the next one. */
export const MAX_WAIT_MS = 10_000;

const JSON_OPTIONS = { longs: Number, enums: String, bytes: String, defaults: true } as const;

/** A message's body as JSON (protobuf's mapping: enums by name, bytes in base64, 64-bit numbers as numbers). */
function bodyJson(env: Envelope): Record<string, unknown> | null {
  if (!env.body) return null;
  const all = pb.Envelope.toObject(env, JSON_OPTIONS) as Record<string, unknown>;
  return (all[env.body] as Record<string, unknown> | undefined) ?? null;
}

/** What a session does to the device's link besides watching it. */
interface SessionLink {
  send(topic: DownTopic, payload: Uint8Array): Promise<boolean>;
  drop(): void;
}

class HarnessSession implements LinkTap {
  readonly events: HarnessEvent[] = [];
  private next = 1;
  lost = 0;
  lastCall: number;
  readonly withholding = new Map<BodyCase, number>();
  /** Payloads the kit asked to send: they pass the tap unheld, recorded as injected. */
  private readonly injecting = new Set<Uint8Array>();
  private waiters: (() => void)[] = [];
  firmware: FirmwareFaults = {};
  /** Chunks held back by firmware.holdMs, and the timer that sends them. */
  private held: { topic: DownTopic; payload: Uint8Array }[] = [];
  private holding: NodeJS.Timeout | null = null;

  constructor(
    readonly sn: string,
    readonly startedAt: number,
    private readonly clock: Clock,
    private readonly link: SessionLink,
  ) {
    this.lastCall = startedAt;
  }

  connected(): void {
    this.push({ kind: 'connected', topic: '', body: '', id: '', replyTo: '', message: null, error: '', size: 0 });
  }

  disconnected(): void {
    this.push({ kind: 'disconnected', topic: '', body: '', id: '', replyTo: '', message: null, error: '', size: 0 });
  }

  up(topic: ParsedTopic, payload: Buffer): void {
    this.record('up', topic.name, payload, topic.spec.maxPayload);
  }

  down(topic: DownTopic, payload: Uint8Array): Uint8Array | null {
    if (this.injecting.delete(payload)) {
      this.record('injected', topic, payload, Number.POSITIVE_INFINITY);
      return payload;
    }
    const sent = topic === 'down/firmware' ? this.disturbFirmware(payload) : payload;
    if (!sent) return null;
    const body = this.record('down', topic, sent, Number.POSITIVE_INFINITY)?.body;
    const left = body ? this.withholding.get(body) : undefined;
    if (!body || left === undefined) return sent;
    if (left <= 1) this.withholding.delete(body);
    else this.withholding.set(body, left - 1);
    this.events.at(-1)!.kind = 'withheld';
    return null;
  }

  /**
   * The firmware faults, applied to a FirmwareOffer or FirmwareChunk on its way: the bytes to send,
   * or null while chunks are held back.
   */
  private disturbFirmware(payload: Uint8Array): Uint8Array | null {
    const f = this.firmware;
    if (!f.holdMs && f.dropAtOffset === undefined && f.corruptAtOffset === undefined && !f.substitute) return payload;
    let env: Envelope;
    try {
      env = decodeEnvelope(payload);
    } catch {
      return payload;
    }
    if (env.body === 'firmwareOffer' && f.substitute) {
      env.firmwareOffer!.sha256 = Buffer.from(f.substitute.sha256, 'hex');
      return pb.Envelope.encode(env).finish();
    }
    if (env.body !== 'firmwareChunk') return payload;
    if (f.holdMs) {
      // The first chunk starts the hold; every chunk of it goes out together when it ends.
      this.holding ??= setTimeout(() => this.release(), f.holdMs);
      this.held.push({ topic: 'down/firmware', payload });
      return null;
    }
    const chunk = env.firmwareChunk!;
    const offset = Number(chunk.offset ?? 0);
    const data = Buffer.from(chunk.data ?? []);
    const covers = (at: number) => at >= offset && at < offset + data.length;
    if (f.substitute) {
      const patch = Buffer.from(f.substitute.data, 'base64');
      for (let i = 0; i < patch.length; i++)
        if (covers(f.substitute.offset + i)) data[f.substitute.offset + i - offset] = patch[i]!;
    }
    if (f.corruptAtOffset !== undefined && covers(f.corruptAtOffset)) {
      data[f.corruptAtOffset - offset]! ^= 0xff;
      delete f.corruptAtOffset;
    }
    if (f.dropAtOffset !== undefined && offset + data.length >= f.dropAtOffset) {
      delete f.dropAtOffset;
      // After this chunk is on its way, as a link that fails mid-download.
      setImmediate(() => this.link.drop());
    }
    chunk.data = data;
    return pb.Envelope.encode(env).finish();
  }

  /** Ends a hold: the chunks held back go out in order (the other faults apply to them). */
  private release(): void {
    this.holding = null;
    delete this.firmware.holdMs;
    for (const h of this.held.splice(0)) void this.link.send(h.topic, h.payload).catch(() => undefined);
  }

  /** Marks bytes as the kit's own before they are sent. */
  inject(payload: Uint8Array): void {
    this.injecting.add(payload);
  }

  forget(payload: Uint8Array): void {
    this.injecting.delete(payload);
  }

  /** Up to PAGE events after position `after`, waiting up to `waitMs` for one when there are none yet. */
  async after(after: number, waitMs: number): Promise<HarnessEvent[]> {
    // Positions are consecutive: the first wanted event's index follows from the oldest one kept.
    const pick = () => {
      const from = Math.max(0, after + 1 - (this.events[0]?.n ?? 1));
      return this.events.slice(from, from + PAGE);
    };
    let found = pick();
    if (found.length > 0 || waitMs <= 0) return found;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(done, waitMs);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.waiters.push(done);
    });
    found = pick();
    return found;
  }

  /** Ends the session: chunks held back go out (the tap is gone by then), waiting calls return. */
  close(): void {
    if (this.holding) {
      clearTimeout(this.holding);
      this.release();
    }
    this.firmware = {};
    for (const w of this.waiters.splice(0)) w();
  }

  get position(): number {
    return this.next - 1;
  }

  private record(kind: HarnessEvent['kind'], topic: string, payload: Uint8Array, max: number): Envelope | null {
    let env: Envelope | null = null;
    let error = '';
    try {
      env = decodeEnvelope(payload, max);
    } catch (err) {
      if (!isHwbindError(err)) throw err;
      error = `${err.code}: ${err.message}`;
    }
    this.push({
      kind,
      topic,
      body: env?.body ?? '',
      id: env?.id ?? '',
      replyTo: env?.replyTo ?? '',
      message: env ? bodyJson(env) : null,
      error,
      size: payload.length,
    });
    return env;
  }

  private push(e: Omit<HarnessEvent, 'n' | 'at'>): void {
    this.events.push({ n: this.next++, at: this.clock.now(), ...e });
    if (this.events.length > MAX_EVENTS) {
      this.events.splice(0, this.events.length - MAX_EVENTS);
      this.lost += 1;
    }
    for (const w of this.waiters.splice(0)) w();
  }
}

export interface HarnessOptions {
  store: Store;
  links: DeviceLinks;
  clock: Clock;
  logger: Logger;
}

export class ConformanceHarness implements GatewayModule {
  readonly name = 'conformance';
  private readonly sessions = new Map<string, HarnessSession>();
  private sweeper: NodeJS.Timeout | null = null;

  constructor(private readonly o: HarnessOptions) {}

  async start(): Promise<void> {
    this.sweeper = setInterval(() => this.sweep(), 5_000);
    this.sweeper.unref();
  }

  async stop(): Promise<void> {
    if (this.sweeper) clearInterval(this.sweeper);
    for (const sn of [...this.sessions.keys()]) this.end(sn);
  }

  /** Starts recording a registered device's traffic; a session already open for it starts afresh. */
  async open(snInput: string): Promise<HarnessSessionView> {
    const sn = normalizeSn(snInput);
    if (!(await this.o.store.getDevice(sn))) throw new HwbindError('device_not_found', `no device ${sn}`);
    if (!this.sessions.has(sn) && this.sessions.size >= MAX_SESSIONS)
      throw new HwbindError('busy', `${MAX_SESSIONS} devices are under test already: close a session first`);
    this.end(sn);
    const session = new HarnessSession(sn, this.o.clock.now(), this.o.clock, {
      send: (topic, payload) => this.o.links.send(sn, topic, payload),
      drop: () => this.o.links.disconnect(sn),
    });
    this.sessions.set(sn, session);
    this.o.links.tap(sn, session);
    this.o.logger.info({ sn }, 'conformance session opened: recording this device, faults on request');
    return this.view(session);
  }

  /** Ends a session; answers how many events it recorded. */
  close(snInput: string): ResponseOf<Api['admin.conformanceClose']> {
    const session = this.session(snInput);
    this.end(session.sn);
    return { sn: session.sn, events: session.position };
  }

  async events(snInput: string, after: number, waitMs: number): Promise<ResponseOf<Api['admin.conformanceEvents']>> {
    const session = this.session(snInput);
    const events = await session.after(after, Math.min(waitMs, MAX_WAIT_MS));
    session.lastCall = this.o.clock.now();
    return {
      events,
      next: events.length > 0 ? events[events.length - 1]!.n : Math.max(after, 0),
      lost: session.lost,
      connected: this.o.links.isHere(session.sn),
    };
  }

  /** Holds back the next `count` down messages of a kind (0 releases). */
  withhold(snInput: string, body: BodyCase, count: number): Record<string, number> {
    const session = this.session(snInput);
    if (count > 0) session.withholding.set(body, count);
    else session.withholding.delete(body);
    this.o.logger.info({ sn: session.sn, body, count }, 'conformance: withholding');
    return Object.fromEntries(session.withholding);
  }

  /** Replaces the session's firmware faults; answers the ones now armed. */
  firmwareFaults(snInput: string, faults: FirmwareFaults): string[] {
    const session = this.session(snInput);
    session.firmware = structuredClone(faults);
    this.o.logger.info({ sn: session.sn, faults: Object.keys(faults) }, 'conformance: firmware faults');
    return Object.keys(faults);
  }

  /** Sends the kit's bytes on a down topic as they are; false when the device is not connected. */
  async inject(snInput: string, topic: DownTopic, payload: Uint8Array): Promise<boolean> {
    const session = this.session(snInput);
    const max = TOPICS[topic].maxPayload;
    if (payload.length > max)
      throw new HwbindError('payload_too_large', `${payload.length} bytes exceed the ${max} of ${topic}`);
    session.inject(payload);
    const sent = await this.o.links.send(session.sn, topic, payload);
    session.forget(payload);
    return sent;
  }

  /** Closes the device's connection as a network failure would; false when it was not connected. */
  drop(snInput: string): boolean {
    const session = this.session(snInput);
    const was = this.o.links.isHere(session.sn);
    this.o.links.disconnect(session.sn);
    return was;
  }

  private session(snInput: string): HarnessSession {
    const sn = normalizeSn(snInput);
    const session = this.sessions.get(sn);
    if (!session)
      throw new HwbindError(
        'no_conformance_session',
        `no conformance session for ${sn}: open one with POST /api/v1/admin/conformance/${sn}`,
      );
    session.lastCall = this.o.clock.now();
    return session;
  }

  private view(s: HarnessSession): HarnessSessionView {
    return { sn: s.sn, startedAt: s.startedAt, connected: this.o.links.isHere(s.sn), position: s.position };
  }

  private end(sn: string): void {
    const session = this.sessions.get(sn);
    if (!session) return;
    this.sessions.delete(sn);
    this.o.links.tap(sn, null);
    session.close();
    this.o.logger.info({ sn }, 'conformance session closed');
  }

  private sweep(): void {
    const idle = this.o.clock.now() - IDLE_CLOSE_MS;
    for (const s of [...this.sessions.values()]) {
      if (s.lastCall < idle) {
        this.o.logger.warn({ sn: s.sn }, 'conformance session idle for a minute: closed');
        this.end(s.sn);
      }
    }
  }
}
