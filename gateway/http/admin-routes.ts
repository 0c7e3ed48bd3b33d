// The admin API (/api/v1/admin/…, declared in protocol/api.ts): vendor provisioning and enterprise
// directories against a running gateway, with the gateway's admin token. The CLI's remote mode and
// the fleet simulator call these routes through the typed client.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { API } from '../../protocol/api.js';
import { HwbindError } from '../../protocol/errors.js';
import { trimBase } from '../../protocol/qr.js';
import { normalizeSn } from '../../protocol/sn.js';
import { parseDuration, type Tokens } from '../auth/tokens.js';
import type { ConformanceHarness } from '../conformance/harness.js';
import { conformanceRoutes } from '../conformance/routes.js';
import type { Enterprises } from '../corp/directory.js';
import type { FirmwareCatalog } from '../ota/catalog.js';
import type { Rollouts } from '../ota/rollouts.js';
import type { Provisioning } from '../provisioning/provisioning.js';
import { getAdminDevice, listAdminDevices } from '../provisioning/registry.js';
import type { Store } from '../store/types.js';
import { route } from './route.js';

export interface AdminDeps {
  store: Store;
  provisioning: Provisioning;
  enterprises: Enterprises;
  catalog: FirmwareCatalog;
  rollouts: Rollouts;
  tokens: Tokens;
  adminTokenOverride: string | null;
  endpoints(): { mqttUrl: string; publicUrl: string };
  /** Closes a device's live connection (after it is disabled). */
  disconnect(sn: string): void;
  harness: ConformanceHarness;
}

/** Registers the admin routes and their token check (in an encapsulated scope of their own). */
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

  route(app, API['admin.listModels'], async () => ({ models: await d.store.listModels() }));

  route(app, API['admin.addModel'], async (req) => ({ model: await d.provisioning.addModel(req.body) }));

  route(app, API['admin.createBatch'], async (req) => ({
    batch: await d.provisioning.createBatch({ id: req.body.id, modelId: req.body.model, seed: req.body.seed }),
  }));

  route(app, API['admin.listDevices'], async (req) => ({
    devices: await listAdminDevices(d.store, {
      modelId: req.query.model,
      online: req.query.online,
      limit: req.query.limit,
      offset: req.query.offset,
    }),
  }));

  route(app, API['admin.getDevice'], async (req) => getAdminDevice(d.store, req.params.sn));

  route(app, API['admin.addDevice'], async (req) => {
    const device = await d.provisioning.addDevice({
      sn: req.body.sn,
      modelId: req.body.model,
      secret: req.body.secret,
      batchId: req.body.batch,
    });
    return d.provisioning.bundle(device.sn, d.endpoints());
  });

  route(app, API['admin.importDevices'], async (req) =>
    d.provisioning.importCsv(req.body, {
      modelId: req.query.model,
      batchId: req.query.batch,
      skipInvalid: req.query.skipInvalid,
    }),
  );

  route(app, API['admin.deviceBundle'], async (req) => d.provisioning.bundle(req.params.sn, d.endpoints()));

  route(app, API['admin.setDeviceDisabled'], async (req) => {
    const sn = normalizeSn(req.params.sn);
    await d.store.setDeviceDisabled(sn, req.body.disabled);
    if (req.body.disabled) d.disconnect(sn);
    return { sn, disabled: req.body.disabled };
  });

  route(app, API['admin.listCorps'], async () => ({ corps: await d.store.listCorps() }));

  route(app, API['admin.createCorp'], async (req) => ({ corp: await d.enterprises.create(req.body) }));

  route(app, API['admin.importDirectory'], async (req) => {
    const { corp, directory } = await d.enterprises.importDirectory(req.params.id, req.body);
    return {
      corp,
      departments: directory.departments.length,
      members: directory.members.length,
      apps: directory.apps.length,
    };
  });

  route(app, API['admin.getDirectory'], async (req) => {
    await d.enterprises.require(req.params.id);
    return d.store.getDirectory(req.params.id);
  });

  route(app, API['admin.setCorpSettings'], async (req) => ({
    corp: await d.enterprises.setMemberBinding(req.params.id, req.body.memberBinding),
  }));

  route(app, API['admin.listFirmware'], async (req) => ({
    firmware: await d.catalog.list({ modelId: req.query.model, retired: req.query.retired }),
  }));

  route(app, API['admin.publishFirmware'], async (req) => ({
    firmware: await d.catalog.publish(req.body, { model: req.query.model, releaseNotes: req.query.notes }),
  }));

  route(app, API['admin.retireFirmware'], async (req) => ({
    firmware: await d.catalog.retire(req.params.model, req.params.version),
  }));

  route(app, API['admin.createRollout'], async (req) => ({ rollout: await d.rollouts.create(req.body) }));
  route(app, API['admin.listRollouts'], async () => ({ rollouts: await d.rollouts.list() }));
  route(app, API['admin.getRollout'], async (req) => d.rollouts.get(req.params.id));
  route(app, API['admin.pauseRollout'], async (req) => d.rollouts.pause(req.params.id));
  route(app, API['admin.resumeRollout'], async (req) => d.rollouts.resume(req.params.id));
  route(app, API['admin.abortRollout'], async (req) => d.rollouts.abort(req.params.id));

  route(app, API['admin.issueToken'], async (req) => {
    await d.enterprises.require(req.params.id);
    if (!(await d.store.getMember(req.params.id, req.body.userid)))
      throw new HwbindError('not_found', `no member ${req.body.userid} in ${req.params.id}`);
    const ttlS = parseDuration(req.body.ttl ?? '24h');
    const token = await d.tokens.issue({ corpId: req.params.id, userid: req.body.userid }, ttlS);
    return { token, expiresInS: ttlS, loginUrl: `${trimBase(d.endpoints().publicUrl)}/login?token=${token}` };
  });

  conformanceRoutes(app, d.harness);
}
