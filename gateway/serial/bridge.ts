import { ERROR_CODES, type ErrorCode } from '../../protocol/errors.js';
import { LinkEndpoint } from '../../protocol/serial-channel.js';
import {
  type AuthFrame,
  authNonce,
  authSn,
  type ControlFrame,
  LINK_VERSION,
  type PortSpec,
  TOPIC_CODES,
  topicForCode,
} from '../../protocol/serial-link.js';
import { SerialLine } from '../../protocol/serial-port.js';
import { type DownTopic, MAX_UP_PAYLOAD, type ParsedTopic, TOPICS } from '../../protocol/topics.js';
import { AuthRefusal, type TransportOptions } from '../broker/device-auth.js';
import { TokenBucket } from '../broker/rate-limit.js';
import { clip } from '../broker/refusal-log.js';
import type { DeviceLink } from '../devices/link.js';
import type { Logger } from '../logger.js';
import type { SerialPortReport } from '../metrics.js';
import type { GatewayModule } from '../module.js';

export interface SerialBridgeOptions extends TransportOptions {
  ports: PortSpec[];
}

/** Which port holds each device's session. */
interface Holders {
  claim(sn: string, port: BridgePort): void;
  release(sn: string, port: BridgePort): void;
}

export class SerialBridge implements DeviceLink, GatewayModule {
  readonly name = 'serial';
  private readonly ports: BridgePort[];
  private readonly holder = new Map<string, BridgePort>();

  constructor(o: SerialBridgeOptions) {
    const holders: Holders = {
      claim: (sn, port) => {
        const previous = this.holder.get(sn);
        this.holder.set(sn, port);
        // The device moved to another port: its old session is over, but the device is not gone.
        if (previous && previous !== port) previous.drop(sn);
        o.listener.connected(sn, port.address);
      },
      release: (sn, port) => {
        if (this.holder.get(sn) !== port) return;
        this.holder.delete(sn);
        o.listener.disconnected(sn);
      },
    };
    this.ports = o.ports.map((spec) => new BridgePort(spec, o, holders));
    o.metrics.reportSerialPorts(() => this.ports.map((p) => p.report()));
  }

  async start(): Promise<void> {
    for (const p of this.ports) p.start();
  }

  async stop(): Promise<void> {
    await Promise.all(this.ports.map((p) => p.stop()));
  }

  send(sn: string, topic: DownTopic, payload: Uint8Array): Promise<boolean> {
    return Promise.resolve(this.holder.get(sn)?.send(sn, topic, payload) ?? false);
  }

  disconnect(sn: string): void {
    this.holder
      .get(sn)
      ?.end(
        'conflict',
        'the gateway closed this session (heartbeat timeout, device disabled, or the device connected elsewhere)',
      );
  }
}

interface Session {
  sn: string;
  bucket: TokenBucket;
}

class BridgePort {
  readonly address: string;
  private readonly line: SerialLine;
  private readonly endpoint: LinkEndpoint;
  private readonly log: Logger;
  private session: Session | null = null;
  /** AUTHs are checked one at a time, in arrival order: the latest one wins. */
  private auths: Promise<void> = Promise.resolve();
  /** A device's messages are handled one at a time, in arrival order. */
  private inbox: Promise<void> = Promise.resolve();
  private lastStrayAnswer = Number.NEGATIVE_INFINITY;

  constructor(
    readonly spec: PortSpec,
    private readonly o: SerialBridgeOptions,
    private readonly holders: Holders,
  ) {
    this.address = `serial:${spec.path}`;
    this.log = o.logger.child({ port: spec.path });
    this.endpoint = new LinkEndpoint({
      clock: o.clock,
      timers: { setTimeout: (fn, ms) => setTimeout(fn, ms), clearTimeout: (h) => clearTimeout(h as NodeJS.Timeout) },
      baud: spec.baud,
      maxMessage: MAX_UP_PAYLOAD,
      write: (wire) => this.line.write(wire),
      onControl: (f) => this.onControl(f),
      onMessage: (code, bytes) => this.onMessage(code, bytes),
      onOversized: (_, total) =>
        this.end('payload_too_large', `a message of ${total} bytes exceeds the largest a device may send`),
      onStray: () => this.onStray(),
      onDead: () => {
        this.log.info({ sn: this.session?.sn }, 'the device stopped acknowledging frames: session ended');
        this.end('device_timeout', 'no acknowledgement through every retry');
      },
    });
    this.line = new SerialLine({
      spec,
      reopen: true,
      onData: (chunk) => this.endpoint.input(chunk),
      onOpen: () => {
        this.endpoint.lineReset();
        this.log.info({ baud: spec.baud }, 'serial port open');
        // A device that held a session on this line before (a gateway restart, a replug) learns it at once.
        this.endpoint.control({ type: 'close', code: 'unauthorized', message: 'no session on this port: send AUTH' });
      },
      onClosed: (err, retryMs) => {
        if (this.session) this.log.warn({ sn: this.session.sn }, 'serial port lost: session ended');
        this.endSession();
        this.log.warn({ err: err?.message, retryMs }, 'serial port unavailable: trying again');
      },
    });
  }

  start(): void {
    this.line.start();
  }

  async stop(): Promise<void> {
    this.end('conflict', 'the gateway is stopping');
    await this.line.drain();
    this.endpoint.dispose();
    await this.line.stop();
  }

  report(): SerialPortReport {
    return { port: this.spec.path, open: this.line.isOpen, reopens: this.line.reopens, stats: this.endpoint.stats };
  }

  send(sn: string, topic: DownTopic, payload: Uint8Array): boolean {
    if (this.session?.sn !== sn || !this.endpoint.send(TOPIC_CODES[topic], payload)) return false;
    this.o.metrics.countMessage(topic, 'down');
    return true;
  }

  /** Ends the session with a CLOSE telling the device why. */
  end(code: ErrorCode, message: string): void {
    if (!this.session) return;
    this.endpoint.control({ type: 'close', code, message });
    this.endSession();
  }

  /** Ends the session of `sn` without telling anyone: it continues on another port. */
  drop(sn: string): void {
    if (this.session?.sn !== sn) return;
    this.endpoint.control({ type: 'close', code: 'conflict', message: 'the device connected on another port' });
    this.session = null;
    this.endpoint.close();
  }

  private endSession(): void {
    const s = this.session;
    if (!s) return;
    this.session = null;
    this.endpoint.close();
    this.holders.release(s.sn, this);
  }

  private onControl(f: ControlFrame): void {
    if (f.type === 'auth') {
      this.auths = this.auths
        .then(() => this.authenticate(f))
        .catch((err: unknown) => this.log.error({ err }, 'serial authentication failed internally'));
      return;
    }
    if (f.type === 'close') {
      if (this.session)
        this.log.info({ sn: this.session.sn, code: f.code }, `the device ended its session: ${clip(f.message)}`);
      this.endSession();
      return;
    }
    this.log.debug({ type: f.type }, 'ignored a frame a gateway does not take');
  }

  private async authenticate(f: AuthFrame): Promise<void> {
    const nonce = authNonce(f.username);
    // An AUTH means the device left whatever session it had: nothing more goes out in that one.
    const previous = this.session;
    this.session = null;
    this.endpoint.close();
    try {
      const device = await this.o.auth.authenticate({
        clientId: authSn(f.username),
        username: f.username,
        password: Buffer.from(f.password, 'utf8'),
        ip: this.address,
      });
      // The port may have gone away while the store answered: then no session opens.
      const open = this.line.isOpen;
      if (previous && (previous.sn !== device.sn || !open)) this.holders.release(previous.sn, this);
      if (!open) return;
      this.endpoint.open({ window: f.window, maxFragment: f.maxFragment });
      this.session = { sn: device.sn, bucket: new TokenBucket(this.o.publishRate, this.o.clock.now()) };
      this.endpoint.control({ type: 'authOk', version: LINK_VERSION, ...this.endpoint.limits, nonce });
      this.o.metrics.authSuccesses.inc();
      this.log.info({ sn: device.sn }, 'device authenticated on the serial line');
      this.holders.claim(device.sn, this);
    } catch (err) {
      if (previous) this.holders.release(previous.sn, this);
      const refusal = err instanceof AuthRefusal ? err : null;
      const reason = refusal?.code ?? 'internal';
      this.o.metrics.authFailures.inc({ reason });
      // An unknown SN and a wrong signature look the same on the line, so nobody can probe SNs.
      const code: ErrorCode = reason === 'unknown_device' || reason === 'bad_signature' ? 'bad_credentials' : reason;
      const message = code === 'bad_credentials' || !refusal ? ERROR_CODES[code] : refusal.message;
      this.endpoint.control({ type: 'authRefused', nonce, code, message });
      if (refusal)
        this.log.warn({ sn: clip(authSn(f.username)), reason }, `serial connect refused: ${refusal.message}`);
      else throw err;
    }
  }

  private onMessage(code: number, bytes: Buffer): void {
    const s = this.session;
    if (!s) return;
    const name = topicForCode(code, 'up');
    if (!name) return this.end('forbidden', `topic code 0x${code.toString(16)} is not one a device sends on`);
    if (!s.bucket.take(this.o.clock.now())) {
      this.o.metrics.refusals.inc({ reason: 'rate_limited' });
      return this.end('rate_limited', `more than ${this.o.publishRate} messages/s`);
    }
    this.o.metrics.countMessage(name, 'up');
    const topic: ParsedTopic = { sn: s.sn, name, spec: TOPICS[name] };
    this.inbox = this.inbox
      .then(() => this.o.listener.message(s.sn, topic, bytes))
      .catch((err: unknown) => {
        this.log.error({ err, sn: s.sn, topic: name }, 'message not processed; session closed so the device retries');
        if (this.session === s) this.end('internal', 'the gateway could not process a message: send it again');
      });
  }

  /** DATA without a session (a gateway restart, a lost AUTH_OK): the device is told to authenticate. */
  private onStray(): void {
    const now = this.o.clock.now();
    if (now - this.lastStrayAnswer < 1000) return;
    this.lastStrayAnswer = now;
    this.endpoint.control({ type: 'close', code: 'unauthorized', message: 'no session on this port: send AUTH' });
  }
}
