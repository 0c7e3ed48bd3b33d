// The device registry from the command line: `hwbind device list|show` on a data directory (or the
// gateway's PostgreSQL store) and through a running gateway; offline bundles carry the endpoints the directory's gateway recorded
// (or say that theirs are defaults); every admin route describes its answer in the OpenAPI document.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DeviceEndpoints, defaultsNotice, offlineEndpoints } from '../../gateway/provisioning/endpoints.js';
import type { AdminDevice } from '../../gateway/provisioning/registry.js';
import { API } from '../../protocol/api.js';
import type { ProvisioningBundle } from '../../protocol/bundle.js';
import { envelope } from '../../protocol/messages.js';
import { runInProcess } from '../helpers/cli-in-process.js';
import { connected, publish, subscribeOwn } from '../helpers/devices.js';
import { type Enterprise, PUBLIC_URL, startEnterprise } from '../helpers/enterprise.js';
import { tempDir } from '../helpers/processes.js';
import { pgDatabase, STORE_KINDS } from '../helpers/stores.js';
import { until } from '../helpers/until.js';

describe('the URLs of an offline bundle', () => {
  const defaults = { defaultPublicUrl: 'http://localhost:8080', mqttPort: 1883 };
  const recorded: DeviceEndpoints = { mqttUrl: 'mqtts://hw.acme.test:8883', publicUrl: 'https://hw.acme.test' };

  it.each([
    ['nothing given or recorded', {}, null, 'mqtt://localhost:1883', 'http://localhost:8080', ['publicUrl', 'mqttUrl']],
    ['recorded by the gateway', {}, recorded, 'mqtts://hw.acme.test:8883', 'https://hw.acme.test', []],
    [
      'a public URL of the recorded host',
      { publicUrl: 'https://hw.acme.test/x' },
      recorded,
      'mqtts://hw.acme.test:8883',
      'https://hw.acme.test/x',
      [],
    ],
    [
      'a public URL of another host',
      { publicUrl: 'https://b.test' },
      recorded,
      'mqtt://b.test:1883',
      'https://b.test',
      ['mqttUrl'],
    ],
    [
      'both given',
      { publicUrl: 'https://b.test', mqttUrl: 'mqtt://m.test:1' },
      null,
      'mqtt://m.test:1',
      'https://b.test',
      [],
    ],
    [
      'only the MQTT URL given',
      { mqttUrl: 'mqtt://m.test:1' },
      null,
      'mqtt://m.test:1',
      'http://localhost:8080',
      ['publicUrl'],
    ],
  ] as const)('%s', (_, given, rec, mqttUrl, publicUrl, defaulted) => {
    const r = offlineEndpoints({ ...defaults, ...given }, rec);
    expect(r.endpoints).toEqual({ mqttUrl, publicUrl });
    expect(r.defaults).toEqual(defaulted);
  });

  it('says which URLs are defaults, why, and how to set them; a login link cares only for the public URL', () => {
    const none = offlineEndpoints(defaults, null);
    expect(defaultsNotice(none, 'bundle', './data')).toBe(
      "the bundle's public URL http://localhost:8080 and MQTT URL mqtt://localhost:1883 are defaults: no gateway has recorded its own in ./data (a gateway records them when it starts). Set them with --public-url (or HWBIND_PUBLIC_URL) and --mqtt-url.",
    );
    const elsewhere = offlineEndpoints({ ...defaults, publicUrl: 'https://b.test' }, recorded);
    expect(defaultsNotice(elsewhere, 'bundle', './data')).toContain(
      "MQTT URL mqtt://b.test:1883 is a default: the broker mqtts://hw.acme.test:8883 that ./data's gateway recorded is for its public URL https://hw.acme.test. Set it with --mqtt-url.",
    );
    expect(defaultsNotice(elsewhere, 'login link', './data')).toBeNull();
    expect(defaultsNotice(offlineEndpoints(defaults, recorded), 'bundle', './data')).toBeNull();
  });
});

describe.each(STORE_KINDS)("a gateway's %s store, offline and through the gateway", (kind) => {
  let ent: Enterprise;
  let remote: string[];
  /** Where offline commands find the gateway's store. */
  let local: string[];
  /** A store no gateway has run on. */
  const fresh = async () => (kind === 'sqlite' ? ['--data', tempDir()] : ['--store', await pgDatabase()]);
  const hwbind = async (...args: string[]) => {
    const r = await runInProcess(args);
    return { ...r, json: <T>() => JSON.parse(r.stdout) as T };
  };

  beforeAll(async () => {
    const store = kind === 'postgres' ? await pgDatabase() : undefined;
    ent = await startEnterprise({ face: ['DEVA0001', 'DEVA0002'], label: ['DEVB0001'] }, { store });
    remote = ['--gateway', ent.gw.httpUrl, '--token', ent.adminToken];
    local = store ? ['--store', store] : ['--data', ent.data];
  });
  afterAll(() => ent?.gw.stop());

  it('provisions offline with the endpoints its gateway recorded; other URLs are said to be defaults', async () => {
    const gatewayMqtt = `mqtt://hw.acme.test:${new URL(ent.gw.mqttUrl).port}`;
    const added = await hwbind('vendor', 'device', 'add', ...local, '--model', 'T1000', '--sn', 'DEVC0001');
    expect(added.code, added.stderr).toBe(0);
    expect(added.stderr).toBe('');
    expect(added.json<ProvisioningBundle>()).toMatchObject({ mqttUrl: gatewayMqtt, publicUrl: PUBLIC_URL });
    // What the gateway itself answers for the same device.
    const served = await hwbind('vendor', 'bundle', 'DEVC0001', ...remote);
    expect(served.json()).toEqual(added.json());

    const moved = await hwbind('vendor', 'bundle', 'DEVA0001', ...local, '--public-url', 'https://b.test');
    expect(moved.code).toBe(0);
    expect(moved.json<ProvisioningBundle>()).toMatchObject({
      mqttUrl: 'mqtt://b.test:1883',
      publicUrl: 'https://b.test',
    });
    expect(moved.stderr).toMatch(
      /^hwbind: note: the bundle's MQTT URL mqtt:\/\/b\.test:1883 is a default: .* --mqtt-url\.\n$/,
    );
    const told = await hwbind(
      'vendor',
      'bundle',
      'DEVA0001',
      ...local,
      '--public-url',
      'https://b.test',
      '--mqtt-url',
      'mqtts://b.test:8883',
    );
    expect(told.json<ProvisioningBundle>().mqttUrl).toBe('mqtts://b.test:8883');
    expect(told.stderr).toBe('');
  });

  it('still writes a bundle where no gateway has run, and says on stderr that its URLs are defaults', async () => {
    const where = await fresh();
    expect(
      (await hwbind('vendor', 'model', 'add', ...where, '--id', 'T1', '--name', 'T', '--capabilities', 'face')).code,
    ).toBe(0);
    const r = await hwbind('vendor', 'device', 'add', ...where, '--model', 'T1', '--sn', 'NEW1');
    expect(r.code).toBe(0);
    expect(r.json<ProvisioningBundle>()).toMatchObject({
      sn: 'NEW1',
      mqttUrl: 'mqtt://localhost:1883',
      publicUrl: 'http://localhost:8080',
    });
    expect(r.stderr).toContain('are defaults: no gateway has recorded its own in');
    expect(r.stderr).toContain('Set them with --public-url (or HWBIND_PUBLIC_URL) and --mqtt-url.');
  });

  it('lists devices with presence, firmware and binding, and shows one, the same offline and remotely', async () => {
    const device = await connected(ent.gw.mqttUrl, {
      sn: 'DEVA0001',
      secret: ent.devices.get('DEVA0001')!.secret,
      model: 'T1000',
    });
    try {
      const inbox = await subscribeOwn(device, 'DEVA0001');
      await publish(
        device,
        'DEVA0001',
        'up/hello',
        envelope('hello', { model: 'T1000', firmwareVersion: '2.1.0' }, { id: 'h1' }),
      );
      await inbox.waitFor((m) => m.env.replyTo === 'h1');
      const bound = await ent.person('acme', 'bob').call('POST', '/bindings', { qr: ent.dynamicQr('DEVA0002') });
      expect(bound.status, JSON.stringify(bound.body)).toBe(201);

      // The gateway stores what a hello reports within a second of its HelloAck.
      const offline = await until('the hello stored', async () => {
        const list = (await hwbind('device', 'list', ...local, '--json')).json<AdminDevice[]>();
        return list.find((d) => d.sn === 'DEVA0001')?.firmwareVersion === '2.1.0' ? list : null;
      });
      expect(offline.map((d) => d.sn)).toEqual(['DEVA0001', 'DEVA0002', 'DEVB0001', 'DEVC0001']);
      expect(offline[0]).toMatchObject({ modelId: 'T1000', online: true, binding: null });
      expect(offline[0]).not.toHaveProperty('secret');
      expect(offline[1]!.binding).toMatchObject({ corp: 'acme', status: 'pending', boundBy: 'bob', activatedAt: null });
      expect((await hwbind('device', 'list', ...remote, '--json')).json()).toEqual(offline);

      const table = (await hwbind('device', 'list', ...local)).stdout.split('\n');
      expect(table[0]).toMatch(/^SN\s+MODEL\s+ONLINE\s+LAST SEEN\s+FIRMWARE\s+REMARK\s+BOUND$/);
      expect(table[1]).toMatch(/^DEVA0001\s+T1000\s+yes\s+\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ\s+2\.1\.0\s+-\s+no$/);
      expect(table[2]).toMatch(/^DEVA0002\s+T1000\s+no\s+-\s+-\s+-\s+acme \(pending\)$/);
      expect(table.at(-2)).toBe('4 devices, 1 online');

      for (const target of [local, remote]) {
        const online = (await hwbind('device', 'list', ...target, '--online', '--json')).json<AdminDevice[]>();
        expect(online.map((d) => d.sn)).toEqual(['DEVA0001']);
        const r200 = (await hwbind('device', 'list', ...target, '--model', 'R200', '--json')).json<AdminDevice[]>();
        expect(r200.map((d) => d.sn)).toEqual(['DEVB0001']);
        expect((await hwbind('device', 'show', 'deva0002', ...target)).json()).toEqual(offline[1]);
        const missing = await hwbind('device', 'show', 'NOSUCH1', ...target);
        expect(missing.code).toBe(1);
        expect(missing.stderr).toBe('hwbind: device_not_found: no device NOSUCH1\n');
      }
    } finally {
      await device.endAsync();
    }
  });

  it('describes the answer of every admin route in the OpenAPI document', async () => {
    const spec = (await (await fetch(`${ent.gw.httpUrl}/docs/json`)).json()) as {
      paths: Record<
        string,
        Record<string, { responses: Record<string, { content?: Record<string, { schema: { type?: string } }> }> }>
      >;
    };
    const declared = Object.values(API).filter((e) => e.name.startsWith('admin.'));
    const served = Object.entries(spec.paths).flatMap(([path, ops]) =>
      path.startsWith('/api/v1/admin/') ? Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`) : [],
    );
    const openApiPath = (path: string) => path.replace(/:(\w+)/g, '{$1}');
    expect(served.sort()).toEqual(declared.map((e) => `${e.method} ${openApiPath(e.path)}`).sort());
    for (const e of declared) {
      const answers = spec.paths[openApiPath(e.path)]![e.method.toLowerCase()]!.responses;
      const success = answers[String('status' in e ? e.status : 200)];
      expect(success?.content?.['application/json']?.schema.type, e.name).toBe('object');
    }
  });
});
