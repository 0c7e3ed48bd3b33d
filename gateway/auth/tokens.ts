// Bearer tokens: people (a member of an enterprise) get signed, expiring JWTs (HS256) from
// `hwbind corp token`; the admin API takes the gateway's admin token. Keys live in the store,
// so a token issued offline on a data directory works against the gateway serving it.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { jwtVerify, SignJWT } from 'jose';
import type { Clock } from '../../protocol/clock.js';
import { HwbindError } from '../../protocol/errors.js';
import type { Store } from '../store/types.js';

export interface PersonClaims {
  corpId: string;
  userid: string;
  /** Unix seconds; set on verified tokens. */
  expiresAtS?: number;
}

const ISSUER = 'hwbind';
/** A login token lives at most this long: a leaked link must not work for good. */
export const MAX_TOKEN_TTL_S = 30 * 86400;
export const MIN_TOKEN_TTL_S = 60;

/** Parses durations like 30m, 12h, 7d, 3600 (seconds). */
export function parseDuration(text: string): number {
  const m = /^(\d+)\s*([smhd]?)$/.exec(text.trim());
  if (!m) throw new HwbindError('invalid_argument', `invalid duration ${JSON.stringify(text)} (use e.g. 30m, 12h, 7d)`);
  const unit = { '': 1, s: 1, m: 60, h: 3600, d: 86400 }[m[2] as '' | 's' | 'm' | 'h' | 'd'];
  return Number(m[1]) * unit;
}

export class Tokens {
  private key: Uint8Array | null = null;
  private admin: string | null = null;

  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
  ) {}

  private async signingKey(): Promise<Uint8Array> {
    if (this.key) return this.key;
    // Two processes on one data directory (the CLI and the gateway) must end up with one key.
    const hex = await this.store.setMetaOnce('token_key', randomBytes(32).toString('hex'));
    this.key = Buffer.from(hex, 'hex');
    return this.key;
  }

  /** The admin token of this data directory, created on first use. */
  async adminToken(): Promise<string> {
    if (this.admin) return this.admin;
    this.admin = await this.store.setMetaOnce('admin_token', `hwa_${randomBytes(24).toString('base64url')}`);
    return this.admin;
  }

  async isAdminToken(candidate: string, override?: string | null): Promise<boolean> {
    // Digests are equal-length, so the comparison reveals neither content nor length.
    const digest = (t: string) => createHash('sha256').update(t).digest();
    return timingSafeEqual(digest(candidate), digest(override || (await this.adminToken())));
  }

  async issue(claims: PersonClaims, ttlS: number): Promise<string> {
    if (!Number.isSafeInteger(ttlS) || ttlS < MIN_TOKEN_TTL_S || ttlS > MAX_TOKEN_TTL_S)
      throw new HwbindError('invalid_argument', 'a token lives between 1 minute and 30 days (e.g. --ttl 12h, 7d, 30d)');
    const now = Math.floor(this.clock.now() / 1000);
    return new SignJWT({ corp: claims.corpId })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(claims.userid)
      .setIssuer(ISSUER)
      .setIssuedAt(now)
      .setExpirationTime(now + ttlS)
      .sign(await this.signingKey());
  }

  async verify(token: string): Promise<PersonClaims> {
    try {
      const { payload } = await jwtVerify(token, await this.signingKey(), {
        issuer: ISSUER,
        algorithms: ['HS256'],
        currentDate: new Date(this.clock.now()),
      });
      if (typeof payload.corp !== 'string' || typeof payload.sub !== 'string') throw new Error('claims missing');
      return { corpId: payload.corp, userid: payload.sub, expiresAtS: payload.exp };
    } catch (err) {
      const expired = (err as { code?: string }).code === 'ERR_JWT_EXPIRED';
      throw new HwbindError(
        'unauthorized',
        expired ? 'the token has expired: ask for a new login link' : 'invalid token',
      );
    }
  }
}
