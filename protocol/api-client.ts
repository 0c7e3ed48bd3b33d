// A typed HTTP client for the API declared in api.ts, over the global fetch: the CLI's remote mode
// and the fleet simulator call the gateway through it.
//
// Error answers ({error: {code, message, details?}}) come back as HwbindError with the gateway's
// code, message and details. A code this side does not know (a newer gateway) becomes `internal`,
// with the original code kept in the message and in details.code, so nothing is lost and callers
// can still switch on ErrorCode. An error answer that is not of that shape (a proxy's page) and an
// unreachable gateway are `internal` too, naming the request.
import { API, type Api, type Endpoint, type RequestOf, type ResponseOf } from './api.js';
import { ERROR_CODES, type ErrorCode, HwbindError } from './errors.js';
import { trimBase } from './qr.js';

/** `[request]`, optional when the endpoint needs nothing. */
type RequestArgs<E extends Endpoint> = Record<string, never> extends RequestOf<E> ? [RequestOf<E>?] : [RequestOf<E>];
type CsvEndpointName = { [N in keyof Api]: Api[N] extends { csv: true } ? N : never }[keyof Api];

export interface ApiClient {
  /** Calls an endpoint and answers its success body (undefined for 204). */
  call<N extends keyof Api>(name: N, ...request: RequestArgs<Api[N]>): Promise<ResponseOf<Api[N]>>;
  /** Calls an endpoint that can answer CSV, with `format=csv`, and answers the text. */
  csv<N extends CsvEndpointName>(name: N, ...request: RequestArgs<Api[N]>): Promise<string>;
}

export function createApiClient(baseUrl: string, token: string): ApiClient {
  return {
    call: (name, ...request) => callEndpoint(baseUrl, token, API[name], ...request),
    csv: (name, ...request) => callEndpointCsv(baseUrl, token, API[name], ...request),
  };
}

/** Calls one declared endpoint (API's, or any other declaration) and answers its success body. */
export async function callEndpoint<E extends Endpoint>(
  baseUrl: string,
  token: string,
  endpoint: E,
  ...request: RequestArgs<E>
): Promise<ResponseOf<E>> {
  const res = await send(baseUrl, token, endpoint, request[0] ?? {});
  if (res.status === 204 || endpoint.response === undefined) return undefined as ResponseOf<E>;
  const text = await res.text();
  try {
    return JSON.parse(text) as ResponseOf<E>;
  } catch {
    throw new HwbindError(
      'internal',
      `${requestName(endpoint, baseUrl)}: the answer is not JSON: ${text.slice(0, 200)}`,
    );
  }
}

/** Calls one declared endpoint that can answer CSV, asking for it with `format=csv`. */
export async function callEndpointCsv<E extends Endpoint & { csv: true }>(
  baseUrl: string,
  token: string,
  endpoint: E,
  ...request: RequestArgs<E>
): Promise<string> {
  const r: RequestParts = request[0] ?? {};
  return (await send(baseUrl, token, endpoint, { ...r, query: { ...r.query, format: 'csv' } })).text();
}

interface RequestParts {
  params?: Record<string, string>;
  query?: Record<string, unknown>;
  body?: unknown;
}

/** Sends the request; answers the response when it is a success, else throws its error. */
async function send(baseUrl: string, token: string, endpoint: Endpoint, request: RequestParts): Promise<Response> {
  const path = endpoint.path.replace(/:(\w+)/g, (_, name: string) => {
    const value = request.params?.[name];
    if (value === undefined) throw new HwbindError('invalid_argument', `${endpoint.name} needs the parameter ${name}`);
    return encodeURIComponent(value);
  });
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(request.query ?? {})) {
    if (value !== undefined) query.set(key, String(value));
  }
  const hasBody = endpoint.body !== undefined;
  let res: Response;
  try {
    res = await fetch(`${trimBase(baseUrl)}${path}${query.size > 0 ? `?${query}` : ''}`, {
      method: endpoint.method,
      headers: {
        authorization: `Bearer ${token}`,
        ...(hasBody ? { 'content-type': endpoint.bodyType ?? 'application/json' } : {}),
      },
      body: !hasBody
        ? undefined
        : request.body instanceof Uint8Array
          ? new Blob([new Uint8Array(request.body)])
          : endpoint.bodyType
            ? String(request.body)
            : JSON.stringify(request.body),
    });
  } catch (err) {
    const cause = (err as Error & { cause?: Error }).cause?.message ?? (err as Error).message;
    throw new HwbindError('internal', `cannot reach ${baseUrl} (${endpoint.method} ${path}): ${cause}`);
  }
  if (!res.ok) throw await errorOf(res, requestName(endpoint, baseUrl));
  return res;
}

const requestName = (endpoint: Endpoint, baseUrl: string) => `${endpoint.method} ${endpoint.path} at ${baseUrl}`;

async function errorOf(res: Response, what: string): Promise<HwbindError> {
  const text = await res.text();
  let error: { code?: unknown; message?: unknown; details?: unknown } | undefined;
  try {
    error = (JSON.parse(text) as { error?: typeof error }).error;
  } catch {
    error = undefined;
  }
  if (typeof error?.code !== 'string' || typeof error.message !== 'string') {
    return new HwbindError('internal', `${what}: HTTP ${res.status}${text ? `: ${text.slice(0, 200)}` : ''}`, {
      status: res.status,
    });
  }
  const details =
    typeof error.details === 'object' && error.details !== null
      ? (error.details as Record<string, unknown>)
      : undefined;
  if (Object.hasOwn(ERROR_CODES, error.code)) return new HwbindError(error.code as ErrorCode, error.message, details);
  return new HwbindError('internal', `${error.code}: ${error.message}`, { ...details, code: error.code });
}
