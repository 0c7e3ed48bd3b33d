// The simulated face / fingerprint sensor without a gateway: retries, failures, the device's own
// timeout, cancel, a dropped link, templates from sibling devices. The conditions change between
// tries, so every sequence is scripted rather than random.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { isHwbindError } from '../../protocol/errors.js';
import { bodyOf, pb } from '../../protocol/messages.js';
import {
  type CaptureConditions,
  type CaptureModule,
  faceEmbedding,
  MAX_MISMATCHES,
  parseCaptureSpec,
} from '../../simulator/modules/capture.js';
import { makeRuntime } from './harness.js';

const FACE = pb.BiometricKind.BIOMETRIC_KIND_FACE;
const FP = pb.BiometricKind.BIOMETRIC_KIND_FINGERPRINT;
const S = pb.EnrollmentStatus;
const SAMPLE_MS = 100;

async function device() {
  const d = makeRuntime();
  await d.deliver('down/binding', 'bindNotice', { bindingId: 'b1', corpId: 'c1', corpName: 'Acme' }, { id: 'n1' });
  await d.deliver('down/directory', 'directorySync', {
    version: 3,
    full: true,
    upserts: [
      { userid: 'u1', name: 'Ann' },
      { userid: 'u2', name: 'Bob' },
    ],
  });
  const capture = d.runtime.module<CaptureModule>('capture')!;
  /** One try of the sensor under these conditions. */
  const attempt = async (conditions: Partial<CaptureConditions> = {}) => {
    capture.setConditions({
      noFinger: 0,
      badImage: 0,
      mismatch: 0,
      noFace: 0,
      offCentre: 0,
      notLive: 0,
      duplicate: 0,
      ...conditions,
    });
    d.timers.advance(SAMPLE_MS);
    for (let i = 0; i < 5; i++) await new Promise((r) => setImmediate(r));
  };
  const progress = () =>
    d.sentBodies('enrollmentProgress').map((m) => {
      const p = bodyOf(m.env, 'enrollmentProgress');
      return [p.samplesTaken, p.hint];
    });
  const results = () => d.sentBodies('enrollmentResult').map((m) => bodyOf(m.env, 'enrollmentResult'));
  const enroll = (userid: string, kind: number, extra: { timeoutS?: number; samplesRequired?: number } = {}) =>
    d.deliver('down/enrollment', 'enrollmentStart', {
      operationId: `op-${userid}-${kind}`,
      userid,
      kind,
      samplesRequired: kind === FACE ? 5 : 3,
      timeoutS: 60,
      ...extra,
    });
  return { ...d, capture, attempt, progress, results, enroll };
}

describe('fingerprint', () => {
  it('retries no finger, an unclear image and another finger, and completes with three good presses', async () => {
    const d = await device();
    await d.enroll('u1', FP);
    await d.attempt({ noFinger: 1 });
    await d.attempt({ noFinger: 1 }); // nothing new on the sensor: no second report
    await d.attempt({ badImage: 1 });
    await d.attempt();
    await d.attempt({ mismatch: 1 });
    await d.attempt();
    await d.attempt();
    expect(d.progress()).toEqual([
      [0, 'place your finger on the sensor'],
      [0, 'image unclear: press a little harder'],
      [1, 'lift and place the same finger again'],
      [1, 'that was another finger: use the same finger'],
      [2, 'lift and place the same finger again'],
      [3, 'fingerprint captured'],
    ]);
    const [result] = d.results();
    expect(result).toMatchObject({ operationId: 'op-u1-2', status: S.ENROLLMENT_STATUS_COMPLETED });
    const t = result!.template!;
    expect(t).toMatchObject({ userid: 'u1', kind: FP, algorithm: 'hwbind-sim-fp-1' });
    expect(Buffer.from(t.sha256!).toString('hex')).toBe(createHash('sha256').update(t.data!).digest('hex'));
    expect(d.flash.load()!.templates).toEqual([
      expect.objectContaining({ userid: 'u1', kind: FP, sha256: Buffer.from(t.sha256!).toString('hex') }),
    ]);
  });

  it(`fails with combine_mismatch at the ${MAX_MISMATCHES}rd press from another finger`, async () => {
    const d = await device();
    await d.enroll('u1', FP);
    await d.attempt();
    for (let i = 0; i < MAX_MISMATCHES; i++) await d.attempt({ mismatch: 1 });
    expect(d.results()).toEqual([
      expect.objectContaining({ status: S.ENROLLMENT_STATUS_FAILED, code: 'combine_mismatch' }),
    ]);
    expect(d.flash.load()!.templates).toEqual([]);
  });

  it('a first press cannot mismatch: there is nothing to compare it with', async () => {
    const d = await device();
    await d.enroll('u1', FP);
    await d.attempt({ mismatch: 1 });
    expect(d.progress()).toEqual([[1, 'lift and place the same finger again']]);
  });
});

describe('face', () => {
  it('needs a live, centred face in five frames; the template is the face’s embedding', async () => {
    const d = await device();
    await d.enroll('u1', FACE);
    await d.attempt({ noFace: 1 });
    await d.attempt({ offCentre: 1 });
    await d.attempt({ notLive: 1 });
    for (let i = 0; i < 5; i++) await d.attempt();
    expect(d.progress().map(([n, hint]) => `${n} ${hint}`)).toEqual([
      '0 look at the camera',
      '0 move your face into the frame',
      '0 liveness check failed: blink and face the camera',
      '1 hold still',
      '2 hold still',
      '3 hold still',
      '4 hold still',
      '5 face captured',
    ]);
    const result = d.results()[0]!;
    expect(result.status).toBe(S.ENROLLMENT_STATUS_COMPLETED);
    expect(Buffer.from(result.template!.data!)).toEqual(faceEmbedding('u1'));
  });

  it('refuses a face enrolled here for someone else (a template synced from a sibling device)', async () => {
    const d = await device();
    const bobs = faceEmbedding('u2');
    await d.deliver(
      'down/templates',
      'templateSync',
      {
        removedUserids: ['u2'],
        upserts: [
          {
            userid: 'u2',
            kind: FACE,
            algorithm: 'hwbind-sim-face-1',
            data: bobs,
            sha256: createHash('sha256').update(bobs).digest(),
          },
        ],
      },
      { id: 'ts1' },
    );
    expect(d.sentBodies('ack').at(-1)!.env.replyTo).toBe('ts1');
    d.capture.setConditions({ face: 'u2' });
    await d.enroll('u1', FACE);
    await d.attempt({ face: 'u2' });
    expect(d.results()).toEqual([
      expect.objectContaining({ status: S.ENROLLMENT_STATUS_FAILED, code: 'duplicate_face' }),
    ]);
    // Bob may enroll his own face again.
    await d.enroll('u2', FACE);
    for (let i = 0; i < 5; i++) await d.attempt({ face: 'u2' });
    expect(d.results()[1]!.status).toBe(S.ENROLLMENT_STATUS_COMPLETED);
  });

  it('with duplicate: 100% shows the face of someone enrolled here, when there is one', async () => {
    const d = await device();
    d.capture.setConditions({ duplicate: 1 });
    await d.enroll('u1', FACE);
    for (let i = 0; i < 5; i++) await d.attempt({ duplicate: 1 });
    expect(d.results()[0]!.status).toBe(S.ENROLLMENT_STATUS_COMPLETED);
    await d.enroll('u2', FACE);
    await d.attempt({ duplicate: 1 });
    expect(d.results()[1]).toMatchObject({ status: S.ENROLLMENT_STATUS_FAILED, code: 'duplicate_face' });
  });
});

describe('ending a capture early', () => {
  it('times out on its own after timeout_s', async () => {
    const d = await device();
    await d.enroll('u1', FP, { timeoutS: 1 });
    for (let i = 0; i < 10; i++) await d.attempt({ noFinger: 1 });
    expect(d.results()).toEqual([expect.objectContaining({ status: S.ENROLLMENT_STATUS_TIMED_OUT })]);
    expect(d.progress()).toEqual([[0, 'place your finger on the sensor']]);
  });

  it('leaves on EnrollmentCancel of its operation only, and is free for the next one', async () => {
    const d = await device();
    await d.enroll('u1', FP);
    await d.deliver('down/enrollment', 'enrollmentCancel', { operationId: 'someone-else' });
    expect(d.results()).toEqual([]);
    await d.deliver('down/enrollment', 'enrollmentCancel', { operationId: 'op-u1-2' });
    expect(d.results()).toEqual([expect.objectContaining({ status: S.ENROLLMENT_STATUS_CANCELLED })]);
    await d.enroll('u2', FP);
    for (let i = 0; i < 3; i++) await d.attempt();
    expect(d.results()[1]).toMatchObject({ operationId: 'op-u2-2', status: S.ENROLLMENT_STATUS_COMPLETED });
  });

  it('answers busy while capturing, and ignores a redelivered start', async () => {
    const d = await device();
    await d.enroll('u1', FP);
    await d.enroll('u1', FP);
    expect(d.results()).toEqual([]);
    await d.enroll('u2', FP);
    expect(d.results()).toEqual([expect.objectContaining({ operationId: 'op-u2-2', code: 'busy' })]);
  });

  it('abandons a capture when the link drops (the gateway failed it), without a template', async () => {
    const d = await device();
    await d.enroll('u1', FP);
    await d.attempt();
    d.setConnected(false);
    await d.attempt();
    d.setConnected(true);
    await d.attempt();
    expect(d.results()).toEqual([]);
    expect(d.flash.load()!.templates).toEqual([]);
    await d.enroll('u2', FP);
    expect(d.results()).toEqual([]);
  });

  it('abandons a capture it held across a reconnect', async () => {
    const d = await device();
    await d.enroll('u1', FP);
    const { id } = d.runtime.hello({ ip: '', transport: 'ethernet' });
    await d.deliver('down/system', 'helloAck', { heartbeatIntervalS: 30 }, { replyTo: id });
    await d.enroll('u2', FP);
    expect(d.results()).toEqual([]);
  });

  it('refuses a person its directory does not hold', async () => {
    const d = await device();
    await d.enroll('stranger', FP);
    expect(d.results()[0]).toMatchObject({ status: S.ENROLLMENT_STATUS_FAILED, code: 'user_out_of_range' });
  });
});

describe('templates from sibling devices', () => {
  it('replaces the templates of the people named in removed_userids, then acks', async () => {
    const d = await device();
    const t = (userid: string, kind: number, byte: number) => {
      const data = Buffer.alloc(16, byte);
      return { userid, kind, algorithm: 'a', data, sha256: createHash('sha256').update(data).digest() };
    };
    await d.deliver('down/templates', 'templateSync', {
      removedUserids: ['u1', 'u2'],
      upserts: [t('u1', FP, 1), t('u1', FACE, 2), t('u2', FP, 3)],
    });
    await d.deliver('down/templates', 'templateSync', { removedUserids: ['u1'], upserts: [t('u1', FP, 4)] });
    const held = d.flash.load()!.templates.map((x) => `${x.userid}/${x.kind}/${Buffer.from(x.data, 'base64')[0]}`);
    expect(held.sort()).toEqual(['u1/2/4', 'u2/2/3']);
    expect(d.sentBodies('ack')).toHaveLength(4);
  });
});

describe('--capture', () => {
  it('parses percentages, fractions and whose face is shown', () => {
    expect(parseCaptureSpec('noFinger=100%, badImage=0.25,face=alice')).toEqual({
      noFinger: 1,
      badImage: 0.25,
      face: 'alice',
    });
    expect(parseCaptureSpec('')).toEqual({});
  });
  it.each(['noFingers=10%', 'mismatch=120%', 'mismatch', 'face=', 'notLive=-1'])('refuses %s', (spec) => {
    let thrown: unknown;
    try {
      parseCaptureSpec(spec);
    } catch (err) {
      thrown = err;
    }
    expect(isHwbindError(thrown, 'invalid_argument')).toBe(true);
  });
});
