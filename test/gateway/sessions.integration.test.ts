// Device sessions against a real gateway: heartbeats move the stored last-seen time, and an error
// reply names the refused message whenever its id could be read.
import type { MqttClient } from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeEnvelope, envelope } from '../../protocol/messages.js';
import { topicFor } from '../../protocol/topics.js';
import { connected, type Inbox, publish, subscribeOwn } from '../helpers/devices.js';
import { type Enterprise, startEnterprise } from '../helpers/enterprise.js';
import { until } from '../helpers/until.js';

let ent: Enterprise;
let client: MqttClient;
let inbox: Inbox;
const SN = 'SESSION1';

beforeAll(async () => {
  ent = await startEnterprise({ face: [SN] });
  client = await connected(ent.gw.mqttUrl, { sn: SN, secret: ent.devices.get(SN)!.secret, model: 'T1000' });
  inbox = await subscribeOwn(client, SN);
  await publish(client, SN, 'up/hello', envelope('hello', { model: 'T1000', firmwareVersion: '1.0.0' }));
  await inbox.body('helloAck');
});

afterAll(async () => {
  await client?.endAsync();
  expect(await ent?.gw.stop()).toBe(0);
});

async function lastSeen(): Promise<number | null> {
  const res = await fetch(`${ent.gw.httpUrl}/api/v1/admin/devices`, {
    headers: { authorization: `Bearer ${ent.adminToken}` },
  });
  const { devices } = (await res.json()) as { devices: { sn: string; lastSeen: number | null }[] };
  return devices.find((d) => d.sn === SN)?.lastSeen ?? null;
}

describe('sessions', () => {
  it('stores the time of the latest heartbeat as the last-seen time', async () => {
    const first = await until('a stored last-seen time', lastSeen);
    await until('the clock to move on', () => (Date.now() > first + 20 ? true : null));
    await publish(client, SN, 'up/heartbeat', envelope('heartbeat', { uptimeS: 1 }));
    const later = await until('a later last-seen time', async () => {
      const t = await lastSeen();
      return t !== null && t > first ? t : null;
    });
    expect(later).toBeGreaterThan(first);
  });

  it.each([
    ['no body', encodeEnvelope({ id: 'nobody1', tsMs: Date.now() })],
    [
      'a reply_to longer than 64 characters',
      encodeEnvelope(envelope('heartbeat', {}, { id: 'longreply1', replyTo: 'r'.repeat(65) })),
    ],
  ])('answers an envelope with %s with an ErrorReply naming its id', async (_what, payload) => {
    const id = _what === 'no body' ? 'nobody1' : 'longreply1';
    await client.publishAsync(topicFor(SN, 'up/heartbeat'), Buffer.from(payload), { qos: 1 });
    const reply = await inbox.waitFor((m) => m.env.body === 'error' && m.env.replyTo === id);
    expect(reply.env.error?.code).toBe('malformed_message');
  });
});
