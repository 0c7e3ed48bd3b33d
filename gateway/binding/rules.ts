// The binding rules of the seed (PRODUCT.md "The binding rules"), as one pure module: plain data in, a
// decision out; no store, no I/O, no clock. Every route, page and MQTT handler asks it, so a rule changes here
// or nowhere. The decisions below are deliberate; the table test pins each of them.
//
// - "Device admin" (the seed's "administrator") = a super_admin, or an admin holding the device-binding
//   permission. An admin without it binds and manages exactly as a member does; a `member` never counts as a
//   device admin, whatever its canBindDevices flag says.
// - A third-party app acting for a member (Actor.viaApp) has exactly that member's rights; authenticating the
//   app is the caller's job.
// - The actor and the corp view must be the same enterprise; a mismatch is refused as `forbidden` before
//   anything else, so a wiring mistake can never act across tenants.
// - Binding (rules 1, 3, 4, 8), checked in this order so the first refusal is the most basic one:
//   unknown SN → device_not_found; actor may not bind (member binding off) → member_binding_disabled; a pending
//   or active binding in any corp, this one included → device_already_bound (a removed binding is free
//   again); department, user or app ids the directory does not know → invalid_argument (for everyone);
//   a non-device-admin's usable range outside their visibility → usable_range_out_of_visibility; apps they do
//   not administer → app_permission_denied.
// - Visibility: a department is visible if listed or below a listed one; a user if listed, in a visible
//   department, or the member themselves (everyone can see themselves, so a member may always make a device
//   usable by themselves).
// - Managing (rules 6, 7, 8): a device that is unknown, unbound, unbound again, or bound to another corp is
//   device_not_found, so nobody learns which SNs exist elsewhere. On a device of their corp, device admins may
//   do everything; the member who bound it may do everything but unbind; anyone else gets
//   device_permission_denied. Hardware functions (upgrade_firmware, enroll, door) then also need the device
//   to have acknowledged the binding (status active) → binding_not_active.
// - Management rights do not depend on the memberBinding switch: turning it off stops new member bindings,
//   it does not take devices away from the members who bound them.
// - Associated apps after binding: a device admin may change any; the binder may add or remove only apps they
//   administer (apps left unchanged are not judged); anyone else is refused as for any other action.
// - Enrollment: whoever may 'enroll' on the device (above) may enroll a person of the device's usable range,
//   themselves or anyone else in it, in a kind the device's model has a sensor for. Checked in this order:
//   the device action, then the sensor (capability_missing: the device is what it is, whoever asks), then the
//   person (user_out_of_range, also for ids the directory does not know, so a member learns nothing about
//   people outside the range). An enrollment can be followed and cancelled by the person who started it and
//   by device admins (even after the device was unbound), and by whoever may still view the device; another
//   enterprise's enrollment is `not_found`. What a page offers for enrolling (enrollmentChoices) is exactly
//   what decideEnrollment allows: the people of the range, in the kinds of the model's sensors.
// - Firmware (the seed's "view/upgrade firmware"): whoever may 'upgrade_firmware' on the device (above: the
//   member who bound it, device admins on any device of the corp, an active binding) may move it to another
//   version: not the one it runs (conflict), and an older one only when the request says so explicitly
//   (downgrade). A device whose version is unknown (never said hello) takes any version. A job is
//   followed like an enrollment: by whoever asked for it, device admins, and whoever may view the device's
//   firmware. Rollouts come from the gateway's operator (admin token) and only meet the version rule.
import semver from 'semver';
import { BIOMETRIC_KINDS, type BiometricKindName } from '../../protocol/biometrics.js';
import type { Capability } from '../../protocol/capabilities.js';
import { ERROR_CODES, type ErrorCode, HwbindError } from '../../protocol/errors.js';
import type { App, Department, Member } from '../store/types.js';

export type BindingStatus = 'pending' | 'active' | 'removed';

export interface UsableRange {
  departments: string[];
  users: string[];
}

/** Who is asking. A third-party app acting for a member passes the member plus viaApp (same rights as the member). */
export interface Actor {
  corpId: string;
  member: Member;
  viaApp?: string;
}

export interface CorpView {
  id: string;
  memberBinding: boolean;
  departments: Department[];
  members: Member[];
  apps: App[];
}

/** What the rules need to know of a device; null = unknown SN. */
export interface DeviceView {
  sn: string;
  binding: { corpId: string; status: BindingStatus; boundBy: string; apps: string[] } | null;
}

export type DeviceAction =
  | 'view'
  | 'rename'
  | 'view_admins'
  | 'view_firmware'
  | 'upgrade_firmware'
  | 'view_info'
  | 'enroll'
  | 'door'
  | 'view_records'
  | 'unbind';

export type Decision =
  | { ok: true }
  | { ok: false; code: ErrorCode; message: string; details?: Record<string, unknown> };

/** Actions that make the device itself do something: they need a binding the device has acknowledged. */
const HARDWARE_ACTIONS: ReadonlySet<DeviceAction> = new Set(['upgrade_firmware', 'enroll', 'door']);

const OK: Decision = { ok: true };

const refuse = (code: ErrorCode, message: string = ERROR_CODES[code], details?: Record<string, unknown>): Decision =>
  details ? { ok: false, code, message, details } : { ok: false, code, message };

/** Throws the refusal as an HwbindError (for callers that answer errors by throwing); returns on ok. */
export function assertAllowed(decision: Decision): void {
  if (!decision.ok) throw new HwbindError(decision.code, decision.message, decision.details);
}

/** "Administrator" of the seed: super_admin, or admin holding the device-binding permission. */
export function isDeviceAdmin(m: Member): boolean {
  return m.role === 'super_admin' || (m.role === 'admin' && m.canBindDevices);
}

/** The corp's device admins (who get the "device bound" notification and are listed as device admins). */
export function deviceAdmins(corp: CorpView): Member[] {
  return corp.members.filter(isDeviceAdmin);
}

/** May this actor bind at all (rule 1)? */
export function mayBind(actor: Actor, corp: CorpView): Decision {
  return sameCorp(actor, corp) ?? canBind(actor, corp);
}

/** Full bind decision for a device, a chosen usable range and chosen apps (rules 1,3,4,8). */
export function decideBind(
  actor: Actor,
  corp: CorpView,
  device: DeviceView | null,
  request: { usableRange: UsableRange; apps: string[] },
): Decision {
  // Visibility and app administration bind only those who are not device admins.
  const member = isDeviceAdmin(actor.member) ? null : actor.member;
  return (
    sameCorp(actor, corp) ??
    (device ? null : notFound()) ??
    refusalOf(canBind(actor, corp)) ??
    (device && isBound(device) ? refuse('device_already_bound', `Device ${device.sn} is already bound`) : null) ??
    unknownIds(corp, request.usableRange, request.apps) ??
    (member && outsideRefusal(corp, outsideVisibility(member, corp, request.usableRange))) ??
    (member && appRefusal(corp, notAdministered(member, corp, request.apps))) ??
    OK
  );
}

/** What the bind pickers may offer this actor: a device admin the whole corp; anyone else exactly their visibility range (departments expanded to their sub-departments, users = those listed plus members of visible departments, plus themselves); every corp app with selectable=false and a reason when the actor does not administer it (device admins may select every app). */
export function bindChoices(
  actor: Actor,
  corp: CorpView,
): {
  departments: Department[];
  users: { userid: string; name: string }[];
  apps: { id: string; name: string; selectable: boolean; reason?: string }[];
} {
  const admin = isDeviceAdmin(actor.member);
  const visible = admin ? null : visibleSets(actor.member, corp);
  return {
    departments: corp.departments.filter((d) => !visible || visible.departments.has(d.id)),
    users: corp.members
      .filter((m) => !visible || visible.users.has(m.userid))
      .map((m) => ({ userid: m.userid, name: m.name })),
    apps: corp.apps.map((a) =>
      admin || a.admins.includes(actor.member.userid)
        ? { id: a.id, name: a.name, selectable: true }
        : { id: a.id, name: a.name, selectable: false, reason: ERROR_CODES.app_permission_denied },
    ),
  };
}

/** May the actor perform `action` on the device (rules 6, 7, 8)? Hardware functions (upgrade_firmware, enroll, door) also need an active binding → 'binding_not_active'. */
export function decideDeviceAction(
  actor: Actor,
  corp: CorpView,
  device: DeviceView | null,
  action: DeviceAction,
): Decision {
  const refusal = sameCorp(actor, corp) ?? deviceOfCorp(corp, device) ?? managePermission(actor, device!, action);
  if (refusal) return refusal;
  if (HARDWARE_ACTIONS.has(action) && device!.binding!.status !== 'active')
    return refuse('binding_not_active', `Device ${device!.sn} has not acknowledged its binding yet`);
  return OK;
}

/** Changing the device's associated apps from `current` to `next`: a device admin may change anything on a device of its corp; the member who bound it may add or remove only apps they administer (app_permission_denied naming the apps); anyone else device_permission_denied / device_not_found as usual. */
export function decideAppsChange(
  actor: Actor,
  corp: CorpView,
  device: DeviceView | null,
  current: string[],
  next: string[],
): Decision {
  const added = next.filter((a) => !current.includes(a));
  const removed = current.filter((a) => !next.includes(a));
  const refusal =
    sameCorp(actor, corp) ??
    deviceOfCorp(corp, device) ??
    binderOrAdmin(actor, device!) ??
    unknownIds(corp, { departments: [], users: [] }, added);
  if (refusal) return refusal;
  if (isDeviceAdmin(actor.member)) return OK;
  return appRefusal(corp, notAdministered(actor.member, corp, [...added, ...removed])) ?? OK;
}

/** Enrolling `userid`'s face or fingerprint on the device: the 'enroll' action, a sensor of that kind, the person inside the binding's usable range. */
export function decideEnrollment(
  actor: Actor,
  corp: CorpView,
  device: DeviceView | null,
  request: { userid: string; kind: BiometricKindName; usableRange: UsableRange; capabilities: readonly Capability[] },
): Decision {
  const refusal = refusalOf(decideDeviceAction(actor, corp, device, 'enroll'));
  if (refusal) return refusal;
  const sn = device!.sn;
  if (!request.capabilities.includes(request.kind))
    return refuse('capability_missing', `Device ${sn} has no ${request.kind} sensor`, { kind: request.kind });
  if (!usableRangeMembers(corp, request.usableRange).some((m) => m.userid === request.userid))
    return refuse('user_out_of_range', `${request.userid} is not in the usable range of device ${sn}`, {
      userid: request.userid,
    });
  return OK;
}

/**
 * What an enrollment picker may offer on a device: the people of its usable range and the kinds its
 * model has sensors for (every pair of them passes decideEnrollment), or the refusal of the 'enroll'
 * action itself (then nothing is offered).
 */
export function enrollmentChoices(
  actor: Actor,
  corp: CorpView,
  device: DeviceView | null,
  request: { usableRange: UsableRange; capabilities: readonly Capability[] },
): { decision: Decision; kinds: BiometricKindName[]; people: { userid: string; name: string }[] } {
  const decision = decideDeviceAction(actor, corp, device, 'enroll');
  if (!decision.ok) return { decision, kinds: [], people: [] };
  return {
    decision,
    kinds: BIOMETRIC_KINDS.filter((k) => request.capabilities.includes(k)),
    people: usableRangeMembers(corp, request.usableRange).map((m) => ({ userid: m.userid, name: m.name })),
  };
}

/** Following (reading) or cancelling an enrollment of this corp: its requester, device admins, or whoever may view the device now. */
export function decideEnrollmentAccess(
  actor: Actor,
  corp: CorpView,
  device: DeviceView | null,
  enrollment: { corpId: string; requestedBy: string },
): Decision {
  return followAccess(actor, corp, device, enrollment, 'view', 'No such enrollment');
}

/** Moving a device from the version it runs (`current`, null when never reported) to `target`. */
export function decideFirmwareUpgrade(
  actor: Actor,
  corp: CorpView,
  device: DeviceView | null,
  request: { current: string | null; target: string; allowDowngrade: boolean },
): Decision {
  return refusalOf(decideDeviceAction(actor, corp, device, 'upgrade_firmware')) ?? versionChange(device!.sn, request);
}

/** The version rule alone (a rollout's devices): not the running version; an older one only when asked explicitly. */
export function versionChange(
  sn: string,
  request: { current: string | null; target: string; allowDowngrade: boolean },
): Decision {
  const { current, target } = request;
  if (current === target) return refuse('conflict', `Device ${sn} already runs ${target}`);
  if (current && semver.valid(current) && semver.valid(target) && semver.lt(target, current) && !request.allowDowngrade)
    return refuse(
      'downgrade',
      `${target} is older than ${current}, which device ${sn} runs: ask with allowDowngrade to install it anyway`,
      { current, target },
    );
  return OK;
}

/** Following a firmware job of this corp: whoever asked for it, device admins, or whoever may view the device's firmware now. */
export function decideFirmwareJobAccess(
  actor: Actor,
  corp: CorpView,
  device: DeviceView | null,
  job: { corpId: string; requestedBy: string },
): Decision {
  return followAccess(actor, corp, device, job, 'view_firmware', 'No such job');
}

function followAccess(
  actor: Actor,
  corp: CorpView,
  device: DeviceView | null,
  work: { corpId: string; requestedBy: string },
  view: DeviceAction,
  unknown: string,
): Decision {
  const refusal = sameCorp(actor, corp);
  if (refusal) return refusal;
  if (work.corpId !== corp.id) return refuse('not_found', unknown);
  if (isDeviceAdmin(actor.member) || work.requestedBy === actor.member.userid) return OK;
  return decideDeviceAction(actor, corp, device, view);
}

/** Seeing the enterprise's firmware catalog and retiring versions for its devices: device admins. */
export function decideCatalogAccess(actor: Actor, corp: CorpView): Decision {
  return (
    sameCorp(actor, corp) ??
    (isDeviceAdmin(actor.member)
      ? OK
      : refuse('forbidden', 'Only administrators with the device-binding permission manage firmware versions'))
  );
}

/** Is the usable range inside the member's visibility? returns the departments and users outside it. */
export function outsideVisibility(member: Member, corp: CorpView, range: UsableRange): UsableRange {
  const visible = visibleSets(member, corp);
  return {
    departments: unique(range.departments).filter((d) => !visible.departments.has(d)),
    users: unique(range.users).filter((u) => !visible.users.has(u)),
  };
}

function sameCorp(actor: Actor, corp: CorpView): Decision | null {
  return actor.corpId === corp.id
    ? null
    : refuse('forbidden', `${actor.member.userid} does not belong to enterprise ${corp.id}`);
}

function canBind(actor: Actor, corp: CorpView): Decision {
  if (isDeviceAdmin(actor.member) || corp.memberBinding) return OK;
  return refuse(
    'member_binding_disabled',
    'Member binding is switched off for this enterprise; ask an administrator with the device-binding permission to bind the device',
  );
}

const refusalOf = (d: Decision): Decision | null => (d.ok ? null : d);

const notFound = (): Decision => refuse('device_not_found');

const isBound = (device: DeviceView): boolean =>
  device.binding !== null && (device.binding.status === 'pending' || device.binding.status === 'active');

/** Only a device bound (pending or active) to this corp exists as far as this corp's people can tell. */
function deviceOfCorp(corp: CorpView, device: DeviceView | null): Decision | null {
  return device && isBound(device) && device.binding!.corpId === corp.id ? null : notFound();
}

function managePermission(actor: Actor, device: DeviceView, action: DeviceAction): Decision | null {
  if (action === 'unbind' && !isDeviceAdmin(actor.member))
    return refuse(
      'device_permission_denied',
      'Only an administrator with the device-binding permission may unbind a device',
    );
  return binderOrAdmin(actor, device);
}

function binderOrAdmin(actor: Actor, device: DeviceView): Decision | null {
  if (isDeviceAdmin(actor.member) || device.binding!.boundBy === actor.member.userid) return null;
  return refuse(
    'device_permission_denied',
    `You may manage only the devices you bound; ${device.sn} is not one of them`,
  );
}

function unknownIds(corp: CorpView, range: UsableRange, apps: string[]): Decision | null {
  const departmentIds = new Set(corp.departments.map((d) => d.id));
  const userIds = new Set(corp.members.map((m) => m.userid));
  const appIds = new Set(corp.apps.map((a) => a.id));
  const unknown = {
    departments: unique(range.departments).filter((d) => !departmentIds.has(d)),
    users: unique(range.users).filter((u) => !userIds.has(u)),
    apps: unique(apps).filter((a) => !appIds.has(a)),
  };
  const parts = [
    unknown.departments.length ? `departments ${unknown.departments.join(', ')}` : '',
    unknown.users.length ? `users ${unknown.users.join(', ')}` : '',
    unknown.apps.length ? `apps ${unknown.apps.join(', ')}` : '',
  ].filter(Boolean);
  return parts.length ? refuse('invalid_argument', `Unknown in this enterprise: ${parts.join('; ')}`, unknown) : null;
}

function outsideRefusal(corp: CorpView, outside: UsableRange): Decision | null {
  if (!outside.departments.length && !outside.users.length) return null;
  const nameOf = (list: { id: string; name: string }[], id: string) => `${list.find((x) => x.id === id)?.name} (${id})`;
  const people = corp.members.map((m) => ({ id: m.userid, name: m.name }));
  const parts = [
    outside.departments.length
      ? `departments ${outside.departments.map((d) => nameOf(corp.departments, d)).join(', ')}`
      : '',
    outside.users.length ? `users ${outside.users.map((u) => nameOf(people, u)).join(', ')}` : '',
  ].filter(Boolean);
  return refuse(
    'usable_range_out_of_visibility',
    `The usable range includes ${parts.join(' and ')}, outside your visibility range`,
    { departments: outside.departments, users: outside.users },
  );
}

function notAdministered(member: Member, corp: CorpView, apps: string[]): string[] {
  const admins = new Map(corp.apps.map((a) => [a.id, a.admins]));
  return unique(apps).filter((a) => !admins.get(a)?.includes(member.userid));
}

function appRefusal(corp: CorpView, apps: string[]): Decision | null {
  if (!apps.length) return null;
  const names = apps.map((id) => `${corp.apps.find((a) => a.id === id)?.name ?? id} (${id})`);
  return refuse(
    'app_permission_denied',
    `Only an administrator of an app may associate it or remove it; you do not administer ${names.join(', ')}`,
    { apps },
  );
}

/** The departments (listed ones and everything below them) and the users in them or listed by name. */
function expandRange(range: UsableRange, corp: CorpView): { departments: Set<string>; users: Set<string> } {
  const children = new Map<string, string[]>();
  for (const d of corp.departments)
    if (d.parentId !== null) children.set(d.parentId, [...(children.get(d.parentId) ?? []), d.id]);
  const departments = new Set<string>();
  const queue = [...range.departments];
  for (let id = queue.shift(); id !== undefined; id = queue.shift()) {
    if (departments.has(id)) continue;
    departments.add(id);
    queue.push(...(children.get(id) ?? []));
  }
  const users = new Set(range.users);
  for (const m of corp.members) if (m.departments.some((d) => departments.has(d))) users.add(m.userid);
  return { departments, users };
}

/** What a member can see: their visibility range, and always themselves. */
function visibleSets(member: Member, corp: CorpView): { departments: Set<string>; users: Set<string> } {
  const sets = expandRange(member.visibility, corp);
  sets.users.add(member.userid);
  return sets;
}

/**
 * The people a device's usable range lets use it: listed users, and members of the listed
 * departments and of every department below them (the device holds exactly these people).
 */
export function usableRangeMembers(corp: CorpView, range: UsableRange): Member[] {
  const { users } = expandRange(range, corp);
  return corp.members.filter((m) => users.has(m.userid));
}

const unique = (ids: string[]): string[] => [...new Set(ids)];
