// A gateway with an enterprise to bind devices in: models, devices with their bundles, a directory
// (departments, people in every role, apps) and a Person API client per person.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { dynamicQrUrl, verificationCode } from '../../protocol/qr.js';
import { addModel, cli, type GatewayProcess, startGateway, tempDir } from './processes.js';

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
  devices: Map<string, DeviceFixture>;
  person(corp: string, userid: string): PersonClient;
  /** A fresh dynamic QR URL of a device, as its screen would show it. */
  dynamicQr(sn: string, opts?: { ts?: number; publicUrl?: string }): string;
  labelCode(sn: string): string;
}

/** Registers models and devices offline, imports both enterprises, and starts the gateway. */
export async function startEnterprise(sns: { face?: string[]; label?: string[] }): Promise<Enterprise> {
  const data = tempDir('hwbind-ent-');
  addModel(data, 'T1000', 'face,fingerprint,door,screen', 'Face terminal');
  addModel(data, 'R200', 'fingerprint,card,door', 'Fingerprint reader');
  const devices = new Map<string, DeviceFixture>();
  const add = (sn: string, model: string) => {
    const r = cli(['vendor', 'device', 'add', '--data', data, '--model', model, '--sn', sn]);
    if (r.code !== 0) throw new Error(`vendor device add ${sn}: ${r.stderr}`);
    const bundleFile = join(data, `${sn}.json`);
    writeFileSync(bundleFile, r.stdout);
    devices.set(sn, { sn, secret: r.json<{ secret: string }>().secret, bundleFile });
  };
  for (const sn of sns.face ?? []) add(sn, 'T1000');
  for (const sn of sns.label ?? []) add(sn, 'R200');
  for (const [name, text] of [
    ['acme.yaml', ACME],
    ['globex.yaml', OTHER],
  ] as const) {
    writeFileSync(join(data, name), text);
    const r = cli(['corp', 'import', join(data, name), '--data', data]);
    if (r.code !== 0) throw new Error(`corp import ${name}: ${r.stderr}`);
  }
  const people = new Map<string, PersonClient>();
  const ent: Enterprise = {
    gw: await startGateway({ data, args: ['--public-url', PUBLIC_URL] }),
    data,
    devices,
    person(corp, userid) {
      const key = `${corp}/${userid}`;
      let p = people.get(key);
      if (!p) {
        const r = cli(['corp', 'token', corp, userid, '--data', data, '--public-url', PUBLIC_URL]);
        if (r.code !== 0) throw new Error(`corp token ${key}: ${r.stderr}`);
        const { token, loginUrl } = r.json<{ token: string; loginUrl: string }>();
        p = {
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
        };
        people.set(key, p);
      }
      return p;
    },
    dynamicQr(sn, opts = {}) {
      return dynamicQrUrl(opts.publicUrl ?? PUBLIC_URL, sn, devices.get(sn)!.secret, { ts: opts.ts });
    },
    labelCode(sn) {
      return verificationCode(devices.get(sn)!.secret, sn);
    },
  };
  return ent;
}
