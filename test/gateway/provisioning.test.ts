// Vendor provisioning and enterprise directories through the CLI, offline (on a data directory and on
// a PostgreSQL store) and against a running gateway; restarts keep registrations; TLS and WebSocket transports.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { bodyOf, envelope } from '../../protocol/messages.js';
import { verificationCode } from '../../protocol/qr.js';
import { deriveDeviceSecret } from '../../protocol/secrets.js';
import { runInProcess } from '../helpers/cli-in-process.js';
import { type Bundle, connected, publish, subscribeOwn } from '../helpers/devices.js';
import { addModel, cli, startGateway, tempDir } from '../helpers/processes.js';
import { pgDatabase, STORE_KINDS } from '../helpers/stores.js';
import { selfSignedCert } from '../helpers/tls.js';

/**
 * `hwbind …` in this process: what the binary runs (bin/program.ts), without a process start per
 * command (help.test.ts runs the binary itself).
 */
async function run(args: string[]) {
  const r = await runInProcess(args, { env: { CI: 'true' } });
  return { ...r, json: <T = unknown>() => JSON.parse(r.stdout) as T };
}

const CORP_YAML = `corp: {id: acme, name: Acme Ltd}
departments:
  - {id: hq, name: HQ}
  - {id: rd, name: R&D, parent: hq}
members:
  - {userid: alice, name: Alice, role: super_admin, departments: [hq]}
  - {userid: bob, name: Bob, role: admin, canBindDevices: true, departments: [hq]}
  - {userid: carol, name: Carol, role: member, departments: [rd], visibility: {departments: [rd], users: [alice]}}
apps:
  - {id: attendance, name: Attendance, admins: [carol]}
`;

describe.each(STORE_KINDS)('vendor CLI on the %s store', (kind) => {
  const data = tempDir();
  /** The store the commands work on: the data directory, or a PostgreSQL database. */
  let where: string[] = [];
  beforeAll(async () => {
    where = kind === 'sqlite' ? ['--data', data] : ['--store', await pgDatabase()];
    const added = await run([
      'vendor',
      'model',
      'add',
      ...where,
      '--id',
      'T1',
      '--name',
      'T one',
      '--capabilities',
      'face,door',
    ]);
    expect(added.code, added.stderr).toBe(0);
  });

  it('adds a device with a batch-derived secret and prints its bundle', async () => {
    const batch = await run([
      'vendor',
      'batch',
      'create',
      ...where,
      '--id',
      'B1',
      '--model',
      'T1',
      '--seed',
      'seed-0123456789abcdef',
    ]);
    expect(batch.code, batch.stderr).toBe(0);
    const r = await run([
      'vendor',
      'device',
      'add',
      ...where,
      '--sn',
      'abc123',
      '--batch',
      'B1',
      '--public-url',
      'https://hw.example.com',
    ]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.json()).toMatchObject({
      sn: 'ABC123',
      secret: deriveDeviceSecret('seed-0123456789abcdef', 'ABC123'),
      model: 'T1',
      mqttUrl: 'mqtt://hw.example.com:1883',
      publicUrl: 'https://hw.example.com',
    });
    expect((await run(['vendor', 'bundle', 'Abc123', ...where])).json<Bundle>().secret).toBe(
      deriveDeviceSecret('seed-0123456789abcdef', 'ABC123'),
    );
  });

  it('refuses a duplicate SN case-insensitively, an invalid SN and an unknown model, with clear errors', async () => {
    const dup = await run(['vendor', 'device', 'add', ...where, '--sn', 'ABC123', '--model', 'T1']);
    expect(dup.code).toBe(1);
    expect(dup.stderr).toMatch(/^hwbind: conflict: device ABC123 is already registered/);
    expect((await run(['vendor', 'device', 'add', ...where, '--sn', 'bad-sn', '--model', 'T1'])).stderr).toMatch(
      /invalid_sn/,
    );
    expect((await run(['vendor', 'device', 'add', ...where, '--sn', 'OK1', '--model', 'NOPE'])).stderr).toMatch(
      /not_found: no model NOPE/,
    );
  });

  it('imports nothing from a CSV with a bad row, naming each bad line; --skip-invalid imports the rest', async () => {
    const csv = join(data, 'devices.csv');
    writeFileSync(
      csv,
      `sn,secret\nGOOD1,secret-good-1\nbad sn,x\nGOOD2,secret-good-2\ngood1,dupdupdup\n${'Z'.repeat(129)},toolong1\n`,
    );
    const all = await run(['vendor', 'sn', 'import', csv, ...where, '--model', 'T1']);
    expect(all.code).toBe(1);
    expect(all.stderr).toContain('3 invalid row(s); nothing imported');
    expect(all.stderr).toContain('line 3: bad sn: SN must be 1-128 characters');
    expect(all.stderr).toContain('line 5: good1: duplicate of line 2');
    expect(all.stderr).toContain('line 6:');
    expect((await run(['vendor', 'bundle', 'GOOD1', ...where])).code).toBe(1);
    const some = await run(['vendor', 'sn', 'import', csv, ...where, '--model', 'T1', '--skip-invalid']);
    expect(some.code, some.stderr).toBe(0);
    expect(some.json()).toMatchObject({ imported: 2, skipped: 3 });
    expect((await run(['vendor', 'bundle', 'good2', ...where])).json<Bundle>().secret).toBe('secret-good-2');
  });

  it('names each CSV row with an unknown model, an SN already registered or a secret of the wrong length, and imports nothing', async () => {
    const added = await runInProcess(['vendor', 'device', 'add', ...where, '--sn', 'TAKEN1', '--model', 'T1']);
    expect(added.code, added.stderr).toBe(0);
    const csv = join(data, 'rows.csv');
    writeFileSync(
      csv,
      [
        'sn,secret,model',
        'ROWOK1,secret-row-ok-1,T1',
        'ROWMODEL1,secret-row-model-1,NOPE',
        'taken1,secret-taken-1,T1',
        'ROWSHORT1,1234567,T1',
        `ROWLONG1,${'s'.repeat(129)},T1`,
        'ROWOK2,12345678,T1',
        '',
      ].join('\n'),
    );
    const r = await runInProcess(['vendor', 'sn', 'import', csv, ...where]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('4 invalid row(s); nothing imported');
    expect(r.stderr).toContain('line 3: ROWMODEL1: no model NOPE');
    expect(r.stderr).toContain('line 4: taken1: already registered');
    expect(r.stderr).toContain('line 5: ROWSHORT1: a device secret must be 8-128 characters');
    expect(r.stderr).toContain('line 6: ROWLONG1: a device secret must be 8-128 characters');
    for (const sn of ['ROWOK1', 'ROWOK2'])
      expect((await runInProcess(['vendor', 'bundle', sn, ...where])).code).toBe(1);
    expect(JSON.parse((await runInProcess(['vendor', 'bundle', 'TAKEN1', ...where])).stdout)).toMatchObject({
      sn: 'TAKEN1',
      secret: (JSON.parse(added.stdout) as Bundle).secret,
    });
  });

  it('imports a directory and reports problems with line numbers, writing nothing', async () => {
    const file = join(data, 'acme.yaml');
    writeFileSync(file, CORP_YAML);
    const ok = await run(['corp', 'import', file, ...where]);
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.json()).toMatchObject({
      corp: { id: 'acme', memberBinding: false },
      departments: 2,
      members: 3,
      apps: 1,
    });
    writeFileSync(
      file,
      CORP_YAML.replace('departments: [rd], visibility', 'departments: [nowhere], visibility').replace(
        'admins: [carol]',
        'admins: [zed]',
      ),
    );
    const bad = await run(['corp', 'import', file, ...where]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('line 8: member carol: unknown department nowhere');
    expect(bad.stderr).toContain('line 10: app attendance: unknown admin zed');
    const kept = (await run(['corp', 'show', 'acme', ...where])).json<{
      members: { userid: string; departments: string[] }[];
    }>();
    expect(kept.members.find((m) => m.userid === 'carol')?.departments).toEqual(['rd']);
    expect((await run(['corp', 'set', 'acme', 'memberBinding', 'on', ...where])).json()).toMatchObject({
      memberBinding: true,
    });
    expect((await run(['corp', 'set', 'acme', 'memberBinding', 'maybe', ...where])).stderr).toMatch(/invalid_argument/);
  });

  it('prints a label QR with its verification code', async () => {
    const r = await run([
      'qr',
      'device',
      ...where,
      '--sn',
      'abc123',
      '--public-url',
      'https://hw.example.com',
      '--label',
      '--svg',
      join(data, 'l.svg'),
    ]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('https://hw.example.com/hw/bind?sn=ABC123');
    expect(r.stdout).toContain(
      `verification code: ${verificationCode(deriveDeviceSecret('seed-0123456789abcdef', 'ABC123'), 'ABC123')}`,
    );
    expect(readFileSync(join(data, 'l.svg'), 'utf8')).toMatch(/^<svg/);
  });
});

describe('a running gateway', () => {
  const data = tempDir();
  let tls: { cert: string; key: string };

  beforeAll(() => {
    tls = selfSignedCert(data);
    addModel(data, 'T1', 'face', 'T one');
  });

  it('provisions through the admin API, keeps registrations over a restart, and speaks MQTT over TLS and WebSocket', async () => {
    let gw = await startGateway({ data, args: ['--tls-cert', tls.cert, '--tls-key', tls.key] });
    const remote = ['--gateway', gw.httpUrl.replace('http:', 'https:'), '--token', gw.adminToken()];
    // The HTTPS API uses the self-signed certificate; Node trusts it through NODE_EXTRA_CA_CERTS.
    const env = { NODE_EXTRA_CA_CERTS: tls.cert };
    const csv = join(data, 'remote.csv');
    writeFileSync(csv, 'sn\nREMOTE1\nREMOTE2\n');
    const imported = cli(['vendor', 'sn', 'import', csv, '--model', 'T1', ...remote], { env });
    expect(imported.code, imported.stderr).toBe(0);
    expect(imported.json()).toMatchObject({ imported: 2, skipped: 0 });
    const bundle = cli(['vendor', 'bundle', 'remote1', ...remote], { env }).json<Bundle & { mqttUrl: string }>();
    expect(bundle.mqttUrl).toMatch(/^mqtts:\/\/localhost:\d+$/);
    expect(cli(['vendor', 'model', 'list', ...remote.slice(0, 2), '--token', 'wrong'], { env }).stderr).toMatch(
      /unauthorized/,
    );
    expect(await gw.stop()).toBe(0);

    gw = await startGateway({ data, args: ['--tls-cert', tls.cert, '--tls-key', tls.key] });
    try {
      expect(gw.mqttsUrl).toBeTruthy();
      const secure = await connected(gw.mqttsUrl!, bundle, { ca: readFileSync(tls.cert), servername: '127.0.0.1' });
      const inbox = await subscribeOwn(secure, 'REMOTE1');
      await publish(
        secure,
        'REMOTE1',
        'up/hello',
        envelope('hello', { model: 'T1', firmwareVersion: '1.0.0' }, { id: 'tls-hello' }),
      );
      expect(
        bodyOf((await inbox.waitFor((m) => m.env.replyTo === 'tls-hello')).env, 'helloAck').heartbeatIntervalS,
      ).toBe(30);
      await secure.endAsync();

      const bundle2 = cli(['vendor', 'bundle', 'REMOTE2', '--data', data]).json<Bundle>();
      const ws = await connected(gw.wsUrl.replace('ws:', 'wss:'), bundle2, {
        ca: readFileSync(tls.cert),
        rejectUnauthorized: true,
      });
      const wsInbox = await subscribeOwn(ws, 'REMOTE2');
      await publish(
        ws,
        'REMOTE2',
        'up/hello',
        envelope('hello', { model: 'T1', firmwareVersion: '1.0.0' }, { id: 'ws-hello' }),
      );
      await wsInbox.waitFor((m) => m.env.replyTo === 'ws-hello');
      await ws.endAsync();
    } finally {
      expect(await gw.stop()).toBe(0);
    }
    // A dozen CLI processes and two gateway starts: more than the default 30 s on a busy machine.
  }, 120_000);

  it('serves health, readiness, metrics and the OpenAPI document', async () => {
    const gw = await startGateway({ data: tempDir() });
    try {
      expect(await (await fetch(`${gw.httpUrl}/healthz`)).json()).toEqual({ ok: true });
      expect(await (await fetch(`${gw.httpUrl}/readyz`)).json()).toEqual({ ready: true });
      expect(await (await fetch(`${gw.httpUrl}/metrics`)).text()).toContain('hwbind_store_latency_seconds');
      const spec = (await (await fetch(`${gw.httpUrl}/docs/json`)).json()) as {
        openapi: string;
        paths: Record<string, unknown>;
      };
      expect(spec.openapi).toMatch(/^3\./);
      expect(Object.keys(spec.paths)).toEqual(
        expect.arrayContaining(['/api/v1/admin/devices', '/api/v1/admin/corps/{id}/directory']),
      );
      const page = await fetch(`${gw.httpUrl}/docs/`);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('swagger');
      const missing = await fetch(`${gw.httpUrl}/api/v1/nothing`);
      expect(missing.status).toBe(404);
      expect(((await missing.json()) as { error: { code: string } }).error.code).toBe('not_found');
      const noToken = await fetch(`${gw.httpUrl}/api/v1/admin/devices`);
      expect(noToken.status).toBe(401);
      expect(((await noToken.json()) as { error: { code: string } }).error.code).toBe('unauthorized');
    } finally {
      await gw.stop();
    }
  });

  it('says clearly when a port is taken', async () => {
    const gw = await startGateway({ data: tempDir() });
    try {
      const port = new URL(gw.httpUrl).port;
      const r = cli(['gateway', '--data', tempDir(), '--host', '127.0.0.1', '--mqtt-port', '0', '--http-port', port]);
      expect(r.code).toBe(1);
      expect(r.stderr.trim().split('\n').at(-1)).toBe(
        `hwbind: conflict: HTTP port ${port} is already in use: stop the other process or choose another with --http-port`,
      );
    } finally {
      await gw.stop();
    }
  });
});
