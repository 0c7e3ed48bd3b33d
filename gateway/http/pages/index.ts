// The web pages: one table of routes to page modules, one wrapper that signs the person in (or
// answers the 401 sign-in page), renders refusals as pages with their status, and frames the page;
// the stylesheet and browser scripts under /assets/; the third-party entry points under /jsapi/.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { isHwbindError } from '../../../protocol/errors.js';
import { isDeviceAdmin } from '../../binding/rules.js';
import { httpStatus } from '../errors.js';
import { identify, type Person } from '../person-auth.js';
import { addDevicePage } from './add-device.js';
import { adminPage } from './admin.js';
import { bindPage } from './bind.js';
import { devicePage } from './device.js';
import { devicesPage } from './devices.js';
import { addDeviceEntry, JSAPI_SCRIPT, openDeviceProfileEntry } from './jsapi.js';
import {
  errorPage,
  layout,
  type PageDeps,
  type PageHandler,
  type PageResult,
  signInPage,
  type Viewer,
} from './layout.js';
import { notificationsPage } from './notifications.js';
import { corpRecordsPage } from './records.js';

const PAGES: [path: string, handler: PageHandler][] = [
  ['/hw/addDevice', addDevicePage],
  ['/wwopen/connect/hardware/addDevice', addDevicePage],
  ['/hw/bind', bindPage],
  ['/hw/devices', devicesPage],
  ['/hw/devices/:sn', devicePage],
  ['/hw/notifications', notificationsPage],
  ['/admin', adminPage],
  ['/admin/records', corpRecordsPage],
  ['/jsapi/openDeviceProfile', openDeviceProfileEntry],
];

const ASSET_DIR = new URL('./assets/', import.meta.url);
const ASSETS: [path: string, file: URL | string, type: string][] = [
  ['/assets/hwbind.css', new URL('hwbind.css', ASSET_DIR), 'text/css'],
  ['/assets/page.js', new URL('page.js', ASSET_DIR), 'text/javascript'],
  ['/assets/sign-in.js', new URL('sign-in.js', ASSET_DIR), 'text/javascript'],
  ['/assets/add-device.js', new URL('add-device.js', ASSET_DIR), 'text/javascript'],
  ['/assets/bind.js', new URL('bind.js', ASSET_DIR), 'text/javascript'],
  ['/assets/device.js', new URL('device.js', ASSET_DIR), 'text/javascript'],
  ['/assets/device-enrollment.js', new URL('device-enrollment.js', ASSET_DIR), 'text/javascript'],
  ['/assets/records.js', new URL('records.js', ASSET_DIR), 'text/javascript'],
  ['/assets/device-firmware.js', new URL('device-firmware.js', ASSET_DIR), 'text/javascript'],
  ['/assets/notifications.js', new URL('notifications.js', ASSET_DIR), 'text/javascript'],
  ['/assets/admin.js', new URL('admin.js', ASSET_DIR), 'text/javascript'],
  ['/assets/admin-firmware.js', new URL('admin-firmware.js', ASSET_DIR), 'text/javascript'],
  ['/assets/jsQR.js', createRequire(import.meta.url).resolve('jsqr'), 'text/javascript'],
  [JSAPI_SCRIPT, new URL('hwbind.js', ASSET_DIR), 'text/javascript'],
];

// Pages load only their own scripts and styles; the camera and photos stay in the page.
const PAGE_HEADERS = {
  'content-type': 'text/html; charset=utf-8',
  'cache-control': 'no-store',
  'content-security-policy':
    "default-src 'self'; img-src 'self' data: blob:; media-src 'self' blob:; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
  'referrer-policy': 'same-origin',
  'x-content-type-options': 'nosniff',
};

/** Query and path parameters as strings (a repeated query parameter counts once). */
function firstValues(input: unknown): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  for (const [key, value] of Object.entries((input ?? {}) as Record<string, unknown>)) {
    const first = Array.isArray(value) ? value[0] : value;
    if (typeof first === 'string') out[key] = first;
  }
  return out;
}

function send(reply: FastifyReply, page: PageResult, viewer: Viewer | null): FastifyReply {
  if ('redirect' in page) return reply.redirect(page.redirect, 302);
  return reply
    .code(page.status ?? 200)
    .headers(PAGE_HEADERS)
    .send(layout(page, viewer));
}

export async function pageRoutes(app: FastifyInstance, d: PageDeps): Promise<void> {
  for (const [path, file, type] of ASSETS) {
    const body = readFileSync(file);
    app.get(path, { schema: { hide: true } }, async (_req, reply) =>
      reply
        .headers({
          'content-type': `${type}; charset=utf-8`,
          'cache-control': 'no-cache',
          'x-content-type-options': 'nosniff',
        })
        .send(body),
    );
  }

  const viewerOf = async (person: Person): Promise<Viewer> => {
    const { corpId, member } = person.actor;
    return {
      userid: member.userid,
      name: member.name,
      role: member.role,
      corpName: (await d.store.getCorp(corpId))?.name ?? corpId,
      unread: await d.store.countUnreadNotifications(corpId, member.userid),
      deviceAdmin: isDeviceAdmin(member),
    };
  };

  const serve = (handler: PageHandler) => async (req: FastifyRequest, reply: FastifyReply) => {
    let person: Person | null = null;
    let reason: string | null = null;
    try {
      person = await identify(req, d);
    } catch (err) {
      if (!isHwbindError(err, 'unauthorized')) throw err;
      reason = err.message;
    }
    if (!person) return send(reply, signInPage(req.url, reason), null);
    const viewer = await viewerOf(person);
    let page: PageResult;
    try {
      page = await handler(
        {
          query: firstValues(req.query),
          params: firstValues(req.params),
          url: req.url,
        },
        { d, actor: person.actor, viewer },
      );
    } catch (err) {
      if (!isHwbindError(err)) {
        req.log.error({ err }, 'page failed');
        page = errorPage(500, 'internal', 'The gateway could not show this page; try again in a moment');
      } else page = errorPage(httpStatus(err.code), err.code, err.message);
    }
    return send(reply, page, viewer);
  };

  for (const [path, handler] of PAGES) app.get(path, { schema: { hide: true } }, serve(handler));
  app.get('/', { schema: { hide: true } }, async (_req, reply) => reply.redirect('/hw/devices', 302));
  app.get('/jsapi/addDevice', { schema: { hide: true } }, async (req, reply) =>
    reply.redirect(addDeviceEntry(firstValues(req.query), d.publicUrl), 302),
  );
}
