// How people are recognised: a bearer token (`hwbind corp token`) for apps and scripts, or the
// HttpOnly session cookie the login link sets for the pages. Cookie-authenticated requests that
// change state must carry the CSRF token (double-submit: a readable cookie echoed in a header).
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { HwbindError } from '../../protocol/errors.js';
import type { PersonClaims, Tokens } from '../auth/tokens.js';
import type { Actor } from '../binding/rules.js';
import type { BindingService } from '../binding/service.js';

export const SESSION_COOKIE = 'hwbind_session';
export const CSRF_COOKIE = 'hwbind_csrf';
export const CSRF_HEADER = 'x-csrf-token';
/** A third-party app calling with a member's identity names itself here (rights stay the member's). */
export const APP_HEADER = 'x-hwbind-app';

export interface Person {
  claims: PersonClaims;
  actor: Actor;
  via: 'bearer' | 'cookie';
}

declare module 'fastify' {
  interface FastifyRequest {
    person: Person | null;
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

function sameString(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export interface PersonAuthDeps {
  tokens: Tokens;
  binding: BindingService;
}

/** Who the request is from, or null (no credentials). Throws `unauthorized` for bad ones. */
export async function identify(req: FastifyRequest, d: PersonAuthDeps): Promise<Person | null> {
  const header = req.headers.authorization ?? '';
  let token: string | null = null;
  let via: Person['via'] = 'bearer';
  if (header.startsWith('Bearer ')) token = header.slice(7).trim();
  else if (req.cookies?.[SESSION_COOKIE]) {
    token = req.cookies[SESSION_COOKIE]!;
    via = 'cookie';
  }
  if (!token) return null;
  const claims = await d.tokens.verify(token);
  if (via === 'cookie' && !SAFE_METHODS.has(req.method)) {
    const sent = String(req.headers[CSRF_HEADER] ?? '');
    const cookie = req.cookies[CSRF_COOKIE] ?? '';
    if (!sent || !cookie || !sameString(sent, cookie))
      throw new HwbindError(
        'forbidden',
        `missing or wrong CSRF token: send the ${CSRF_COOKIE} cookie's value in ${CSRF_HEADER}`,
      );
  }
  const app = req.headers[APP_HEADER];
  const actor = await d.binding.actor(claims, typeof app === 'string' && app ? app : undefined);
  return { claims, actor, via };
}

/** Adds `req.person` to every request of the scope; `required` refuses requests without one. */
export function personHook(app: FastifyInstance, d: PersonAuthDeps, required: boolean): void {
  app.decorateRequest('person', null);
  app.addHook('onRequest', async (req) => {
    req.person = await identify(req, d);
    if (required && !req.person)
      throw new HwbindError('unauthorized', 'sign in through your login link, or send "Authorization: Bearer <token>"');
  });
}

/** Sets the session and CSRF cookies for a verified token. */
export function setSessionCookies(reply: FastifyReply, token: string, maxAgeS: number, secure: boolean): void {
  const common = { path: '/', secure, maxAge: maxAgeS };
  reply.setCookie(SESSION_COOKIE, token, { ...common, httpOnly: true, sameSite: 'lax' });
  reply.setCookie(CSRF_COOKIE, randomBytes(18).toString('base64url'), {
    ...common,
    httpOnly: false,
    sameSite: 'strict',
  });
}

export function clearSessionCookies(reply: FastifyReply): void {
  reply.clearCookie(SESSION_COOKIE, { path: '/' });
  reply.clearCookie(CSRF_COOKIE, { path: '/' });
}

/** Only same-site paths may be redirected to after login. */
export function safeNext(next: unknown, fallback: string): string {
  return typeof next === 'string' && next.startsWith('/') && !next.startsWith('//') && !next.includes('\\')
    ? next
    : fallback;
}
