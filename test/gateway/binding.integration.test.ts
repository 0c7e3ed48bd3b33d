// Binding end to end: a real gateway, real `hwbind sim device` processes over MQTT, people calling the
// Person API with their tokens. Every rule of the seed, the QR and verification-code paths, a device
// offline at confirm, a gateway restart between confirm and the device's Ack, unbinding with the
// device wiping, notifications, live events and webhook delivery.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { unixSeconds } from '../../protocol/clock.js';
import { hmacHex } from '../../protocol/hmac.js';
import { envelope } from '../../protocol/messages.js';
import { connected, publish, subscribeOwn } from '../helpers/devices.js';
import { type Enterprise, startEnterprise } from '../helpers/enterprise.js';
import { startGateway, tempDir } from '../helpers/processes.js';
import { runSimDevice, type SimProcess } from '../helpers/sim.js';
import { until } from '../helpers/until.js';

let ent: Enterprise;
const stateDir = tempDir('hwbind-bind-sim-');
const running: SimProcess[] = [];

const FACE = ['BINDFACE1', 'BINDFACE2', 'BINDFACE3', 'BINDFACE4', 'BINDFACE5', 'BINDFACE6'];
const LABEL = ['BINDLBL1', 'BINDLBL2'];

function sim(sn: string): SimProcess {
  const p = runSimDevice({ bundleFile: ent.devices.get(sn)!.bundleFile, stateDir, mqttUrl: ent.gw.mqttUrl, sn });
  running.push(p);
  return p;
}

const inside = { departments: ['fw'], users: ['alice'] };

beforeAll(async () => {
  ent = await startEnterprise({ face: FACE, label: LABEL });
});

afterAll(async () => {
  await Promise.all(running.map((p) => p.stop()));
  expect(await ent?.gw.stop()).toBe(0);
});

async function status(sn: string, who = ent.person('acme', 'alice')): Promise<string | null> {
  const r = await who.call<{ binding: { status: string } }>('GET', `/devices/${sn}`);
  return r.status === 200 ? r.body.binding.status : null;
}

/** Everything a person can see of the device's binding, to prove a refusal changed nothing. */
async function snapshot(sn: string) {
  const alice = ent.person('acme', 'alice');
  const [one, all] = await Promise.all([
    alice.call('GET', `/devices/${sn}`),
    alice.call<{ devices: Record<string, unknown>[] }>('GET', '/devices'),
  ]);
  // Presence and reported firmware move on their own (heartbeats, hellos); everything a binding could
  // change must not.
  const devices = all.body.devices.map(({ online: _o, lastSeen: _l, firmware: _f, ...rest }) => rest);
  return { one: one.status, devices };
}

describe('a member binds a device by its dynamic QR code', () => {
  it('goes pending, the device acknowledges, the binding is active and the people are notified', async () => {
    const dev = sim('BINDFACE1');
    await dev.online();
    const carol = ent.person('acme', 'carol');
    const qr = ent.dynamicQr('BINDFACE1');
    const resolved = await carol.call<{
      device: { sn: string; online: boolean; bound: boolean };
      choices: {
        departments: { id: string }[];
        users: { userid: string }[];
        apps: { id: string; selectable: boolean; reason?: string }[];
      };
    }>('POST', '/bind/resolve', { qr });
    expect(resolved.status).toBe(200);
    expect(resolved.body.device).toMatchObject({ sn: 'BINDFACE1', online: true, bound: false });
    expect(resolved.body.choices.departments.map((d) => d.id).sort()).toEqual(['fw', 'rd']);
    expect(resolved.body.choices.users.map((u) => u.userid).sort()).toEqual(['alice', 'carol']);
    expect(resolved.body.choices.apps).toEqual([
      expect.objectContaining({ id: 'attendance', selectable: true }),
      expect.objectContaining({ id: 'visitors', selectable: false, reason: expect.any(String) }),
    ]);

    const bound = await carol.call('POST', '/bindings', { qr, usableRange: inside, apps: ['attendance'] });
    expect(bound.status).toBe(201);
    expect(bound.body).toMatchObject({ sn: 'BINDFACE1', status: 'pending' });
    await until('active', async () => ((await status('BINDFACE1', carol)) === 'active' ? true : null));
    expect(dev.flash()?.binding).toMatchObject({ corpId: 'acme', corpName: 'Acme Corp' });

    // Rule 5: the binder and every device admin (super admins included), nobody else.
    for (const userid of ['carol', 'alice', 'bob']) {
      const n = await ent
        .person('acme', userid)
        .call<{ notifications: { sn: string; kind: string; link: string; read: boolean }[] }>(
          'GET',
          '/me/notifications',
        );
      expect(n.body.notifications, userid).toContainEqual(
        expect.objectContaining({
          sn: 'BINDFACE1',
          kind: 'device_bound',
          link: 'https://hw.acme.test/hw/devices/BINDFACE1',
          read: false,
        }),
      );
    }
    for (const userid of ['dave', 'erin']) {
      const n = await ent.person('acme', userid).call<{ notifications: unknown[] }>('GET', '/me/notifications');
      expect(n.body.notifications, userid).toEqual([]);
    }
    const read = await carol.call<{ unread: number }>('POST', '/me/notifications/read', {});
    expect(read.body.unread).toBe(0);

    // The member manages what they bound (rule 7) …
    const renamed = await carol.call<{ name: string }>('PATCH', '/devices/BINDFACE1', { name: 'Lobby door' });
    expect(renamed.status).toBe(200);
    expect(renamed.body.name).toBe('Lobby door');
    const detail = await carol.call<{
      admins: { userid: string }[];
      binding: { boundBy: string; usableRange: unknown };
    }>('GET', '/devices/BINDFACE1');
    expect(detail.body.admins.map((a) => a.userid).sort()).toEqual(['alice', 'bob']);
    expect(detail.body.binding).toMatchObject({ boundBy: 'carol', usableRange: inside });
    expect((await carol.call<{ devices: { sn: string }[] }>('GET', '/devices')).body.devices.map((d) => d.sn)).toEqual([
      'BINDFACE1',
    ]);
    // … associated apps only as that app's admin (rule 4/7) …
    const apps = await carol.call('PUT', '/devices/BINDFACE1/apps', { apps: ['attendance', 'visitors'] });
    expect(apps.status).toBe(403);
    expect(apps.body.error?.code).toBe('app_permission_denied');
    expect((await carol.call('PUT', '/devices/BINDFACE1/apps', { apps: [] })).status).toBe(200);
    // … and may not remove it (rule 6).
    const removed = await carol.call('DELETE', '/devices/BINDFACE1/binding');
    expect(removed.status).toBe(403);
    expect(removed.body.error?.code).toBe('device_permission_denied');
  });

  it('answers other people by the rules: permission denied in the corp, not found outside it', async () => {
    const erin = ent.person('acme', 'erin');
    expect((await erin.call('GET', '/devices/BINDFACE1')).body.error?.code).toBe('device_permission_denied');
    expect((await erin.call('PATCH', '/devices/BINDFACE1', { name: 'x' })).body.error?.code).toBe(
      'device_permission_denied',
    );
    const olga = ent.person('globex', 'olga');
    const r = await olga.call('GET', '/devices/BINDFACE1');
    expect(r.status).toBe(404);
    expect(r.body.error?.code).toBe('device_not_found');
    expect((await olga.call('GET', '/devices/NOSUCHSN')).body.error?.code).toBe('device_not_found');
    // Already bound: nobody can bind it again, in this corp or another.
    const again = await olga.call('POST', '/bindings', { qr: ent.dynamicQr('BINDFACE1') });
    expect(again.status).toBe(409);
    expect(again.body.error?.code).toBe('device_already_bound');
    expect(await status('BINDFACE1')).toBe('active');
  });
});

describe('refusals change nothing', () => {
  const cases: [string, string, () => Record<string, unknown>, number, string][] = [
    [
      'a usable range outside the visibility range',
      'carol',
      () => ({ qr: ent.dynamicQr('BINDFACE2'), usableRange: { departments: ['ops'], users: ['erin'] } }),
      403,
      'usable_range_out_of_visibility',
    ],
    [
      'an app the member does not administer',
      'carol',
      () => ({ qr: ent.dynamicQr('BINDFACE2'), usableRange: inside, apps: ['visitors'] }),
      403,
      'app_permission_denied',
    ],
    [
      'an expired QR code',
      'alice',
      () => ({ qr: ent.dynamicQr('BINDFACE2', { ts: unixSeconds({ now: Date.now }) - 31 * 60 }) }),
      410,
      'qr_expired',
    ],
    [
      "another gateway's QR code",
      'alice',
      () => ({ qr: ent.dynamicQr('BINDFACE2', { publicUrl: 'https://evil.example' }) }),
      403,
      'qr_invalid',
    ],
    [
      'a forged QR signature',
      'alice',
      () => ({ qr: ent.dynamicQr('BINDFACE2').replace(/sig=(.)/, (_m, c: string) => `sig=${c === '0' ? '1' : '0'}`) }),
      403,
      'qr_invalid',
    ],
    ['the generic add-device code', 'alice', () => ({ qr: 'https://hw.acme.test/hw/addDevice' }), 403, 'qr_invalid'],
    ['an unknown SN', 'alice', () => ({ sn: 'NOSUCHDEVICE', verifyCode: '123456' }), 404, 'device_not_found'],
    ['no device named', 'alice', () => ({}), 400, 'invalid_argument'],
  ];
  it.each(cases)('%s', async (_name, who, body, code, error) => {
    const before = await snapshot('BINDFACE2');
    const r = await ent.person('acme', who).call('POST', '/bindings', body());
    expect(r.status).toBe(code);
    expect(r.body.error?.code).toBe(error);
    expect(r.body.error?.message).toBeTruthy();
    expect(await snapshot('BINDFACE2')).toEqual(before);
  });

  it('names what lies outside the visibility range', async () => {
    const r = await ent.person('acme', 'carol').call('POST', '/bind/resolve', { qr: ent.dynamicQr('BINDFACE2') });
    expect(r.status).toBe(200);
    const refused = await ent.person('acme', 'carol').call('POST', '/bindings', {
      qr: ent.dynamicQr('BINDFACE2'),
      usableRange: { departments: ['ops', 'fw'], users: ['erin', 'alice'] },
    });
    expect(refused.body.error?.details).toEqual({ departments: ['ops'], users: ['erin'] });
    expect(refused.body.error?.message).toMatch(/ops/);
  });
});

describe('member binding switched off', () => {
  it('refuses members and admins without the permission, not device admins; only super admins switch it', async () => {
    const alice = ent.person('acme', 'alice');
    expect((await ent.person('acme', 'bob').call('PUT', '/corp/settings', { memberBinding: false })).status).toBe(403);
    expect((await alice.call('PUT', '/corp/settings', { memberBinding: false })).body).toMatchObject({
      memberBinding: false,
    });
    try {
      for (const who of ['carol', 'dave']) {
        const r = await ent.person('acme', who).call('POST', '/bind/resolve', { qr: ent.dynamicQr('BINDFACE2') });
        expect(r.status, who).toBe(403);
        expect(r.body.error?.code).toBe('member_binding_disabled');
        expect(
          (await ent.person('acme', who).call<{ canBindDevices: boolean }>('GET', '/me')).body.canBindDevices,
        ).toBe(false);
      }
      const bob = await ent.person('acme', 'bob').call('POST', '/bind/resolve', { qr: ent.dynamicQr('BINDFACE2') });
      expect(bob.status).toBe(200);
    } finally {
      await alice.call('PUT', '/corp/settings', { memberBinding: true });
    }
  });

  it('lets an admin without the binding permission bind as a member would', async () => {
    const dave = ent.person('acme', 'dave');
    const out = await dave.call('POST', '/bindings', {
      qr: ent.dynamicQr('BINDFACE2'),
      usableRange: { departments: ['rd'], users: [] },
    });
    expect(out.body.error?.code).toBe('usable_range_out_of_visibility');
    const ok = await dave.call('POST', '/bindings', {
      qr: ent.dynamicQr('BINDFACE2'),
      usableRange: { departments: ['ops'], users: [] },
    });
    expect(ok.status).toBe(201);
    // The device is offline: the binding waits for it.
    expect(ok.body).toMatchObject({ status: 'pending' });
  });
});

describe('the label path: SN + verification code', () => {
  it('binds with the right code and locks the SN after five wrong ones', async () => {
    const bob = ent.person('acme', 'bob');
    const sn = 'BINDLBL1';
    const right = ent.labelCode(sn);
    const wrong = String((Number(right) + 1) % 1_000_000).padStart(6, '0');
    for (let i = 0; i < 4; i++) {
      const r = await bob.call('POST', '/bindings', { sn, verifyCode: wrong });
      expect(r.status).toBe(403);
      expect(r.body.error?.code).toBe('verify_code_wrong');
    }
    const fifth = await bob.call('POST', '/bindings', { sn, verifyCode: wrong });
    expect(fifth.status).toBe(429);
    expect(fifth.body.error?.code).toBe('verify_locked');
    // Locked: even the right code waits 15 minutes; other SNs are not affected.
    expect((await bob.call('POST', '/bindings', { sn, verifyCode: right })).body.error?.code).toBe('verify_locked');
    const other = await bob.call('POST', '/bindings', {
      qr: `https://hw.acme.test/hw/bind?sn=BINDLBL2`,
      verifyCode: ent.labelCode('BINDLBL2'),
    });
    expect(other.status).toBe(201);
    const dev = sim('BINDLBL2');
    await dev.online();
    await until('label device active', async () => ((await status('BINDLBL2')) === 'active' ? true : null));
  });
});

describe('a device offline at confirm, and a gateway restart before its Ack', () => {
  it('activates when the device next connects, also across a restart of the gateway', async () => {
    const bob = ent.person('acme', 'bob');
    const r = await bob.call('POST', '/bindings', { qr: ent.dynamicQr('BINDFACE3') });
    expect(r.body).toMatchObject({ status: 'pending' });
    expect(await ent.gw.stop()).toBe(0);
    ent.gw = await startGateway({ data: ent.data, args: ['--public-url', 'https://hw.acme.test'] });
    expect(await status('BINDFACE3')).toBe('pending');
    const dev = sim('BINDFACE3');
    await until('active after reconnect', async () => ((await status('BINDFACE3')) === 'active' ? true : null), 15_000);
    expect(dev.flash()?.binding?.corpId).toBe('acme');
  });
});

describe('removing a device', () => {
  it('an admin removes a member-bound device and the device wipes; offline, it wipes when it returns', async () => {
    const carol = ent.person('acme', 'carol');
    const dev = sim('BINDFACE4');
    await dev.online();
    expect(
      (await carol.call('POST', '/bindings', { qr: ent.dynamicQr('BINDFACE4'), usableRange: inside })).status,
    ).toBe(201);
    await until('active', async () => ((await status('BINDFACE4')) === 'active' ? true : null));
    const bob = ent.person('acme', 'bob');
    const del = await bob.call('DELETE', '/devices/BINDFACE4/binding');
    expect(del.status).toBe(204);
    await until('the device forgot its binding', () => (dev.flash()?.binding === null ? true : null));
    expect((await carol.call('GET', '/devices/BINDFACE4')).body.error?.code).toBe('device_not_found');
    // Bind again, then remove it while the device is off: it wipes at its next hello.
    expect((await bob.call('POST', '/bindings', { qr: ent.dynamicQr('BINDFACE4') })).status).toBe(201);
    await until('active again', async () => ((await status('BINDFACE4')) === 'active' ? true : null));
    await dev.stop();
    expect((await bob.call('DELETE', '/devices/BINDFACE4/binding')).status).toBe(204);
    expect(dev.flash()?.binding).not.toBeNull();
    const back = sim('BINDFACE4');
    await until('wiped after reconnect', () => (back.flash()?.binding === null ? true : null), 15_000);
  });
});

describe('live events and webhooks', () => {
  let hooks: Server;
  const received: { body: string; signature: string }[] = [];
  let failFirst = true;

  beforeAll(async () => {
    hooks = createServer((req: IncomingMessage, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        if (failFirst) {
          failFirst = false;
          res.writeHead(500).end();
          return;
        }
        received.push({ body, signature: String(req.headers['x-hwbind-signature']) });
        res.writeHead(204).end();
      });
    });
    await new Promise<void>((r) => hooks.listen(0, '127.0.0.1', r));
  });
  afterAll(() => new Promise<void>((r) => hooks.close(() => r())));

  it('streams pending → active to the binder, and delivers a signed webhook after a failed attempt', async () => {
    const alice = ent.person('acme', 'alice');
    const url = `http://127.0.0.1:${(hooks.address() as AddressInfo).port}/hook`;
    const secret = 'webhook-secret-0123456789';
    const notAllowed = await alice.call('PUT', '/corp/settings', {
      webhook: { url, secret, allowedHosts: ['example.com'] },
    });
    expect(notAllowed.body.error?.code).toBe('webhook_host_not_allowed');
    const set = await alice.call('PUT', '/corp/settings', { webhook: { url, secret, allowedHosts: ['127.0.0.1'] } });
    expect(set.body).toMatchObject({ webhook: { url, allowedHosts: ['127.0.0.1'] } });

    const carol = ent.person('acme', 'carol');
    const abort = new AbortController();
    const res = await fetch(`${ent.gw.httpUrl}/api/v1/events`, {
      headers: { authorization: `Bearer ${carol.token}` },
      signal: abort.signal,
    });
    expect(res.headers.get('content-type')).toMatch(/text\/event-stream/);
    const reader = res.body!.getReader();
    let stream = '';
    const readUntil = async (re: RegExp) =>
      until(`event ${re}`, async () => {
        if (re.test(stream)) return true;
        const { value } = await reader.read();
        stream += new TextDecoder().decode(value);
        return re.test(stream) ? true : null;
      });
    await readUntil(/connected/);
    const dev = sim('BINDFACE5');
    await dev.online();
    expect(
      (await carol.call('POST', '/bindings', { qr: ent.dynamicQr('BINDFACE5'), usableRange: inside })).status,
    ).toBe(201);
    await readUntil(/"sn":"BINDFACE5","status":"pending"/);
    await readUntil(/"sn":"BINDFACE5","status":"active"/);
    await readUntil(/event: notification\ndata: \{[^\n]*BINDFACE5/);
    abort.abort();

    const delivered = await until(
      'the webhook delivered',
      () => received.find((r) => r.body.includes('BINDFACE5')) ?? null,
      15_000,
    );
    expect(delivered.signature).toBe(`sha256=${hmacHex(secret, delivered.body)}`);
    expect(JSON.parse(delivered.body)).toMatchObject({
      corp: 'acme',
      event: 'device_bound',
      sn: 'BINDFACE5',
      boundBy: 'carol',
    });
  });
});

describe('a device that refuses its binding', () => {
  it('ends the binding, tells the binder, and sends the device an UnbindNotice', async () => {
    const sn = 'BINDFACE6';
    const client = await connected(ent.gw.mqttUrl, { sn, secret: ent.devices.get(sn)!.secret, model: 'T1000' });
    try {
      const inbox = await subscribeOwn(client, sn);
      await publish(client, sn, 'up/hello', envelope('hello', { model: 'T1000', firmwareVersion: '1.0.0' }));
      await inbox.body('helloAck');
      const bob = ent.person('acme', 'bob');
      expect((await bob.call('POST', '/bindings', { qr: ent.dynamicQr(sn) })).status).toBe(201);
      const notice = await inbox.body('bindNotice');
      await publish(
        client,
        sn,
        'up/reply',
        envelope('error', { code: 'busy', message: 'enrolling' }, { replyTo: notice.env.id }),
      );
      const unbind = await inbox.body('unbindNotice');
      expect(unbind.env.unbindNotice?.bindingId).toBe(notice.env.bindNotice?.bindingId);
      expect((await bob.call('GET', `/devices/${sn}`)).body.error?.code).toBe('device_not_found');
      const resolved = await bob.call<{ device: { bound: boolean } }>('POST', '/bind/resolve', {
        qr: ent.dynamicQr(sn),
      });
      expect(resolved.body.device.bound).toBe(false);
    } finally {
      await client.endAsync();
    }
  });
});

describe('signing in through the login link', () => {
  it('sets an HttpOnly SameSite session cookie; pages must echo the CSRF token to change anything', async () => {
    const carol = ent.person('acme', 'carol');
    const login = await fetch(`${ent.gw.httpUrl}/login?token=${carol.token}&next=//evil.example/x`, {
      redirect: 'manual',
    });
    expect(login.status).toBe(303);
    expect(login.headers.get('location')).toBe('/hw/devices');
    const cookies = login.headers.getSetCookie();
    const session = cookies.find((c) => c.startsWith('hwbind_session='))!;
    const csrf = cookies.find((c) => c.startsWith('hwbind_csrf='))!;
    expect(session).toMatch(/HttpOnly/i);
    expect(session).toMatch(/SameSite=Lax/i);
    expect(csrf).not.toMatch(/HttpOnly/i);
    const jar = [session, csrf].map((c) => c.split(';')[0]).join('; ');
    const csrfValue = csrf.split(';')[0]!.split('=')[1]!;
    const me = await fetch(`${ent.gw.httpUrl}/api/v1/me`, { headers: { cookie: jar } });
    // Personal data is never cached, and the usual security headers are there.
    expect(me.headers.get('cache-control')).toBe('no-store');
    expect(me.headers.get('x-content-type-options')).toBe('nosniff');
    expect(me.headers.get('x-frame-options')).toBe('SAMEORIGIN');
    expect(await me.json()).toMatchObject({ userid: 'carol', corp: 'acme', role: 'member', canBindDevices: true });
    const patch = (headers: Record<string, string>) =>
      fetch(`${ent.gw.httpUrl}/api/v1/devices/BINDFACE1`, {
        method: 'PATCH',
        headers: { cookie: jar, 'content-type': 'application/json', ...headers },
        body: JSON.stringify({ name: 'Front door' }),
      });
    const forged = await patch({});
    expect(forged.status).toBe(403);
    expect(((await forged.json()) as { error: { code: string } }).error.code).toBe('forbidden');
    expect((await carol.call<{ name: string }>('GET', '/devices/BINDFACE1')).body.name).toBe('Lobby door');
    const ok = await patch({ 'x-csrf-token': csrfValue });
    expect(ok.status).toBe(200);
    expect((await carol.call<{ name: string }>('GET', '/devices/BINDFACE1')).body.name).toBe('Front door');
    const bad = await fetch(`${ent.gw.httpUrl}/login?token=not-a-token`, { redirect: 'manual' });
    expect(bad.status).toBe(401);
    expect((await fetch(`${ent.gw.httpUrl}/api/v1/me`)).status).toBe(401);
  });
});
