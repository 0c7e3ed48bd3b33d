// Face / fingerprint capture (protocol §5.3), as a terminal's sensor behaves. Every `sampleMs` the
// sensor tries once and reports progress when something changed:
// - fingerprint (R307/AS608 family): `samples_required` good presses of the same finger; a press may
//   find no finger or give an unclear image (try again) or come from another finger (try again; the
//   third such press fails the enrollment with combine_mismatch);
// - face: good frames of a live face inside the guide box; a frame may show no face, an off-centre face
//   or fail the liveness check (try again); the first good frame is searched among the faces enrolled
//   here, and one enrolled for another person fails it with duplicate_face.
// The conditions (probabilities per try, and whose face is at the camera) come from the device's
// options or a fleet scenario. The device's own timeout_s ends a capture TIMED_OUT, EnrollmentCancel
// ends it CANCELLED; a capture whose result cannot reach the gateway (the link dropped) is abandoned
// and its template discarded, as the gateway has already failed it. Templates synced from sibling
// devices (TemplateSync) are stored in flash too.
import { createHash, randomBytes } from 'node:crypto';
import type { Capability } from '../../protocol/capabilities.js';
import { HwbindError } from '../../protocol/errors.js';
import { type BodyOf, bodyOf, type Envelope, pb } from '../../protocol/messages.js';
import type { FlashState, StoredTemplate } from '../flash.js';
import type { DeviceModule, ModuleContext } from '../module.js';

const Kind = pb.BiometricKind;
const Status = pb.EnrollmentStatus;
export const FACE_ALGORITHM = 'hwbind-sim-face-1';
export const FINGERPRINT_ALGORITHM = 'hwbind-sim-fp-1';
/** A template's size: an R307 fingerprint model, or a 128-float face embedding. */
const TEMPLATE_BYTES = 512;
/** Presses from another finger tolerated before the samples cannot be combined. */
export const MAX_MISMATCHES = 3;

/** What happens at the sensor: probabilities (0..1) per try, and whose face is shown. */
export interface CaptureConditions {
  /** Fingerprint: no finger on the sensor. */
  noFinger: number;
  /** Fingerprint: an image too unclear to use. */
  badImage: number;
  /** Fingerprint: a press from another finger than the first. */
  mismatch: number;
  /** Face: nobody in front of the camera. */
  noFace: number;
  /** Face: a face outside the guide box. */
  offCentre: number;
  /** Face: the liveness check fails (a photo, a mask). */
  notLive: number;
  /** Face, per enrollment: the face shown is one enrolled here for another person. */
  duplicate: number;
  /** Face: the userid whose face is at the camera (default: the person being enrolled). */
  face?: string;
}

export const GOOD_CONDITIONS: CaptureConditions = {
  noFinger: 0,
  badImage: 0,
  mismatch: 0,
  noFace: 0,
  offCentre: 0,
  notLive: 0,
  duplicate: 0,
};

/** The conditions of each sensor. */
export const SENSOR_CONDITIONS = {
  fingerprint: ['noFinger', 'badImage', 'mismatch'],
  face: ['noFace', 'offCentre', 'notLive', 'duplicate'],
} as const;
export type SensorCondition = (typeof SENSOR_CONDITIONS)[keyof typeof SENSOR_CONDITIONS][number];
const CONDITION_KEYS: readonly SensorCondition[] = [...SENSOR_CONDITIONS.fingerprint, ...SENSOR_CONDITIONS.face];

/**
 * Parses `noFinger=100%,mismatch=20%,face=alice` (the `--capture` option of `hwbind sim device`).
 * Percentages or fractions 0..1.
 */
export function parseCaptureSpec(text: string): Partial<CaptureConditions> {
  const out: Partial<CaptureConditions> = {};
  for (const part of text
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean)) {
    const [key, value = ''] = part.split('=').map((s) => s.trim()) as [string, string?];
    if (key === 'face') {
      if (!value) throw new HwbindError('invalid_argument', 'capture: face needs a userid (face=alice)');
      out.face = value;
      continue;
    }
    if (!(CONDITION_KEYS as readonly string[]).includes(key))
      throw new HwbindError(
        'invalid_argument',
        `capture: unknown condition "${key}" (expected ${[...CONDITION_KEYS, 'face'].join(', ')})`,
      );
    const pct = /^(\d+(?:\.\d+)?)%$/.exec(value);
    const n = pct ? Number(pct[1]) / 100 : Number(value);
    if (value === '' || !Number.isFinite(n) || n < 0 || n > 1)
      throw new HwbindError('invalid_argument', `capture: ${key} must be a percentage from 0% to 100%`);
    out[key as SensorCondition] = n;
  }
  return out;
}

/** The embedding a face yields: the same face always gives the same one. */
export function faceEmbedding(faceOf: string): Buffer {
  const blocks: Buffer[] = [];
  for (let i = 0; blocks.length * 32 < TEMPLATE_BYTES; i++)
    blocks.push(createHash('sha256').update(`hwbind-sim-face|${faceOf}|${i}`).digest());
  return Buffer.concat(blocks).subarray(0, TEMPLATE_BYTES);
}

interface Capture {
  operationId: string;
  userid: string;
  kind: number;
  required: number;
  good: number;
  mismatches: number;
  /** Face: whose face is at the camera for this enrollment. */
  shown: string;
  hint: string;
  /** What the last progress said, so an unchanged sensor is not reported again. */
  reported: string;
  attemptTimer: unknown;
  deadline: unknown;
}

type Attempt = { hint: string } | { good: true; hint: string } | { fail: string };

export function upsertTemplates(state: FlashState, templates: StoredTemplate[]): void {
  const key = (t: StoredTemplate) => `${t.userid}|${t.kind}|${t.index}`;
  const byKey = new Map(state.templates.map((t) => [key(t), t]));
  for (const t of templates) byKey.set(key(t), t);
  state.templates = [...byKey.values()];
}

/** TemplateSync: the people named in removed_userids lose their templates, then upserts are stored. */
export function applyTemplateSync(state: FlashState, sync: BodyOf<'templateSync'>): void {
  const removed = new Set(sync.removedUserids ?? []);
  state.templates = state.templates.filter((t) => !removed.has(t.userid));
  upsertTemplates(state, (sync.upserts ?? []).map(fromWire));
}

type WireTemplate = NonNullable<BodyOf<'templateSync'>['upserts']>[number];

const fromWire = (t: WireTemplate): StoredTemplate => ({
  userid: t.userid ?? '',
  kind: t.kind ?? 0,
  index: t.index ?? 0,
  algorithm: t.algorithm ?? '',
  data: Buffer.from(t.data ?? []).toString('base64'),
  sha256: Buffer.from(t.sha256 ?? []).toString('hex'),
});

export interface CaptureOptions {
  sampleMs?: number;
  conditions?: Partial<CaptureConditions>;
  /** Uniform in [0, 1); injected so tests can script the sensor. */
  random?: () => number;
}

export class CaptureModule implements DeviceModule {
  readonly name = 'capture';
  readonly bodies = ['enrollmentStart', 'enrollmentCancel', 'templateSync'] as const;
  private current: Capture | null = null;
  private conditions: CaptureConditions;
  private readonly sampleMs: number;
  private readonly random: () => number;

  constructor(
    private readonly capabilities: readonly Capability[],
    o: CaptureOptions = {},
  ) {
    this.sampleMs = o.sampleMs ?? 300;
    this.random = o.random ?? Math.random;
    this.conditions = { ...GOOD_CONDITIONS, ...o.conditions };
  }

  /** Changes what happens at the sensor from the next try on. */
  setConditions(conditions: Partial<CaptureConditions>): void {
    this.conditions = { ...this.conditions, ...conditions };
  }

  async handle(ctx: ModuleContext, env: Envelope): Promise<void> {
    if (env.body === 'enrollmentStart') return this.start(ctx, bodyOf(env, 'enrollmentStart'));
    if (env.body === 'enrollmentCancel') {
      const cancel = bodyOf(env, 'enrollmentCancel');
      if (ctx.defective('ignore-enrollment-cancel')) return;
      if (this.current?.operationId === cancel.operationId) await this.finish(ctx, Status.ENROLLMENT_STATUS_CANCELLED);
      return;
    }
    const sync = bodyOf(env, 'templateSync');
    ctx.update((s) => applyTemplateSync(s, sync));
    await ctx.ack(env);
  }

  /** Back online after a lost link: the gateway ended the capture then, so it is abandoned. */
  onOnline(ctx: ModuleContext): void {
    if (this.current) this.abandon(ctx, 'the link dropped during capture');
  }

  stop(ctx: ModuleContext): void {
    if (this.current) this.clearTimers(ctx, this.current);
    this.current = null;
  }

  private async start(ctx: ModuleContext, start: BodyOf<'enrollmentStart'>): Promise<void> {
    const operationId = start.operationId ?? '';
    if (this.current?.operationId === operationId) return;
    const fail = (code: string) =>
      ctx.publish('up/enrollment', 'enrollmentResult', { operationId, status: Status.ENROLLMENT_STATUS_FAILED, code });
    if (this.current) return void (await fail('busy'));
    const kind = start.kind ?? Kind.BIOMETRIC_KIND_UNSPECIFIED;
    const sensor = kind === Kind.BIOMETRIC_KIND_FACE ? 'face' : 'fingerprint';
    if (kind === Kind.BIOMETRIC_KIND_UNSPECIFIED || !this.capabilities.includes(sensor)) {
      return void (await fail('capture_failed'));
    }
    // Before its first directory arrives the device relies on the gateway's usable-range check.
    const directory = ctx.state().directory;
    if (directory.version > 0 && !directory.users.some((u) => u.userid === start.userid)) {
      return void (await fail('user_out_of_range'));
    }
    const userid = start.userid ?? '';
    const capture: Capture = {
      operationId,
      userid,
      kind,
      required: Math.max(1, start.samplesRequired || 3),
      good: 0,
      mismatches: 0,
      shown: kind === Kind.BIOMETRIC_KIND_FACE ? this.faceAtCamera(ctx, userid) : userid,
      hint: '',
      reported: '',
      attemptTimer: null,
      deadline: null,
    };
    this.current = capture;
    ctx.log(`enrollment ${operationId}: ${sensor} of ${userid} (${capture.required} samples)`);
    const timeoutS = start.timeoutS ?? 0;
    if (timeoutS > 0 && !ctx.defective('no-enrollment-timeout')) {
      capture.deadline = ctx.timers.setTimeout(() => {
        if (this.current !== capture) return;
        this.finish(ctx, Status.ENROLLMENT_STATUS_TIMED_OUT).catch((err) =>
          ctx.log(`enrollment timeout report failed: ${(err as Error).message}`),
        );
      }, timeoutS * 1000);
    }
    this.scheduleAttempt(ctx, capture);
  }

  /** Whose face the camera sees for this enrollment. */
  private faceAtCamera(ctx: ModuleContext, userid: string): string {
    if (this.conditions.face) return this.conditions.face;
    const others = [
      ...new Set(
        ctx
          .state()
          .templates.filter((t) => t.kind === Kind.BIOMETRIC_KIND_FACE && t.userid !== userid)
          .map((t) => t.userid),
      ),
    ];
    if (others.length > 0 && this.random() < this.conditions.duplicate)
      return others[Math.floor(this.random() * others.length)]!;
    return userid;
  }

  private scheduleAttempt(ctx: ModuleContext, capture: Capture): void {
    capture.attemptTimer = ctx.timers.setTimeout(() => {
      if (this.current !== capture) return;
      this.attempt(ctx, capture).catch((err) => {
        if (this.current === capture) this.abandon(ctx, (err as Error).message);
      });
    }, this.sampleMs);
  }

  private async attempt(ctx: ModuleContext, capture: Capture): Promise<void> {
    if (!ctx.online()) return this.abandon(ctx, 'the link dropped during capture');
    const outcome = capture.kind === Kind.BIOMETRIC_KIND_FACE ? this.frame(ctx, capture) : this.press(capture);
    if ('fail' in outcome) return this.finish(ctx, Status.ENROLLMENT_STATUS_FAILED, outcome.fail);
    if ('good' in outcome) capture.good += 1;
    capture.hint = outcome.hint;
    await this.report(ctx, capture);
    if (this.current !== capture) return;
    if (capture.good < capture.required) return this.scheduleAttempt(ctx, capture);
    await this.complete(ctx, capture);
  }

  private press(capture: Capture): Attempt {
    const c = this.conditions;
    if (this.random() < c.noFinger) return { hint: 'place your finger on the sensor' };
    if (this.random() < c.badImage) return { hint: 'image unclear: press a little harder' };
    if (capture.good > 0 && this.random() < c.mismatch) {
      capture.mismatches += 1;
      if (capture.mismatches >= MAX_MISMATCHES) return { fail: 'combine_mismatch' };
      return { hint: 'that was another finger: use the same finger' };
    }
    const left = capture.required - capture.good - 1;
    return { good: true, hint: left > 0 ? 'lift and place the same finger again' : 'fingerprint captured' };
  }

  private frame(ctx: ModuleContext, capture: Capture): Attempt {
    const c = this.conditions;
    if (this.random() < c.noFace) return { hint: 'look at the camera' };
    if (this.random() < c.offCentre) return { hint: 'move your face into the frame' };
    if (this.random() < c.notLive) return { hint: 'liveness check failed: blink and face the camera' };
    if (capture.good === 0) {
      const seen = faceEmbedding(capture.shown).toString('base64');
      const owner = ctx
        .state()
        .templates.find((t) => t.kind === Kind.BIOMETRIC_KIND_FACE && t.userid !== capture.userid && t.data === seen);
      if (owner) return { fail: 'duplicate_face' };
    }
    const left = capture.required - capture.good - 1;
    return { good: true, hint: left > 0 ? 'hold still' : 'face captured' };
  }

  private async report(ctx: ModuleContext, capture: Capture): Promise<void> {
    const said = `${capture.good}|${capture.hint}`;
    if (said === capture.reported || ctx.defective('no-enrollment-progress')) return;
    capture.reported = said;
    await ctx.publish('up/enrollment', 'enrollmentProgress', {
      operationId: capture.operationId,
      percent: Math.round((capture.good / capture.required) * 100),
      samplesTaken: capture.good,
      hint: capture.hint,
    });
  }

  private async complete(ctx: ModuleContext, capture: Capture): Promise<void> {
    // Unbound while capturing: the person is no longer in any range of this device.
    if (!ctx.state().binding) return this.finish(ctx, Status.ENROLLMENT_STATUS_FAILED, 'user_out_of_range');
    const face = capture.kind === Kind.BIOMETRIC_KIND_FACE;
    const data = face ? faceEmbedding(capture.shown) : randomBytes(TEMPLATE_BYTES);
    const template: StoredTemplate = {
      userid: capture.userid,
      kind: capture.kind,
      index: 0,
      algorithm: face ? FACE_ALGORITHM : FINGERPRINT_ALGORITHM,
      data: data.toString('base64'),
      sha256: createHash('sha256').update(data).digest('hex'),
    };
    ctx.update((s) => upsertTemplates(s, [template]));
    try {
      await this.finish(ctx, Status.ENROLLMENT_STATUS_COMPLETED, '', {
        ...template,
        data,
        sha256: Buffer.from(template.sha256, 'hex'),
      });
    } catch (err) {
      // The gateway never heard of this template: the device does not keep it either.
      ctx.update((s) => {
        s.templates = s.templates.filter((t) => t.sha256 !== template.sha256);
      });
      throw err;
    }
  }

  private async finish(
    ctx: ModuleContext,
    status: number,
    code = '',
    template?: NonNullable<BodyOf<'enrollmentResult'>['template']>,
  ): Promise<void> {
    const capture = this.current;
    if (!capture) return;
    this.current = null;
    this.clearTimers(ctx, capture);
    ctx.log(`enrollment ${capture.operationId}: ${pb.EnrollmentStatus[status]}${code ? ` ${code}` : ''}`);
    await ctx.publish('up/enrollment', 'enrollmentResult', {
      operationId: capture.operationId,
      status,
      ...(code ? { code } : {}),
      ...(template ? { template } : {}),
    });
  }

  private abandon(ctx: ModuleContext, why: string): void {
    const capture = this.current;
    if (!capture) return;
    this.current = null;
    this.clearTimers(ctx, capture);
    ctx.log(`enrollment ${capture.operationId} abandoned: ${why}`);
  }

  private clearTimers(ctx: ModuleContext, capture: Capture): void {
    ctx.timers.clearTimeout(capture.attemptTimer);
    ctx.timers.clearTimeout(capture.deadline);
  }
}
