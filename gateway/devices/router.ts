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
  /** Sends a reply (reply_to = this message's id) on a down topic; false if the device is gone. */
  reply<C extends BodyCase>(topic: DownTopic, bodyCase: C, body: EnvelopeInit[C]): Promise<boolean>;
}

export type Handler<C extends BodyCase> = (ctx: MessageContext, body: BodyOf<C>) => Promise<void> | void;

/** Sends to a device; resolves to false when it is not connected. */
export type Send = (sn: string, topic: DownTopic, env: EnvelopeInit) => Promise<boolean>;

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
   * Handles one up message. Bad input is answered with an ErrorReply on down/reply; only a failure
   * to process (the store is down) rejects, so the device retransmits. Returns nothing when the
   * message was handled synchronously (a heartbeat), so the hot path makes no promise.
   */
  dispatch(sn: string, topic: ParsedTopic, payload: Buffer): Promise<void> | undefined {
    let env: Envelope | undefined;
    try {
      env = decodeEnvelope(payload, topic.spec.maxPayload);
      const bodyCase = env.body!;
      checkBodyForTopic(topic.name, bodyCase);
      const handler = this.handlers.get(bodyCase);
      if (!handler) throw new HwbindError('unexpected_message', `the gateway does not accept ${bodyCase} from devices`);
      const current = env;
      const ctx: MessageContext = {
        sn,
        topic,
        env: current,
        reply: (down, replyCase, body) => this.send(sn, down, envelope(replyCase, body, { replyTo: current.id })),
      };
      const result = handler(ctx, env[bodyCase] as BodyOf<BodyCase>);
      if (result) return result.then(undefined, (err: unknown) => this.refuse(sn, topic, current, err));
    } catch (err) {
      return this.refuse(sn, topic, env, err);
    }
    return undefined;
  }

  private refuse(sn: string, topic: ParsedTopic, env: Envelope | undefined, err: unknown): Promise<void> {
    if (!isHwbindError(err)) return Promise.reject(err);
    this.metrics.refusals.inc({ reason: err.code });
    this.logger.warn({ sn, topic: topic.name, reason: err.code }, `message refused: ${err.message}`);
    const reply = envelope(
      'error',
      { code: err.code, message: err.message, topic: topic.name },
      { replyTo: env?.id ?? (typeof err.details?.id === 'string' ? err.details.id : '') },
    );
    return this.send(sn, 'down/reply', reply).then(() => undefined);
  }
}
