// The Person API's firmware routes (declared in protocol/api.ts): the enterprise's catalog for
// device admins, each device's firmware and upgrades, and upgrade jobs. Registered inside the Person
// API's scope (its sign-in hook); every route asks the rules through the services.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { API } from '../../protocol/api.js';
import { assertAllowed, decideCatalogAccess } from '../binding/rules.js';
import type { BindingService } from '../binding/service.js';
import type { FirmwareCatalog } from '../ota/catalog.js';
import type { FirmwareJobs } from '../ota/jobs.js';
import type { Person } from './person-auth.js';
import { snOf } from './person-routes.js';
import { route } from './route.js';

export interface OtaRouteDeps {
  binding: BindingService;
  catalog: FirmwareCatalog;
  firmware: FirmwareJobs;
}

const person = (req: FastifyRequest): Person => req.person!;

export function otaPersonRoutes(app: FastifyInstance, d: OtaRouteDeps): void {
  route(app, API['person.deviceFirmware'], async (req) =>
    d.firmware.deviceFirmware(person(req).actor, snOf(req.params.sn)),
  );

  route(app, API['person.upgradeFirmware'], async (req) => ({
    job: d.firmware.view(await d.firmware.upgrade(person(req).actor, snOf(req.params.sn), req.body)),
  }));

  route(app, API['person.getJob'], async (req) =>
    d.firmware.view(await d.firmware.get(person(req).actor, req.params.id)),
  );

  route(app, API['person.firmwareCatalog'], async (req) => {
    const { actor } = person(req);
    assertAllowed(decideCatalogAccess(actor, await d.binding.corpView(actor.corpId)));
    return { firmware: await d.catalog.forCorp(actor.corpId) };
  });

  route(app, API['person.setFirmwareRetired'], async (req) => {
    const { actor } = person(req);
    assertAllowed(decideCatalogAccess(actor, await d.binding.corpView(actor.corpId)));
    const { model, version } = req.params;
    await d.catalog.retireForCorp(actor.corpId, model, version, req.body.retired, actor.member.userid);
    return { model, version, retired: req.body.retired };
  });
}
