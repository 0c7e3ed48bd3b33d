// A serial port for the link (serialport 13), opened again after it goes away: a USB-UART unplugged
// and plugged back, a pty pair restarted. The gateway's bridge, `hwbind flash` and the simulator all
// open their lines here; what they say on them is serial-channel.ts.
import { SerialPort } from 'serialport';
import { HwbindError } from './errors.js';
import type { PortSpec } from './serial-link.js';

export interface SerialLineOptions {
  spec: PortSpec;
  onData(chunk: Buffer): void;
  /** The port is open (the first time, or again after a loss). */
  onOpen?(): void;
  /**
   * The port closed, or could not be opened; with `reopen` it is tried again in `retryMs`
   * (doubling from 250 ms to 5 s while it stays away).
   */
  onClosed?(err: Error | null, retryMs: number | null): void;
  reopen: boolean;
}

const FIRST_RETRY_MS = 250;
const LAST_RETRY_MS = 5000;

export class SerialLine {
  private port: SerialPort | null = null;
  private stopped = true;
  private retryMs = FIRST_RETRY_MS;
  private retryTimer: NodeJS.Timeout | null = null;
  /** Times the port opened again after a loss. */
  reopens = 0;
  private everOpened = false;

  constructor(private readonly o: SerialLineOptions) {}

  get isOpen(): boolean {
    return this.port?.isOpen === true;
  }

  get path(): string {
    return this.o.spec.path;
  }

  /** Starts opening the port (and keeps trying with `reopen`). */
  start(): void {
    this.stopped = false;
    this.tryOpen();
  }

  /** Opens the port once; rejects with a clear error when it cannot. */
  async openOnce(): Promise<void> {
    this.stopped = false;
    const port = this.create();
    await new Promise<void>((resolve, reject) =>
      port.open((err) => {
        if (!err) return resolve();
        this.port = null;
        reject(new HwbindError('invalid_argument', `cannot open serial port ${this.o.spec.path}: ${err.message}`));
      }),
    );
  }

  /** Hands bytes to the port; while it is away they are lost (the link's retries cover that). */
  write(bytes: Buffer): void {
    if (this.port?.isOpen) this.port.write(bytes);
  }

  /** Waits until what was written has left for the line. */
  drain(): Promise<void> {
    const port = this.port;
    if (!port?.isOpen) return Promise.resolve();
    return new Promise((resolve) => port.drain(() => resolve()));
  }

  /** Closes the port for good. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
    const port = this.port;
    this.port = null;
    if (port?.isOpen) await new Promise<void>((resolve) => port.close(() => resolve()));
  }

  private create(): SerialPort {
    const port = new SerialPort({ path: this.o.spec.path, baudRate: this.o.spec.baud, autoOpen: false });
    this.port = port;
    port.on('data', (chunk: Buffer) => {
      if (this.port === port) this.o.onData(chunk);
    });
    port.on('error', (err) => this.lost(port, err));
    port.on('close', (err: (Error & { disconnected?: boolean }) | null) => this.lost(port, err ?? null));
    return port;
  }

  private tryOpen(): void {
    if (this.stopped) return;
    const port = this.create();
    port.open((err) => {
      if (this.port !== port) return;
      if (err) return this.lost(port, err);
      this.retryMs = FIRST_RETRY_MS;
      if (this.everOpened) this.reopens++;
      this.everOpened = true;
      this.o.onOpen?.();
    });
  }

  private lost(port: SerialPort, err: Error | null): void {
    if (this.port !== port) return;
    this.port = null;
    if (port.isOpen) port.close(() => {});
    if (this.stopped) return;
    const retry = this.o.reopen ? this.retryMs : null;
    this.o.onClosed?.(err, retry);
    if (retry === null) return;
    this.retryMs = Math.min(LAST_RETRY_MS, this.retryMs * 2);
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      this.tryOpen();
    }, retry);
  }
}
