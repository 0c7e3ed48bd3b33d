// The harness's admin routes (protocol/api.ts, admin.conformance*), registered inside the admin API's
// scope, so the admin token guards them like every other admin route.
import type { FastifyInstance } from 'fastify';
import { API } from '../../protocol/api.js';
import { HwbindError } from '../../protocol/errors.js';
import type { DownTopic } from '../../protocol/topics.js';
import { route } from '../http/route.js';
import type { ConformanceHarness } from './harness.js';

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

export function conformanceRoutes(app: FastifyInstance, harness: ConformanceHarness): void {
  route(app, API['admin.conformanceOpen'], async (req) => harness.open(req.params.sn));

  route(app, API['admin.conformanceClose'], async (req) => harness.close(req.params.sn));

  route(app, API['admin.conformanceEvents'], async (req) =>
    harness.events(req.params.sn, req.query.after ?? 0, req.query.waitMs ?? 0),
  );

  route(app, API['admin.conformanceWithhold'], async (req) => ({
    withholding: harness.withhold(req.params.sn, req.body.body, req.body.count),
  }));

  route(app, API['admin.conformanceInject'], async (req) => {
    if (req.body.payload.length % 4 !== 0 || !BASE64.test(req.body.payload))
      throw new HwbindError('invalid_argument', 'payload must be base64');
    const bytes = new Uint8Array(Buffer.from(req.body.payload, 'base64'));
    return { sent: await harness.inject(req.params.sn, req.body.topic as DownTopic, bytes) };
  });

  route(app, API['admin.conformanceFirmware'], async (req) => {
    const data = req.body.substitute?.data;
    if (data !== undefined && (data.length % 4 !== 0 || !BASE64.test(data)))
      throw new HwbindError('invalid_argument', 'substitute.data must be base64');
    return { armed: harness.firmwareFaults(req.params.sn, req.body) };
  });

  route(app, API['admin.conformanceDrop'], async (req) => ({ dropped: harness.drop(req.params.sn) }));
}
