// The Person API (PRODUCT.md "Person API", declared in protocol/api.ts): what the pages, third-party
// apps and scripts call with a person's identity. Every route asks the binding rules through the
// services; paths, bodies, status and error codes are a contract.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { API } from '../../protocol/api.js';
import type { Clock } from '../../protocol/clock.js';
import { HwbindError } from '../../protocol/errors.js';
import { isValidSn, normalizeSn } from '../../protocol/sn.js';
import type { DoorService } from '../attendance/door.js';
import { type Enrollments, enrollmentView } from '../attendance/enrollment.js';
import type { Records } from '../attendance/records.js';
import type { Tokens } from '../auth/tokens.js';
import type { PersonDevices } from '../binding/devices.js';
import { isDeviceAdmin, mayBind } from '../binding/rules.js';
import type { BindingService } from '../binding/service.js';
import type { PersonEvents } from '../notifications/events.js';
import { checkWebhook } from '../notifications/webhooks.js';
import type { FirmwareCatalog } from '../ota/catalog.js';
import type { FirmwareJobs } from '../ota/jobs.js';
import type { Store } from '../store/types.js';
import { otaPersonRoutes } from './ota-routes.js';
import { type Person, personHook } from './person-auth.js';
import { route } from './route.js';

export interface PersonDeps {
  store: Store;
  tokens: Tokens;
  binding: BindingService;
  devices: PersonDevices;
  events: PersonEvents;
  enrollments: Enrollments;
  clock: Clock;
  records: Records;
  door: DoorService;
  catalog: FirmwareCatalog;
  firmware: FirmwareJobs;
}

const person = (req: FastifyRequest): Person => req.person!;

/** An SN from a path: canonical; one that cannot exist answers like an unknown one. */
export function snOf(text: string): string {
  if (!isValidSn(text)) throw new HwbindError('device_not_found', `no device ${text.slice(0, 140)}`);
  return normalizeSn(text);
}

export async function personRoutes(app: FastifyInstance, d: PersonDeps): Promise<void> {
  personHook(app, d, true);

  route(app, API['person.me'], async (req) => {
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

  route(app, API['person.resolve'], async (req) => d.binding.resolve(person(req).actor, req.body));

  route(app, API['person.bind'], async (req) => {
    const b = await d.binding.bind(person(req).actor, req.body);
    return { sn: b.sn, status: b.status, bindingId: b.id };
  });

  route(app, API['person.listDevices'], async (req) => ({ devices: await d.devices.list(person(req).actor) }));

  route(app, API['person.getDevice'], async (req) => d.devices.get(person(req).actor, snOf(req.params.sn)));

  route(app, API['person.renameDevice'], async (req) =>
    d.devices.rename(person(req).actor, snOf(req.params.sn), req.body.name),
  );

  route(app, API['person.setDeviceApps'], async (req) => {
    const b = await d.binding.setApps(person(req).actor, snOf(req.params.sn), req.body.apps);
    return { sn: b.sn, apps: b.apps };
  });

  route(app, API['person.unbind'], async (req) => {
    await d.binding.unbind(person(req).actor, snOf(req.params.sn));
  });

  route(app, API['person.notifications'], async (req) => {
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
  });

  route(app, API['person.markNotificationsRead'], async (req) => {
    const { actor } = person(req);
    const marked = await d.store.markNotificationsRead(actor.corpId, actor.member.userid, req.body?.ids);
    return { marked, unread: await d.store.countUnreadNotifications(actor.corpId, actor.member.userid) };
  });

  route(app, API['person.corpSettings'], async (req) => {
    const { actor } = person(req);
    requireSuperAdmin(actor.member.role);
    return settingsView(d, actor.corpId);
  });

  route(app, API['person.setCorpSettings'], async (req) => {
    const { actor } = person(req);
    requireSuperAdmin(actor.member.role);
    const { memberBinding, webhook } = req.body;
    const checked = webhook ? checkWebhook(webhook) : webhook;
    if (memberBinding !== undefined) await d.store.setMemberBinding(actor.corpId, memberBinding);
    if (checked !== undefined) await d.store.setWebhook(actor.corpId, checked);
    return settingsView(d, actor.corpId);
  });

  route(app, API['person.deviceRecords'], async (req) => {
    const { actor } = person(req);
    const sn = snOf(req.params.sn);
    return req.query.format === 'csv' ? d.records.csv(actor, req.query, sn) : d.records.list(actor, req.query, sn);
  });

  route(app, API['person.records'], async (req) => {
    const { actor } = person(req);
    return req.query.format === 'csv' ? d.records.csv(actor, req.query) : d.records.list(actor, req.query);
  });

  route(app, API['person.openDoor'], async (req) => ({
    result: await d.door.open(person(req).actor, snOf(req.params.sn)),
  }));

  // Open event streams end when the gateway stops; the HTTP server would otherwise wait for every open tab.
  const streams = new Set<() => void>();
  app.addHook('preClose', (done) => {
    for (const end of streams) end();
    done();
  });
  route(app, API['person.startEnrollment'], async (req) =>
    enrollmentView(await d.enrollments.request(person(req).actor, snOf(req.params.sn), req.body)),
  );

  route(app, API['person.deviceEnrollments'], async (req) => {
    const list = await d.enrollments.list(person(req).actor, snOf(req.params.sn), req.query.limit ?? 20);
    return { enrollments: list.map(enrollmentView) };
  });

  route(app, API['person.getEnrollment'], async (req) =>
    enrollmentView(await d.enrollments.get(person(req).actor, req.params.id)),
  );

  route(app, API['person.cancelEnrollment'], async (req) =>
    enrollmentView(await d.enrollments.cancel(person(req).actor, req.params.id)),
  );

  otaPersonRoutes(app, d);

  // Server-sent events: a stream, so it is the one Person API route not declared as JSON.
  app.get(
    '/api/v1/events',
    {
      schema: {
        tags: ['person'],
        operationId: 'person.events',
        summary: 'Server-sent events for me: binding status changes, notifications, enrollment and firmware progress',
      },
    },
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
