import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../protocol/clock.js';
import { parseUsername, signDeviceCredentials, verifyDeviceCredentials } from '../../protocol/credentials.js';
import { HwbindError, isHwbindError } from '../../protocol/errors.js';
import {
  buildFirmwareImage,
  generateVendorKeys,
  loadPublicKey,
  parseFirmwareImage,
  verifyFirmwareImage,
} from '../../protocol/firmware.js';
import {
  cobsDecode,
  cobsEncode,
  decodeFrame,
  encodeFrame,
  FrameDecoder,
  MAX_FRAME_PAYLOAD,
} from '../../protocol/frame.js';
import { bodyOf, decodeEnvelope, encodeEnvelope, envelope } from '../../protocol/messages.js';
import { dynamicQrUrl, labelQrUrl, parseQr, verifyDynamicQr } from '../../protocol/qr.js';
import { normalizeSn } from '../../protocol/sn.js';

const codeOf = (fn: () => unknown): string | undefined => {
  try {
    fn();
  } catch (err) {
    if (isHwbindError(err)) return err.code;
    throw err;
  }
  return undefined;
};

describe('SN rules', () => {
  it('accepts 1-128 alphanumerics and upper-cases them', () => {
    expect(normalizeSn('ab12')).toBe('AB12');
    expect(normalizeSn('x'.repeat(128))).toBe('X'.repeat(128));
  });
  it.each(['', 'x'.repeat(129), 'AB-12', 'AB 12', 'ÄB', 'a/b', 'a+b'])('refuses %j', (sn) => {
    expect(codeOf(() => normalizeSn(sn))).toBe('invalid_sn');
  });
});

describe('device credentials', () => {
  const secret = 'secret-1';
  const clock = new ManualClock(1_764_000_000_000);
  const ts = 1_764_000_000;
  it('refuses stale and future timestamps beyond 300 s, accepts the edge', () => {
    for (const [offset, code] of [
      [300, undefined],
      [-300, undefined],
      [301, 'stale_timestamp'],
      [-301, 'stale_timestamp'],
    ] as const) {
      const c = signDeviceCredentials('SN1', secret, { ts: ts + offset, nonce: 'abcdefgh' });
      expect(codeOf(() => verifyDeviceCredentials({ ...c, secret, clock }))).toBe(code);
    }
  });
  it('refuses a wrong signature, a wrong client id and malformed usernames', () => {
    const c = signDeviceCredentials('SN1', secret, { ts, nonce: 'abcdefgh' });
    expect(codeOf(() => verifyDeviceCredentials({ ...c, secret: 'other', clock }))).toBe('bad_signature');
    expect(codeOf(() => verifyDeviceCredentials({ ...c, clientId: 'SN2', secret, clock }))).toBe('client_id_mismatch');
    expect(codeOf(() => parseUsername('SN1|123'))).toBe('invalid_credentials');
    expect(codeOf(() => parseUsername('SN1|12x|abcdefgh'))).toBe('invalid_credentials');
    expect(codeOf(() => parseUsername('SN1|123|short'))).toBe('invalid_nonce');
    expect(codeOf(() => parseUsername('SN1|123|' + 'a'.repeat(33)))).toBe('invalid_nonce');
    expect(codeOf(() => parseUsername('S-N|123|abcdefgh'))).toBe('invalid_sn');
  });
  it('never throws anything but HwbindError on random usernames', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), (username, password) => {
        try {
          verifyDeviceCredentials({ clientId: username.split('|')[0] ?? '', username, password, secret, clock });
        } catch (err) {
          expect(err).toBeInstanceOf(HwbindError);
        }
      }),
    );
  });
});

describe('QR codes', () => {
  const secret = 'qr-secret';
  it('expires a dynamic code after 30 minutes and refuses a forged one', () => {
    const url = dynamicQrUrl('https://gw.example.com/', 'dev1', secret, { ts: 1000, nonce: 'abcdefgh' });
    const qr = parseQr(url);
    if (qr.kind !== 'dynamic') throw new Error('expected dynamic');
    expect(qr.sn).toBe('DEV1');
    expect(codeOf(() => verifyDynamicQr(qr, secret, new ManualClock(1000_000 + 1800_000)))).toBeUndefined();
    expect(codeOf(() => verifyDynamicQr(qr, secret, new ManualClock(1000_000 + 1801_000)))).toBe('qr_expired');
    expect(codeOf(() => verifyDynamicQr(qr, 'wrong', new ManualClock(1000_000)))).toBe('qr_bad_signature');
    expect(codeOf(() => verifyDynamicQr({ ...qr, sn: 'DEV2' }, secret, new ManualClock(1000_000)))).toBe(
      'qr_bad_signature',
    );
  });
  it('parses label and generic add-device URLs', () => {
    expect(parseQr(labelQrUrl('https://gw.example.com', 'ab1'))).toEqual({ kind: 'label', sn: 'AB1' });
    expect(parseQr('https://gw.example.com/hw/addDevice')).toEqual({ kind: 'add_device' });
    expect(parseQr('https://gw.example.com/wwopen/connect/hardware/addDevice')).toEqual({ kind: 'add_device' });
  });
  it.each([
    'not a url',
    'https://x/other?sn=A',
    'https://x/hw/bind',
    'https://x/hw/bind?sn=A&ts=1',
    'https://x/hw/bind?sn=A-B',
  ])('refuses %j with a typed error', (text) => {
    expect(['invalid_qr', 'invalid_sn']).toContain(codeOf(() => parseQr(text)));
  });
  it('never throws anything but HwbindError on random text', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.webUrl({ withQueryParameters: true })), (text) => {
        try {
          parseQr(text);
        } catch (err) {
          expect(err).toBeInstanceOf(HwbindError);
        }
      }),
    );
  });
});

describe('serial frames', () => {
  it('round-trips any payload through COBS and CRC', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 2000 }), (payload) => {
        const frame = encodeFrame(payload);
        expect(frame.indexOf(0)).toBe(frame.length - 1);
        expect(Buffer.from(decodeFrame(frame)).equals(Buffer.from(payload))).toBe(true);
        expect(Buffer.from(cobsDecode(cobsEncode(payload))).equals(Buffer.from(payload))).toBe(true);
      }),
    );
  });
  it('survives any chunking of a stream', () => {
    fc.assert(
      fc.property(
        fc.array(fc.uint8Array({ maxLength: 600 }), { maxLength: 8 }),
        fc.array(fc.nat(700), { maxLength: 20 }),
        (payloads, cuts) => {
          const stream = Buffer.concat(payloads.map((p) => encodeFrame(p)));
          const decoder = new FrameDecoder();
          const out: Buffer[] = [];
          let at = 0;
          for (const cut of cuts) {
            out.push(...decoder.push(stream.subarray(at, at + cut)));
            at = Math.min(stream.length, at + cut);
          }
          out.push(...decoder.push(stream.subarray(at)));
          expect(out.map((b) => b.toString('hex'))).toEqual(payloads.map((p) => Buffer.from(p).toString('hex')));
        },
      ),
    );
  });
  it('drops garbage and bad CRCs, counts them, and resynchronises', () => {
    const good = encodeFrame(Buffer.from('first'));
    const corrupted = Buffer.from(encodeFrame(Buffer.from('second')));
    corrupted[2] = corrupted[2]! ^ 0x01;
    const garbage = Buffer.from([0x42, 0x13, 0x37, 0x00]);
    const decoder = new FrameDecoder();
    const out = decoder.push(Buffer.concat([garbage, good, corrupted, encodeFrame(Buffer.from('third'))]));
    expect(out.map((b) => b.toString())).toEqual(['first', 'third']);
    expect(decoder.stats.frames).toBe(2);
    expect(decoder.stats.crcErrors + decoder.stats.malformed).toBe(2);
  });
  it('drops an endless frame without growing past the limit, then recovers', () => {
    const decoder = new FrameDecoder();
    const noise = Buffer.alloc(64 * 1024, 0x55);
    for (let i = 0; i < 4; i++) expect(decoder.push(noise)).toEqual([]);
    expect(decoder.pending).toBeLessThanOrEqual(MAX_FRAME_PAYLOAD + 1024);
    const out = decoder.push(Buffer.concat([Buffer.from([0]), encodeFrame(Buffer.from('ok'))]));
    expect(out.map((b) => b.toString())).toEqual(['ok']);
    expect(decoder.stats.oversized).toBe(1);
  });
  it('never throws on random bytes, and every emitted payload had a valid CRC', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 4000 }), (bytes) => {
        const decoder = new FrameDecoder();
        for (const payload of decoder.push(bytes)) {
          expect(decodeFrame(encodeFrame(payload)).equals(payload)).toBe(true);
        }
      }),
    );
  });
  it('refuses to encode an oversized payload', () => {
    expect(codeOf(() => encodeFrame(Buffer.alloc(MAX_FRAME_PAYLOAD + 1)))).toBe('frame_too_large');
  });
});

describe('envelope', () => {
  it('round-trips bodies and keeps the correlation id', () => {
    const bytes = encodeEnvelope(
      envelope(
        'recordBatch',
        { records: [{ seq: 5, userid: 'u1', timeMs: 1764000000123, direction: 1, method: 4 }] },
        { id: 'm1' },
      ),
    );
    const env = decodeEnvelope(bytes);
    expect(env.id).toBe('m1');
    expect(bodyOf(env, 'recordBatch').records?.[0]?.timeMs).toBe(1764000000123);
    expect(codeOf(() => bodyOf(env, 'hello'))).toBe('unexpected_message');
  });
  it('tolerates unknown fields from a newer peer', () => {
    const bytes = Buffer.concat([
      Buffer.from(encodeEnvelope(envelope('heartbeat', { uptimeS: 9 }, { id: 'x' }))),
      Buffer.from([0xf8, 0x0c, 0x01]),
    ]);
    expect(bodyOf(decodeEnvelope(bytes), 'heartbeat').uptimeS).toBe(9);
  });
  it('refuses oversized, empty-bodied and malformed payloads with typed errors', () => {
    expect(codeOf(() => decodeEnvelope(new Uint8Array(10), 5))).toBe('payload_too_large');
    expect(codeOf(() => decodeEnvelope(new Uint8Array(0)))).toBe('malformed_message');
    expect(codeOf(() => decodeEnvelope(Buffer.from([0x0a, 0x50, 0x41])))).toBe('malformed_message');
  });
  it('never throws anything but HwbindError on random or mutated bytes', () => {
    const valid = Buffer.from(
      encodeEnvelope(envelope('hello', { model: 'T1', firmwareVersion: '1.0.0', capabilities: [1, 2] })),
    );
    fc.assert(
      fc.property(
        fc.oneof(
          fc.uint8Array({ maxLength: 512 }),
          fc
            .array(fc.tuple(fc.nat(valid.length - 1), fc.integer({ min: 0, max: 255 })), { maxLength: 6 })
            .map((muts) => {
              const c = Buffer.from(valid);
              for (const [i, b] of muts) c[i] = b;
              return c;
            }),
        ),
        (bytes) => {
          try {
            decodeEnvelope(bytes, 4096);
          } catch (err) {
            expect(err).toBeInstanceOf(HwbindError);
          }
        },
      ),
    );
  });
});

describe('firmware images', () => {
  const keys = generateVendorKeys();
  const image = buildFirmwareImage(
    { model: 'T1', version: '1.0.0', payload: Buffer.alloc(1000, 7) },
    keys.privateKeyPem,
  );
  it('verifies with PEM or raw hex public keys', () => {
    expect(verifyFirmwareImage(image, { publicKey: keys.publicKeyPem, model: 'T1' }).header.version).toBe('1.0.0');
    expect(verifyFirmwareImage(image, { publicKey: keys.publicKeyHex }).payload.length).toBe(1000);
  });
  it('refuses bad versions, bad keys', () => {
    expect(
      codeOf(() => buildFirmwareImage({ model: 'T1', version: 'v1', payload: Buffer.alloc(1) }, keys.privateKeyPem)),
    ).toBe('fw_bad_version');
    expect(codeOf(() => loadPublicKey('abc'))).toBe('invalid_key');
  });
  it('never throws anything but HwbindError on random or mutated images', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.uint8Array({ maxLength: 1500 }),
          fc
            .tuple(fc.nat(image.length - 1), fc.integer({ min: 0, max: 255 }), fc.nat(image.length))
            .map(([i, b, cut]) => {
              const c = Buffer.from(image.subarray(0, Math.max(cut, i + 1)));
              c[i] = b;
              return c;
            }),
        ),
        (bytes) => {
          try {
            parseFirmwareImage(bytes);
            verifyFirmwareImage(bytes, { publicKey: keys.publicKeyHex, model: 'T1' });
          } catch (err) {
            expect(err).toBeInstanceOf(HwbindError);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
