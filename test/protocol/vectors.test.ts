// Every contract is checked against protocol/vectors/*.json — the files vendors check their firmware with.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../protocol/clock.js';
import { signDeviceCredentials, verifyDeviceCredentials } from '../../protocol/credentials.js';
import { isHwbindError } from '../../protocol/errors.js';
import { verifyFirmwareImage } from '../../protocol/firmware.js';
import { decodeFrame, encodeFrame, FrameDecoder } from '../../protocol/frame.js';
import {
  checkVerificationCode,
  dynamicQrUrl,
  labelQrUrl,
  parseQr,
  verificationCode,
  verifyDynamicQr,
} from '../../protocol/qr.js';
import { deriveDeviceSecret } from '../../protocol/secrets.js';
import { LinkEndpoint } from '../../protocol/serial-channel.js';
import { decodeLinkFrame, TOPIC_CODES } from '../../protocol/serial-link.js';
import type { TopicName } from '../../protocol/topics.js';

const load = <T>(name: string): T =>
  JSON.parse(readFileSync(new URL(`../../protocol/vectors/${name}`, import.meta.url), 'utf8'));

describe('auth vectors', () => {
  const vectors =
    load<{ sn: string; secret: string; ts: number; nonce: string; username: string; password: string }[]>('auth.json');
  it.each(vectors)('$sn signs and verifies', (v) => {
    const creds = signDeviceCredentials(v.sn, v.secret, { ts: v.ts, nonce: v.nonce });
    expect(creds).toEqual({ clientId: v.sn, username: v.username, password: v.password });
    const clock = new ManualClock(v.ts * 1000);
    expect(
      verifyDeviceCredentials({ clientId: v.sn, username: v.username, password: v.password, secret: v.secret, clock })
        .ts,
    ).toBe(v.ts);
  });
});

describe('secret vectors', () => {
  const vectors = load<{ seed: string; sn: string; secret: string }[]>('secret.json');
  it.each(vectors)('$seed / $sn', (v) => {
    expect(deriveDeviceSecret(v.seed, v.sn)).toBe(v.secret);
    expect(v.secret).toMatch(/^[0-9a-f]{32}$/);
  });
  it('is case-insensitive in the SN', () => {
    expect(deriveDeviceSecret('s', 'abc')).toBe(deriveDeviceSecret('s', 'ABC'));
  });
});

describe('qr vectors', () => {
  const vectors =
    load<
      {
        publicUrl: string;
        sn: string;
        secret: string;
        ts: number;
        nonce: string;
        url: string;
        labelUrl: string;
        verifyCode: string;
      }[]
    >('qr.json');
  it.each(vectors)('$sn dynamic url, label url and verification code', (v) => {
    expect(dynamicQrUrl(v.publicUrl, v.sn, v.secret, { ts: v.ts, nonce: v.nonce })).toBe(v.url);
    expect(labelQrUrl(v.publicUrl, v.sn)).toBe(v.labelUrl);
    expect(verificationCode(v.secret, v.sn)).toBe(v.verifyCode);
    const parsed = parseQr(v.url);
    expect(parsed.kind).toBe('dynamic');
    if (parsed.kind !== 'dynamic') return;
    verifyDynamicQr(parsed, v.secret, new ManualClock(v.ts * 1000 + 29 * 60_000));
    expect(() => checkVerificationCode(v.secret, v.sn, v.verifyCode)).not.toThrow();
  });
});

describe('frame vectors', () => {
  const vectors = load<{ payloadHex: string; frameHex: string }[]>('frame.json');
  it('cover zero bytes and payloads longer than 254 bytes', () => {
    expect(vectors.some((v) => v.payloadHex.length / 2 > 254)).toBe(true);
    expect(vectors.some((v) => /^(..)*00/.test(v.payloadHex))).toBe(true);
  });
  it.each(vectors)('frame of $payloadHex.length hex chars', (v) => {
    const payload = Buffer.from(v.payloadHex, 'hex');
    const frame = Buffer.from(v.frameHex, 'hex');
    expect(encodeFrame(payload).toString('hex')).toBe(v.frameHex);
    expect(frame.indexOf(0)).toBe(frame.length - 1);
    expect(decodeFrame(frame).toString('hex')).toBe(v.payloadHex);
  });
  it('decode all frames concatenated as one stream', () => {
    const stream = Buffer.concat(vectors.map((v) => Buffer.from(v.frameHex, 'hex')));
    const decoder = new FrameDecoder();
    const out = decoder.push(stream);
    expect(out.map((b) => b.toString('hex'))).toEqual(vectors.map((v) => v.payloadHex));
  });
});

describe('serial link vectors', () => {
  type Single = { name: string; frame: Record<string, unknown>; payloadHex: string; frameHex: string };
  type Split = { name: string; topic: TopicName; maxFragment: number; messageHex: string; framesHex: string[] };
  const vectors = load<(Single | Split)[]>('serial-link.json');
  const singles = vectors.filter((v): v is Single => 'frame' in v);
  const splits = vectors.filter((v): v is Split => 'framesHex' in v);

  it('cover every frame type and a message split into several frames', () => {
    expect(new Set(singles.map((v) => v.frame.type))).toEqual(
      new Set(['data', 'ack', 'auth', 'authOk', 'authRefused', 'close', 'request', 'response']),
    );
    expect(splits.some((v) => v.framesHex.length > 1)).toBe(true);
  });

  it.each(singles)('$name', (v) => {
    expect(encodeFrame(Buffer.from(v.payloadHex, 'hex')).toString('hex')).toBe(v.frameHex);
    const f = decodeLinkFrame(decodeFrame(Buffer.from(v.frameHex, 'hex')));
    expect(f.type).toBe(v.frame.type);
    if (f.type === 'data') {
      expect(f.seq).toBe(v.frame.seq);
      expect(f.last).toBe(v.frame.last);
      expect(f.data.toString('hex')).toBe(v.frame.dataHex);
      expect(f.start).toEqual(
        v.frame.first ? { topic: TOPIC_CODES[v.frame.topic as TopicName], total: v.frame.total } : null,
      );
    } else if (f.type === 'auth') {
      const { sn, secret, ts, nonce } = v.frame as { sn: string; secret: string; ts: number; nonce: string };
      expect(f.username).toBe(`${sn}|${ts}|${nonce}`);
      const clock = new ManualClock(ts * 1000);
      verifyDeviceCredentials({ clientId: sn, username: f.username, password: f.password, secret, clock });
    } else {
      expect(f).toMatchObject(v.frame);
    }
  });

  it.each(splits)('$name: reassembled from its frames', (v) => {
    const got: { topic: number; hex: string }[] = [];
    const receiver = new LinkEndpoint({
      clock: { now: () => 0 },
      timers: { setTimeout: () => null, clearTimeout: () => {} },
      baud: 115200,
      limits: { window: 32, maxFragment: v.maxFragment },
      maxMessage: 1 << 20,
      write: () => {},
      onControl: () => {},
      onMessage: (topic, bytes) => got.push({ topic, hex: bytes.toString('hex') }),
      onOversized: () => {},
      onStray: () => {},
      onDead: () => {},
    });
    receiver.open({ window: 32, maxFragment: 1024 });
    receiver.input(Buffer.concat(v.framesHex.map((f) => Buffer.from(f, 'hex'))));
    expect(got).toEqual([{ topic: TOPIC_CODES[v.topic], hex: v.messageHex }]);
  });
});

describe('firmware vectors', () => {
  const vectors =
    load<{ name: string; publicKey: string; model: string; imageHex: string; valid: boolean; reason: string | null }[]>(
      'firmware.json',
    );
  it('include valid and each kind of invalid image', () => {
    const reasons = new Set(vectors.map((v) => v.reason));
    for (const r of [
      null,
      'fw_bad_signature',
      'fw_bad_magic',
      'fw_truncated',
      'fw_size_mismatch',
      'fw_wrong_model',
      'fw_hash_mismatch',
    ]) {
      expect(reasons).toContain(r);
    }
  });
  it.each(vectors)('$name', (v) => {
    const image = Buffer.from(v.imageHex, 'hex');
    if (v.valid) {
      expect(verifyFirmwareImage(image, { publicKey: v.publicKey, model: v.model }).header.model).toBe(v.model);
    } else {
      let caught: unknown;
      try {
        verifyFirmwareImage(image, { publicKey: v.publicKey, model: v.model });
      } catch (err) {
        caught = err;
      }
      expect(isHwbindError(caught) && caught.code).toBe(v.reason);
    }
  });
});
