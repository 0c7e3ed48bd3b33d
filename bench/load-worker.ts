// A load process for benchmarks: holds many raw MQTT 3.1.1 connections and publishes on command.
// Packets are pre-encoded and written in batches, so the load generator costs little and the
// broker under test is what gets measured. Runs as a child process (its own file-descriptor
// budget and core), driven over IPC.
import { type Socket, connect as tcpConnect } from 'node:net';
import mqttPacket from 'mqtt-packet';
import { signDeviceCredentials } from '../protocol/credentials.js';
import { encodeEnvelope, envelope } from '../protocol/messages.js';
import { topicFor } from '../protocol/topics.js';

export type WorkerCommand =
  | {
      type: 'connect';
      url: string;
      devices: { sn: string; secret: string | null }[];
      concurrency: number;
      localAddress?: string;
    }
  | { type: 'publish'; perDevice: number; qos: 0 | 1; devices: number }
  | { type: 'close' };

export type WorkerEvent =
  | { type: 'connected'; ok: number; failed: number; firstError?: string; ms: number }
  | { type: 'published'; messages: number; ms: number }
  | { type: 'closed' };

const send = (e: WorkerEvent) => process.send!(e);

/** One device connection: CONNECT/CONNACK, then PUBLISH batches and PUBACK counting. */
class RawDevice {
  private buf: Buffer = Buffer.alloc(0);
  private onConnack: ((rc: number) => void) | null = null;
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
        dev.onConnack = (rc) => {
          socket.off('error', fail);
          socket.on('error', () => {});
          if (rc === 0) resolve(dev);
          else fail(new Error(`CONNACK ${rc}`));
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
      else if (type === 4 && ++this.pubacks === this.pubackTarget) this.onPubacks?.();
      i = h + len;
    }
    this.keep(i);
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
          p.writeUInt16BE(((sent + k) % 65535) + 1, idAt);
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
        devices.push(await RawDevice.open(url.hostname, Number(url.port), d.sn, d.secret, cmd.localAddress));
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

process.on('message', (cmd: WorkerCommand) => {
  if (cmd.type === 'connect') void connectAll(cmd);
  else if (cmd.type === 'publish') void publishAll(cmd);
  else {
    for (const d of devices) d.socket.destroy();
    send({ type: 'closed' });
    setTimeout(() => process.exit(0), 100);
  }
});
process.on('disconnect', () => process.exit(0));
