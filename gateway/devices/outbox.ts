// The durable outbox: down messages that must arrive (bind and unbind notices now; directory,
// templates and firmware offers later). An entry is stored before it is first sent, resent after
// every hello of its device, and settled when the device answers it (Ack or ErrorReply with
// reply_to = the entry's id). The module that queued it decides what settling means, in its own
// transaction with the entry's deletion, so an answer is never half-applied.
import { EventEmitter } from 'node:events';
import type { Clock } from '../../protocol/clock.js';
import { type BodyCase, type BodyOf, type EnvelopeInit, encodeEnvelope, envelope } from '../../protocol/messages.js';
import type { DownTopic } from '../../protocol/topics.js';
import type { Logger } from '../logger.js';
import type { GatewayModule } from '../module.js';
import type { OutboxEntry, Store } from '../store/types.js';
import type { DeviceLinks } from './link.js';
import type { MessageRouter } from './router.js';

/** Applies a device's answer to an entry; must delete the entry (in the same transaction as its effects). */
export type OutboxSettler = (entry: OutboxEntry, error: BodyOf<'error'> | null) => Promise<void>;

export interface OutboxEvents {
  /** A device answered a message that is not (or no longer) in the outbox. */
  reply: [sn: string, replyTo: string, error: BodyOf<'error'> | null];
}

export interface OutboxOptions {
  store: Store;
  links: DeviceLinks;
  router: MessageRouter;
  clock: Clock;
  logger: Logger;
}

export class Outbox extends EventEmitter<OutboxEvents> implements GatewayModule {
  // Resending happens after each hello (wired by the gateway as the last after-hello step).
  readonly name = 'outbox';
  private readonly settlers = new Map<string, OutboxSettler>();

  constructor(private readonly o: OutboxOptions) {
    super();
    o.router.on('ack', (ctx) => this.answered(ctx.sn, ctx.env.replyTo, null));
    o.router.on('error', (ctx, error) => {
      o.logger.info({ sn: ctx.sn, replyTo: ctx.env.replyTo, reason: error.code }, `device refused: ${error.message}`);
      return this.answered(ctx.sn, ctx.env.replyTo, error);
    });
  }

  /** Who settles entries of a purpose; without one, an answer just deletes the entry. */
  settleWith(purpose: string, settler: OutboxSettler): void {
    this.settlers.set(purpose, settler);
  }

  /** An entry for a message, for callers that store it in their own transaction. */
  entry<C extends BodyCase>(
    sn: string,
    topic: DownTopic,
    purpose: string,
    bodyCase: C,
    body: EnvelopeInit[C],
  ): OutboxEntry {
    const env = envelope(bodyCase, body, { tsMs: this.o.clock.now() });
    return { id: env.id!, sn, topic, purpose, payload: encodeEnvelope(env), createdAt: this.o.clock.now() };
  }

  /** Stores an entry, then sends it if the device is connected. */
  async enqueue(entry: OutboxEntry): Promise<void> {
    await this.o.store.addOutboxEntry(entry);
    await this.send(entry);
  }

  /** Sends a stored entry now (it stays stored until answered); false when the device is offline. */
  send(entry: OutboxEntry): Promise<boolean> {
    return this.o.links.send(entry.sn, entry.topic as DownTopic, entry.payload);
  }

  /** Sends every unanswered entry of the device again, oldest first (after each hello). */
  async resend(sn: string): Promise<void> {
    for (const entry of await this.o.store.listOutbox(sn)) {
      if (!(await this.send(entry))) return;
    }
  }

  /** Settles the entry the answer refers to. The PUBACK of the answer waits for this. */
  private async answered(sn: string, replyTo: string, error: BodyOf<'error'> | null): Promise<void> {
    const entry = replyTo ? await this.o.store.getOutboxEntry(replyTo) : null;
    if (!entry || entry.sn !== sn) {
      this.emit('reply', sn, replyTo, error);
      return;
    }
    const settler = this.settlers.get(entry.purpose);
    if (settler) await settler(entry, error);
    else await this.o.store.deleteOutboxEntry(entry.id);
  }
}
