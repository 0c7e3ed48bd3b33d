// A gateway with an enterprise to bind devices in: models, devices with their bundles, a directory
// (departments, people in every role, apps) and a Person API client per person.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import { dynamicQrUrl, verificationCode } from '../../protocol/qr.js';
import { type GatewayProcess, startGateway, tempDir } from './processes.js';

/** hq ⊃ rd ⊃ fw, hq ⊃ ops. Member binding on. */
export const ACME = `
corp: {id: acme, name: Acme Corp}
memberBinding: true
departments:
  - {id: hq, name: Headquarters}
  - {id: rd, name: R&D, parent: hq}
  - {id: fw, name: Firmware, parent: rd}
  - {id: ops, name: Operations, parent: hq}
members:
  - {userid: alice, name: Alice Admin, role: super_admin, departments: [hq], visibility: {departments: [hq]}}
  - {userid: bob, name: Bob Binder, role: admin, canBindDevices: true, departments: [ops], visibility: {departments: [hq]}}
  - {userid: dave, name: Dave Viewer, role: admin, canBindDevices: false, departments: [ops], visibility: {departments: [ops]}}
  - {userid: carol, name: Carol Member, role: member, departments: [fw], visibility: {departments: [rd], users: [alice]}}
  - {userid: erin, name: Erin Member, role: member, departments: [ops], visibility: {departments: [ops]}}
apps:
  - {id: attendance, name: Attendance, admins: [carol, alice]}
  - {id: visitors, name: Visitor Access, admins: [bob]}
`;

export const OTHER = `
corp: {id: globex, name: Globex}
memberBinding: true
departments:
  - {id: g1, name: Globex HQ}
members:
  - {userid: olga, name: Olga Other, role: super_admin, departments: [g1], visibility: {departments: [g1]}}
apps: []
`;

export const PUBLIC_URL = 'https://hw.acme.test';

export interface DeviceFixture {
  sn: string;
  secret: string;
  bundleFile: string;
}

export interface ApiResult<T = Record<string, unknown>> {
  status: number;
  body: T & { error?: { code: string; message: string; details?: Record<string, unknown> } };
}

export interface PersonClient {
  token: string;
  loginUrl: string;
  call<T = Record<string, unknown>>(method: string, path: string, body?: unknown): Promise<ApiResult<T>>;
}

export interface Enterprise {
  gw: GatewayProcess;
  data: string;
  /** The admin token the gateway was started with (HWBIND_ADMIN_TOKEN): pass it again on a restart. */
  adminToken: string;
  /** Calls the admin API (throws on an error answer). */
  admin<T>(method: string, path: string, body: unknown, type?: string): Promise<T>;
  /** The public URL the gateway was started with (QR codes and login links use it). */
  publicUrl: string;
  devices: Map<string, DeviceFixture>;
  person(corp: string, userid: string): PersonClient;
  /** A fresh dynamic QR URL of a device, as its screen would show it. */
  dynamicQr(sn: string, opts?: { ts?: number; publicUrl?: string }): string;
  labelCode(sn: string): string;
  /** Stops the gateway (asserting a clean exit) and starts it again on its data, ports and admin token. */
  restart(): Promise<void>;
  /** Publishes a signed firmware image through the admin API (with release notes), failing the test unless 201. */
  publishFirmware(image: Uint8Array, notes?: string): Promise<void>;
}

/** A loopback TCP port that was free a moment ago (for a gateway whose public URL must name its port). */
export { freePort } from '../../gateway/ports.js';

export interface EnterpriseOptions {
  /** Default PUBLIC_URL; a browser test serves it for real: `http://127.0.0.1:${httpPort}`. */
  publicUrl?: string;
  /** Default an ephemeral port. */
  httpPort?: number;
  /** The T1000 vendor's Ed25519 public key (PEM), for tests that upgrade firmware; default none. */
  vendorKey?: string;
  /** More `hwbind gateway` flags (also on a restart). */
  args?: string[];
  /** A PostgreSQL URL for the gateway's store (default the embedded store in its data directory). */
  store?: string;
}

/** Starts a gateway, then registers models and devices and imports both enterprises through its admin API. */
export async function startEnterprise(
  sns: { face?: string[]; label?: string[] },
  opts: EnterpriseOptions = {},
): Promise<Enterprise> {
  const data = tempDir('hwbind-ent-');
  const adminToken = `hwa_test_${Math.random().toString(36).slice(2)}`;
  const publicUrl = opts.publicUrl ?? PUBLIC_URL;
  const gw = await startGateway({
    data,
    store: opts.store,
    args: [
      '--public-url',
      publicUrl,
      ...(opts.httpPort ? ['--http-port', String(opts.httpPort)] : []),
      ...(opts.args ?? []),
    ],
    env: { HWBIND_ADMIN_TOKEN: adminToken },
  });
  const admin = async <T>(method: string, path: string, body: unknown, type = 'application/json'): Promise<T> => {
    const res = await fetch(`${ent.gw.httpUrl}/api/v1/admin${path}`, {
      method,
      headers: { authorization: `Bearer ${adminToken}`, 'content-type': type },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
    const json = (await res.json()) as T;
    if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(json)}`);
    return json;
  };
  const devices = new Map<string, DeviceFixture>();
  const people = new Map<string, PersonClient>();
  const ent: Enterprise = {
    gw,
    data,
    adminToken,
    publicUrl,
    admin,
    devices,
    async publishFirmware(image, notes) {
      const query = notes ? `?notes=${encodeURIComponent(notes)}` : '';
      const res = await fetch(`${ent.gw.httpUrl}/api/v1/admin/firmware${query}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'application/octet-stream' },
        body: new Uint8Array(image),
      });
      expect(res.status, await res.clone().text()).toBe(201);
    },
    async restart() {
      const ports = { mqtt: new URL(ent.gw.mqttUrl).port, http: new URL(ent.gw.httpUrl).port };
      expect(await ent.gw.stop()).toBe(0);
      ent.gw = await startGateway({
        data,
        store: opts.store,
        args: ['--public-url', publicUrl, '--mqtt-port', ports.mqtt, '--http-port', ports.http, ...(opts.args ?? [])],
        env: { HWBIND_ADMIN_TOKEN: adminToken },
      });
    },
    person(corp, userid) {
      const key = `${corp}/${userid}`;
      const p = people.get(key);
      if (!p) throw new Error(`no token for ${key}: list the person in startEnterprise`);
      return p;
    },
    dynamicQr(sn, opts = {}) {
      return dynamicQrUrl(opts.publicUrl ?? publicUrl, sn, devices.get(sn)!.secret, { ts: opts.ts });
    },
    labelCode(sn) {
      return verificationCode(devices.get(sn)!.secret, sn);
    },
  };
  await admin('POST', '/models', {
    id: 'T1000',
    name: 'Face terminal',
    capabilities: 'face,fingerprint,door,screen',
    vendorKey: opts.vendorKey,
  });
  await admin('POST', '/models', { id: 'R200', name: 'Fingerprint reader', capabilities: 'fingerprint,card,door' });
  const add = async (sn: string, model: string) => {
    const bundle = await admin<{ secret: string }>('POST', '/devices', { sn, model });
    const bundleFile = join(data, `${sn}.json`);
    writeFileSync(bundleFile, JSON.stringify(bundle));
    devices.set(sn, { sn, secret: bundle.secret, bundleFile });
  };
  for (const sn of sns.face ?? []) await add(sn, 'T1000');
  for (const sn of sns.label ?? []) await add(sn, 'R200');
  for (const [corp, text] of [
    ['acme', ACME],
    ['globex', OTHER],
  ] as const) {
    await admin('PUT', `/corps/${corp}/directory`, text, 'application/yaml');
    const dir = await admin<{ members: { userid: string }[] }>('GET', `/corps/${corp}/directory`, undefined);
    for (const { userid } of dir.members) {
      const { token, loginUrl } = await admin<{ token: string; loginUrl: string }>('POST', `/corps/${corp}/tokens`, {
        userid,
      });
      people.set(`${corp}/${userid}`, {
        token,
        loginUrl,
        call: async (method, path, body) => {
          // The gateway may have been restarted (new ports) since the client was made.
          const res = await fetch(`${ent.gw.httpUrl}/api/v1${path}`, {
            method,
            headers: {
              authorization: `Bearer ${token}`,
              ...(body === undefined ? {} : { 'content-type': 'application/json' }),
            },
            body: body === undefined ? undefined : JSON.stringify(body),
          });
          const text = await res.text();
          return { status: res.status, body: text ? JSON.parse(text) : {} };
        },
      });
    }
  }
  return ent;
}
