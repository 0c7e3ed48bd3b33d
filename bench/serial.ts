// The serial benchmark (`hwbind bench --only serial`): how much of a line's rate the serial link
// turns into delivered envelope bytes. Two socat pty pairs joined by a relay paced at the baud rate
// (10 bits a byte: a pty has no line rate of its own), a link endpoint on each outer end, and one
// side sending 16 KiB messages (an OTA chunk fitted to 115200 baud, a part of a directory sync) for
// a few seconds of line time. Frames, CRCs, COBS, acknowledgements and pacing are all real.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { systemClock } from '../protocol/clock.js';
import { LinkEndpoint } from '../protocol/serial-channel.js';
import { lineRate, TOPIC_CODES } from '../protocol/serial-link.js';
import { SerialLine } from '../protocol/serial-port.js';
import { LineRelay, startPtyPair } from './serial-line.js';

export interface SerialResult {
  baud: number;
  /** Envelope bytes delivered per second, acknowledged and in order. */
  payloadBytesPerSec: number;
  /** payloadBytesPerSec ÷ the line's bytes per second (baud / 10). */
  lineFraction: number;
  bytes: number;
  seconds: number;
  retransmits: number;
}

const MESSAGE = 16 * 1024;
const timers = {
  setTimeout: (fn: () => void, ms: number) => setTimeout(fn, ms),
  clearTimeout: (h: unknown) => clearTimeout(h as NodeJS.Timeout),
};

async function once(baud: number, lineSeconds: number): Promise<SerialResult> {
  const dir = mkdtempSync(join(tmpdir(), 'hwbind-bench-serial-'));
  const near = await startPtyPair(dir, 'near');
  const far = await startPtyPair(dir, 'far');
  const relay = new LineRelay(near.b, far.b, { baud });
  relay.start();
  let delivered = 0;
  let lastAt = 0;
  let lost = false;
  const end = (path: string) => {
    const endpoint: LinkEndpoint = new LinkEndpoint({
      clock: systemClock,
      timers,
      baud,
      maxMessage: 1 << 20,
      write: (wire) => line.write(wire),
      onControl: () => {},
      onMessage: (_, bytes) => {
        delivered += bytes.length;
        lastAt = performance.now();
      },
      onOversized: () => {},
      onStray: () => {},
      onDead: () => {
        lost = true;
      },
    });
    const line = new SerialLine({ spec: { path, baud }, reopen: false, onData: (c) => endpoint.input(c) });
    return { endpoint, line };
  };
  const sender = end(near.a);
  const receiver = end(far.a);
  try {
    await Promise.all([sender.line.openOnce(), receiver.line.openOnce()]);
    // The relay opens its ends too: a moment for it before the clock starts.
    await new Promise((r) => setTimeout(r, 200));
    sender.endpoint.open(receiver.endpoint.limits);
    receiver.endpoint.open(sender.endpoint.limits);
    const count = Math.max(2, Math.round((lineRate(baud) * lineSeconds) / MESSAGE));
    const total = count * MESSAGE;
    const message = Buffer.alloc(MESSAGE, 0x5a);
    const startAt = performance.now();
    for (let i = 0; i < count; i++) sender.endpoint.send(TOPIC_CODES['down/firmware'], message);
    const deadline = Date.now() + lineSeconds * 4000 + 10_000;
    while (delivered < total) {
      if (lost) throw new Error(`serial ${baud}: a frame went unacknowledged through every retry`);
      if (Date.now() > deadline) throw new Error(`serial ${baud}: ${delivered} of ${total} bytes delivered in time`);
      await new Promise((r) => setTimeout(r, 20));
    }
    const seconds = (lastAt - startAt) / 1000;
    const payloadBytesPerSec = Math.round(total / seconds);
    return {
      baud,
      payloadBytesPerSec,
      lineFraction: Math.round((payloadBytesPerSec / lineRate(baud)) * 1000) / 1000,
      bytes: total,
      seconds: Math.round(seconds * 100) / 100,
      retransmits: sender.endpoint.stats.retransmits,
    };
  } finally {
    sender.endpoint.dispose();
    receiver.endpoint.dispose();
    await relay.stop();
    await Promise.all([sender.line.stop(), receiver.line.stop()]);
    await Promise.all([near.stop(), far.stop()]);
    rmSync(dir, { recursive: true, force: true });
  }
}

/** 115200 and 921600 baud: a few seconds of line time each in quick mode, longer in full. */
export async function serialBench(quick: boolean): Promise<SerialResult[]> {
  const out: SerialResult[] = [];
  for (const baud of [115_200, 921_600]) out.push(await once(baud, quick ? 3 : 15));
  return out;
}

/** Rows of the results table. */
export function serialRows(results: SerialResult[] | undefined): string[][] {
  return (results ?? []).map((s) => [
    `serial link at ${s.baud} baud: payload (B/s, share of line)`,
    `${s.payloadBytesPerSec} (${Math.round(s.lineFraction * 100)} %)`,
    '',
    s.baud !== 115_200 ? '' : s.lineFraction >= 0.8 ? '≥ 80 %' : '< 80 %',
    '',
  ]);
}
