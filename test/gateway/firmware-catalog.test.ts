// The firmware catalog: what it accepts (signed by the model's vendor key, for a registered model, a
// valid version) and refuses without keeping anything, content-addressed image files, re-publishing,
// retiring; the CLI offline on a data directory and through a running gateway's admin API.
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../../gateway/gateway.js';
import { FirmwareCatalog } from '../../gateway/ota/catalog.js';
import type { Store } from '../../gateway/store/types.js';
import { ManualClock } from '../../protocol/clock.js';
import { type ErrorCode, isHwbindError } from '../../protocol/errors.js';
import { buildFirmwareImage, generateVendorKeys, sha256 } from '../../protocol/firmware.js';
import { runInProcess } from '../helpers/cli-in-process.js';
import { type GatewayProcess, startGateway, tempDir } from '../helpers/processes.js';

const vendor = generateVendorKeys();
const stranger = generateVendorKeys();
const payload = Buffer.alloc(5000, 0x5a);
const image = (version: string, key = vendor.privateKeyPem, model = 'T1000') =>
  buildFirmwareImage({ model, version, payload, buildTime: 1_764_000_000 }, key);

async function refusal(work: Promise<unknown>): Promise<ErrorCode> {
  try {
    await work;
  } catch (err) {
    if (isHwbindError(err)) return err.code;
    throw err;
  }
  throw new Error('expected a refusal');
}

describe('the catalog', () => {
  const data = tempDir('hwbind-catalog-');
  const clock = new ManualClock(1_764_000_000_000);
  let store: Store;
  let catalog: FirmwareCatalog;
  const files = () => (existsSync(join(data, 'firmware')) ? readdirSync(join(data, 'firmware')) : []);

  beforeAll(async () => {
    store = await openStore(data);
    const model = { name: 'Face terminal', vendor: 'acme-hw', capabilities: [], createdAt: clock.now() } as const;
    await store.addModel({ id: 'T1000', ...model, capabilities: ['face'], vendorKey: vendor.publicKeyHex });
    await store.addModel({ id: 'NOKEY', ...model, capabilities: ['face'], vendorKey: null });
    catalog = new FirmwareCatalog(store, data, clock);
  });
  afterAll(() => store.close());

  it('refuses, keeping nothing: another key, another model, an unknown model, a model without key, a bad version, a truncated image, long notes', async () => {
    const badVersion = Buffer.from(image('1.2.0'));
    badVersion.write('v1.2\0', 48, 'utf8');
    const cases: [string, Promise<unknown>, ErrorCode][] = [
      ['signed by another key', catalog.publish(image('1.2.0', stranger.privateKeyPem)), 'fw_bad_signature'],
      ['for another model than asked', catalog.publish(image('1.2.0'), { model: 'NOKEY' }), 'fw_wrong_model'],
      ['for an unregistered model', catalog.publish(image('1.2.0', vendor.privateKeyPem, 'X9')), 'not_found'],
      [
        'for a model without a vendor key',
        catalog.publish(image('1.2.0', vendor.privateKeyPem, 'NOKEY')),
        'invalid_key',
      ],
      ['with an invalid version', catalog.publish(badVersion), 'fw_bad_version'],
      ['truncated', catalog.publish(image('1.2.0').subarray(0, 300)), 'fw_truncated'],
      ['with overlong notes', catalog.publish(image('1.2.0'), { releaseNotes: 'x'.repeat(4001) }), 'invalid_argument'],
    ];
    for (const [what, work, code] of cases) expect(await refusal(work), what).toBe(code);
    expect(await store.listFirmware()).toEqual([]);
    expect(files()).toEqual([]);
  });

  it('accepts a signed image: a row with its size and hashes, the file named by its SHA-256', async () => {
    const img = image('1.2.0');
    const release = await catalog.publish(img, { model: 'T1000', releaseNotes: '  Faster matching  ' });
    expect(release).toEqual({
      modelId: 'T1000',
      version: '1.2.0',
      size: img.length,
      sha256: sha256(img).toString('hex'),
      payloadSha256: sha256(payload).toString('hex'),
      test: false,
      buildTime: 1_764_000_000,
      releaseNotes: 'Faster matching',
      publishedAt: clock.now(),
      retiredAt: null,
    });
    expect(readFileSync(catalog.path(release.sha256))).toEqual(img);
    expect(files()).toEqual([`${release.sha256}.hwfw`]);
  });

  it('publishing the same image again answers it; another image under that version is a conflict', async () => {
    const again = await catalog.publish(image('1.2.0'), { releaseNotes: 'other notes' });
    expect(again.releaseNotes).toBe('Faster matching');
    const rebuilt = buildFirmwareImage(
      { model: 'T1000', version: '1.2.0', payload: Buffer.alloc(10) },
      vendor.privateKeyPem,
    );
    expect(await refusal(catalog.publish(rebuilt))).toBe('conflict');
    expect((await catalog.get('T1000', '1.2.0')).sha256).toBe(again.sha256);
    expect(files()).toHaveLength(1);
  });

  it('lists newest version first; a retired version is listed only when asked and offered to nobody', async () => {
    await catalog.publish(image('1.10.0'));
    await catalog.publish(image('1.3.0-rc.1'));
    expect((await catalog.list()).map((r) => r.version)).toEqual(['1.10.0', '1.3.0-rc.1', '1.2.0']);
    clock.advance(1000);
    const retired = await catalog.retire('T1000', '1.10.0');
    expect(retired.retiredAt).toBe(clock.now());
    expect((await catalog.retire('T1000', '1.10.0')).retiredAt).toBe(retired.retiredAt);
    expect((await catalog.list()).map((r) => r.version)).toEqual(['1.3.0-rc.1', '1.2.0']);
    expect((await catalog.list({ retired: true })).map((r) => r.version)).toEqual(['1.10.0', '1.3.0-rc.1', '1.2.0']);
    expect(await refusal(catalog.offerable('acme', 'T1000', '1.10.0'))).toBe('not_found');
    expect(await refusal(catalog.retire('T1000', '9.9.9'))).toBe('not_found');
  });

  it('an enterprise retires a version for its own devices only', async () => {
    await catalog.retireForCorp('acme', 'T1000', '1.3.0-rc.1', true, 'alice');
    expect(await refusal(catalog.offerable('acme', 'T1000', '1.3.0-rc.1'))).toBe('not_found');
    expect((await catalog.offerable('globex', 'T1000', '1.3.0-rc.1')).version).toBe('1.3.0-rc.1');
    expect((await catalog.available('acme', 'T1000', '1.2.0')).map((v) => v.version)).toEqual([]);
    expect(await catalog.available('globex', 'T1000', '1.2.0')).toMatchObject([{ version: '1.3.0-rc.1', newer: true }]);
    expect(await catalog.available('globex', 'T1000', '2.0.0')).toMatchObject([
      { version: '1.3.0-rc.1', newer: false },
      { version: '1.2.0', newer: false },
    ]);
    await catalog.retireForCorp('acme', 'T1000', '1.3.0-rc.1', false, 'alice');
    expect((await catalog.offerable('acme', 'T1000', '1.3.0-rc.1')).version).toBe('1.3.0-rc.1');
  });
});

describe('hwbind firmware publish | list | retire', () => {
  const dir = tempDir('hwbind-catalog-cli-');
  const data = join(dir, 'data');
  let gw: GatewayProcess;
  let remote: string[];
  /** `hwbind …` in this process; `json()` parses what it printed. */
  const hw = async (args: string[]) => {
    const r = await runInProcess(args);
    return { ...r, json: <T = Record<string, unknown>>() => JSON.parse(r.stdout) as T };
  };
  const file = (name: string, bytes: Uint8Array) => {
    writeFileSync(join(dir, name), bytes);
    return join(dir, name);
  };

  beforeAll(async () => {
    writeFileSync(join(dir, 'vendor.pub'), vendor.publicKeyPem);
    const add = await hw([
      ...['vendor', 'model', 'add', '--data', data, '--id', 'T1000', '--name', 'Face terminal'],
      ...['--capabilities', 'face,door', '--vendor-key', join(dir, 'vendor.pub')],
    ]);
    expect(add.code, add.stderr).toBe(0);
    gw = await startGateway({ data });
    remote = ['--gateway', gw.httpUrl, '--token', gw.adminToken()];
  });
  afterAll(() => gw?.stop());

  it('publishes offline and through the gateway; both read the same catalog', async () => {
    writeFileSync(join(dir, 'notes.txt'), 'Door relay fix\n');
    const offline = await hw([
      'firmware',
      'publish',
      file('a.hwfw', image('2.0.0')),
      '--data',
      data,
      '--notes-file',
      join(dir, 'notes.txt'),
    ]);
    expect(offline.code, offline.stderr).toBe(0);
    expect(offline.json()).toMatchObject({ modelId: 'T1000', version: '2.0.0', releaseNotes: 'Door relay fix' });
    const pushed = await hw(['firmware', 'publish', file('b.hwfw', image('2.1.0')), ...remote, '--model', 'T1000']);
    expect(pushed.code, pushed.stderr).toBe(0);
    expect(pushed.json()).toMatchObject({ version: '2.1.0', sha256: sha256(image('2.1.0')).toString('hex') });
    expect(readFileSync(join(data, 'firmware', `${pushed.json<{ sha256: string }>().sha256}.hwfw`))).toEqual(
      image('2.1.0'),
    );
    const listed = await hw(['firmware', 'list', ...remote, '--json']);
    expect(listed.json<{ version: string }[]>().map((r) => r.version)).toEqual(['2.1.0', '2.0.0']);
    const table = await hw(['firmware', 'list', '--data', data]);
    expect(table.stdout).toMatch(/^T1000\s+2\.1\.0\s/m);
    expect(table.stdout).toMatch(/2 versions$/m);
  });

  it('a refused image is one line with its code, through the gateway too, and changes nothing', async () => {
    const forged = await hw(['firmware', 'publish', file('c.hwfw', image('3.0.0', stranger.privateKeyPem)), ...remote]);
    expect(forged.code).toBe(1);
    expect(forged.stderr).toMatch(/^hwbind: fw_bad_signature: /);
    const offline = await hw(['firmware', 'publish', join(dir, 'c.hwfw'), '--data', data]);
    expect(offline.stderr).toMatch(/^hwbind: fw_bad_signature: /);
    expect((await hw(['firmware', 'list', ...remote, '--json'])).json<unknown[]>()).toHaveLength(2);
  });

  it('the admin API takes the raw image and needs the admin token', async () => {
    const post = (token: string) =>
      fetch(`${gw.httpUrl}/api/v1/admin/firmware?notes=${encodeURIComponent('Raw upload')}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/octet-stream' },
        body: new Uint8Array(image('2.2.0')),
      });
    expect((await post('wrong')).status).toBe(401);
    const res = await post(remote[3]!);
    expect(res.status).toBe(201);
    expect(await res.json()).toMatchObject({ firmware: { version: '2.2.0', releaseNotes: 'Raw upload' } });
  });

  it('retires offline or through the gateway; retired versions are listed with --retired', async () => {
    const retired = await hw(['firmware', 'retire', 'T1000', '2.0.0', ...remote]);
    expect(retired.code, retired.stderr).toBe(0);
    expect(retired.json<{ retiredAt: number }>().retiredAt).toEqual(expect.any(Number));
    const offered = (await hw(['firmware', 'list', '--data', data, '--json'])).json<{ version: string }[]>();
    expect(offered.map((r) => r.version)).toEqual(['2.2.0', '2.1.0']);
    const all = (await hw(['firmware', 'list', '--data', data, '--retired', '--json'])).json<{ version: string }[]>();
    expect(all.map((r) => r.version)).toEqual(['2.2.0', '2.1.0', '2.0.0']);
    const unknown = await hw(['firmware', 'retire', 'T1000', '9.0.0', '--data', data]);
    expect(unknown.stderr).toMatch(/^hwbind: not_found: /);
  });
});
