// A throwaway PostgreSQL server from the Debian packages: initdb in a directory of its own, listening on
// one loopback port with trust authentication, stopped (and its directory removed) when asked. The
// tests, the benchmark and local clusters run their stores on it; never a production database.
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import pg from 'pg';
import { HwbindError } from '../../protocol/errors.js';
import { freePort } from '../ports.js';

export interface PgServer {
  /** postgres://postgres@127.0.0.1:PORT/postgres */
  url: string;
  port: number;
  dir: string;
  /** Creates an empty database and answers its URL. */
  createDatabase(name: string): Promise<string>;
  /** Fast shutdown, then the directory is removed. Idempotent. */
  stop(): Promise<void>;
}

export interface PgServerOptions {
  /** Where the cluster directory is made (default the temporary directory). */
  parent?: string;
  /**
   * fsync on commit, as a production server runs (default). Off for tests: they lose nothing they
   * check when the machine keeps running, and every commit is a disk flush less.
   */
  durable?: boolean;
  maxConnections?: number;
}

/** The directory of the PostgreSQL server binaries (initdb, postgres): pg_config's, else the newest Debian one. */
export function pgBinDir(): string {
  const fromConfig = spawnSync('pg_config', ['--bindir'], { encoding: 'utf8' });
  const configured = fromConfig.status === 0 ? fromConfig.stdout.trim() : '';
  if (configured && existsSync(join(configured, 'initdb'))) return configured;
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root)
    ? readdirSync(root)
        .filter((v) => existsSync(join(root, v, 'bin', 'initdb')))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  if (versions.length === 0)
    throw new HwbindError(
      'storage_unavailable',
      'no PostgreSQL server binaries (initdb, postgres): install the Debian package postgresql',
    );
  return join(root, versions[0]!, 'bin');
}

/**
 * initdb refuses to run as root: as root, the server runs as the unprivileged `postgres` user of the
 * package, which must own its directory and be able to reach it.
 */
function serverUser(dir: string): { prefix: string[] } {
  if (process.geteuid?.() !== 0) return { prefix: [] };
  const uid = Number(spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).stdout.trim());
  const gid = Number(spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).stdout.trim());
  if (!Number.isInteger(uid) || !Number.isInteger(gid))
    throw new HwbindError('storage_unavailable', 'running as root needs the postgres user of the Debian package');
  chownSync(dir, uid, gid);
  // Parents made with mkdtemp are 0700: let the server user pass through them (not list them).
  for (let p = dirname(dir); p !== dirname(p); p = dirname(p)) {
    const mode = statSync(p).mode;
    if ((mode & 0o001) === 0) chmodSync(p, (mode & 0o7777) | 0o001);
  }
  return { prefix: ['setpriv', `--reuid=${uid}`, `--regid=${gid}`, '--init-groups', '--'] };
}

function run(prefix: string[], bin: string, args: string[]): void {
  const [cmd, ...rest] = [...prefix, bin, ...args];
  const r = spawnSync(cmd!, rest, { encoding: 'utf8' });
  if (r.status !== 0)
    throw new HwbindError('storage_unavailable', `${bin} failed: ${(r.stderr || r.stdout || String(r.error)).trim()}`);
}

async function waitReady(url: string, proc: ChildProcess, log: () => string): Promise<void> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const client = new pg.Client({ connectionString: url });
    try {
      await client.connect();
      await client.query('SELECT 1');
      return;
    } catch (err) {
      if (proc.exitCode !== null || Date.now() > deadline)
        throw new HwbindError('storage_unavailable', `PostgreSQL did not start: ${(err as Error).message}\n${log()}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    } finally {
      await client.end().catch(() => {});
    }
  }
}

/** initdb + postgres on a free loopback port; resolves once it answers queries. */
export async function startPgServer(opts: PgServerOptions = {}): Promise<PgServer> {
  const bin = pgBinDir();
  const dir = mkdtempSync(join(opts.parent ?? tmpdir(), 'hwbind-pg-'));
  const data = join(dir, 'data');
  let prefix: string[];
  try {
    prefix = serverUser(dir).prefix;
    run(prefix, join(bin, 'initdb'), [
      ...['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--locale=C.UTF-8'],
      ...(opts.durable === false ? ['--no-sync'] : []),
    ]);
  } catch (err) {
    rmSync(dir, { recursive: true, force: true });
    throw err;
  }
  for (let attempt = 0; ; attempt++) {
    const port = await freePort();
    const settings = [
      `listen_addresses=127.0.0.1`,
      `port=${port}`,
      // TCP only: the Debian default socket directory is not ours to write.
      'unix_socket_directories=',
      `max_connections=${opts.maxConnections ?? 200}`,
      ...(opts.durable === false ? ['fsync=off', 'synchronous_commit=off', 'full_page_writes=off'] : []),
    ];
    const [cmd, ...rest] = [...prefix, join(bin, 'postgres'), '-D', data, ...settings.flatMap((s) => ['-c', s])];
    const proc = spawn(cmd!, rest, { stdio: ['ignore', 'ignore', 'pipe'] });
    let log = '';
    proc.stderr!.on('data', (d) => {
      log = (log + d).slice(-8000);
    });
    const exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
    const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
    try {
      await waitReady(url, proc, () => log);
    } catch (err) {
      if (proc.exitCode === null) proc.kill('SIGKILL');
      await exited;
      // Another process took the port between the probe and the start: try another one.
      if (/could not bind|already in use/i.test(log) && attempt < 5) continue;
      rmSync(dir, { recursive: true, force: true });
      throw err;
    }
    let stopping: Promise<void> | null = null;
    return {
      url,
      port,
      dir,
      async createDatabase(name: string): Promise<string> {
        const client = new pg.Client({ connectionString: url });
        await client.connect();
        try {
          await client.query(`CREATE DATABASE ${pg.escapeIdentifier(name)}`);
        } finally {
          await client.end();
        }
        return `postgres://postgres@127.0.0.1:${port}/${encodeURIComponent(name)}`;
      },
      stop(): Promise<void> {
        stopping ??= (async () => {
          // SIGINT: the fast shutdown (open sessions are ended, not waited for).
          if (proc.exitCode === null) proc.kill('SIGINT');
          await exited;
          rmSync(dir, { recursive: true, force: true });
        })();
        return stopping;
      },
    };
  }
}
