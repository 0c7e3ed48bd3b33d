// A real gateway process and real mqtt.js devices: credentials, CONNACK codes, the topic ACL,
// bad payloads, limits and throttling.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signDeviceCredentials } from '../../protocol/credentials.js';
import { bodyOf, encodeEnvelope, envelope } from '../../protocol/messages.js';
import { topicFor } from '../../protocol/topics.js';
import { type Bundle, closedBy, connectDevice, connected, publish, subscribeOwn } from '../helpers/devices.js';
import { addModel, cli, type GatewayProcess, startGateway, tempDir } from '../helpers/processes.js';

let gw: GatewayProcess;
const bundles: Record<string, Bundle> = {};

beforeAll(async () => {
  const data = tempDir();
  addModel(data, 'T1000', 'face,fingerprint,door,screen', 'Face terminal');
  // One CSV import registers every device of this file (one process start instead of one per device).
  const sns = [
    'DEVA',
    'DEVB',
    'DEVOFF',
    'CASE1',
    'QOS2',
    'TODISABLE',
    'THROTTLED1',
    'RATE1',
    'BIG1',
    'X'.repeat(100),
    'C1',
    'C2',
    'C3',
    'C4',
    'C5',
  ];
  for (const sn of sns) bundles[sn] = { sn, secret: `secret-of-${sn.slice(0, 20)}`, model: 'T1000' };
  writeFileSync(
    join(data, 'devices.csv'),
    `sn,secret\n${sns.map((sn) => `${sn},${bundles[sn]!.secret}`).join('\n')}\n`,
  );
  const imported = cli(['vendor', 'sn', 'import', join(data, 'devices.csv'), '--data', data, '--model', 'T1000']);
  expect(imported.code, imported.stderr).toBe(0);
  gw = await startGateway({ data, args: ['--auth-failure-limit', '3', '--publish-rate', '50'] });
  const token = gw.adminToken();
  const res = await fetch(`${gw.httpUrl}/api/v1/admin/devices/DEVOFF/disabled`, {
    method: 'PUT',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ disabled: true }),
  });
  expect(res.status).toBe(200);
});

afterAll(async () => {
  expect(await gw?.stop()).toBe(0);
});

describe('device identity', () => {
  it('accepts correct credentials (and a 100-character SN) and answers hello', async () => {
    for (const sn of ['DEVA', 'X'.repeat(100)]) {
      const client = await connected(gw.mqttUrl, bundles[sn]!);
      const inbox = await subscribeOwn(client, sn);
      await publish(
        client,
        sn,
        'up/hello',
        envelope('hello', { model: 'T1000', firmwareVersion: '1.0.0', capabilities: [1, 2] }, { id: 'h1' }),
      );
      const ack = await inbox.body('helloAck');
      expect(ack.env.replyTo).toBe('h1');
      expect(bodyOf(ack.env, 'helloAck').heartbeatIntervalS).toBe(30);
      await client.endAsync();
    }
  });

  it('answers each bad credential with its CONNACK code', async () => {
    // One device per case: the gateway throttles an SN after 3 failures (--auth-failure-limit 3).
    const now = Math.floor(Date.now() / 1000);
    const sign = (sn: string, opts: { ts?: number } = {}) => signDeviceCredentials(sn, bundles[sn]!.secret, opts);
    const cases: [string, Parameters<typeof connectDevice>[2], number][] = [
      ['wrong signature', { ...sign('C1'), password: signDeviceCredentials('C1', 'not-the-secret').password }, 4],
      ['stale timestamp', sign('C2', { ts: now - 301 }), 4],
      ['future timestamp', sign('C3', { ts: now + 400 }), 4],
      ['malformed username', { clientId: 'C4', username: 'C4-no-bars' }, 4],
      ['unknown SN', signDeviceCredentials('NOSUCHDEVICE', 'x'.repeat(32)), 4],
      // A disabled device learns it only after proving its identity.
      [
        'disabled device, wrong signature',
        { ...sign('DEVOFF'), password: signDeviceCredentials('DEVOFF', 'x'.repeat(32)).password },
        4,
      ],
      ['disabled device', sign('DEVOFF'), 5],
      ['clientId differs from SN', { ...sign('C5'), clientId: 'DEVB' }, 2],
    ];
    for (const [name, override, code] of cases) {
      const r = await connectDevice(gw.mqttUrl, bundles.C1!, override);
      expect('refused' in r ? r.refused : 'connected', name).toBe(code);
    }
  });

  it('refuses a replayed nonce', async () => {
    const creds = signDeviceCredentials('DEVB', bundles.DEVB!.secret);
    const first = await connected(gw.mqttUrl, bundles.DEVB!, creds);
    await first.endAsync();
    const again = await connectDevice(gw.mqttUrl, bundles.DEVB!, creds);
    expect('refused' in again && again.refused).toBe(4);
  });

  it('throttles an SN after repeated failures, even with the right secret afterwards', async () => {
    const t = bundles.THROTTLED1!;
    for (let i = 0; i < 3; i++) {
      const r = await connectDevice(gw.mqttUrl, t, { password: '0'.repeat(64) });
      expect('refused' in r && r.refused).toBe(4);
    }
    const locked = await connectDevice(gw.mqttUrl, t);
    expect('refused' in locked && locked.refused).toBe(5);
    const metrics = await (await fetch(`${gw.httpUrl}/metrics`)).text();
    expect(metrics).toMatch(/hwbind_auth_failures_total\{reason="throttled"\} [1-9]/);
    expect(metrics).toMatch(/hwbind_auth_failures_total\{reason="bad_signature"\} [1-9]/);
  });
});

describe('topic ACL', () => {
  it("denies '#' and other devices' topics, and never delivers another device's messages", async () => {
    const a = await connected(gw.mqttUrl, bundles.DEVA!);
    const b = await connected(gw.mqttUrl, bundles.DEVB!);
    const bInbox = await subscribeOwn(b, 'DEVB');
    // mqtt.js rejects a SUBACK carrying 0x80; the granted codes ride on the error's packet.
    const granted = await a
      .subscribeAsync([
        '#',
        'hw/v1/DEVB/down/+',
        'hw/v1/+/down/+',
        'hw/v1/DEVA/up/hello',
        'hw/v1/DEVA/down/nosuchtopic',
      ])
      .then(
        (g) => g.map((x) => x.qos),
        (err: { packet?: { granted?: number[] } }) => err.packet?.granted,
      );
    expect(granted).toEqual([128, 128, 128, 128, 128]);
    const own = await a.subscribeAsync(['hw/v1/DEVA/down/+', 'hw/v1/DEVA/down/binding']);
    expect(own.map((g) => g.qos)).toEqual([0, 0]);
    // Publishing to another device's topic closes the offender's connection; B receives nothing from A.
    const closed = closedBy(a);
    a.publish(
      topicFor('DEVB', 'down/binding'),
      Buffer.from(encodeEnvelope(envelope('bindNotice', { bindingId: 'forged' }))),
      { qos: 1 },
    );
    expect(await closed).toBe(true);
    await new Promise((r) => setTimeout(r, 300));
    expect(bInbox.received.filter((m) => m.env.body === 'bindNotice')).toEqual([]);
    await b.endAsync();
  });

  it('closes a device that publishes outside the topic map', async () => {
    const a = await connected(gw.mqttUrl, bundles.DEVA!);
    const closed = closedBy(a);
    a.publish('some/other/topic', 'x', { qos: 0 });
    expect(await closed).toBe(true);
  });
});

describe('bad input', () => {
  it('answers malformed protobuf and a wrong body with an error reply, and keeps the connection', async () => {
    const a = await connected(gw.mqttUrl, bundles.DEVA!);
    const inbox = await subscribeOwn(a, 'DEVA');
    await a.publishAsync(topicFor('DEVA', 'up/hello'), Buffer.from([0x0a, 0xff, 0xff, 0x01]), { qos: 1 });
    const err = await inbox.body('error');
    expect(bodyOf(err.env, 'error').code).toBe('malformed_message');
    await publish(a, 'DEVA', 'up/records', envelope('hello', { model: 'T1000' }, { id: 'wrong-topic' }));
    const wrong = await inbox.waitFor((m) => m.env.replyTo === 'wrong-topic');
    expect(bodyOf(wrong.env, 'error').code).toBe('unexpected_message');
    await publish(
      a,
      'DEVA',
      'up/hello',
      envelope('hello', { model: 'T9999', firmwareVersion: '1.0.0' }, { id: 'wrong-model' }),
    );
    const model = await inbox.waitFor((m) => m.env.replyTo === 'wrong-model');
    expect(bodyOf(model.env, 'error').code).toBe('conflict');
    // Answers to down messages are accepted silently (no error reply).
    await publish(a, 'DEVA', 'up/reply', envelope('ack', {}, { id: 'ack-1', replyTo: 'some-notice' }));
    await publish(a, 'DEVA', 'up/heartbeat', envelope('heartbeat', { uptimeS: 5 }, { id: 'after-ack' }));
    await new Promise((r) => setTimeout(r, 300));
    expect(inbox.received.filter((m) => m.env.replyTo === 'ack-1')).toEqual([]);
    expect(a.connected).toBe(true);
    await a.endAsync();
  });

  it('refuses a payload over the topic limit with payload_too_large', async () => {
    const a = await connected(gw.mqttUrl, bundles.BIG1!);
    const inbox = await subscribeOwn(a, 'BIG1');
    await a.publishAsync(topicFor('BIG1', 'up/heartbeat'), Buffer.alloc(4096, 1), { qos: 1 });
    expect(bodyOf((await inbox.body('error')).env, 'error').code).toBe('payload_too_large');
    await a.endAsync();
  });

  it('cuts a connection announcing a packet over the broker limit before buffering it', async () => {
    const a = await connected(gw.mqttUrl, bundles.BIG1!);
    const closed = closedBy(a, 10_000);
    a.publish(topicFor('BIG1', 'up/records'), Buffer.alloc(2 * 1024 * 1024, 1), { qos: 0 });
    expect(await closed).toBe(true);
  });

  it('closes a device that exceeds the publish rate limit', async () => {
    const a = await connected(gw.mqttUrl, bundles.RATE1!);
    const closed = closedBy(a);
    const payload = Buffer.from(encodeEnvelope(envelope('heartbeat', { uptimeS: 1 })));
    for (let i = 0; i < 200; i++) a.publish(topicFor('RATE1', 'up/heartbeat'), payload, { qos: 0 });
    expect(await closed).toBe(true);
    expect(await (await fetch(`${gw.httpUrl}/metrics`)).text()).toMatch(
      /hwbind_refusals_total\{reason="rate_limited"\} [1-9]/,
    );
  });
});

describe('sessions', () => {
  it('keeps one session per SN when client ids differ only in case', async () => {
    const lower = signDeviceCredentials('case1', bundles.CASE1!.secret);
    const first = await connected(gw.mqttUrl, bundles.CASE1!, lower);
    const firstClosed = closedBy(first);
    const second = await connected(gw.mqttUrl, bundles.CASE1!);
    expect(await firstClosed).toBe(true);
    expect(second.connected).toBe(true);
    await second.endAsync();
  });

  it('closes a device that publishes with QoS 2, and one that is disabled while connected', async () => {
    const q2 = await connected(gw.mqttUrl, bundles.QOS2!);
    const q2Closed = closedBy(q2);
    q2.publish(topicFor('QOS2', 'up/heartbeat'), Buffer.from(encodeEnvelope(envelope('heartbeat', {}))), { qos: 2 });
    expect(await q2Closed).toBe(true);

    const d = await connected(gw.mqttUrl, bundles.TODISABLE!);
    const closed = closedBy(d);
    const res = await fetch(`${gw.httpUrl}/api/v1/admin/devices/todisable/disabled`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${gw.adminToken()}`, 'content-type': 'application/json' },
      body: JSON.stringify({ disabled: true }),
    });
    expect(await res.json()).toEqual({ sn: 'TODISABLE', disabled: true });
    expect(await closed).toBe(true);
    const again = await connectDevice(gw.mqttUrl, bundles.TODISABLE!);
    expect('refused' in again && again.refused).toBe(5);
  });

  it('lets a second connection with the same SN take over', async () => {
    const first = await connected(gw.mqttUrl, bundles.DEVB!);
    const firstClosed = closedBy(first);
    const second = await connected(gw.mqttUrl, bundles.DEVB!);
    expect(await firstClosed).toBe(true);
    expect(second.connected).toBe(true);
    const inbox = await subscribeOwn(second, 'DEVB');
    await publish(second, 'DEVB', 'up/hello', envelope('hello', { model: 'T1000', firmwareVersion: '2.0.0' }));
    await inbox.body('helloAck');
    await second.endAsync();
  });

  it('reports connected devices in metrics and the registry', async () => {
    const a = await connected(gw.mqttUrl, bundles.DEVA!);
    const inbox = await subscribeOwn(a, 'DEVA');
    await publish(
      a,
      'DEVA',
      'up/hello',
      envelope('hello', {
        model: 'T1000',
        firmwareVersion: '1.4.2',
        slots: [{ index: 0, version: '1.4.2', state: 2, active: true }],
      }),
    );
    await inbox.body('helloAck');
    await new Promise((r) => setTimeout(r, 1300)); // presence is flushed once a second
    const res = await fetch(`${gw.httpUrl}/api/v1/admin/devices?limit=50`, {
      headers: { authorization: `Bearer ${gw.adminToken()}` },
    });
    const { devices } = (await res.json()) as {
      devices: { sn: string; online: boolean; firmwareVersion: string; slots: { state: string }[]; secret?: string }[];
    };
    const dev = devices.find((d) => d.sn === 'DEVA')!;
    expect(dev).toMatchObject({ online: true, firmwareVersion: '1.4.2' });
    expect(dev.slots[0]!.state).toBe('confirmed');
    expect(dev.secret).toBeUndefined();
    expect(await (await fetch(`${gw.httpUrl}/metrics`)).text()).toMatch(/hwbind_connected_devices [1-9]/);
    await a.endAsync();
  });
});

describe('heartbeat timeout', () => {
  it('disconnects a device silent for three heartbeat intervals', async () => {
    const data = tempDir();
    addModel(data, 'T1', 'face', 'T');
    const bundle = cli(['vendor', 'device', 'add', '--data', data, '--model', 'T1', '--sn', 'QUIET1']).json<Bundle>();
    const quick = await startGateway({ data, args: ['--heartbeat-interval', '1'] });
    try {
      const device = await connected(quick.mqttUrl, bundle, { keepalive: 0 });
      const start = Date.now();
      expect(await closedBy(device, 8000)).toBe(true);
      expect(Date.now() - start).toBeGreaterThanOrEqual(2500);
      // The gateway's JSON log is written asynchronously: give the line a moment to arrive.
      for (let i = 0; i < 40 && !quick.logs().includes('heartbeat_timeout'); i++)
        await new Promise((r) => setTimeout(r, 50));
      expect(quick.logs()).toContain('heartbeat_timeout');
    } finally {
      await quick.stop();
    }
  });

  it('stops on SIGTERM with devices connected, exit code 0', async () => {
    const data = tempDir();
    addModel(data, 'T1', 'face', 'T');
    const bundle = cli(['vendor', 'device', 'add', '--data', data, '--model', 'T1', '--sn', 'BUSY1']).json<Bundle>();
    const busy = await startGateway({ data });
    const device = await connected(busy.mqttUrl, bundle);
    const closed = closedBy(device, 10_000);
    expect(await busy.stop()).toBe(0);
    expect(await closed).toBe(true);
  });
});
