// A captured CONNECT must not work twice: nonces are recorded in the store before the CONNACK
// that accepts them, so a replay is refused after a crash and restart as well.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { ReplayCache } from '../../gateway/broker/replay-cache.js';
import { Metrics } from '../../gateway/metrics.js';
import { MIGRATIONS } from '../../gateway/store/migrations.js';
import { NonceJournal } from '../../gateway/store/nonce-journal.js';
import { NONCE_JOURNAL, SqliteStore } from '../../gateway/store/sqlite.js';
import { ManualClock } from '../../protocol/clock.js';
import { signDeviceCredentials } from '../../protocol/credentials.js';
import { envelope } from '../../protocol/messages.js';
import { connectDevice, connected, publish, subscribeOwn } from '../helpers/devices.js';
import { type GatewayProcess, startGateway, tempDir } from '../helpers/processes.js';

const memoryStore = async (): Promise<SqliteStore> => {
  const store = new SqliteStore(':memory:');
  await store.migrate();
  return store;
};

const diskStore = async (dir: string): Promise<SqliteStore> => {
  const store = new SqliteStore(dir);
  await store.migrate();
  return store;
};

const cacheOver = (store: SqliteStore, clock: ManualClock, metrics = new Metrics()) =>
  new ReplayCache({ store, clock, metrics, logger: pino({ level: 'silent' }) }, 300);

describe('replay cache', () => {
  it('refuses a nonce reused for the same SN inside the window, and forgets it after', async () => {
    const clock = new ManualClock(1_000_000);
    const cache = cacheOver(await memoryStore(), clock);
    expect(await cache.claim('SN1', 'nonce0001')).toBe(true);
    expect(await cache.claim('SN1', 'nonce0001')).toBe(false);
    expect(await cache.claim('SN2', 'nonce0001')).toBe(true);
    clock.advance(600_001);
    expect(await cache.claim('SN1', 'nonce0001')).toBe(true);
  });

  it('knows the nonces a previous process recorded, from the journal on disk', async () => {
    const clock = new ManualClock(1_000_000);
    const dir = tempDir();
    const store = await diskStore(dir);
    expect(await cacheOver(store, clock).claim('SN1', 'nonce0001')).toBe(true);
    await store.close();
    const reopened = await diskStore(dir);
    const restarted = cacheOver(reopened, clock);
    expect(await restarted.claim('SN1', 'nonce0001')).toBe(false);
    expect(await restarted.claim('SN1', 'nonce0002')).toBe(true);
    clock.advance(600_001);
    expect(await restarted.claim('SN1', 'nonce0001')).toBe(true);
    await reopened.close();
  });

  it('skips a line a crash tore, and rewrites the journal without expired nonces', async () => {
    const dir = tempDir();
    const path = join(dir, NONCE_JOURNAL);
    writeFileSync(path, 'SN1 nonce0001 2000000\nSN1 nonce0002 1500000\nSN1 nonce00');
    const journal = new NonceJournal(path);
    expect(await journal.claim([{ sn: 'SN1', nonce: 'nonce0001', expiresAt: 2_000_000 }], 1_000_000)).toEqual([false]);
    expect(await journal.claim([{ sn: 'SN1', nonce: 'nonce00', expiresAt: 2_000_000 }], 1_000_000)).toEqual([true]);
    // Enough claims that expire to make the file worth rewriting once they have.
    const many = Array.from({ length: 12_000 }, (_, i) => ({ sn: 'SN2', nonce: `nonce${i}xx`, expiresAt: 1_100_000 }));
    expect((await journal.claim(many, 1_000_000)).every(Boolean)).toBe(true);
    expect(readFileSync(path, 'utf8').split('\n').length).toBeGreaterThan(12_000);
    expect(await journal.sweep(1_600_000)).toBe(12_001); // the claims above and nonce0002
    expect(readFileSync(path, 'utf8')).toBe('SN1 nonce0001 2000000\nSN1 nonce00 2000000\n');
    await journal.close();
    const reread = new NonceJournal(path);
    expect(await reread.claim([{ sn: 'SN1', nonce: 'nonce00', expiresAt: 2_600_000 }], 1_600_000)).toEqual([false]);
    await reread.close();
  });

  it('carries the nonces of a data directory from before the journal over to it', async () => {
    const dir = tempDir();
    const old = new Database(join(dir, 'hwbind.db'));
    for (const sql of MIGRATIONS.slice(0, 5)) old.exec(sql);
    old.pragma('user_version = 5');
    const later = Date.now() + 600_000;
    old.prepare('INSERT INTO nonces VALUES (?, ?, ?), (?, ?, ?)').run('SN1', 'nonce0001', later, 'SN1', 'gone0001', 1);
    old.close();
    const store = await diskStore(dir);
    expect(await store.claimNonces([{ sn: 'SN1', nonce: 'nonce0001', expiresAt: later }], Date.now())).toEqual([false]);
    expect(await store.claimNonces([{ sn: 'SN1', nonce: 'gone0001', expiresAt: later }], Date.now())).toEqual([true]);
    expect(store.db.prepare("SELECT name FROM sqlite_master WHERE name = 'nonces'").all()).toEqual([]);
    await store.close();
  });

  it('writes the claims of one turn of the event loop in one write', async () => {
    const metrics = new Metrics();
    const cache = cacheOver(await memoryStore(), new ManualClock(1_000_000), metrics);
    const claims = Array.from({ length: 50 }, (_, i) => cache.claim('SN1', `nonce${1000 + i}`));
    claims.push(cache.claim('SN1', 'nonce1000'));
    const results = await Promise.all(claims);
    expect(results.filter(Boolean)).toHaveLength(50);
    expect(results.at(-1)).toBe(false);
    const latency = await metrics.storeLatency.get();
    const count = latency.values.find((v) => v.metricName?.endsWith('_count') && v.labels.op === 'claimNonces');
    expect(count?.value).toBe(1);
  });
});

describe('replayed credentials after a restart', () => {
  let gw: GatewayProcess | undefined;
  afterEach(async () => {
    await gw?.stop();
  });

  it('are refused with CONNACK 4, while fresh ones connect and are answered', async () => {
    const data = tempDir();
    const env = { HWBIND_ADMIN_TOKEN: 'replay-test-admin-token' };
    const device = { sn: 'REPLAY1', secret: 'secret-of-replay1', model: 'T1000' };
    gw = await startGateway({ data, env });
    const admin = (path: string, body: unknown) =>
      fetch(`${gw!.httpUrl}/api/v1/admin${path}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${env.HWBIND_ADMIN_TOKEN}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    expect((await admin('/models', { id: 'T1000', name: 'Face terminal', capabilities: ['face'] })).status).toBe(201);
    expect((await admin('/devices', { sn: device.sn, model: 'T1000', secret: device.secret })).status).toBe(201);

    const captured = signDeviceCredentials(device.sn, device.secret);
    const first = await connected(gw.mqttUrl, device, captured);
    // A crash right after the CONNACK: nothing gets a chance to flush on the way out.
    gw.proc.kill('SIGKILL');
    await gw.stop();
    first.end(true);

    gw = await startGateway({ data, env });
    const replayed = await connectDevice(gw.mqttUrl, device, captured);
    expect('refused' in replayed ? replayed.refused : 'connected').toBe(4);

    const fresh = await connected(gw.mqttUrl, device);
    const inbox = await subscribeOwn(fresh, device.sn);
    await publish(
      fresh,
      device.sn,
      'up/hello',
      envelope('hello', { model: 'T1000', firmwareVersion: '1.0.0', capabilities: [1] }, { id: 'h1' }),
    );
    expect((await inbox.body('helloAck')).env.replyTo).toBe('h1');
    await fresh.endAsync();
    const metrics = await (await fetch(`${gw.httpUrl}/metrics`)).text();
    expect(metrics).toMatch(/hwbind_auth_failures_total\{reason="replayed_nonce"\} 1/);
  });
});
