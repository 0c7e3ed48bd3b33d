// The Person API (PRODUCT.md "Person API"): what the pages, third-party apps and scripts call with a
// person's identity. Every route asks the binding rules through the services; paths, bodies, status
// and error codes are a contract.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Clock } from '../../protocol/clock.js';
import { HwbindError } from '../../protocol/errors.js';
import type { Tokens } from '../auth/tokens.js';
import type { PersonDevices } from '../binding/devices.js';
import { isDeviceAdmin, mayBind } from '../binding/rules.js';
import type { BindingService, BindRequest } from '../binding/service.js';
import type { PersonEvents } from '../notifications/events.js';
import { checkWebhook } from '../notifications/webhooks.js';
import type { Store, WebhookSettings } from '../store/types.js';
import { type Person, personHook } from './person-auth.js';

export interface PersonDeps {
  store: Store;
  tokens: Tokens;
  binding: BindingService;
  devices: PersonDevices;
  events: PersonEvents;
  clock: Clock;
}

const str = { type: 'string' } as const;
const strList = { type: 'array', items: str, maxItems: 10_000 } as const;
const snParam = { type: 'object', required: ['sn'], properties: { sn: { type: 'string', maxLength: 128 } } } as const;
const target = {
  qr: { type: 'string', maxLength: 2048 },
  sn: { type: 'string', maxLength: 128 },
  verifyCode: { type: 'string', maxLength: 16 },
} as const;
const usableRange = {
  type: 'object',
  properties: { departments: strList, users: strList },
  additionalProperties: false,
} as const;
const tags = ['person'];

const person = (req: FastifyRequest): Person => req.person!;

export async function personRoutes(app: FastifyInstance, d: PersonDeps): Promise<void> {
  personHook(app, d, true);

  app.get('/me', { schema: { tags, summary: 'Who I am, and whether I may bind devices' } }, async (req) => {
    const { actor } = person(req);
    const corp = await d.binding.corpView(actor.corpId);
    const m = actor.member;
    return {
      corp: actor.corpId,
      corpName: (await d.store.getCorp(actor.corpId))?.name ?? actor.corpId,
      userid: m.userid,
      name: m.name,
      role: m.role,
      canBindDevices: mayBind(actor, corp).ok,
      deviceAdmin: isDeviceAdmin(m),
      memberBinding: corp.memberBinding,
      unreadNotifications: await d.store.countUnreadNotifications(actor.corpId, m.userid),
    };
  });

  app.post<{ Body: BindRequest }>(
    '/bind/resolve',
    {
      schema: {
        tags,
        summary: 'What a scanned QR code or SN + verification code names, and what I may choose for it',
        body: { type: 'object', properties: target },
      },
    },
    async (req) => d.binding.resolve(person(req).actor, req.body),
  );

  app.post<{ Body: BindRequest }>(
    '/bindings',
    {
      schema: {
        tags,
        summary: 'Bind a device: pending until the device acknowledges, then active',
        body: { type: 'object', properties: { ...target, usableRange, apps: strList } },
      },
    },
    async (req, reply) => {
      const b = await d.binding.bind(person(req).actor, req.body);
      return reply.code(201).send({ sn: b.sn, status: b.status, bindingId: b.id });
    },
  );

  app.get('/devices', { schema: { tags, summary: 'The devices I manage' } }, async (req) => ({
    devices: await d.devices.list(person(req).actor),
  }));

  app.get<{ Params: { sn: string } }>(
    '/devices/:sn',
    { schema: { tags, summary: 'A device I manage', params: snParam } },
    async (req) => d.devices.get(person(req).actor, req.params.sn.toUpperCase()),
  );

  app.patch<{ Params: { sn: string }; Body: { name: string | null } }>(
    '/devices/:sn',
    {
      schema: {
        tags,
        summary: "Rename a device (its remark name; null or '' restores the default)",
        params: snParam,
        body: { type: 'object', required: ['name'], properties: { name: { type: ['string', 'null'] } } },
      },
    },
    async (req) => d.devices.rename(person(req).actor, req.params.sn.toUpperCase(), req.body.name),
  );

  app.put<{ Params: { sn: string }; Body: { apps: string[] } }>(
    '/devices/:sn/apps',
    {
      schema: {
        tags,
        summary: "Change a device's associated apps (a member only apps they administer)",
        params: snParam,
        body: { type: 'object', required: ['apps'], properties: { apps: strList } },
      },
    },
    async (req) => {
      const b = await d.binding.setApps(person(req).actor, req.params.sn.toUpperCase(), req.body.apps);
      return { sn: b.sn, apps: b.apps };
    },
  );

  app.delete<{ Params: { sn: string } }>(
    '/devices/:sn/binding',
    { schema: { tags, summary: 'Remove a device from the enterprise (admins); the device wipes', params: snParam } },
    async (req, reply) => {
      await d.binding.unbind(person(req).actor, req.params.sn.toUpperCase());
      return reply.code(204).send();
    },
  );

  app.get<{ Querystring: { unread?: boolean; limit?: number } }>(
    '/me/notifications',
    {
      schema: {
        tags,
        summary: 'My notifications, newest first',
        querystring: {
          type: 'object',
          properties: { unread: { type: 'boolean' }, limit: { type: 'integer', minimum: 1, maximum: 500 } },
        },
      },
    },
    async (req) => {
      const { actor } = person(req);
      const list = await d.store.listNotifications(actor.corpId, actor.member.userid, {
        unreadOnly: req.query.unread,
        limit: req.query.limit,
      });
      return {
        notifications: list.map(({ id, kind, sn, text, link, createdAt, read }) => ({
          id,
          kind,
          sn,
          text,
          link,
          createdAt,
          read,
        })),
        unread: await d.store.countUnreadNotifications(actor.corpId, actor.member.userid),
      };
    },
  );

  app.post<{ Body: { ids?: string[] } }>(
    '/me/notifications/read',
    {
      schema: {
        tags,
        summary: 'Mark notifications read (all of mine without ids)',
        body: { type: 'object', properties: { ids: strList } },
      },
    },
    async (req) => {
      const { actor } = person(req);
      const marked = await d.store.markNotificationsRead(actor.corpId, actor.member.userid, req.body?.ids);
      return { marked, unread: await d.store.countUnreadNotifications(actor.corpId, actor.member.userid) };
    },
  );

  // Open event streams end when the gateway stops; the HTTP server would otherwise wait for every open tab.
  const streams = new Set<() => void>();
  app.addHook('preClose', (done) => {
    for (const end of streams) end();
    done();
  });

  app.get(
    '/events',
    { schema: { tags, summary: 'Server-sent events for me: binding status, notifications' } },
    (req, reply) => {
      const { actor } = person(req);
      reply.hijack();
      const res = reply.raw;
      res.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-store',
        connection: 'keep-alive',
        'x-accel-buffering': 'no',
      });
      res.write(': connected\n\n');
      const unsubscribe = d.events.subscribe(actor.corpId, actor.member.userid, (event) => {
        res.write(`event: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`);
      });
      // A comment now and then keeps proxies from closing an idle stream.
      const keepalive = setInterval(() => res.write(': keepalive\n\n'), 15_000);
      keepalive.unref();
      const end = () => res.destroy();
      streams.add(end);
      req.raw.on('close', () => {
        clearInterval(keepalive);
        unsubscribe();
        streams.delete(end);
      });
    },
  );

  app.get('/corp/settings', { schema: { tags, summary: "The enterprise's settings (super admins)" } }, async (req) => {
    const { actor } = person(req);
    requireSuperAdmin(actor.member.role);
    return settingsView(d, actor.corpId);
  });

  app.put<{ Body: { memberBinding?: boolean; webhook?: WebhookSettings | null } }>(
    '/corp/settings',
    {
      schema: {
        tags,
        summary: 'Switch member binding on or off; set the notification webhook (super admins)',
        body: {
          type: 'object',
          properties: {
            memberBinding: { type: 'boolean' },
            webhook: {
              anyOf: [
                { type: 'null' },
                {
                  type: 'object',
                  required: ['url', 'secret', 'allowedHosts'],
                  properties: { url: str, secret: str, allowedHosts: strList },
                },
              ],
            },
          },
        },
      },
    },
    async (req) => {
      const { actor } = person(req);
      requireSuperAdmin(actor.member.role);
      const { memberBinding, webhook } = req.body;
      const checked = webhook ? checkWebhook(webhook) : webhook;
      if (memberBinding !== undefined) await d.store.setMemberBinding(actor.corpId, memberBinding);
      if (checked !== undefined) await d.store.setWebhook(actor.corpId, checked);
      return settingsView(d, actor.corpId);
    },
  );
}

function requireSuperAdmin(role: string): void {
  if (role !== 'super_admin')
    throw new HwbindError('forbidden', "only the enterprise's super admins change its settings");
}

async function settingsView(d: PersonDeps, corpId: string) {
  const corp = await d.store.getCorp(corpId);
  const webhook = await d.store.getWebhook(corpId);
  return {
    memberBinding: corp?.memberBinding ?? false,
    // The secret is write-only.
    webhook: webhook ? { url: webhook.url, allowedHosts: webhook.allowedHosts } : null,
  };
}
