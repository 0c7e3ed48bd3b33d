// The serial link without a port: the frame codec, and two LinkEndpoints over an in-memory line
// with injected time, clean and noisy (bytes dropped, bits flipped, garbage inserted, frames lost).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../protocol/clock.js';
import { isHwbindError } from '../../protocol/errors.js';
import { decodeEnvelope, encodeEnvelope, envelope } from '../../protocol/messages.js';
import { LinkEndpoint, MAX_RETRIES } from '../../protocol/serial-channel.js';
import {
  authFrame,
  authNonce,
  authSn,
  type ControlFrame,
  chunkSizeForBaud,
  decodeLinkFrame,
  encodeLinkFrame,
  type LinkFrame,
  lineRate,
  parsePortSpec,
  TOPIC_CODES,
  topicForCode,
} from '../../protocol/serial-link.js';
import { TOPICS, type TopicName } from '../../protocol/topics.js';
import { CHUNK_TIMEOUT_MS } from '../../simulator/modules/ota.js';
import { ManualTimers } from '../simulator/harness.js';

const roundTrip = (f: LinkFrame) => decodeLinkFrame(encodeLinkFrame(f));

describe('link frames', () => {
  it.each<LinkFrame>([
    { type: 'data', seq: 0, start: { topic: 0x06, total: 3 }, last: true, data: Buffer.from([1, 0, 2]) },
    { type: 'data', seq: 65535, start: null, last: false, data: Buffer.alloc(1024, 7) },
    { type: 'data', seq: 9, start: { topic: 0x84, total: 0 }, last: true, data: Buffer.alloc(0) },
    { type: 'ack', next: 513, sack: 0x80000005 },
    authFrame('HWB0001', 's3cret', { ts: 1764000000, nonce: 'abcdEFGH' }),
    { type: 'authOk', version: 1, window: 32, maxFragment: 8192, nonce: 'abcdEFGH' },
    { type: 'authRefused', nonce: 'abcdEFGH', code: 'bad_credentials', message: 'naïve text' },
    { type: 'close', code: 'device_timeout', message: '' },
    { type: 'request', id: 7, op: 'writeBundle', body: '{"sn":"X"}' },
    { type: 'response', id: 7, ok: false, body: '{"code":"conflict"}' },
  ])('$type round-trips', (f) => {
    expect(roundTrip(f)).toEqual(f);
  });

  it('AUTH carries the MQTT credentials: SN, nonce and signature', () => {
    const f = authFrame('hwb0001', '3f1c9a0d5e7b42a8b6c1d2e3f4a5b6c7', { ts: 1764000000, nonce: 'abcdEFGH' });
    expect(f.username).toBe('hwb0001|1764000000|abcdEFGH');
    expect(authSn(f.username)).toBe('hwb0001');
    expect(authNonce(f.username)).toBe('abcdEFGH');
  });

  it.each([
    ['empty', ''],
    ['unknown type', '7f'],
    ['data cut in its header', '010100'],
    ['first fragment without its length', '0101000006'],
    ['ack cut short', '02010000'],
    ['auth of another link version', '1002080004'],
    ['auth with window 0', '1001000004'],
    ['auth with a username longer than the frame', '100108000410414243'],
    ['request with an unknown op', '200100ff'],
  ])('refuses %s', (_, hex) => {
    let caught: unknown;
    try {
      decodeLinkFrame(Buffer.from(hex, 'hex'));
    } catch (err) {
      caught = err;
    }
    expect(isHwbindError(caught, 'frame_malformed')).toBe(true);
  });

  it('gives each topic one code, up below 0x80 and down above', () => {
    const codes = Object.values(TOPIC_CODES);
    expect(new Set(codes).size).toBe(Object.keys(TOPICS).length);
    for (const [name, code] of Object.entries(TOPIC_CODES) as [TopicName, number][]) {
      const direction = TOPICS[name].direction;
      expect(code >= 0x80).toBe(direction === 'down');
      expect(topicForCode(code, direction)).toBe(name);
      expect(topicForCode(code, direction === 'up' ? 'down' : 'up')).toBeNull();
    }
  });

  it('parses PATH[:BAUD]', () => {
    expect(parsePortSpec('/dev/ttyUSB0')).toEqual({ path: '/dev/ttyUSB0', baud: 115200 });
    expect(parsePortSpec('/tmp/a:b/tty:921600')).toEqual({ path: '/tmp/a:b/tty', baud: 921600 });
    expect(() => parsePortSpec('/dev/ttyUSB0:12')).toThrow(/baud rate/);
    expect(() => parsePortSpec('')).toThrow(/PATH\[:BAUD\]/);
  });

  it('fits firmware chunks to the line: about two seconds of it, 1-64 KiB', () => {
    expect(chunkSizeForBaud(9600)).toBe(1024);
    expect(chunkSizeForBaud(115200)).toBe(16384);
    expect(chunkSizeForBaud(921600)).toBe(65536);
  });
});

interface Noise {
  /** Probability per written chunk of each fault. */
  drop?: number;
  flip?: number;
  garbage?: number;
  loseByte?: number;
}

/** Two endpoints over an in-memory line that delivers each write 2 ms later, through `noise`. */
function line(opts: { baud?: number; noise?: Noise; seed?: number; maxMessage?: number } = {}) {
  const clock = new ManualClock(1_700_000_000_000);
  const timers = new ManualTimers(clock);
  let state = opts.seed ?? 1;
  // mulberry32
  const random = () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const noisy = (bytes: Buffer): Buffer => {
    const n = opts.noise;
    if (!n) return bytes;
    if (random() < (n.drop ?? 0)) return Buffer.alloc(0);
    let out = Buffer.from(bytes);
    if (random() < (n.flip ?? 0)) {
      const at = Math.floor(random() * out.length);
      out[at] = out[at]! ^ (1 << Math.floor(random() * 8));
    }
    if (random() < (n.loseByte ?? 0)) {
      const at = Math.floor(random() * out.length);
      out = Buffer.concat([out.subarray(0, at), out.subarray(at + 1)]);
    }
    if (random() < (n.garbage ?? 0)) {
      const junk = Buffer.from(Array.from({ length: 1 + Math.floor(random() * 40) }, () => Math.floor(random() * 256)));
      out = Buffer.concat([junk, out]);
    }
    return out;
  };
  const side = () => ({
    messages: [] as { topic: number; bytes: Buffer }[],
    controls: [] as ControlFrame[],
    strays: 0,
    dead: 0,
    oversized: [] as number[],
    endpoint: null as unknown as LinkEndpoint,
  });
  const a = side();
  const b = side();
  const make = (me: ReturnType<typeof side>, peer: () => LinkEndpoint) =>
    new LinkEndpoint({
      clock,
      timers,
      baud: opts.baud ?? 115200,
      maxMessage: opts.maxMessage ?? 1 << 20,
      write: (wire) => {
        const bytes = noisy(wire);
        timers.setTimeout(() => peer().input(bytes), 2);
      },
      onControl: (f) => me.controls.push(f),
      onMessage: (topic, bytes) => me.messages.push({ topic, bytes }),
      onOversized: (_, total) => me.oversized.push(total),
      onStray: () => me.strays++,
      onDead: () => me.dead++,
    });
  a.endpoint = make(a, () => b.endpoint);
  b.endpoint = make(b, () => a.endpoint);
  const open = () => {
    a.endpoint.open(b.endpoint.limits);
    b.endpoint.open(a.endpoint.limits);
  };
  /** Runs the line until both sides have nothing unacknowledged (or `maxMs` of line time passed). */
  const settle = (maxMs = 600_000) => {
    const end = clock.now() + maxMs;
    while ((a.endpoint.backlog > 0 || b.endpoint.backlog > 0) && clock.now() < end) timers.advance(10);
    timers.advance(1000);
  };
  return { clock, timers, a, b, open, settle };
}

const message = (n: number, fill: number) => Buffer.from(Array.from({ length: n }, (_, i) => (i * 31 + fill) & 0xff));

describe('a link over a clean line', () => {
  it('delivers messages of every size in order, large ones split into fragments', () => {
    const l = line();
    l.open();
    const sizes = [0, 1, 1023, 1024, 1025, 5000, 512 * 1024];
    sizes.forEach((n, i) => {
      expect(l.a.endpoint.send(0x84, message(n, i))).toBe(true);
    });
    l.b.endpoint.send(0x06, message(300, 9));
    l.settle();
    expect(l.b.messages.map((m) => m.bytes.length)).toEqual(sizes);
    sizes.forEach((n, i) => {
      expect(l.b.messages[i]!.bytes.equals(message(n, i))).toBe(true);
    });
    expect(l.a.messages).toEqual([{ topic: 0x06, bytes: message(300, 9) }]);
    expect(l.a.endpoint.stats.retransmits).toBe(0);
    expect(l.a.endpoint.stats.crcErrors + l.b.endpoint.stats.crcErrors).toBe(0);
  });

  it('paces writes at the line rate: 200 KiB at 115200 baud take their line time, and not much more', () => {
    const l = line({ baud: 115200 });
    l.open();
    const start = l.clock.now();
    l.a.endpoint.send(0x84, message(200 * 1024, 1));
    let deliveredAt = 0;
    while (l.b.messages.length === 0) {
      l.timers.advance(5);
      deliveredAt = l.clock.now();
    }
    const lineMs = ((200 * 1024) / lineRate(115200)) * 1000;
    expect(deliveredAt - start).toBeGreaterThan(lineMs * 0.95);
    expect(deliveredAt - start).toBeLessThan(lineMs * 1.1);
  });

  it('carries a 64 KiB firmware chunk (OTA) and a chunk fitted to 115200 baud inside the 10 s chunk timeout', () => {
    for (const [baud, size] of [
      [921600, 65536],
      [115200, chunkSizeForBaud(115200)],
    ] as const) {
      const l = line({ baud, noise: { drop: 0.02, flip: 0.02 }, seed: baud });
      l.open();
      const data = message(size, 3);
      const chunk = encodeEnvelope(envelope('firmwareChunk', { jobId: 'job-1', offset: 0, data }, { replyTo: 'c1' }));
      const start = l.clock.now();
      l.a.endpoint.send(TOPIC_CODES['down/firmware'], chunk);
      while (l.b.messages.length === 0 && l.clock.now() - start < 60_000) l.timers.advance(5);
      expect(l.clock.now() - start).toBeLessThan(CHUNK_TIMEOUT_MS);
      const got = decodeEnvelope(l.b.messages[0]!.bytes);
      expect(Buffer.from(got.firmwareChunk!.data!).equals(data)).toBe(true);
    }
  });

  it('refuses to send without a session and counts DATA without one as stray', () => {
    const l = line();
    expect(l.a.endpoint.send(0x01, Buffer.from('x'))).toBe(false);
    l.a.endpoint.open(l.b.endpoint.limits);
    l.a.endpoint.send(0x01, Buffer.from('x'));
    l.timers.advance(50);
    expect(l.b.strays).toBeGreaterThan(0);
    expect(l.b.messages).toEqual([]);
  });

  it('passes control frames up, ahead of queued data', () => {
    const l = line();
    l.open();
    l.a.endpoint.send(0x84, message(50_000, 1));
    l.a.endpoint.control({ type: 'close', code: 'device_timeout', message: 'bye' });
    l.timers.advance(100);
    expect(l.b.controls).toEqual([{ type: 'close', code: 'device_timeout', message: 'bye' }]);
    expect(l.b.messages).toEqual([]);
  });

  it('throws away a message larger than the receiver takes, and keeps going', () => {
    const l = line({ maxMessage: 4096 });
    l.open();
    l.a.endpoint.send(0x84, message(10_000, 1));
    l.a.endpoint.send(0x84, message(100, 2));
    l.settle();
    expect(l.b.oversized).toEqual([10_000]);
    expect(l.b.messages.map((m) => m.bytes.length)).toEqual([100]);
  });

  it('gives up on a peer that stopped answering after its retries', () => {
    const l = line();
    l.a.endpoint.open(l.b.endpoint.limits); // b never opens: it answers nothing
    l.a.endpoint.send(0x02, Buffer.from('heartbeat'));
    l.timers.advance(120_000);
    expect(l.a.dead).toBe(1);
    expect(l.a.endpoint.stats.retransmits).toBe(MAX_RETRIES);
    expect(l.a.endpoint.isOpen).toBe(false);
  });
});

describe('a link over a noisy line', () => {
  it('loses nothing and duplicates nothing; the damage is counted', () => {
    const l = line({ noise: { drop: 0.05, flip: 0.05, garbage: 0.05, loseByte: 0.05 }, seed: 42 });
    l.open();
    const sent = Array.from({ length: 200 }, (_, i) => message(50 + ((i * 397) % 3000), i));
    for (const m of sent) l.a.endpoint.send(0x06, m);
    for (const m of sent.slice(0, 50)) l.b.endpoint.send(0x87, m);
    l.settle();
    expect(l.b.messages.length).toBe(sent.length);
    l.b.messages.forEach((m, i) => {
      expect(m.bytes.equals(sent[i]!)).toBe(true);
    });
    expect(l.a.messages.map((m) => m.bytes)).toEqual(sent.slice(0, 50));
    const damage = l.b.endpoint.stats.crcErrors + l.b.endpoint.stats.malformed + l.a.endpoint.stats.crcErrors;
    expect(damage).toBeGreaterThan(0);
    expect(l.a.endpoint.stats.retransmits).toBeGreaterThan(0);
    expect(l.a.dead + l.b.dead).toBe(0);
  });

  it('delivers every message exactly once in order, whatever the noise (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 6000 }), { minLength: 1, maxLength: 25 }),
        fc.record({
          drop: fc.double({ min: 0, max: 0.2, noNaN: true }),
          flip: fc.double({ min: 0, max: 0.2, noNaN: true }),
          garbage: fc.double({ min: 0, max: 0.2, noNaN: true }),
          loseByte: fc.double({ min: 0, max: 0.2, noNaN: true }),
        }),
        fc.integer({ min: 1, max: 1_000_000 }),
        (sizes, noise, seed) => {
          const l = line({ noise, seed, baud: 921600 });
          l.open();
          const sent = sizes.map((n, i) => message(n, i));
          for (const m of sent) l.a.endpoint.send(0x84, m);
          l.settle();
          expect(l.a.dead).toBe(0);
          expect(l.b.messages.map((m) => m.bytes.toString('hex'))).toEqual(sent.map((m) => m.toString('hex')));
        },
      ),
      { numRuns: 40 },
    );
  });

  it('starts a frame after a pause with a 0x00, so noise on the idle line costs only itself', () => {
    const l = line();
    const written: Buffer[] = [];
    const writer = new LinkEndpoint({
      clock: l.clock,
      timers: l.timers,
      baud: 115200,
      maxMessage: 1024,
      write: (wire) => written.push(wire),
      onControl: () => {},
      onMessage: () => {},
      onOversized: () => {},
      onStray: () => {},
      onDead: () => {},
    });
    writer.control({ type: 'close', code: 'x', message: '' });
    expect(written[0]![0]).toBe(0);
    l.b.endpoint.input(Buffer.from([0x55, 0x13, 0x00, 0xff, 0xfe]));
    l.b.endpoint.input(written[0]!);
    expect(l.b.controls).toEqual([{ type: 'close', code: 'x', message: '' }]);
    expect(l.b.endpoint.stats.crcErrors + l.b.endpoint.stats.malformed).toBe(2);
  });
});
