// A gateway cluster on this machine, for trying several nodes out and for the cluster benchmark: a
// throwaway PostgreSQL server (the store) and redis-server (what the nodes share), then N gateway
// processes on them — each node its own process, with its own 20,000 open files. Steps in order:
// servers, database, nodes; stopped in reverse. Never a production set-up: the README shows nodes on
// servers of one's own behind a TCP load balancer.
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createWriteStream, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { HwbindError } from '../../protocol/errors.js';
import { freePort } from '../ports.js';
import { type PgServer, startPgServer } from '../store/pg-server.js';
import { type RedisServer, startRedisServer } from './redis-server.js';

const HWBIND = new URL('../../bin/hwbind.js', import.meta.url).pathname;

export interface LocalClusterOptions {
  nodes: number;
  /** Holds the servers' and the nodes' directories and the nodes' logs (node-N.log). */
  dir: string;
  /** Where the nodes listen (default 127.0.0.1). */
  host?: string;
  /** Node i (from 0) listens on base + i; 0: a free port each (default). */
  mqttPort?: number;
  httpPort?: number;
  /** What QR codes and bundles carry (default the first node's HTTP URL, as a load balancer's would be). */
  publicUrl?: string;
  /** Default a new random one. */
  adminToken?: string;
  /** PostgreSQL syncs its commits to disk (default true, as in production; off only for throwaway tests). */
  durable?: boolean;
  /** More `hwbind gateway` flags for every node. */
  args?: string[];
  /** More Node.js flags for every node (e.g. --max-old-space-size). */
  nodeArgs?: string[];
  /** Told when a node exits before the cluster is stopped. */
  onNodeExit?: (node: LocalNode, code: number | null) => void;
}

export interface LocalNode {
  id: string;
  mqttUrl: string;
  httpUrl: string;
  log: string;
  readonly proc: ChildProcess;
  /** SIGTERM (or `signal`) and wait; resolves to the exit code. */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

export interface LocalCluster {
  /** The PostgreSQL store's URL (no password: trust on loopback). */
  store: string;
  redis: string;
  adminToken: string;
  publicUrl: string;
  nodes: LocalNode[];
  /** Nodes, then Redis, then PostgreSQL (its directory removed). Idempotent. */
  stop(): Promise<void>;
}

export async function startLocalCluster(o: LocalClusterOptions): Promise<LocalCluster> {
  if (!Number.isInteger(o.nodes) || o.nodes < 1 || o.nodes > 16)
    throw new HwbindError('invalid_argument', `--nodes must be a whole number from 1 to 16, got ${o.nodes}`);
  mkdirSync(o.dir, { recursive: true });
  const host = o.host ?? '127.0.0.1';
  const ports = async (base: number | undefined) =>
    base
      ? Array.from({ length: o.nodes }, (_, i) => base + i)
      : await Promise.all(Array.from({ length: o.nodes }, () => freePort()));
  const mqttPorts = await ports(o.mqttPort);
  const httpPorts = await ports(o.httpPort);
  const shownHost = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host;
  const publicUrl = o.publicUrl ?? `http://${shownHost}:${httpPorts[0]}`;
  const adminToken = o.adminToken ?? `hwa_${randomBytes(18).toString('base64url')}`;

  let pgServer: PgServer | null = null;
  let redis: RedisServer | null = null;
  const nodes: LocalNode[] = [];
  let stopping: Promise<void> | null = null;
  const stop = () => {
    stopping ??= (async () => {
      await Promise.all(nodes.map((n) => n.stop()));
      await redis?.stop();
      await pgServer?.stop();
    })();
    return stopping;
  };
  try {
    pgServer = await startPgServer({ parent: o.dir, durable: o.durable ?? true, maxConnections: 50 + 20 * o.nodes });
    redis = await startRedisServer({ parent: o.dir });
    const store = await pgServer.createDatabase('hwbind');
    // One node first: it migrates the new database, and the others find it ready.
    const start = (i: number) =>
      startNode(o, i, {
        host,
        mqttPort: mqttPorts[i]!,
        httpPort: httpPorts[i]!,
        args: ['--store', store, '--redis', redis!.url, '--public-url', publicUrl, ...(o.args ?? [])],
        env: { HWBIND_ADMIN_TOKEN: adminToken },
        stopping: () => stopping !== null,
      });
    nodes.push(await start(0));
    nodes.push(...(await Promise.all(Array.from({ length: o.nodes - 1 }, (_, i) => start(i + 1)))));
    return { store, redis: redis.url, adminToken, publicUrl, nodes, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}

async function startNode(
  o: LocalClusterOptions,
  index: number,
  s: {
    host: string;
    mqttPort: number;
    httpPort: number;
    args: string[];
    env: NodeJS.ProcessEnv;
    stopping: () => boolean;
  },
): Promise<LocalNode> {
  const id = `node-${index + 1}`;
  const data = join(o.dir, id);
  const log = join(o.dir, `${id}.log`);
  const args = [
    ...(o.nodeArgs ?? []),
    HWBIND,
    'gateway',
    '--data',
    data,
    '--node-id',
    id,
    '--host',
    s.host,
    '--mqtt-port',
    String(s.mqttPort),
    '--http-port',
    String(s.httpPort),
    '--mqtt-tls-port',
    '0',
    ...s.args,
  ];
  const proc = spawn(process.execPath, args, {
    env: { ...process.env, ...s.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const file = createWriteStream(log);
  let banner = '';
  const take = (d: Buffer) => {
    file.write(d);
    if (banner.length < 16_000) banner += d;
  };
  proc.stdout!.on('data', take);
  proc.stderr!.on('data', take);
  const exited = new Promise<number | null>((resolve) => proc.once('exit', (code) => resolve(code)));
  const deadline = Date.now() + 60_000;
  while (!/HTTP\s+https?:\/\//.test(banner)) {
    if (proc.exitCode !== null || Date.now() > deadline) {
      proc.kill('SIGKILL');
      await exited;
      throw new HwbindError(
        'cluster_unavailable',
        `gateway ${id} did not start (its log: ${log}):\n${banner.trim().split('\n').slice(-5).join('\n')}`,
      );
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  const grab = (re: RegExp) => re.exec(banner)?.[1] ?? '';
  const node: LocalNode = {
    id,
    mqttUrl: grab(/MQTT\s+(mqtt:\/\/\S+)/),
    httpUrl: grab(/HTTP\s+(https?:\/\/\S+)/),
    log,
    proc,
    stop: async (signal = 'SIGTERM') => {
      if (proc.exitCode === null && proc.signalCode === null) proc.kill(signal);
      const code = await exited;
      file.end();
      return code;
    },
  };
  void exited.then((code) => {
    if (!s.stopping()) o.onNodeExit?.(node, code);
  });
  return node;
}
