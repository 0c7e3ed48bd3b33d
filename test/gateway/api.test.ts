// The declared HTTP API (protocol/api.ts): its types agree with the gateway's and the bundle's; a
// declaration registers a route (gateway/http/route.ts) and the typed client calls it over real
// HTTP, for every shape the Person API needs: a bearer token, path parameters, a query, 201/202/204
// answers, a YAML upload and a CSV answer; error answers come back as HwbindError.
import swagger from '@fastify/swagger';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, expectTypeOf, it } from 'vitest';
import { httpStatus } from '../../gateway/http/errors.js';
import { route } from '../../gateway/http/route.js';
import type { ImportResult } from '../../gateway/provisioning/provisioning.js';
import type { Batch, Binding, Corp, Device, Directory, Model } from '../../gateway/store/types.js';
import type { Api, BUNDLE, Endpoint, FromSchema, RequestOf, ResponseOf } from '../../protocol/api.js';
import { callEndpoint, callEndpointCsv } from '../../protocol/api-client.js';
import type { ProvisioningBundle } from '../../protocol/bundle.js';
import { HwbindError, isHwbindError } from '../../protocol/errors.js';

describe('the admin API declaration', () => {
  it("answers exactly the gateway's shapes and the provisioning bundle", () => {
    expectTypeOf<FromSchema<typeof BUNDLE>>().toEqualTypeOf<ProvisioningBundle>();
    expectTypeOf<ResponseOf<Api['admin.listModels']>['models'][number]>().toEqualTypeOf<Model>();
    expectTypeOf<ResponseOf<Api['admin.createBatch']>['batch']>().toEqualTypeOf<Batch>();
    type LiveBinding = Pick<Binding, 'id' | 'status' | 'boundBy' | 'activatedAt'> & { corp: string; boundAt: number };
    expectTypeOf<Omit<ResponseOf<Api['admin.getDevice']>, 'binding'>>().toEqualTypeOf<Omit<Device, 'secret'>>();
    expectTypeOf<ResponseOf<Api['admin.getDevice']>['binding']>().toEqualTypeOf<
      { [K in keyof LiveBinding]: LiveBinding[K] } | null
    >();
    expectTypeOf<ResponseOf<Api['admin.listDevices']>['devices'][number]>().toEqualTypeOf<
      ResponseOf<Api['admin.getDevice']>
    >();
    expectTypeOf<ResponseOf<Api['admin.importDevices']>>().toEqualTypeOf<ImportResult>();
    expectTypeOf<ResponseOf<Api['admin.listCorps']>['corps'][number]>().toEqualTypeOf<Corp>();
    expectTypeOf<ResponseOf<Api['admin.getDirectory']>>().toEqualTypeOf<Directory>();
    expectTypeOf<RequestOf<Api['admin.importDirectory']>>().toEqualTypeOf<{ params: { id: string }; body: string }>();
  });
});

const NOTE = {
  type: 'object',
  required: ['id', 'text'],
  properties: { id: { type: 'string' }, text: { type: 'string' } },
} as const;

// Declarations of the shapes the Person API uses, written the way protocol/api.ts declares endpoints.
const T = {
  create: {
    name: 'test.create',
    method: 'POST',
    path: '/api/v1/things/:sn/notes',
    summary: 'Create a note',
    query: { type: 'object', properties: { urgent: { type: 'boolean' }, limit: { type: 'integer', minimum: 1 } } },
    body: { type: 'object', required: ['text'], properties: { text: { type: 'string' } } },
    status: 201,
    response: NOTE,
  },
  start: {
    name: 'test.start',
    method: 'POST',
    path: '/api/v1/things/:sn/jobs',
    summary: 'Start a job',
    status: 202,
    response: { type: 'object', required: ['job'], properties: { job: { type: 'string' } } },
  },
  remove: {
    name: 'test.remove',
    method: 'DELETE',
    path: '/api/v1/things/:sn/notes/:id',
    summary: 'Remove a note',
    status: 204,
  },
  list: {
    name: 'test.list',
    method: 'GET',
    path: '/api/v1/things/:sn/notes',
    summary: 'List notes',
    query: { type: 'object', properties: { format: { type: 'string', enum: ['json', 'csv'] } } },
    response: { type: 'object', required: ['notes'], properties: { notes: { type: 'array', items: NOTE } } },
    csv: true,
  },
  upload: {
    name: 'test.upload',
    method: 'PUT',
    path: '/api/v1/things/:sn/config',
    summary: 'Upload a YAML file',
    body: { type: 'string' },
    bodyType: 'application/yaml',
    response: { type: 'object', required: ['text'], properties: { text: { type: 'string' } } },
  },
  fail: {
    name: 'test.fail',
    method: 'GET',
    path: '/api/v1/fail',
    summary: 'Fail as asked',
    query: { type: 'object', required: ['how'], properties: { how: { type: 'string' } } },
    response: { type: 'object' },
  },
} as const satisfies Record<string, Endpoint>;

describe('a declared route and the typed client', () => {
  let app: FastifyInstance;
  let base: string;
  const seen: { authorization?: string; params?: unknown; query?: unknown }[] = [];
  const TOKEN = 'person-token';

  beforeAll(async () => {
    app = Fastify();
    app.addContentTypeParser('application/yaml', { parseAs: 'string' }, (_req, body, done) => done(null, body));
    // The gateway's error body (gateway/http/server.ts), plus the two shapes a client must survive:
    // a code it does not know, and a page that is not JSON at all.
    app.setErrorHandler((err: Error & { code?: string }, _req, reply) => {
      if (isHwbindError(err)) return reply.code(httpStatus(err.code)).send({ error: err.toJSON() });
      if (err.message === 'proxy') return reply.code(502).type('text/html').send('<html>Bad gateway</html>');
      return reply.code(403).send({ error: { code: err.code, message: err.message } });
    });
    await app.register(swagger, { openapi: { info: { title: 'test', version: '1' } } });
    const notes = [{ id: 'n1', text: 'first, with a comma' }];
    route(app, T.create, async (req) => {
      seen.push({ authorization: req.headers.authorization, params: req.params, query: req.query });
      return { id: `${req.params.sn}-n2`, text: req.body.text };
    });
    route(app, T.start, async (req) => ({ job: `job-${req.params.sn}` }));
    route(app, T.remove, async (req) => {
      seen.push({ params: req.params });
    });
    route(app, T.list, async (req) =>
      req.query.format === 'csv' ? `id,text\n${notes.map((n) => `${n.id},"${n.text}"`).join('\n')}\n` : { notes },
    );
    route(app, T.upload, async (req) => ({ text: req.body }));
    route(app, T.fail, async (req) => {
      if (req.query.how === 'known') throw new HwbindError('device_not_found', 'no device X1', { sn: 'X1' });
      if (req.query.how === 'unknown') throw Object.assign(new Error('a newer rule refuses'), { code: 'brand_new' });
      throw new Error('proxy');
    });
    base = `${await app.listen({ port: 0, host: '127.0.0.1' })}/`;
  });

  afterAll(() => app.close());

  it('sends the bearer token, path parameters and the query, and answers 201 with the body', async () => {
    const note = await callEndpoint(base, TOKEN, T.create, {
      params: { sn: 'a b/c' },
      query: { urgent: true, limit: 5 },
      body: { text: 'hello' },
    });
    expect(note).toEqual({ id: 'a b/c-n2', text: 'hello' });
    expect(seen.at(-1)).toEqual({
      authorization: 'Bearer person-token',
      params: { sn: 'a b/c' },
      query: { urgent: true, limit: 5 },
    });
    await callEndpoint(base, TOKEN, T.create, {
      params: { sn: 'S1' },
      query: { urgent: undefined },
      body: { text: 'x' },
    });
    expect(seen.at(-1)?.query).toEqual({});
  });

  it('answers 202 with its body and 204 with nothing', async () => {
    expect(await callEndpoint(base, TOKEN, T.start, { params: { sn: 'S1' } })).toEqual({ job: 'job-S1' });
    expect(await callEndpoint(base, TOKEN, T.remove, { params: { sn: 'S1', id: 'n1' } })).toBeUndefined();
    expect(seen.at(-1)).toEqual({ params: { sn: 'S1', id: 'n1' } });
    const raw = await fetch(`${base}api/v1/things/S1/notes/n1`, { method: 'DELETE' });
    expect(raw.status).toBe(204);
  });

  it('answers JSON, or CSV when asked with format=csv', async () => {
    expect(await callEndpoint(base, TOKEN, T.list, { params: { sn: 'S1' } })).toEqual({
      notes: [{ id: 'n1', text: 'first, with a comma' }],
    });
    const csv = await callEndpointCsv(base, TOKEN, T.list, { params: { sn: 'S1' } });
    expect(csv).toBe('id,text\nn1,"first, with a comma"\n');
    const raw = await fetch(`${base}api/v1/things/S1/notes?format=csv`);
    expect(raw.headers.get('content-type')).toBe('text/csv; charset=utf-8');
  });

  it('uploads a text body with its declared content type', async () => {
    const yaml = 'corp: {id: acme}\nmembers: []\n';
    expect(await callEndpoint(base, TOKEN, T.upload, { params: { sn: 'S1' }, body: yaml })).toEqual({ text: yaml });
  });

  it('describes each route in OpenAPI: operation, parameters, bodies and every answer', () => {
    const spec = app.swagger() as unknown as { paths: Record<string, Record<string, Record<string, unknown>>> };
    const list = spec.paths['/api/v1/things/{sn}/notes']!.get!;
    expect(list).toMatchObject({ operationId: 'test.list', tags: ['test'], summary: 'List notes' });
    const answers = list.responses as Record<string, { content?: Record<string, unknown> }>;
    expect(Object.keys(answers['200']!.content!)).toEqual(['application/json', 'text/csv']);
    expect(Object.keys(answers).sort()).toEqual(['200', '4XX', '5XX']);
    expect(Object.keys(spec.paths['/api/v1/things/{sn}/notes/{id}']!.delete!.responses as object)).toContain('204');
    const upload = spec.paths['/api/v1/things/{sn}/config']!.put!;
    expect(Object.keys((upload.requestBody as { content: object }).content)).toEqual(['application/yaml']);
    expect((upload.parameters as { name: string; in: string }[]).map((p) => `${p.in}:${p.name}`)).toEqual(['path:sn']);
  });

  it('turns error answers into HwbindError, keeping an unknown code, and says when the gateway is unreachable', async () => {
    await expect(callEndpoint(base, TOKEN, T.fail, { query: { how: 'known' } })).rejects.toMatchObject({
      code: 'device_not_found',
      message: 'no device X1',
      details: { sn: 'X1' },
    });
    await expect(callEndpoint(base, TOKEN, T.fail, { query: { how: 'unknown' } })).rejects.toMatchObject({
      code: 'internal',
      message: 'brand_new: a newer rule refuses',
      details: { code: 'brand_new' },
    });
    const proxy = await callEndpoint(base, TOKEN, T.fail, { query: { how: 'proxy' } }).catch((e: unknown) => e);
    expect(proxy).toBeInstanceOf(HwbindError);
    expect(proxy).toMatchObject({ code: 'internal', details: { status: 502 } });
    expect((proxy as Error).message).toContain('HTTP 502: <html>Bad gateway</html>');
    await expect(callEndpoint('http://127.0.0.1:1', 't', T.start, { params: { sn: 'S1' } })).rejects.toMatchObject({
      code: 'internal',
      message: expect.stringMatching(/^cannot reach http:\/\/127\.0\.0\.1:1 \(POST \/api\/v1\/things\/S1\/jobs\)/),
    });
  });
});
