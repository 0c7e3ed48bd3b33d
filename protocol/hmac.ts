import { createHmac, timingSafeEqual } from 'node:crypto';

/** HMAC-SHA256 with a UTF-8 key (device secrets are text). */
export function hmacSha256(key: string | Buffer, message: string | Buffer): Buffer {
  return createHmac('sha256', key).update(message).digest();
}

export const hmacHex = (key: string | Buffer, message: string | Buffer): string =>
  hmacSha256(key, message).toString('hex');

/** Constant-time comparison of two lowercase hex strings. */
export function hexEquals(a: string, b: string): boolean {
  const ab = Buffer.from(a, 'utf8');
  const bb = Buffer.from(b, 'utf8');
  return ab.length === bb.length && timingSafeEqual(ab, bb);
}
