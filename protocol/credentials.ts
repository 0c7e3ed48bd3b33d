// Device credentials for MQTT CONNECT (PRODUCT.md, "Device credentials"):
//   clientId = SN; username = `SN|ts|nonce`; password = hex HMAC-SHA256(secret, username).
import { randomBytes } from 'node:crypto';
import { type Clock, unixSeconds } from './clock.js';
import { HwbindError } from './errors.js';
import { hexEquals, hmacHex } from './hmac.js';
import { normalizeSn } from './sn.js';

/** How far a credential timestamp may be from the gateway clock, in seconds. */
export const CREDENTIAL_WINDOW_S = 300;
export const NONCE_PATTERN = /^[A-Za-z0-9]{8,32}$/;

export interface DeviceCredentials {
  clientId: string;
  username: string;
  password: string;
}

export interface ParsedUsername {
  /** The SN as the device sent it. */
  sn: string;
  /** Canonical (upper-cased) SN. */
  canonicalSn: string;
  ts: number;
  nonce: string;
}

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

export function randomNonce(length = 16): string {
  const bytes = randomBytes(length);
  let out = '';
  for (const b of bytes) out += ALNUM[b % ALNUM.length];
  return out;
}

export function signDeviceCredentials(
  sn: string,
  secret: string,
  opts: { ts?: number; nonce?: string; clock?: Clock } = {},
): DeviceCredentials {
  const ts = opts.ts ?? unixSeconds(opts.clock ?? { now: Date.now });
  const nonce = opts.nonce ?? randomNonce();
  const username = `${sn}|${ts}|${nonce}`;
  return { clientId: sn, username, password: hmacHex(secret, username) };
}

export function parseUsername(username: string): ParsedUsername {
  const parts = username.split('|');
  if (parts.length !== 3) throw new HwbindError('invalid_credentials', 'username must be SN|ts|nonce');
  const [sn, tsText, nonce] = parts as [string, string, string];
  const canonicalSn = normalizeSn(sn);
  if (!/^\d{1,12}$/.test(tsText)) throw new HwbindError('invalid_credentials', 'ts must be Unix seconds');
  if (!NONCE_PATTERN.test(nonce)) throw new HwbindError('invalid_nonce');
  return { sn, canonicalSn, ts: Number(tsText), nonce };
}

/**
 * Checks what can be checked without state: form, client id, time window and signature.
 * The nonce replay cache and the SN lookup are the gateway's.
 */
export function verifyDeviceCredentials(input: {
  clientId: string;
  username: string;
  password: string;
  secret: string;
  clock: Clock;
}): ParsedUsername {
  const parsed = parseUsername(input.username);
  if (input.clientId !== parsed.sn) throw new HwbindError('client_id_mismatch');
  if (Math.abs(unixSeconds(input.clock) - parsed.ts) > CREDENTIAL_WINDOW_S) throw new HwbindError('stale_timestamp');
  if (!hexEquals(hmacHex(input.secret, input.username), input.password.toLowerCase())) {
    throw new HwbindError('bad_signature');
  }
  return parsed;
}
