// Serial lines for the benchmark and the tests: socat pseudo-terminal pairs (a device on one end,
// the gateway on the other), and a relay that joins two pairs into one line, paced at a baud rate
// (a pty has no line rate of its own) and, if asked, noisy: garbage inserted, bits flipped, bytes
// dropped, from a seeded generator so a run can be repeated.
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { lineRate } from '../protocol/serial-link.js';
import { SerialLine } from '../protocol/serial-port.js';

export interface PtyPair {
  /** The two ends: what one writes, the other reads. */
  a: string;
  b: string;
  /** Kills socat: both ends vanish, as when a USB-UART is unplugged. */
  unplug(): Promise<void>;
  /** Starts socat again with the same link names. */
  plug(): Promise<void>;
  stop(): Promise<void>;
}

/** A socat pty pair whose ends are the links `dir/name-a` and `dir/name-b`. */
export async function startPtyPair(dir: string, name: string): Promise<PtyPair> {
  const a = join(dir, `${name}-a`);
  const b = join(dir, `${name}-b`);
  let proc: ChildProcess | null = null;
  let output = '';
  const plug = async () => {
    rmSync(a, { force: true });
    rmSync(b, { force: true });
    const p = spawn('socat', ['-d', '-d', `pty,raw,echo=0,link=${a}`, `pty,raw,echo=0,link=${b}`], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    p.stderr!.on('data', (d) => (output += d));
    proc = p;
    const deadline = Date.now() + 10_000;
    while (!existsSync(a) || !existsSync(b)) {
      if (p.exitCode !== null || Date.now() > deadline) throw new Error(`socat did not start:\n${output}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  };
  const unplug = async () => {
    const p = proc;
    proc = null;
    if (!p || p.exitCode !== null) return;
    const exited = new Promise((r) => p.once('exit', r));
    p.kill('SIGTERM');
    await exited;
  };
  await plug();
  return { a, b, plug, unplug, stop: unplug };
}

export interface Noise {
  /** Probability per byte of a run of 1–16 random bytes inserted before it. */
  garbage: number;
  /** Probability per byte of one of its bits flipped. */
  flip: number;
  /** Probability per byte of it being lost. */
  drop: number;
}

export interface RelayStats {
  bytes: number;
  garbageRuns: number;
  flips: number;
  dropped: number;
}

/**
 * Joins `left` and `right` (each the relay's end of a pty pair) into one line: bytes pass both ways,
 * at `baud` (10 bits a byte) when given, through `noise` when set.
 */
export class LineRelay {
  readonly stats: RelayStats = { bytes: 0, garbageRuns: 0, flips: 0, dropped: 0 };
  /** The noise on bytes going from left to right, and from right to left. */
  toRight: Noise | null;
  toLeft: Noise | null;
  private readonly ends: SerialLine[];
  private readonly lanes: Lane[];
  private seed: number;

  constructor(left: string, right: string, o: { baud?: number; noise?: Noise; seed?: number } = {}) {
    this.toRight = o.noise ?? null;
    this.toLeft = o.noise ?? null;
    this.seed = o.seed ?? 1;
    const spec = (path: string) => ({ path, baud: o.baud ?? 115200 });
    const lanes: Lane[] = [];
    this.ends = [left, right].map(
      (path, i) =>
        new SerialLine({
          spec: spec(path),
          reopen: true,
          onData: (chunk) => lanes[i]!.push(this.pass(chunk, i === 0 ? this.toRight : this.toLeft)),
        }),
    );
    const [l, r] = this.ends as [SerialLine, SerialLine];
    lanes.push(new Lane(r, o.baud), new Lane(l, o.baud));
    this.lanes = lanes;
  }

  /** The same noise both ways (null: a clean line). */
  set noise(noise: Noise | null) {
    this.toRight = noise;
    this.toLeft = noise;
  }

  start(): void {
    for (const e of this.ends) e.start();
  }

  async stop(): Promise<void> {
    for (const lane of this.lanes) lane.stop();
    await Promise.all(this.ends.map((e) => e.stop()));
  }

  /** mulberry32: 32-bit state, exact in integer arithmetic (Math.imul). */
  private random(): number {
    this.seed = (this.seed + 0x6d2b79f5) | 0;
    let t = Math.imul(this.seed ^ (this.seed >>> 15), 1 | this.seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  private pass(chunk: Buffer, n: Noise | null): Buffer {
    this.stats.bytes += chunk.length;
    if (!n) return chunk;
    const out: number[] = [];
    for (const byte of chunk) {
      if (this.random() < n.garbage) {
        this.stats.garbageRuns++;
        const run = 1 + Math.floor(this.random() * 16);
        for (let i = 0; i < run; i++) out.push(Math.floor(this.random() * 256));
      }
      if (this.random() < n.drop) {
        this.stats.dropped++;
        continue;
      }
      if (this.random() < n.flip) {
        this.stats.flips++;
        out.push(byte ^ (1 << Math.floor(this.random() * 8)));
        continue;
      }
      out.push(byte);
    }
    return Buffer.from(out);
  }
}

/** One direction of the relay: bytes queued and written at the line rate. */
class Lane {
  private readonly queue: Buffer[] = [];
  private queued = 0;
  private budget = 0;
  private last = performance.now();
  private timer: NodeJS.Timeout | null = null;
  private readonly perMs: number;

  constructor(
    private readonly out: SerialLine,
    baud: number | undefined,
  ) {
    this.perMs = baud ? lineRate(baud) / 1000 : Number.POSITIVE_INFINITY;
  }

  push(chunk: Buffer): void {
    if (chunk.length === 0) return;
    this.queue.push(chunk);
    this.queued += chunk.length;
    if (!this.timer) this.pump();
  }

  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private pump(): void {
    this.timer = null;
    const now = performance.now();
    // A line idle for a while does not bank time: at most 10 ms of bytes go at once.
    this.budget = Math.min(this.budget + (now - this.last) * this.perMs, Math.max(64, 10 * this.perMs));
    this.last = now;
    const n = Math.min(this.queued, Math.floor(this.budget));
    if (n > 0) {
      const all = Buffer.concat(this.queue);
      this.out.write(all.subarray(0, n));
      this.queue.length = 0;
      if (n < all.length) this.queue.push(all.subarray(n));
      this.queued -= n;
      this.budget -= n;
    }
    if (this.queued > 0) this.timer = setTimeout(() => this.pump(), 1);
  }
}
