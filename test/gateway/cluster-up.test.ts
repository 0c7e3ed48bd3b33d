// `hwbind cluster up` as a person would use it: a real PostgreSQL, a real redis-server and two real
// gateway nodes; a device registered in the shared store connects to node 2 and is seen online
// through node 1; node 2 is killed (-9), the command says so and the device comes back on node 1;
// Ctrl-C stops everything and leaves no server running and no server directory behind.
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { cli, HWBIND, tempDir } from '../helpers/processes.js';
import { runSimDevice, type SimProcess } from '../helpers/sim.js';
import { until } from '../helpers/until.js';

const dir = tempDir('hwbind-cluster-up-');
let up: ChildProcess | null = null;
let sim: SimProcess | null = null;

afterAll(async () => {
  await sim?.stop();
  if (up && up.exitCode === null) up.kill('SIGKILL');
});

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

it('starts PostgreSQL, Redis and two nodes; a device fails over from a killed node; Ctrl-C stops everything', async () => {
  up = spawn(
    process.execPath,
    [HWBIND, 'cluster', 'up', '--nodes', '2', '--mqtt-port', '0', '--http-port', '0', '--dir', dir],
    {
      env: { ...process.env, CI: 'true' },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let out = '';
  up.stdout!.on('data', (d) => (out += d));
  up.stderr!.on('data', (d) => (out += d));
  const exited = new Promise<number | null>((resolve) => up!.once('exit', (code) => resolve(code)));
  await until(
    'the cluster ready',
    () =>
      /^ready; Ctrl-C/m.test(out)
        ? true
        : up!.exitCode !== null
          ? (() => {
              throw new Error(out);
            })()
          : null,
    90_000,
  );

  const grab = (re: RegExp) => re.exec(out)?.[1] ?? '';
  const store = grab(/^ {2}store\s+(postgres:\/\/\S+)/m);
  const token = grab(/admin API token: (\S+)/);
  const nodes = [1, 2].map((i) => {
    const m = new RegExp(`node-${i}\\s+MQTT (\\S+)\\s+HTTP (\\S+)\\s+pid (\\d+)`).exec(out)!;
    return { mqtt: m[1]!, http: m[2]!, pid: Number(m[3]) };
  });
  expect(store).toMatch(/^postgres:\/\/postgres@127\.0\.0\.1:\d+\/hwbind$/);
  expect(grab(/^ {2}redis\s+(redis:\/\/\S+)/m)).toMatch(/^redis:\/\/127\.0\.0\.1:\d+$/);
  for (const n of nodes) expect((await fetch(`${n.http}/readyz`)).status).toBe(200);

  // Registered once, in the store both nodes share.
  expect(
    cli(['vendor', 'model', 'add', '--store', store, '--id', 'T1000', '--name', 'Face', '--capabilities', 'face,door'])
      .code,
  ).toBe(0);
  const added = cli(['vendor', 'device', 'add', '--store', store, '--model', 'T1000', '--sn', 'CLUP1']);
  expect(added.code, added.stderr).toBe(0);
  const bundleFile = join(dir, 'CLUP1.json');
  writeFileSync(bundleFile, added.stdout);
  sim = runSimDevice({
    bundleFile,
    stateDir: join(dir, 'sim'),
    sn: 'CLUP1',
    args: ['--mqtt-url', `${nodes[1]!.mqtt},${nodes[0]!.mqtt}`],
  });
  await sim.online();
  const onlineOn = async (http: string) => {
    const res = await fetch(`${http}/api/v1/admin/devices?online=true`, {
      headers: { authorization: `Bearer ${token}` },
    });
    const { devices } = (await res.json()) as { devices: { sn: string }[] };
    return devices.some((d) => d.sn === 'CLUP1') ? true : null;
  };
  await until('CLUP1 online, seen through node 1', () => onlineOn(nodes[0]!.http));

  process.kill(nodes[1]!.pid, 'SIGKILL');
  await until('the command says node 2 is gone', () => (/node-2 exited \(killed\)/.test(out) ? true : null));
  await sim.online(2, 60_000);
  await until('CLUP1 online again through node 1', () => onlineOn(nodes[0]!.http));

  up.kill('SIGINT');
  expect(await exited).toBe(0);
  expect(out).toMatch(/^stopped$/m);
  expect(alive(nodes[0]!.pid)).toBe(false);
  // The servers' directories are gone; the nodes' data and logs stay in the --dir given.
  expect(readdirSync(dir).filter((name) => /^hwbind-(pg|redis)-/.test(name))).toEqual([]);
  expect(existsSync(join(dir, 'node-1.log'))).toBe(true);
}, 180_000);

it('refuses a bad node count with one line and starts nothing', () => {
  const r = cli(['cluster', 'up', '--nodes', '40', '--dir', join(dir, 'never')]);
  expect(r.code).toBe(1);
  expect(r.stderr).toMatch(/^hwbind: invalid_argument: --nodes must be a whole number from 1 to 16, got "40"$/m);
  expect(existsSync(join(dir, 'never'))).toBe(false);
});
