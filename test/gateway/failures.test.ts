// What a real gateway process answers when something fails under it: its store (a QoS 1 message it
// could not handle is not acknowledged and comes again; CONNACK 3; HTTP 500), a login whose
// connection closes while it is checked, requests it cannot take (HTTP 400, 413), and a stop in
// progress (/readyz 503). The store is made to fail from outside, through SQLite itself: another
// connection moves one of its tables aside, so every statement on that table fails as on a damaged
// data directory, then puts it back.
import { request } from 'node:http';
import { connect, type Socket } from 'node:net';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import mqttPacket from 'mqtt-packet';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signDeviceCredentials } from '../../protocol/credentials.js';
import { encodeEnvelope, envelope } from '../../protocol/messages.js';
import { topicFor } from '../../protocol/topics.js';
import { type Bundle, closedBy, connectDevice, connected, publish, subscribeOwn } from '../helpers/devices.js';
import { type Enterprise, startEnterprise } from '../helpers/enterprise.js';
import { metric } from '../helpers/metrics.js';
import { until } from '../helpers/until.js';

let ent: Enterprise;
let db: Database.Database;

const bundle = (sn: string, model = 'T1000'): Bundle => ({ sn, secret: ent.devices.get(sn)!.secret, model });

/** Runs `fn` while the gateway's `table` is missing, then puts it back. */
async function withoutTable<T>(table: string, fn: () => Promise<T>): Promise<T> {
  db.exec(`ALTER TABLE ${table} RENAME TO ${table}_moved_aside`);
  try {
    return await fn();
  } finally {
    db.exec(`ALTER TABLE ${table}_moved_aside RENAME TO ${table}`);
  }
}

const adminFetch = (path: string, init: RequestInit = {}) =>
  fetch(`${ent.gw.httpUrl}/api/v1/admin${path}`, {
    ...init,
    headers: { authorization: `Bearer ${ent.adminToken}`, 'content-type': 'application/json', ...init.headers },
  });

async function registryOnline(sn: string): Promise<boolean> {
  return ((await (await adminFetch(`/devices/${sn}`)).json()) as { online: boolean }).online;
}

beforeAll(async () => {
  ent = await startEnterprise({ face: ['AUTHFAIL1', 'CLOSING1', 'WITNESS1'], label: ['RECFAIL1'] });
  db = new Database(join(ent.data, 'hwbind.db'));
  db.pragma('busy_timeout = 5000');
});

afterAll(async () => {
  db?.close();
  expect(await ent?.gw.stop()).toBe(0);
});

/** Sends a CONNECT on a raw socket; resolves once it is written. */
async function rawConnect(url: string, creds: { clientId: string; username: string; password: string }) {
  const { hostname, port } = new URL(url);
  const socket = connect(Number(port), hostname);
  await new Promise((resolve) => socket.once('connect', resolve));
  const packet = { cmd: 'connect', protocolId: 'MQTT', protocolVersion: 4, clean: true, keepalive: 30 } as const;
  socket.write(mqttPacket.generate({ ...packet, ...creds, password: Buffer.from(creds.password) }));
  // Read (and drop) what comes back, so the socket sees the gateway's end of the connection.
  socket.resume();
  return socket;
}

/** True while the gateway's event loop is held (its HTTP side does not answer within 150 ms). */
const held = () =>
  fetch(`${ent.gw.httpUrl}/healthz`, { signal: AbortSignal.timeout(150) }).then(
    () => null,
    () => true,
  );

describe('a login whose connection closes while its credentials are checked', () => {
  it('does not leave the device online', async () => {
    const sn = 'CLOSING1';
    // The check records the nonce in the store; holding the store's write lock from here holds the
    // check (and the gateway's event loop) until the connection has closed. First in this file: no
    // other store write (presence of earlier devices) is due that the lock could hold instead.
    db.exec('BEGIN IMMEDIATE');
    let socket: Socket;
    try {
      socket = await rawConnect(ent.gw.mqttUrl, signDeviceCredentials(sn, bundle(sn).secret));
      await until('the gateway checking the login', held);
      socket.end();
    } finally {
      db.exec('ROLLBACK');
    }
    await new Promise((resolve) => socket.once('close', resolve));
    // Another device's connect and hello, answered after the closed login was handled through; once
    // its presence reached the registry (written in batches), so has the closed login's.
    const witness = await connected(ent.gw.mqttUrl, bundle('WITNESS1'));
    const inbox = await subscribeOwn(witness, 'WITNESS1');
    await publish(witness, 'WITNESS1', 'up/hello', envelope('hello', { model: 'T1000' }, { id: 'witness' }));
    await inbox.waitFor((m) => m.env.replyTo === 'witness');
    await until('the witness online in the registry', async () => ((await registryOnline('WITNESS1')) ? true : null));
    expect(await registryOnline(sn)).toBe(false);
    expect(await metric(ent.gw.httpUrl, 'hwbind_connected_devices')).toBe(1);
    await witness.endAsync();
    // The device itself connects as usual afterwards.
    await (await connected(ent.gw.mqttUrl, bundle(sn))).endAsync();
  });
});

describe('when the store fails', () => {
  it('does not acknowledge a QoS 1 message it could not handle, closes the connection, and stores the resent one once', async () => {
    const sn = 'RECFAIL1';
    let client = await connected(ent.gw.mqttUrl, bundle(sn, 'R200'));
    let inbox = await subscribeOwn(client, sn);
    const bound = await ent.person('acme', 'alice').call('POST', '/bindings', {
      sn,
      verifyCode: ent.labelCode(sn),
      usableRange: { departments: ['hq'] },
    });
    expect(bound.status).toBe(201);
    await publish(client, sn, 'up/reply', envelope('ack', {}, { replyTo: (await inbox.body('bindNotice')).env.id }));
    await inbox.body('directorySync');

    const T = 1_764_000_000_000;
    const batch = envelope('recordBatch', {
      records: [
        { seq: 1, userid: 'carol', timeMs: T, direction: 1, method: 4 },
        { seq: 2, userid: 'bob', timeMs: T + 1000, direction: 2, method: 1 },
      ],
    });
    const payload = Buffer.from(encodeEnvelope(batch));
    const stored = await metric(ent.gw.httpUrl, 'hwbind_records_total', { outcome: 'stored' });

    await withoutTable('records', async () => {
      let pubacked = false;
      const closed = closedBy(client);
      client.publish(topicFor(sn, 'up/records'), payload, { qos: 1 }, (err) => {
        pubacked = !err;
      });
      expect(await closed).toBe(true);
      // Whatever the gateway sent before closing arrived before the close: no PUBACK, no RecordAck.
      expect(pubacked).toBe(false);
      expect(inbox.received.filter((m) => m.env.replyTo === batch.id)).toEqual([]);
    });
    expect(await metric(ent.gw.httpUrl, 'hwbind_records_total', { outcome: 'stored' })).toBe(stored);
    await until('the failure in the log', () => (ent.gw.logs().includes('message not processed') ? true : null));
    client.end(true);

    // The device reconnects and sends the same message again: stored, acknowledged, and only once.
    client = await connected(ent.gw.mqttUrl, bundle(sn, 'R200'));
    inbox = await subscribeOwn(client, sn);
    await client.publishAsync(topicFor(sn, 'up/records'), payload, { qos: 1 });
    const ack = (await inbox.waitFor((m) => m.env.replyTo === batch.id)).env.recordAck;
    expect(ack?.stored).toEqual([1, 2]);
    expect(await metric(ent.gw.httpUrl, 'hwbind_records_total', { outcome: 'stored' })).toBe(stored + 2);
    const listed = await ent
      .person('acme', 'alice')
      .call<{ records: { seq: number }[] }>('GET', `/devices/${sn}/records`);
    expect(listed.body.records.map((r) => r.seq).sort()).toEqual([1, 2]);
    await client.endAsync();
  });

  it('answers CONNACK 3 when it cannot check credentials, and takes the same credentials once it can', async () => {
    const sn = 'AUTHFAIL1';
    const creds = signDeviceCredentials(sn, bundle(sn).secret);
    const internal = await metric(ent.gw.httpUrl, 'hwbind_auth_failures_total', { reason: 'internal' });
    const refused = await withoutTable('devices', () => connectDevice(ent.gw.mqttUrl, bundle(sn), creds));
    expect(refused).toEqual({ refused: 3 });
    expect(await metric(ent.gw.httpUrl, 'hwbind_auth_failures_total', { reason: 'internal' })).toBe(internal + 1);
    // Refused before its nonce was recorded, so the device's retry with the same CONNECT gets in; now it is.
    const client = await connected(ent.gw.mqttUrl, bundle(sn), creds);
    await client.endAsync();
    expect(await connectDevice(ent.gw.mqttUrl, bundle(sn), creds)).toEqual({ refused: 4 });
  });

  it('answers HTTP 500 with a stable code and no internals, and has changed nothing', async () => {
    const model = { id: 'M500', name: 'Never stored', capabilities: 'face' };
    const res = await withoutTable('models', () =>
      adminFetch('/models', { method: 'POST', body: JSON.stringify(model) }),
    );
    expect(res.status).toBe(500);
    const body = (await res.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('internal');
    expect(body.error.message).not.toMatch(/sqlite|table|models_moved_aside/i);
    const { models } = (await (await adminFetch('/models')).json()) as { models: { id: string }[] };
    expect(models.map((m) => m.id)).not.toContain('M500');
    expect((await adminFetch('/models', { method: 'POST', body: JSON.stringify(model) })).status).toBe(201);
  });
});

/**
 * Starts a POST announcing `size` bytes and sends the first 64 KiB: the gateway answers from the
 * announced length, without waiting for (or reading) the rest.
 */
function postOversized(path: string, size: number): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(
      `${ent.gw.httpUrl}/api/v1/admin${path}`,
      {
        method: 'POST',
        headers: {
          authorization: `Bearer ${ent.adminToken}`,
          'content-type': 'application/json',
          'content-length': size,
        },
      },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (d: string) => (body += d));
        res.on('end', () => {
          resolve({ status: res.statusCode!, body });
          req.destroy();
        });
      },
    );
    req.on('error', reject);
    req.write(`{"id": "M413", "name": "${'x'.repeat(64 * 1024)}`);
  });
}

describe('requests the gateway cannot take', () => {
  it('answers 400 for a malformed or invalid body and 413 for an oversized one, changing nothing', async () => {
    const post = (body: string) => adminFetch('/models', { method: 'POST', body });
    const answers = [
      ['{"id": "M400", "name": ', 400, 'invalid_argument'],
      [JSON.stringify({ id: 'M400', name: 'No capabilities' }), 400, 'invalid_argument'],
    ] as const;
    for (const [body, status, code] of answers) {
      const res = await post(body);
      expect(res.status, body.slice(0, 40)).toBe(status);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe(code);
    }
    // Over the 8 MiB body limit.
    const big = await postOversized('/models', 9 * 1024 * 1024);
    expect(big.status).toBe(413);
    expect((JSON.parse(big.body) as { error: { code: string } }).error.code).toBe('payload_too_large');
    const { models } = (await (await adminFetch('/models')).json()) as { models: { id: string }[] };
    expect(models.map((m) => m.id)).not.toContain('M400');
    expect(models.map((m) => m.id)).not.toContain('M413');
  });

  it('answers a path with broken percent-encoding 400 in the API error shape', async () => {
    const res = await adminFetch('/devices/%E0%A4%A', {});
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('invalid_argument');
  });
});

describe('a gateway that is stopping', () => {
  it('answers /readyz with 503 while it drains, and then stops', async () => {
    expect((await fetch(`${ent.gw.httpUrl}/readyz`)).status).toBe(200);
    // A connection that never sends its CONNECT keeps the MQTT listener draining (until the
    // broker's 10-second connect timeout), with HTTP still up: the window a load balancer sees.
    const { hostname, port } = new URL(ent.gw.mqttUrl);
    const silent = connect(Number(port), hostname);
    await new Promise((resolve) => silent.once('connect', resolve));
    const exited = ent.gw.stop();
    const ready = await until('/readyz answering 503', async () => {
      const res = await fetch(`${ent.gw.httpUrl}/readyz`);
      return res.status === 503 ? ((await res.json()) as { ready: boolean }) : null;
    });
    expect(ready).toEqual({ ready: false });
    expect((await fetch(`${ent.gw.httpUrl}/healthz`)).status).toBe(200);
    silent.destroy();
    expect(await exited).toBe(0);
  });
});
