// The one declaration of every MQTT topic: direction, accepted message types, QoS, size limit.
// Gateway and simulator build and parse topics only through this module.
import { HwbindError } from './errors.js';
import type { BodyCase } from './messages.js';
import { SN_PATTERN } from './sn.js';

export const TOPIC_ROOT = 'hw/v1';

export type Direction = 'up' | 'down';

export interface TopicSpec {
  direction: Direction;
  /** Message types accepted on the topic (Envelope body cases). */
  bodies: readonly BodyCase[];
  qos: 0 | 1;
  /** Largest payload accepted, bytes. */
  maxPayload: number;
  description: string;
}

const KiB = 1024;

export const TOPICS = {
  // device → gateway
  'up/hello': {
    direction: 'up',
    bodies: ['hello'],
    qos: 1,
    maxPayload: 8 * KiB,
    description: 'sent after every connect',
  },
  'up/heartbeat': {
    direction: 'up',
    bodies: ['heartbeat'],
    qos: 0,
    maxPayload: 1 * KiB,
    description: 'every heartbeat_interval_s',
  },
  'up/reply': {
    direction: 'up',
    bodies: ['ack', 'error'],
    qos: 1,
    maxPayload: 4 * KiB,
    description: 'answers to down messages (bind, unbind, reboot, directory, templates)',
  },
  'up/directory': {
    direction: 'up',
    bodies: ['directoryRequest'],
    qos: 1,
    maxPayload: 1 * KiB,
    description: 'asks for the usable-range directory',
  },
  'up/enrollment': {
    direction: 'up',
    bodies: ['enrollmentProgress', 'enrollmentResult'],
    qos: 1,
    maxPayload: 256 * KiB,
    description: 'enrollment progress and results with templates',
  },
  'up/records': {
    direction: 'up',
    bodies: ['recordBatch'],
    qos: 1,
    maxPayload: 64 * KiB,
    description: 'attendance/access records, at most 200 a batch',
  },
  'up/door': {
    direction: 'up',
    bodies: ['doorResult'],
    qos: 1,
    maxPayload: 1 * KiB,
    description: 'result of a remote door open',
  },
  'up/firmware': {
    direction: 'up',
    bodies: ['firmwareChunkRequest', 'firmwareProgress', 'firmwareResult'],
    qos: 1,
    maxPayload: 4 * KiB,
    description: 'OTA chunk requests, progress and result',
  },
  // gateway → device
  'down/system': {
    direction: 'down',
    bodies: ['helloAck', 'reboot'],
    qos: 1,
    maxPayload: 8 * KiB,
    description: 'hello answer, reboot',
  },
  'down/binding': {
    direction: 'down',
    bodies: ['bindNotice', 'unbindNotice'],
    qos: 1,
    maxPayload: 4 * KiB,
    description: 'bind and unbind notices',
  },
  'down/reply': {
    direction: 'down',
    bodies: ['ack', 'error'],
    qos: 1,
    maxPayload: 4 * KiB,
    description: 'answers to up messages, refusals',
  },
  'down/directory': {
    direction: 'down',
    bodies: ['directorySync'],
    qos: 1,
    maxPayload: 512 * KiB,
    description: 'usable-range directory, full or incremental',
  },
  'down/enrollment': {
    direction: 'down',
    bodies: ['enrollmentStart', 'enrollmentCancel'],
    qos: 1,
    maxPayload: 4 * KiB,
    description: 'start or cancel capture',
  },
  'down/templates': {
    direction: 'down',
    bodies: ['templateSync'],
    qos: 1,
    maxPayload: 512 * KiB,
    description: 'templates enrolled on sibling devices',
  },
  'down/records': {
    direction: 'down',
    bodies: ['recordAck'],
    qos: 1,
    maxPayload: 16 * KiB,
    description: 'record acknowledgements',
  },
  'down/door': {
    direction: 'down',
    bodies: ['doorOpen'],
    qos: 1,
    maxPayload: 1 * KiB,
    description: 'remote door open',
  },
  'down/firmware': {
    direction: 'down',
    bodies: ['firmwareOffer', 'firmwareChunk'],
    qos: 1,
    maxPayload: 70 * KiB,
    description: 'OTA offers and chunks',
  },
} as const satisfies Record<string, TopicSpec>;

export type TopicName = keyof typeof TOPICS;
export type UpTopic = { [K in TopicName]: (typeof TOPICS)[K]['direction'] extends 'up' ? K : never }[TopicName];
export type DownTopic = { [K in TopicName]: (typeof TOPICS)[K]['direction'] extends 'down' ? K : never }[TopicName];

/** Largest payload a device may send: the broker's packet limit is derived from it. */
export const MAX_UP_PAYLOAD = Math.max(
  ...Object.values(TOPICS as Record<string, TopicSpec>)
    .filter((t) => t.direction === 'up')
    .map((t) => t.maxPayload),
);

/** Largest payload the gateway sends a device: a serial device reassembles messages up to this. */
export const MAX_DOWN_PAYLOAD = Math.max(
  ...Object.values(TOPICS as Record<string, TopicSpec>)
    .filter((t) => t.direction === 'down')
    .map((t) => t.maxPayload),
);

/** `hw/v1/{SN}/{name}`. The SN in topics is always the canonical upper-case form. */
export function topicFor(sn: string, name: TopicName): string {
  return `${TOPIC_ROOT}/${sn}/${name}`;
}

/** Every topic the gateway sends a device starts with this. */
export function deviceDownPrefix(sn: string): string {
  return `${TOPIC_ROOT}/${sn}/down/`;
}

/** The filter a device subscribes to: every down topic of its own. */
export function deviceSubscription(sn: string): string {
  return `${TOPIC_ROOT}/${sn}/down/+`;
}

export interface ParsedTopic {
  sn: string;
  name: TopicName;
  spec: TopicSpec;
}

/** Parses a concrete topic; null when it is not in the topic map. */
export function parseTopic(topic: string): ParsedTopic | null {
  const parts = topic.split('/');
  if (parts.length !== 5 || `${parts[0]}/${parts[1]}` !== TOPIC_ROOT) return null;
  const sn = parts[2]!;
  const name = `${parts[3]}/${parts[4]}`;
  if (!SN_PATTERN.test(sn) || !(name in TOPICS)) return null;
  return { sn, name: name as TopicName, spec: TOPICS[name as TopicName] };
}

/** Throws unless `body` may travel on `name`. */
export function checkBodyForTopic(name: TopicName, body: BodyCase): void {
  if (!(TOPICS[name].bodies as readonly BodyCase[]).includes(body)) {
    throw new HwbindError('unexpected_message', `${body} is not accepted on ${name}`);
  }
}

/**
 * Whether a device with canonical SN `sn` may subscribe to `filter`: its own declared down topics,
 * or the `down/+` / `down/#` wildcards over them.
 */
export function mayDeviceSubscribe(sn: string, filter: string): boolean {
  const own = `${TOPIC_ROOT}/${sn}/`;
  if (!filter.startsWith(own)) return false;
  const rest = filter.slice(own.length);
  if (rest === 'down/+' || rest === 'down/#') return true;
  const spec = (TOPICS as Record<string, TopicSpec>)[rest];
  return spec !== undefined && spec.direction === 'down';
}

/** Whether a device with canonical SN `sn` may publish to `topic`: only its own declared up topics. */
export function mayDevicePublish(sn: string, topic: string): ParsedTopic | null {
  const parsed = parseTopic(topic);
  return parsed && parsed.sn === sn && parsed.spec.direction === 'up' ? parsed : null;
}
