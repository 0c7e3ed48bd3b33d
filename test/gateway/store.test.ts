// The embedded store's binding writes: asked for in one turn of the event loop they share one
// commit (one fsync), yet each stays all-or-nothing on its own and is answered only once committed.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { newDevice } from '../../gateway/provisioning/provisioning.js';
import { SqliteStore } from '../../gateway/store/sqlite.js';
import type { Binding, Device, Notification, OutboxEntry } from '../../gateway/store/types.js';
import { tempDir } from '../helpers/processes.js';

const T0 = Date.UTC(2026, 10, 25);
let dir: string;
let store: SqliteStore;

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

beforeEach(async () => {
  dir = tempDir('hwbind-store-');
  store = new SqliteStore(dir);
  await store.migrate();
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
    const commits = countCommits(store);
    const [a, twice, c] = [binding('b1', 'SN1'), binding('b2', 'SN1'), binding('b3', 'SN3')];
    const results = await Promise.allSettled([a, twice, c].map((b) => store.createBinding(b, notice(b))));
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect((results[1] as PromiseRejectedResult).reason).toMatchObject({ code: 'device_already_bound' });
    expect(commits()).toBe(1);
    // Committed when answered: another connection sees both bindings and their notices, and no
    // trace of the refused one.
    const other = new SqliteStore(dir);
    expect((await other.getLiveBinding('SN1'))?.id).toBe('b1');
    expect((await other.getLiveBinding('SN3'))?.id).toBe('b3');
    expect((await other.listOutbox('SN1')).map((e) => e.id)).toEqual(['notice-b1']);
    expect(await other.getOutboxEntry('notice-b2')).toBeNull();
    await other.close();
  });

  it('activate all or nothing: a failed activation leaves its binding pending and its notice queued', async () => {
    for (const b of [binding('b1', 'SN1'), binding('b2', 'SN2')]) await store.createBinding(b, notice(b));
    const commits = countCommits(store);
    const clash = note('n1', 'SN1');
    const [failed, done] = await Promise.allSettled([
      // The second notification reuses the first's id: the whole activation must roll back.
      store.activateBinding({ bindingId: 'b1', at: T0 + 1, notifications: [clash, { ...clash }], deliveries: [] }),
      store.activateBinding({ bindingId: 'b2', at: T0 + 1, notifications: [note('n2', 'SN2')], deliveries: [] }),
    ]);
    expect(failed.status).toBe('rejected');
    expect(done).toEqual({ status: 'fulfilled', value: true });
    expect(commits()).toBe(1);
    const other = new SqliteStore(dir);
    expect((await other.getLiveBinding('SN1'))?.status).toBe('pending');
    expect(await other.getOutboxEntry('notice-b1')).not.toBeNull();
    expect(await other.countUnreadNotifications('acme', 'bob')).toBe(1);
    expect((await other.getLiveBinding('SN2'))?.status).toBe('active');
    expect(await other.getOutboxEntry('notice-b2')).toBeNull();
    // Activating again is a no-op, answered as such.
    expect(await store.activateBinding({ bindingId: 'b2', at: T0 + 2, notifications: [], deliveries: [] })).toBe(false);
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
