// Prometheus metrics, one registry per gateway (so tests can run several in one process).
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';

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

  /** Per-topic children of `messages`, so the hot path does not hash a label object per message. */
  private readonly messageChildren = new Map<string, { inc(): void }>();

  constructor() {
    collectDefaultMetrics({ register: this.registry, prefix: 'hwbind_' });
  }

  reportDroppedLogLines(source: () => number): void {
    this.droppedLogLines = source;
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
