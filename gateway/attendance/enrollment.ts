// Face and fingerprint enrollment (PRODUCT.md "Enrollment", protocol §5.3 and §6.3). A person starts
// one for someone in the device's usable range (rules.ts decideEnrollment); EnrollmentStart goes to the
// device; its progress and result come back on up/enrollment and are pushed live to the requester, the
// device admins and the member who bound the device. States: requested → capturing → completed | failed |
// cancelled | timed_out.
//
// - One running enrollment per device (the store's unique index answers `busy`).
// - The device must be connected when it starts: a capture needs a person at the device now.
// - Cancel ends it at once and sends EnrollmentCancel; the device's CANCELLED result then finds it ended.
// - The gateway's own deadline is the device's timeout_s plus a grace for the result to arrive; past
//   it the enrollment is timed_out (code device_timeout) and the device gets EnrollmentCancel.
// - A device that goes offline mid-capture: failed, code device_offline, at once (the person at the
//   page learns it now; a device cannot report a capture over a lost connection, so it abandons it).
//   A gateway start does the same for enrollments a stop or crash left running.
// - Several nodes (`shared`): a start, and another node's death, end only the enrollments whose device
//   no live node holds; this node takes over the deadlines of the others (a deadline that fires on two
//   nodes ends the enrollment once).
// - A COMPLETED result stores the template (per corp, vendor, person and kind) with the enrollment in
//   one transaction, then TemplateSync brings the vendor's other devices in line. A COMPLETED result
//   that arrives after the enrollment ended (cancel crossed it), or with a template that does not
//   match, is not accepted: the device is told to replace that person's templates with the stored ones.
import { createHash, randomBytes } from 'node:crypto';
import { EventEmitter } from 'node:events';
import {
  type BiometricKindName,
  biometricKindFromWire,
  biometricKindToWire,
  ENROLLMENT_TIMEOUT_S,
  enrollmentEndFromWire,
} from '../../protocol/biometrics.js';
import type { Clock } from '../../protocol/clock.js';
import { HwbindError } from '../../protocol/errors.js';
import { type BodyOf, envelope } from '../../protocol/messages.js';
import { type Actor, assertAllowed, decideEnrollment, decideEnrollmentAccess, deviceAdmins } from '../binding/rules.js';
import type { BindingService } from '../binding/service.js';
import type { DeviceLinks } from '../devices/link.js';
import type { MessageContext, MessageRouter } from '../devices/router.js';
import type { DeviceSessions } from '../devices/sessions.js';
import type { Logger } from '../logger.js';
import type { GatewayModule } from '../module.js';
import type { PersonEvents } from '../notifications/events.js';
import type { BiometricTemplate, Enrollment, Store } from '../store/types.js';
import type { TemplateSync } from './templates.js';

/** How long after the device's own timeout the gateway still waits for its result. */
export const RESULT_GRACE_MS = 3000;
/** Fingerprint: three presses of the same finger; face: frames inside the guide box. */
export const SAMPLES_REQUIRED: Record<BiometricKindName, number> = { fingerprint: 3, face: 5 };
const MAX_HINT = 200;
const MAX_CODE = 64;
const MAX_ALGORITHM = 64;

/** Timers are injected with the clock, so the deadline is testable without waiting. */
export interface Timers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

const realTimers: Timers = {
  setTimeout: (fn, ms) => setTimeout(fn, ms).unref(),
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

export interface EnrollmentOptions {
  store: Store;
  clock: Clock;
  timers?: Timers;
  logger: Logger;
  links: DeviceLinks;
  router: MessageRouter;
  sessions: DeviceSessions;
  binding: BindingService;
  events: PersonEvents;
  templates: TemplateSync;
  /** Several gateway nodes share the enrollments (--redis): another node's may be running. */
  shared?: boolean;
}

export interface EnrollmentRequest {
  userid: string;
  kind: BiometricKindName;
  timeoutS?: number;
}

/** An enrollment as the Person API answers it. */
export function enrollmentView(e: Enrollment) {
  return {
    id: e.id,
    sn: e.sn,
    userid: e.userid,
    kind: e.kind,
    status: e.status,
    percent: e.percent,
    samples: e.samples,
    samplesRequired: e.samplesRequired,
    hint: e.hint,
    code: e.code,
    requestedBy: e.requestedBy,
    timeoutS: e.timeoutS,
    createdAt: e.createdAt,
    updatedAt: e.updatedAt,
    endedAt: e.endedAt,
    template: e.template,
  };
}

const running = (e: Enrollment): boolean => e.status === 'requested' || e.status === 'capturing';
const clip = (text: string | null | undefined, max: number): string => (text ?? '').slice(0, max);
const sha256Hex = (data: Uint8Array): string => createHash('sha256').update(data).digest('hex');

export interface EnrollmentEvents {
  /** A completed enrollment stored `userid`'s template for the corp's devices of `vendor`. */
  templateStored: [corpId: string, vendor: string, userid: string];
}

export class Enrollments extends EventEmitter<EnrollmentEvents> implements GatewayModule {
  readonly name = 'enrollment';
  private readonly timers: Timers;
  private readonly deadlines = new Map<string, unknown>();
  /** Work started by events and timers rather than by a request: stop() waits for it. */
  private readonly inFlight = new Set<Promise<void>>();

  constructor(private readonly o: EnrollmentOptions) {
    super();
    this.timers = o.timers ?? realTimers;
    o.router.on('enrollmentProgress', (ctx, progress) => this.onProgress(ctx, progress));
    o.router.on('enrollmentResult', (ctx, result) => this.onResult(ctx, result));
    o.sessions.on('offline', (sn) =>
      this.track(this.deviceOffline(sn), { sn }, 'ending an enrollment of an offline device'),
    );
  }

  /** Every device lost its connection when the gateway stopped: what they were capturing cannot report. */
  async start(): Promise<void> {
    if (this.o.shared) await this.review();
    else for (const e of await this.o.store.listRunningEnrollments()) await this.end(e, 'failed', 'device_offline');
  }

  /**
   * Several nodes, at a start or after a node died: a running enrollment whose device no node holds
   * any more cannot report (failed, device_offline); the others keep running, with their deadline
   * armed here too, in case it was the dead node's.
   */
  async review(): Promise<void> {
    for (const e of await this.o.store.listRunningEnrollments()) {
      if (await this.o.links.isConnected(e.sn)) {
        if (!this.deadlines.has(e.id)) this.arm(e);
      } else await this.end(e, 'failed', 'device_offline');
    }
  }

  async stop(): Promise<void> {
    for (const handle of this.deadlines.values()) this.timers.clearTimeout(handle);
    this.deadlines.clear();
    await Promise.all(this.inFlight);
  }

  private track(work: Promise<void>, context: Record<string, unknown>, what: string): void {
    const done = work.catch((err) => this.o.logger.error({ err, ...context }, what));
    this.inFlight.add(done);
    void done.finally(() => this.inFlight.delete(done));
  }

  // --- the person side --------------------------------------------------------------------------

  /** Starts capturing `userid`'s face or fingerprint on the device. */
  async request(actor: Actor, sn: string, req: EnrollmentRequest): Promise<Enrollment> {
    const corp = await this.o.binding.corpView(actor.corpId);
    const device = await this.o.store.getDevice(sn);
    const model = device ? await this.o.store.getModel(device.modelId) : null;
    const binding = await this.o.store.getLiveBinding(sn);
    assertAllowed(
      decideEnrollment(actor, corp, await this.o.binding.deviceView(sn), {
        userid: req.userid,
        kind: req.kind,
        usableRange: binding?.usableRange ?? { departments: [], users: [] },
        capabilities: model?.capabilities ?? device?.capabilities ?? [],
      }),
    );
    if (!(await this.o.links.isConnected(sn)))
      throw new HwbindError('device_offline', `Device ${sn} is not connected: enrollment needs it online`);
    const now = this.o.clock.now();
    const timeoutS = req.timeoutS ?? ENROLLMENT_TIMEOUT_S.default;
    const enrollment: Enrollment = {
      id: `en_${randomBytes(9).toString('base64url')}`,
      corpId: corp.id,
      sn,
      userid: req.userid,
      kind: req.kind,
      status: 'requested',
      percent: 0,
      samples: 0,
      samplesRequired: SAMPLES_REQUIRED[req.kind],
      hint: '',
      code: null,
      requestedBy: actor.member.userid,
      timeoutS,
      deadlineAt: now + timeoutS * 1000 + RESULT_GRACE_MS,
      createdAt: now,
      updatedAt: now,
      endedAt: null,
      template: null,
    };
    await this.o.store.createEnrollment(enrollment);
    this.arm(enrollment);
    this.o.logger.info(
      { sn, enrollment: enrollment.id, userid: req.userid, kind: req.kind, by: actor.member.userid },
      'enrollment requested',
    );
    await this.announce(enrollment);
    const sent = await this.o.links.send(
      sn,
      'down/enrollment',
      envelope(
        'enrollmentStart',
        {
          operationId: enrollment.id,
          userid: req.userid,
          kind: biometricKindToWire(req.kind),
          timeoutS,
          samplesRequired: enrollment.samplesRequired,
        },
        { tsMs: now },
      ),
    );
    // The device left between the check and the send.
    if (!sent) return this.end(enrollment, 'failed', 'device_offline');
    return enrollment;
  }

  async get(actor: Actor, id: string): Promise<Enrollment> {
    return this.accessible(actor, id);
  }

  /** The device's enrollments, newest first, for whoever may view the device. */
  async list(actor: Actor, sn: string, limit: number): Promise<Enrollment[]> {
    await this.o.binding.authorize(actor, sn, 'view');
    return this.o.store.listEnrollments(sn, limit);
  }

  /** Cancels a running enrollment; cancelling a cancelled one answers it again. */
  async cancel(actor: Actor, id: string): Promise<Enrollment> {
    const e = await this.accessible(actor, id);
    if (e.status === 'cancelled') return e;
    if (!running(e)) throw new HwbindError('conflict', `Enrollment ${id} has already ended (${e.status})`);
    this.o.logger.info({ sn: e.sn, enrollment: id, by: actor.member.userid }, 'enrollment cancelled');
    const ended = await this.end(e, 'cancelled', null);
    await this.sendCancel(e);
    return ended;
  }

  private async accessible(actor: Actor, id: string): Promise<Enrollment> {
    const e = await this.o.store.getEnrollment(id);
    if (!e) throw new HwbindError('not_found', 'No such enrollment');
    const corp = await this.o.binding.corpView(actor.corpId);
    assertAllowed(decideEnrollmentAccess(actor, corp, await this.o.binding.deviceView(e.sn), e));
    return e;
  }

  // --- the device side --------------------------------------------------------------------------

  /** The enrollment a device message refers to: only the device it was sent to may report on it. */
  private async ofDevice(ctx: MessageContext, operationId: string | null | undefined): Promise<Enrollment> {
    const e = operationId ? await this.o.store.getEnrollment(operationId) : null;
    if (!e || e.sn !== ctx.sn) throw new HwbindError('not_found', `no enrollment ${operationId} on this device`);
    return e;
  }

  private async onProgress(ctx: MessageContext, p: BodyOf<'enrollmentProgress'>): Promise<void> {
    const e = await this.ofDevice(ctx, p.operationId);
    if (!running(e)) return;
    const updated = await this.o.store.recordEnrollmentProgress(e.id, {
      percent: Math.min(100, p.percent ?? 0),
      samples: p.samplesTaken ?? 0,
      hint: clip(p.hint, MAX_HINT),
      at: this.o.clock.now(),
    });
    if (updated) await this.announce(updated);
  }

  private async onResult(ctx: MessageContext, r: BodyOf<'enrollmentResult'>): Promise<void> {
    const e = await this.ofDevice(ctx, r.operationId);
    const status = enrollmentEndFromWire(r.status ?? 0);
    if (!status) throw new HwbindError('malformed_message', 'EnrollmentResult needs a status');
    if (status !== 'completed') {
      if (running(e)) await this.end(e, status, clip(r.code, MAX_CODE) || null);
      return;
    }
    if (!running(e)) {
      this.o.logger.info({ sn: e.sn, enrollment: e.id, status: e.status }, 'template of an ended enrollment refused');
      await this.o.templates.reconcile(e.sn, [e.userid]);
      return;
    }
    await this.complete(e, r.template);
  }

  private async complete(e: Enrollment, wire: BodyOf<'enrollmentResult'>['template']): Promise<void> {
    const binding = await this.o.store.getLiveBinding(e.sn);
    const device = await this.o.store.getDevice(e.sn);
    const model = device ? await this.o.store.getModel(device.modelId) : null;
    const data = wire?.data ? new Uint8Array(wire.data) : new Uint8Array();
    const sha256 = sha256Hex(data);
    const algorithm = wire?.algorithm ?? '';
    const fits =
      wire &&
      wire.userid === e.userid &&
      biometricKindFromWire(wire.kind ?? 0) === e.kind &&
      data.length > 0 &&
      Buffer.from(wire.sha256 ?? []).toString('hex') === sha256 &&
      algorithm.length > 0 &&
      algorithm.length <= MAX_ALGORITHM;
    if (!fits || binding?.status !== 'active' || !model) {
      await this.end(e, 'failed', fits ? 'binding_not_active' : 'template_invalid');
      await this.o.templates.reconcile(e.sn, [e.userid]);
      return;
    }
    const template: BiometricTemplate = {
      corpId: e.corpId,
      vendor: model.vendor,
      userid: e.userid,
      kind: e.kind,
      index: wire.index ?? 0,
      algorithm,
      data,
      sha256,
      sourceSn: e.sn,
      enrollmentId: e.id,
      updatedAt: this.o.clock.now(),
    };
    const completed = await this.o.store.completeEnrollment(e.id, template, { sn: e.sn, bindingId: binding.id });
    if (!completed) return;
    this.disarm(e.id);
    this.o.logger.info({ sn: e.sn, enrollment: e.id, userid: e.userid, kind: e.kind }, 'enrollment completed');
    await this.announce(completed);
    await this.o.templates.enrolled(e.corpId, model.vendor, e.sn, e.userid);
    this.emit('templateStored', e.corpId, model.vendor, e.userid);
  }

  private async deviceOffline(sn: string): Promise<void> {
    for (const e of await this.o.store.listRunningEnrollments(sn)) await this.end(e, 'failed', 'device_offline');
  }

  private async expire(id: string): Promise<void> {
    this.deadlines.delete(id);
    const e = await this.o.store.getEnrollment(id);
    if (!e || !running(e)) return;
    this.o.logger.warn({ sn: e.sn, enrollment: id }, 'no enrollment result from the device in time');
    // Only the node whose end it was tells the device: the deadline may be armed on two nodes.
    if (await this.endOnce(e, 'timed_out', 'device_timeout')) await this.sendCancel(e);
  }

  // --- shared steps -----------------------------------------------------------------------------

  /** Ends a running enrollment; answers it as stored when something else ended it first. */
  private async end(
    e: Enrollment,
    status: 'failed' | 'cancelled' | 'timed_out',
    code: string | null,
  ): Promise<Enrollment> {
    return (await this.endOnce(e, status, code)) ?? (await this.o.store.getEnrollment(e.id)) ?? e;
  }

  /** Ends a running enrollment; null when something else ended it first. */
  private async endOnce(
    e: Enrollment,
    status: 'failed' | 'cancelled' | 'timed_out',
    code: string | null,
  ): Promise<Enrollment | null> {
    const ended = await this.o.store.endEnrollment(e.id, { status, code, at: this.o.clock.now() });
    if (!ended) return null;
    this.disarm(e.id);
    if (status !== 'cancelled') this.o.logger.info({ sn: e.sn, enrollment: e.id, status, code }, 'enrollment ended');
    await this.announce(ended);
    return ended;
  }

  private async sendCancel(e: Enrollment): Promise<void> {
    await this.o.links.send(
      e.sn,
      'down/enrollment',
      envelope('enrollmentCancel', { operationId: e.id }, { tsMs: this.o.clock.now() }),
    );
  }

  private arm(e: Enrollment): void {
    const handle = this.timers.setTimeout(
      () => this.track(this.expire(e.id), { enrollment: e.id }, 'enrollment timeout failed'),
      Math.max(0, e.deadlineAt - this.o.clock.now()),
    );
    this.deadlines.set(e.id, handle);
  }

  private disarm(id: string): void {
    const handle = this.deadlines.get(id);
    if (handle !== undefined) this.timers.clearTimeout(handle);
    this.deadlines.delete(id);
  }

  /** Live to the person who started it, the device admins and the member who bound the device (its page shows it). */
  private async announce(e: Enrollment): Promise<void> {
    const corp = await this.o.binding.corpView(e.corpId);
    const binding = await this.o.store.getLiveBinding(e.sn);
    const binder = binding?.corpId === corp.id ? [binding.boundBy] : [];
    this.o.events.publish(corp.id, [e.requestedBy, ...binder, ...deviceAdmins(corp).map((m) => m.userid)], {
      type: 'enrollment',
      ...enrollmentView(e),
    });
  }
}
