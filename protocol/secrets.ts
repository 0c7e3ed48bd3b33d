// Batch secrets (PRODUCT.md): secret = first 32 hex chars of HMAC-SHA256(seed, upper-cased SN).
import { randomBytes } from 'node:crypto';
import { hmacHex } from './hmac.js';
import { normalizeSn } from './sn.js';

export function deriveDeviceSecret(seed: string, sn: string): string {
  return hmacHex(seed, normalizeSn(sn)).slice(0, 32);
}

/** A fresh random secret (batch seed or per-device secret), 32 hex chars. */
export function randomSecret(bytes = 16): string {
  return randomBytes(bytes).toString('hex');
}
