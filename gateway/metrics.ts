// Prometheus metrics, one registry per gateway (so tests can run several in one process).
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import type { LinkStats } from '../protocol/serial-channel.js';

/** One serial port of the bridge, as the metrics read it at each scrape. */
export interface SerialPortReport {
  port: string;
  open: boolean;
  reopens: number;
  stats: LinkStats;
}

export class Metrics {
  readonly registry = new Registry();
  readonly connectedDevices = new Gauge({
    name: 'hwbind_connected_devices',
    help: 'Devices connected now',
    registers: [this.registry],
  });
  readonly authFailures = new Counter({
    name: 'hwbind_auth_failures_total',
    help: 'Refused device connects by reason code',
    labelNames: ['reason'],
    registers: [this.registry],
  });
  readonly connectsShed = new Counter({
    name: 'hwbind_connects_shed_total',
    help: 'Device connects answered CONNACK 3 at once because too many were being authenticated',
    registers: [this.registry],
  });
  readonly authSuccesses = new Counter({
    name: 'hwbind_auth_success_total',
    help: 'Accepted device connects',
    registers: [this.registry],
  });
  readonly messages = new Counter({
    name: 'hwbind_messages_total',
    help: 'Device messages by topic kind and direction',
    labelNames: ['topic', 'direction'],
    registers: [this.registry],
  });
  readonly refusals = new Counter({
    name: 'hwbind_refusals_total',
    help: 'Refused device messages and subscriptions by reason code',
    labelNames: ['reason'],
    registers: [this.registry],
  });
  readonly bindings = new Counter({
    name: 'hwbind_bindings_total',
    help: 'Binding transitions: created (pending), activated, removed, refused by the device',
    labelNames: ['event'],
    registers: [this.registry],
  });
  readonly bindActivation = new Histogram({
    name: 'hwbind_bind_activation_seconds',
    help: 'Time from a confirmed binding to the device acknowledging it',
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.5, 1, 5, 60, 3600],
    registers: [this.registry],
  });
  readonly webhookDeliveries = new Counter({
    name: 'hwbind_webhook_deliveries_total',
    help: 'Webhook delivery attempts by outcome (delivered, retry, abandoned)',
    labelNames: ['outcome'],
    registers: [this.registry],
  });
  readonly records = new Counter({
    name: 'hwbind_records_total',
    help: 'Records received by outcome: stored, refused (outside the usable range), duplicate (resent), rejected (not stored)',
    labelNames: ['outcome'],
    registers: [this.registry],
  });
  readonly storeLatency = new Histogram({
    name: 'hwbind_store_latency_seconds',
    help: 'Latency of store operations',
    labelNames: ['op'],
    buckets: [0.0001, 0.0005, 0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1],
    registers: [this.registry],
  });

  /** Read at each scrape: the log sink counts its drops, whoever created it. */
  private droppedLogLines: () => number = () => 0;
  readonly logLinesDropped = new Counter({
    name: 'hwbind_log_lines_dropped_total',
    help: 'Log lines dropped because the log output failed (a full disk, a closed pipe) or fell behind',
    registers: [this.registry],
    collect: () => {
      this.logLinesDropped.reset();
      this.logLinesDropped.inc(this.droppedLogLines());
    },
  });

  /** Read at each scrape: the serial ports keep their own counters, whoever reads them. */
  private serialPorts: () => SerialPortReport[] = () => [];
  readonly serialFrames: Counter<'port' | 'direction'> = new Counter({
    name: 'hwbind_serial_frames_total',
    help: 'Serial link frames by port and direction (in: frames that passed their CRC-32)',
    labelNames: ['port', 'direction'],
    registers: [this.registry],
    collect: () =>
      this.readSerial(this.serialFrames, (p) => [
        [{ port: p.port, direction: 'in' }, p.stats.frames],
        [{ port: p.port, direction: 'out' }, p.stats.framesOut],
      ]),
  });
  readonly serialFrameErrors: Counter<'port' | 'reason'> = new Counter({
    name: 'hwbind_serial_frame_errors_total',
    help: 'Serial frames dropped by port and reason: crc (bad CRC-32), malformed (bad COBS or link header), oversized',
    labelNames: ['port', 'reason'],
    registers: [this.registry],
    collect: () =>
      this.readSerial(this.serialFrameErrors, (p) => [
        [{ port: p.port, reason: 'crc' }, p.stats.crcErrors],
        [{ port: p.port, reason: 'malformed' }, p.stats.malformed + p.stats.badLinkFrames],
        [{ port: p.port, reason: 'oversized' }, p.stats.oversized],
      ]),
  });
  readonly serialRetransmits: Counter<'port'> = new Counter({
    name: 'hwbind_serial_retransmits_total',
    help: 'Serial DATA frames sent again by port (acknowledgement overdue, or a later frame arrived first)',
    labelNames: ['port'],
    registers: [this.registry],
    collect: () => this.readSerial(this.serialRetransmits, (p) => [[{ port: p.port }, p.stats.retransmits]]),
  });
  readonly serialDroppedBytes: Counter<'port'> = new Counter({
    name: 'hwbind_serial_dropped_bytes_total',
    help: 'Bytes thrown away on a serial port as noise or as parts of damaged frames',
    labelNames: ['port'],
    registers: [this.registry],
    collect: () => this.readSerial(this.serialDroppedBytes, (p) => [[{ port: p.port }, p.stats.droppedBytes]]),
  });
  readonly serialReopens: Counter<'port'> = new Counter({
    name: 'hwbind_serial_port_reopens_total',
    help: 'Serial ports opened again after they went away (unplugged and plugged back)',
    labelNames: ['port'],
    registers: [this.registry],
    collect: () => this.readSerial(this.serialReopens, (p) => [[{ port: p.port }, p.reopens]]),
  });
  readonly serialPortOpen: Gauge<'port'> = new Gauge({
    name: 'hwbind_serial_port_open',
    help: 'Whether a configured serial port is open now (1) or being waited for (0)',
    labelNames: ['port'],
    registers: [this.registry],
    collect: () => {
      this.serialPortOpen.reset();
      for (const p of this.serialPorts()) this.serialPortOpen.set({ port: p.port }, p.open ? 1 : 0);
    },
  });

  /** Per-topic children of `messages`, so the hot path does not hash a label object per message. */
  private readonly messageChildren = new Map<string, { inc(): void }>();

  constructor() {
    collectDefaultMetrics({ register: this.registry, prefix: 'hwbind_' });
  }

  reportDroppedLogLines(source: () => number): void {
    this.droppedLogLines = source;
  }

  reportSerialPorts(source: () => SerialPortReport[]): void {
    this.serialPorts = source;
  }

  private readSerial<L extends string>(
    counter: Counter<L>,
    values: (p: SerialPortReport) => [Partial<Record<L, string>>, number][],
  ): void {
    counter.reset();
    for (const p of this.serialPorts()) for (const [labels, n] of values(p)) counter.inc(labels, n);
  }

  countMessage(topic: string, direction: 'up' | 'down'): void {
    const key = `${direction}|${topic}`;
    let child = this.messageChildren.get(key);
    if (!child) {
      child = this.messages.labels(topic, direction);
      this.messageChildren.set(key, child);
    }
    child.inc();
  }

  /** Times an async store call. */
  async timeStore<T>(op: string, fn: () => Promise<T>): Promise<T> {
    const end = this.storeLatency.startTimer({ op });
    try {
      return await fn();
    } finally {
      end();
    }
  }
}
