// Gateway configuration: each setting comes from a CLI flag, else an HWBIND_* environment variable,
// else the config file (JSON or YAML), else its default — one mechanism for all of them.
import { readFileSync } from 'node:fs';
import YAML from 'yaml';
import { HwbindError } from '../protocol/errors.js';
import { CHUNK_SIZE } from '../protocol/ota.js';
import { parsePortSpec } from '../protocol/serial-link.js';

export interface GatewayConfig {
  host: string;
  /** Where clear-text MQTT listens when TLS is on (default loopback only). */
  plainHost: string | null;
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
  /** Connects being authenticated at once; more are shed at once with CONNACK 3 (server unavailable). */
  maxPendingConnects: number;
  adminToken: string | null;
  /** FirmwareOffer.chunk_size: the largest chunk a device may ask for, bytes. */
  otaChunkSize: number;
  /** Firmware chunks being read and sent at once, across all devices (the rest wait their turn). */
  otaConcurrency: number;
  /** Serial ports with a device on each, `PATH[:BAUD]` (the serial bridge). */
  serial: string[];
}

type Kind = 'string' | 'int' | 'url' | 'ports';
interface Setting {
  env: string;
  kind: Kind;
  default: string | number | string[] | null;
  /** Bounds of an int setting. */
  min?: number;
  max?: number;
}

export const SETTINGS: Record<keyof GatewayConfig, Setting> = {
  host: { env: 'HWBIND_HOST', kind: 'string', default: '0.0.0.0' },
  plainHost: { env: 'HWBIND_PLAIN_HOST', kind: 'string', default: null },
  mqttPort: { env: 'HWBIND_MQTT_PORT', kind: 'int', default: 1883, min: 0, max: 65535 },
  mqttTlsPort: { env: 'HWBIND_MQTT_TLS_PORT', kind: 'int', default: 8883, min: 0, max: 65535 },
  httpPort: { env: 'HWBIND_HTTP_PORT', kind: 'int', default: 8080, min: 0, max: 65535 },
  data: { env: 'HWBIND_DATA', kind: 'string', default: './data' },
  publicUrl: { env: 'HWBIND_PUBLIC_URL', kind: 'url', default: null },
  tlsCert: { env: 'HWBIND_TLS_CERT', kind: 'string', default: null },
  tlsKey: { env: 'HWBIND_TLS_KEY', kind: 'string', default: null },
  logLevel: { env: 'HWBIND_LOG_LEVEL', kind: 'string', default: 'info' },
  heartbeatInterval: { env: 'HWBIND_HEARTBEAT_INTERVAL', kind: 'int', default: 30, min: 1, max: 3600 },
  publishRate: { env: 'HWBIND_PUBLISH_RATE', kind: 'int', default: 100, min: 1, max: 100_000_000 },
  authFailureLimit: { env: 'HWBIND_AUTH_FAILURE_LIMIT', kind: 'int', default: 10, min: 1, max: 1_000_000 },
  maxPendingConnects: {
    env: 'HWBIND_MAX_PENDING_CONNECTS',
    kind: 'int',
    default: 1000,
    min: 1,
    max: 1_000_000,
  },
  adminToken: { env: 'HWBIND_ADMIN_TOKEN', kind: 'string', default: null },
  otaChunkSize: {
    env: 'HWBIND_OTA_CHUNK_SIZE',
    kind: 'int',
    default: CHUNK_SIZE.default,
    min: CHUNK_SIZE.min,
    max: CHUNK_SIZE.max,
  },
  otaConcurrency: { env: 'HWBIND_OTA_CONCURRENCY', kind: 'int', default: 32, min: 1, max: 10_000 },
  serial: { env: 'HWBIND_SERIAL', kind: 'ports', default: [] },
};

const flagName = (key: string): string => `--${key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;

function coerce(key: string, s: Setting, value: unknown, source: string): string | number | string[] {
  if (s.kind === 'ports') {
    // A list (repeated flag, YAML list) or one comma-separated string (environment, config file).
    const items = (Array.isArray(value) ? value.map(String) : String(value).split(','))
      .map((p) => p.trim())
      .filter(Boolean);
    for (const item of items) {
      try {
        parsePortSpec(item);
      } catch (err) {
        throw new HwbindError('invalid_argument', `${key} from ${source}: ${(err as Error).message}`);
      }
    }
    return items;
  }
  if (s.kind === 'int') {
    const n = typeof value === 'number' ? value : Number(String(value).trim());
    const min = s.min ?? 0;
    const max = s.max ?? Number.MAX_SAFE_INTEGER;
    if (!Number.isInteger(n) || n < min || n > max) {
      throw new HwbindError(
        'invalid_argument',
        `${key} from ${source} must be a whole number from ${min} to ${max}, got ${JSON.stringify(value)}`,
      );
    }
    return n;
  }
  const text = String(value);
  if (s.kind === 'url') {
    let url: URL | null = null;
    try {
      url = new URL(text);
    } catch {}
    if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:')) {
      throw new HwbindError(
        'invalid_argument',
        `${key} from ${source} must be an http(s) URL such as https://hw.example.com, got ${JSON.stringify(text)}`,
      );
    }
  }
  return text;
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
    if (flag !== undefined && flag !== null) out[key] = coerce(key, s, flag, flagName(key));
    else if (fromEnv !== undefined && fromEnv !== '') out[key] = coerce(key, s, fromEnv, s.env);
    else if (file[key] !== undefined) out[key] = coerce(key, s, file[key], configPath ?? 'config');
    else out[key] = s.default;
  }
  const cfg = out as unknown as GatewayConfig;
  if (!cfg.publicUrl) cfg.publicUrl = `http://localhost:${cfg.httpPort}`;
  if (Boolean(cfg.tlsCert) !== Boolean(cfg.tlsKey)) {
    throw new HwbindError('invalid_argument', '--tls-cert and --tls-key go together');
  }
  return cfg;
}
