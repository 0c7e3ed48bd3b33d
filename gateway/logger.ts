// pino: human-readable on a terminal, JSON lines otherwise (CI, services, log shippers).
// Logging must never stop the service. pino's own destinations retry a failed synchronous flush
// forever (a full disk wedged the gateway at exit, deaf to SIGTERM) and Node's stdio streams throw
// on a failed write, so lines go through a LogSink: asynchronous writes that drop, and count, what
// the output cannot take.
import { write } from 'node:fs';
import pino, { type Logger } from 'pino';
import { prettyFactory } from 'pino-pretty';

export type { Logger };

/** How long writes may stall (EAGAIN on a full pipe) before lines are retried. */
const RETRY_MS = 20;

export class LogSink {
  /** Lines dropped because the output failed (a full disk, a closed pipe) or fell too far behind. */
  dropped = 0;
  private queue: string[] = [];
  private queuedBytes = 0;
  private writing = false;
  private idle: (() => void)[] = [];

  /** `maxQueuedBytes`: what may wait for a slow output before new lines are dropped. */
  constructor(
    private readonly fd: number,
    private readonly maxQueuedBytes = 1024 * 1024,
  ) {}

  /** Takes one log line; never blocks and never throws. */
  write(line: string): boolean {
    if (this.queuedBytes + line.length > this.maxQueuedBytes) {
      this.dropped++;
      return true;
    }
    this.queue.push(line);
    this.queuedBytes += line.length;
    if (!this.writing) this.writeQueued();
    return true;
  }

  /** Resolves once every queued line is written or dropped, or after `timeoutMs` if the output stalls. */
  drained(timeoutMs: number): Promise<void> {
    if (!this.writing) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, timeoutMs);
      this.idle.push(() => {
        clearTimeout(timer);
        resolve();
      });
    });
  }

  /** Counts a line some other writer (stdout, stderr) failed to write. */
  countDropped(): void {
    this.dropped++;
  }

  private writeQueued(): void {
    const lines = this.queue.length;
    const data = Buffer.from(this.queue.join(''));
    this.queue = [];
    this.queuedBytes = 0;
    this.writing = true;
    this.writeBuffer(data, lines);
  }

  private writeBuffer(data: Buffer, lines: number): void {
    write(this.fd, data, 0, data.length, null, (err, written) => {
      if (err && (err.code === 'EAGAIN' || err.code === 'EWOULDBLOCK')) {
        setTimeout(() => this.writeBuffer(data, lines), RETRY_MS).unref();
        return;
      }
      if (err) this.dropped += lines;
      else if (written < data.length) return this.writeBuffer(data.subarray(written), lines);
      this.writing = false;
      if (this.queue.length) return this.writeQueued();
      const idle = this.idle;
      this.idle = [];
      for (const resolve of idle) resolve();
    });
  }
}

/** A failed write to stdout or stderr (a full disk, a closed pipe) is a dropped line, not a crash. */
export function tolerateStdioErrors(sink: LogSink): void {
  for (const stream of [process.stdout, process.stderr]) stream.on('error', () => sink.countDropped());
}

export function createLogger(level = 'info', opts: { pretty?: boolean; sink?: LogSink } = {}): Logger {
  const sink = opts.sink ?? new LogSink(1);
  const pretty = opts.pretty ?? (process.stdout.isTTY === true && !process.env.CI);
  if (pretty) {
    const format = prettyFactory({ colorize: true, translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname' });
    return pino({ level }, { write: (line: string) => sink.write(format(line)) });
  }
  return pino({ level, base: undefined }, sink);
}
