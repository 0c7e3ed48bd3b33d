// Pure pieces of the gateway, with an injected clock.
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { freePort } from '../../bench/brokers.js';
import { csvField } from '../../gateway/attendance/records.js';
import { parseDuration, Tokens } from '../../gateway/auth/tokens.js';
import { TokenBucket } from '../../gateway/broker/rate-limit.js';
import { FailureThrottle } from '../../gateway/broker/throttle.js';
import { Enterprises, parseDirectory } from '../../gateway/corp/directory.js';
import { MODEL_ID_PATTERN } from '../../gateway/provisioning/provisioning.js';
import { SqliteStore, storageError } from '../../gateway/store/sqlite.js';
import { ManualClock } from '../../protocol/clock.js';
import { pgDatabase } from '../helpers/stores.js';
import { until } from '../helpers/until.js';

describe('failure throttle', () => {
  it('locks a key after the limit inside a minute, then lets it try again', async () => {
    const clock = new ManualClock(0);
    const t = new FailureThrottle(clock, 3);
    await t.fail('k');
    await t.fail('k');
    expect(await t.isLocked('k')).toBe(false);
    await t.fail('k');
    expect(await t.isLocked('k')).toBe(true);
    clock.advance(60_001);
    expect(await t.isLocked('k')).toBe(false);
  });
  it('does not count failures older than the window', async () => {
    const clock = new ManualClock(0);
    const t = new FailureThrottle(clock, 2);
    await t.fail('k');
    clock.advance(61_000);
    await t.fail('k');
    expect(await t.isLocked('k')).toBe(false);
  });
});

describe('publish rate limit', () => {
  it('allows a second of burst, then the steady rate', () => {
    const b = new TokenBucket(10, 0);
    let ok = 0;
    for (let i = 0; i < 20; i++) if (b.take(0)) ok++;
    expect(ok).toBe(10);
    expect(b.take(50)).toBe(false);
    expect(b.take(100)).toBe(true);
  });
});

describe('person tokens', () => {
  it('verify until they expire, and never across data directories', async () => {
    const clock = new ManualClock(Date.UTC(2026, 10, 25));
    const store = new SqliteStore(':memory:');
    await store.migrate();
    const tokens = new Tokens(store, clock);
    const t = await tokens.issue({ corpId: 'acme', userid: 'carol' }, parseDuration('1h'));
    expect(await tokens.verify(t)).toEqual({
      corpId: 'acme',
      userid: 'carol',
      expiresAtS: Math.floor(clock.now() / 1000) + 3600,
    });
    clock.advance(3601_000);
    await expect(tokens.verify(t)).rejects.toMatchObject({
      code: 'unauthorized',
      message: expect.stringMatching(/expired/),
    });
    const other = new SqliteStore(':memory:');
    await other.migrate();
    await expect(new Tokens(other, clock).verify(t)).rejects.toMatchObject({ code: 'unauthorized' });
  });
  it('live between a minute and 30 days', async () => {
    const store = new SqliteStore(':memory:');
    await store.migrate();
    const tokens = new Tokens(store, new ManualClock(Date.UTC(2026, 10, 25)));
    for (const ttl of ['10000000000000d', '31d', '59s'])
      await expect(tokens.issue({ corpId: 'acme', userid: 'carol' }, parseDuration(ttl))).rejects.toMatchObject({
        code: 'invalid_argument',
      });
    await expect(tokens.issue({ corpId: 'acme', userid: 'carol' }, parseDuration('30d'))).resolves.toBeTruthy();
  });
  it('parses durations', () => {
    expect(parseDuration('30m')).toBe(1800);
    expect(parseDuration('7d')).toBe(604800);
    expect(() => parseDuration('soon')).toThrow(/invalid duration/);
  });
});

describe('directory files', () => {
  it('give super admins the binding permission and refuse it to members', () => {
    const dir = parseDirectory(
      'members:\n  - {userid: a, name: A, role: super_admin}\n  - {userid: b, name: B, role: admin}\n',
    );
    expect(dir.members.map((m) => m.canBindDevices)).toEqual([true, false]);
    expect(() => parseDirectory('members:\n  - {userid: m, name: M, role: member, canBindDevices: true}\n')).toThrow(
      /line 2: member m: only admins hold the device-binding permission/,
    );
  });
  it('report syntax errors, cycles, unknown keys and duplicates with their lines', () => {
    expect(() => parseDirectory('departments:\n  - {id: a, name: A}\n  - {id: b, name: [B}\n')).toThrow(/line 3:/);
    const text =
      'departments:\n  - {id: a, name: A, parent: b}\n  - {id: b, name: B, parent: a}\n  - {id: a, name: A2}\nextra: 1\n';
    let message = '';
    try {
      parseDirectory(text);
    } catch (err) {
      message = (err as Error).message;
    }
    expect(message).toContain('line 2: department a is its own ancestor');
    expect(message).toContain('line 4: department a is already defined on line 2');
    expect(message).toContain('line 5: unknown key "extra"');
  });
});

describe('storage failures', () => {
  it('a full disk is storage_full, with one line and nothing half-written', async () => {
    const store = new SqliteStore(':memory:');
    await store.migrate();
    store.db.pragma(`max_page_count = ${Number(store.db.pragma('page_count', { simple: true })) + 2}`);
    const add = (i: number) =>
      store.addModel({
        id: `M${i}`,
        name: 'x'.repeat(2000),
        vendor: 'v',
        capabilities: [],
        vendorKey: null,
        createdAt: 0,
      });
    let failure: unknown = null;
    for (let i = 0; i < 100 && !failure; i++) await add(i).catch((err: unknown) => (failure = err));
    expect((failure as { code?: string }).code).toBe('SQLITE_FULL');
    expect(storageError(failure, 'DATA')).toMatchObject({
      code: 'storage_full',
      message: expect.stringMatching(/DATA is full/),
    });
  });
  it('a PostgreSQL server that cannot be reached, or ends the session, is storage_unavailable', async () => {
    const url = await pgDatabase();
    const unreachable = new URL(url);
    unreachable.port = String(await freePort());
    const refused = await new pg.Client({ connectionString: unreachable.toString() }).connect().catch((e) => e);
    expect(storageError(refused, 'DATA')).toMatchObject({ code: 'storage_unavailable' });
    const victim = new pg.Client({ connectionString: url });
    const admin = new pg.Client({ connectionString: url });
    victim.on('error', () => {});
    await victim.connect();
    await admin.connect();
    try {
      const { rows } = await victim.query('SELECT pg_backend_pid() AS pid');
      // Ended in the middle of a statement: that statement fails with the server's own reason (57P01).
      const running = victim.query('SELECT pg_sleep(30)').catch((e) => e);
      await until('the statement running', async () => {
        const r = await admin.query("SELECT 1 FROM pg_stat_activity WHERE pid = $1 AND state = 'active'", [
          rows[0].pid,
        ]);
        return r.rowCount ? true : null;
      });
      await admin.query('SELECT pg_terminate_backend($1)', [rows[0].pid]);
      const ended = await running;
      expect(storageError(ended, 'DATA')).toMatchObject({
        code: 'storage_unavailable',
        message: expect.stringMatching(/^the PostgreSQL store cannot be used: /),
      });
    } finally {
      await admin.end();
      await victim.end().catch(() => {});
    }
  });
  it('a data directory that cannot exist is storage_unavailable', () => {
    expect(() => new SqliteStore('/dev/null/hwbind')).toThrow(expect.objectContaining({ code: 'storage_unavailable' }));
  });
});

describe('ids', () => {
  it('start with a letter or digit: "." and ".." are never enterprise or model ids', async () => {
    const store = new SqliteStore(':memory:');
    await store.migrate();
    const corps = new Enterprises(store, new ManualClock(0));
    for (const id of ['.', '..', '-x', '_'])
      await expect(corps.create({ id, name: 'x' })).rejects.toMatchObject({ code: 'invalid_argument' });
    await expect(corps.create({ id: 'acme.cn', name: 'Acme' })).resolves.toMatchObject({ id: 'acme.cn' });
    expect(MODEL_ID_PATTERN.test('..')).toBe(false);
    expect(MODEL_ID_PATTERN.test('T1000.v2')).toBe(true);
  });
});

describe('records CSV cells', () => {
  it.each<[string | number, string]>([
    ['Alice', 'Alice'],
    ['Doe, Jane', '"Doe, Jane"'],
    ['say "hi"', '"say ""hi"""'],
    ['=HYPERLINK("http://x","y")', `"'=HYPERLINK(""http://x"",""y"")"`],
    ['+1 555', "'+1 555"],
    ['-2+3', "'-2+3"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\tcmd', "'\tcmd"],
    ['\rcmd', `"'\rcmd"`],
    [-5, '-5'],
    [1764000000000, '1764000000000'],
  ])('%j → %s', (value, cell) => {
    expect(csvField(value)).toBe(cell);
  });
});
