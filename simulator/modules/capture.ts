// Face / fingerprint capture (protocol §5.3): an enrollment takes `samples_required` samples
// (one per `sampleMs`, with progress), stores the template and reports it; cancel and timeout end
// it early. Templates enrolled on sibling devices arrive in TemplateSync and are stored too.
import { createHash, randomBytes } from 'node:crypto';
import type { Capability } from '../../protocol/capabilities.js';
import { type BodyOf, bodyOf, pb } from '../../protocol/messages.js';
import type { FlashState, StoredTemplate } from '../flash.js';
import type { DeviceModule, ModuleContext } from '../module.js';

const Kind = pb.BiometricKind;
const Status = pb.EnrollmentStatus;
export const FACE_ALGORITHM = 'hwbind-sim-face-1';
export const FINGERPRINT_ALGORITHM = 'hwbind-sim-fp-1';

interface Capture {
  operationId: string;
  userid: string;
  kind: number;
  required: number;
  taken: number;
  sampleTimer: unknown;
  deadline: unknown;
}

export function upsertTemplates(state: FlashState, templates: StoredTemplate[]): void {
  const key = (t: StoredTemplate) => `${t.userid}|${t.kind}|${t.index}`;
  const byKey = new Map(state.templates.map((t) => [key(t), t]));
  for (const t of templates) byKey.set(key(t), t);
  state.templates = [...byKey.values()];
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

export class CaptureModule implements DeviceModule {
  readonly name = 'capture';
  readonly bodies = ['enrollmentStart', 'enrollmentCancel', 'templateSync'] as const;
  private current: Capture | null = null;

  constructor(
    private readonly capabilities: readonly Capability[],
    private readonly sampleMs = 300,
  ) {}

  async handle(ctx: ModuleContext, env: Parameters<DeviceModule['handle']>[1]): Promise<void> {
    if (env.body === 'enrollmentStart') return this.start(ctx, bodyOf(env, 'enrollmentStart'));
    if (env.body === 'enrollmentCancel') {
      const cancel = bodyOf(env, 'enrollmentCancel');
      if (this.current?.operationId === cancel.operationId) await this.finish(ctx, Status.ENROLLMENT_STATUS_CANCELLED);
      return;
    }
    const sync = bodyOf(env, 'templateSync');
    const removed = new Set(sync.removedUserids ?? []);
    ctx.update((s) => {
      s.templates = s.templates.filter((t) => !removed.has(t.userid));
      upsertTemplates(s, (sync.upserts ?? []).map(fromWire));
    });
  }

  stop(ctx: ModuleContext): void {
    if (this.current) {
      ctx.timers.clearTimeout(this.current.sampleTimer);
      ctx.timers.clearTimeout(this.current.deadline);
    }
    this.current = null;
  }

  private async start(ctx: ModuleContext, start: BodyOf<'enrollmentStart'>): Promise<void> {
    const operationId = start.operationId ?? '';
    if (this.current?.operationId === operationId) return;
    const fail = (code: string) =>
      ctx.publish('up/enrollment', 'enrollmentResult', {
        operationId,
        status: Status.ENROLLMENT_STATUS_FAILED,
        code,
      });
    if (this.current) return void (await fail('busy'));
    const kind = start.kind ?? Kind.BIOMETRIC_KIND_UNSPECIFIED;
    const sensor = kind === Kind.BIOMETRIC_KIND_FACE ? 'face' : 'fingerprint';
    if (kind === Kind.BIOMETRIC_KIND_UNSPECIFIED || !this.capabilities.includes(sensor)) {
      return void (await fail('capture_failed'));
    }
    if (!ctx.state().directory.users.some((u) => u.userid === start.userid)) {
      return void (await fail('user_out_of_range'));
    }
    const capture: Capture = {
      operationId,
      userid: start.userid ?? '',
      kind,
      required: Math.max(1, start.samplesRequired || 3),
      taken: 0,
      sampleTimer: null,
      deadline: null,
    };
    this.current = capture;
    const timeoutS = start.timeoutS ?? 0;
    if (timeoutS > 0) {
      capture.deadline = ctx.timers.setTimeout(
        () =>
          void this.finish(ctx, Status.ENROLLMENT_STATUS_TIMED_OUT).catch((err) =>
            ctx.log(`enrollment timeout report failed: ${(err as Error).message}`),
          ),
        timeoutS * 1000,
      );
    }
    this.scheduleSample(ctx, capture);
  }

  private scheduleSample(ctx: ModuleContext, capture: Capture): void {
    capture.sampleTimer = ctx.timers.setTimeout(() => {
      if (this.current !== capture) return;
      void this.sample(ctx, capture).catch((err) => ctx.log(`enrollment failed: ${(err as Error).message}`));
    }, this.sampleMs);
  }

  private async sample(ctx: ModuleContext, capture: Capture): Promise<void> {
    capture.taken += 1;
    await ctx.publish('up/enrollment', 'enrollmentProgress', {
      operationId: capture.operationId,
      percent: Math.round((capture.taken / capture.required) * 100),
      samplesTaken: capture.taken,
      hint: capture.taken < capture.required ? 'lift and place again' : 'done',
    });
    if (capture.taken < capture.required) return this.scheduleSample(ctx, capture);
    const data = randomBytes(64);
    const template: StoredTemplate = {
      userid: capture.userid,
      kind: capture.kind,
      index: 0,
      algorithm: capture.kind === Kind.BIOMETRIC_KIND_FACE ? FACE_ALGORITHM : FINGERPRINT_ALGORITHM,
      data: data.toString('base64'),
      sha256: createHash('sha256').update(data).digest('hex'),
    };
    ctx.update((s) => upsertTemplates(s, [template]));
    await this.finish(ctx, Status.ENROLLMENT_STATUS_COMPLETED, {
      ...template,
      data,
      sha256: Buffer.from(template.sha256, 'hex'),
    });
  }

  private async finish(
    ctx: ModuleContext,
    status: number,
    template?: NonNullable<BodyOf<'enrollmentResult'>['template']>,
  ): Promise<void> {
    const capture = this.current;
    if (!capture) return;
    this.current = null;
    ctx.timers.clearTimeout(capture.sampleTimer);
    ctx.timers.clearTimeout(capture.deadline);
    await ctx.publish('up/enrollment', 'enrollmentResult', {
      operationId: capture.operationId,
      status,
      ...(template ? { template } : {}),
    });
  }
}
