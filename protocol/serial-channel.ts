// One end of a serial link (protocol §9), without the port: bytes in, bytes out, time injected.
// Messages are split into DATA frames of at most the peer's fragment size and sent inside a
// window of unacknowledged frames; the receiver puts them back in order, reassembles messages and
// acknowledges with the next seq it expects plus a bitmap of what it holds beyond it. A frame is
// sent again when its acknowledgement is overdue, or at once when the peer holds a frame sent
// after it: a serial line keeps its bytes in order, so that frame was lost. Writes are paced at
// the line rate, so at most a short burst waits in the port's buffers and retry timers measure the
// line rather than a queue. Control frames and acknowledgements go ahead of data.
import type { Clock } from './clock.js';
import { encodeFrame, FrameDecoder, type FrameStats } from './frame.js';
import {
  type ControlFrame,
  DATA_HEADER,
  type DataFrame,
  DEFAULT_LIMITS,
  decodeLinkFrame,
  encodeLinkFrame,
  FIRST_HEADER,
  type LinkLimits,
  lineRate,
  MAX_WINDOW,
  wireBytes,
} from './serial-link.js';

export interface LinkTimers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

/** Retries of one frame before the peer counts as gone. */
export const MAX_RETRIES = 8;
/** Slack for the peer to turn a frame into its acknowledgement (a busy event loop, an interrupt). */
const TURNAROUND_MS = 150;
const IDLE = Buffer.from([0]);

export interface LinkEndpointOptions {
  clock: Clock;
  timers: LinkTimers;
  baud: number;
  /** Hands wire bytes (whole frames) to the port. */
  write(wire: Buffer): void;
  /** What this side accepts: announced to the peer in AUTH / AUTH_OK. */
  limits?: LinkLimits;
  /** Largest message reassembled; a larger one is thrown away as it arrives and reported. */
  maxMessage: number;
  onControl(frame: ControlFrame): void;
  onMessage(topic: number, message: Buffer): void;
  onOversized(topic: number, total: number): void;
  /** DATA arrived while no session is open (the peer holds one this side does not). */
  onStray(): void;
  /** A frame went unacknowledged through every retry: the peer is gone. */
  onDead(): void;
}

export interface LinkStats extends FrameStats {
  /** Frames written. */
  framesOut: number;
  /** Frames that passed their CRC but are not link frames, or break the fragment order. */
  badLinkFrames: number;
  retransmits: number;
  /** DATA frames received again (their acknowledgement was lost or late). */
  duplicates: number;
  messagesIn: number;
  messagesOut: number;
  /** Message bytes delivered and sent (envelopes, without link overhead). */
  bytesIn: number;
  bytesOut: number;
}

interface TxFrame {
  seq: number;
  wire: Buffer;
  /** Transmission order of its first and latest sending. */
  firstTx: number;
  lastTx: number;
  retries: number;
  deadline: number;
  sacked: boolean;
  queued: boolean;
}

interface Assembly {
  topic: number;
  total: number;
  parts: Buffer[];
  size: number;
  oversized: boolean;
}

export class LinkEndpoint {
  readonly limits: LinkLimits;
  private decoder = new FrameDecoder();
  private readonly pastFrameStats: FrameStats = {
    frames: 0,
    crcErrors: 0,
    malformed: 0,
    oversized: 0,
    droppedBytes: 0,
  };
  private readonly counts = {
    framesOut: 0,
    badLinkFrames: 0,
    retransmits: 0,
    duplicates: 0,
    messagesIn: 0,
    messagesOut: 0,
    bytesIn: 0,
    bytesOut: 0,
  };
  private peer: LinkLimits | null = null;
  // sending
  private readonly controls: Buffer[] = [];
  private ackDue = false;
  private readonly outgoing: { topic: number; bytes: Uint8Array; offset: number }[] = [];
  private inflight: TxFrame[] = [];
  private resend: TxFrame[] = [];
  private txSeq = 0;
  private txCount = 0;
  private lineFreeAt = 0;
  private pumpTimer: unknown = null;
  private retryTimer: unknown = null;
  private retryAt = Number.POSITIVE_INFINITY;
  // receiving
  private rxNext = 0;
  private readonly held = new Map<number, DataFrame>();
  private assembly: Assembly | null = null;
  private readonly bytesPerMs: number;

  constructor(private readonly o: LinkEndpointOptions) {
    this.limits = o.limits ?? DEFAULT_LIMITS;
    this.bytesPerMs = lineRate(o.baud) / 1000;
  }

  get stats(): LinkStats {
    const d = this.decoder.stats;
    const p = this.pastFrameStats;
    return {
      frames: p.frames + d.frames,
      crcErrors: p.crcErrors + d.crcErrors,
      malformed: p.malformed + d.malformed,
      oversized: p.oversized + d.oversized,
      droppedBytes: p.droppedBytes + d.droppedBytes,
      ...this.counts,
    };
  }

  /** Whether a session is open (data flows). */
  get isOpen(): boolean {
    return this.peer !== null;
  }

  /** Messages and frames not yet acknowledged by the peer. */
  get backlog(): number {
    return this.outgoing.length + this.inflight.length;
  }

  /** Bytes from the port. */
  input(chunk: Uint8Array): void {
    for (const payload of this.decoder.push(chunk)) {
      let frame: ReturnType<typeof decodeLinkFrame>;
      try {
        frame = decodeLinkFrame(payload);
      } catch {
        this.counts.badLinkFrames++;
        continue;
      }
      if (frame.type === 'data') this.onData(frame);
      else if (frame.type === 'ack') this.onAck(frame.next, frame.sack);
      else this.o.onControl(frame);
    }
    if (this.ackDue) this.pump();
  }

  /** The port was closed and opened again: a frame cut in half is noise, not the start of the next. */
  lineReset(): void {
    const d = this.decoder.stats;
    for (const k of Object.keys(d) as (keyof FrameStats)[]) this.pastFrameStats[k] += d[k];
    this.decoder = new FrameDecoder();
    this.lineFreeAt = 0;
  }

  /** Sends a control frame ahead of any data. */
  control(frame: ControlFrame): void {
    this.controls.push(encodeFrame(encodeLinkFrame(frame)));
    this.pump();
  }

  /** Opens a fresh session with the peer's limits: sequence numbers from 0, nothing queued. */
  open(peer: LinkLimits): void {
    this.reset();
    this.peer = { window: Math.min(peer.window, MAX_WINDOW), maxFragment: peer.maxFragment };
  }

  /** Ends the session: what is queued or unacknowledged is dropped, and DATA is stray until the next open. */
  close(): void {
    this.reset();
    this.peer = null;
  }

  /** Queues a message for the peer; false when no session is open. */
  send(topic: number, message: Uint8Array): boolean {
    if (!this.peer) return false;
    this.outgoing.push({ topic, bytes: message, offset: 0 });
    this.counts.messagesOut++;
    this.counts.bytesOut += message.length;
    this.pump();
    return true;
  }

  /** Stops timers (the port is gone for good). */
  dispose(): void {
    this.close();
    this.controls.length = 0;
    this.o.timers.clearTimeout(this.pumpTimer);
  }

  private reset(): void {
    this.outgoing.length = 0;
    this.inflight = [];
    this.resend = [];
    this.held.clear();
    this.assembly = null;
    this.txSeq = 0;
    this.rxNext = 0;
    this.ackDue = false;
    this.o.timers.clearTimeout(this.retryTimer);
    this.retryTimer = null;
    this.retryAt = Number.POSITIVE_INFINITY;
  }

  // ---- receiving ----

  private onData(f: DataFrame): void {
    if (!this.peer) return this.o.onStray();
    this.ackDue = true;
    const ahead = (f.seq - this.rxNext) & 0xffff;
    if (ahead >= 0x8000 || this.held.has(f.seq)) {
      this.counts.duplicates++;
      return;
    }
    // Beyond the window this side announced: the sender breaks the contract; its retry brings it.
    if (ahead >= this.limits.window) return;
    this.held.set(f.seq, f);
    for (let next = this.held.get(this.rxNext); next; next = this.held.get(this.rxNext)) {
      this.held.delete(this.rxNext);
      this.rxNext = (this.rxNext + 1) & 0xffff;
      this.assemble(next);
      if (!this.peer) return; // the message ended the session
    }
  }

  private assemble(f: DataFrame): void {
    if (f.start) {
      if (this.assembly) this.counts.badLinkFrames++; // a message cut short by its sender
      this.assembly = { ...f.start, parts: [], size: 0, oversized: f.start.total > this.o.maxMessage };
    }
    const m = this.assembly;
    if (!m) {
      this.counts.badLinkFrames++;
      return;
    }
    m.size += f.data.length;
    if (!m.oversized) m.parts.push(f.data);
    if (m.size > m.total) {
      this.counts.badLinkFrames++;
      this.assembly = null;
      return;
    }
    if (!f.last) return;
    this.assembly = null;
    if (m.oversized) return this.o.onOversized(m.topic, m.total);
    if (m.size !== m.total) {
      this.counts.badLinkFrames++;
      return;
    }
    this.counts.messagesIn++;
    this.counts.bytesIn += m.size;
    this.o.onMessage(m.topic, m.parts.length === 1 ? m.parts[0]! : Buffer.concat(m.parts, m.size));
  }

  private ackFrame(): Buffer {
    let sack = 0;
    for (let i = 0; i < 32; i++) if (this.held.has((this.rxNext + 1 + i) & 0xffff)) sack |= 1 << i;
    return encodeFrame(encodeLinkFrame({ type: 'ack', next: this.rxNext, sack }));
  }

  // ---- acknowledgements ----

  private onAck(next: number, sack: number): void {
    const first = this.inflight[0];
    if (!this.peer || !first) return;
    const acked = (next - first.seq) & 0xffff;
    // An acknowledgement of nothing this side has in flight (a stale one from an earlier session).
    if (acked > this.inflight.length) return;
    let confirmedTx = -1;
    for (const f of this.inflight.splice(0, acked)) {
      confirmedTx = Math.max(confirmedTx, f.firstTx);
      f.sacked = true; // a queued retransmission of it is skipped
    }
    // In-flight seqs are consecutive and the first is now `next`: bit i is inflight[1 + i].
    for (let i = 0; i < 32 && 1 + i < this.inflight.length; i++) {
      if (!(sack & (1 << i))) continue;
      const f = this.inflight[1 + i]!;
      f.sacked = true;
      confirmedTx = Math.max(confirmedTx, f.firstTx);
    }
    // The line keeps order: a frame last sent before one the peer holds, and not held, was lost.
    for (const f of this.inflight) {
      if (!f.sacked && !f.queued && f.lastTx < confirmedTx) this.queueResend(f);
    }
    this.pump();
  }

  private queueResend(f: TxFrame): void {
    f.queued = true;
    this.resend.push(f);
  }

  private armRetry(): void {
    let earliest = Number.POSITIVE_INFINITY;
    for (const f of this.inflight) if (!f.sacked && !f.queued) earliest = Math.min(earliest, f.deadline);
    if (earliest === this.retryAt) return;
    this.o.timers.clearTimeout(this.retryTimer);
    this.retryTimer = null;
    this.retryAt = earliest;
    if (earliest === Number.POSITIVE_INFINITY) return;
    this.retryTimer = this.o.timers.setTimeout(() => this.onRetryTimer(), Math.max(0, earliest - this.o.clock.now()));
  }

  private onRetryTimer(): void {
    this.retryTimer = null;
    this.retryAt = Number.POSITIVE_INFINITY;
    const now = this.o.clock.now();
    for (const f of this.inflight) {
      if (f.sacked || f.queued || f.deadline > now) continue;
      if (f.retries >= MAX_RETRIES) {
        this.close();
        this.o.onDead();
        return;
      }
      this.queueResend(f);
    }
    this.pump();
  }

  // ---- sending ----

  /** Milliseconds of line time a frame of this payload takes. */
  private lineMs(payload: number): number {
    return wireBytes(payload) / this.bytesPerMs;
  }

  /** How far ahead of the line the writer may run: two full frames, at least 20 ms. */
  private burstMs(): number {
    const fragment = Math.max(this.limits.maxFragment, this.peer?.maxFragment ?? 0);
    return Math.max(20, 2 * this.lineMs(DATA_HEADER + FIRST_HEADER + fragment));
  }

  private pump(): void {
    this.o.timers.clearTimeout(this.pumpTimer);
    this.pumpTimer = null;
    for (;;) {
      const now = this.o.clock.now();
      const ahead = this.lineFreeAt - now;
      if (ahead > this.burstMs()) {
        this.pumpTimer = this.o.timers.setTimeout(() => this.pump(), Math.ceil(ahead - this.burstMs()));
        break;
      }
      if (!this.writeNext(now)) break;
    }
    this.armRetry();
  }

  /** Writes the most urgent frame waiting; false when nothing waits. */
  private writeNext(now: number): boolean {
    const control = this.controls.shift();
    if (control) {
      this.put(control, now);
      return true;
    }
    if (this.ackDue) {
      this.ackDue = false;
      this.put(this.ackFrame(), now);
      return true;
    }
    for (let f = this.resend.shift(); f; f = this.resend.shift()) {
      f.queued = false;
      if (f.sacked) continue;
      f.retries++;
      this.counts.retransmits++;
      this.transmit(f, now);
      return true;
    }
    const peer = this.peer;
    if (!peer || this.inflight.length >= peer.window) return false;
    const m = this.outgoing[0];
    if (!m) return false;
    const size = Math.min(peer.maxFragment, m.bytes.length - m.offset);
    const start = m.offset === 0 ? { topic: m.topic, total: m.bytes.length } : null;
    const data = Buffer.from(m.bytes.buffer, m.bytes.byteOffset + m.offset, size);
    m.offset += size;
    const last = m.offset >= m.bytes.length;
    if (last) this.outgoing.shift();
    const seq = this.txSeq;
    this.txSeq = (this.txSeq + 1) & 0xffff;
    const wire = encodeFrame(encodeLinkFrame({ type: 'data', seq, start, last, data }));
    const f: TxFrame = { seq, wire, firstTx: -1, lastTx: -1, retries: 0, deadline: 0, sacked: false, queued: false };
    this.inflight.push(f);
    this.transmit(f, now);
    return true;
  }

  private transmit(f: TxFrame, now: number): void {
    this.put(f.wire, now);
    f.lastTx = this.txCount;
    if (f.firstTx < 0) f.firstTx = f.lastTx;
    // Due once the frame has crossed the line and the peer had time to answer behind its own burst.
    f.deadline = this.lineFreeAt + (TURNAROUND_MS + this.burstMs()) * 2 ** Math.min(f.retries, 3);
  }

  private put(wire: Buffer, now: number): void {
    this.txCount++;
    this.counts.framesOut++;
    // After a pause a 0x00 goes first: noise on the idle line then ends before the frame starts.
    const out = this.lineFreeAt < now ? Buffer.concat([IDLE, wire]) : wire;
    this.lineFreeAt = Math.max(this.lineFreeAt, now) + out.length / this.bytesPerMs;
    this.o.write(out);
  }
}
