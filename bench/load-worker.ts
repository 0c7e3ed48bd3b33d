// A load process for benchmarks: holds many raw MQTT 3.1.1 connections and publishes on command.
// Packets are pre-encoded and written in batches, so the load generator costs little and the
// broker under test is what gets measured. Runs as a child process (its own file-descriptor
// budget and core), driven over IPC. Devices connected with `answer` behave like firmware towards
// the gateway: they subscribe to their down topics, heartbeat, acknowledge BindNotices and DirectorySyncs,
// and can send RecordBatches, one at a time, each after the RecordAck of the previous one.
import { type Socket, connect as tcpConnect } from 'node:net';
import mqttPacket from 'mqtt-packet';
import { signDeviceCredentials } from '../protocol/credentials.js';
import { type BodyOf, decodeEnvelope, encodeEnvelope, envelope } from '../protocol/messages.js';
import { deviceSubscription, topicFor } from '../protocol/topics.js';

export type WorkerCommand =
  | {
      type: 'connect';
      url: string;
      devices: { sn: string; secret: string | null }[];
      concurrency: number;
      localAddress?: string;
      /** Subscribe to the device's down topics and answer the gateway as firmware does. */
      answer?: boolean;
    }
  | { type: 'publish'; perDevice: number; qos: 0 | 1; devices: number }
  /** Every device sends a QoS 0 heartbeat once per interval, spread evenly over it. */
  | { type: 'heartbeat'; intervalMs: number }
  | { type: 'stats' }
  /** Every device sends `batches` RecordBatches of `size` records by `users`, each after the previous one's RecordAck. */
  | { type: 'records'; batches: number; size: number; users: string[] }
  | { type: 'close' };

export type WorkerEvent =
  | { type: 'connected'; ok: number; failed: number; firstError?: string; ms: number }
  | { type: 'published'; messages: number; ms: number }
  | { type: 'heartbeating' }
  | { type: 'stats'; bindNotices: number; heartbeats: number }
  | { type: 'recorded'; records: number; stored: number; rejected: number; ms: number }
  | { type: 'closed' };

const send = (e: WorkerEvent) => process.send!(e);

/** Packet ids of a device's own messages: answers on up/reply, record batches; publish() numbers below them. */
const REPLY_ID = 65535;
const RECORDS_ID = 65534;
const SUBSCRIBE_ID = 1;

const tally = { bindNotices: 0, heartbeats: 0 };

/**
 * One device connection: CONNECT/CONNACK (and SUBSCRIBE/SUBACK), then PUBLISH batches and PUBACK
 * counting; a PUBLISH from the gateway is decoded only when it arrives, which is rare.
 */
class RawDevice {
  private buf: Buffer = Buffer.alloc(0);
  private onConnack: ((rc: number) => void) | null = null;
  private onSuback: ((granted: number) => void) | null = null;
  private heartbeatPacket: Buffer | null = null;
  private waitingAck: { id: string; resolve: (ack: BodyOf<'recordAck'>) => void } | null = null;
  private nextSeq = 1;
  private pubacks = 0;
  private pubackTarget = 0;
  private onPubacks: (() => void) | null = null;

  constructor(
    readonly sn: string,
    readonly socket: Socket,
  ) {
    socket.setNoDelay(true);
    socket.on('data', (chunk: Buffer) => this.read(chunk));
  }

  static open(
    host: string,
    port: number,
    sn: string,
    secret: string | null,
    localAddress?: string,
    answer = false,
  ): Promise<RawDevice> {
    return new Promise((resolve, reject) => {
      const socket = tcpConnect({ host, port, ...(localAddress ? { localAddress } : {}) });
      const dev = new RawDevice(sn, socket);
      const fail = (err: Error) => {
        socket.destroy();
        reject(err);
      };
      socket.once('error', fail);
      socket.once('connect', () => {
        const creds: { clientId: string; username?: string; password?: Buffer } = { clientId: sn };
        if (secret) {
          const c = signDeviceCredentials(sn, secret);
          creds.username = c.username;
          creds.password = Buffer.from(c.password);
        }
        const ready = () => {
          socket.off('error', fail);
          socket.on('error', () => {});
          resolve(dev);
        };
        dev.onConnack = (rc) => {
          if (rc !== 0) return fail(new Error(`CONNACK ${rc}`));
          if (!answer) return ready();
          dev.onSuback = (granted) => (granted === 0x80 ? fail(new Error('SUBACK refused')) : ready());
          socket.write(
            mqttPacket.generate({
              cmd: 'subscribe',
              messageId: SUBSCRIBE_ID,
              subscriptions: [{ topic: deviceSubscription(sn), qos: 1 }],
            }),
          );
        };
        socket.write(
          mqttPacket.generate({
            cmd: 'connect',
            protocolId: 'MQTT',
            protocolVersion: 4,
            clean: true,
            keepalive: 0,
            ...creds,
          }),
        );
      });
    });
  }

  private read(chunk: Buffer): void {
    this.buf = this.buf.length ? Buffer.concat([this.buf, chunk]) : chunk;
    let i = 0;
    while (this.buf.length - i >= 2) {
      let len = 0;
      let mul = 1;
      let h = i + 1;
      for (;;) {
        if (h >= this.buf.length) return this.keep(i);
        const b = this.buf[h++]!;
        len += (b & 0x7f) * mul;
        mul *= 128;
        if (!(b & 0x80)) break;
      }
      if (h + len > this.buf.length) return this.keep(i);
      const type = this.buf[i]! >> 4;
      if (type === 2) this.onConnack?.(this.buf[h + 1]!);
      else if (type === 4) {
        if (this.buf.readUInt16BE(h) < RECORDS_ID && ++this.pubacks === this.pubackTarget) this.onPubacks?.();
      } else if (type === 9) this.onSuback?.(this.buf[h + 2]!);
      else if (type === 3) this.received(this.buf[i]!, this.buf.subarray(h, h + len));
      i = h + len;
    }
    this.keep(i);
  }

  /** A PUBLISH from the gateway: PUBACK it (QoS 1); acknowledge notices and syncs; hand over RecordAcks. */
  private received(header: number, body: Buffer): void {
    const qos = (header >> 1) & 3;
    const topicEnd = 2 + body.readUInt16BE(0);
    if (qos > 0) this.socket.write(Buffer.from([0x40, 2, body[topicEnd]!, body[topicEnd + 1]!]));
    const env = decodeEnvelope(body.subarray(qos > 0 ? topicEnd + 2 : topicEnd));
    if (env.body === 'recordAck') {
      if (this.waitingAck?.id === env.replyTo) this.waitingAck.resolve(env.recordAck!);
      return;
    }
    if (env.body !== 'bindNotice' && env.body !== 'directorySync') return;
    if (env.body === 'bindNotice') tally.bindNotices++;
    this.socket.write(
      mqttPacket.generate({
        cmd: 'publish',
        topic: topicFor(this.sn, 'up/reply'),
        payload: Buffer.from(encodeEnvelope(envelope('ack', {}, { replyTo: env.id }))),
        qos: 1,
        messageId: REPLY_ID,
        retain: false,
        dup: false,
      }),
    );
  }

  heartbeat(): void {
    this.heartbeatPacket ??= mqttPacket.generate({
      cmd: 'publish',
      topic: topicFor(this.sn, 'up/heartbeat'),
      payload: Buffer.from(encodeEnvelope(envelope('heartbeat', { uptimeS: 1, pendingRecords: 0 }))),
      qos: 0,
      retain: false,
      dup: false,
    });
    this.socket.write(this.heartbeatPacket);
    tally.heartbeats++;
  }

  /** Sends one RecordBatch of `size` records (seqs go on from the last batch); resolves with its RecordAck. */
  sendRecords(size: number, users: readonly string[], timeMs: number): Promise<BodyOf<'recordAck'>> {
    const records = Array.from({ length: size }, (_, k) => ({
      seq: this.nextSeq + k,
      userid: users[(this.nextSeq + k) % users.length]!,
      timeMs: timeMs + k,
      direction: 1 + (k % 2),
      method: 1,
    }));
    this.nextSeq += size;
    const batch = envelope('recordBatch', { records });
    const acked = new Promise<BodyOf<'recordAck'>>((resolve) => {
      this.waitingAck = { id: batch.id!, resolve };
    });
    this.socket.write(
      mqttPacket.generate({
        cmd: 'publish',
        topic: topicFor(this.sn, 'up/records'),
        payload: Buffer.from(encodeEnvelope(batch)),
        qos: 1,
        messageId: RECORDS_ID,
        retain: false,
        dup: false,
      }),
    );
    return acked;
  }

  private keep(from: number): void {
    this.buf = from >= this.buf.length ? Buffer.alloc(0) : this.buf.subarray(from);
  }

  /** Publishes `count` messages, then (for QoS 0) a QoS 1 fence; resolves when all are acknowledged. */
  async publish(count: number, qos: 0 | 1): Promise<number> {
    const topic = topicFor(this.sn, 'up/heartbeat');
    const payload = Buffer.from(encodeEnvelope(envelope('heartbeat', { uptimeS: 1, pendingRecords: 0 })));
    const q1 = mqttPacket.generate({ cmd: 'publish', topic, payload, qos: 1, messageId: 1, retain: false, dup: false });
    const idAt = q1.length - payload.length - 2;
    const q0 = mqttPacket.generate({ cmd: 'publish', topic, payload, qos: 0, retain: false, dup: false });
    this.pubacks = 0;
    this.pubackTarget = qos === 1 ? count : 1;
    const done = new Promise<void>((resolve) => (this.onPubacks = resolve));
    const batch = 500;
    for (let sent = 0; sent < count; sent += batch) {
      const n = Math.min(batch, count - sent);
      const packets: Buffer[] = [];
      for (let k = 0; k < n; k++) {
        if (qos === 0) packets.push(q0);
        else {
          const p = Buffer.from(q1);
          p.writeUInt16BE(((sent + k) % (RECORDS_ID - 1)) + 1, idAt);
          packets.push(p);
        }
      }
      if (!this.socket.write(Buffer.concat(packets))) await new Promise((r) => this.socket.once('drain', r));
    }
    // QoS 0 fence: brokers handle one connection's packets in order, so the PUBACK of a final
    // QoS 1 message means every earlier message on this connection was handled.
    if (qos === 0) this.socket.write(q1);
    await done;
    return qos === 0 ? count + 1 : count;
  }
}

const devices: RawDevice[] = [];

async function connectAll(cmd: Extract<WorkerCommand, { type: 'connect' }>): Promise<void> {
  const url = new URL(cmd.url);
  const start = performance.now();
  let next = 0;
  let failed = 0;
  let firstError: string | undefined;
  const lane = async () => {
    while (next < cmd.devices.length) {
      const d = cmd.devices[next++]!;
      try {
        devices.push(
          await RawDevice.open(url.hostname, Number(url.port), d.sn, d.secret, cmd.localAddress, cmd.answer),
        );
      } catch (err) {
        failed++;
        firstError ??= (err as Error).message;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(cmd.concurrency, cmd.devices.length) }, lane));
  send({ type: 'connected', ok: devices.length, failed, firstError, ms: performance.now() - start });
}

async function publishAll(cmd: Extract<WorkerCommand, { type: 'publish' }>): Promise<void> {
  const start = performance.now();
  const counts = await Promise.all(devices.slice(0, cmd.devices).map((d) => d.publish(cmd.perDevice, cmd.qos)));
  send({ type: 'published', messages: counts.reduce((a, b) => a + b, 0), ms: performance.now() - start });
}

/** Heartbeats in ticks of 100 ms, each tick a slice of the devices, so they do not come in bursts. */
function heartbeatAll(intervalMs: number): void {
  const tickMs = 100;
  let next = 0;
  let owed = 0;
  setInterval(() => {
    owed += (devices.length * tickMs) / intervalMs;
    for (; owed >= 1; owed--) devices[next++ % devices.length]!.heartbeat();
  }, tickMs);
  send({ type: 'heartbeating' });
}

async function recordAll(cmd: Extract<WorkerCommand, { type: 'records' }>): Promise<void> {
  const start = performance.now();
  const tally = { stored: 0, rejected: 0 };
  await Promise.all(
    devices.map(async (d) => {
      for (let b = 0; b < cmd.batches; b++) {
        const ack = await d.sendRecords(cmd.size, cmd.users, Date.now());
        tally.stored += ack.stored?.length ?? 0;
        tally.rejected += ack.rejected?.length ?? 0;
      }
    }),
  );
  const records = devices.length * cmd.batches * cmd.size;
  send({ type: 'recorded', records, ...tally, ms: performance.now() - start });
}

process.on('message', (cmd: WorkerCommand) => {
  if (cmd.type === 'connect') void connectAll(cmd);
  else if (cmd.type === 'publish') void publishAll(cmd);
  else if (cmd.type === 'heartbeat') heartbeatAll(cmd.intervalMs);
  else if (cmd.type === 'stats') send({ type: 'stats', ...tally });
  else if (cmd.type === 'records') void recordAll(cmd);
  else {
    for (const d of devices) d.socket.destroy();
    send({ type: 'closed' });
    setTimeout(() => process.exit(0), 100);
  }
});
process.on('disconnect', () => process.exit(0));
