// The HTTP side of the gateway: health, readiness, Prometheus metrics, OpenAPI docs and the API.

import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance, type FastifyReply } from 'fastify';
import { HwbindError, isHwbindError } from '../../protocol/errors.js';
import type { Logger } from '../logger.js';
import type { Metrics } from '../metrics.js';
import { storageError } from '../store/sqlite.js';
import { type AdminDeps, adminRoutes } from './admin-routes.js';
import { httpStatus } from './errors.js';
import { pageRoutes } from './pages/index.js';
import { clearSessionCookies, safeNext, setSessionCookies } from './person-auth.js';
import { type PersonDeps, personRoutes } from './person-routes.js';

export interface HttpDeps extends AdminDeps, PersonDeps {
  logger: Logger;
  metrics: Metrics;
  publicUrl: string;
  ready(): Promise<boolean>;
  https?: { cert: Buffer; key: Buffer };
}

export async function createHttpServer(d: HttpDeps): Promise<FastifyInstance> {
  const app = Fastify({
    // Request lines are noise at info level; failures are logged by the error handler.
    loggerInstance: d.logger.child({ component: 'http' }, { level: 'warn' }),
    bodyLimit: 8 * 1024 * 1024,
    // Errors fastify answers before any route runs (a path with broken percent-encoding) keep the
    // API's error shape too.
    frameworkErrors: (err, _req, reply) => {
      (reply as unknown as FastifyReply)
        .code(400)
        .send({ error: new HwbindError('invalid_argument', err.message).toJSON() });
    },
    ...(d.https ? { https: { cert: d.https.cert, key: d.https.key } } : {}),
  }) as unknown as FastifyInstance;

  for (const type of ['text/csv', 'text/plain', 'application/yaml', 'text/yaml', 'application/x-yaml']) {
    app.addContentTypeParser(type, { parseAs: 'string' }, (_req, body, done) => done(null, body));
  }
  // Firmware images: the route's own bodyLimit (protocol/api.ts) bounds them.
  app.addContentTypeParser('application/octet-stream', { parseAs: 'buffer' }, (_req, body, done) => done(null, body));
  // What HTML forms post (the pages' sign-out button).
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_req, body, done) =>
    done(null, Object.fromEntries(new URLSearchParams(body as string))),
  );

  app.setErrorHandler((err, req, reply) => {
    const e = err as Error & { validation?: unknown; statusCode?: number; code?: string };
    let out: HwbindError;
    const storage = storageError(e, 'the data directory');
    if (isHwbindError(e)) out = e;
    else if (storage) {
      req.log.error({ err: e }, 'storage failed');
      out = storage;
    } else if (e.validation) out = new HwbindError('invalid_argument', e.message);
    else if (e.statusCode === 413) out = new HwbindError('payload_too_large', e.message);
    else if (e.statusCode && e.statusCode < 500) out = new HwbindError('invalid_argument', e.message);
    else {
      req.log.error({ err: e }, 'request failed');
      out = new HwbindError('internal');
    }
    reply.code(httpStatus(out.code)).send({ error: out.toJSON() });
  });
  app.setNotFoundHandler((req, reply) => {
    reply
      .code(404)
      .send({ error: new HwbindError('not_found', `no route ${req.method} ${req.url.split('?')[0]}`).toJSON() });
  });

  await app.register(swagger, {
    openapi: {
      info: {
        title: 'hwbind gateway API',
        version: '1',
        description: 'Device binding, provisioning and management for attendance and access-control terminals.',
      },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
      security: [{ bearer: [] }],
    },
  });
  await app.register(swaggerUi, { routePrefix: '/docs' });

  app.get('/healthz', { schema: { hide: true } }, async () => ({ ok: true }));
  app.get('/readyz', { schema: { hide: true } }, async (_req, reply) => {
    const ready = await d.ready().catch(() => false);
    return reply.code(ready ? 200 : 503).send({ ready });
  });
  app.get('/metrics', { schema: { hide: true } }, async (_req, reply) => {
    reply.header('content-type', d.metrics.registry.contentType);
    return d.metrics.registry.metrics();
  });

  // The usual security headers everywhere; pages set their own Content-Security-Policy, and the
  // third-party script (/jsapi/hwbind.js) must load from other sites.
  await app.register(helmet, { contentSecurityPolicy: false, crossOriginResourcePolicy: false, global: true });
  // API answers carry secrets (bundles), directories and personal data: never cached.
  app.addHook('onSend', async (req, reply, payload) => {
    if (req.url.startsWith('/api/')) reply.header('cache-control', 'no-store');
    return payload;
  });
  await app.register(cookie);
  // The declared paths are absolute (protocol/api.ts); the scope only confines the admin token check.
  await app.register((scope, _opts, done) => {
    adminRoutes(scope, d).then(() => done(), done);
  });
  await app.register((scope, _opts, done) => {
    personRoutes(scope, d).then(() => done(), done);
  });
  await app.register(pageRoutes, d);

  // The login link of `hwbind corp token`: the token becomes the session cookie of the pages.
  app.get<{ Querystring: { token?: string; next?: string } }>(
    '/login',
    { schema: { hide: true } },
    async (req, reply) => {
      const claims = await d.tokens.verify(req.query.token ?? '');
      const maxAgeS = Math.max(1, (claims.expiresAtS ?? 0) - Math.floor(d.clock.now() / 1000));
      setSessionCookies(reply, req.query.token!, maxAgeS, d.publicUrl.startsWith('https:'));
      return reply.redirect(safeNext(req.query.next, '/hw/devices'), 303);
    },
  );
  app.post('/logout', { schema: { hide: true } }, async (_req, reply) => {
    clearSessionCookies(reply);
    return reply.redirect('/', 303);
  });

  return app;
}
