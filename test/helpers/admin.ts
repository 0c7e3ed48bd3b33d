// The admin API of a gateway started with a known admin token (HWBIND_ADMIN_TOKEN): models and
// devices registered over HTTP cost no CLI process.
import type { GatewayProcess } from './processes.js';

export type AdminCall = <T = Record<string, unknown>>(
  method: string,
  path: string,
  body?: unknown,
  type?: string,
) => Promise<T>;

export const testAdminToken = (): string => `hwa_test_${Math.random().toString(36).slice(2)}`;

/** Calls `/api/v1/admin{path}`; throws on an error answer. A string body is sent as it is. */
export function adminApi(gw: GatewayProcess, token: string): AdminCall {
  return async <T>(method: string, path: string, body?: unknown, type = 'application/json'): Promise<T> => {
    const res = await fetch(`${gw.httpUrl}/api/v1/admin${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': type }) },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${text}`);
    return (text ? JSON.parse(text) : {}) as T;
  };
}
