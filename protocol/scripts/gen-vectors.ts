// Writes protocol/vectors/*.json from the real codecs. `--check` fails when the committed vectors
// differ from what the code produces now. Inputs are fixed, so the output is reproducible.
import { createPrivateKey, createPublicKey } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { crc32 } from 'node:zlib';
import { signDeviceCredentials } from '../credentials.js';
import { buildFirmwareImage, FW_HEADER_SIZE, publicKeyHex } from '../firmware.js';
import { encodeFrame } from '../frame.js';
import { encodeEnvelope, envelope } from '../messages.js';
import { dynamicQrUrl, labelQrUrl, verificationCode } from '../qr.js';
import { deriveDeviceSecret } from '../secrets.js';
import { LinkEndpoint } from '../serial-channel.js';
import { authFrame, encodeLinkFrame, type LinkFrame, TOPIC_CODES } from '../serial-link.js';

const dir = join(dirname(fileURLToPath(import.meta.url)), '..', 'vectors');

// Ed25519 keys from fixed 32-byte seeds (PKCS#8 prefix + seed), so signatures are reproducible.
function keyFromSeed(seedHex: string) {
  const der = Buffer.concat([Buffer.from('302e020100300506032b657004220420', 'hex'), Buffer.from(seedHex, 'hex')]);
  const privateKey = createPrivateKey({ key: der, format: 'der', type: 'pkcs8' });
  return { privateKey, publicKey: createPublicKey(privateKey) };
}

const devices = [
  { sn: 'HWB0001', secret: '3f1c9a0d5e7b42a8b6c1d2e3f4a5b6c7' },
  { sn: 'ATT2024X9K7', secret: 'correct horse battery staple' },
  { sn: 'A', secret: 's' },
  { sn: 'Z'.repeat(128), secret: '00000000000000000000000000000000' },
  { sn: 'face8000lowercase', secret: 'ÅÄÖ-utf8-secret' },
];

function authVectors() {
  const cases = [
    { ts: 1764000000, nonce: 'abcdEFGH' },
    { ts: 1700000000, nonce: 'N0nce1234567890ABCDEFGHIJKLMNOPQ' },
    { ts: 1, nonce: '00000000' },
    { ts: 1764003600, nonce: 'q7W2e9R4t6Y8u1I3' },
    { ts: 1893456000, nonce: 'zzzzzzzzzz' },
  ];
  return devices.map((d, i) => {
    const c = cases[i]!;
    const creds = signDeviceCredentials(d.sn, d.secret, c);
    return { sn: d.sn, secret: d.secret, ts: c.ts, nonce: c.nonce, username: creds.username, password: creds.password };
  });
}

function secretVectors() {
  const seeds = ['batch-seed-0001', 'f00dfeedcafebabe0123456789abcdef', 'Seed with spaces and ünïcödé'];
  const sns = ['HWB0001', 'hwb0001', 'ATT2024X9K7', 'Z'.repeat(128), '0'];
  return seeds.flatMap((seed) => sns.map((sn) => ({ seed, sn, secret: deriveDeviceSecret(seed, sn) })));
}

function qrVectors() {
  const urls = ['https://hw.example.com', 'http://127.0.0.1:8080/', 'https://gateway.example.org/tenant-a'];
  const nonces = ['abcdEFGH', 'Q9w8E7r6T5y4U3i2', 'N0nce1234567890ABCDEFGHIJKLMNOPQ', '12345678', 'xYz0xYz0xYz0'];
  return devices.map((d, i) => {
    const publicUrl = urls[i % urls.length]!;
    const ts = 1764000000 + i * 600;
    const nonce = nonces[i]!;
    // QR codes carry the canonical (upper-cased) SN, as the gateway stores it.
    return {
      publicUrl,
      sn: d.sn.toUpperCase(),
      secret: d.secret,
      ts,
      nonce,
      url: dynamicQrUrl(publicUrl, d.sn, d.secret, { ts, nonce }),
      labelUrl: labelQrUrl(publicUrl, d.sn),
      verifyCode: verificationCode(d.secret, d.sn),
    };
  });
}

/** 250 non-zero bytes whose CRC has no zero byte: payload ‖ CRC is one full 254-byte COBS run. */
function runOf254(): Buffer {
  for (let fill = 1; fill < 256; fill++) {
    const p = Buffer.alloc(250, fill);
    const crc = Buffer.alloc(4);
    crc.writeUInt32LE(crc32(p));
    if (!crc.includes(0)) return p;
  }
  throw new Error('no fill byte found');
}

function frameVectors() {
  const ramp = (n: number) => Buffer.from(Array.from({ length: n }, (_, i) => i % 256));
  const payloads: Buffer[] = [
    Buffer.alloc(0),
    Buffer.from([0x00]),
    Buffer.from([0x00, 0x00, 0x00]),
    Buffer.from([0x11, 0x22, 0x00, 0x33]),
    Buffer.from('hello, device', 'utf8'),
    Buffer.alloc(253, 0x01),
    Buffer.alloc(254, 0x01),
    Buffer.alloc(255, 0x01),
    ramp(300),
    runOf254(),
    ramp(1000),
    helloEnvelope(),
    Buffer.from(
      encodeEnvelope(
        envelope(
          'recordBatch',
          {
            records: Array.from({ length: 12 }, (_, i) => ({
              seq: i + 1,
              userid: `user${i}`,
              timeMs: 1764000000000 + i * 1000,
              direction: 1,
              method: 1,
            })),
          },
          { id: 'rec-1', tsMs: 1764000000000 },
        ),
      ),
    ),
  ];
  return payloads.map((p) => ({ payloadHex: p.toString('hex'), frameHex: encodeFrame(p).toString('hex') }));
}

const helloEnvelope = () =>
  Buffer.from(
    encodeEnvelope(
      envelope(
        'hello',
        { model: 'T1000', firmwareVersion: '1.2.3', capabilities: [1, 2, 4, 5], directoryVersion: 0, bootCount: 7 },
        { id: 'boot-1', tsMs: 1764000000000 },
      ),
    ),
  );

/**
 * Link frames (protocol §9): each as fields, its payload and its wire frame; then whole messages as
 * the real sender splits them, frame by frame. Control frames carry `payloadHex` only for fields a
 * checker can rebuild: AUTH from SN, secret, ts and nonce.
 */
function serialLinkVectors() {
  const one = (name: string, frame: LinkFrame, fields: Record<string, unknown>) => {
    const payload = encodeLinkFrame(frame);
    return { name, frame: fields, payloadHex: payload.toString('hex'), frameHex: encodeFrame(payload).toString('hex') };
  };
  const hello = helloEnvelope();
  const auth = authFrame('HWB0001', '3f1c9a0d5e7b42a8b6c1d2e3f4a5b6c7', { ts: 1764000000, nonce: 'abcdEFGH' });
  const singles = [
    one(
      'hello envelope in one DATA frame',
      { type: 'data', seq: 0, start: { topic: TOPIC_CODES['up/hello'], total: hello.length }, last: true, data: hello },
      {
        type: 'data',
        seq: 0,
        first: true,
        last: true,
        topic: 'up/hello',
        total: hello.length,
        dataHex: hello.toString('hex'),
      },
    ),
    one(
      'middle fragment, seq wrapping at 65535',
      { type: 'data', seq: 65535, start: null, last: false, data: Buffer.from([0, 1, 2, 0]) },
      { type: 'data', seq: 65535, first: false, last: false, dataHex: '00010200' },
    ),
    one(
      'ack: seqs before 5 received, and 7 and 9',
      { type: 'ack', next: 5, sack: 0b1010 },
      { type: 'ack', next: 5, sack: 10 },
    ),
    one('auth (credentials of auth.json entry 0)', auth, {
      type: 'auth',
      version: 1,
      window: 8,
      maxFragment: 1024,
      sn: 'HWB0001',
      secret: '3f1c9a0d5e7b42a8b6c1d2e3f4a5b6c7',
      ts: 1764000000,
      nonce: 'abcdEFGH',
    }),
    one(
      'auth accepted',
      { type: 'authOk', version: 1, window: 16, maxFragment: 2048, nonce: 'abcdEFGH' },
      { type: 'authOk', version: 1, window: 16, maxFragment: 2048, nonce: 'abcdEFGH' },
    ),
    one(
      'auth refused',
      { type: 'authRefused', nonce: 'abcdEFGH', code: 'stale_timestamp', message: 'clock is 412 s off' },
      { type: 'authRefused', nonce: 'abcdEFGH', code: 'stale_timestamp', message: 'clock is 412 s off' },
    ),
    one(
      'session closed',
      { type: 'close', code: 'device_timeout', message: 'no heartbeat for three intervals' },
      { type: 'close', code: 'device_timeout', message: 'no heartbeat for three intervals' },
    ),
    one(
      'request: info',
      { type: 'request', id: 1, op: 'info', body: '' },
      { type: 'request', id: 1, op: 'info', body: '' },
    ),
    one(
      'response: refused',
      { type: 'response', id: 2, ok: false, body: '{"code":"conflict","message":"already provisioned"}' },
      { type: 'response', id: 2, ok: false, body: '{"code":"conflict","message":"already provisioned"}' },
    ),
  ];
  const ramp = (n: number) => Buffer.from(Array.from({ length: n }, (_, i) => (i * 7) % 256));
  const messages = [
    { topic: 'down/directory' as const, message: ramp(2500), maxFragment: 1024 },
    { topic: 'up/records' as const, message: ramp(64), maxFragment: 64 },
    { topic: 'up/heartbeat' as const, message: Buffer.alloc(0), maxFragment: 1024 },
  ].map(({ topic, message, maxFragment }) => {
    const written: Buffer[] = [];
    const sender = new LinkEndpoint({
      clock: { now: () => 0 },
      timers: { setTimeout: () => null, clearTimeout: () => {} },
      baud: 115200,
      maxMessage: 1 << 20,
      write: (wire) => written.push(wire[0] === 0 ? wire.subarray(1) : wire),
      onControl: () => {},
      onMessage: () => {},
      onOversized: () => {},
      onStray: () => {},
      onDead: () => {},
    });
    sender.open({ window: 32, maxFragment });
    sender.send(TOPIC_CODES[topic], message);
    return {
      name: `${message.length}-byte message on ${topic}, fragments of ${maxFragment}`,
      topic,
      maxFragment,
      messageHex: message.toString('hex'),
      framesHex: written.map((w) => w.toString('hex')),
    };
  });
  return [...singles, ...messages];
}

function firmwareVectors() {
  const vendor = keyFromSeed('9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60');
  const other = keyFromSeed('4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb');
  const publicKey = publicKeyHex(vendor.publicKey);
  const payload = Buffer.from(Array.from({ length: 300 }, (_, i) => (i * 7) % 256));
  const base = { model: 'T1000', version: '1.2.3', payload, buildTime: 1764000000 };
  const good = buildFirmwareImage(base, vendor.privateKey);
  const testImage = buildFirmwareImage({ ...base, version: '2.0.0-rc.1', test: true }, vendor.privateKey);
  const empty = buildFirmwareImage({ ...base, payload: Buffer.alloc(0), version: '0.0.1' }, vendor.privateKey);
  const flip = (img: Buffer, at: number) => {
    const c = Buffer.from(img);
    c[at] = c[at]! ^ 0xff;
    return c;
  };
  const header2 = Buffer.from(good);
  header2.writeUInt16LE(2, 4);
  const badVersion = Buffer.from(good);
  badVersion.write('v1.2\0', 48, 'utf8');
  const badMagic = Buffer.from(good);
  badMagic.write('XXFW', 0, 'ascii');
  const v = (name: string, image: Buffer, valid: boolean, reason: string | null, model = 'T1000', key = publicKey) => ({
    name,
    publicKey: key,
    model,
    imageHex: image.toString('hex'),
    valid,
    reason,
  });
  return [
    v('valid image', good, true, null),
    v('valid test image with prerelease version', testImage, true, null),
    v('valid image with empty payload', empty, true, null),
    v('signature byte flipped', flip(good, good.length - 1), false, 'fw_bad_signature'),
    v('signed by another key', buildFirmwareImage(base, other.privateKey), false, 'fw_bad_signature'),
    v('verified with another vendor key', good, false, 'fw_bad_signature', 'T1000', publicKeyHex(other.publicKey)),
    v('wrong magic', badMagic, false, 'fw_bad_magic'),
    v('truncated inside payload', good.subarray(0, FW_HEADER_SIZE + 100), false, 'fw_truncated'),
    v('truncated inside header', good.subarray(0, 40), false, 'fw_truncated'),
    v('trailing bytes after signature', Buffer.concat([good, Buffer.from([0, 1, 2])]), false, 'fw_size_mismatch'),
    v('payload byte changed', flip(good, FW_HEADER_SIZE + 5), false, 'fw_hash_mismatch'),
    v('image for another model', good, false, 'fw_wrong_model', 'T2000'),
    v('header version 2', header2, false, 'fw_unsupported_header'),
    v('version field not semver', badVersion, false, 'fw_bad_version'),
  ];
}

const files: Record<string, unknown> = {
  'auth.json': authVectors(),
  'secret.json': secretVectors(),
  'qr.json': qrVectors(),
  'frame.json': frameVectors(),
  'serial-link.json': serialLinkVectors(),
  'firmware.json': firmwareVectors(),
};

const check = process.argv.includes('--check');
let stale = 0;
for (const [name, data] of Object.entries(files)) {
  const text = `${JSON.stringify(data, null, 2)}\n`;
  const path = join(dir, name);
  if (check) {
    let current = '';
    try {
      current = readFileSync(path, 'utf8');
    } catch {}
    if (current !== text) {
      console.error(`protocol/vectors/${name} is stale: run npm run vectors:gen`);
      stale++;
    }
  } else {
    writeFileSync(path, text);
    console.log(`wrote protocol/vectors/${name}`);
  }
}
if (stale) process.exit(1);
if (check) console.log('protocol/vectors are up to date');
