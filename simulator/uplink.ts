// How a simulated device reaches the gateway, one Uplink per connection attempt: MQTT over TCP or
// TLS here, a serial line in serial-line.ts. The device's link steps (connect → subscribe → hello)
// and its firmware loop see only this interface; topics are full MQTT topic names on both.
import { connect as netConnect } from 'node:net';
import { connect as tlsConnect } from 'node:tls';
import { MqttClient } from 'mqtt';
import type { Clock } from '../protocol/clock.js';
import { signDeviceCredentials } from '../protocol/credentials.js';
import { deviceSubscription } from '../protocol/topics.js';

export interface Uplink {
  /** What the device's Hello says about its network. */
  readonly network: { ip: string; transport: string };
  readonly connected: boolean;
  /** Opens the connection with fresh credentials; rejects with the reason it could not. */
  connect(): Promise<void>;
  /** Asks for the device's down topics (implicit on a serial line). */
  subscribe(): Promise<void>;
  publish(topic: string, payload: Uint8Array, qos: 0 | 1): Promise<void>;
  /** Down messages. Set before connect. */
  onMessage(fn: (topic: string, payload: Buffer) => void): void;
  /** The connection was lost after it was up. Set before connect. */
  onClose(fn: () => void): void;
  /** A clean goodbye. */
  end(): Promise<void>;
  /** The device goes silent without a word (a power cut, or a connect that failed). */
  destroy(): void;
  /** The network drops the connection; the device notices. */
  drop(): void;
}

const CONNECT_TIMEOUT_MS = 10_000;

export interface MqttUplinkOptions {
  url: string;
  sn: string;
  secret: string;
  clock: Clock;
  /** Source address for the TCP connection (spreads a large fleet over 127.0.0.x). */
  localAddress?: string;
  /** PEM CA for mqtts:// brokers with a private certificate. */
  ca?: string;
  /** The last error the connection reported. */
  onError(message: string): void;
  lastError(): string | null;
}

export class MqttUplink implements Uplink {
  private client: MqttClient | null = null;
  private messages: (topic: string, payload: Buffer) => void = () => {};
  private closed: () => void = () => {};

  constructor(private readonly o: MqttUplinkOptions) {}

  get network(): { ip: string; transport: string } {
    return {
      ip: (this.client?.stream as { localAddress?: string } | undefined)?.localAddress ?? '',
      transport: 'ethernet',
    };
  }

  get connected(): boolean {
    return this.client?.connected === true;
  }

  onMessage(fn: (topic: string, payload: Buffer) => void): void {
    this.messages = fn;
  }

  onClose(fn: () => void): void {
    this.closed = fn;
  }

  async connect(): Promise<void> {
    const url = new URL(this.o.url);
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
    const creds = signDeviceCredentials(this.o.sn, this.o.secret, { clock: this.o.clock });
    const client = new MqttClient(streamBuilder, {
      ...creds,
      protocolVersion: 4,
      clean: true,
      keepalive: 60,
      reconnectPeriod: 0,
      connectTimeout: CONNECT_TIMEOUT_MS,
    });
    this.client = client;
    client.on('error', (err) => this.o.onError(err.message));
    await new Promise<void>((resolve, reject) => {
      const closed = () => reject(new Error(this.o.lastError() ?? 'connection closed'));
      client.once('close', closed);
      client.once('connect', () => {
        client.off('close', closed);
        resolve();
      });
    });
    client.on('message', (topic, payload) => this.messages(topic, payload));
    client.on('close', () => {
      // mqtt.js fails only QoS 0 publishes at a close: one waiting for its PUBACK would wait forever
      // (and the firmware loop behind it), so the lost connection fails them now.
      client.end(true);
      if (this.client !== client) return;
      this.client = null;
      this.closed();
    });
  }

  async subscribe(): Promise<void> {
    await this.client!.subscribeAsync(deviceSubscription(this.o.sn), { qos: 1 });
  }

  async publish(topic: string, payload: Uint8Array, qos: 0 | 1): Promise<void> {
    if (!this.client) throw new Error('offline');
    await this.client.publishAsync(topic, Buffer.from(payload), { qos });
  }

  async end(): Promise<void> {
    const client = this.client;
    this.client = null;
    if (client) await client.endAsync().catch(() => undefined);
  }

  destroy(): void {
    const client = this.client;
    this.client = null;
    client?.stream.destroy();
    client?.end(true);
  }

  drop(): void {
    this.client?.stream.destroy();
  }
}
