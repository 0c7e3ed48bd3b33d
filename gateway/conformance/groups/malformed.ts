// Malformed down messages (protocol §5 compatibility rules, §7): a device answers what it cannot
// handle with an ErrorReply on up/reply (reply_to = the message's id whenever it could be read) and
// carries on — same connection, next message answered as usual.
import { randomBytes } from 'node:crypto';
import { encodeEnvelope, envelope } from '../../../protocol/messages.js';
import type { DownTopic } from '../../../protocol/topics.js';
import { CheckFailed, CheckSkipped, defineGroup, expect, seconds } from '../checks.js';
import type { KitContext } from '../context.js';
import { answerTo, msg, sentSince, type TraceEvent } from '../trace.js';
import { heldVersion } from './directory.js';

/** How soon the ErrorReply must come. */
const ANSWER_MS = 3000;

const kitId = () => `conformance-${randomBytes(6).toString('hex')}`;

interface Malformed {
  what: string;
  topic: DownTopic;
  payload: Uint8Array;
  /** The id the ErrorReply must name ('' when none can be read). */
  id: string;
}

/** A protobuf field the Envelope does not have (150: reserved for future bodies), empty. */
const UNKNOWN_BODY = Uint8Array.from([0xb2, 0x09, 0x00]);

function malformed(): Malformed[] {
  const unknown = kitId();
  const wrong = kitId();
  return [
    {
      what: 'bytes that are not an Envelope',
      topic: 'down/system',
      payload: Uint8Array.from([0x0a, 0xff, 0xff, 0xff, 0xff, 0x0f, 0x12]),
      id: '',
    },
    {
      what: 'an Envelope whose body this protocol version does not know',
      topic: 'down/system',
      payload: Uint8Array.from([...encodeEnvelope({ id: unknown, tsMs: Date.now() }), ...UNKNOWN_BODY]),
      id: unknown,
    },
    {
      what: 'a RecordAck on down/door',
      topic: 'down/door',
      payload: encodeEnvelope(envelope('recordAck', { stored: [] }, { id: wrong })),
      id: wrong,
    },
  ];
}

/** Sends bytes, waiting for the device to come back online first if it is away. */
async function send(k: KitContext, topic: DownTopic, payload: Uint8Array): Promise<TraceEvent> {
  const from = k.trace.position;
  if (!(await k.inject(topic, payload))) {
    await k.online(15_000);
    if (!(await k.inject(topic, payload))) throw new CheckFailed('the device is not connected to take the message');
  }
  const sent = k.trace.after(from, (e) => e.kind === 'injected').at(-1);
  return sent ?? (await k.trace.waitFor(from, (e) => e.kind === 'injected', 5000))!;
}

export const malformedGroup = defineGroup({
  name: 'malformed',
  title: 'Malformed down messages',
  state: () => ({ from: -1 }),
  steps: [
    {
      name: 'error-reply',
      title: 'answers a down message it cannot handle with an ErrorReply naming it',
      section: '§5 compatibility rules, §11',
      async run(k, s) {
        await k.online();
        s.from = k.trace.position;
        const answered: string[] = [];
        for (const m of malformed()) {
          const isAnswer = (e: TraceEvent) =>
            e.kind === 'up' && e.body === 'error' && (m.id ? e.replyTo === m.id : true);
          let sent = await send(k, m.topic, m.payload);
          let answer = await k.trace.waitFor(sent.n, (e) => isAnswer(e) || e.kind === 'disconnected', ANSWER_MS);
          // A link lost on the way takes the message with it: sent again once (whether the device
          // keeps its link is malformed.keeps-going's business).
          if (answer?.kind === 'disconnected') {
            sent = await send(k, m.topic, m.payload);
            answer = await k.trace.waitFor(sent.n, isAnswer, ANSWER_MS);
          }
          expect(answer, `no ErrorReply within ${seconds(ANSWER_MS)} to ${m.what}; ${sentSince(k.trace, sent.n)}`);
          answered.push(`${String(msg(answer).code)} to ${m.what} (${answer.at - sent.at} ms)`);
        }
        return `ErrorReply ${answered.join(', ')}`;
      },
    },
    {
      name: 'keeps-going',
      title: 'keeps its connection after malformed messages and answers the next one',
      section: '§5 compatibility rules (never disconnect), §7',
      async run(k, s) {
        if (s.from < 0) throw new CheckSkipped('no malformed message was sent (see malformed.error-reply)');
        await k.online();
        const held = heldVersion(k);
        // A sync of the version the device holds: a no-op it must acknowledge (§7 DirectorySync).
        const noop = envelope('directorySync', { version: held, baseVersion: held, full: false }, { id: kitId() });
        const sent = await send(k, 'down/directory', encodeEnvelope(noop));
        const answer = await k.trace.waitFor(sent.n, answerTo(noop.id!), ANSWER_MS);
        const drops = k.trace.after(s.from, (e) => e.kind === 'disconnected');
        const firstSent = k.trace.after(s.from, (e) => e.kind === 'injected')[0];
        expect(
          drops.length === 0,
          () =>
            `the link dropped ${seconds(drops[0]!.at - (firstSent?.at ?? drops[0]!.at))} after the first malformed message${drops.length > 1 ? ` (${drops.length} times)` : ''}`,
        );
        expect(
          answer,
          `no answer within ${seconds(ANSWER_MS)} to a DirectorySync of the version it holds (v${held}); ${sentSince(k.trace, sent.n)}`,
        );
        expect(
          answer.body === 'ack',
          `answered a DirectorySync of the version it holds (v${held}) with ErrorReply ${String(msg(answer).code)}`,
        );
        return `still connected; acknowledged a DirectorySync of its version v${held} in ${answer.at - sent.at} ms`;
      },
    },
  ],
});
