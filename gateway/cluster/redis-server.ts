// A throwaway redis-server from the Debian package: on one loopback port, nothing saved to disk,
// stopped when asked. The tests of several nodes, `hwbind cluster up` and the cluster benchmark run
// their nodes' shared state on it; never a production Redis.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HwbindError } from '../../protocol/errors.js';
import { freePort } from '../ports.js';

export interface RedisServer {
  /** redis://127.0.0.1:PORT */
  url: string;
  port: number;
  /** SIGTERM, wait, remove its directory. Idempotent. */
  stop(): Promise<void>;
}

export interface RedisServerOptions {
  /** Where its working directory is made (default the temporary directory). */
  parent?: string;
  /** Default a free one. */
  port?: number;
}

export async function startRedisServer(opts: RedisServerOptions = {}): Promise<RedisServer> {
  const dir = mkdtempSync(join(opts.parent ?? tmpdir(), 'hwbind-redis-'));
  // A port that was free a moment ago can be taken before redis-server binds it: then try another.
  for (let attempt = 1; ; attempt++) {
    const port = opts.port ?? (await freePort());
    const args = ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir];
    const proc = spawn('redis-server', args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    proc.stdout!.on('data', (d) => (out = (out + d).slice(-8000)));
    proc.stderr!.on('data', (d) => (out = (out + d).slice(-8000)));
    const failed = new Promise<Error>((resolve) => proc.once('error', resolve));
    const exited = new Promise<void>((resolve) => proc.once('close', () => resolve()));
    const deadline = Date.now() + 20_000;
    let spawnError: Error | null = null;
    void failed.then((err) => (spawnError = err));
    while (!/Ready to accept connections/.test(out) && proc.exitCode === null && !spawnError) {
      if (Date.now() > deadline) proc.kill('SIGKILL');
      await new Promise((r) => setTimeout(r, 25));
    }
    if (spawnError) {
      rmSync(dir, { recursive: true, force: true });
      throw new HwbindError(
        'cluster_unavailable',
        `redis-server could not be started (${(spawnError as Error).message}): install the Debian package redis-server`,
      );
    }
    if (proc.exitCode === null && /Ready to accept connections/.test(out)) {
      let stopping: Promise<void> | null = null;
      return {
        url: `redis://127.0.0.1:${port}`,
        port,
        stop() {
          stopping ??= (async () => {
            if (proc.exitCode === null) proc.kill('SIGTERM');
            await exited;
            rmSync(dir, { recursive: true, force: true });
          })();
          return stopping;
        },
      };
    }
    await exited;
    if (opts.port !== undefined || attempt === 3) {
      rmSync(dir, { recursive: true, force: true });
      throw new HwbindError('cluster_unavailable', `redis-server did not start on port ${port}:\n${out.trim()}`);
    }
  }
}
