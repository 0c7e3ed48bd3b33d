// A simulated device's serial line (protocol §9): the port, opened again when it goes away, and the
// link on it. It answers a flashing tool's requests whatever the device is doing (the bootloader's
// job), and carries one session at a time for the device: SerialUplink opens it with AUTH, the same
// credentials as an MQTT CONNECT, and is then the device's Uplink.
import type { Clock } from '../protocol/clock.js';
import { HwbindError, isHwbindError } from '../protocol/errors.js';
import { LinkEndpoint } from '../protocol/serial-channel.js';
import {
  type AuthOkFrame,
  type AuthRefusedFrame,
  authFrame,
  authNonce,
  type BundleReadback,
  type ControlFrame,
  type DeviceInfo,
  lineRate,
  MAX_CONTROL_PAYLOAD,
  type PortSpec,
  type RequestFrame,
  TOPIC_CODES,
  topicForCode,
  wireBytes,
} from '../protocol/serial-link.js';
import { SerialLine } from '../protocol/serial-port.js';
import { MAX_DOWN_PAYLOAD, parseTopic, topicFor } from '../protocol/topics.js';
import type { Timers } from './module.js';
import type { Uplink } from './uplink.js';

/** What a blank or provisioned device answers a flashing tool. */
export interface ProvisioningResponder {
  info(): DeviceInfo;
  /** Stores a bundle (JSON text); throws an HwbindError to refuse it. */
  write(json: string): BundleReadback;
  read(): BundleReadback;
}

/** The session side of the line: what SerialUplink is told. */
interface SessionEvents {
  control(frame: AuthOkFrame | AuthRefusedFrame | { type: 'close'; code: string; message: string }): void;
  message(topic: string, payload: Buffer): void;
  lost(reason: string): void;
}

export interface DeviceSerialLineOptions {
  spec: PortSpec;
  clock: Clock;
  timers: Timers;
  responder: ProvisioningResponder;
  log?: (line: string) => void;
}

export class DeviceSerialLine {
  readonly endpoint: LinkEndpoint;
  private readonly line: SerialLine;
  private session: SessionEvents | null = null;
  /** Down topics are named with this SN (set by the session that opens). */
  private sn = '';

  constructor(private readonly o: DeviceSerialLineOptions) {
    this.endpoint = new LinkEndpoint({
      clock: o.clock,
      timers: o.timers,
      baud: o.spec.baud,
      maxMessage: MAX_DOWN_PAYLOAD,
      write: (wire) => this.line.write(wire),
      onControl: (f) => this.onControl(f),
      onMessage: (code, bytes) => {
        const name = topicForCode(code, 'down');
        if (!name) return this.log(`ignored a message with topic code 0x${code.toString(16)}`);
        this.session?.message(topicFor(this.sn, name), bytes);
      },
      onOversized: (code, total) =>
        this.log(`dropped an oversized message (${total} bytes, topic 0x${code.toString(16)})`),
      // Frames of a session this side no longer holds: the gateway's retries end when it authenticates again.
      onStray: () => {},
      onDead: () => this.session?.lost('the gateway stopped acknowledging frames'),
    });
    this.line = new SerialLine({
      spec: o.spec,
      reopen: true,
      onData: (chunk) => this.endpoint.input(chunk),
      onOpen: () => {
        this.endpoint.lineReset();
        this.log(`serial port ${o.spec.path} open (${o.spec.baud} baud)`);
      },
      onClosed: (err, retryMs) => {
        this.endpoint.close();
        this.session?.lost(`serial port ${o.spec.path} lost`);
        this.log(`serial port ${o.spec.path} unavailable (${err?.message ?? 'closed'}): trying again in ${retryMs} ms`);
      },
    });
  }

  get spec(): PortSpec {
    return this.o.spec;
  }

  /** Opens the port (and keeps opening it after a loss). */
  start(): void {
    this.line.start();
  }

  async stop(): Promise<void> {
    await this.line.drain();
    this.endpoint.dispose();
    await this.line.stop();
  }

  /** Waits until what was written has left for the line. */
  drain(): Promise<void> {
    return this.line.drain();
  }

  /** The session now on the line (a newer one replaces it). */
  attach(sn: string, session: SessionEvents): void {
    this.sn = sn;
    this.session = session;
  }

  release(session: SessionEvents): void {
    if (this.session === session) this.session = null;
  }

  private log(line: string): void {
    this.o.log?.(line);
  }

  private onControl(f: ControlFrame): void {
    if (f.type === 'request') return this.answer(f);
    if (f.type === 'authOk' || f.type === 'authRefused' || f.type === 'close') this.session?.control(f);
  }

  private answer(req: RequestFrame): void {
    let body: unknown;
    let ok = true;
    try {
      const r = this.o.responder;
      body = req.op === 'info' ? r.info() : req.op === 'writeBundle' ? r.write(req.body) : r.read();
    } catch (err) {
      // A flash write that failed (a full disk) is refused too: the tool tells its user, nothing crashes.
      ok = false;
      body = isHwbindError(err)
        ? { code: err.code, message: err.message }
        : { code: 'internal', message: `the device could not do ${req.op}: ${(err as Error).message}` };
    }
    this.endpoint.control({ type: 'response', id: req.id, ok, body: JSON.stringify(body) });
  }
}

const AUTH_TIMEOUT_MS = 10_000;

/** A device session over the serial line, as the device's Uplink. */
export class SerialUplink implements Uplink {
  readonly network = { ip: '', transport: 'serial' };
  private open = false;
  private messages: (topic: string, payload: Buffer) => void = () => {};
  private closed: () => void = () => {};
  private pending: { nonce: string; settle: (err: Error | null) => void } | null = null;
  private readonly events: SessionEvents = {
    control: (f) => this.onControl(f),
    message: (topic, payload) => {
      if (this.open) this.messages(topic, payload);
    },
    lost: (reason) => this.lose(reason),
  };

  constructor(
    private readonly line: DeviceSerialLine,
    private readonly o: { sn: string; secret: string; clock: Clock; timers: Timers },
  ) {}

  get connected(): boolean {
    return this.open;
  }

  onMessage(fn: (topic: string, payload: Buffer) => void): void {
    this.messages = fn;
  }

  onClose(fn: () => void): void {
    this.closed = fn;
  }

  /**
   * Sends AUTH and waits for the answer to it, sending it again (with a fresh nonce: the gateway
   * refuses a replayed one) while none comes; only the answer to the latest AUTH counts.
   */
  async connect(): Promise<void> {
    this.line.attach(this.o.sn, this.events);
    const { timers } = this.o;
    // An AUTH and its answer cross the line and the gateway checks a signature and stores a nonce.
    const everyMs = Math.max(1000, (4 * wireBytes(MAX_CONTROL_PAYLOAD) * 1000) / lineRate(this.line.spec.baud));
    await new Promise<void>((resolve, reject) => {
      let resend: unknown = null;
      const deadline = timers.setTimeout(
        () => settle(new Error(`no answer to AUTH on ${this.line.spec.path} within ${AUTH_TIMEOUT_MS / 1000} s`)),
        AUTH_TIMEOUT_MS,
      );
      const settle = (err: Error | null) => {
        timers.clearTimeout(deadline);
        timers.clearTimeout(resend);
        this.pending = null;
        if (err) reject(err);
        else resolve();
      };
      const send = () => {
        const auth = authFrame(this.o.sn, this.o.secret, { clock: this.o.clock, limits: this.line.endpoint.limits });
        this.pending = { nonce: authNonce(auth.username), settle };
        this.line.endpoint.control(auth);
        resend = timers.setTimeout(send, everyMs);
      };
      send();
    });
  }

  async subscribe(): Promise<void> {}

  async publish(topic: string, payload: Uint8Array): Promise<void> {
    const parsed = parseTopic(topic);
    if (!this.open || !parsed || !this.line.endpoint.send(TOPIC_CODES[parsed.name], payload)) {
      throw new HwbindError('internal', `offline: cannot send on ${topic}`);
    }
  }

  async end(): Promise<void> {
    if (!this.open) return this.detach();
    this.line.endpoint.control({ type: 'close', code: 'device_offline', message: 'the device is shutting down' });
    this.detach();
    await this.line.drain();
  }

  destroy(): void {
    this.detach();
  }

  drop(): void {
    this.lose('the connection was dropped');
  }

  private onControl(f: AuthOkFrame | AuthRefusedFrame | { type: 'close'; code: string; message: string }): void {
    if (f.type === 'close') {
      // While authenticating, a CLOSE answers frames of an earlier session: not this one's business.
      if (this.open) this.lose(`the gateway closed the session: ${f.code}: ${f.message}`);
      return;
    }
    const pending = this.pending;
    if (!pending || f.nonce !== pending.nonce) return;
    if (f.type === 'authRefused') return pending.settle(new Error(`refused: ${f.code}: ${f.message}`));
    this.line.endpoint.open({ window: f.window, maxFragment: f.maxFragment });
    this.open = true;
    pending.settle(null);
  }

  private lose(reason: string): void {
    if (this.pending) {
      this.pending.settle(new Error(reason));
      return;
    }
    if (!this.open) return;
    this.detach();
    this.closed();
  }

  private detach(): void {
    const wasOpen = this.open;
    this.open = false;
    this.line.release(this.events);
    if (wasOpen) this.line.endpoint.close();
  }
}
