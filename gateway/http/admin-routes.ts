// The admin API (/api/v1/admin/…): vendor provisioning and enterprise directories against a running
// gateway, with the gateway's admin token. The CLI's remote mode calls exactly these routes.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { HwbindError } from '../../protocol/errors.js';
import { trimBase } from '../../protocol/qr.js';
import { normalizeSn } from '../../protocol/sn.js';
import { parseDuration, type Tokens } from '../auth/tokens.js';
import type { Enterprises } from '../corp/directory.js';
import type { Provisioning } from '../provisioning/provisioning.js';
import type { Store } from '../store/types.js';

export interface AdminDeps {
  store: Store;
  provisioning: Provisioning;
  enterprises: Enterprises;
  tokens: Tokens;
  adminTokenOverride: string | null;
  endpoints(): { mqttUrl: string; publicUrl: string };
  /** Closes a device's live connection (after it is disabled). */
  disconnect(sn: string): void;
}

const str = { type: 'string' } as const;
const bool = { type: 'boolean' } as const;

export async function adminRoutes(app: FastifyInstance, d: AdminDeps): Promise<void> {
  app.addHook('onRequest', async (req: FastifyRequest) => {
    const header = req.headers.authorization ?? '';
    const token = header.startsWith('Bearer ') ? header.slice(7).trim() : '';
    if (!token || !(await d.tokens.isAdminToken(token, d.adminTokenOverride))) {
      throw new HwbindError(
        'unauthorized',
        'the admin API needs "Authorization: Bearer <admin token>" (see the data directory\'s admin token)',
      );
    }
  });

  app.get('/models', { schema: { tags: ['admin'], summary: 'List device models' } }, async () => ({
    models: await d.store.listModels(),
  }));

  app.post<{
    Body: { id: string; name: string; vendor?: string; capabilities: string[] | string; vendorKey?: string };
  }>(
    '/models',
    {
      schema: {
        tags: ['admin'],
        summary: 'Add a device model',
        body: {
          type: 'object',
          required: ['id', 'name', 'capabilities'],
          properties: {
            id: str,
            name: str,
            vendor: str,
            capabilities: { anyOf: [str, { type: 'array', items: str }] },
            vendorKey: str,
          },
        },
      },
    },
    async (req, reply) => reply.code(201).send({ model: await d.provisioning.addModel(req.body) }),
  );

  app.post<{ Body: { id: string; model: string; seed?: string } }>(
    '/batches',
    {
      schema: {
        tags: ['admin'],
        summary: 'Create a batch with a seed secret',
        body: { type: 'object', required: ['id', 'model'], properties: { id: str, model: str, seed: str } },
      },
    },
    async (req, reply) =>
      reply.code(201).send({
        batch: await d.provisioning.createBatch({ id: req.body.id, modelId: req.body.model, seed: req.body.seed }),
      }),
  );

  app.get<{ Querystring: { model?: string; limit?: number; offset?: number } }>(
    '/devices',
    {
      schema: {
        tags: ['admin'],
        summary: 'List devices',
        querystring: {
          type: 'object',
          properties: {
            model: str,
            limit: { type: 'integer', minimum: 1, maximum: 10000 },
            offset: { type: 'integer', minimum: 0 },
          },
        },
      },
    },
    async (req) => ({
      devices: (
        await d.store.listDevices({ modelId: req.query.model, limit: req.query.limit, offset: req.query.offset })
      ).map(({ secret: _s, ...rest }) => rest),
    }),
  );

  app.post<{ Body: { sn: string; model?: string; secret?: string; batch?: string } }>(
    '/devices',
    {
      schema: {
        tags: ['admin'],
        summary: 'Register a device; answers its provisioning bundle',
        body: { type: 'object', required: ['sn'], properties: { sn: str, model: str, secret: str, batch: str } },
      },
    },
    async (req, reply) => {
      const device = await d.provisioning.addDevice({
        sn: req.body.sn,
        modelId: req.body.model,
        secret: req.body.secret,
        batchId: req.body.batch,
      });
      return reply.code(201).send(await d.provisioning.bundle(device.sn, d.endpoints()));
    },
  );

  app.post<{ Body: string; Querystring: { model?: string; batch?: string; skipInvalid?: boolean } }>(
    '/devices/import',
    {
      schema: {
        tags: ['admin'],
        summary: 'Import SNs from CSV (header: sn[,secret][,model]); all or nothing unless skipInvalid',
        querystring: { type: 'object', properties: { model: str, batch: str, skipInvalid: bool } },
      },
    },
    async (req) =>
      d.provisioning.importCsv(String(req.body ?? ''), {
        modelId: req.query.model,
        batchId: req.query.batch,
        skipInvalid: req.query.skipInvalid,
      }),
  );

  app.get<{ Params: { sn: string } }>(
    '/devices/:sn/bundle',
    { schema: { tags: ['admin'], summary: "A device's provisioning bundle" } },
    async (req) => d.provisioning.bundle(req.params.sn, d.endpoints()),
  );

  app.put<{ Params: { sn: string }; Body: { disabled: boolean } }>(
    '/devices/:sn/disabled',
    {
      schema: {
        tags: ['admin'],
        summary: 'Disable or enable a device',
        body: { type: 'object', required: ['disabled'], properties: { disabled: bool } },
      },
    },
    async (req) => {
      const sn = normalizeSn(req.params.sn);
      await d.store.setDeviceDisabled(sn, req.body.disabled);
      if (req.body.disabled) d.disconnect(sn);
      return { sn, disabled: req.body.disabled };
    },
  );

  app.get('/corps', { schema: { tags: ['admin'], summary: 'List enterprises' } }, async () => ({
    corps: await d.store.listCorps(),
  }));

  app.post<{ Body: { id: string; name: string; memberBinding?: boolean } }>(
    '/corps',
    {
      schema: {
        tags: ['admin'],
        summary: 'Create an enterprise (member binding off unless given)',
        body: { type: 'object', required: ['id', 'name'], properties: { id: str, name: str, memberBinding: bool } },
      },
    },
    async (req, reply) => reply.code(201).send({ corp: await d.enterprises.create(req.body) }),
  );

  app.put<{ Params: { id: string }; Body: string }>(
    '/corps/:id/directory',
    { schema: { tags: ['admin'], summary: 'Replace the directory from a YAML or JSON file' } },
    async (req) => {
      const { corp, directory } = await d.enterprises.importDirectory(req.params.id, String(req.body ?? ''));
      return {
        corp,
        departments: directory.departments.length,
        members: directory.members.length,
        apps: directory.apps.length,
      };
    },
  );

  app.get<{ Params: { id: string } }>(
    '/corps/:id/directory',
    { schema: { tags: ['admin'], summary: "An enterprise's directory" } },
    async (req) => {
      await d.enterprises.require(req.params.id);
      return d.store.getDirectory(req.params.id);
    },
  );

  app.put<{ Params: { id: string }; Body: { memberBinding: boolean } }>(
    '/corps/:id/settings',
    {
      schema: {
        tags: ['admin'],
        summary: 'Switch member binding on or off',
        body: { type: 'object', required: ['memberBinding'], properties: { memberBinding: bool } },
      },
    },
    async (req) => ({ corp: await d.enterprises.setMemberBinding(req.params.id, req.body.memberBinding) }),
  );

  app.post<{ Params: { id: string }; Body: { userid: string; ttl?: string } }>(
    '/corps/:id/tokens',
    {
      schema: {
        tags: ['admin'],
        summary: 'Issue a login token for a person',
        body: { type: 'object', required: ['userid'], properties: { userid: str, ttl: str } },
      },
    },
    async (req) => {
      await d.enterprises.require(req.params.id);
      if (!(await d.store.getMember(req.params.id, req.body.userid)))
        throw new HwbindError('not_found', `no member ${req.body.userid} in ${req.params.id}`);
      const ttlS = parseDuration(req.body.ttl ?? '24h');
      const token = await d.tokens.issue({ corpId: req.params.id, userid: req.body.userid }, ttlS);
      return { token, expiresInS: ttlS, loginUrl: `${trimBase(d.endpoints().publicUrl)}/login?token=${token}` };
    },
  );
}
