// The chunk relay in process, over the real DeviceLinks with a transport that records what it sends:
// chunks are the image file's bytes at the asked offsets, devices take turns (one device's long queue
// never holds another's requests back), at most `concurrency` chunks are out at once, and requests for
// a job that ended, another device's job, or out of bounds are refused with a stable code.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type DeviceLinkListener, DeviceLinks } from '../../gateway/devices/link.js';
import { createLogger } from '../../gateway/logger.js';
import { ChunkRelay } from '../../gateway/ota/relay.js';
import type { FirmwareJob } from '../../gateway/store/types.js';
import { type ErrorCode, isHwbindError } from '../../protocol/errors.js';
import { bodyOf, decodeEnvelope } from '../../protocol/messages.js';
import { tempDir } from '../helpers/processes.js';

const dir = tempDir('hwbind-relay-');
const image = Buffer.from(Array.from({ length: 10_000 }, (_, i) => i % 251));
writeFileSync(join(dir, 'abc.hwfw'), image);

const job = (id: string, sn: string): FirmwareJob => ({
  id,
  sn,
  corpId: 'acme',
  bindingId: 'b1',
  modelId: 'T1000',
  version: '1.1.0',
  fromVersion: '1.0.0',
  sha256: 'abc',
  size: image.length,
  chunkSize: 1000,
  allowDowngrade: false,
  offerId: `offer-${id}`,
  state: 'queued',
  code: null,
  message: null,
  bytesDone: 0,
  requestedBy: 'carol',
  rolloutId: null,
  createdAt: 0,
  updatedAt: 0,
  startedAt: null,
  endedAt: null,
});

function setUp(concurrency: number) {
  const sent: { sn: string; jobId: string; offset: number; data: Buffer; replyTo: string }[] = [];
  let inFlight = 0;
  let most = 0;
  const quiet: DeviceLinkListener = { connected: () => {}, disconnected: () => {}, message: () => undefined };
  const links = new DeviceLinks(quiet);
  let report: DeviceLinkListener = quiet;
  links.attach((listener) => {
    report = listener;
    return {
      name: 'recording',
      send: async (sn, _topic, payload) => {
        inFlight += 1;
        most = Math.max(most, inFlight);
        // The socket takes a moment: other chunks may be read meanwhile.
        await new Promise((r) => setImmediate(r));
        inFlight -= 1;
        const env = decodeEnvelope(payload);
        const c = bodyOf(env, 'firmwareChunk');
        sent.push({ sn, jobId: c.jobId!, offset: c.offset!, data: Buffer.from(c.data!), replyTo: env.replyTo });
        return true;
      },
      disconnect: () => {},
    };
  });
  for (const sn of ['DEVA', 'DEVB']) report.connected(sn, '127.0.0.1');
  const live = new Map([
    ['ja', job('ja', 'DEVA')],
    ['jb', job('jb', 'DEVB')],
  ]);
  const started: string[] = [];
  const relay = new ChunkRelay({
    links,
    logger: createLogger('silent'),
    concurrency,
    liveJob: (id) => live.get(id) ?? null,
    imagePath: (sha) => join(dir, `${sha}.hwfw`),
    started: (j) => {
      started.push(j.id);
      live.set(j.id, { ...j, state: 'downloading' });
    },
  });
  const ask = (sn: string, jobId: string, offset: number, length = 1000) =>
    relay.request(sn, `${sn}-${offset}`, { jobId, offset, length });
  return { relay, sent, live, started, ask, most: () => most };
}

function refusal(fn: () => void): ErrorCode {
  try {
    fn();
  } catch (err) {
    if (isHwbindError(err)) return err.code;
    throw err;
  }
  throw new Error('expected a refusal');
}

describe('the chunk relay', () => {
  it("serves the file's bytes at each offset, the last chunk cut at the image's end, answering each request", async () => {
    const t = setUp(4);
    for (let offset = 0; offset < image.length; offset += 1000) t.ask('DEVA', 'ja', offset);
    await t.relay.drained();
    expect(t.sent).toHaveLength(10);
    for (const c of t.sent) {
      expect(c.data).toEqual(image.subarray(c.offset, c.offset + 1000));
      expect(c.replyTo).toBe(`DEVA-${c.offset}`);
    }
    expect(t.started).toEqual(['ja']);
    expect(t.most()).toBeLessThanOrEqual(4);
    await t.relay.close();
  });

  it('takes devices in turn: a long queue does not hold back another device', async () => {
    const t = setUp(1);
    for (let k = 0; k < 6; k++) t.ask('DEVA', 'ja', k * 1000);
    t.ask('DEVB', 'jb', 0);
    t.ask('DEVB', 'jb', 1000);
    await t.relay.drained();
    expect(t.sent.map((c) => `${c.sn === 'DEVA' ? 'A' : 'B'}${c.offset / 1000}`)).toEqual([
      'A0',
      'A1',
      'B0',
      'A2',
      'B1',
      'A3',
      'A4',
      'A5',
    ]);
    expect(t.most()).toBe(1);
    await t.relay.close();
  });

  it('refuses an ended job, another device’s job, a chunk out of bounds, and a device asking out of turn', async () => {
    const t = setUp(1);
    expect(refusal(() => t.ask('DEVA', 'gone', 0))).toBe('fw_job_ended');
    expect(refusal(() => t.ask('DEVB', 'ja', 0))).toBe('fw_job_ended');
    expect(refusal(() => t.ask('DEVA', 'ja', image.length))).toBe('invalid_argument');
    expect(refusal(() => t.ask('DEVA', 'ja', 0, 1001))).toBe('invalid_argument');
    expect(refusal(() => t.ask('DEVA', 'ja', 0, 0))).toBe('invalid_argument');
    // One is being served; 32 more wait; the next one is one too many.
    for (let k = 0; k < 33; k++) t.ask('DEVA', 'ja', (k % 10) * 1000);
    expect(refusal(() => t.ask('DEVA', 'ja', 0))).toBe('busy');
    await t.relay.drained();
    expect(t.sent).toHaveLength(33);
    await t.relay.close();
  });

  it('a job that ends drops its waiting requests; nothing more is sent for it', async () => {
    const t = setUp(1);
    for (let k = 0; k < 5; k++) t.ask('DEVA', 'ja', k * 1000);
    t.ask('DEVB', 'jb', 0);
    const ended = t.live.get('ja')!;
    t.live.delete('ja');
    t.relay.forget(ended);
    await t.relay.drained();
    // The chunk already being read when the job ended is not sent either.
    expect(t.sent.map((c) => c.sn)).toEqual(['DEVB']);
    expect(refusal(() => t.ask('DEVA', 'ja', 0))).toBe('fw_job_ended');
    await t.relay.close();
  });
});
