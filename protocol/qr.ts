// Device QR codes (PRODUCT.md, "Device QR codes").
//   dynamic: {publicUrl}/hw/bind?sn=SN&ts=TS&nonce=N&sig=HEX, sig = HMAC-SHA256(secret, `qr|SN|TS|N`)
//   label:   {publicUrl}/hw/bind?sn=SN, plus a 6-digit verification code printed on the label
//   generic: {publicUrl}/hw/addDevice (and /wwopen/connect/hardware/addDevice)
import { type Clock, unixSeconds } from './clock.js';
import { randomNonce } from './credentials.js';
import { HwbindError } from './errors.js';
import { hexEquals, hmacHex, hmacSha256 } from './hmac.js';
import { normalizeSn } from './sn.js';

/** A dynamic QR code is valid this long after its timestamp. */
export const DYNAMIC_QR_TTL_S = 30 * 60;
/** Devices with a screen renew their dynamic QR this often. */
export const DYNAMIC_QR_RENEW_S = 10 * 60;
/** A QR timestamp may run this far ahead of the gateway clock (device clock skew). */
export const QR_FUTURE_SKEW_S = 300;

export const BIND_PATH = '/hw/bind';
export const ADD_DEVICE_PATH = '/hw/addDevice';
export const ADD_DEVICE_FULL_PATH = '/wwopen/connect/hardware/addDevice';

export const trimBase = (publicUrl: string): string => publicUrl.replace(/\/+$/, '');

export interface DynamicQr {
  kind: 'dynamic';
  sn: string;
  ts: number;
  nonce: string;
  sig: string;
}
export interface LabelQr {
  kind: 'label';
  sn: string;
}
export interface AddDeviceQr {
  kind: 'add_device';
}
export type ParsedQr = DynamicQr | LabelQr | AddDeviceQr;

export function dynamicQrSignature(secret: string, sn: string, ts: number, nonce: string): string {
  return hmacHex(secret, `qr|${sn}|${ts}|${nonce}`);
}

export function dynamicQrUrl(
  publicUrl: string,
  sn: string,
  secret: string,
  opts: { ts?: number; nonce?: string; clock?: Clock } = {},
): string {
  const canonical = normalizeSn(sn);
  const ts = opts.ts ?? unixSeconds(opts.clock ?? { now: Date.now });
  const nonce = opts.nonce ?? randomNonce();
  const sig = dynamicQrSignature(secret, canonical, ts, nonce);
  return `${trimBase(publicUrl)}${BIND_PATH}?sn=${canonical}&ts=${ts}&nonce=${nonce}&sig=${sig}`;
}

export function labelQrUrl(publicUrl: string, sn: string): string {
  return `${trimBase(publicUrl)}${BIND_PATH}?sn=${normalizeSn(sn)}`;
}

export function addDeviceUrls(publicUrl: string): { short: string; full: string } {
  const base = trimBase(publicUrl);
  return { short: `${base}${ADD_DEVICE_PATH}`, full: `${base}${ADD_DEVICE_FULL_PATH}` };
}

/** The 6-digit code printed on a static label: BE uint32 of HMAC(secret, `verify|SN`)[0..4] mod 10^6. */
export function verificationCode(secret: string, sn: string): string {
  const mac = hmacSha256(secret, `verify|${normalizeSn(sn)}`);
  return String(mac.readUInt32BE(0) % 1_000_000).padStart(6, '0');
}

export function checkVerificationCode(secret: string, sn: string, code: string): void {
  if (!/^\d{6}$/.test(code) || !hexEquals(verificationCode(secret, sn), code)) {
    throw new HwbindError('bad_verification_code');
  }
}

/** Parses any hwbind QR text (a dynamic or label bind URL, or the generic add-device URL). */
export function parseQr(text: string): ParsedQr {
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    throw new HwbindError('invalid_qr', 'the QR code is not a URL');
  }
  const path = url.pathname.replace(/\/+$/, '');
  if (path.endsWith(ADD_DEVICE_PATH) || path.endsWith(ADD_DEVICE_FULL_PATH)) return { kind: 'add_device' };
  if (!path.endsWith(BIND_PATH)) throw new HwbindError('invalid_qr', `unexpected path ${url.pathname}`);
  const q = url.searchParams;
  const snText = q.get('sn');
  if (!snText) throw new HwbindError('invalid_qr', 'the QR code has no sn');
  const sn = normalizeSn(snText);
  const ts = q.get('ts');
  const nonce = q.get('nonce');
  const sig = q.get('sig');
  if (ts === null && nonce === null && sig === null) return { kind: 'label', sn };
  if (
    !ts ||
    !/^\d{1,12}$/.test(ts) ||
    !nonce ||
    !/^[A-Za-z0-9]{8,32}$/.test(nonce) ||
    !sig ||
    !/^[0-9a-fA-F]{64}$/.test(sig)
  ) {
    throw new HwbindError('invalid_qr', 'a dynamic QR code needs ts, nonce (8-32 alphanumerics) and a 64-hex sig');
  }
  return { kind: 'dynamic', sn, ts: Number(ts), nonce, sig: sig.toLowerCase() };
}

/** Checks a dynamic QR code's signature and its 30-minute validity against the device secret. */
export function verifyDynamicQr(qr: DynamicQr, secret: string, clock: Clock): void {
  if (!hexEquals(dynamicQrSignature(secret, qr.sn, qr.ts, qr.nonce), qr.sig)) throw new HwbindError('qr_bad_signature');
  const now = unixSeconds(clock);
  if (now - qr.ts > DYNAMIC_QR_TTL_S) throw new HwbindError('qr_expired');
  if (qr.ts - now > QR_FUTURE_SKEW_S) throw new HwbindError('qr_expired', 'the QR code timestamp is in the future');
}
