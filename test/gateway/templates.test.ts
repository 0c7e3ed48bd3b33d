// TemplateSync over an in-memory store: what a device should hold is computed from the stored
// templates, its usable range and its sensors; messages are split by people and by bytes; a device
// already in line gets nothing; a take-back replaces a person's templates.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { TemplateSync } from '../../gateway/attendance/templates.js';
import { BindingService } from '../../gateway/binding/service.js';
import { DeviceLinks } from '../../gateway/devices/link.js';
import { Outbox } from '../../gateway/devices/outbox.js';
import { MessageRouter } from '../../gateway/devices/router.js';
import { createLogger } from '../../gateway/logger.js';
import { Metrics } from '../../gateway/metrics.js';
import { PersonEvents } from '../../gateway/notifications/events.js';
import { newDevice } from '../../gateway/provisioning/provisioning.js';
import { SqliteStore } from '../../gateway/store/sqlite.js';
import type { Binding, Member } from '../../gateway/store/types.js';
import { ManualClock } from '../../protocol/clock.js';
import { bodyOf, decodeEnvelope } from '../../protocol/messages.js';

const member = (userid: string, departments: string[]): Member => ({
  userid,
  name: userid,
  role: 'member',
  canBindDevices: false,
  departments,
  visibility: { departments: [], users: [] },
});

async function setup(people: number) {
  const store = new SqliteStore(':memory:');
  await store.migrate();
  const clock = new ManualClock(1_764_000_000_000);
  const logger = createLogger('silent', { pretty: false });
  const metrics = new Metrics();
  const links = new DeviceLinks({ connected: () => {}, disconnected: () => {}, message: () => undefined });
  const router = new MessageRouter(async () => false, logger, metrics);
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
  await store.addModel({
    id: 'T1',
    name: 'Terminal',
    vendor: 'acme-hw',
    capabilities: ['face', 'fingerprint'],
    vendorKey: null,
    createdAt: 0,
  });
  await store.addModel({
    id: 'R1',
    name: 'Reader',
    vendor: 'acme-hw',
    capabilities: ['fingerprint'],
    vendorKey: null,
    createdAt: 0,
  });
  const device = (sn: string, modelId: string) => newDevice({ sn, secret: 's', modelId, batchId: null, createdAt: 0 });
  await store.addDevices([device('SRC', 'T1'), device('DST', 'T1'), device('RDR', 'R1')]);
  await store.createCorp({ id: 'c', name: 'C', memberBinding: true, createdAt: 0 });
  const members = Array.from({ length: people }, (_, i) => member(`u${String(i).padStart(3, '0')}`, ['a']));
  await store.replaceDirectory('c', {
    departments: [
      { id: 'a', name: 'A', parentId: null },
      { id: 'b', name: 'B', parentId: null },
    ],
    members: [...members, member('outsider', ['b'])],
    apps: [],
  });
  const bind = async (sn: string, departments: string[]): Promise<Binding> => {
    const b: Binding = {
      id: `b-${sn}`,
      sn,
      corpId: 'c',
      status: 'pending',
      boundBy: 'u000',
      boundByRole: 'member',
      usableRange: { departments, users: [] },
      apps: [],
      noticeId: `n-${sn}`,
      createdAt: 0,
      activatedAt: null,
      removedAt: null,
      removedBy: null,
    };
    await store.createBinding(b, {
      id: b.noticeId,
      sn,
      topic: 'down/binding',
      purpose: 'bind',
      payload: new Uint8Array(),
      createdAt: 0,
    });
    await store.activateBinding({ bindingId: b.id, at: 1, notifications: [], deliveries: [] });
    return b;
  };
  /** A completed enrollment on SRC: the stored template. */
  const enroll = async (userid: string, kind: 'face' | 'fingerprint', bytes: number, fill = 1) => {
    const id = `en-${userid}-${kind}-${fill}`;
    const data = new Uint8Array(bytes).fill(fill);
    await store.createEnrollment({
      id,
      corpId: 'c',
      sn: 'SRC',
      userid,
      kind,
      status: 'requested',
      percent: 0,
      samples: 0,
      samplesRequired: 3,
      hint: '',
      code: null,
      requestedBy: 'u000',
      timeoutS: 60,
      deadlineAt: 0,
      createdAt: 0,
      updatedAt: 0,
      endedAt: null,
      template: null,
    });
    const sha256 = createHash('sha256').update(data).digest('hex');
    await store.completeEnrollment(
      id,
      {
        corpId: 'c',
        vendor: 'acme-hw',
        userid,
        kind,
        index: 0,
        algorithm: 'alg',
        data,
        sha256,
        sourceSn: 'SRC',
        enrollmentId: id,
        updatedAt: 2,
      },
      { sn: 'SRC', bindingId: 'b-SRC' },
    );
    return sha256;
  };
  const syncs = async (sn: string) =>
    (await store.listOutbox(sn))
      .filter((e) => e.purpose === 'templates')
      .map((e) => bodyOf(decodeEnvelope(e.payload), 'templateSync'));
  return { store, templates, bind, enroll, syncs };
}

describe('template sync', () => {
  it('sends the people of the range in messages of at most 200 people, and nothing more once in line', async () => {
    const t = await setup(250);
    await t.bind('SRC', ['a']);
    for (let i = 0; i < 250; i++) await t.enroll(`u${String(i).padStart(3, '0')}`, 'fingerprint', 32);
    await t.enroll('outsider', 'fingerprint', 32);
    await t.bind('DST', ['a']);
    await t.templates.reconcile('DST');
    const sent = await t.syncs('DST');
    expect(sent.map((s) => s.removedUserids!.length)).toEqual([200, 50]);
    expect(sent.flatMap((s) => s.upserts!).length).toBe(250);
    expect(sent.flatMap((s) => s.removedUserids!)).not.toContain('outsider');
    for (const s of sent) expect(s.upserts!.map((u) => u.userid)).toEqual(s.removedUserids);
    await t.templates.reconcile('DST');
    expect(await t.syncs('DST')).toHaveLength(2);
    // The source device holds what it captured; of that, the outsider is not (or no longer) in its
    // range: only their template is taken away.
    await t.templates.reconcile('SRC');
    expect(await t.syncs('SRC')).toEqual([expect.objectContaining({ removedUserids: ['outsider'], upserts: [] })]);
  });

  it('splits by size, sends only the kinds a model has sensors for, and replaces a re-enrolled template', async () => {
    const t = await setup(5);
    await t.bind('SRC', ['a']);
    for (let i = 0; i < 5; i++) await t.enroll(`u00${i}`, 'face', 150 * 1024);
    await t.enroll('u000', 'fingerprint', 512);
    await t.bind('DST', ['a']);
    await t.bind('RDR', ['a']);
    await t.templates.reconcile('DST');
    await t.templates.reconcile('RDR');
    const big = await t.syncs('DST');
    expect(big.map((s) => s.upserts!.length)).toEqual([3, 2, 1]);
    for (const s of big) expect(s.upserts!.reduce((n, u) => n + u.data!.length, 0)).toBeLessThan(400 * 1024);
    expect(await t.syncs('RDR')).toEqual([
      expect.objectContaining({ removedUserids: ['u000'], upserts: [expect.objectContaining({ kind: 2 })] }),
    ]);
    // u001 enrolls her face again: the other devices get her templates anew, nobody else's.
    const sha = await t.enroll('u001', 'face', 1024, 9);
    await t.templates.enrolled('c', 'acme-hw', 'SRC', 'u001');
    const after = (await t.syncs('DST')).slice(3);
    expect(after).toHaveLength(1);
    expect(after[0]!.removedUserids).toEqual(['u001']);
    expect(Buffer.from(after[0]!.upserts![0]!.sha256!).toString('hex')).toBe(sha);
    expect(await t.syncs('RDR')).toHaveLength(1);
  });

  it('takes back a template the gateway did not accept, restoring the stored ones', async () => {
    const t = await setup(2);
    await t.bind('SRC', ['a']);
    await t.enroll('u000', 'fingerprint', 64);
    await t.bind('DST', ['a']);
    await t.templates.reconcile('DST');
    await t.templates.reconcile('DST', ['u000', 'u001']);
    const [, takeBack] = await t.syncs('DST');
    expect(takeBack!.removedUserids).toEqual(['u000', 'u001']);
    expect(takeBack!.upserts!.map((u) => u.userid)).toEqual(['u000']);
  });
});
