// A throwaway redis-server for a test file: on a free loopback port, nothing saved to disk, stopped
// after. Gateways started with its URL share it as several nodes would.
import { spawn } from 'node:child_process';
import { freePort } from './enterprise.js';
import { tempDir } from './processes.js';
import { until } from './until.js';

export interface RedisServer {
  url: string;
  /** SIGTERM and wait. */
  stop(): Promise<void>;
}

export async function startRedis(): Promise<RedisServer> {
  // A port that was free a moment ago can be taken before redis-server binds it: then try another.
  for (let attempt = 1; ; attempt++) {
    const port = await freePort();
    const proc = spawn(
      'redis-server',
      [
        '--port',
        String(port),
        '--bind',
        '127.0.0.1',
        '--save',
        '',
        '--appendonly',
        'no',
        '--dir',
        tempDir('hwbind-redis-'),
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let out = '';
    proc.stdout!.on('data', (d) => (out += d));
    proc.stderr!.on('data', (d) => (out += d));
    const exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
    await until('redis-server ready', () =>
      /Ready to accept connections/.test(out) || proc.exitCode !== null ? true : null,
    );
    if (proc.exitCode === null) {
      return {
        url: `redis://127.0.0.1:${port}`,
        stop: async () => {
          if (proc.exitCode === null) proc.kill('SIGTERM');
          await exited;
        },
      };
    }
    if (attempt === 3) throw new Error(`redis-server did not start:\n${out}`);
  }
}
