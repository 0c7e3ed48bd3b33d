// The Envelope codec: every MQTT payload, and every message on a serial line, is one hwbind.v1.Envelope.
import { randomBytes } from 'node:crypto';
import { HwbindError } from './errors.js';
import { hwbind } from './pb.js';

export const pb = hwbind.v1;
export type Envelope = hwbind.v1.Envelope;
export type EnvelopeInit = hwbind.v1.Envelope.$Properties;
/** Name of the `body` oneof case: 'hello', 'recordBatch', … */
export type BodyCase = NonNullable<Envelope['body']>;
/** The message type carried by a body case. */
export type BodyOf<C extends BodyCase> = NonNullable<Envelope[C]>;

export const MAX_ID_LENGTH = 64;

export function newMessageId(): string {
  return randomBytes(9).toString('base64url');
}

/** Builds an envelope around one body. */
export function envelope<C extends BodyCase>(
  bodyCase: C,
  body: hwbind.v1.Envelope.$Properties[C],
  opts: { id?: string; replyTo?: string; tsMs?: number } = {},
): EnvelopeInit {
  return {
    id: opts.id ?? newMessageId(),
    replyTo: opts.replyTo ?? '',
    tsMs: opts.tsMs ?? Date.now(),
    [bodyCase]: body,
  };
}

export function encodeEnvelope(init: EnvelopeInit): Uint8Array {
  return pb.Envelope.encode(init).finish();
}

/**
 * Decodes one envelope. Malformed bytes, a missing body or an oversized payload are a typed error;
 * unknown fields are kept aside (protobufjs) and ignored, so newer peers can add fields.
 */
export function decodeEnvelope(bytes: Uint8Array, maxSize = Number.POSITIVE_INFINITY): Envelope {
  if (bytes.length > maxSize) {
    throw new HwbindError('payload_too_large', `payload of ${bytes.length} bytes exceeds ${maxSize}`);
  }
  let env: Envelope;
  try {
    env = pb.Envelope.decode(bytes);
  } catch (err) {
    throw new HwbindError('malformed_message', `not a hwbind.v1.Envelope: ${(err as Error).message}`);
  }
  // Whenever the id could be read, the refusal carries it, so the error reply names the message.
  const readableId = env.id.length > 0 && env.id.length <= MAX_ID_LENGTH ? { id: env.id } : undefined;
  if (!env.body) throw new HwbindError('malformed_message', 'envelope has no body', readableId);
  if (!readableId || env.replyTo.length > MAX_ID_LENGTH) {
    throw new HwbindError(
      'malformed_message',
      `id must be 1-${MAX_ID_LENGTH} characters (reply_to at most ${MAX_ID_LENGTH})`,
      readableId,
    );
  }
  return env;
}

/** The body of a decoded envelope, typed by its case. */
export function bodyOf<C extends BodyCase>(env: Envelope, bodyCase: C): BodyOf<C> {
  const value = env[bodyCase];
  if (env.body !== bodyCase || value == null) {
    throw new HwbindError('unexpected_message', `expected ${bodyCase}, got ${env.body ?? 'nothing'}`);
  }
  return value as BodyOf<C>;
}
