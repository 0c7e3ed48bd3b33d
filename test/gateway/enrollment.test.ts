// The enrollment module in one process, on an in-memory store with a manual clock and timers: the
// gateway's deadline without waiting for it, a device dropping, and the clean-up at start of what a
// crash left running (alone, and as one of several nodes on one store). The device is a transport
// that records what the gateway sends.
import { describe, expect, it } from 'vitest';
import { Enrollments, RESULT_GRACE_MS, type Timers } from '../../gateway/attendance/enrollment.js';
import { TemplateSync } from '../../gateway/attendance/templates.js';
import type { Actor } from '../../gateway/binding/rules.js';
import { BindingService } from '../../gateway/binding/service.js';
import { type DeviceLinkListener, DeviceLinks } from '../../gateway/devices/link.js';
import { Outbox } from '../../gateway/devices/outbox.js';
import { MessageRouter } from '../../gateway/devices/router.js';
import { DeviceSessions } from '../../gateway/devices/sessions.js';
import { createLogger } from '../../gateway/logger.js';
import { Metrics } from '../../gateway/metrics.js';
import { type PersonEvent, PersonEvents } from '../../gateway/notifications/events.js';
import { newDevice } from '../../gateway/provisioning/provisioning.js';
import { SqliteStore } from '../../gateway/store/sqlite.js';
import { ManualClock } from '../../protocol/clock.js';
import { decodeEnvelope, type Envelope } from '../../protocol/messages.js';

class ManualTimers implements Timers {
  private queue: { at: number; fn: () => void; id: number }[] = [];
  private next = 1;
  constructor(private readonly clock: ManualClock) {}
  setTimeout(fn: () => void, ms: number): unknown {
    const id = this.next++;
    this.queue.push({ at: this.clock.now() + ms, fn, id });
    return id;
  }
  clearTimeout(handle: unknown): void {
    this.queue = this.queue.filter((t) => t.id !== handle);
  }
  get pending(): number {
    return this.queue.length;
  }
  async advance(ms: number): Promise<void> {
    const until = this.clock.now() + ms;
    for (let due = this.first(until); due; due = this.first(until)) {
      this.queue = this.queue.filter((t) => t !== due);
      this.clock.set(due.at);
      due.fn();
    }
    this.clock.set(until);
    for (let i = 0; i < 20; i++) await new Promise((r) => setImmediate(r));
  }
  private first(until: number) {
    return this.queue.filter((t) => t.at <= until).sort((a, b) => a.at - b.at)[0];
  }
}

const SN = 'UNIT0001';

async function gateway(store = new SqliteStore(':memory:'), opts: { shared?: boolean } = {}) {
  await store.migrate();
  const clock = new ManualClock(1_764_000_000_000);
  const timers = new ManualTimers(clock);
  const logger = createLogger('silent', { pretty: false });
  const metrics = new Metrics();
  const sent: { topic: string; env: Envelope }[] = [];
  let listener!: DeviceLinkListener;
  const sessions: DeviceSessions = new DeviceSessions({
    store,
    clock,
    logger,
    metrics,
    heartbeatIntervalS: 30,
    disconnect: () => {},
  });
  const links: DeviceLinks = new DeviceLinks({
    connected: (sn) => sessions.connected(sn),
    disconnected: (sn) => sessions.disconnected(sn),
    message: (sn, topic, payload): Promise<void> | undefined => router.dispatch(sn, topic, payload),
  });
  links.attach((l) => {
    listener = l;
    return {
      name: 'recorder',
      send: async (_sn, topic, payload) => {
        sent.push({ topic, env: decodeEnvelope(payload) });
        return true;
      },
      disconnect: () => {},
    };
  });
  const router: MessageRouter = new MessageRouter((sn, topic, env) => links.send(sn, topic, env), logger, metrics);
  const outbox = new Outbox({ store, links, router, clock, logger });
  const events = new PersonEvents();
  const binding = new BindingService({
    store,
    clock,
    logger,
    metrics,
    links,
    outbox,
    events,
    publicUrl: 'https://hw.example.com',
  });
  const templates = new TemplateSync({ store, outbox, binding, logger });
  const enrollments = new Enrollments({
    store,
    clock,
    timers,
    logger,
    links,
    router,
    sessions,
    binding,
    events,
    templates,
    shared: opts.shared,
  });
  const published: PersonEvent[] = [];
  events.subscribe('c', 'boss', (e) => published.push(e));
  return { store, clock, timers, sent, listener: () => listener, enrollments, published };
}

async function seed(store: SqliteStore) {
  await store.addModel({
    id: 'T1',
    name: 'Terminal',
    vendor: 'v',
    capabilities: ['face', 'fingerprint'],
    vendorKey: null,
    createdAt: 0,
  });
  await store.addDevices([newDevice({ sn: SN, secret: 's', modelId: 'T1', batchId: null, createdAt: 0 })]);
  await store.createCorp({ id: 'c', name: 'C', memberBinding: false, createdAt: 0 });
  await store.replaceDirectory('c', {
    departments: [{ id: 'a', name: 'A', parentId: null }],
    members: [
      {
        userid: 'boss',
        name: 'Boss',
        role: 'super_admin',
        canBindDevices: true,
        departments: ['a'],
        visibility: { departments: ['a'], users: [] },
      },
    ],
    apps: [],
  });
  await store.createBinding(
    {
      id: 'b1',
      sn: SN,
      corpId: 'c',
      status: 'pending',
      boundBy: 'boss',
      boundByRole: 'super_admin',
      usableRange: { departments: ['a'], users: [] },
      apps: [],
      noticeId: 'n1',
      createdAt: 0,
      activatedAt: null,
      removedAt: null,
      removedBy: null,
    },
    { id: 'n1', sn: SN, topic: 'down/binding', purpose: 'bind', payload: new Uint8Array(), createdAt: 0 },
  );
  await store.activateBinding({ bindingId: 'b1', at: 1, notifications: [], deliveries: [] });
  const boss = await store.getMember('c', 'boss');
  return { corpId: 'c', member: boss! } satisfies Actor;
}

describe('the gateway side of an enrollment', () => {
  it('times out at timeout_s plus the grace, tells the device to stop and the people why', async () => {
    const g = await gateway();
    const boss = await seed(g.store);
    g.listener().connected(SN, '127.0.0.1');
    const e = await g.enrollments.request(boss, SN, { userid: 'boss', kind: 'fingerprint', timeoutS: 5 });
    expect(g.sent.map((m) => m.env.body)).toEqual(['enrollmentStart']);
    await g.timers.advance(5000 + RESULT_GRACE_MS - 1);
    expect((await g.store.getEnrollment(e.id))!.status).toBe('requested');
    await g.timers.advance(1);
    expect(await g.store.getEnrollment(e.id)).toMatchObject({ status: 'timed_out', code: 'device_timeout' });
    expect(g.sent.at(-1)!.env.enrollmentCancel?.operationId).toBe(e.id);
    expect(g.published.map((p) => (p.type === 'enrollment' ? `${p.status} ${p.code}` : p.type))).toEqual([
      'requested null',
      'timed_out device_timeout',
    ]);
    expect(g.timers.pending).toBe(0);
  });

  it('fails a running enrollment at once when its device drops, and drops the deadline', async () => {
    const g = await gateway();
    const boss = await seed(g.store);
    g.listener().connected(SN, '127.0.0.1');
    const e = await g.enrollments.request(boss, SN, { userid: 'boss', kind: 'face' });
    g.listener().disconnected(SN);
    await g.timers.advance(0);
    expect(await g.store.getEnrollment(e.id)).toMatchObject({ status: 'failed', code: 'device_offline' });
    expect(g.timers.pending).toBe(0);
    // The device is gone: no cancel is attempted, and a new request is refused.
    expect(g.sent.map((m) => m.env.body)).toEqual(['enrollmentStart']);
    await expect(g.enrollments.request(boss, SN, { userid: 'boss', kind: 'face' })).rejects.toMatchObject({
      code: 'device_offline',
    });
  });

  it('at start, ends what a stop or crash left running: the devices lost their connection then', async () => {
    const store = new SqliteStore(':memory:');
    const before = await gateway(store);
    const boss = await seed(store);
    before.listener().connected(SN, '127.0.0.1');
    const e = await before.enrollments.request(boss, SN, { userid: 'boss', kind: 'fingerprint' });
    // A new gateway process on the same store: its module starts before any device connects.
    const after = await gateway(store);
    await after.enrollments.start();
    expect(await store.getEnrollment(e.id)).toMatchObject({ status: 'failed', code: 'device_offline' });
    expect(after.published).toEqual([expect.objectContaining({ id: e.id, status: 'failed', code: 'device_offline' })]);
  });

  it('one of several nodes: a start ends only what no node holds, and takes over the deadlines of the rest', async () => {
    const store = new SqliteStore(':memory:');
    const a = await gateway(store, { shared: true });
    const boss = await seed(store);
    a.listener().connected(SN, '127.0.0.1');
    const e1 = await a.enrollments.request(boss, SN, { userid: 'boss', kind: 'fingerprint', timeoutS: 5 });
    // Node B starts while the device is held by a live node (here: by B itself, as one it moved to).
    const b = await gateway(store, { shared: true });
    b.listener().connected(SN, '127.0.0.1');
    await b.enrollments.start();
    expect((await store.getEnrollment(e1.id))!.status).toBe('requested');
    expect(b.timers.pending).toBe(1);
    // A died with its deadline: B's ends it, and only B tells the device.
    await b.timers.advance(5000 + RESULT_GRACE_MS);
    expect(await store.getEnrollment(e1.id)).toMatchObject({ status: 'timed_out', code: 'device_timeout' });
    expect(b.sent.map((m) => m.env.body)).toEqual(['enrollmentCancel']);
    await a.timers.advance(5000 + RESULT_GRACE_MS);
    expect(a.sent.map((m) => m.env.body)).toEqual(['enrollmentStart']);
    // Node C starts where no node holds the device: what was capturing on it cannot report.
    const e2 = await b.enrollments.request(boss, SN, { userid: 'boss', kind: 'face' });
    const c = await gateway(store, { shared: true });
    await c.enrollments.start();
    expect(await store.getEnrollment(e2.id)).toMatchObject({ status: 'failed', code: 'device_offline' });
    expect(c.timers.pending).toBe(0);
  });
});
