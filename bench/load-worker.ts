// A load process for benchmarks: holds many raw MQTT 3.1.1 connections and publishes on command.
// Packets are pre-encoded and written in batches, so the load generator costs little and the
// broker under test is what gets measured. Runs as a child process (its own file-descriptor
// budget and core), driven over IPC. Devices connected with `answer` behave like firmware towards
// the gateway: they subscribe to their down topics, heartbeat, acknowledge BindNotices and DirectorySyncs,
// and can send RecordBatches, one at a time, each after the RecordAck of the previous one. Once told
// `ota`, they take firmware offers as firmware does: a few chunk requests in flight, the image hashed
// as it arrives (never held whole), checked against the offer's SHA-256. `pulse` devices send a QoS 1
// heartbeat every interval and time its PUBACK (the gateway acknowledges once it handled it).
import { createHash, type Hash } from 'node:crypto';
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
  /** Devices take firmware offers from now on, `window` chunk requests of at most `chunkBytes` in flight each. */
  | { type: 'ota'; window: number; chunkBytes: number }
  /** Answers 'downloaded' once `devices` devices hold their whole image (or `timeoutMs` passed). */
  | { type: 'otaWait'; devices: number; timeoutMs: number }
  /** The last `devices` devices send a QoS 1 heartbeat every `intervalMs` and time its PUBACK, until 'pulseStop'. */
  | { type: 'pulse'; devices: number; intervalMs: number }
  | { type: 'pulseStop' }
  /** Writes `bytes` to a TCP port of 127.0.0.1 as fast as it takes them (the loopback ceiling). */
  | { type: 'loopback'; port: number; bytes: number }
  | { type: 'close' };

export type WorkerEvent =
  | { type: 'connected'; ok: number; failed: number; firstError?: string; ms: number }
  | { type: 'published'; messages: number; ms: number }
  | { type: 'heartbeating' }
  | { type: 'stats'; bindNotices: number; heartbeats: number }
  | { type: 'recorded'; records: number; stored: number; rejected: number; ms: number }
  | { type: 'otaReady' }
  /** Wall-clock times (Date.now()): the first offer received, the last image complete. */
  | { type: 'downloaded'; devices: number; bytes: number; mismatched: number; firstOfferAt: number; lastDoneAt: number }
  | { type: 'pulsing' }
  /** PUBACK times of the pulse heartbeats (ms), and connections the gateway closed meanwhile. */
  | { type: 'pulsed'; latenciesMs: number[]; unanswered: number; closed: number }
  | { type: 'loopbackDone'; bytes: number }
  | { type: 'closed' };

const send = (e: WorkerEvent) => process.send!(e);

/** Packet ids of a device's own messages: answers on up/reply, record batches; publish() numbers below them. */
const REPLY_ID = 65535;
const RECORDS_ID = 65534;
const SUBSCRIBE_ID = 1;

const tally = { bindNotices: 0, heartbeats: 0 };
/** Packet ids of firmware chunk requests cycle in this range (each stays unique while in flight). */
const FIRMWARE_IDS = { first: 20_000, count: 20_000 };
const PULSE_ID = 65533;

/** Firmware download state, set by the `ota` command. */
const ota = {
  window: 0,
  chunkBytes: 0,
  devices: 0,
  bytes: 0,
  mismatched: 0,
  firstOfferAt: 0,
  lastDoneAt: 0,
  onDone: null as (() => void) | null,
};

interface Download {
  jobId: string;
  size: number;
  sha256: Buffer;
  chunkSize: number;
  /** Next offset to ask for, and the next one the hash needs. */
  nextAsk: number;
  nextHash: number;
  inFlight: number;
  hash: Hash;
  /** Chunks that came before the one the hash needs. */
  early: Map<number, Uint8Array>;
}

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
  private download: Download | null = null;
  private nextFirmwareId = 0;
  /** When the pulse heartbeat in flight was sent (performance.now()). */
  pulseSentAt: number | null = null;
  onPulseAck: ((ms: number) => void) | null = null;
  closed = false;

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
        const id = this.buf.readUInt16BE(h);
        if (id === PULSE_ID && this.pulseSentAt !== null) {
          this.onPulseAck?.(performance.now() - this.pulseSentAt);
          this.pulseSentAt = null;
        } else if (id < RECORDS_ID && !this.download && ++this.pubacks === this.pubackTarget) this.onPubacks?.();
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
    if (env.body === 'firmwareOffer' && ota.window > 0) return this.offered(env.firmwareOffer!);
    if (env.body === 'firmwareChunk') return this.chunk(env.firmwareChunk!);
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

  private offered(offer: BodyOf<'firmwareOffer'>): void {
    if (this.download?.jobId === offer.jobId) return;
    ota.firstOfferAt ||= Date.now();
    this.download = {
      jobId: offer.jobId ?? '',
      size: offer.size ?? 0,
      sha256: Buffer.from(offer.sha256 ?? []),
      // The device asks for at most what it can take and at most what the gateway offers.
      chunkSize: Math.min(ota.chunkBytes, offer.chunkSize || 16 * 1024),
      nextAsk: 0,
      nextHash: 0,
      inFlight: 0,
      hash: createHash('sha256'),
      early: new Map(),
    };
    this.ask();
  }

  /** Keeps `window` chunk requests in flight. */
  private ask(): void {
    const d = this.download!;
    const packets: Buffer[] = [];
    while (d.inFlight < ota.window && d.nextAsk < d.size) {
      const length = Math.min(d.chunkSize, d.size - d.nextAsk);
      const req = envelope('firmwareChunkRequest', { jobId: d.jobId, offset: d.nextAsk, length });
      packets.push(
        mqttPacket.generate({
          cmd: 'publish',
          topic: topicFor(this.sn, 'up/firmware'),
          payload: Buffer.from(encodeEnvelope(req)),
          qos: 1,
          messageId: FIRMWARE_IDS.first + (this.nextFirmwareId++ % FIRMWARE_IDS.count),
          retain: false,
          dup: false,
        }),
      );
      d.nextAsk += length;
      d.inFlight += 1;
    }
    if (packets.length) this.socket.write(packets.length === 1 ? packets[0]! : Buffer.concat(packets));
  }

  private chunk(c: BodyOf<'firmwareChunk'>): void {
    const d = this.download;
    if (!d || c.jobId !== d.jobId) return;
    d.inFlight -= 1;
    d.early.set(c.offset ?? 0, c.data ?? new Uint8Array());
    for (let data = d.early.get(d.nextHash); data; data = d.early.get(d.nextHash)) {
      d.early.delete(d.nextHash);
      d.hash.update(data);
      d.nextHash += data.length;
    }
    if (d.nextHash < d.size) return this.ask();
    if (!d.hash.digest().equals(d.sha256)) ota.mismatched += 1;
    ota.devices += 1;
    ota.bytes += d.size;
    ota.lastDoneAt = Date.now();
    ota.onDone?.();
  }

  /** One QoS 1 heartbeat, timed until its PUBACK. */
  pulse(): void {
    if (this.pulseSentAt !== null || this.closed) return;
    this.pulseSentAt = performance.now();
    this.socket.write(
      mqttPacket.generate({
        cmd: 'publish',
        topic: topicFor(this.sn, 'up/heartbeat'),
        payload: Buffer.from(encodeEnvelope(envelope('heartbeat', { uptimeS: 1, pendingRecords: 0 }))),
        qos: 1,
        messageId: PULSE_ID,
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

function waitDownloads(cmd: Extract<WorkerCommand, { type: 'otaWait' }>): void {
  const answer = () => {
    ota.onDone = null;
    clearTimeout(timer);
    send({
      type: 'downloaded',
      devices: ota.devices,
      bytes: ota.bytes,
      mismatched: ota.mismatched,
      firstOfferAt: ota.firstOfferAt,
      lastDoneAt: ota.lastDoneAt,
    });
  };
  const timer = setTimeout(answer, cmd.timeoutMs);
  ota.onDone = () => {
    if (ota.devices >= cmd.devices) answer();
  };
  ota.onDone();
}

const pulse = {
  timer: null as NodeJS.Timeout | null,
  latenciesMs: [] as number[],
  unanswered: 0,
  devices: [] as RawDevice[],
};

function startPulse(cmd: Extract<WorkerCommand, { type: 'pulse' }>): void {
  pulse.devices = devices.slice(-cmd.devices);
  for (const d of pulse.devices) {
    d.onPulseAck = (ms) => pulse.latenciesMs.push(ms);
    d.socket.once('close', () => {
      d.closed = true;
    });
  }
  let next = 0;
  // Spread over the interval: a slice of the devices every 50 ms.
  const tickMs = 50;
  pulse.timer = setInterval(() => {
    const n = Math.ceil((pulse.devices.length * tickMs) / cmd.intervalMs);
    for (let k = 0; k < n; k++) {
      const d = pulse.devices[next++ % pulse.devices.length]!;
      // A heartbeat still unanswered when its next one is due missed its deadline.
      if (d.pulseSentAt !== null) pulse.unanswered += 1;
      d.pulseSentAt = null;
      d.pulse();
    }
  }, tickMs);
  send({ type: 'pulsing' });
}

function stopPulse(): void {
  if (pulse.timer) clearInterval(pulse.timer);
  send({
    type: 'pulsed',
    latenciesMs: pulse.latenciesMs,
    unanswered: pulse.unanswered,
    closed: pulse.devices.filter((d) => d.closed).length,
  });
}

function loopback(cmd: Extract<WorkerCommand, { type: 'loopback' }>): void {
  const socket = tcpConnect({ host: '127.0.0.1', port: cmd.port });
  const block = Buffer.alloc(256 * 1024, 0xa5);
  let left = cmd.bytes;
  const pump = () => {
    while (left > 0) {
      const piece = left >= block.length ? block : block.subarray(0, left);
      left -= piece.length;
      if (!socket.write(piece)) return void socket.once('drain', pump);
    }
    socket.end(() => send({ type: 'loopbackDone', bytes: cmd.bytes }));
  };
  socket.once('connect', pump);
}

process.on('message', (cmd: WorkerCommand) => {
  if (cmd.type === 'connect') void connectAll(cmd);
  else if (cmd.type === 'publish') void publishAll(cmd);
  else if (cmd.type === 'heartbeat') heartbeatAll(cmd.intervalMs);
  else if (cmd.type === 'stats') send({ type: 'stats', ...tally });
  else if (cmd.type === 'records') void recordAll(cmd);
  else if (cmd.type === 'ota') {
    ota.window = cmd.window;
    ota.chunkBytes = cmd.chunkBytes;
    send({ type: 'otaReady' });
  } else if (cmd.type === 'otaWait') waitDownloads(cmd);
  else if (cmd.type === 'pulse') startPulse(cmd);
  else if (cmd.type === 'pulseStop') stopPulse();
  else if (cmd.type === 'loopback') loopback(cmd);
  else {
    for (const d of devices) d.socket.destroy();
    send({ type: 'closed' });
    setTimeout(() => process.exit(0), 100);
  }
});
process.on('disconnect', () => process.exit(0));
