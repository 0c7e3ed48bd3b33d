// Gateway configuration: each setting comes from a CLI flag, else an HWBIND_* environment variable,
// else the config file (JSON or YAML), else its default — one mechanism for all of them.
import { readFileSync } from 'node:fs';
import YAML from 'yaml';
import { HwbindError } from '../protocol/errors.js';

export interface GatewayConfig {
  host: string;
  mqttPort: number;
  mqttTlsPort: number;
  httpPort: number;
  data: string;
  publicUrl: string;
  tlsCert: string | null;
  tlsKey: string | null;
  logLevel: string;
  /** Seconds between device heartbeats; three missed = offline. */
  heartbeatInterval: number;
  /** Per-connection publish limit, messages per second. */
  publishRate: number;
  /** Failed connects per SN (and ×10 per IP) in a minute before connects are refused for a minute. */
  authFailureLimit: number;
  adminToken: string | null;
}

type Kind = 'string' | 'int' | 'path';
interface Setting {
  env: string;
  kind: Kind;
  default: string | number | null;
}

export const SETTINGS: Record<keyof GatewayConfig, Setting> = {
  host: { env: 'HWBIND_HOST', kind: 'string', default: '0.0.0.0' },
  mqttPort: { env: 'HWBIND_MQTT_PORT', kind: 'int', default: 1883 },
  mqttTlsPort: { env: 'HWBIND_MQTT_TLS_PORT', kind: 'int', default: 8883 },
  httpPort: { env: 'HWBIND_HTTP_PORT', kind: 'int', default: 8080 },
  data: { env: 'HWBIND_DATA', kind: 'path', default: './data' },
  publicUrl: { env: 'HWBIND_PUBLIC_URL', kind: 'string', default: null },
  tlsCert: { env: 'HWBIND_TLS_CERT', kind: 'path', default: null },
  tlsKey: { env: 'HWBIND_TLS_KEY', kind: 'path', default: null },
  logLevel: { env: 'HWBIND_LOG_LEVEL', kind: 'string', default: 'info' },
  heartbeatInterval: { env: 'HWBIND_HEARTBEAT_INTERVAL', kind: 'int', default: 30 },
  publishRate: { env: 'HWBIND_PUBLISH_RATE', kind: 'int', default: 100 },
  authFailureLimit: { env: 'HWBIND_AUTH_FAILURE_LIMIT', kind: 'int', default: 10 },
  adminToken: { env: 'HWBIND_ADMIN_TOKEN', kind: 'string', default: null },
};

function coerce(key: string, kind: Kind, value: unknown, source: string): string | number {
  if (kind === 'int') {
    const n = typeof value === 'number' ? value : Number(String(value).trim());
    if (!Number.isInteger(n) || n < 0 || n > 65535 * 1000) {
      throw new HwbindError(
        'invalid_argument',
        `${key} from ${source} must be a whole number, got ${JSON.stringify(value)}`,
      );
    }
    return n;
  }
  return String(value);
}

export function loadConfigFile(path: string): Record<string, unknown> {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new HwbindError('invalid_argument', `cannot read config file ${path}: ${(err as Error).message}`);
  }
  try {
    const parsed = YAML.parse(text) ?? {};
    if (typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error('expected a mapping of settings');
    for (const key of Object.keys(parsed)) {
      if (!(key in SETTINGS)) throw new Error(`unknown setting "${key}" (known: ${Object.keys(SETTINGS).join(', ')})`);
    }
    return parsed as Record<string, unknown>;
  } catch (err) {
    throw new HwbindError('invalid_argument', `config file ${path}: ${(err as Error).message}`);
  }
}

/** Resolves every setting: flag → environment → config file → default. */
export function resolveConfig(
  flags: Partial<Record<keyof GatewayConfig, unknown>> & { config?: string },
  env: NodeJS.ProcessEnv = process.env,
): GatewayConfig {
  const configPath = flags.config ?? env.HWBIND_CONFIG;
  const file = configPath ? loadConfigFile(configPath) : {};
  const out: Record<string, unknown> = {};
  for (const [key, s] of Object.entries(SETTINGS)) {
    const flag = flags[key as keyof GatewayConfig];
    const fromEnv = env[s.env];
    if (flag !== undefined && flag !== null) out[key] = coerce(key, s.kind, flag, `--${key}`);
    else if (fromEnv !== undefined && fromEnv !== '') out[key] = coerce(key, s.kind, fromEnv, s.env);
    else if (file[key] !== undefined) out[key] = coerce(key, s.kind, file[key], configPath ?? 'config');
    else out[key] = s.default;
  }
  const cfg = out as unknown as GatewayConfig;
  if (!cfg.publicUrl) cfg.publicUrl = `http://localhost:${cfg.httpPort}`;
  if (Boolean(cfg.tlsCert) !== Boolean(cfg.tlsKey)) {
    throw new HwbindError('invalid_argument', '--tls-cert and --tls-key go together');
  }
  return cfg;
}
