// A bare mqtt.js device for gateway tests: real credentials from protocol/, real MQTT.
import { connect as netConnect } from 'node:net';
import mqtt, { type IClientOptions, MqttClient } from 'mqtt';
import { signDeviceCredentials } from '../../protocol/credentials.js';
import {
  type BodyCase,
  decodeEnvelope,
  type Envelope,
  type EnvelopeInit,
  encodeEnvelope,
} from '../../protocol/messages.js';
import { deviceSubscription, type TopicName, topicFor } from '../../protocol/topics.js';
import { until } from './until.js';

export interface Bundle {
  sn: string;
  secret: string;
  model: string;
}

export type ConnectResult = { client: MqttClient } | { refused: number };

export type ConnectOptions = Partial<{ clientId: string; username: string; password: string }> &
  IClientOptions & {
    /**
     * The loopback source address (127.0.0.x) to connect from, over plain TCP: the gateway keys its
     * failed-connect lock-outs by address, so tests that fail on purpose use one of their own.
     */
    localAddress?: string;
  };

/** Connects with the given (or correct) credentials; resolves with the client or the CONNACK code. */
export function connectDevice(url: string, bundle: Bundle, override: ConnectOptions = {}): Promise<ConnectResult> {
  const creds = signDeviceCredentials(bundle.sn, bundle.secret);
  const { localAddress, ...rest } = override;
  const options: IClientOptions = {
    protocolVersion: 4,
    reconnectPeriod: 0,
    connectTimeout: 10_000,
    clean: true,
    ...creds,
    ...rest,
  };
  const { protocol, hostname, port } = new URL(url);
  if (localAddress && protocol !== 'mqtt:') throw new Error(`localAddress needs an mqtt:// URL, not ${url}`);
  return new Promise((resolve, reject) => {
    // mqtt.js does not pass localAddress on to net.connect: the socket is built here.
    const client = localAddress
      ? new MqttClient(() => netConnect({ host: hostname, port: Number(port), localAddress }), options)
      : mqtt.connect(url, options);
    client.once('connect', () => resolve({ client }));
    client.once('error', (err: Error & { code?: number }) => {
      client.end(true);
      if (typeof err.code === 'number') resolve({ refused: err.code });
      else reject(err);
    });
    // Settles nothing once connected or refused; otherwise the gateway closed without a CONNACK.
    client.once('close', () => reject(new Error('connection closed without a CONNACK')));
  });
}

export async function connected(url: string, bundle: Bundle, override: ConnectOptions = {}): Promise<MqttClient> {
  const r = await connectDevice(url, bundle, override);
  if ('refused' in r) throw new Error(`connect refused with CONNACK ${r.refused}`);
  return r.client;
}

/** Collects decoded envelopes the device receives, by topic name. */
export class Inbox {
  readonly received: { topic: string; env: Envelope }[] = [];
  constructor(readonly client: MqttClient) {
    client.on('message', (topic, payload) => this.received.push({ topic, env: decodeEnvelope(payload) }));
  }
  waitFor(
    pred: (m: { topic: string; env: Envelope }) => boolean,
    timeoutMs = 5000,
  ): Promise<{ topic: string; env: Envelope }> {
    return until('a matching message', () => this.received.find(pred) ?? null, timeoutMs, 20).catch((err: Error) => {
      const got = this.received.map((m) => `${m.topic}:${m.env.body}`).join(', ') || 'nothing';
      throw new Error(`${err.message}; received: ${got}`);
    });
  }
  body(bodyCase: BodyCase, timeoutMs?: number) {
    return this.waitFor((m) => m.env.body === bodyCase, timeoutMs);
  }
}

export async function subscribeOwn(client: MqttClient, sn: string): Promise<Inbox> {
  const inbox = new Inbox(client);
  await client.subscribeAsync(deviceSubscription(sn), { qos: 1 });
  return inbox;
}

export function publish(
  client: MqttClient,
  sn: string,
  name: TopicName,
  env: EnvelopeInit,
  qos: 0 | 1 = 1,
): Promise<unknown> {
  return client.publishAsync(topicFor(sn, name), Buffer.from(encodeEnvelope(env)), { qos });
}

/** Resolves when the client is closed by the other side. */
export function closedBy(client: MqttClient, timeoutMs = 5000): Promise<boolean> {
  return new Promise((resolve) => {
    if (!client.connected) return resolve(true);
    const t = setTimeout(() => resolve(false), timeoutMs);
    client.once('close', () => {
      clearTimeout(t);
      resolve(true);
    });
  });
}
