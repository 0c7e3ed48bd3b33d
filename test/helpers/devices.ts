// A bare mqtt.js device for gateway tests: real credentials from protocol/, real MQTT.
import mqtt, { type IClientOptions, type MqttClient } from 'mqtt';
import { signDeviceCredentials } from '../../protocol/credentials.js';
import {
  type BodyCase,
  decodeEnvelope,
  type Envelope,
  type EnvelopeInit,
  encodeEnvelope,
} from '../../protocol/messages.js';
import { deviceSubscription, type TopicName, topicFor } from '../../protocol/topics.js';

export interface Bundle {
  sn: string;
  secret: string;
  model: string;
}

export type ConnectResult = { client: MqttClient } | { refused: number };

/** Connects with the given (or correct) credentials; resolves with the client or the CONNACK code. */
export function connectDevice(
  url: string,
  bundle: Bundle,
  override: Partial<{ clientId: string; username: string; password: string }> & IClientOptions = {},
): Promise<ConnectResult> {
  const creds = signDeviceCredentials(bundle.sn, bundle.secret);
  return new Promise((resolve, reject) => {
    const client = mqtt.connect(url, {
      protocolVersion: 4,
      reconnectPeriod: 0,
      connectTimeout: 10_000,
      clean: true,
      ...creds,
      ...override,
    });
    client.once('connect', () => resolve({ client }));
    client.once('error', (err: Error & { code?: number }) => {
      client.end(true);
      if (typeof err.code === 'number') resolve({ refused: err.code });
      else reject(err);
    });
  });
}

export async function connected(
  url: string,
  bundle: Bundle,
  override: Parameters<typeof connectDevice>[2] = {},
): Promise<MqttClient> {
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
  async waitFor(
    pred: (m: { topic: string; env: Envelope }) => boolean,
    timeoutMs = 5000,
  ): Promise<{ topic: string; env: Envelope }> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const hit = this.received.find(pred);
      if (hit) return hit;
      if (Date.now() > deadline)
        throw new Error(
          `timed out; received: ${this.received.map((m) => `${m.topic}:${m.env.body}`).join(', ') || 'nothing'}`,
        );
      await new Promise((r) => setTimeout(r, 20));
    }
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
