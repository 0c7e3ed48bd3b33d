// Both stores' writes: each stays all-or-nothing on its own and is answered only once committed (the
// embedded store's asked for in one turn of the event loop share one commit, one fsync); large device
// lists go all or none; records are stored once per (sn, seq) and paged in one order; times are numbers;
// a lease has one holder at a time.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { newDevice, Provisioning } from '../../gateway/provisioning/provisioning.js';
import type { SqliteStore } from '../../gateway/store/sqlite.js';
import type { AttendanceRecord, Binding, Device, Notification, OutboxEntry, Store } from '../../gateway/store/types.js';
import { ManualClock } from '../../protocol/clock.js';
import { freshStore, STORE_KINDS, type TestStore } from '../helpers/stores.js';

const T0 = Date.UTC(2026, 10, 25);

const device = (sn: string): Device =>
  newDevice({ sn, secret: `secret-${sn}`, modelId: 'T1000', batchId: null, createdAt: T0 });

const binding = (id: string, sn: string): Binding => ({
  id,
  sn,
  corpId: 'acme',
  status: 'pending',
  boundBy: 'bob',
  boundByRole: 'admin',
  usableRange: { departments: [], users: [] },
  apps: [],
  noticeId: `notice-${id}`,
  createdAt: T0,
  activatedAt: null,
  removedAt: null,
  removedBy: null,
});

const notice = (b: Binding): OutboxEntry => ({
  id: b.noticeId,
  sn: b.sn,
  topic: 'down/binding',
  purpose: 'bind',
  payload: new Uint8Array([1, 2, 3]),
  createdAt: T0,
});

const note = (id: string, sn: string): Notification => ({
  id,
  corpId: 'acme',
  userid: 'bob',
  kind: 'device_bound',
  sn,
  text: `${sn} was bound`,
  link: `https://hw.acme.test/hw/devices/${sn}`,
  createdAt: T0,
  read: false,
});

const record = (sn: string, seq: number, over: Partial<AttendanceRecord> = {}): AttendanceRecord => ({
  sn,
  seq,
  corpId: 'acme',
  bindingId: `b-${sn}`,
  userid: 'bob',
  ts: T0 + seq * 1000,
  direction: 'in',
  method: 'face',
  cardNo: '',
  status: 'stored',
  reason: null,
  receivedAt: T0,
  ...over,
});

/** Counts the transactions that commit on their own (not nested in another). */
function countCommits(s: SqliteStore): () => number {
  let n = 0;
  const transaction = s.db.transaction.bind(s.db);
  vi.spyOn(s.db, 'transaction').mockImplementation((fn) => {
    if (!s.db.inTransaction) n++;
    return transaction(fn);
  });
  return () => n;
}

describe.each(STORE_KINDS)('the %s store', (kind) => {
  let t: TestStore;
  let store: Store;
  /** SQLite only: the commits its group commit made. */
  const commitCounter = () => (kind === 'sqlite' ? countCommits(store as SqliteStore) : null);

  beforeEach(async () => {
    t = await freshStore(kind);
    store = t.store;
    await store.addModel({
      id: 'T1000',
      name: 'Face terminal',
      vendor: 'v',
      capabilities: [],
      vendorKey: null,
      createdAt: T0,
    });
    await store.addDevices(['SN1', 'SN2', 'SN3'].map(device));
    await store.createCorp({ id: 'acme', name: 'Acme Corp', memberBinding: true, createdAt: T0 });
  });

  afterEach(async () => {
    vi.restoreAllMocks();
    await store.close();
  });

  describe('binding writes', () => {
    it('share one commit per turn; a refused one is rolled back alone', async () => {
      const commits = commitCounter();
      const [a, twice, c] = [binding('b1', 'SN1'), binding('b2', 'SN1'), binding('b3', 'SN3')];
      const results = await Promise.allSettled([a, twice, c].map((b) => store.createBinding(b, notice(b))));
      expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
      expect((results[1] as PromiseRejectedResult).reason).toMatchObject({ code: 'device_already_bound' });
      if (commits) expect(commits()).toBe(1);
      // Committed when answered: another connection sees both bindings and their notices, and no
      // trace of the refused one.
      const other = await t.open();
      expect((await other.getLiveBinding('SN1'))?.id).toBe('b1');
      expect((await other.getLiveBinding('SN3'))?.id).toBe('b3');
      // As written, key order included (what a page or an API answer shows comes out the same).
      expect(JSON.stringify((await other.getLiveBinding('SN1'))?.usableRange)).toBe(JSON.stringify(a.usableRange));
      expect((await other.listOutbox('SN1')).map((e) => e.id)).toEqual(['notice-b1']);
      expect(await other.getOutboxEntry('notice-b2')).toBeNull();
      await other.close();
    });

    it('activate all or nothing: a failed activation leaves its binding pending and its notice queued', async () => {
      for (const b of [binding('b1', 'SN1'), binding('b2', 'SN2')]) await store.createBinding(b, notice(b));
      const commits = commitCounter();
      const clash = note('n1', 'SN1');
      const [failed, done] = await Promise.allSettled([
        // The second notification reuses the first's id: the whole activation must roll back.
        store.activateBinding({ bindingId: 'b1', at: T0 + 1, notifications: [clash, { ...clash }], deliveries: [] }),
        store.activateBinding({ bindingId: 'b2', at: T0 + 1, notifications: [note('n2', 'SN2')], deliveries: [] }),
      ]);
      expect(failed.status).toBe('rejected');
      expect(done).toEqual({ status: 'fulfilled', value: true });
      if (commits) expect(commits()).toBe(1);
      const other = await t.open();
      expect((await other.getLiveBinding('SN1'))?.status).toBe('pending');
      expect(await other.getOutboxEntry('notice-b1')).not.toBeNull();
      expect(await other.countUnreadNotifications('acme', 'bob')).toBe(1);
      expect((await other.getLiveBinding('SN2'))?.status).toBe('active');
      expect(await other.getOutboxEntry('notice-b2')).toBeNull();
      // Activating again is a no-op, answered as such.
      expect(await store.activateBinding({ bindingId: 'b2', at: T0 + 2, notifications: [], deliveries: [] })).toBe(
        false,
      );
      await other.close();
    });
  });

  describe('adding many devices', () => {
    const many = (n: number, prefix: string) => Array.from({ length: n }, (_, i) => device(`${prefix}${i}`));

    it('lets other work run between slices of a large list', async () => {
      let turns = 0;
      const ticking = setInterval(() => turns++, 0);
      try {
        await store.addDevices(many(20_000, 'BULK'));
      } finally {
        clearInterval(ticking);
      }
      expect(turns).toBeGreaterThan(3);
      expect((await store.getDevice('BULK19999'))?.sn).toBe('BULK19999');
    });

    it('keeps none of them when one in a late slice is already registered', async () => {
      const list = [...many(9_000, 'NEW'), device('SN2')];
      await expect(store.addDevices(list)).rejects.toMatchObject({ code: 'conflict', details: { sn: 'SN2' } });
      expect(await store.getDevice('NEW0')).toBeNull();
      expect(await store.getDevice('NEW8999')).toBeNull();
      expect((await store.getDevice('SN2'))?.sn).toBe('SN2');
    });
  });

  describe('the same semantics', () => {
    it('stores a record once per (sn, seq): a resent one and a repeat in the same call answer the stored status', async () => {
      const first = await store.insertRecords([
        record('SN1', 1),
        record('SN1', 2, { status: 'refused', reason: 'not_in_range' }),
        record('SN2', 1),
      ]);
      expect(first).toEqual([
        { status: 'stored', reason: null, duplicate: false },
        { status: 'refused', reason: 'not_in_range', duplicate: false },
        { status: 'stored', reason: null, duplicate: false },
      ]);
      const again = await store.insertRecords([
        record('SN1', 2),
        record('SN1', 3, { status: 'refused', reason: 'unknown_user' }),
        record('SN1', 3),
      ]);
      expect(again).toEqual([
        { status: 'refused', reason: 'not_in_range', duplicate: true },
        { status: 'refused', reason: 'unknown_user', duplicate: false },
        { status: 'refused', reason: 'unknown_user', duplicate: true },
      ]);
      const all = await store.listRecords({ corpId: 'acme', order: 'asc', limit: 10 });
      expect(all.map((r) => [r.sn, r.seq, r.status])).toEqual([
        ['SN1', 1, 'stored'],
        ['SN2', 1, 'stored'],
        ['SN1', 2, 'refused'],
        ['SN1', 3, 'refused'],
      ]);
      expect(all[0]).toEqual(record('SN1', 1));
    });

    it('pages records both ways from a cursor, with filters, in (ts, sn, seq) order', async () => {
      // Equal times across devices: the SN, then the seq, breaks the tie.
      const rows = ['SN3', 'SN1', 'SN2'].flatMap((sn) =>
        [1, 2, 3, 4].map((seq) => record(sn, seq, { ts: T0 + Math.ceil(seq / 2) * 1000, userid: `u${seq % 2}` })),
      );
      await store.insertRecords(rows);
      const pages = async (order: 'asc' | 'desc', filter: { userid?: string; from?: number; to?: number } = {}) => {
        const seen: string[] = [];
        let after: AttendanceRecord | undefined;
        for (;;) {
          const page = await store.listRecords({ corpId: 'acme', order, limit: 5, after, ...filter });
          seen.push(...page.map((r) => `${r.ts - T0}/${r.sn}/${r.seq}`));
          if (page.length < 5) return seen;
          after = page.at(-1);
        }
      };
      const asc = await pages('asc');
      expect(asc).toEqual([
        '1000/SN1/1',
        '1000/SN1/2',
        '1000/SN2/1',
        '1000/SN2/2',
        '1000/SN3/1',
        '1000/SN3/2',
        '2000/SN1/3',
        '2000/SN1/4',
        '2000/SN2/3',
        '2000/SN2/4',
        '2000/SN3/3',
        '2000/SN3/4',
      ]);
      expect(await pages('desc')).toEqual([...asc].reverse());
      expect(await pages('asc', { userid: 'u1', from: T0 + 1000, to: T0 + 2000 })).toEqual([
        '1000/SN1/1',
        '1000/SN2/1',
        '1000/SN3/1',
      ]);
      expect(await store.listRecords({ corpId: 'globex', order: 'asc', limit: 5 })).toEqual([]);
    });

    it('keeps SNs unique whatever their case, and answers times as numbers', async () => {
      const provisioning = new Provisioning(store, new ManualClock(T0));
      await expect(
        provisioning.addDevice({ sn: 'sn1', modelId: 'T1000', secret: 's'.repeat(32) }),
      ).rejects.toMatchObject({
        code: 'conflict',
      });
      await store.recordPresence([
        { sn: 'SN1', online: true, lastSeen: T0 + 5 },
        { sn: 'SN2', online: true, lastSeen: T0 + 6 },
        // Applied in order: the last word on a device stands.
        { sn: 'SN1', online: false, lastSeen: T0 + 7 },
      ]);
      expect(await store.getDevice('SN1')).toMatchObject({ online: false, lastSeen: T0 + 7, createdAt: T0 });
      expect((await store.listDevices({ online: true })).map((d) => d.sn)).toEqual(['SN2']);
      await store.resetPresence();
      expect(await store.listDevices({ online: true })).toEqual([]);
      expect((await store.listDevices({ limit: 2, offset: 1 })).map((d) => d.sn)).toEqual(['SN2', 'SN3']);
    });

    it("ignores a presence change older than the stored last-seen time (two nodes' batches out of order)", async () => {
      // The node the device left writes it offline at T0 + 10; the node it moved to wrote it online at
      // T0 + 12 first.
      await store.recordPresence([{ sn: 'SN1', online: true, lastSeen: T0 + 12 }]);
      await store.recordPresence([
        { sn: 'SN1', online: false, lastSeen: T0 + 10 },
        { sn: 'SN2', online: true, lastSeen: T0 + 10 },
      ]);
      expect(await store.getDevice('SN1')).toMatchObject({ online: true, lastSeen: T0 + 12 });
      expect(await store.getDevice('SN2')).toMatchObject({ online: true, lastSeen: T0 + 10 });
      await store.recordPresence([{ sn: 'SN1', online: false, lastSeen: T0 + 12 }]);
      expect(await store.getDevice('SN1')).toMatchObject({ online: false, lastSeen: T0 + 12 });
    });

    it('grants a lease to one holder at a time, renews it for that holder, and to another once it ran out', async () => {
      const asked = await Promise.all(
        ['node-a', 'node-b', 'node-c', 'node-d'].map((node) => store.acquireLease('rollouts', node, T0, 10_000)),
      );
      expect(asked.filter(Boolean)).toHaveLength(1);
      const holder = ['node-a', 'node-b', 'node-c', 'node-d'][asked.indexOf(true)]!;
      const other = holder === 'node-a' ? 'node-b' : 'node-a';
      expect(await store.acquireLease('rollouts', holder, T0 + 9_000, 10_000)).toBe(true);
      // Renewed at T0 + 9 s: still held at T0 + 18 s, free at T0 + 19 s.
      expect(await store.acquireLease('rollouts', other, T0 + 18_000, 10_000)).toBe(false);
      expect(await store.acquireLease('heartbeats', other, T0 + 18_000, 10_000)).toBe(true);
      expect(await store.acquireLease('rollouts', other, T0 + 19_000, 10_000)).toBe(true);
      expect(await store.acquireLease('rollouts', holder, T0 + 19_001, 10_000)).toBe(false);
      await store.releaseLease('rollouts', holder);
      expect(await store.acquireLease('rollouts', holder, T0 + 19_002, 10_000)).toBe(false);
      await store.releaseLease('rollouts', other);
      expect(await store.acquireLease('rollouts', holder, T0 + 19_003, 10_000)).toBe(true);
    });

    it('locks an SN after the limit of wrong verification codes, and starts afresh when the lock ran out', async () => {
      const fail = (at: number) => store.recordVerifyFailure('SN1', at, 3, 60_000);
      expect([await fail(T0), await fail(T0 + 1)]).toEqual([null, null]);
      expect(await fail(T0 + 2)).toBe(T0 + 60_002);
      expect(await store.verifyLockedUntil('SN1', T0 + 3)).toBe(T0 + 60_002);
      expect(await store.verifyLockedUntil('SN1', T0 + 60_002)).toBeNull();
      expect([await fail(T0 + 70_000), await fail(T0 + 70_001)]).toEqual([null, null]);
      await store.clearVerifyFailures('SN1');
      expect([await fail(T0 + 70_002), await fail(T0 + 70_003)]).toEqual([null, null]);
    });
  });
});
