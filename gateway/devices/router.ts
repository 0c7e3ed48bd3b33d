// Routes device messages to the concern that handles them. Decoding, topic/body checks and
// refusal replies happen here once, so each concern's handler sees only well-formed bodies.
import { HwbindError, isHwbindError } from '../../protocol/errors.js';
import {
  type BodyCase,
  type BodyOf,
  decodeEnvelope,
  type Envelope,
  type EnvelopeInit,
  envelope,
} from '../../protocol/messages.js';
import { checkBodyForTopic, type DownTopic, type ParsedTopic } from '../../protocol/topics.js';
import type { Logger } from '../logger.js';
import type { Metrics } from '../metrics.js';

export interface MessageContext {
  sn: string;
  topic: ParsedTopic;
  env: Envelope;
  /** Sends a reply (reply_to = this message's id) on a down topic. */
  reply<C extends BodyCase>(topic: DownTopic, bodyCase: C, body: EnvelopeInit[C]): Promise<void>;
}

export type Handler<C extends BodyCase> = (ctx: MessageContext, body: BodyOf<C>) => Promise<void> | void;

export type Send = (sn: string, topic: DownTopic, env: EnvelopeInit) => Promise<void>;

export class MessageRouter {
  private readonly handlers = new Map<BodyCase, Handler<BodyCase>>();

  constructor(
    private readonly send: Send,
    private readonly logger: Logger,
    private readonly metrics: Metrics,
  ) {}

  on<C extends BodyCase>(bodyCase: C, handler: Handler<C>): void {
    if (this.handlers.has(bodyCase)) throw new Error(`a handler for ${bodyCase} is already registered`);
    this.handlers.set(bodyCase, handler as unknown as Handler<BodyCase>);
  }

  /**
   * Handles one up message. Bad input is answered with an ErrorReply on down/reply and resolves;
   * only a failure to process (the store is down) rejects, so the device retransmits.
   */
  async dispatch(sn: string, topic: ParsedTopic, payload: Buffer): Promise<void> {
    let env: Envelope | undefined;
    try {
      env = decodeEnvelope(payload, topic.spec.maxPayload);
      checkBodyForTopic(topic.name, env.body!);
      const handler = this.handlers.get(env.body!);
      if (!handler) throw new HwbindError('unexpected_message', `the gateway does not accept ${env.body} from devices`);
      const current = env;
      const ctx: MessageContext = {
        sn,
        topic,
        env: current,
        reply: (down, bodyCase, body) => this.send(sn, down, envelope(bodyCase, body, { replyTo: current.id })),
      };
      await handler(ctx, env[env.body!] as BodyOf<BodyCase>);
    } catch (err) {
      if (!isHwbindError(err)) throw err;
      this.metrics.refusals.inc({ reason: err.code });
      this.logger.warn({ sn, topic: topic.name, reason: err.code }, `message refused: ${err.message}`);
      await this.send(
        sn,
        'down/reply',
        envelope('error', { code: err.code, message: err.message, topic: topic.name }, { replyTo: env?.id ?? '' }),
      );
    }
  }
}
