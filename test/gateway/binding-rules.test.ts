// Decision table for the binding rules: every rule × every kind of actor, member binding on and off.
import { describe, expect, it } from 'vitest';
import {
  type Actor,
  assertAllowed,
  bindChoices,
  type CorpView,
  type Decision,
  type DeviceAction,
  type DeviceView,
  decideAppsChange,
  decideBind,
  decideCatalogAccess,
  decideDeviceAction,
  decideEnrollment,
  decideEnrollmentAccess,
  decideFirmwareJobAccess,
  decideFirmwareUpgrade,
  deviceAdmins,
  enrollmentChoices,
  isDeviceAdmin,
  mayBind,
  outsideVisibility,
  type UsableRange,
  usableRangeMembers,
  versionChange,
} from '../../gateway/binding/rules.js';
import type { Member } from '../../gateway/store/types.js';
import type { Capability } from '../../protocol/capabilities.js';
import { isHwbindError } from '../../protocol/errors.js';

// Acme's tree:  root ─┬─ eng ── fw
//                     └─ ops ── fac
const person = (
  userid: string,
  role: Member['role'],
  canBindDevices: boolean,
  departments: string[],
  visibility: UsableRange,
): Member => ({
  userid,
  name: userid[0]!.toUpperCase() + userid.slice(1),
  role,
  canBindDevices,
  departments,
  visibility,
});

const boss = person('boss', 'super_admin', true, ['root'], { departments: ['root'], users: [] });
const ada = person('ada', 'admin', true, ['eng'], { departments: ['eng'], users: [] });
const adam = person('adam', 'admin', false, ['ops'], { departments: ['ops'], users: [] });
const mia = person('mia', 'member', false, ['eng'], { departments: ['eng'], users: ['olga'] });
const finn = person('finn', 'member', false, ['fw'], { departments: ['fw'], users: [] });
// Sees only Mia, not even her own department: she may still choose herself.
const olga = person('olga', 'member', false, ['fac'], { departments: [], users: ['mia'] });
const gary = person('gary', 'member', false, ['g-root'], { departments: ['g-root'], users: [] });

const acme = (memberBinding: boolean): CorpView => ({
  id: 'acme',
  memberBinding,
  departments: [
    { id: 'root', name: 'Acme', parentId: null },
    { id: 'eng', name: 'Engineering', parentId: 'root' },
    { id: 'fw', name: 'Firmware', parentId: 'eng' },
    { id: 'ops', name: 'Operations', parentId: 'root' },
    { id: 'fac', name: 'Facilities', parentId: 'ops' },
  ],
  members: [boss, ada, adam, mia, finn, olga],
  apps: [
    { id: 'att', name: 'Attendance', admins: ['mia', 'adam', 'olga'] },
    { id: 'door', name: 'Door access', admins: ['boss'] },
  ],
});
const globex = (memberBinding: boolean): CorpView => ({
  id: 'globex',
  memberBinding,
  departments: [{ id: 'g-root', name: 'Globex', parentId: null }],
  members: [gary],
  apps: [],
});

const ACTORS = {
  'super admin': { actor: { corpId: 'acme', member: boss }, corp: acme },
  'admin with the binding permission': { actor: { corpId: 'acme', member: ada }, corp: acme },
  'admin without the binding permission': { actor: { corpId: 'acme', member: adam }, corp: acme },
  'member who bound the device': { actor: { corpId: 'acme', member: mia }, corp: acme },
  'another member': { actor: { corpId: 'acme', member: finn }, corp: acme },
  'member of another corp': { actor: { corpId: 'globex', member: gary }, corp: globex },
  'app for the member who bound it': { actor: { corpId: 'acme', member: mia, viaApp: 'att' }, corp: acme },
  'app for another member': { actor: { corpId: 'acme', member: finn, viaApp: 'att' }, corp: acme },
} satisfies Record<string, { actor: Actor; corp: (memberBinding: boolean) => CorpView }>;
type ActorName = keyof typeof ACTORS;
const ACTOR_NAMES = Object.keys(ACTORS) as ActorName[];

const bound = (corpId: string, status: 'pending' | 'active' | 'removed', boundBy: string, apps: string[] = []) => ({
  corpId,
  status,
  boundBy,
  apps,
});
const DEVICES = {
  'unknown SN': null,
  unbound: { sn: 'SN0001', binding: null },
  'unbound again (removed)': { sn: 'SN0002', binding: bound('acme', 'removed', 'mia') },
  'pending, bound by Mia': { sn: 'SN0003', binding: bound('acme', 'pending', 'mia') },
  'active, bound by Mia': { sn: 'SN0004', binding: bound('acme', 'active', 'mia', ['att']) },
  'active, bound by Adam': { sn: 'SN0005', binding: bound('acme', 'active', 'adam') },
  'active in Globex, bound by Gary': { sn: 'SN0006', binding: bound('globex', 'active', 'gary') },
} satisfies Record<string, DeviceView | null>;
type DeviceName = keyof typeof DEVICES;

type Outcome = 'ok' | Exclude<Decision, { ok: true }>['code'];
const outcome = (d: Decision): Outcome => (d.ok ? 'ok' : d.code);
const SWITCH = [true, false] as const;
const onOff = (on: boolean) => `member binding ${on ? 'on' : 'off'}`;

describe('who is a device admin', () => {
  it.each([
    ['super admin', true, boss],
    ['admin with the binding permission', true, ada],
    ['admin without the binding permission', false, adam],
    ['member', false, mia],
    ['member wrongly flagged with the permission', false, { ...mia, canBindDevices: true }],
  ] as const)('%s → %s', (_, expected, member) => {
    expect(isDeviceAdmin(member)).toBe(expected);
  });

  it('lists super admins and admins with the permission, for notifications and the detail page', () => {
    expect(deviceAdmins(acme(true)).map((m) => m.userid)).toEqual(['boss', 'ada']);
  });
});

describe('rule 1: who may bind', () => {
  // [actor, member binding on, member binding off]
  const table: [ActorName, Outcome, Outcome][] = [
    ['super admin', 'ok', 'ok'],
    ['admin with the binding permission', 'ok', 'ok'],
    ['admin without the binding permission', 'ok', 'member_binding_disabled'],
    ['member who bound the device', 'ok', 'member_binding_disabled'],
    ['another member', 'ok', 'member_binding_disabled'],
    ['member of another corp', 'ok', 'member_binding_disabled'],
    ['app for the member who bound it', 'ok', 'member_binding_disabled'],
    ['app for another member', 'ok', 'member_binding_disabled'],
  ];
  const rows = table.flatMap(([name, on, off]) => SWITCH.map((sw) => [name, onOff(sw), sw ? on : off, sw] as const));
  it.each(rows)('%s, %s → %s', (name, _, expected, sw) => {
    const { actor, corp } = ACTORS[name];
    expect(outcome(mayBind(actor, corp(sw)))).toBe(expected);
  });

  it('refuses an actor handed the view of another corp', () => {
    const d = mayBind({ corpId: 'globex', member: gary }, acme(true));
    expect(outcome(d)).toBe('forbidden');
  });
});

describe('rules 1 and 8: binding, by device state', () => {
  const request = { usableRange: { departments: [], users: [] }, apps: [] };
  // [actor, device, member binding on, member binding off]
  // With the switch off only device admins get past rule 1 (the unknown SN is found out first).
  const bindsWhenOff = new Set<ActorName>(['super admin', 'admin with the binding permission']);
  const table: [ActorName, DeviceName, Outcome, Outcome][] = ACTOR_NAMES.flatMap((name) => {
    const off = (o: Outcome): Outcome => (bindsWhenOff.has(name) ? o : 'member_binding_disabled');
    return [
      [name, 'unknown SN', 'device_not_found', 'device_not_found'],
      [name, 'unbound', 'ok', off('ok')],
      [name, 'unbound again (removed)', 'ok', off('ok')],
      [name, 'pending, bound by Mia', 'device_already_bound', off('device_already_bound')],
      [name, 'active, bound by Mia', 'device_already_bound', off('device_already_bound')],
      [name, 'active, bound by Adam', 'device_already_bound', off('device_already_bound')],
      [name, 'active in Globex, bound by Gary', 'device_already_bound', off('device_already_bound')],
    ] satisfies [ActorName, DeviceName, Outcome, Outcome][];
  });
  const rows = table.flatMap(([name, device, on, off]) =>
    SWITCH.map((sw) => [name, device, onOff(sw), sw ? on : off, sw] as const),
  );
  it.each(rows)('%s binds a device %s, %s → %s', (name, device, _, expected, sw) => {
    const { actor, corp } = ACTORS[name];
    expect(outcome(decideBind(actor, corp(sw), DEVICES[device], request))).toBe(expected);
  });
});

describe('rule 3: the usable range lies inside the visibility range', () => {
  type Expect = Outcome | { departments: string[]; users: string[] };
  const ok: Expect = 'ok';
  const BAD: Expect = 'invalid_argument';
  // Mia sees eng (and fw below it) plus Olga; Finn sees fw; Adam (no permission) sees ops (and fac below it).
  // [case, range, super admin, admin with permission, admin without, Mia, Finn]
  const table: [string, UsableRange, Expect, Expect, Expect, Expect, Expect][] = [
    ['empty range', { departments: [], users: [] }, ok, ok, ok, ok, ok],
    [
      'a department with a sub-department',
      { departments: ['eng'], users: [] },
      ok,
      ok,
      { departments: ['eng'], users: [] },
      ok,
      { departments: ['eng'], users: [] },
    ],
    [
      'a sub-department of a visible one',
      { departments: ['fw'], users: [] },
      ok,
      ok,
      { departments: ['fw'], users: [] },
      ok,
      ok,
    ],
    [
      'the third level under another branch',
      { departments: ['fac'], users: [] },
      ok,
      ok,
      ok,
      { departments: ['fac'], users: [] },
      { departments: ['fac'], users: [] },
    ],
    [
      'the top department',
      { departments: ['root'], users: [] },
      ok,
      ok,
      { departments: ['root'], users: [] },
      { departments: ['root'], users: [] },
      { departments: ['root'], users: [] },
    ],
    [
      'a person in a sub-department',
      { departments: [], users: ['finn'] },
      ok,
      ok,
      { departments: [], users: ['finn'] },
      ok,
      ok,
    ],
    [
      'a person listed by name in the visibility range',
      { departments: [], users: ['olga'] },
      ok,
      ok,
      ok,
      ok,
      { departments: [], users: ['olga'] },
    ],
    [
      'a mix of inside and outside',
      { departments: ['fw', 'ops'], users: ['olga', 'boss'] },
      ok,
      ok,
      { departments: ['fw'], users: ['boss'] },
      { departments: ['ops'], users: ['boss'] },
      { departments: ['ops'], users: ['olga', 'boss'] },
    ],
    ['an unknown department', { departments: ['gone'], users: [] }, BAD, BAD, BAD, BAD, BAD],
    ['an unknown person', { departments: [], users: ['ghost'] }, BAD, BAD, BAD, BAD, BAD],
    [
      'an unknown department next to one outside',
      { departments: ['gone', 'root'], users: [] },
      BAD,
      BAD,
      BAD,
      BAD,
      BAD,
    ],
  ];
  const columns: ActorName[] = [
    'super admin',
    'admin with the binding permission',
    'admin without the binding permission',
    'member who bound the device',
    'another member',
  ];
  const rows = table.flatMap(([what, range, ...expected]) =>
    columns.flatMap((name, i) => {
      const rows = [[name, what, range, expected[i]!] as const];
      // The app acting for Mia has exactly Mia's rights.
      return name === 'member who bound the device'
        ? [...rows, ['app for the member who bound it' as ActorName, what, range, expected[i]!] as const]
        : rows;
    }),
  );
  it.each(rows)('%s chooses %s', (name, _, range, expected) => {
    const { actor, corp } = ACTORS[name];
    const d = decideBind(actor, corp(true), DEVICES.unbound, { usableRange: range, apps: [] });
    if (typeof expected === 'string') {
      expect(outcome(d)).toBe(expected);
      return;
    }
    expect(d).toMatchObject({ ok: false, code: 'usable_range_out_of_visibility', details: expected });
    for (const id of [...expected.departments, ...expected.users])
      expect(d.ok || d.message.includes(`(${id})`), `message names ${id}`).toBe(true);
  });

  it('names unknown ids in the refusal', () => {
    const d = decideBind(ACTORS['super admin'].actor, acme(true), DEVICES.unbound, {
      usableRange: { departments: ['gone'], users: ['ghost'] },
      apps: ['nope'],
    });
    expect(d).toMatchObject({
      code: 'invalid_argument',
      details: { departments: ['gone'], users: ['ghost'], apps: ['nope'] },
    });
  });

  it('always lets a member choose themselves, even outside their listed visibility', () => {
    const actor = { corpId: 'acme', member: olga };
    expect(outsideVisibility(olga, acme(true), { departments: ['fac'], users: ['olga', 'mia', 'adam'] })).toEqual({
      departments: ['fac'],
      users: ['adam'],
    });
    expect(
      decideBind(actor, acme(true), DEVICES.unbound, { usableRange: { departments: [], users: ['olga'] }, apps: [] }),
    ).toEqual({ ok: true });
  });
});

describe('rule 4: associated apps only for their admins', () => {
  // Attendance is administered by Mia, Adam and Olga; Door access by the super admin.
  // [actor, apps, expected, apps named in the refusal]
  const table: [ActorName, string[], Outcome, string[]?][] = [];
  for (const name of ['super admin', 'admin with the binding permission'] as ActorName[])
    table.push([name, ['att'], 'ok'], [name, ['door'], 'ok'], [name, ['att', 'door'], 'ok']);
  for (const name of [
    'admin without the binding permission',
    'member who bound the device',
    'app for the member who bound it',
  ] as ActorName[])
    table.push(
      [name, ['att'], 'ok'],
      [name, ['door'], 'app_permission_denied', ['door']],
      [name, ['att', 'door'], 'app_permission_denied', ['door']],
    );
  for (const name of ['another member', 'app for another member'] as ActorName[])
    table.push(
      [name, ['att'], 'app_permission_denied', ['att']],
      [name, ['door'], 'app_permission_denied', ['door']],
      [name, ['att', 'door'], 'app_permission_denied', ['att', 'door']],
    );
  for (const name of ACTOR_NAMES.filter((n) => n !== 'member of another corp'))
    table.push([name, [], 'ok'], [name, ['nope'], 'invalid_argument']);

  const everyoneMaySee: UsableRange = { departments: [], users: [] };
  it.each(table)('%s associates %j → %s', (name, apps, expected, named) => {
    const { actor, corp } = ACTORS[name];
    const d = decideBind(actor, corp(true), DEVICES.unbound, { usableRange: everyoneMaySee, apps });
    expect(outcome(d)).toBe(expected);
    if (named) {
      expect(d).toMatchObject({ details: { apps: named } });
      for (const id of named) expect(!d.ok && d.message.includes(id)).toBe(true);
    }
  });
});

describe('decideBind checks in order: device, permission, already bound, ids, visibility, apps', () => {
  const mias = ACTORS['member who bound the device'].actor;
  const outside: UsableRange = { departments: ['root'], users: [] };
  it.each<[string, boolean, DeviceName, UsableRange, string[], Outcome]>([
    ['unknown SN before member binding off', false, 'unknown SN', outside, ['door'], 'device_not_found'],
    [
      'member binding off before already bound',
      false,
      'active in Globex, bound by Gary',
      outside,
      [],
      'member_binding_disabled',
    ],
    [
      'already bound before unknown ids',
      true,
      'active, bound by Mia',
      { departments: ['gone'], users: [] },
      [],
      'device_already_bound',
    ],
    [
      'unknown ids before visibility',
      true,
      'unbound',
      { departments: ['gone', 'root'], users: [] },
      [],
      'invalid_argument',
    ],
    ['unknown apps before visibility', true, 'unbound', outside, ['nope'], 'invalid_argument'],
    ['visibility before apps', true, 'unbound', outside, ['door'], 'usable_range_out_of_visibility'],
  ])('%s', (_, sw, device, usableRange, apps, expected) => {
    expect(outcome(decideBind(mias, acme(sw), DEVICES[device], { usableRange, apps }))).toBe(expected);
  });
});

describe('rules 6, 7 and 8: managing a device', () => {
  const MANAGE: DeviceAction[] = ['view', 'rename', 'view_admins', 'view_firmware', 'view_info', 'view_records'];
  const HARDWARE: DeviceAction[] = ['upgrade_firmware', 'enroll', 'door'];
  const NF = 'device_not_found';
  const DENIED = 'device_permission_denied';
  const PENDING = 'binding_not_active';
  // [actor, device, viewing and configuring, hardware functions, unbind]
  const table: [ActorName, DeviceName, Outcome, Outcome, Outcome][] = [];
  const hidden: DeviceName[] = ['unknown SN', 'unbound', 'unbound again (removed)'];
  for (const name of ACTOR_NAMES) for (const device of hidden) table.push([name, device, NF, NF, NF]);
  const acmeActors: ActorName[] = ACTOR_NAMES.filter((n) => n !== 'member of another corp');
  for (const name of acmeActors) table.push([name, 'active in Globex, bound by Gary', NF, NF, NF]);
  table.push(
    ['super admin', 'pending, bound by Mia', 'ok', PENDING, 'ok'],
    ['super admin', 'active, bound by Mia', 'ok', 'ok', 'ok'],
    ['super admin', 'active, bound by Adam', 'ok', 'ok', 'ok'],
    ['admin with the binding permission', 'pending, bound by Mia', 'ok', PENDING, 'ok'],
    ['admin with the binding permission', 'active, bound by Mia', 'ok', 'ok', 'ok'],
    ['admin with the binding permission', 'active, bound by Adam', 'ok', 'ok', 'ok'],
    ['admin without the binding permission', 'pending, bound by Mia', DENIED, DENIED, DENIED],
    ['admin without the binding permission', 'active, bound by Mia', DENIED, DENIED, DENIED],
    ['admin without the binding permission', 'active, bound by Adam', 'ok', 'ok', DENIED],
    ['member who bound the device', 'pending, bound by Mia', 'ok', PENDING, DENIED],
    ['member who bound the device', 'active, bound by Mia', 'ok', 'ok', DENIED],
    ['member who bound the device', 'active, bound by Adam', DENIED, DENIED, DENIED],
    ['another member', 'pending, bound by Mia', DENIED, DENIED, DENIED],
    ['another member', 'active, bound by Mia', DENIED, DENIED, DENIED],
    ['another member', 'active, bound by Adam', DENIED, DENIED, DENIED],
    ['member of another corp', 'pending, bound by Mia', NF, NF, NF],
    ['member of another corp', 'active, bound by Mia', NF, NF, NF],
    ['member of another corp', 'active, bound by Adam', NF, NF, NF],
    ['member of another corp', 'active in Globex, bound by Gary', 'ok', 'ok', DENIED],
    ['app for the member who bound it', 'pending, bound by Mia', 'ok', PENDING, DENIED],
    ['app for the member who bound it', 'active, bound by Mia', 'ok', 'ok', DENIED],
    ['app for the member who bound it', 'active, bound by Adam', DENIED, DENIED, DENIED],
    ['app for another member', 'pending, bound by Mia', DENIED, DENIED, DENIED],
    ['app for another member', 'active, bound by Mia', DENIED, DENIED, DENIED],
    ['app for another member', 'active, bound by Adam', DENIED, DENIED, DENIED],
  );
  it('covers every actor on every device', () => {
    expect(table.length).toBe(ACTOR_NAMES.length * Object.keys(DEVICES).length);
  });
  // Management does not depend on the member binding switch: each row runs with it on and off.
  const rows = table.flatMap(([name, device, manage, hardware, unbind]) =>
    [
      ...MANAGE.map((a) => [a, manage] as const),
      ...HARDWARE.map((a) => [a, hardware] as const),
      ['unbind' as DeviceAction, unbind] as const,
    ].flatMap(([action, expected]) => SWITCH.map((sw) => [name, action, device, onOff(sw), expected, sw] as const)),
  );
  it.each(rows)('%s: %s on a device %s, %s → %s', (name, action, device, _, expected, sw) => {
    const { actor, corp } = ACTORS[name];
    expect(outcome(decideDeviceAction(actor, corp(sw), DEVICES[device], action))).toBe(expected);
  });
});

describe('rule 7: changing the associated apps after binding', () => {
  // Mia administers Attendance, not Door access. The device's binding carries `current` as its apps.
  const MIAS: DeviceName = 'active, bound by Mia';
  // [actor, device, current, next, expected, apps named]
  const table: [ActorName, DeviceName, string[], string[], Outcome, string[]?][] = [
    ['super admin', MIAS, ['att'], ['door'], 'ok'],
    ['admin with the binding permission', MIAS, ['att'], [], 'ok'],
    ['admin with the binding permission', MIAS, ['att'], ['att', 'door'], 'ok'],
    ['admin with the binding permission', MIAS, ['att'], ['nope'], 'invalid_argument'],
    ['member who bound the device', MIAS, ['att'], [], 'ok'],
    ['member who bound the device', MIAS, ['att'], ['att'], 'ok'],
    ['member who bound the device', MIAS, [], ['att'], 'ok'],
    ['member who bound the device', MIAS, ['att'], ['att', 'door'], 'app_permission_denied', ['door']],
    ['member who bound the device', MIAS, ['door'], [], 'app_permission_denied', ['door']],
    ['member who bound the device', MIAS, ['door'], ['door', 'att'], 'ok'],
    ['member who bound the device', MIAS, ['att'], ['att', 'nope'], 'invalid_argument'],
    ['member who bound the device', 'pending, bound by Mia', [], ['att'], 'ok'],
    ['app for the member who bound it', MIAS, ['att'], [], 'ok'],
    ['app for the member who bound it', MIAS, ['att'], ['door'], 'app_permission_denied', ['door']],
    ['admin without the binding permission', MIAS, ['att'], [], 'device_permission_denied'],
    ['another member', MIAS, ['att'], [], 'device_permission_denied'],
    ['app for another member', MIAS, ['att'], ['att', 'door'], 'device_permission_denied'],
    ['member of another corp', MIAS, ['att'], [], 'device_not_found'],
    ['super admin', 'active in Globex, bound by Gary', [], ['att'], 'device_not_found'],
    ['member who bound the device', 'unknown SN', [], ['att'], 'device_not_found'],
    ['member who bound the device', 'unbound', [], ['att'], 'device_not_found'],
    ['member who bound the device', 'unbound again (removed)', [], ['att'], 'device_not_found'],
  ];
  it.each(table)('%s on a device %s: %j → %j gives %s', (name, deviceName, current, next, expected, named) => {
    const { actor, corp } = ACTORS[name];
    const device: DeviceView | null = DEVICES[deviceName];
    const withApps = device?.binding ? { ...device, binding: { ...device.binding, apps: current } } : device;
    const d = decideAppsChange(actor, corp(true), withApps, current, next);
    expect(outcome(d)).toBe(expected);
    if (named) expect(d).toMatchObject({ details: { apps: named } });
  });
});

describe('what the bind pickers offer', () => {
  const ids = (xs: { id: string }[]) => xs.map((x) => x.id);
  it('a member: their visibility range, expanded, and only the apps they administer', () => {
    const c = bindChoices(ACTORS['member who bound the device'].actor, acme(true));
    expect(ids(c.departments)).toEqual(['eng', 'fw']);
    expect(c.users).toEqual([
      { userid: 'ada', name: 'Ada' },
      { userid: 'mia', name: 'Mia' },
      { userid: 'finn', name: 'Finn' },
      { userid: 'olga', name: 'Olga' },
    ]);
    expect(c.apps).toEqual([
      { id: 'att', name: 'Attendance', selectable: true },
      { id: 'door', name: 'Door access', selectable: false, reason: expect.any(String) },
    ]);
  });
  it('an admin without the binding permission: like a member', () => {
    const c = bindChoices(ACTORS['admin without the binding permission'].actor, acme(true));
    expect(ids(c.departments)).toEqual(['ops', 'fac']);
    expect(c.users.map((u) => u.userid)).toEqual(['adam', 'olga']);
    expect(c.apps.map((a) => a.selectable)).toEqual([true, false]);
  });
  it('a super admin and an admin with the permission: the whole corp and every app', () => {
    for (const name of ['super admin', 'admin with the binding permission'] as const) {
      const c = bindChoices(ACTORS[name].actor, acme(true));
      expect(ids(c.departments)).toEqual(['root', 'eng', 'fw', 'ops', 'fac']);
      expect(c.users.map((u) => u.userid)).toEqual(['boss', 'ada', 'adam', 'mia', 'finn', 'olga']);
      expect(c.apps.every((a) => a.selectable && a.reason === undefined)).toBe(true);
    }
  });
  it('every choice offered is accepted by decideBind', () => {
    for (const name of ACTOR_NAMES.filter((n) => n !== 'member of another corp')) {
      const { actor } = ACTORS[name];
      const c = bindChoices(actor, acme(true));
      const request = {
        usableRange: { departments: ids(c.departments), users: c.users.map((u) => u.userid) },
        apps: c.apps.filter((a) => a.selectable).map((a) => a.id),
      };
      expect(decideBind(actor, acme(true), DEVICES.unbound, request), name).toEqual({ ok: true });
    }
  });
});

describe('assertAllowed', () => {
  it('throws the refusal as an HwbindError and passes an ok', () => {
    expect(() => assertAllowed({ ok: true })).not.toThrow();
    const refusal = decideDeviceAction(
      ACTORS['another member'].actor,
      acme(true),
      DEVICES['active, bound by Mia'],
      'door',
    );
    let thrown: unknown;
    try {
      assertAllowed(refusal);
    } catch (err) {
      thrown = err;
    }
    expect(isHwbindError(thrown, 'device_permission_denied')).toBe(true);
  });
});

describe('the people of a usable range', () => {
  const ids = (departments: string[], users: string[]) =>
    usableRangeMembers(acme(true), { departments, users })
      .map((m) => m.userid)
      .sort();
  it.each([
    ['a department and everything below it', ['eng'], [], ['ada', 'finn', 'mia']],
    ['a leaf department', ['fac'], [], ['olga']],
    ['people listed by name', [], ['boss', 'olga'], ['boss', 'olga']],
    ['both, without duplicates', ['fw'], ['finn', 'adam'], ['adam', 'finn']],
    ['nothing', [], [], []],
  ])('%s', (_name, departments, users, expected) => {
    expect(ids(departments, users)).toEqual(expected);
  });
});

describe('enrollment: whom, in which kind, on which device', () => {
  // Mia's device holds eng (Ada, Mia, Finn below it in fw) and Olga by name.
  const range: UsableRange = { departments: ['eng'], users: ['olga'] };
  const TERMINAL: Capability[] = ['face', 'fingerprint', 'door', 'screen'];
  const READER: Capability[] = ['fingerprint', 'card', 'door'];
  const MIAS: DeviceName = 'active, bound by Mia';
  // [actor, device, person, kind, sensors, expected]
  const table: [ActorName, DeviceName, string, 'face' | 'fingerprint', Capability[], Outcome][] = [
    ['super admin', MIAS, 'finn', 'fingerprint', TERMINAL, 'ok'],
    ['super admin', MIAS, 'finn', 'face', TERMINAL, 'ok'],
    ['admin with the binding permission', MIAS, 'olga', 'face', TERMINAL, 'ok'],
    ['member who bound the device', MIAS, 'mia', 'fingerprint', READER, 'ok'],
    ['member who bound the device', MIAS, 'ada', 'face', TERMINAL, 'ok'],
    ['member who bound the device', MIAS, 'olga', 'fingerprint', TERMINAL, 'ok'],
    ['app for the member who bound it', MIAS, 'finn', 'fingerprint', TERMINAL, 'ok'],
    ['super admin', MIAS, 'adam', 'fingerprint', TERMINAL, 'user_out_of_range'],
    ['super admin', MIAS, 'boss', 'face', TERMINAL, 'user_out_of_range'],
    ['member who bound the device', MIAS, 'boss', 'fingerprint', TERMINAL, 'user_out_of_range'],
    ['member who bound the device', MIAS, 'ghost', 'fingerprint', TERMINAL, 'user_out_of_range'],
    ['member who bound the device', MIAS, 'gary', 'fingerprint', TERMINAL, 'user_out_of_range'],
    ['member who bound the device', MIAS, 'mia', 'face', READER, 'capability_missing'],
    ['super admin', MIAS, 'finn', 'face', READER, 'capability_missing'],
    ['another member', MIAS, 'finn', 'fingerprint', TERMINAL, 'device_permission_denied'],
    ['app for another member', MIAS, 'finn', 'fingerprint', TERMINAL, 'device_permission_denied'],
    ['admin without the binding permission', MIAS, 'mia', 'fingerprint', TERMINAL, 'device_permission_denied'],
    ['admin without the binding permission', 'active, bound by Adam', 'mia', 'fingerprint', TERMINAL, 'ok'],
    ['member of another corp', MIAS, 'mia', 'fingerprint', TERMINAL, 'device_not_found'],
    ['super admin', 'unknown SN', 'mia', 'fingerprint', TERMINAL, 'device_not_found'],
    ['super admin', 'unbound again (removed)', 'mia', 'fingerprint', TERMINAL, 'device_not_found'],
    ['member who bound the device', 'pending, bound by Mia', 'mia', 'fingerprint', TERMINAL, 'binding_not_active'],
    // In order: the device action, then the sensor, then the person.
    ['another member', MIAS, 'boss', 'face', READER, 'device_permission_denied'],
    ['member who bound the device', 'pending, bound by Mia', 'boss', 'face', READER, 'binding_not_active'],
    ['member who bound the device', MIAS, 'boss', 'face', READER, 'capability_missing'],
  ];
  it.each(table)('%s on a device %s enrolls %s (%s, sensors %j) → %s', (name, device, userid, kind, caps, expected) => {
    const { actor, corp } = ACTORS[name];
    const request = { userid, kind, usableRange: range, capabilities: caps };
    expect(outcome(decideEnrollment(actor, corp(true), DEVICES[device], request))).toBe(expected);
  });

  it('names the person outside the range, and the missing sensor', () => {
    const actor = ACTORS['member who bound the device'].actor;
    const device = DEVICES['active, bound by Mia'];
    const out = decideEnrollment(actor, acme(true), device, {
      userid: 'boss',
      kind: 'fingerprint',
      usableRange: range,
      capabilities: ['fingerprint'],
    });
    expect(out).toMatchObject({ code: 'user_out_of_range', details: { userid: 'boss' } });
    expect(!out.ok && out.message).toContain('boss');
    const missing = decideEnrollment(actor, acme(true), device, {
      userid: 'mia',
      kind: 'face',
      usableRange: range,
      capabilities: ['fingerprint'],
    });
    expect(missing).toMatchObject({ code: 'capability_missing', details: { kind: 'face' } });
  });
});

describe('what the enrollment picker offers', () => {
  const range: UsableRange = { departments: ['eng'], users: ['olga'] };
  const SENSORS: Capability[][] = [
    ['face', 'fingerprint', 'door'],
    ['fingerprint', 'card'],
    ['card', 'door'],
  ];
  const everyone = [...acme(true).members, gary].map((m) => m.userid).concat('ghost');
  const cases = ACTOR_NAMES.flatMap((name) =>
    (Object.keys(DEVICES) as DeviceName[]).flatMap((device) => SENSORS.map((caps) => [name, device, caps] as const)),
  );
  it.each(cases)('%s on a device %s with sensors %j: exactly what decideEnrollment allows', (name, device, caps) => {
    const { actor, corp } = ACTORS[name];
    const view = corp(true);
    const choices = enrollmentChoices(actor, view, DEVICES[device], { usableRange: range, capabilities: caps });
    for (const userid of everyone)
      for (const kind of ['face', 'fingerprint'] as const) {
        const offered = choices.kinds.includes(kind) && choices.people.some((p) => p.userid === userid);
        const request = { userid, kind, usableRange: range, capabilities: caps };
        expect(decideEnrollment(actor, view, DEVICES[device], request).ok, `${userid} ${kind}`).toBe(offered);
      }
    expect(outcome(choices.decision)).toBe(outcome(decideDeviceAction(actor, view, DEVICES[device], 'enroll')));
  });

  it('names the people with their names, in the order of the directory', () => {
    const choices = enrollmentChoices(
      ACTORS['member who bound the device'].actor,
      acme(true),
      DEVICES['active, bound by Mia'],
      {
        usableRange: range,
        capabilities: ['fingerprint'],
      },
    );
    expect(choices).toMatchObject({ decision: { ok: true }, kinds: ['fingerprint'] });
    expect(choices.people).toEqual([
      { userid: 'ada', name: 'Ada' },
      { userid: 'mia', name: 'Mia' },
      { userid: 'finn', name: 'Finn' },
      { userid: 'olga', name: 'Olga' },
    ]);
  });
});

describe('enrollment: who may follow and cancel one', () => {
  const of = (corpId: string, requestedBy: string) => ({ corpId, requestedBy });
  // [actor, device, enrollment, expected]
  const table: [ActorName, DeviceName, { corpId: string; requestedBy: string }, Outcome][] = [
    ['member who bound the device', 'active, bound by Mia', of('acme', 'mia'), 'ok'],
    ['member who bound the device', 'active, bound by Mia', of('acme', 'boss'), 'ok'],
    ['app for the member who bound it', 'active, bound by Mia', of('acme', 'boss'), 'ok'],
    ['super admin', 'active, bound by Mia', of('acme', 'mia'), 'ok'],
    ['admin with the binding permission', 'active, bound by Adam', of('acme', 'adam'), 'ok'],
    ['admin without the binding permission', 'active, bound by Adam', of('acme', 'boss'), 'ok'],
    ['admin without the binding permission', 'active, bound by Mia', of('acme', 'boss'), 'device_permission_denied'],
    ['another member', 'active, bound by Mia', of('acme', 'mia'), 'device_permission_denied'],
    ['app for another member', 'active, bound by Mia', of('acme', 'mia'), 'device_permission_denied'],
    // After the device was unbound: its requester and the device admins still see it.
    ['member who bound the device', 'unbound again (removed)', of('acme', 'mia'), 'ok'],
    ['super admin', 'unbound again (removed)', of('acme', 'mia'), 'ok'],
    ['member who bound the device', 'unbound again (removed)', of('acme', 'boss'), 'device_not_found'],
    ['member of another corp', 'active, bound by Mia', of('acme', 'mia'), 'not_found'],
    ['super admin', 'active in Globex, bound by Gary', of('globex', 'gary'), 'not_found'],
    ['member of another corp', 'active in Globex, bound by Gary', of('globex', 'gary'), 'ok'],
  ];
  it.each(table)('%s, device %s, enrollment %j → %s', (name, device, enrollment, expected) => {
    const { actor, corp } = ACTORS[name];
    expect(outcome(decideEnrollmentAccess(actor, corp(true), DEVICES[device], enrollment))).toBe(expected);
  });
});

describe('firmware: who may move a device to which version', () => {
  const MIAS: DeviceName = 'active, bound by Mia';
  type Request = { current: string | null; target: string; allowDowngrade: boolean };
  const up: Request = { current: '1.2.0', target: '1.3.0', allowDowngrade: false };
  const down: Request = { current: '1.3.0', target: '1.2.0', allowDowngrade: false };
  // [actor, device, request, expected]
  const table: [ActorName, DeviceName, Request, Outcome][] = [
    ['member who bound the device', MIAS, up, 'ok'],
    ['app for the member who bound it', MIAS, up, 'ok'],
    ['super admin', MIAS, up, 'ok'],
    ['admin with the binding permission', 'active, bound by Adam', up, 'ok'],
    ['admin without the binding permission', 'active, bound by Adam', up, 'ok'],
    ['another member', MIAS, up, 'device_permission_denied'],
    ['app for another member', MIAS, up, 'device_permission_denied'],
    ['admin without the binding permission', MIAS, up, 'device_permission_denied'],
    ['member who bound the device', 'pending, bound by Mia', up, 'binding_not_active'],
    ['super admin', 'pending, bound by Mia', up, 'binding_not_active'],
    ['member who bound the device', 'unbound', up, 'device_not_found'],
    ['super admin', 'unbound again (removed)', up, 'device_not_found'],
    ['super admin', 'unknown SN', up, 'device_not_found'],
    ['member of another corp', MIAS, up, 'device_not_found'],
    ['super admin', 'active in Globex, bound by Gary', up, 'device_not_found'],
    // The version rule, after the device rule.
    ['member who bound the device', MIAS, down, 'downgrade'],
    ['super admin', MIAS, down, 'downgrade'],
    ['member who bound the device', MIAS, { ...down, allowDowngrade: true }, 'ok'],
    ['member who bound the device', MIAS, { current: '1.3.0', target: '1.3.0', allowDowngrade: true }, 'conflict'],
    [
      'member who bound the device',
      MIAS,
      { current: '1.3.0', target: '1.3.0-rc.1', allowDowngrade: false },
      'downgrade',
    ],
    ['member who bound the device', MIAS, { current: '1.3.0-rc.1', target: '1.3.0', allowDowngrade: false }, 'ok'],
    ['member who bound the device', MIAS, { current: null, target: '0.1.0', allowDowngrade: false }, 'ok'],
    ['another member', MIAS, down, 'device_permission_denied'],
    ['member who bound the device', 'pending, bound by Mia', down, 'binding_not_active'],
  ];
  it.each(table)('%s on a device %s: %j → %s', (name, device, request, expected) => {
    const { actor, corp } = ACTORS[name];
    for (const sw of SWITCH)
      expect(outcome(decideFirmwareUpgrade(actor, corp(sw), DEVICES[device], request))).toBe(expected);
  });

  it('names both versions in a refused downgrade; the version rule alone for rollouts', () => {
    const d = versionChange('SN0004', down);
    expect(d).toMatchObject({ code: 'downgrade', details: { current: '1.3.0', target: '1.2.0' } });
    expect(!d.ok && d.message).toContain('allowDowngrade');
    expect(versionChange('SN0004', up)).toEqual({ ok: true });
  });
});

describe('firmware: who may follow a job, and manage the catalog', () => {
  const of = (corpId: string, requestedBy: string) => ({ corpId, requestedBy });
  // A rollout's job was asked for by nobody in the corp ('').
  const table: [ActorName, DeviceName, { corpId: string; requestedBy: string }, Outcome][] = [
    ['member who bound the device', 'active, bound by Mia', of('acme', 'mia'), 'ok'],
    ['member who bound the device', 'active, bound by Mia', of('acme', ''), 'ok'],
    ['member who bound the device', 'active, bound by Mia', of('acme', 'boss'), 'ok'],
    ['super admin', 'active, bound by Adam', of('acme', ''), 'ok'],
    ['another member', 'active, bound by Mia', of('acme', 'mia'), 'device_permission_denied'],
    ['app for another member', 'active, bound by Mia', of('acme', ''), 'device_permission_denied'],
    ['member who bound the device', 'unbound again (removed)', of('acme', 'mia'), 'ok'],
    ['member who bound the device', 'unbound again (removed)', of('acme', 'boss'), 'device_not_found'],
    ['member of another corp', 'active, bound by Mia', of('acme', 'mia'), 'not_found'],
    ['super admin', 'active in Globex, bound by Gary', of('globex', ''), 'not_found'],
  ];
  it.each(table)('%s, device %s, job %j → %s', (name, device, job, expected) => {
    const { actor, corp } = ACTORS[name];
    expect(outcome(decideFirmwareJobAccess(actor, corp(true), DEVICES[device], job))).toBe(expected);
  });

  it.each([
    ['super admin', 'ok'],
    ['admin with the binding permission', 'ok'],
    ['admin without the binding permission', 'forbidden'],
    ['member who bound the device', 'forbidden'],
    ['app for the member who bound it', 'forbidden'],
  ] as const)('the catalog: %s → %s', (name, expected) => {
    const { actor, corp } = ACTORS[name];
    expect(outcome(decideCatalogAccess(actor, corp(true)))).toBe(expected);
  });
  it('the catalog of another corp is refused', () => {
    expect(outcome(decideCatalogAccess(ACTORS['super admin'].actor, globex(true)))).toBe('forbidden');
  });
});
