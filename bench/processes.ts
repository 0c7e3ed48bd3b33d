// Real processes for integration tests: the hwbind CLI and gateway, on free loopback ports.
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const ROOT = new URL('..', import.meta.url).pathname;
export const HWBIND = join(ROOT, 'bin', 'hwbind.js');

export const tempDir = (prefix = 'hwbind-test-'): string => mkdtempSync(join(tmpdir(), prefix));

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
  json<T = unknown>(): T;
}

/** Runs `hwbind …` to completion. */
export function cli(args: string[], opts: { env?: NodeJS.ProcessEnv; input?: string; cwd?: string } = {}): CliResult {
  const r = spawnSync(process.execPath, [HWBIND, ...args], {
    encoding: 'utf8',
    env: { ...process.env, CI: 'true', ...opts.env },
    input: opts.input,
    cwd: opts.cwd,
    timeout: 60_000,
  });
  return {
    code: r.status ?? -1,
    stdout: r.stdout,
    stderr: r.stderr,
    json: <T>() => JSON.parse(r.stdout) as T,
  };
}

export interface GatewayProcess {
  proc: ChildProcess;
  data: string;
  mqttUrl: string;
  mqttsUrl: string | null;
  httpUrl: string;
  wsUrl: string;
  logs: () => string;
  adminToken: () => string;
  /** SIGTERM and wait; resolves to the exit code. */
  stop(): Promise<number | null>;
}

/**
 * Starts `hwbind gateway` on ephemeral loopback ports and waits until it is ready; `store`: a
 * PostgreSQL URL (else the embedded store in `data`).
 */
export async function startGateway(
  opts: { data?: string; store?: string; args?: string[]; env?: NodeJS.ProcessEnv; nodeArgs?: string[] } = {},
): Promise<GatewayProcess> {
  const data = opts.data ?? tempDir('hwbind-gw-');
  const where = opts.store ? ['--store', opts.store] : ['--data', data];
  const proc = spawn(
    process.execPath,
    [
      ...(opts.nodeArgs ?? []),
      HWBIND,
      'gateway',
      '--data',
      data,
      '--host',
      '127.0.0.1',
      '--mqtt-port',
      '0',
      '--http-port',
      '0',
      '--mqtt-tls-port',
      '0',
      ...(opts.store ? ['--store', opts.store] : []),
      ...(opts.args ?? []),
    ],
    { env: { ...process.env, CI: 'true', ...opts.env }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let out = '';
  proc.stdout!.on('data', (d) => (out += d));
  proc.stderr!.on('data', (d) => (out += d));
  const exited = new Promise<number | null>((resolve) => proc.once('exit', (code) => resolve(code)));
  const deadline = Date.now() + 30_000;
  while (!/HTTP\s+http/.test(out)) {
    if (proc.exitCode !== null || Date.now() > deadline) throw new Error(`gateway did not start:\n${out}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  const grab = (re: RegExp) => re.exec(out)?.[1] ?? null;
  const gw: GatewayProcess = {
    proc,
    data,
    mqttUrl: grab(/MQTT\s+(mqtt:\/\/\S+)/)!,
    mqttsUrl: grab(/MQTT TLS\s+(mqtts:\/\/\S+)/),
    httpUrl: grab(/HTTP\s+(https?:\/\/\S+)/)!,
    wsUrl: grab(/MQTT\/WS\s+(wss?:\/\/\S+)/)!,
    logs: () => out,
    adminToken: () => cli(['admin-token', ...where]).stdout.trim(),
    stop: async () => {
      if (proc.exitCode === null) proc.kill('SIGTERM');
      return exited;
    },
  };
  return gw;
}

/** Adds a device model to a data directory (offline CLI), failing the test if it cannot. */
export function addModel(data: string, id: string, capabilities: string, name = `Model ${id}`): void {
  const r = cli(['vendor', 'model', 'add', '--data', data, '--id', id, '--name', name, '--capabilities', capabilities]);
  if (r.code !== 0) throw new Error(`vendor model add failed: ${r.stderr}`);
}
