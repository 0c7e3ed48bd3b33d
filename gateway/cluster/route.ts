// The node-to-node route of the device link: a message for a device another node holds goes on that
// node's Redis channel, which sends it to the device and answers whether it could. The device's
// answer to it (an up message whose reply_to names it: a DoorResult, the Ack that settles an outbox
// entry, an ErrorReply) is handed back to the node that sent it, where the request waits; the device's
// PUBACK waits until that node has handled it. Every other up message is handled by the node holding
// the device. When the sending node is gone, its answers are handled where the device is.
//
// Why not Aedes' own cluster pieces: mqemitter-redis would carry every publish of every device
// through Redis to every node (record batches included) for the few messages another node needs,
// and hwbind sends to a device's connection directly, not through the broker's topic matching;
// aedes-persistence-redis keeps sessions and retained messages, which hwbind's devices do not use
// (they subscribe at each connect; what must arrive waits in the store's outbox).
import { randomBytes } from 'node:crypto';
import { decodeEnvelope } from '../../protocol/messages.js';
import { type DownTopic, type ParsedTopic, parseTopic, topicFor } from '../../protocol/topics.js';
import type { DeviceLinks, RemoteLinks } from '../devices/link.js';
import type { Logger } from '../logger.js';
import type { GatewayModule } from '../module.js';
import type { NodeRegistry } from './nodes.js';
import { keys, type RedisConnection } from './redis.js';

/** How long a node waits for another node to send, or to handle an answer. */
export const ROUTE_TIMEOUT_MS = 5000;
/** How long an answer to a message sent for another node goes back to that node. */
const ANSWER_BACK_MS = 60_000;

type RouteMessage =
  | { t: 'send'; id: string; from: string; sn: string; topic: DownTopic; payload: string }
  | { t: 'up'; id: string; from: string; sn: string; topic: string; payload: string }
  /** `moved`: the device connected to the sending node, and this node's connection is stale. */
  | { t: 'disconnect'; sn: string; moved?: boolean }
  | { t: 'done'; id: string; ok: boolean; error?: string };

interface Pending {
  resolve(answer: { ok: boolean; error?: string }): void;
  timer: NodeJS.Timeout;
}

export interface RouteOptions {
  redis: RedisConnection;
  nodes: NodeRegistry;
  links: DeviceLinks;
  /** Handles an up message here (the router), as for a device of this node. */
  handle(sn: string, topic: ParsedTopic, payload: Buffer): Promise<void> | undefined;
  logger: Logger;
  timeoutMs?: number;
}

export class NodeRoute implements RemoteLinks, GatewayModule {
  readonly name = 'cluster-route';
  private readonly pending = new Map<string, Pending>();
  /** Envelope id → the node that sent it, oldest first (insertion order), for its answer. */
  private readonly answerTo = new Map<string, { sn: string; node: string; at: number }>();
  /** How many of those each device has: most up messages need no decoding to know they stay here. */
  private readonly awaited = new Map<string, number>();
  /** Devices whose connection here is being closed because they connected to another node. */
  private readonly movedAway = new Set<string>();
  private readonly timeoutMs: number;

  constructor(private readonly o: RouteOptions) {
    this.timeoutMs = o.timeoutMs ?? ROUTE_TIMEOUT_MS;
  }

  private get nodeId(): string {
    return this.o.nodes.nodeId;
  }

  async start(): Promise<void> {
    await this.o.redis.listen(keys.route(this.nodeId), (message) => this.received(message));
  }

  async stop(): Promise<void> {
    for (const p of this.pending.values()) {
      clearTimeout(p.timer);
      p.resolve({ ok: false, error: 'the gateway is stopping' });
    }
    this.pending.clear();
  }

  async isConnected(sn: string): Promise<boolean> {
    const node = await this.o.nodes.holderOf(sn);
    return node !== null && node !== this.nodeId && (await this.o.nodes.isAlive(node));
  }

  async send(sn: string, topic: DownTopic, payload: Uint8Array): Promise<boolean> {
    const node = await this.o.nodes.holderOf(sn);
    if (node === null || node === this.nodeId) return false;
    const answer = await this.request(node, (id) => ({
      t: 'send',
      id,
      from: this.nodeId,
      sn,
      topic,
      payload: Buffer.from(payload).toString('base64'),
    }));
    return answer.ok;
  }

  disconnect(sn: string): void {
    this.o.nodes
      .holderOf(sn)
      .then((node) => {
        if (node !== null && node !== this.nodeId) return this.disconnectAt(node, sn).then(() => {});
      })
      .catch((err: unknown) => this.o.logger.warn({ err, sn }, 'could not ask the holding node to disconnect'));
  }

  /** Closes the device's stale connection on the node it left for this one. */
  async movedFrom(node: string, sn: string): Promise<void> {
    await this.publish(node, { t: 'disconnect', sn, moved: true });
  }

  private disconnectAt(node: string, sn: string): Promise<number> {
    return this.publish(node, { t: 'disconnect', sn });
  }

  /**
   * Whether the device that just disconnected from here was closed because it connected to another
   * node: then it is online there, not offline.
   */
  tookOver(sn: string): boolean {
    return this.movedAway.delete(sn);
  }

  /** The device connected here (again): any earlier move away is over. */
  arrived(sn: string): void {
    this.movedAway.delete(sn);
  }

  /**
   * An up message from a device held here: when it answers a message another node sent, that node
   * handles it (the promise settles once it has); else undefined, and it is handled here.
   */
  forward(sn: string, topic: ParsedTopic, payload: Buffer): Promise<void> | undefined {
    if (!this.awaited.has(sn)) return undefined;
    this.expire(Date.now());
    let replyTo: string;
    try {
      replyTo = decodeEnvelope(payload).replyTo;
    } catch {
      return undefined; // the router here refuses it
    }
    const back = this.answerTo.get(replyTo);
    if (!back || back.sn !== sn) return undefined;
    this.forgetAnswer(replyTo);
    return this.request(back.node, (id) => ({
      t: 'up',
      id,
      from: this.nodeId,
      sn,
      topic: topicFor(sn, topic.name),
      payload: payload.toString('base64'),
    })).then((answer) => {
      if (answer.ok) return;
      // Nobody listens there (that node is gone): the answer is handled here, with the shared store.
      if (answer.error === undefined) return this.o.handle(sn, topic, payload);
      throw new Error(`node ${back.node} could not handle ${sn}'s answer: ${answer.error}`);
    });
  }

  private request(node: string, message: (id: string) => RouteMessage): Promise<{ ok: boolean; error?: string }> {
    const id = randomBytes(9).toString('base64url');
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        this.o.logger.warn({ node }, 'another node did not answer in time');
        resolve({ ok: false, error: 'timeout' });
      }, this.timeoutMs);
      this.pending.set(id, { resolve, timer });
      this.publish(node, message(id)).then(
        (receivers) => {
          if (receivers > 0) return;
          this.settle({ t: 'done', id, ok: false });
        },
        (err: unknown) => this.settle({ t: 'done', id, ok: false, error: String(err) }),
      );
    });
  }

  private publish(node: string, message: RouteMessage): Promise<number> {
    return this.o.redis.publish(keys.route(node), JSON.stringify(message));
  }

  private settle(done: Extract<RouteMessage, { t: 'done' }>): void {
    const p = this.pending.get(done.id);
    if (!p) return;
    clearTimeout(p.timer);
    this.pending.delete(done.id);
    p.resolve({ ok: done.ok, ...(done.error === undefined ? {} : { error: done.error }) });
  }

  private received(text: string): void {
    let message: RouteMessage;
    try {
      message = JSON.parse(text) as RouteMessage;
    } catch (err) {
      this.o.logger.warn({ err }, 'unreadable message from another node');
      return;
    }
    switch (message.t) {
      case 'done':
        return this.settle(message);
      case 'disconnect':
        if (message.moved && this.o.links.isHere(message.sn)) this.movedAway.add(message.sn);
        return this.o.links.disconnectHere(message.sn);
      case 'send':
        return void this.sendHere(message);
      case 'up':
        return void this.handleUp(message);
    }
  }

  private async sendHere(m: Extract<RouteMessage, { t: 'send' }>): Promise<void> {
    const payload = Buffer.from(m.payload, 'base64');
    let ok = false;
    try {
      ok = await this.o.links.sendHere(m.sn, m.topic, payload);
      if (ok) this.expectAnswer(m.sn, decodeEnvelope(payload).id, m.from);
    } catch (err) {
      this.o.logger.warn({ err, sn: m.sn, from: m.from }, 'sending for another node failed');
    }
    await this.answer(m.from, { t: 'done', id: m.id, ok });
  }

  private async handleUp(m: Extract<RouteMessage, { t: 'up' }>): Promise<void> {
    const topic = parseTopic(m.topic);
    let error: string | undefined;
    try {
      if (!topic) throw new Error(`not a device topic: ${m.topic}`);
      await this.o.handle(m.sn, topic, Buffer.from(m.payload, 'base64'));
    } catch (err) {
      error = err instanceof Error ? err.message : String(err);
      this.o.logger.error({ err, sn: m.sn, from: m.from }, 'an answer forwarded by another node was not handled');
    }
    await this.answer(
      m.from,
      error === undefined ? { t: 'done', id: m.id, ok: true } : { t: 'done', id: m.id, ok: false, error },
    );
  }

  private async answer(node: string, done: RouteMessage): Promise<void> {
    await this.publish(node, done).catch((err: unknown) =>
      this.o.logger.warn({ err, node }, 'could not answer another node'),
    );
  }

  private expectAnswer(sn: string, envelopeId: string, node: string): void {
    if (!envelopeId) return;
    const now = Date.now();
    this.expire(now);
    this.answerTo.set(envelopeId, { sn, node, at: now });
    this.awaited.set(sn, (this.awaited.get(sn) ?? 0) + 1);
  }

  private forgetAnswer(envelopeId: string): void {
    const back = this.answerTo.get(envelopeId);
    if (!back) return;
    this.answerTo.delete(envelopeId);
    const left = (this.awaited.get(back.sn) ?? 1) - 1;
    if (left > 0) this.awaited.set(back.sn, left);
    else this.awaited.delete(back.sn);
  }

  private expire(now: number): void {
    for (const [id, back] of this.answerTo) {
      if (now - back.at < ANSWER_BACK_MS) return;
      this.forgetAnswer(id);
    }
  }
}
