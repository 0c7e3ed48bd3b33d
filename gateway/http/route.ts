// Registers a route of the declared API (protocol/api.ts): method, URL, validation and the OpenAPI
// description come from the declaration, the handler's request and answer are typed by it, and the
// answer goes out with the declared status (serialized by the response schema).
import type { FastifyInstance, FastifyRequest } from 'fastify';
import {
  type BodyOf,
  type Endpoint,
  ERROR_BODY,
  type ParamsOf,
  pathParamNames,
  type QueryOf,
  type ResponseOf,
  type Schema,
} from '../../protocol/api.js';

export type ApiRequest<E extends Endpoint> = FastifyRequest<{
  Params: ParamsOf<E>;
  Querystring: QueryOf<E>;
  Body: BodyOf<E>;
}>;

/** The success body (or, for an endpoint that can answer CSV, the CSV text); nothing for 204. */
export type ApiHandler<E extends Endpoint> = (
  req: ApiRequest<E>,
) => Promise<E extends { response: unknown } ? ResponseOf<E> | (E extends { csv: true } ? string : never) : void>;

export function route<const E extends Endpoint>(app: FastifyInstance, endpoint: E, handler: ApiHandler<E>): void {
  const status = endpoint.status ?? 200;
  app.route({
    method: endpoint.method,
    url: endpoint.path,
    schema: routeSchema(endpoint, status),
    ...(endpoint.bodyLimit && { bodyLimit: endpoint.bodyLimit }),
    handler: async (req, reply) => {
      const answer = await handler(req as unknown as ApiRequest<E>);
      reply.code(status);
      if (typeof answer === 'string') reply.type('text/csv; charset=utf-8');
      return reply.send(answer);
    },
  });
}

function routeSchema(e: Endpoint, status: number): Record<string, unknown> {
  const params = pathParamNames(e.path);
  return {
    operationId: e.name,
    tags: [e.name.split('.')[0]],
    summary: e.summary,
    ...(params.length > 0 && {
      params: {
        type: 'object',
        required: params,
        properties: Object.fromEntries(params.map((p) => [p, { type: 'string' }])),
      },
    }),
    ...(e.query && { querystring: e.query }),
    // Raw bytes arrive as a Buffer: there is nothing for JSON Schema to validate.
    ...(e.body && e.bodyType !== 'application/octet-stream' && { body: e.body }),
    ...(e.bodyType && { consumes: [e.bodyType] }),
    response: {
      [status]: successSchema(e, status),
      '4xx': { description: 'Refused: error.code says why', ...ERROR_BODY },
      '5xx': { description: 'Internal error', ...ERROR_BODY },
    },
  };
}

function successSchema(e: Endpoint, status: number): Schema {
  if (status === 204 || !e.response) return { description: 'No content', type: 'null' };
  if (!e.csv) return e.response;
  return {
    description: 'Success; CSV with format=csv',
    content: { 'application/json': { schema: e.response }, 'text/csv': { schema: { type: 'string' } } },
  };
}
