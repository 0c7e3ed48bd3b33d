// Device logic over an injected flash directory, without a gateway: binding, directory, records,
// door, capture, OTA, screen and reconnect back-off.
import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../protocol/clock.js';
import { buildFirmwareImage, generateVendorKeys, sha256 } from '../../protocol/firmware.js';
import { bodyOf, pb } from '../../protocol/messages.js';
import { parseQr, verifyDynamicQr } from '../../protocol/qr.js';
import { backoffDelay } from '../../simulator/backoff.js';
import { Flash, factoryFlash } from '../../simulator/flash.js';
import type { DoorModule } from '../../simulator/modules/door.js';
import { type RecordsModule, readRecordLog } from '../../simulator/modules/records.js';
import { passerBy } from '../../simulator/punching.js';
import { screenFor } from '../../simulator/screen.js';
import { resolvePendingSlot, runningVersion, selectBootSlot } from '../../simulator/slots.js';
import { BUNDLE, makeRuntime } from './harness.js';

const BIND = { bindingId: 'b1', corpId: 'corp1', corpName: 'Acme', deviceName: 'Front door', boundAtMs: 1 };

async function boundDevice() {
  const d = makeRuntime();
  await d.deliver('down/binding', 'bindNotice', BIND, { id: 'n1' });
  await d.deliver('down/directory', 'directorySync', {
    version: 5,
    full: true,
    upserts: [
      { userid: 'u1', name: 'Ann' },
      { userid: 'u2', name: 'Bob' },
    ],
  });
  return d;
}

describe('binding', () => {
  it('stores a BindNotice durably and acks it with reply_to = the notice id', async () => {
    const d = makeRuntime();
    await d.deliver('down/binding', 'bindNotice', BIND, { id: 'n1' });
    expect(d.flash.load()!.binding).toMatchObject({ bindingId: 'b1', corpName: 'Acme' });
    const ack = d.sentBodies('ack')[0]!;
    expect(ack.topic).toBe('hw/v1/SIMUNIT1/up/reply');
    expect(ack.env.replyTo).toBe('n1');
    // A redelivered notice is acknowledged again without another write.
    await d.deliver('down/binding', 'bindNotice', BIND, { id: 'n1' });
    expect(d.sentBodies('ack').map((m) => m.env.replyTo)).toEqual(['n1', 'n1']);
  });

  it('acknowledges a binding carried by HelloAck with reply_to = the HelloAck id', async () => {
    const d = makeRuntime();
    const { id } = d.runtime.hello({ ip: '', transport: 'ethernet' });
    await d.deliver('down/system', 'helloAck', { heartbeatIntervalS: 30, binding: BIND }, { id: 'ha1', replyTo: id });
    expect(d.runtime.state.binding?.bindingId).toBe('b1');
    expect(d.sentBodies('ack')[0]!.env.replyTo).toBe('ha1');
  });

  it('unbind wipes users, templates and queued records, forgets the binding, keeps the seq, and acks', async () => {
    const d = await boundDevice();
    const records = d.runtime.module<RecordsModule>('records')!;
    d.setConnected(false);
    await records.punch(d.runtime.ctx, { userid: 'u1', timeMs: 1, direction: 1, method: 1, cardNo: '' });
    await records.punch(d.runtime.ctx, { userid: 'u2', timeMs: 2, direction: 1, method: 1, cardNo: '' });
    d.setConnected(true);
    await d.deliver('down/templates', 'templateSync', {
      upserts: [
        { userid: 'u1', kind: 1, index: 0, algorithm: 'x', data: Buffer.from('t'), sha256: sha256(Buffer.from('t')) },
      ],
    });
    expect(d.runtime.state.templates).toHaveLength(1);
    await d.deliver('down/binding', 'unbindNotice', { bindingId: 'b1', reason: 'removed' }, { id: 'u-1' });
    const flash = d.flash.load()!;
    expect(flash.binding).toBeNull();
    expect(flash.directory).toEqual({ version: 0, users: [] });
    expect(flash.templates).toEqual([]);
    expect(flash.records).toEqual([]);
    expect(flash.nextSeq).toBe(3);
    expect(d.sentBodies('ack').at(-1)!.env.replyTo).toBe('u-1');
    // Unbinding an unbound device is a no-op that is still acknowledged.
    await d.deliver('down/binding', 'unbindNotice', { bindingId: 'b1' }, { id: 'u-2' });
    expect(d.sentBodies('ack').at(-1)!.env.replyTo).toBe('u-2');
  });
});

describe('directory', () => {
  it('applies increments on the held version and asks again on a gap', async () => {
    const d = await boundDevice();
    await d.deliver('down/directory', 'directorySync', {
      version: 6,
      baseVersion: 5,
      upserts: [{ userid: 'u3', name: 'Cy' }],
      removedUserids: ['u1'],
    });
    expect(d.runtime.state.directory.version).toBe(6);
    expect(d.runtime.state.directory.users.map((u) => u.userid).sort()).toEqual(['u2', 'u3']);
    await d.deliver('down/directory', 'directorySync', { version: 9, baseVersion: 8, upserts: [] });
    expect(d.runtime.state.directory.version).toBe(6);
    expect(bodyOf(d.sentBodies('directoryRequest')[0]!.env, 'directoryRequest').haveVersion).toBe(6);
  });

  it('removes the templates of a person who leaves the directory, by increment or by full sync', async () => {
    const d = await boundDevice();
    const template = (userid: string) => ({
      userid,
      kind: 2,
      index: 0,
      algorithm: 'x',
      data: Buffer.from(userid),
      sha256: sha256(Buffer.from(userid)),
    });
    await d.deliver('down/templates', 'templateSync', { upserts: [template('u1'), template('u2')] });
    await d.deliver('down/directory', 'directorySync', { version: 6, baseVersion: 5, removedUserids: ['u1'] });
    expect(d.flash.load()!.templates.map((t) => t.userid)).toEqual(['u2']);
    await d.deliver('down/directory', 'directorySync', { version: 7, full: true, upserts: [{ userid: 'u3' }] });
    expect(d.flash.load()!.templates).toEqual([]);
    expect(d.sentBodies('directoryRequest')).toHaveLength(0);
  });

  it('does not ask for the directory after a HelloAck: the gateway sends what is stale', async () => {
    const d = await boundDevice();
    const { id } = d.runtime.hello({ ip: '', transport: 'ethernet' });
    await d.deliver('down/system', 'helloAck', { heartbeatIntervalS: 30, directoryVersion: 9 }, { replyTo: id });
    expect(d.sentBodies('directoryRequest')).toHaveLength(0);
  });
});

describe('records', () => {
  it('sends at most 200 per batch and deletes only what a RecordAck settles', async () => {
    const d = await boundDevice();
    const records = d.runtime.module<RecordsModule>('records')!;
    d.setConnected(false);
    for (let i = 0; i < 250; i++) {
      await records.punch(d.runtime.ctx, { userid: 'u1', timeMs: i, direction: 1, method: 1, cardNo: '' });
    }
    d.setConnected(true);
    await records.flush(d.runtime.ctx);
    const first = d.sentBodies('recordBatch')[0]!;
    const seqs = bodyOf(first.env, 'recordBatch').records!.map((r) => r.seq ?? 0);
    expect(seqs).toHaveLength(200);
    expect(seqs[0]).toBe(1);
    await d.deliver(
      'down/records',
      'recordAck',
      { stored: seqs.slice(0, 199), rejected: [{ seq: 200, code: 'user_out_of_range' }] },
      { replyTo: first.env.id },
    );
    expect(d.flash.load()!.records.map((r) => r.seq)).toEqual(Array.from({ length: 50 }, (_, i) => 201 + i));
    // The next batch goes as soon as the previous one is settled.
    const second = d.sentBodies('recordBatch')[1]!;
    expect(bodyOf(second.env, 'recordBatch').records).toHaveLength(50);
  });

  it('logs every record before the flash takes it; a boot drops log lines the flash never got', async () => {
    const d = await boundDevice();
    const records = d.runtime.module<RecordsModule>('records')!;
    d.setConnected(false);
    const punched = await records.punch(
      d.runtime.ctx,
      { userid: 'u1', timeMs: 1, direction: 1, method: 1, cardNo: '' },
      { userid: 'u2', timeMs: 2, direction: 2, method: 4, cardNo: '' },
    );
    expect(punched.map((r) => r.seq)).toEqual([1, 2]);
    expect(readRecordLog(d.flash.dir)).toEqual(punched);
    expect(d.flash.load()!.records).toEqual(punched);
    // A power cut between the log and the flash: the log has seq 3, the flash does not.
    await records.punch(d.runtime.ctx, { userid: 'u1', timeMs: 3, direction: 1, method: 1, cardNo: '' });
    const cut = d.flash.load()!;
    d.flash.save({ ...cut, nextSeq: 3, records: cut.records.slice(0, 2) });
    const after = makeRuntime({ dir: d.dir });
    after.runtime.module<RecordsModule>('records')!.onBoot(after.runtime.ctx);
    expect(readRecordLog(d.flash.dir).map((r) => r.seq)).toEqual([1, 2]);
  });

  it('punches the people of its directory in turn, by its own method', () => {
    const state = factoryFlash(BUNDLE);
    expect(passerBy(state, 0, 5)).toBeNull();
    state.directory.users = [
      { userid: 'u1', name: '', departmentIds: [], cardNo: '', enrolledKinds: [] },
      { userid: 'u2', name: '', departmentIds: [], cardNo: '', enrolledKinds: [] },
    ];
    expect([0, 1, 2].map((n) => passerBy(state, n, 5)?.userid)).toEqual(['u1', 'u2', 'u1']);
    expect(passerBy(state, 1, 5)).toEqual({ userid: 'u2', timeMs: 5, direction: 2, method: 1, cardNo: '' });
    expect(passerBy(state, 1, 5, ['x'])?.userid).toBe('x');
  });

  it('resends an unacknowledged batch after 10 s', async () => {
    const d = await boundDevice();
    const records = d.runtime.module<RecordsModule>('records')!;
    await records.punch(d.runtime.ctx, { userid: 'u1', timeMs: 1, direction: 1, method: 1, cardNo: '' });
    expect(d.sentBodies('recordBatch')).toHaveLength(1);
    d.timers.advance(9_999);
    expect(d.sentBodies('recordBatch')).toHaveLength(1);
    d.timers.advance(1);
    await new Promise((r) => setImmediate(r));
    expect(d.sentBodies('recordBatch')).toHaveLength(2);
    expect(d.runtime.state.records).toHaveLength(1);
  });
});

describe('door', () => {
  it('answers DoorOpen with DoorResult (reply_to = request) and never opens twice for one operation', async () => {
    const d = await boundDevice();
    await d.deliver('down/door', 'doorOpen', { operationId: 'op1', requestedBy: 'u1' }, { id: 'd1' });
    await d.deliver('down/door', 'doorOpen', { operationId: 'op1', requestedBy: 'u1' }, { id: 'd2' });
    const results = d.sentBodies('doorResult');
    expect(results.map((m) => m.env.replyTo)).toEqual(['d1', 'd2']);
    expect(results.map((m) => bodyOf(m.env, 'doorResult').opened)).toEqual([true, true]);
    expect(d.runtime.module<DoorModule>('door')!.openings).toBe(1);
    // The one opening is one record: the person who asked, method remote.
    expect(d.flash.load()!.records).toEqual([
      { seq: 1, userid: 'u1', timeMs: d.clock.now(), direction: 3, method: 3, cardNo: '' },
    ]);
  });

  it('an unbound device refuses to open', async () => {
    const d = makeRuntime();
    await d.deliver('down/door', 'doorOpen', { operationId: 'op1' }, { id: 'd1' });
    expect(bodyOf(d.sentBodies('doorResult')[0]!.env, 'doorResult')).toMatchObject({
      opened: false,
      code: 'forbidden',
    });
  });
});

describe('capture', () => {
  it('enrolls a user of the usable range with progress and stores the template', async () => {
    const d = await boundDevice();
    await d.deliver('down/enrollment', 'enrollmentStart', {
      operationId: 'e1',
      userid: 'u1',
      kind: pb.BiometricKind.BIOMETRIC_KIND_FINGERPRINT,
      samplesRequired: 3,
      timeoutS: 60,
    });
    for (let i = 0; i < 3; i++) {
      d.timers.advance(100);
      await new Promise((r) => setImmediate(r));
    }
    expect(d.sentBodies('enrollmentProgress').map((m) => bodyOf(m.env, 'enrollmentProgress').samplesTaken)).toEqual([
      1, 2, 3,
    ]);
    const result = bodyOf(d.sentBodies('enrollmentResult')[0]!.env, 'enrollmentResult');
    expect(result.status).toBe(pb.EnrollmentStatus.ENROLLMENT_STATUS_COMPLETED);
    expect(result.template?.userid).toBe('u1');
    expect(d.flash.load()!.templates).toHaveLength(1);
  });

  it('refuses a user outside the usable range', async () => {
    const d = await boundDevice();
    await d.deliver('down/enrollment', 'enrollmentStart', { operationId: 'e2', userid: 'stranger', kind: 1 });
    expect(bodyOf(d.sentBodies('enrollmentResult')[0]!.env, 'enrollmentResult')).toMatchObject({
      status: pb.EnrollmentStatus.ENROLLMENT_STATUS_FAILED,
      code: 'user_out_of_range',
    });
  });
});

describe('OTA', () => {
  const keys = generateVendorKeys();
  const image = buildFirmwareImage(
    { model: 'T1000', version: '1.1.0', payload: Buffer.alloc(6000, 7), test: true },
    keys.privateKeyPem,
  );
  const offer = (jobId: string, more: Record<string, unknown> = {}) => ({
    jobId,
    version: '1.1.0',
    size: image.length,
    sha256: sha256(image),
    chunkSize: 1024,
    test: true,
    model: 'T1000',
    bindingId: 'b1',
    ...more,
  });
  type Device = Awaited<ReturnType<typeof boundDevice>>;
  const requests = (d: Device) => d.sentBodies('firmwareChunkRequest');
  const answered = new WeakMap<Device, Set<string>>();
  /** Answers every chunk request not answered yet, in the order given; true once the device rebooted. */
  async function serve(d: Device, order: (ids: string[]) => string[] = (x) => x, data = image): Promise<void> {
    const done = answered.get(d) ?? new Set<string>();
    answered.set(d, done);
    const open = requests(d).filter((m) => !done.has(m.env.id));
    const byId = new Map(open.map((m) => [m.env.id, m]));
    for (const id of order(open.map((m) => m.env.id))) {
      done.add(id);
      const r = bodyOf(byId.get(id)!.env, 'firmwareChunkRequest');
      await d.deliver(
        'down/firmware',
        'firmwareChunk',
        { jobId: r.jobId, offset: r.offset, data: data.subarray(r.offset!, r.offset! + r.length!) },
        { replyTo: id },
      );
    }
  }
  async function download(d: Device, order?: (ids: string[]) => string[]): Promise<void> {
    for (let round = 0; round < 20 && !d.reboots.length && !d.powerCuts.length && d.flash.load()!.otaJob; round++)
      await serve(d, order);
  }
  const results = (d: Device) => d.sentBodies('firmwareResult').map((m) => bodyOf(m.env, 'firmwareResult'));
  const bound = async (faults = {}) => {
    const d = makeRuntime({ vendorPublicKey: keys.publicKeyPem, otaFaults: faults });
    await d.deliver('down/binding', 'bindNotice', BIND, { id: 'n1' });
    return d;
  };

  it('pulls a few chunks at a time, installs on trial, and reports SUCCEEDED after the reboot confirms', async () => {
    const d = await bound();
    await d.deliver('down/firmware', 'firmwareOffer', offer('j1'));
    expect(requests(d).map((m) => bodyOf(m.env, 'firmwareChunkRequest').offset)).toEqual([0, 1024, 2048, 3072]);
    // Chunks may come back in any order.
    await download(d, (ids) => [...ids].reverse());
    const flash = d.flash.load()!;
    expect(flash.slots[1]).toMatchObject({ version: '1.1.0', state: 'pending_verify' });
    expect(flash.otaJob?.phase).toBe('rebooting');
    const states = d.sentBodies('firmwareProgress').map((m) => bodyOf(m.env, 'firmwareProgress').state);
    expect(states.slice(-4)).toEqual([2, 3, 4, 5]);
    // The reboot: bootloader, self-test passes, then online again.
    const booted = resolvePendingSlot(selectBootSlot(flash).state, true).state;
    d.flash.save(booted);
    const after = makeRuntime({ dir: d.dir, vendorPublicKey: keys.publicKeyPem });
    const { id } = after.runtime.hello({ ip: '', transport: 'ethernet' });
    await after.deliver('down/system', 'helloAck', { heartbeatIntervalS: 30 }, { replyTo: id });
    expect(results(after)[0]).toMatchObject({
      jobId: 'j1',
      outcome: pb.FirmwareOutcome.FIRMWARE_OUTCOME_SUCCEEDED,
      version: '1.1.0',
    });
    expect(runningVersion(after.flash.load()!)).toBe('1.1.0');
    expect(after.flash.load()!.otaJob).toBeNull();
    // The gateway offers the job again until it hears the result: the same result again, no download.
    await after.deliver('down/firmware', 'firmwareOffer', offer('j1'));
    expect(results(after).map((r) => r.outcome)).toEqual([1, 1]);
    expect(requests(after)).toHaveLength(0);
  });

  it('refuses before asking for a chunk: no binding, another binding, an older or the same version, another model', async () => {
    const unbound = makeRuntime({ vendorPublicKey: keys.publicKeyPem });
    await unbound.deliver('down/firmware', 'firmwareOffer', offer('j1'));
    const d = await bound();
    await d.deliver('down/firmware', 'firmwareOffer', offer('j2', { bindingId: 'b0' }));
    await d.deliver('down/firmware', 'firmwareOffer', offer('j3', { version: '0.9.0' }));
    await d.deliver('down/firmware', 'firmwareOffer', offer('j4', { version: '1.0.0', allowDowngrade: true }));
    await d.deliver('down/firmware', 'firmwareOffer', offer('j5', { version: '2.0.0', model: 'OTHER' }));
    expect(results(unbound).map((r) => [r.outcome, r.code])).toEqual([[3, 'binding_not_active']]);
    expect(results(d).map((r) => r.code)).toEqual(['binding_not_active', 'downgrade', 'downgrade', 'fw_wrong_model']);
    expect([...requests(unbound), ...requests(d)]).toHaveLength(0);
  });

  it('takes an older version only when the offer allows a downgrade', async () => {
    const older = buildFirmwareImage(
      { model: 'T1000', version: '0.9.0', payload: Buffer.alloc(100, 1) },
      keys.privateKeyPem,
    );
    const d = await bound();
    await d.deliver(
      'down/firmware',
      'firmwareOffer',
      offer('j1', { version: '0.9.0', size: older.length, sha256: sha256(older), allowDowngrade: true }),
    );
    await serve(d, undefined, older);
    expect(d.flash.load()!.slots[1]).toMatchObject({ version: '0.9.0', state: 'pending_verify' });
  });

  it('a damaged chunk or a signature its key does not verify fails the job; the running slot stays', async () => {
    for (const [fault, code] of [
      ['corruptChunk', 'fw_image_mismatch'],
      ['wrongSignature', 'fw_bad_signature'],
    ] as const) {
      const d = await bound({ [fault]: true });
      await d.deliver('down/firmware', 'firmwareOffer', offer('j1'));
      await download(d);
      expect(results(d), fault).toMatchObject([{ outcome: 2, code, version: '1.0.0' }]);
      const flash = d.flash.load()!;
      expect(flash.otaJob).toBeNull();
      expect(runningVersion(flash)).toBe('1.0.0');
      expect(flash.slots[1]!.state).toBe('empty');
      expect(d.reboots).toEqual([]);
    }
  });

  it('the power goes halfway through writing; the download resumes from the last offset it kept', async () => {
    const d = await bound({ powerCutWhileWriting: true });
    await d.deliver('down/firmware', 'firmwareOffer', offer('j1'));
    await download(d);
    expect(d.powerCuts).toHaveLength(1);
    expect(d.flash.load()!.otaJob).toMatchObject({ phase: 'downloading', bytesDone: 0 });
    // Power back: the device boots from flash, connects, and the gateway offers the job again.
    const after = makeRuntime({ dir: d.dir, vendorPublicKey: keys.publicKeyPem });
    for (const m of after.runtime.modules) m.onBoot?.(after.runtime.ctx);
    await after.deliver('down/firmware', 'firmwareOffer', offer('j1'));
    expect(bodyOf(requests(after)[0]!.env, 'firmwareChunkRequest').offset).toBe(0);
    await download(after);
    expect(after.flash.load()!.slots[1]).toMatchObject({ version: '1.1.0', state: 'pending_verify' });
  });

  it('stops when the gateway says the job ended, or when the device loses the binding', async () => {
    const d = await bound();
    await d.deliver('down/firmware', 'firmwareOffer', offer('j1'));
    const first = requests(d)[0]!;
    await d.deliver('down/reply', 'error', { code: 'fw_job_ended', message: 'cancelled' }, { replyTo: first.env.id });
    expect(d.flash.load()!.otaJob).toBeNull();
    await serve(d);
    expect(requests(d)).toHaveLength(4);

    const e = await bound();
    await e.deliver('down/firmware', 'firmwareOffer', offer('j2'));
    await e.deliver('down/binding', 'unbindNotice', { bindingId: 'b1' }, { id: 'u1' });
    await serve(e);
    expect(results(e)).toMatchObject([{ outcome: 2, code: 'binding_not_active' }]);
    expect(requests(e)).toHaveLength(4);
    expect(e.flash.load()!.otaJob).toBeNull();
  });
});

describe('runtime', () => {
  it('answers garbage and unknown bodies with an ErrorReply on up/reply, and acks a Reboot before restarting', async () => {
    const d = makeRuntime({ bundle: { ...BUNDLE, capabilities: ['screen'] } });
    await d.runtime.receive('hw/v1/SIMUNIT1/down/door', Buffer.from([0x07, 0xff]));
    await d.deliver('down/door', 'doorOpen', { operationId: 'x' }, { id: 'dx' });
    const errors = d.sentBodies('error').map((m) => [bodyOf(m.env, 'error').code, m.env.replyTo]);
    expect(errors).toEqual([
      ['malformed_message', ''],
      ['unexpected_message', 'dx'],
    ]);
    await d.deliver('down/system', 'reboot', { reason: 'test' }, { id: 'r1' });
    await d.deliver('down/system', 'reboot', { reason: 'test' }, { id: 'r1' });
    expect(d.sentBodies('ack').map((m) => m.env.replyTo)).toEqual(['r1', 'r1']);
    expect(d.reboots).toEqual(['test']);
  });
});

describe('screen', () => {
  it('shows a valid dynamic QR while unbound, a label for screenless devices, the corp once bound', () => {
    const clock = new ManualClock(1_764_000_000_000);
    const state = factoryFlash(BUNDLE);
    const screen = screenFor(state, clock);
    expect(screen.kind).toBe('dynamic_qr');
    if (screen.kind !== 'dynamic_qr') return;
    const qr = parseQr(screen.url);
    expect(qr.kind).toBe('dynamic');
    if (qr.kind === 'dynamic') verifyDynamicQr(qr, BUNDLE.secret, clock);
    expect(screen.renewAtMs - clock.now()).toBe(10 * 60 * 1000);
    const label = screenFor(factoryFlash({ ...BUNDLE, capabilities: ['door'] }), clock);
    expect(label).toMatchObject({ kind: 'label', url: 'https://hw.example.com/hw/bind?sn=SIMUNIT1' });
    expect(screenFor({ ...state, binding: { ...BIND } }, clock)).toMatchObject({ kind: 'bound', corpName: 'Acme' });
  });
});

describe('reconnect back-off', () => {
  it('doubles from the base, stays within [d/2, d], and never exceeds the cap', () => {
    const opts = { baseMs: 1000, capMs: 30_000 };
    expect(backoffDelay(0, opts, () => 0)).toBe(500);
    expect(backoffDelay(0, opts, () => 1)).toBe(1000);
    expect(backoffDelay(3, opts, () => 0)).toBe(4000);
    expect(backoffDelay(3, opts, () => 1)).toBe(8000);
    for (let attempt = 0; attempt < 100; attempt++) {
      const d = backoffDelay(attempt, opts);
      expect(d).toBeGreaterThanOrEqual(Math.min(30_000, 1000 * 2 ** attempt) / 2);
      expect(d).toBeLessThanOrEqual(30_000);
    }
  });
});

it('Flash.forDevice upper-cases the SN directory', () => {
  expect(Flash.forDevice('/x', 'abc1').dir).toBe('/x/ABC1');
});
