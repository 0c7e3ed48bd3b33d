// The serial link layer (protocol §9): what rides inside a frame's payload (frame.ts cuts the
// frames). A one-byte type says what a frame is: reliable data (an envelope, or a fragment of one,
// with its sequence number and topic), the acknowledgement of data, or one of a few control frames:
// the device's credentials and the answer to them, the end of a session, and the requests a
// flashing tool sends a device in provisioning mode. All integers are little-endian.
import type { ProvisioningBundle } from './bundle.js';
import { type Clock, systemClock } from './clock.js';
import { signDeviceCredentials } from './credentials.js';
import { HwbindError } from './errors.js';
import { sha256 } from './firmware.js';
import { TOPICS, type TopicName } from './topics.js';

export const LINK_VERSION = 1;

export const FRAME_TYPE = {
  data: 0x01,
  ack: 0x02,
  auth: 0x10,
  authOk: 0x11,
  authRefused: 0x12,
  close: 0x13,
  request: 0x20,
  response: 0x21,
} as const;

/** Which topic a message belongs to, one byte in its first fragment: up topics below 0x80, down above. */
export const TOPIC_CODES: Record<TopicName, number> = {
  'up/hello': 0x01,
  'up/heartbeat': 0x02,
  'up/reply': 0x03,
  'up/directory': 0x04,
  'up/enrollment': 0x05,
  'up/records': 0x06,
  'up/door': 0x07,
  'up/firmware': 0x08,
  'down/system': 0x81,
  'down/binding': 0x82,
  'down/reply': 0x83,
  'down/directory': 0x84,
  'down/enrollment': 0x85,
  'down/templates': 0x86,
  'down/records': 0x87,
  'down/door': 0x88,
  'down/firmware': 0x89,
};

const TOPIC_BY_CODE = new Map<number, TopicName>(
  Object.entries(TOPIC_CODES).map(([name, code]) => [code, name as TopicName]),
);

/** Data bytes per DATA frame: each side announces what it accepts (in AUTH / AUTH_OK). */
export const MIN_FRAGMENT = 64;
export const MAX_FRAGMENT = 8192;
export const DEFAULT_FRAGMENT = 1024;
/** Unacknowledged DATA frames a side holds for its peer; the ACK's selective bitmap covers 32. */
export const MAX_WINDOW = 32;
export const DEFAULT_WINDOW = 8;
/** Largest control frame payload (credentials, a provisioning bundle): every device accepts it. */
export const MAX_CONTROL_PAYLOAD = 1024;
/** DATA header: type, flags, seq; a first fragment adds topic and total length. */
export const DATA_HEADER = 4;
export const FIRST_HEADER = 5;
const FLAG_FIRST = 1;
const FLAG_LAST = 2;

export const REQUEST_OP = { info: 1, writeBundle: 2, readBundle: 3 } as const;
export type RequestOp = keyof typeof REQUEST_OP;
const OP_BY_CODE = new Map<number, RequestOp>(
  Object.entries(REQUEST_OP).map(([name, code]) => [code, name as RequestOp]),
);

export interface LinkLimits {
  /** DATA frames the sender may have unacknowledged (1–32). */
  window: number;
  /** Data bytes per DATA frame (64–8192). */
  maxFragment: number;
}

export const DEFAULT_LIMITS: LinkLimits = { window: DEFAULT_WINDOW, maxFragment: DEFAULT_FRAGMENT };

export interface DataFrame {
  type: 'data';
  seq: number;
  /** On the first fragment of a message: its topic code and total length. */
  start: { topic: number; total: number } | null;
  last: boolean;
  data: Buffer;
}

export interface AckFrame {
  type: 'ack';
  /** Every seq before this one arrived. */
  next: number;
  /** Bit i set: seq next + 1 + i arrived too. */
  sack: number;
}

export interface AuthFrame extends LinkLimits {
  type: 'auth';
  version: number;
  /** `SN|ts|nonce`, as the MQTT username. */
  username: string;
  /** Lowercase hex HMAC-SHA256(secret, username), as the MQTT password. */
  password: string;
}

export interface AuthOkFrame extends LinkLimits {
  type: 'authOk';
  version: number;
  /** The nonce of the AUTH accepted. */
  nonce: string;
}

export interface AuthRefusedFrame {
  type: 'authRefused';
  nonce: string;
  code: string;
  message: string;
}

export interface CloseFrame {
  type: 'close';
  code: string;
  message: string;
}

export interface RequestFrame {
  type: 'request';
  id: number;
  op: RequestOp;
  /** UTF-8 JSON, empty for info and readBundle. */
  body: string;
}

export interface ResponseFrame {
  type: 'response';
  id: number;
  ok: boolean;
  /** UTF-8 JSON: the answer, or `{code, message}` when refused. */
  body: string;
}

export type ControlFrame = AuthFrame | AuthOkFrame | AuthRefusedFrame | CloseFrame | RequestFrame | ResponseFrame;
export type LinkFrame = DataFrame | AckFrame | ControlFrame;

const malformed = (why: string) => new HwbindError('frame_malformed', `link frame: ${why}`);

/** A byte string of at most 255 bytes, prefixed with its length. */
function short(text: string, what: string): Buffer {
  const bytes = Buffer.from(text, 'utf8');
  if (bytes.length > 255) throw new HwbindError('invalid_argument', `${what} is longer than 255 bytes`);
  return Buffer.concat([Buffer.from([bytes.length]), bytes]);
}

function checkLimits(l: LinkLimits): void {
  if (!Number.isInteger(l.window) || l.window < 1 || l.window > MAX_WINDOW)
    throw new HwbindError('invalid_argument', `window must be 1-${MAX_WINDOW}`);
  if (!Number.isInteger(l.maxFragment) || l.maxFragment < MIN_FRAGMENT || l.maxFragment > MAX_FRAGMENT)
    throw new HwbindError('invalid_argument', `maxFragment must be ${MIN_FRAGMENT}-${MAX_FRAGMENT}`);
}

function limitsBytes(l: LinkLimits): Buffer {
  checkLimits(l);
  const b = Buffer.alloc(3);
  b[0] = l.window;
  b.writeUInt16LE(l.maxFragment, 1);
  return b;
}

/** The payload of one link frame (frame.ts adds the CRC and COBS). */
export function encodeLinkFrame(f: LinkFrame): Buffer {
  switch (f.type) {
    case 'data': {
      const head = Buffer.alloc(f.start ? DATA_HEADER + FIRST_HEADER : DATA_HEADER);
      head[0] = FRAME_TYPE.data;
      head[1] = (f.start ? FLAG_FIRST : 0) | (f.last ? FLAG_LAST : 0);
      head.writeUInt16LE(f.seq & 0xffff, 2);
      if (f.start) {
        head[4] = f.start.topic;
        head.writeUInt32LE(f.start.total, 5);
      }
      return Buffer.concat([head, f.data]);
    }
    case 'ack': {
      const b = Buffer.alloc(7);
      b[0] = FRAME_TYPE.ack;
      b.writeUInt16LE(f.next & 0xffff, 1);
      b.writeUInt32LE(f.sack >>> 0, 3);
      return b;
    }
    case 'auth':
      return control([
        Buffer.from([FRAME_TYPE.auth, f.version]),
        limitsBytes(f),
        short(f.username, 'username'),
        Buffer.from(f.password, 'utf8'),
      ]);
    case 'authOk':
      return control([Buffer.from([FRAME_TYPE.authOk, f.version]), limitsBytes(f), short(f.nonce, 'nonce')]);
    case 'authRefused':
      return control([
        Buffer.from([FRAME_TYPE.authRefused]),
        short(f.nonce, 'nonce'),
        short(f.code, 'code'),
        Buffer.from(f.message, 'utf8'),
      ]);
    case 'close':
      return control([Buffer.from([FRAME_TYPE.close]), short(f.code, 'code'), Buffer.from(f.message, 'utf8')]);
    case 'request':
    case 'response': {
      const head = Buffer.alloc(4);
      head[0] = f.type === 'request' ? FRAME_TYPE.request : FRAME_TYPE.response;
      head.writeUInt16LE(f.id & 0xffff, 1);
      head[3] = f.type === 'request' ? REQUEST_OP[f.op] : f.ok ? 0 : 1;
      return control([head, Buffer.from(f.body, 'utf8')]);
    }
  }
}

function control(parts: Buffer[]): Buffer {
  const payload = Buffer.concat(parts);
  if (payload.length > MAX_CONTROL_PAYLOAD) {
    throw new HwbindError(
      'frame_too_large',
      `a control frame of ${payload.length} bytes exceeds ${MAX_CONTROL_PAYLOAD} bytes`,
    );
  }
  return payload;
}

/** Reads a link frame payload; a frame that is not one is a typed error (counted, never answered). */
export function decodeLinkFrame(p: Buffer): LinkFrame {
  if (p.length === 0) throw malformed('empty');
  let at = 1;
  const need = (n: number) => {
    if (at + n > p.length) throw malformed(`type 0x${p[0]!.toString(16)} ends early`);
  };
  const u8 = () => {
    need(1);
    return p[at++]!;
  };
  const u16 = () => {
    need(2);
    const v = p.readUInt16LE(at);
    at += 2;
    return v;
  };
  const u32 = () => {
    need(4);
    const v = p.readUInt32LE(at);
    at += 4;
    return v;
  };
  const text = (n: number) => {
    need(n);
    const v = p.toString('utf8', at, at + n);
    at += n;
    return v;
  };
  const rest = () => {
    const v = p.toString('utf8', at);
    at = p.length;
    return v;
  };
  const limits = (): LinkLimits => {
    const l = { window: u8(), maxFragment: u16() };
    try {
      checkLimits(l);
    } catch (err) {
      throw malformed((err as Error).message);
    }
    return l;
  };
  const version = () => {
    const v = u8();
    if (v !== LINK_VERSION) throw malformed(`link version ${v} is not supported (this side speaks ${LINK_VERSION})`);
    return v;
  };
  switch (p[0]) {
    case FRAME_TYPE.data: {
      const flags = u8();
      const seq = u16();
      const start = flags & FLAG_FIRST ? { topic: u8(), total: u32() } : null;
      return { type: 'data', seq, start, last: (flags & FLAG_LAST) !== 0, data: p.subarray(at) };
    }
    case FRAME_TYPE.ack:
      return { type: 'ack', next: u16(), sack: u32() };
    case FRAME_TYPE.auth: {
      const v = version();
      const l = limits();
      return { type: 'auth', version: v, ...l, username: text(u8()), password: rest() };
    }
    case FRAME_TYPE.authOk: {
      const v = version();
      const l = limits();
      return { type: 'authOk', version: v, ...l, nonce: text(u8()) };
    }
    case FRAME_TYPE.authRefused:
      return { type: 'authRefused', nonce: text(u8()), code: text(u8()), message: rest() };
    case FRAME_TYPE.close:
      return { type: 'close', code: text(u8()), message: rest() };
    case FRAME_TYPE.request: {
      const id = u16();
      const code = u8();
      const op = OP_BY_CODE.get(code);
      if (!op) throw malformed(`unknown request op ${code}`);
      return { type: 'request', id, op, body: rest() };
    }
    case FRAME_TYPE.response:
      return { type: 'response', id: u16(), ok: u8() === 0, body: rest() };
    default:
      throw malformed(`unknown type 0x${p[0]!.toString(16)}`);
  }
}

/** The AUTH a device sends to open a session: the same credentials as an MQTT CONNECT. */
export function authFrame(
  sn: string,
  secret: string,
  opts: { ts?: number; nonce?: string; clock?: Clock; limits?: LinkLimits } = {},
): AuthFrame {
  const creds = signDeviceCredentials(sn, secret, { ts: opts.ts, nonce: opts.nonce, clock: opts.clock ?? systemClock });
  return {
    type: 'auth',
    version: LINK_VERSION,
    ...(opts.limits ?? DEFAULT_LIMITS),
    username: creds.username,
    password: creds.password,
  };
}

/** The nonce of an AUTH's username (`SN|ts|nonce`), which AUTH_OK and AUTH_REFUSED echo. */
export function authNonce(username: string): string {
  return username.split('|')[2] ?? '';
}

/** The SN part of an AUTH's username, as sent (the client id of an MQTT CONNECT). */
export function authSn(username: string): string {
  return username.split('|')[0] ?? '';
}

/**
 * What a device answers to readBundle: the bundle it holds with the secret replaced by its SHA-256,
 * so a flashing tool can verify what it wrote without the secret ever leaving the device.
 */
export interface BundleReadback extends Omit<ProvisioningBundle, 'secret'> {
  secretSha256: string;
}

export function bundleReadback(bundle: ProvisioningBundle): BundleReadback {
  const { secret, ...rest } = bundle;
  return { ...rest, secretSha256: sha256(Buffer.from(secret, 'utf8')).toString('hex') };
}

/** What a device answers to info. */
export interface DeviceInfo {
  mode: 'provisioning' | 'provisioned';
  /** The SN it holds ('' in provisioning mode). */
  sn: string;
  /** Its model ('' when the firmware is not tied to one). */
  model: string;
  firmware: string;
}

export const DEFAULT_BAUD = 115_200;

export interface PortSpec {
  path: string;
  baud: number;
}

/**
 * `PATH[:BAUD]`, e.g. `/dev/ttyUSB0:921600`; the baud rate defaults to 115200. A colon after the
 * last `/` starts the baud rate; colons inside directory names stay part of the path.
 */
export function parsePortSpec(spec: string): PortSpec {
  const text = String(spec).trim();
  const colon = text.lastIndexOf(':');
  const hasBaud = colon > text.lastIndexOf('/');
  const path = hasBaud ? text.slice(0, colon) : text;
  if (!path) throw new HwbindError('invalid_argument', `serial port ${JSON.stringify(spec)}: expected PATH[:BAUD]`);
  const baudText = hasBaud ? text.slice(colon + 1) : String(DEFAULT_BAUD);
  const baud = /^\d+$/.test(baudText) ? Number(baudText) : Number.NaN;
  if (!Number.isInteger(baud) || baud < 300 || baud > 16_000_000) {
    throw new HwbindError(
      'invalid_argument',
      `serial port ${text}: baud rate must be a number from 300 to 16000000, got ${JSON.stringify(baudText)}`,
    );
  }
  return { path, baud };
}

/** Bytes a second a line carries: 10 bits a byte (start, 8 data, stop). */
export const lineRate = (baud: number): number => baud / 10;

/** Wire bytes of a frame whose payload is `payload` bytes: CRC, COBS overhead and the delimiter. */
export const wireBytes = (payload: number): number => payload + 4 + Math.ceil((payload + 4) / 254) + 1;

/**
 * A firmware chunk size fitted to a line: a chunk crosses it in about two seconds, well inside a
 * device's 10 s chunk timeout, rounded down to a power of two between 1 KiB and 64 KiB.
 */
export function chunkSizeForBaud(baud: number): number {
  const target = lineRate(baud) * 2;
  let size = 1024;
  while (size * 2 <= target && size < 65_536) size *= 2;
  return size;
}

/** The topic of a code in one direction; null for a code no topic of that direction has. */
export function topicForCode(code: number, direction: 'up' | 'down'): TopicName | null {
  const name = TOPIC_BY_CODE.get(code);
  return name && TOPICS[name].direction === direction ? name : null;
}
