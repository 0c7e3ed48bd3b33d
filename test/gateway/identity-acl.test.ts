// A real gateway process and real mqtt.js devices: credentials, CONNACK codes, lock-outs, the topic
// ACL, bad payloads, limits and throttling; and a gateway with a one-second heartbeat interval.
import type { MqttClient } from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signDeviceCredentials } from '../../protocol/credentials.js';
import { bodyOf, encodeEnvelope, envelope } from '../../protocol/messages.js';
import { topicFor } from '../../protocol/topics.js';
import { type AdminCall, adminApi, testAdminToken } from '../helpers/admin.js';
import { type Bundle, closedBy, connectDevice, connected, publish, subscribeOwn } from '../helpers/devices.js';
import { metric } from '../helpers/metrics.js';
import { type GatewayProcess, startGateway } from '../helpers/processes.js';
import { until } from '../helpers/until.js';

let gw: GatewayProcess;
let admin: AdminCall;
const bundles: Record<string, Bundle> = {};

/**
 * Tests that fail connects on purpose do so from a loopback address of their own: the gateway locks
 * out an SN per address after 3 failed connects a minute (--auth-failure-limit 3) and an address after
 * 30, so cases sharing an address would trip each other's lock-outs.
 */
const from = (n: number) => ({ localAddress: `127.0.0.${n}` });

/** Registers the devices (secret `secret-of-SN`) and the model they need through the admin API. */
async function register(call: AdminCall, sns: string[]): Promise<Record<string, Bundle>> {
  await call('POST', '/models', { id: 'T1000', name: 'Face terminal', capabilities: 'face,fingerprint,door,screen' });
  const out: Record<string, Bundle> = {};
  for (const sn of sns) out[sn] = { sn, secret: `secret-of-${sn.slice(0, 20)}`, model: 'T1000' };
  const csv = `sn,secret\n${sns.map((sn) => `${sn},${out[sn]!.secret}`).join('\n')}\n`;
  await call('POST', '/devices/import?model=T1000', csv, 'text/csv');
  return out;
}

async function registryDevice(call: AdminCall, sn: string) {
  const { devices } = await call<{
    devices: { sn: string; online: boolean; firmwareVersion: string; slots: { state: string }[]; secret?: string }[];
  }>('GET', '/devices?limit=100');
  return devices.find((d) => d.sn === sn)!;
}

beforeAll(async () => {
  const token = testAdminToken();
  gw = await startGateway({
    args: ['--auth-failure-limit', '3', '--publish-rate', '50'],
    env: { HWBIND_ADMIN_TOKEN: token },
  });
  admin = adminApi(gw, token);
  Object.assign(
    bundles,
    await register(admin, [
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
      'LOCK1',
    ]),
  );
  await admin('PUT', '/devices/DEVOFF/disabled', { disabled: true });
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
      const r = await connectDevice(gw.mqttUrl, bundles.C1!, { ...override, ...from(2) });
      expect('refused' in r ? r.refused : 'connected', name).toBe(code);
    }
  });

  it('refuses a replayed nonce', async () => {
    const creds = signDeviceCredentials('DEVB', bundles.DEVB!.secret);
    const first = await connected(gw.mqttUrl, bundles.DEVB!, { ...creds, ...from(3) });
    await first.endAsync();
    const again = await connectDevice(gw.mqttUrl, bundles.DEVB!, { ...creds, ...from(3) });
    expect('refused' in again && again.refused).toBe(4);
  });

  it('throttles an SN after repeated failures from an address, even with the right secret, there only', async () => {
    const t = bundles.THROTTLED1!;
    const throttled = await metric(gw.httpUrl, 'hwbind_auth_failures_total', { reason: 'throttled' });
    for (let i = 0; i < 3; i++) {
      const r = await connectDevice(gw.mqttUrl, t, { password: '0'.repeat(64), ...from(4) });
      expect('refused' in r && r.refused).toBe(4);
    }
    const locked = await connectDevice(gw.mqttUrl, t, from(4));
    expect('refused' in locked && locked.refused).toBe(5);
    expect(await metric(gw.httpUrl, 'hwbind_auth_failures_total', { reason: 'throttled' })).toBe(throttled + 1);
    // Someone who knows the SN (it is on the label) cannot lock the real device out from elsewhere.
    await (await connected(gw.mqttUrl, t, from(5))).endAsync();
  });

  it('locks out an address after 30 failed connects a minute, whatever the SNs, and only that address', async () => {
    const [first, second, elsewhere] = [from(10), from(11), from(12)];
    // Unknown SNs, one per attempt: only the address's count grows, never one SN's.
    let n = 0;
    const fail = async (at: { localAddress: string }) => {
      const r = await connectDevice(gw.mqttUrl, { sn: `NOSUCH${n++}`, secret: 'x'.repeat(32), model: 'T1000' }, at);
      expect('refused' in r && r.refused).toBe(4);
    };
    for (let i = 0; i < 29; i++) {
      await fail(first);
      await fail(second);
    }
    // 29 each, 58 in all: failures from several addresses do not add up.
    await (await connected(gw.mqttUrl, bundles.LOCK1!, first)).endAsync();
    await (await connected(gw.mqttUrl, bundles.LOCK1!, second)).endAsync();
    await fail(first);
    const throttled = await metric(gw.httpUrl, 'hwbind_auth_failures_total', { reason: 'throttled' });
    const locked = await connectDevice(gw.mqttUrl, bundles.LOCK1!, first);
    expect('refused' in locked && locked.refused).toBe(5);
    expect(await metric(gw.httpUrl, 'hwbind_auth_failures_total', { reason: 'throttled' })).toBe(throttled + 1);
    await (await connected(gw.mqttUrl, bundles.LOCK1!, second)).endAsync();
    await (await connected(gw.mqttUrl, bundles.LOCK1!, elsewhere)).endAsync();
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
    // Publishing to another device's topic is refused (counted) and closes the offender's connection.
    const forbidden = await metric(gw.httpUrl, 'hwbind_refusals_total', { reason: 'forbidden' });
    const closed = closedBy(a);
    a.publish(
      topicFor('DEVB', 'down/binding'),
      Buffer.from(encodeEnvelope(envelope('bindNotice', { bindingId: 'forged' }))),
      { qos: 1 },
    );
    expect(await closed).toBe(true);
    expect(await metric(gw.httpUrl, 'hwbind_refusals_total', { reason: 'forbidden' })).toBe(forbidden + 1);
    // B's own round trip, answered after anything sent to it before, brings no BindNotice.
    await publish(
      b,
      'DEVB',
      'up/hello',
      envelope('hello', { model: 'T1000', firmwareVersion: '1.0.0' }, { id: 'bar' }),
    );
    await bInbox.waitFor((m) => m.env.replyTo === 'bar');
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
    // Answers to down messages are taken silently: no error reply, no refusal counted. One
    // connection's messages are handled in order, so the hello's answer comes after anything the
    // ack set off.
    const refusals = await metric(gw.httpUrl, 'hwbind_refusals_total');
    await publish(a, 'DEVA', 'up/reply', envelope('ack', {}, { id: 'ack-1', replyTo: 'some-notice' }));
    await publish(a, 'DEVA', 'up/hello', envelope('hello', { model: 'T1000' }, { id: 'after-ack' }));
    await inbox.waitFor((m) => m.env.replyTo === 'after-ack');
    expect(inbox.received.filter((m) => m.env.replyTo === 'ack-1')).toEqual([]);
    expect(await metric(gw.httpUrl, 'hwbind_refusals_total')).toBe(refusals);
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
    // Answered, so connected as far as the gateway is concerned (the CONNACK comes a little before).
    const inbox = await subscribeOwn(d, 'TODISABLE');
    await publish(d, 'TODISABLE', 'up/hello', envelope('hello', { model: 'T1000' }, { id: 'hello-d' }));
    await inbox.waitFor((m) => m.env.replyTo === 'hello-d');
    const closed = closedBy(d);
    expect(await admin('PUT', '/devices/todisable/disabled', { disabled: true })).toEqual({
      sn: 'TODISABLE',
      disabled: true,
    });
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
    // Presence and hello reports reach the store in batches, once a second.
    const dev = await until('the hello in the registry', async () => {
      const d = await registryDevice(admin, 'DEVA');
      return d.firmwareVersion === '1.4.2' ? d : null;
    });
    expect(dev.online).toBe(true);
    expect(dev.slots[0]!.state).toBe('confirmed');
    expect(dev.secret).toBeUndefined();
    expect(await metric(gw.httpUrl, 'hwbind_connected_devices')).toBeGreaterThanOrEqual(1);
    await a.endAsync();
  });
});

describe('a gateway with a one-second heartbeat interval', () => {
  let quick: GatewayProcess;
  let call: AdminCall;
  let quiet: Record<string, Bundle>;

  beforeAll(async () => {
    const token = testAdminToken();
    quick = await startGateway({ args: ['--heartbeat-interval', '1'], env: { HWBIND_ADMIN_TOKEN: token } });
    call = adminApi(quick, token);
    quiet = await register(call, ['QUIET1', 'BUSY1']);
  });

  afterAll(async () => {
    await quick?.stop();
  });

  /** The timeout is what is tested: the gateway is another process, so its time passes for real. */
  const at = (time: number) => new Promise((r) => setTimeout(r, Math.max(0, time - Date.now())));

  it('keeps a device online until three intervals after its last heartbeat, then disconnects it', async () => {
    const device: MqttClient = await connected(quick.mqttUrl, quiet.QUIET1!, { keepalive: 0 });
    const connectedAt = Date.now();
    const closedAt = new Promise<number>((resolve) => device.once('close', () => resolve(Date.now())));
    const beat = async () => {
      const sent = Date.now();
      await publish(device, 'QUIET1', 'up/heartbeat', envelope('heartbeat', { uptimeS: 1 }));
      return sent;
    };
    await beat();
    await at(connectedAt + 1500);
    // The gateway saw this heartbeat no earlier than it was sent: its deadline is 3 s after.
    const lastSent = await beat();
    // Online before the deadline: the connection, the gauge and the registry (written once a second).
    await at(lastSent + 2500);
    expect(device.connected).toBe(true);
    expect(await metric(quick.httpUrl, 'hwbind_connected_devices')).toBe(1);
    expect((await registryDevice(call, 'QUIET1')).online).toBe(true);
    expect(quick.logs()).not.toContain('heartbeat_timeout');
    // Disconnected after it, on the next sweep (every second).
    const closed = await closedAt;
    expect(closed - lastSent).toBeGreaterThanOrEqual(3000);
    expect(closed - lastSent).toBeLessThan(3000 + 1000 + 1000);
    expect(closed - connectedAt).toBeGreaterThan(4500);
    await until('heartbeat_timeout in the log', () => (quick.logs().includes('heartbeat_timeout') ? true : null));
    await until('QUIET1 offline in the registry', async () =>
      (await registryDevice(call, 'QUIET1')).online ? null : true,
    );
    expect(await metric(quick.httpUrl, 'hwbind_connected_devices')).toBe(0);
  });

  it('stops on SIGTERM with devices connected, exit code 0', async () => {
    const device = await connected(quick.mqttUrl, quiet.BUSY1!);
    const closed = closedBy(device, 10_000);
    expect(await quick.stop()).toBe(0);
    expect(await closed).toBe(true);
  });
});
