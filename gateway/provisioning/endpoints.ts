// The endpoints a data directory's devices are provisioned with: the MQTT URL and public URL their
// bundles carry. A gateway records its own when it starts; offline commands on the same data
// directory use them unless told otherwise, and say so when all they have is a default.
import type { Store } from '../store/types.js';

export interface DeviceEndpoints {
  mqttUrl: string;
  publicUrl: string;
}

const KEY = 'device_endpoints';

export async function recordEndpoints(store: Store, endpoints: DeviceEndpoints): Promise<void> {
  await store.setMeta(KEY, JSON.stringify({ mqttUrl: endpoints.mqttUrl, publicUrl: endpoints.publicUrl }));
}

export async function recordedEndpoints(store: Store): Promise<DeviceEndpoints | null> {
  const text = await store.getMeta(KEY);
  return text === null ? null : (JSON.parse(text) as DeviceEndpoints);
}

export interface OfflineEndpointSettings {
  /** Given by --public-url, HWBIND_PUBLIC_URL or a config file. */
  publicUrl?: string;
  /** Given by --mqtt-url. */
  mqttUrl?: string;
  /** The public URL when nothing gives or records one. */
  defaultPublicUrl: string;
  /** The MQTT port of a default MQTT URL (its host is the public URL's). */
  mqttPort: number;
}

export interface OfflineEndpoints {
  endpoints: DeviceEndpoints;
  /** The URLs that are defaults: neither given nor recorded by a gateway. */
  defaults: (keyof DeviceEndpoints)[];
  recorded: DeviceEndpoints | null;
}

/** Each URL from its flag, else from what the data directory's gateway recorded, else a default. */
export function offlineEndpoints(given: OfflineEndpointSettings, recorded: DeviceEndpoints | null): OfflineEndpoints {
  const defaults: (keyof DeviceEndpoints)[] = [];
  let publicUrl = given.publicUrl ?? recorded?.publicUrl;
  if (publicUrl === undefined) {
    publicUrl = given.defaultPublicUrl;
    defaults.push('publicUrl');
  }
  const host = new URL(publicUrl).hostname;
  let mqttUrl = given.mqttUrl;
  // The recorded broker is that gateway's, reached by the host of its public URL: it applies while
  // the public URL names the same host.
  if (mqttUrl === undefined && recorded && new URL(recorded.publicUrl).hostname === host) mqttUrl = recorded.mqttUrl;
  if (mqttUrl === undefined) {
    mqttUrl = `mqtt://${host}:${given.mqttPort}`;
    defaults.push('mqttUrl');
  }
  return { endpoints: { mqttUrl, publicUrl }, defaults, recorded };
}

/** What to tell the person when `use` carries default URLs (null when none is a default). */
export function defaultsNotice(
  { endpoints, defaults, recorded }: OfflineEndpoints,
  use: 'bundle' | 'login link',
  dataDir: string,
): string | null {
  const relevant = use === 'bundle' ? defaults : defaults.filter((d) => d === 'publicUrl');
  if (relevant.length === 0) return null;
  const named = relevant.map((d) =>
    d === 'publicUrl' ? `public URL ${endpoints.publicUrl}` : `MQTT URL ${endpoints.mqttUrl}`,
  );
  const flags = relevant.map((d) => (d === 'publicUrl' ? '--public-url (or HWBIND_PUBLIC_URL)' : '--mqtt-url'));
  const why = recorded
    ? `the broker ${recorded.mqttUrl} that ${dataDir}'s gateway recorded is for its public URL ${recorded.publicUrl}`
    : `no gateway has recorded its own in ${dataDir} (a gateway records them when it starts)`;
  const one = relevant.length === 1;
  return `the ${use}'s ${named.join(' and ')} ${one ? 'is a default' : 'are defaults'}: ${why}. Set ${one ? 'it' : 'them'} with ${flags.join(' and ')}.`;
}
