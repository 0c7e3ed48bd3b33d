// The device-facing MQTT broker: Aedes with device identity, the topic ACL, packet size and publish
// rate limits. Hooks are thin callback adapters over the services; nothing here awaits without a catch.

import type { Server as HttpServer, IncomingMessage } from 'node:http';
import { createServer as createNetServer, type Server as NetServer, type Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import { createServer as createTlsServer } from 'node:tls';
import { Aedes, type AedesPublishPacket, type Client, type PublishPacket, type Subscription } from 'aedes';
import { createWebSocketStream, WebSocketServer } from 'ws';
import { HwbindError } from '../../protocol/errors.js';
import {
  type DownTopic,
  deviceDownPrefix,
  MAX_UP_PAYLOAD,
  mayDevicePublish,
  mayDeviceSubscribe,
  TOPICS,
  topicFor,
} from '../../protocol/topics.js';
import type { DeviceLink } from '../devices/link.js';
import { AuthRefusal, CONNACK, type TransportOptions } from './device-auth.js';
import { GuardedConnection } from './packet-guard.js';
import { TokenBucket } from './rate-limit.js';
import { clip, RefusalLog } from './refusal-log.js';

/** What a device may send: the largest up payload, with room for the topic name and MQTT headers. */
export const MAX_PACKET_SIZE = MAX_UP_PAYLOAD + 1024;

export interface BrokerOptions extends TransportOptions {
  /** Connects authenticated at once; the excess is shed with CONNACK 3. */
  maxPendingConnects: number;
}

interface ClientState {
  sn: string;
  ip: string;
  bucket: TokenBucket;
}

/**
 * Answers an upgrade nobody serves and closes the socket: HTTP hands upgrade requests to 'upgrade'
 * listeners only, so one left unanswered holds its connection (and a file descriptor) for good.
 */
function refuseUpgrade(socket: Socket, requested: string, served: string): void {
  const body = JSON.stringify({
    error: new HwbindError(
      'not_found',
      `no WebSocket endpoint at ${clip(requested)} (MQTT over WebSocket is at ${served})`,
    ),
  });
  // HTTP stopped listening for this socket's errors when it handed it over: a reset must not throw.
  socket.on('error', () => socket.destroy());
  socket.once('finish', () => socket.destroy());
  socket.end(
    `HTTP/1.1 404 Not Found\r\nConnection: close\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
  );
}

export class DeviceBroker implements DeviceLink {
  readonly name = 'mqtt';
  readonly aedes: Aedes;
  private readonly servers: NetServer[] = [];
  private readonly wss = new WebSocketServer({ noServer: true, maxPayload: MAX_PACKET_SIZE });
  /** The live connection of each SN (a newer connection takes over). */
  private readonly current = new Map<string, Client>();
  /** Connections whose credentials passed but that Aedes has not reported ready yet. */
  private readonly connecting = new Map<string, Client>();
  private readonly state = new WeakMap<Client, ClientState>();
  /** Refusals of connections not yet authenticated: written sparingly, per address. */
  private readonly refusals: RefusalLog;
  /** Connects whose authentication has not answered yet. */
  private pendingConnects = 0;

  constructor(private readonly o: BrokerOptions) {
    this.refusals = new RefusalLog(o.logger, o.clock);
    this.aedes = new Aedes({
      id: 'hwbind',
      maxClientsIdLength: 128,
      concurrency: 1000,
      queueLimit: 200,
      connectTimeout: 10_000,
      heartbeatInterval: 60_000,
      authenticate: (client, username, password, done) => this.authenticate(client, username, password, done),
      authorizePublish: (client, packet, done) => this.authorizePublish(client, packet, done),
      authorizeSubscribe: (client, sub, done) => this.authorizeSubscribe(client, sub, done),
      authorizeForward: (client, packet) => this.authorizeForward(client, packet),
    });
    this.aedes.on('clientReady', (client) => this.onReady(client));
    this.aedes.on('clientDisconnect', (client) => this.onGone(client));
    this.aedes.on('connectionError', (_client, err) => this.o.logger.debug({ err: err.message }, 'connection error'));
    this.aedes.on('clientError', (client, err) =>
      this.o.logger.debug({ sn: clip(client?.id ?? ''), err: err.message }, 'client error'),
    );
  }

  async start(): Promise<void> {
    await this.aedes.listen();
  }

  /** Accepts one device connection (TCP, TLS or WebSocket stream). */
  handle(stream: Duplex, ip: string, req?: IncomingMessage): void {
    const conn = new GuardedConnection(stream, MAX_PACKET_SIZE, ip, (announced) => {
      this.o.metrics.refusals.inc({ reason: 'payload_too_large' });
      this.refusals.refused(
        ip,
        'payload_too_large',
        { announced: String(announced) },
        'oversized MQTT packet: connection closed',
      );
    });
    this.aedes.handle(conn, req);
  }

  listenTcp(port: number, host: string): Promise<NetServer> {
    const server = createNetServer((socket) => this.handle(socket, socket.remoteAddress ?? 'unknown'));
    return this.listen(server, port, host);
  }

  listenTls(port: number, host: string, cert: Buffer, key: Buffer): Promise<NetServer> {
    const server = createTlsServer({ cert, key }, (socket) => this.handle(socket, socket.remoteAddress ?? 'unknown'));
    return this.listen(server, port, host);
  }

  /** MQTT over WebSocket at `path` on an HTTP(S) server; upgrades anywhere else are refused. */
  attachWebSocket(server: HttpServer, path: string): void {
    server.on('upgrade', (req: IncomingMessage, socket: Socket, head: Buffer) => {
      const requested = new URL(req.url ?? '/', 'http://x').pathname;
      if (requested !== path) return refuseUpgrade(socket, requested, path);
      this.wss.handleUpgrade(req, socket, head, (ws) => {
        this.handle(createWebSocketStream(ws), req.socket.remoteAddress ?? 'unknown', req);
      });
    });
  }

  private listen(server: NetServer, port: number, host: string): Promise<NetServer> {
    return new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => {
        server.off('error', reject);
        this.servers.push(server);
        resolve(server);
      });
    });
  }

  /**
   * Sends one encoded envelope on a device's down topic, straight to its live connection: a message
   * for one device needs no topic matching, and bypassing the broker's shared queue keeps a burst of
   * replies to thousands of devices from piling up there. Resolves to false when the device is
   * not connected (whoever needs delivery resends at its next hello).
   */
  send(sn: string, name: DownTopic, payload: Uint8Array): Promise<boolean> {
    const client = this.current.get(sn);
    if (!client) return Promise.resolve(false);
    const packet = {
      cmd: 'publish',
      topic: topicFor(sn, name),
      payload: Buffer.from(payload.buffer, payload.byteOffset, payload.byteLength),
      qos: TOPICS[name].qos,
      retain: false,
      dup: false,
    } as PublishPacket;
    this.o.metrics.countMessage(name, 'down');
    return new Promise((resolve) => client.publish(packet, (err) => resolve(!err)));
  }

  /** Closes a device's connection (heartbeat timeout, unbind, disable). */
  disconnect(sn: string): void {
    this.current.get(sn)?.close();
    // Disabled between its credential check and its CONNACK: it must not become the live connection.
    this.connecting.get(sn)?.close();
    this.connecting.delete(sn);
  }

  /** Stops accepting, closes every connection, and stops the broker. */
  async close(): Promise<void> {
    // Stop accepting first; a server only reports closed once its connections are gone, which
    // happens when the broker closes them.
    const closed = this.servers.map((s) => new Promise<void>((r) => s.close(() => r())));
    this.wss.close();
    await new Promise<void>((r) => this.aedes.close(() => r()));
    await Promise.all(closed);
    this.refusals.close();
  }

  private ipOf(client: Client): string {
    return client.conn instanceof GuardedConnection ? client.conn.remoteAddress : 'unknown';
  }

  private authenticate(
    client: Client,
    username: string | undefined,
    password: Buffer | undefined,
    done: (err: (Error & { returnCode: number }) | null, ok: boolean | null) => void,
  ): void {
    const ip = this.ipOf(client);
    // More connects than the gateway can take in time (a fleet reconnecting after an outage): the
    // excess learns it at once and backs off, instead of waiting out its CONNACK timeout in a queue
    // and retrying into the same crowd.
    if (this.pendingConnects >= this.o.maxPendingConnects) {
      this.o.metrics.connectsShed.inc();
      this.refusals.refused(ip, 'server_busy', { clientId: client.id }, 'connect shed: too many connects at once');
      return done(Object.assign(new Error('server busy'), { returnCode: CONNACK.serverUnavailable }), false);
    }
    this.pendingConnects++;
    this.o.auth
      .authenticate({ clientId: client.id, username, password, ip })
      .finally(() => this.pendingConnects--)
      .then(
        (device) => {
          // A device that gave up waiting (its CONNACK timeout) has already reconnected: letting this
          // stale connection register now would take over, and close, the live one.
          if ((client.conn as Duplex).destroyed) {
            this.o.logger.debug({ sn: device.sn }, 'connection closed while authenticating');
            return done(
              Object.assign(new Error('connection closed'), { returnCode: CONNACK.serverUnavailable }),
              false,
            );
          }
          this.state.set(client, {
            sn: device.sn,
            ip,
            bucket: new TokenBucket(this.o.publishRate, this.o.clock.now()),
          });
          this.connecting.set(device.sn, client);
          this.o.metrics.authSuccesses.inc();
          done(null, true);
        },
        (err: unknown) => {
          if (err instanceof AuthRefusal) {
            this.o.metrics.authFailures.inc({ reason: err.code });
            this.refusals.refused(ip, err.code, { clientId: client.id }, `connect refused: ${err.message}`);
            done(Object.assign(new Error(err.message), { returnCode: err.returnCode }), false);
          } else {
            this.o.metrics.authFailures.inc({ reason: 'internal' });
            this.o.logger.error({ err, clientId: clip(client.id) }, 'authentication failed internally');
            done(Object.assign(new Error('internal error'), { returnCode: CONNACK.serverUnavailable }), false);
          }
        },
      )
      .catch((err: unknown) => this.o.logger.error({ err, clientId: clip(client.id) }, 'connect handling failed'));
  }

  private authorizePublish(client: Client | null, packet: PublishPacket, done: (err?: Error | null) => void): void {
    if (client === null) return done(null); // the gateway's own publishes
    const st = this.state.get(client);
    const topic = st ? mayDevicePublish(st.sn, packet.topic) : null;
    if (!st || !topic) {
      this.refuse(client, 'forbidden', `publish to ${packet.topic} is not allowed`);
      return done(new Error(`publish to ${packet.topic} is not allowed`));
    }
    // QoS 2 would put device messages on the broker's persistence path for nothing: they are handled.
    if (packet.qos > 1) {
      this.refuse(client, 'forbidden', `QoS ${packet.qos} on ${topic.name} (devices publish at QoS 0 or 1)`);
      return done(new Error(`QoS ${packet.qos} is not allowed`));
    }
    // Devices' messages are handled, not kept: nothing they send is retained by the broker.
    packet.retain = false;
    if (!st.bucket.take(this.o.clock.now())) {
      this.refuse(client, 'rate_limited', `more than ${this.o.publishRate} messages/s`);
      return done(new Error('publish rate limit exceeded'));
    }
    this.o.metrics.countMessage(topic.name, 'up');
    const payload = Buffer.isBuffer(packet.payload) ? packet.payload : Buffer.from(packet.payload);
    // The PUBACK goes out only after the message is handled: a QoS 1 message the gateway
    // could not process is retransmitted by the device, never lost.
    let pending: Promise<void> | undefined;
    try {
      pending = this.o.listener.message(st.sn, topic, payload);
    } catch (err) {
      return this.unprocessed(st.sn, topic.name, err, done);
    }
    if (!pending) return done(null);
    pending
      .then(
        () => done(null),
        (err: unknown) => this.unprocessed(st.sn, topic.name, err, done),
      )
      .catch((err: unknown) => this.o.logger.error({ err, sn: st.sn }, 'publish handling failed'));
  }

  private unprocessed(sn: string, topic: string, err: unknown, done: (err?: Error | null) => void): void {
    this.o.logger.error({ err, sn, topic }, 'message not processed; connection closed so the device retries');
    done(err instanceof Error ? err : new Error(String(err)));
  }

  private authorizeSubscribe(
    client: Client,
    sub: Subscription,
    done: (err: Error | null, sub?: Subscription | null) => void,
  ): void {
    const st = this.state.get(client);
    if (st && mayDeviceSubscribe(st.sn, sub.topic)) return done(null, sub);
    this.refuse(client, 'forbidden', `subscribe to ${sub.topic} is not allowed`);
    done(null, null); // SUBACK 0x80
  }

  private authorizeForward(client: Client, packet: AedesPublishPacket): AedesPublishPacket | null {
    // Defence in depth behind the subscribe ACL: a device only ever receives its own down topics.
    const st = this.state.get(client);
    return st && packet.topic.startsWith(deviceDownPrefix(st.sn)) ? packet : null;
  }

  private refuse(client: Client, reason: string, message: string): void {
    this.o.metrics.refusals.inc({ reason });
    // Topic names in the message come from the device: clipped.
    this.o.logger.warn({ sn: this.state.get(client)?.sn ?? clip(client.id), reason }, clip(message, 256));
  }

  private onReady(client: Client): void {
    const st = this.state.get(client);
    if (!st) return;
    if (this.connecting.get(st.sn) === client) this.connecting.delete(st.sn);
    // Aedes reports a connection ready even when it closed before Aedes finished connecting it
    // (during the credential check, or just after the CONNACK), and then never reports it gone:
    // taken as ready, the device would stay online with no connection.
    if (client.closed) return;
    // One session per device: Aedes takes over equal client ids, this covers ids that differ in case.
    const previous = this.current.get(st.sn);
    this.current.set(st.sn, client);
    if (previous && previous !== client) previous.close();
    this.o.listener.connected(st.sn, st.ip);
  }

  private onGone(client: Client): void {
    const st = this.state.get(client);
    // A connection that was taken over by a newer one for the same SN is not the device going away.
    if (!st || this.current.get(st.sn) !== client) return;
    this.current.delete(st.sn);
    this.o.listener.disconnected(st.sn);
  }
}
