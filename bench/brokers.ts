// The brokers a benchmark compares: an hwbind gateway process and a Mosquitto process, each on free
// loopback ports, each stopped by the benchmark. Mosquitto comes from Debian, installed if missing.
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../gateway/ports.js';
import { cli, startGateway, tempDir } from './processes.js';

export { freePort };

const ROOT = new URL('..', import.meta.url).pathname;

export interface RunningBroker {
  name: 'hwbind' | 'aedes' | 'mosquitto';
  url: string;
  pid: number;
  rssKB(): number;
  logs?: () => string;
  /** The gateway's HTTP API (hwbind only): its base URL and admin token. */
  http?: { url: string; adminToken: () => string };
  stop(): Promise<void>;
}

export function rssKB(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) : 0;
}

function stopProcess(proc: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (proc.exitCode !== null) return resolve();
    const t = setTimeout(() => proc.kill('SIGKILL'), 10_000);
    proc.once('exit', () => {
      clearTimeout(t);
      resolve();
    });
    proc.kill('SIGTERM');
  });
}

async function waitFor(what: string, proc: ChildProcess, ready: () => boolean, logs: () => string): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (!ready()) {
    if (proc.exitCode !== null || Date.now() > deadline) throw new Error(`${what} did not start:\n${logs()}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

let profileDir: string | null = null;

/** From now on every gateway the benchmarks start writes a V8 CPU profile (.cpuprofile) into `dir` when it stops. */
export function profileGatewaysInto(dir: string): void {
  profileDir = dir;
}

/** Node flags of the gateways the benchmarks start (a CPU profile when asked for). */
export const gatewayNodeArgs = (): string[] => (profileDir ? ['--cpu-prof', '--cpu-prof-dir', profileDir] : []);

/** Registers `devices` (sn, secret) in a fresh data directory, then starts a gateway on it. */
/** A gateway with the devices registered; `store`: a PostgreSQL URL (else the embedded store). */
export async function startHwbind(
  devices: { sn: string; secret: string }[],
  extraArgs: string[] = [],
  nodeArgs: string[] = gatewayNodeArgs(),
  store?: string,
): Promise<RunningBroker> {
  const data = tempDir('hwbind-bench-');
  const where = store ? ['--store', store] : ['--data', data];
  const model = cli([
    'vendor',
    'model',
    'add',
    ...where,
    '--id',
    'BENCH',
    '--name',
    'Bench device',
    '--capabilities',
    'face,door',
  ]);
  if (model.code !== 0) throw new Error(`bench: model add failed: ${model.stderr}`);
  const csv = join(data, 'devices.csv');
  writeFileSync(csv, `sn,secret\n${devices.map((d) => `${d.sn},${d.secret}`).join('\n')}\n`);
  const imported = cli(['vendor', 'sn', 'import', csv, ...where, '--model', 'BENCH']);
  if (imported.code !== 0) throw new Error(`bench: SN import failed: ${imported.stderr}`);
  const gw = await startGateway({ data, store, args: ['--log-level', 'warn', ...extraArgs], nodeArgs });
  let stopping = false;
  gw.proc.once('exit', (code, signal) => {
    if (!stopping)
      process.stderr.write(`bench: the gateway exited unexpectedly (${code ?? signal}):\n${gw.logs().slice(-4000)}\n`);
  });
  return {
    name: 'hwbind',
    url: gw.mqttUrl,
    pid: gw.proc.pid!,
    rssKB: () => rssKB(gw.proc.pid!),
    /** The gateway's log lines (warnings and errors: it runs at --log-level warn). */
    logs: gw.logs,
    http: { url: gw.httpUrl, adminToken: gw.adminToken },
    stop: async () => {
      stopping = true;
      await gw.stop();
      rmSync(data, { recursive: true, force: true });
    },
  };
}

/** Debian's mosquitto, installed with apt-get when missing (the bench's only set-up step). */
export function ensureMosquitto(): string {
  for (const p of ['/usr/sbin/mosquitto', '/usr/bin/mosquitto']) if (existsSync(p)) return p;
  process.stderr.write('bench: installing Debian package mosquitto (apt-get)…\n');
  execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit' });
  execFileSync('apt-get', ['install', '-y', '-qq', 'mosquitto'], {
    stdio: 'inherit',
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
  return '/usr/sbin/mosquitto';
}

export async function startMosquitto(): Promise<RunningBroker> {
  const bin = ensureMosquitto();
  const dir = mkdtempSync(join(tmpdir(), 'hwbind-mosquitto-'));
  const port = await freePort();
  const conf = join(dir, 'mosquitto.conf');
  writeFileSync(
    conf,
    `listener ${port} 127.0.0.1\nallow_anonymous true\npersistence false\nmax_connections -1\nmax_queued_messages 100000\nlog_type error\n`,
  );
  const proc = spawn(bin, ['-c', conf], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  proc.stdout!.on('data', (d) => (out += d));
  proc.stderr!.on('data', (d) => (out += d));
  let listening = false;
  const probe = async () => {
    listening = await new Promise<boolean>((resolve) => {
      const s = connect(port, '127.0.0.1');
      s.once('connect', () => {
        s.destroy();
        resolve(true);
      });
      s.once('error', () => resolve(false));
    });
  };
  const deadline = Date.now() + 10_000;
  while (!listening) {
    if (proc.exitCode !== null || Date.now() > deadline) throw new Error(`mosquitto did not start:\n${out}`);
    await probe();
    if (!listening) await new Promise((r) => setTimeout(r, 50));
  }
  return {
    name: 'mosquitto',
    url: `mqtt://127.0.0.1:${port}`,
    pid: proc.pid!,
    rssKB: () => rssKB(proc.pid!),
    stop: async () => {
      await stopProcess(proc);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Bare Aedes (no authentication, ACL or handling) in its own process. */
export async function startBareAedes(): Promise<RunningBroker> {
  const port = await freePort();
  const script = join(ROOT, 'bench', 'bare-aedes.ts');
  const proc = spawn(process.execPath, ['--import', 'tsx', script, String(port)], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  proc.stdout!.on('data', (d) => (out += d));
  proc.stderr!.on('data', (d) => (out += d));
  await waitFor(
    'bare aedes',
    proc,
    () => out.includes('listening'),
    () => out,
  );
  return {
    name: 'aedes',
    url: `mqtt://127.0.0.1:${port}`,
    pid: proc.pid!,
    rssKB: () => rssKB(proc.pid!),
    stop: () => stopProcess(proc),
  };
}
