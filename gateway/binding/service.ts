// Binding: people bind devices under the seed's rules (asked of rules.ts), the device is told
// through the outbox, and its Ack makes the binding active ("authorized") — with the notifications
// and webhook deliveries written in the same transaction. The flows read as lists of named steps.
import { randomBytes } from 'node:crypto';
import { EventEmitter } from 'node:events';
import type { Clock } from '../../protocol/clock.js';
import { HwbindError } from '../../protocol/errors.js';
import type { BodyOf } from '../../protocol/messages.js';
import { trimBase } from '../../protocol/qr.js';
import type { PersonClaims } from '../auth/tokens.js';
import type { DeviceLinks } from '../devices/link.js';
import type { Outbox } from '../devices/outbox.js';
import type { Logger } from '../logger.js';
import type { Metrics } from '../metrics.js';
import type { GatewayModule } from '../module.js';
import type { PersonEvents } from '../notifications/events.js';
import { webhookDelivery } from '../notifications/webhooks.js';
import type { Binding, Device, Notification, OutboxEntry, Store } from '../store/types.js';
import { DeviceIdentifier, type DeviceTarget } from './identify.js';
import {
  type Actor,
  assertAllowed,
  bindChoices,
  type CorpView,
  type DeviceAction,
  type DeviceView,
  decideAppsChange,
  decideBind,
  decideDeviceAction,
  deviceAdmins,
  mayBind,
  type UsableRange,
} from './rules.js';

export interface BindingEvents {
  /** A binding changed status (pending on confirm, active on the device's Ack, removed). */
  status: [binding: Binding];
}

export interface BindingOptions {
  store: Store;
  clock: Clock;
  logger: Logger;
  metrics: Metrics;
  links: DeviceLinks;
  outbox: Outbox;
  events: PersonEvents;
  publicUrl: string;
}

export interface BindRequest extends DeviceTarget {
  usableRange?: Partial<UsableRange>;
  apps?: string[];
}

const newId = (prefix: string): string => `${prefix}_${randomBytes(9).toString('base64url')}`;

export class BindingService extends EventEmitter<BindingEvents> implements GatewayModule {
  readonly name = 'binding';
  readonly identifier: DeviceIdentifier;

  constructor(private readonly o: BindingOptions) {
    super();
    this.identifier = new DeviceIdentifier(o.store, o.clock, o.publicUrl);
    o.outbox.settleWith('bind', (entry, error) => this.settleBindNotice(entry, error));
  }

  // --- who is asking --------------------------------------------------------------------------

  /** The person behind a token, as the rules see them; `unauthorized` if they left the corp. */
  async actor(claims: PersonClaims, viaApp?: string): Promise<Actor> {
    const member = await this.o.store.getMember(claims.corpId, claims.userid);
    if (!member) throw new HwbindError('unauthorized', `${claims.userid} is no longer a member of ${claims.corpId}`);
    return viaApp ? { corpId: claims.corpId, member, viaApp } : { corpId: claims.corpId, member };
  }

  async corpView(corpId: string): Promise<CorpView> {
    const corp = await this.o.store.getCorp(corpId);
    if (!corp) throw new HwbindError('unauthorized', `enterprise ${corpId} no longer exists`);
    const dir = await this.o.store.getDirectory(corpId);
    return { id: corp.id, memberBinding: corp.memberBinding, ...dir };
  }

  async deviceView(sn: string): Promise<DeviceView | null> {
    const device = await this.o.store.getDevice(sn);
    if (!device) return null;
    const b = await this.o.store.getLiveBinding(sn);
    return { sn, binding: b ? { corpId: b.corpId, status: b.status, boundBy: b.boundBy, apps: b.apps } : null };
  }

  /** Checks that the actor may do `action` on the device; returns the device's live binding. */
  async authorize(actor: Actor, sn: string, action: DeviceAction): Promise<{ corp: CorpView; binding: Binding }> {
    const corp = await this.corpView(actor.corpId);
    assertAllowed(decideDeviceAction(actor, corp, await this.deviceView(sn), action));
    return { corp, binding: (await this.o.store.getLiveBinding(sn))! };
  }

  // --- binding (the person side) ----------------------------------------------------------------

  /** What the person scanned or typed: the device and what they may choose for it. */
  async resolve(actor: Actor, target: DeviceTarget) {
    const corp = await this.corpView(actor.corpId);
    assertAllowed(mayBind(actor, corp));
    const { device } = await this.identifier.identify(target);
    const view = await this.deviceView(device.sn);
    const model = await this.o.store.getModel(device.modelId);
    return {
      device: {
        sn: device.sn,
        model: device.modelId,
        modelName: model?.name ?? device.modelId,
        capabilities: model?.capabilities ?? device.capabilities,
        online: await this.o.links.isConnected(device.sn),
        bound: view?.binding !== null,
      },
      choices: bindChoices(actor, corp),
    };
  }

  /**
   * Confirm: rules → pending binding + BindNotice in one transaction → notice sent if the device is
   * online (else at its next hello) → its Ack activates the binding (settleBindNotice).
   */
  async bind(actor: Actor, req: BindRequest): Promise<Binding> {
    const corp = await this.corpView(actor.corpId);
    assertAllowed(mayBind(actor, corp));
    const { device } = await this.identifier.identify(req);
    const usableRange: UsableRange = {
      departments: uniqueStrings(req.usableRange?.departments, 'usableRange.departments'),
      users: uniqueStrings(req.usableRange?.users, 'usableRange.users'),
    };
    const apps = uniqueStrings(req.apps, 'apps');
    assertAllowed(decideBind(actor, corp, await this.deviceView(device.sn), { usableRange, apps }));
    const now = this.o.clock.now();
    const binding: Binding = {
      id: newId('b'),
      sn: device.sn,
      corpId: corp.id,
      status: 'pending',
      boundBy: actor.member.userid,
      boundByRole: actor.member.role,
      usableRange,
      apps,
      noticeId: '',
      createdAt: now,
      activatedAt: null,
      removedAt: null,
      removedBy: null,
    };
    const notice = this.bindNotice(binding, device, (await this.o.store.getCorp(corp.id))!.name);
    binding.noticeId = notice.id;
    await this.o.store.createBinding(binding, notice);
    this.o.metrics.bindings.inc({ event: 'created' });
    this.o.logger.info({ sn: device.sn, corp: corp.id, by: binding.boundBy, binding: binding.id }, 'binding pending');
    this.announce(binding, corp);
    await this.o.outbox.send(notice);
    return binding;
  }

  /** Rule 6: an admin removes a binding; the device is told to wipe what the binding gave it. */
  async unbind(actor: Actor, sn: string): Promise<void> {
    const { corp, binding } = await this.authorize(actor, sn, 'unbind');
    const notice = this.o.outbox.entry(sn, 'down/binding', 'unbind', 'unbindNotice', {
      bindingId: binding.id,
      reason: `removed by ${actor.member.userid}`,
    });
    if (!(await this.o.store.removeBinding(binding.id, actor.member.userid, this.o.clock.now(), notice)))
      throw new HwbindError('device_not_found', `device ${sn} is not bound`);
    this.o.metrics.bindings.inc({ event: 'removed' });
    this.o.logger.info({ sn, corp: corp.id, by: actor.member.userid, binding: binding.id }, 'binding removed');
    this.announce({ ...binding, status: 'removed' }, corp);
    await this.o.outbox.send(notice);
  }

  async setApps(actor: Actor, sn: string, apps: string[]): Promise<Binding> {
    const corp = await this.corpView(actor.corpId);
    const next = uniqueStrings(apps, 'apps');
    const view = await this.deviceView(sn);
    assertAllowed(decideAppsChange(actor, corp, view, view?.binding?.apps ?? [], next));
    const binding = (await this.o.store.getLiveBinding(sn))!;
    await this.o.store.setBindingApps(binding.id, next);
    return { ...binding, apps: next };
  }

  // --- the device side ----------------------------------------------------------------------------

  /** HelloAck.binding: the active binding, for information. */
  async helloAckPart(sn: string): Promise<Partial<BodyOf<'helloAck'>>> {
    const b = await this.o.store.getLiveBinding(sn);
    if (b?.status !== 'active') return {};
    const corp = await this.o.store.getCorp(b.corpId);
    const device = await this.o.store.getDevice(sn);
    return {
      binding: {
        bindingId: b.id,
        corpId: b.corpId,
        corpName: corp?.name ?? b.corpId,
        deviceName: device?.remark ?? '',
        boundAtMs: b.createdAt,
      },
    };
  }

  /** After a hello: a device that still holds a binding removed while it was offline is told to wipe. */
  async reconcile(sn: string, hello: BodyOf<'hello'>): Promise<void> {
    const held = hello.bindingId ?? '';
    if (!held) return;
    const live = await this.o.store.getLiveBinding(sn);
    if (live?.id === held) return;
    const unanswered = await this.o.store.listOutbox(sn);
    // An unbind queued for it is resent by the outbox right after this step.
    if (unanswered.some((e) => e.purpose === 'unbind')) return;
    this.o.logger.info({ sn, binding: held }, 'device holds a binding the gateway does not: telling it to wipe');
    const notice = this.o.outbox.entry(sn, 'down/binding', 'unbind', 'unbindNotice', {
      bindingId: held,
      reason: 'binding no longer exists',
    });
    await this.o.outbox.enqueue(notice);
  }

  private bindNotice(binding: Binding, device: Device, corpName: string): OutboxEntry {
    return this.o.outbox.entry(binding.sn, 'down/binding', 'bind', 'bindNotice', {
      bindingId: binding.id,
      corpId: binding.corpId,
      corpName,
      deviceName: device.remark ?? '',
      boundAtMs: binding.createdAt,
    });
  }

  /** The device answered its BindNotice: an Ack activates the binding; a refusal ends it. */
  private async settleBindNotice(entry: OutboxEntry, error: BodyOf<'error'> | null): Promise<void> {
    const binding = await this.o.store.getLiveBinding(entry.sn);
    if (!binding || binding.noticeId !== entry.id || binding.status !== 'pending') {
      await this.o.store.deleteOutboxEntry(entry.id);
      return;
    }
    const corp = await this.corpView(binding.corpId);
    if (error) {
      const notice = this.o.outbox.entry(entry.sn, 'down/binding', 'unbind', 'unbindNotice', {
        bindingId: binding.id,
        reason: `device refused the binding: ${error.code}`,
      });
      await this.o.store.removeBinding(binding.id, 'device', this.o.clock.now(), notice);
      this.o.metrics.bindings.inc({ event: 'refused' });
      this.o.logger.warn({ sn: entry.sn, binding: binding.id, reason: error.code }, 'device refused its binding');
      this.announce({ ...binding, status: 'removed' }, corp);
      await this.o.outbox.send(notice);
      return;
    }
    const now = this.o.clock.now();
    const notifications = await this.boundNotifications(binding, corp, now);
    const webhook = await this.o.store.getWebhook(binding.corpId);
    const delivery = webhookDelivery(
      webhook,
      binding.corpId,
      { event: 'device_bound', sn: binding.sn, bindingId: binding.id, boundBy: binding.boundBy, at: now },
      now,
    );
    const activated = await this.o.store.activateBinding({
      bindingId: binding.id,
      at: now,
      notifications,
      deliveries: delivery ? [delivery] : [],
    });
    if (!activated) return;
    this.o.metrics.bindings.inc({ event: 'activated' });
    this.o.metrics.bindActivation.observe((now - binding.createdAt) / 1000);
    this.o.logger.info({ sn: binding.sn, corp: binding.corpId, binding: binding.id }, 'binding active');
    const active: Binding = { ...binding, status: 'active', activatedAt: now };
    this.announce(active, corp);
    for (const n of notifications) {
      const unread = await this.o.store.countUnreadNotifications(n.corpId, n.userid);
      this.o.events.publish(n.corpId, [n.userid], {
        type: 'notification',
        id: n.id,
        sn: n.sn,
        text: n.text,
        link: n.link,
        unread,
      });
    }
  }

  /** Rule 5: "device bound" to the binder and to every device admin, linking to the device page. */
  private async boundNotifications(binding: Binding, corp: CorpView, now: number): Promise<Notification[]> {
    const device = await this.o.store.getDevice(binding.sn);
    const model = device ? await this.o.store.getModel(device.modelId) : null;
    const binder = corp.members.find((m) => m.userid === binding.boundBy);
    const name = device?.remark || model?.name || 'Device';
    const text = `${name} (${binding.sn}) was bound to the enterprise by ${binder?.name ?? binding.boundBy}`;
    const link = `${trimBase(this.o.publicUrl)}/hw/devices/${binding.sn}`;
    const recipients = new Set([binding.boundBy, ...deviceAdmins(corp).map((m) => m.userid)]);
    return [...recipients].map((userid) => ({
      id: newId('n'),
      corpId: binding.corpId,
      userid,
      kind: 'device_bound' as const,
      sn: binding.sn,
      text,
      link,
      createdAt: now,
      read: false,
    }));
  }

  /** Tells the binder and the device admins (live) and listeners (in process) of a status change. */
  private announce(binding: Binding, corp: CorpView): void {
    this.emit('status', binding);
    this.o.events.publish(corp.id, [binding.boundBy, ...deviceAdmins(corp).map((m) => m.userid)], {
      type: 'binding',
      sn: binding.sn,
      status: binding.status,
      bindingId: binding.id,
    });
  }
}

function uniqueStrings(value: unknown, what: string): string[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value) || value.some((v) => typeof v !== 'string' || !v.trim()))
    throw new HwbindError('invalid_argument', `${what} must be a list of ids`);
  return [...new Set(value.map((v: string) => v.trim()))];
}
