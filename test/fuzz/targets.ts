// What the fuzzer feeds, and to what: every parser the gateway runs on untrusted input, called the
// way the gateway calls it. A target returns normally or throws an HwbindError (a refusal with a
// stable code); anything else it throws is a crash. The router and HTTP targets run against a real
// in-process gateway (its own data directory, loopback ports) so the handlers behind the decoders
// are fuzzed too.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { resolveConfig } from '../../gateway/config.js';
import { parseDirectory } from '../../gateway/corp/directory.js';
import { Gateway } from '../../gateway/gateway.js';
import { Provisioning } from '../../gateway/provisioning/provisioning.js';
import { SqliteStore } from '../../gateway/store/sqlite.js';
import { API, type Endpoint } from '../../protocol/api.js';
import { isHwbindError } from '../../protocol/errors.js';
import { verifyFirmwareImage } from '../../protocol/firmware.js';
import { decodeFrame, encodeFrame, FrameDecoder } from '../../protocol/frame.js';
import { type BodyCase, decodeEnvelope, type EnvelopeInit, encodeEnvelope, envelope } from '../../protocol/messages.js';
import { verificationCode } from '../../protocol/qr.js';
import {
  checkBodyForTopic,
  MAX_UP_PAYLOAD,
  parseTopic,
  TOPICS,
  type TopicName,
  topicFor,
} from '../../protocol/topics.js';

export interface FuzzTarget<C = unknown> {
  name: string;
  /** Share of a full run's inputs. */
  weight: number;
  /** Mutated as text (UTF-8) rather than as bytes. */
  text: boolean;
  maxLength: number;
  setUp(): Promise<C>;
  seeds(context: C): Uint8Array[];
  run(context: C, input: Uint8Array): unknown;
  tearDown?(context: C): Promise<void>;
}

/** Refusals are the expected answer to bad input; everything else propagates as a crash. */
function refusalOk(err: unknown): void {
  if (!isHwbindError(err)) throw err;
}

const vectors = (file: string) =>
  JSON.parse(readFileSync(new URL(`../../protocol/vectors/${file}`, import.meta.url), 'utf8')) as Record<
    string,
    unknown
  >[];

const SN = 'FUZZ0001';
const UP_TOPICS = (Object.keys(TOPICS) as TopicName[]).filter((t) => TOPICS[t].direction === 'up');

/** A realistic envelope of every body a device sends. */
function upEnvelopes(): Uint8Array[] {
  const bodies: EnvelopeInit[] = [
    envelope('hello', {
      model: 'FZ1',
      firmwareVersion: '1.2.3',
      capabilities: [1, 2, 3, 4],
      slots: [{ index: 0, version: '1.2.3', state: 1, active: true }],
    }),
    envelope('heartbeat', { uptimeS: 42, pendingRecords: 3 }),
    envelope('ack', {}, { replyTo: 'abcdef' }),
    envelope('error', { code: 'device_busy', message: 'busy' }, { replyTo: 'abcdef' }),
    envelope('recordBatch', {
      records: [
        { seq: 1, userid: 'alice', timeMs: Date.now(), direction: 1, method: 1 },
        { seq: 2, userid: 'nobody', timeMs: Date.now(), direction: 2, method: 4 },
      ],
    }),
    envelope('enrollmentProgress', { operationId: 'op1', percent: 30, samplesTaken: 1, hint: 'press again' }),
    envelope('enrollmentResult', {
      operationId: 'op1',
      status: 1,
      template: {
        userid: 'mia',
        kind: 2,
        index: 1,
        algorithm: 'fp-v1',
        data: new Uint8Array(64),
        sha256: new Uint8Array(32),
      },
    }),
    envelope('doorResult', { operationId: 'op2', opened: true }),
    envelope('directoryRequest', { haveVersion: 3 }),
    envelope('firmwareChunkRequest', { jobId: 'job3', offset: 0, length: 16384 }),
    envelope('firmwareProgress', { jobId: 'job3', state: 1, bytesDone: 100, percent: 50 }),
    envelope('firmwareResult', { jobId: 'job3', outcome: 1, version: '1.2.4' }),
  ];
  return bodies.map((b) => encodeEnvelope(b));
}

const ADMIN_TOKEN = 'fuzz-admin-token-0123456789';
const CORP_YAML = `
corp: {id: fz, name: Fuzz Corp}
memberBinding: true
departments:
  - {id: hq, name: HQ}
  - {id: ops, name: Operations, parent: hq}
members:
  - {userid: alice, name: Alice, role: super_admin, departments: [hq], visibility: {departments: [hq]}}
  - {userid: mia, name: Mia, role: member, departments: [ops], visibility: {departments: [ops]}}
apps:
  - {id: attendance, name: Attendance, admins: [alice]}
`;

interface GatewayContext {
  gw: Gateway;
  dir: string;
  person: string;
}

/** A gateway with one enterprise and one device bound and active (its hardware functions are live). */
async function startFuzzGateway(): Promise<GatewayContext> {
  const dir = mkdtempSync(join(tmpdir(), 'hwbind-fuzz-'));
  const config = resolveConfig(
    {
      data: dir,
      host: '127.0.0.1',
      mqttPort: 0,
      mqttTlsPort: 0,
      httpPort: 0,
      logLevel: 'silent',
      adminToken: ADMIN_TOKEN,
      publicUrl: 'https://hw.fuzz.test',
    },
    {},
  );
  const gw = await Gateway.start(config);
  const call = async (method: string, url: string, body: unknown, token = ADMIN_TOKEN, type = 'application/json') => {
    const res = await gw.http.inject({
      method: method as 'POST',
      url,
      headers: { authorization: `Bearer ${token}`, 'content-type': type },
      payload: typeof body === 'string' ? body : JSON.stringify(body),
    });
    if (res.statusCode >= 300) throw new Error(`fuzz set-up: ${method} ${url}: ${res.statusCode} ${res.body}`);
    return res.json() as Record<string, unknown>;
  };
  const secret = 'fuzz-device-secret-0001';
  await call('POST', '/api/v1/admin/models', {
    id: 'FZ1',
    name: 'Fuzz',
    capabilities: ['face', 'fingerprint', 'door'],
  });
  await call('POST', '/api/v1/admin/devices', { sn: SN, model: 'FZ1', secret });
  await call('PUT', '/api/v1/admin/corps/fz/directory', CORP_YAML, ADMIN_TOKEN, 'application/yaml');
  const { token } = (await call('POST', '/api/v1/admin/corps/fz/tokens', { userid: 'alice' })) as { token: string };
  await call(
    'POST',
    '/api/v1/bindings',
    { sn: SN, verifyCode: verificationCode(secret, SN), usableRange: { departments: ['hq'], users: [] }, apps: [] },
    token,
  );
  // The device acknowledges its BindNotice: the binding becomes active.
  const notice = (await gw.store.listOutbox(SN)).find((e) => e.purpose === 'bind');
  if (!notice) throw new Error('fuzz set-up: no BindNotice in the outbox');
  await gw.router.dispatch(
    SN,
    parseTopic(topicFor(SN, 'up/reply'))!,
    Buffer.from(encodeEnvelope(envelope('ack', {}, { replyTo: notice.id }))),
  );
  return { gw, dir, person: token };
}

async function stopFuzzGateway(c: GatewayContext): Promise<void> {
  await c.gw.stop();
  rmSync(c.dir, { recursive: true, force: true });
}

const envelopeDecoding: FuzzTarget<null> = {
  name: 'envelope',
  weight: 30,
  text: false,
  maxLength: 4096,
  setUp: async () => null,
  seeds: () => upEnvelopes(),
  run(_c, input) {
    try {
      const env = decodeEnvelope(input, MAX_UP_PAYLOAD);
      for (const topic of UP_TOPICS) {
        try {
          checkBodyForTopic(topic, env.body as BodyCase);
        } catch (err) {
          refusalOk(err);
        }
      }
      // What a handler reads of it must be readable: re-encoding walks every field.
      encodeEnvelope(env);
    } catch (err) {
      refusalOk(err);
    }
  },
};

/** Up messages through the gateway's router and handlers, as from the bound device. */
const deviceMessages: FuzzTarget<GatewayContext> = {
  name: 'router',
  weight: 10,
  text: false,
  maxLength: 4096,
  setUp: startFuzzGateway,
  seeds: () => upEnvelopes(),
  async run(c, input) {
    const topic = parseTopic(topicFor(SN, UP_TOPICS[input.length % UP_TOPICS.length]!))!;
    // The router answers bad input with an ErrorReply itself; it rejects only when processing failed.
    await c.gw.router.dispatch(SN, topic, Buffer.from(input));
  },
  tearDown: stopFuzzGateway,
};

const frames: FuzzTarget<null> = {
  name: 'frame',
  weight: 25,
  text: false,
  maxLength: 2048,
  setUp: async () => null,
  seeds: () => vectors('frame.json').map((v) => Buffer.from(String(v.frameHex), 'hex')),
  run(_c, input) {
    try {
      decodeFrame(input.subarray(0, Math.max(0, input.length - 1)));
    } catch (err) {
      refusalOk(err);
    }
    // As a stream in uneven pieces, followed by a good frame: that one must come out whole.
    const decoder = new FrameDecoder();
    for (let at = 0; at < input.length; at += 1 + (input[at]! % 37))
      decoder.push(input.subarray(at, at + 1 + (input[at]! % 37)));
    const marker = Buffer.from('resync marker');
    const out = decoder.push(Buffer.concat([Buffer.from([0]), encodeFrame(marker)]));
    if (!out.at(-1)?.equals(marker)) throw new Error('the frame decoder did not resynchronise after garbage');
  },
};

const firmwareImages: FuzzTarget<{ key: string; model: string }> = {
  name: 'firmware',
  weight: 10,
  text: false,
  maxLength: 8192,
  setUp: async () => {
    const good = vectors('firmware.json').find((v) => v.valid === true)!;
    return { key: String(good.publicKey), model: String(good.model) };
  },
  seeds: () => vectors('firmware.json').map((v) => Buffer.from(String(v.imageHex), 'hex')),
  run(c, input) {
    try {
      verifyFirmwareImage(input, { publicKey: c.key, model: c.model });
    } catch (err) {
      refusalOk(err);
    }
  },
};

const directories: FuzzTarget<null> = {
  name: 'directory',
  weight: 10,
  text: true,
  maxLength: 8192,
  setUp: async () => null,
  seeds: () => {
    const json = JSON.stringify({
      corp: { id: 'fz', name: 'Fuzz' },
      departments: [{ id: 'hq', name: 'HQ' }],
      members: [{ userid: 'a', name: 'A', role: 'member', departments: ['hq'], visibility: { departments: ['hq'] } }],
      apps: [],
    });
    return [CORP_YAML, json, 'corp: &c {id: x, name: y}\ndepartments: [*c]\n'].map((t) => new TextEncoder().encode(t));
  },
  run(_c, input) {
    try {
      parseDirectory(new TextDecoder().decode(input));
    } catch (err) {
      refusalOk(err);
    }
  },
};

const snCsv: FuzzTarget<{ store: SqliteStore; provisioning: Provisioning }> = {
  name: 'csv',
  weight: 5,
  text: true,
  maxLength: 4096,
  setUp: async () => {
    const store = new SqliteStore(':memory:');
    await store.migrate();
    const provisioning = new Provisioning(store, { now: () => Date.now() });
    await provisioning.addModel({ id: 'FZ1', name: 'Fuzz', capabilities: 'face' });
    return { store, provisioning };
  },
  seeds: () =>
    [
      'sn,secret\nCSV0001,0123456789abcdef0123456789abcdef\nCSV0002,\n',
      'sn,model\nCSV0003,FZ1\n"CSV0004","FZ1"\n',
      '\ufeffSN , Secret , Model\r\nCSV0005 , abc , NOPE\r\n',
    ].map((t) => new TextEncoder().encode(t)),
  async run(c, input) {
    try {
      await c.provisioning.importCsv(new TextDecoder().decode(input), { modelId: 'FZ1' });
    } catch (err) {
      refusalOk(err);
    }
  },
  tearDown: async (c) => c.store.close(),
};

/** Every route of the API declaration, with mutated JSON bodies, path parameters and queries. */
const httpBodies: FuzzTarget<GatewayContext> = {
  name: 'http',
  weight: 10,
  text: true,
  maxLength: 4096,
  setUp: startFuzzGateway,
  seeds: () =>
    [
      { sn: SN, verifyCode: '123456', usableRange: { departments: ['hq'], users: ['mia'] }, apps: ['attendance'] },
      { qr: `https://hw.fuzz.test/hw/bind?sn=${SN}&ts=1&nonce=abcdefgh&sig=00` },
      { name: 'Front door' },
      { apps: ['attendance'] },
      { userid: 'mia', kind: 'fingerprint' },
      { id: 'FZ2', name: 'Model', capabilities: ['face'] },
      { sn: 'NEW0001', model: 'FZ1', secret: 'abc' },
      { memberBinding: true },
      { disabled: true },
    ].map((b) => new TextEncoder().encode(JSON.stringify(b))),
  async run(c, input) {
    const routes: readonly Endpoint[] = Object.values(API);
    const route = routes[(input[0] ?? 0) % routes.length]!;
    const text = new TextDecoder().decode(input);
    // Raw bytes, percent-encoded: invalid UTF-8 in a path or query reaches the URL decoding too.
    const param = [...input.subarray(0, 1 + ((input[1] ?? 0) % 40))]
      .map((b) => `%${b.toString(16).padStart(2, '0')}`)
      .join('');
    const url = route.path.replace(/:(\w+)/g, (_, name: string) =>
      input.length % 3 === 0 ? param : name === 'sn' ? SN : 'fz',
    );
    const query = route.query
      ? `?${Object.keys((route.query.properties ?? {}) as object)
          .map((k) => `${k}=${param}`)
          .join('&')}`
      : '';
    const admin = route.name.startsWith('admin.');
    const res = await c.gw.http.inject({
      method: route.method,
      url: url + query,
      headers: {
        authorization: `Bearer ${admin ? ADMIN_TOKEN : c.person}`,
        'content-type': route.bodyType ?? 'application/json',
      },
      ...(route.method === 'GET' || route.method === 'DELETE' ? {} : { payload: text }),
    });
    if (res.statusCode >= 500 && res.statusCode !== 504)
      throw new Error(`${route.method} ${route.path} answered ${res.statusCode}: ${res.body.slice(0, 300)}`);
    if (res.statusCode >= 400) {
      const body = res.json() as { error?: { code?: unknown; message?: unknown } };
      if (typeof body.error?.code !== 'string' || typeof body.error.message !== 'string')
        throw new Error(`${route.method} ${route.path} answered ${res.statusCode} without {error: {code, message}}`);
    }
  },
  tearDown: stopFuzzGateway,
};

export const TARGETS: readonly FuzzTarget<never>[] = [
  envelopeDecoding,
  deviceMessages,
  frames,
  firmwareImages,
  directories,
  snCsv,
  httpBodies,
] as FuzzTarget<never>[];
