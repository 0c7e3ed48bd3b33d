// Every example command line of the README's "Using it" block and of every `--help` text's
// "Examples:" is run for real, in order, and must exit 0; EFFECTS checks what some of them made.
// Short commands run in this process (bin/program.ts, stdout captured); commands that keep running
// (gateway, demo, sim device) run as processes, are stopped once they print that they are ready,
// and must then exit 0. NOT_RUN lists the examples that cannot run here, with the reason.
//
// How an example line is run:
//   - `npx hwbind …` is `hwbind …`; `npm run NAME -- ARGS` is package.json's script NAME with ARGS,
//     and `node bin/hwbind.js` is `hwbind`.
//   - Each source (the README, one command's help) runs in a workspace: a temporary working directory
//     holding FIXTURES (app.bin, devices.csv, acme.yaml, …), so `./data` is the workspace's own. The
//     README's workspace is shared by the help texts that build on what the README made (HWB0001,
//     acme, keys/), except those in OWN_WORKSPACE, which would clash with it. SETUP runs what a help
//     text's examples take for granted, written and run like examples.
//   - The README's `hwbind gateway` keeps running: it is the test gateway. `http://127.0.0.1:8080`
//     and `http://gw:8080` stand for its URL and `$TOKEN` for its admin token; `$(…)` runs the command.
//   - A command that keeps running listens on 127.0.0.1 and ephemeral ports (the machine is shared),
//     and a gateway's public URL https://hw.example.com becomes http://localhost: the devices it
//     provisions reach its broker by the public URL's host, and that host must be this machine.
//     Every other https://hw.example.com stays: QR codes and labels only print it.
//   - `simulator/scenarios/…` is the repository's; the PostgreSQL URL of the examples, EXAMPLE_STORE,
//     is a database of the test run's PostgreSQL server.
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateVendorKeys, loadPublicKey, verifyFirmwareImage } from '../../protocol/firmware.js';
import { helpTexts, type InProcessResult, runInProcess } from '../helpers/cli-in-process.js';
import { HWBIND, ROOT, tempDir } from '../helpers/processes.js';
import { type Piece, parseLine, type SimpleCommand } from '../helpers/shell-line.js';
import { pgDatabase } from '../helpers/stores.js';
import { until } from '../helpers/until.js';

const SERIAL_DEVICE = 'needs a device on a serial port (the serial test flashes one over pty pairs)';

const ROLLOUT_NEEDS =
  'needs a published version, devices bound to take it, and a rollout id (the rollouts test runs each command)';
const NOT_RUN: Record<string, string> = {
  'hwbind firmware rollout start --gateway http://127.0.0.1:8080 --token "$TOKEN" --model T1000 --version 1.3.0 --waves 1 --abort-at 20%':
    ROLLOUT_NEEDS,
  'hwbind firmware rollout start --gateway http://127.0.0.1:8080 --token "$TOKEN" --model T1000 --version 1.3.0 --corp acme --department rd --per-minute 10':
    ROLLOUT_NEEDS,
  'hwbind firmware rollout show ro_1a2b3c --gateway http://127.0.0.1:8080 --token "$TOKEN"': ROLLOUT_NEEDS,
  'hwbind firmware rollout pause ro_1a2b3c --gateway http://127.0.0.1:8080 --token "$TOKEN"': ROLLOUT_NEEDS,
  'hwbind firmware rollout resume ro_1a2b3c --gateway http://127.0.0.1:8080 --token "$TOKEN"': ROLLOUT_NEEDS,
  'hwbind firmware rollout abort ro_1a2b3c --gateway http://127.0.0.1:8080 --token "$TOKEN"': ROLLOUT_NEEDS,
  'hwbind flash --port /dev/ttyUSB0 --bundle HWB0001.json': SERIAL_DEVICE,
  'npx hwbind flash --port /dev/ttyUSB0 --bundle HWB0001.json   # provision a real device over its serial line':
    SERIAL_DEVICE,
  'hwbind flash --port /dev/ttyUSB0:921600 --bundle HWB0001.json --timeout 30': SERIAL_DEVICE,
  'hwbind sim device --serial /dev/pts/7:921600 --model T1000 --state-dir ./board1   # blank: waits for hwbind flash':
    'waits in provisioning mode for a bundle over a serial line (the serial test runs it over pty pairs)',
  'hwbind gateway --data ./node-a --store postgres://hwbind:secret@db:5432/hwbind --redis redis://127.0.0.1:6379 --node-id gw-a   # one of several nodes':
    'needs a PostgreSQL at db and a Redis at 127.0.0.1:6379 (the cluster tests run nodes on servers of their own)',
  'hwbind cluster up                                  # 3 nodes: MQTT 1883-1885, HTTP 8080-8082':
    'keeps a PostgreSQL, a Redis and three nodes running until Ctrl-C (test/gateway/cluster-up.test.ts runs it)',
  'hwbind cluster up --nodes 2 --mqtt-port 0 --http-port 0 --dir ./cluster':
    'keeps a PostgreSQL, a Redis and two nodes running until Ctrl-C (test/gateway/cluster-up.test.ts runs it)',
  'hwbind bench --only cluster --cluster-devices 50000':
    'a benchmark: minutes of load that wants the machine to itself',
  'npm run bench -- --quick --json bench.json': 'a benchmark: minutes of load that wants the machine to itself',
  'hwbind bench --only connections --devices 19000': 'a benchmark: minutes of load that wants the machine to itself',
  'hwbind bench --only binding,records --quick': 'a benchmark: minutes of load that wants the machine to itself',
  'hwbind sim fleet --count 50 --gateway … --token … --model T1000 --scenario simulator/scenarios/attendance.yaml':
    'binds, punches and opens doors as people of an enterprise the scenario names, with "…" for the gateway and token (the records and fleet tests run the steps)',
  'hwbind sim fleet --count 40000 --workers 4 --local-address 127.0.0.2,127.0.0.3 --gateway … --token … --model T1000 --scenario smoke.yaml':
    'a 40,000-device load run, with "…" for the gateway and token',
  'hwbind conformance --gateway http://127.0.0.1:8080 --token "$(hwbind admin-token --data ./data)" --sn HWB0001 --report junit.xml --html report.html':
    'certifies a device that must stay connected while the kit runs (test/gateway/conformance.integration.test.ts runs the kit)',
  'hwbind conformance --gateway http://127.0.0.1:8080 --token "$TOKEN" --sn HWB0001 --only bind,records':
    'certifies a device that must stay connected while the kit runs (test/gateway/conformance.integration.test.ts runs the kit)',
  'hwbind conformance --gateway http://127.0.0.1:8080 --token "$TOKEN" --sn HWB0001 --only ota --firmware fw-1.1.0.bin --failing-firmware fw-1.0.1-broken.bin':
    'certifies a device that must stay connected while the kit runs (test/gateway/conformance.integration.test.ts runs the kit)',
};

/** Help texts whose examples would clash with what the README made in its workspace. */
const OWN_WORKSPACE: Record<string, string> = {
  gateway: "its gateways would open the test gateway's data directory",
  'vendor model add': 'adds T1000, which the README added',
  'vendor sn import': 'imports devices.csv, which the README imported',
  'vendor device add': 'adds HWB0001, which the README added',
  'sim device': 'adds HWB0001, which the README added',
  flash: 'adds HWB0001, which the README added',
  'corp create': 'creates acme, which the README imported',
  'firmware publish': "publishes for a T1000 with a vendor key, which the README's T1000 has not",
  'firmware retire': 'retires a version the README did not publish',
};

const ADD_T1000 = 'hwbind vendor model add --data ./data --id T1000 --name "Face terminal" --capabilities face,screen';
/** A T1000 whose vendor key signs T1000-1.3.0.hwfw. */
const SIGNED_T1000 = [
  'hwbind firmware keys --out ./keys',
  `${ADD_T1000} --vendor-key keys/vendor.pub`,
  'hwbind firmware sign --key keys/vendor.key --model T1000 --version 1.3.0 --in app.bin --out T1000-1.3.0.hwfw',
];

/** What a source's examples take for granted. A setup command that keeps running does so until the source is done. */
const SETUP: Record<string, string[]> = {
  'vendor sn import': [ADD_T1000, 'hwbind vendor batch create --data ./data --id B2026-11 --model T1000'],
  'vendor device add': ['hwbind gateway --data ./data', ADD_T1000],
  'sim device': ['hwbind gateway --data ./data', ADD_T1000],
  'firmware publish': SIGNED_T1000,
  'firmware retire': [...SIGNED_T1000, 'hwbind firmware publish T1000-1.3.0.hwfw --data ./data'],
  flash: [ADD_T1000],
  'sim fleet': [
    'hwbind vendor device add --data ./data --model T1000 --sn FLEET0001 > bundles/FLEET0001.json',
    'hwbind vendor device add --data ./data --model T1000 --sn FLEET0002 > bundles/FLEET0002.json',
  ],
};

const ACME_YAML = `corp: {id: acme, name: Acme Ltd}
memberBinding: true
departments: [{id: hq, name: Headquarters}, {id: rd, name: R&D}, {id: rd-fw, name: Firmware, parent: rd}]
members:
  - {userid: alice, name: Alice, role: super_admin, departments: [hq]}
  - {userid: bob, name: Bob, role: admin, canBindDevices: true, departments: [rd]}
  - {userid: carol, name: Carol, role: member, departments: [rd-fw], visibility: {departments: [rd], users: [alice]}}
apps: [{id: attendance, name: Attendance, admins: [carol]}]
`;

interface Workspace {
  dir: string;
  /** The SNs of its devices.csv. */
  sns: string[];
}

const vendorKeys = generateVendorKeys();
let tls: { cert: string; key: string };

/** The files every workspace starts with. */
const FIXTURES: Record<string, (ws: Workspace) => string | Buffer> = {
  'app.bin': () => Buffer.from('firmware payload '.repeat(256)),
  'devices.csv': (ws) => `sn\n${ws.sns.join('\n')}\n`,
  'sns.txt': () => '# labels for the first devices\nHWB0001\nHWB0002\n',
  'acme.yaml': () => ACME_YAML,
  'gateway.yaml': () => 'data: ./data\nlogLevel: warn\n',
  'vendor.pub': () => vendorKeys.publicKeyPem,
  'cert.pem': () => tls.cert,
  'key.pem': () => tls.key,
};

/** Checks of what an example made, by source and a part of the example line. */
const EFFECTS: { source: string; line: string; check: (ws: Workspace, out: InProcessResult | null) => void }[] = [
  { source: 'README', line: 'hwbind --help', check: (_, out) => expect(out?.stdout).toMatch(/^Usage: hwbind /) },
  {
    source: 'README',
    line: '> HWB0001.json',
    // Added offline while the gateway runs: the bundle carries the broker that gateway recorded.
    check: (ws) =>
      expect(JSON.parse(readFileSync(join(ws.dir, 'HWB0001.json'), 'utf8'))).toMatchObject({
        sn: 'HWB0001',
        mqttUrl: `mqtt://localhost:${new URL(testGateway!.mqttUrl).port}`,
        publicUrl: 'http://localhost',
      }),
  },
  { source: 'README', line: 'device list', check: (_, out) => expect(out?.stdout).toMatch(/^HWB0001\s+T1000\s/m) },
  { source: 'README', line: 'labels.pdf', check: (ws) => expect(fileText(ws, 'labels.pdf').slice(0, 5)).toBe('%PDF-') },
  { source: 'README', line: 'firmware sign', check: (ws) => expectImage(ws, 'app.hwfw') },
  { source: 'README', line: 'junit.xml', check: (ws) => expect(fileText(ws, 'junit.xml')).toContain('<testsuite') },
  { source: 'firmware sign', line: 'firmware sign', check: (ws) => expectImage(ws, 'T1000-1.3.0.hwfw') },
  {
    source: 'firmware publish',
    line: 'firmware publish',
    check: (ws, out) => {
      const release = JSON.parse(out!.stdout);
      expect(release).toMatchObject({ modelId: 'T1000', version: '1.3.0', releaseNotes: 'Faster face matching' });
      expect(readFileSync(join(ws.dir, 'data', 'firmware', `${release.sha256}.hwfw`))).toEqual(
        readFileSync(join(ws.dir, 'T1000-1.3.0.hwfw')),
      );
    },
  },
  {
    source: 'firmware retire',
    line: 'firmware retire',
    check: (_, out) => expect(JSON.parse(out!.stdout).retiredAt).toEqual(expect.any(Number)),
  },
  {
    source: 'qr add-device',
    line: '--png',
    check: (ws) => expect(fileText(ws, 'add-device.png').slice(1, 4)).toBe('PNG'),
  },
];

const fileText = (ws: Workspace, name: string) => readFileSync(join(ws.dir, name), 'latin1');

/** The image the README and the help sign: T1000, version 1.3.0 (not swallowed by hwbind's --version). */
function expectImage(ws: Workspace, name: string): void {
  const image = verifyFirmwareImage(readFileSync(join(ws.dir, name)), {
    publicKey: loadPublicKey(readFileSync(join(ws.dir, 'keys', 'vendor.pub'), 'utf8')),
    model: 'T1000',
  });
  expect(image.header).toMatchObject({ model: 'T1000', version: '1.3.0' });
}

// --- Collecting the examples ---------------------------------------------------------------------

interface Source {
  /** 'README' or the command path of a help text. */
  key: string;
  title: string;
  lines: string[];
}

function readmeExamples(): string[] {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const block = /## Using it\n[\s\S]*?```sh\n([\s\S]*?)```/.exec(readme)?.[1];
  if (!block) throw new Error('README.md has no ```sh block under "## Using it"');
  return block
    .replace(/\\\n\s*/g, '')
    .split('\n')
    .filter((l) => l.trim() !== '');
}

function helpExamples(text: string): string[] {
  const section = text.split('\nExamples:\n')[1] ?? '';
  return [...section.matchAll(/^ {2}\$ (.+)$/gm)].map((m) => m[1]!.trim());
}

const SOURCES: Source[] = [
  { key: 'README', title: 'README.md "Using it"', lines: readmeExamples() },
  ...helpTexts()
    .map((h) => ({ key: h.path.join(' '), title: `hwbind ${h.path.join(' ')} --help`, lines: helpExamples(h.text) }))
    .filter((s) => s.lines.length > 0),
];

// --- Running them ----------------------------------------------------------------------------------

interface Background {
  line: string;
  output: () => string;
  stop: () => Promise<number | null>;
}

const LONG_RUNNING: Record<string, { ready: RegExp; listen: Record<string, string> }> = {
  gateway: {
    ready: /^ {2}HTTP\s+https?:\/\/\S+/m,
    listen: { '--host': '127.0.0.1', '--mqtt-port': '0', '--http-port': '0', '--mqtt-tls-port': '0' },
  },
  demo: { ready: /^Admin API token: \S+$/m, listen: { '--host': '127.0.0.1', '--mqtt-port': '0', '--http-port': '0' } },
  'sim device': { ready: /online \(heartbeat every \d+ s\)/, listen: {} },
};

const SCRIPTS = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> })
  .scripts;

let testGateway: { httpUrl: string; mqttUrl: string; token: string; process: Background } | null = null;

const EXAMPLE_STORE = 'postgres://hwbind:secret@db.example.com:5432/hwbind';
let exampleStore: string | null = null;

/** Where a command that keeps running goes: `keep` holds it on, else it is stopped once ready. */
interface RunOptions {
  keep: Background[] | null;
}

/** The arguments after `hwbind` that a command's words mean. */
function hwbindArgs(argv: string[]): string[] {
  if (argv[0] === 'npx') return hwbindArgs(argv.slice(1));
  if (argv[0] === 'npm' && argv[1] === 'run') {
    const script = SCRIPTS[argv[2]!];
    if (!script) throw new Error(`no npm script ${argv[2]}`);
    const extra = argv[3] === '--' ? argv.slice(4) : argv.slice(3);
    return hwbindArgs([...script.split(' '), ...extra]);
  }
  if (argv[0] === 'node' && argv[1] === 'bin/hwbind.js') return argv.slice(2);
  if (argv[0] === 'hwbind') return argv.slice(1);
  throw new Error(`not an hwbind command: ${argv.join(' ')}`);
}

function rewrite(args: string[]): string[] {
  return args.map((a) => {
    if (a === 'http://127.0.0.1:8080' || a === 'http://gw:8080') {
      if (!testGateway) throw new Error(`${a} names the test gateway, which is not running yet`);
      return testGateway.httpUrl;
    }
    if (a === EXAMPLE_STORE) {
      if (!exampleStore) throw new Error(`${a} stands for a database of the test run, which is not made yet`);
      return exampleStore;
    }
    return a.startsWith('simulator/scenarios/') ? join(ROOT, a) : a;
  });
}

function setFlag(args: string[], flag: string, value: string): void {
  const at = args.indexOf(flag);
  if (at >= 0) args[at + 1] = value;
  else args.push(flag, value);
}

async function expand(word: Piece[], ws: Workspace): Promise<string> {
  const parts = await Promise.all(
    word.map(async (p) => {
      if ('text' in p) return p.text;
      if ('variable' in p) {
        if (p.variable !== 'TOKEN' || !testGateway) throw new Error(`$${p.variable} is not known here`);
        return testGateway.token;
      }
      const inner = await runLine(p.substitution, ws, { keep: null });
      return inner.at(-1)?.stdout.replace(/\n+$/, '') ?? '';
    }),
  );
  return parts.join('');
}

/** Runs an example line; answers the in-process results of its commands. */
async function runLine(line: string, ws: Workspace, opts: RunOptions): Promise<InProcessResult[]> {
  const results: InProcessResult[] = [];
  for (const command of parseLine(line)) {
    const r = await runCommand(command, line, ws, opts);
    if (r) results.push(r);
  }
  return results;
}

async function runCommand(
  command: SimpleCommand,
  line: string,
  ws: Workspace,
  opts: RunOptions,
): Promise<InProcessResult | null> {
  const args = rewrite(hwbindArgs(await Promise.all(command.words.map((w) => expand(w, ws)))));
  const kind = Object.keys(LONG_RUNNING).find((k) => args.join(' ').startsWith(k));
  if (kind) {
    const { ready, listen } = LONG_RUNNING[kind]!;
    for (const [flag, value] of Object.entries(listen)) setFlag(args, flag, value);
    const at = args.indexOf('--public-url');
    if (kind === 'gateway' && args[at + 1] === 'https://hw.example.com') args[at + 1] = 'http://localhost';
    const proc = await start(line, args, ws, command.env, ready);
    if (opts.keep) opts.keep.push(proc);
    else expect(await proc.stop(), `${line} after SIGTERM:\n${proc.output()}`).toBe(0);
    return null;
  }
  const r = await runInProcess(args, { cwd: ws.dir, env: command.env });
  expect(r.code, `${line}\n${r.stderr}`).toBe(0);
  if (command.stdoutTo) writeFileSync(join(ws.dir, command.stdoutTo), r.stdout);
  return r;
}

async function start(
  line: string,
  args: string[],
  ws: Workspace,
  env: Record<string, string>,
  ready: RegExp,
): Promise<Background> {
  const proc: ChildProcess = spawn(process.execPath, [HWBIND, ...args], {
    cwd: ws.dir,
    env: { ...process.env, CI: 'true', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  proc.stdout!.on('data', (d) => (output += d));
  proc.stderr!.on('data', (d) => (output += d));
  const exited = new Promise<number | null>((resolve) => proc.once('exit', (code) => resolve(code)));
  await until(
    `${line} to print that it is ready`,
    () => {
      if (proc.exitCode !== null) throw new Error(`${line} exited with ${proc.exitCode}:\n${output}`);
      return ready.test(output) ? true : null;
    },
    60_000,
  );
  return {
    line,
    output: () => output,
    stop: () => {
      if (proc.exitCode === null) proc.kill('SIGTERM');
      return exited;
    },
  };
}

function workspace(sns: string[]): Workspace {
  const ws = { dir: tempDir('hwbind-examples-'), sns };
  mkdirSync(join(ws.dir, 'bundles'));
  for (const [name, content] of Object.entries(FIXTURES)) writeFileSync(join(ws.dir, name), content(ws));
  return ws;
}

/** Runs a source's examples in order in its workspace; what its setup keeps running stops at the end. */
async function runSource(source: Source, index: number, shared: Workspace): Promise<void> {
  const ws = OWN_WORKSPACE[source.key] ? workspace([`X${index}A0001`, `X${index}A0002`]) : shared;
  const background: Background[] = [];
  try {
    for (const line of SETUP[source.key] ?? []) await runLine(line, ws, { keep: background });
    for (const line of source.lines) {
      if (NOT_RUN[line]) continue;
      // The README's gateway keeps running: the other examples use it.
      const isTestGateway = source.key === 'README' && !testGateway && /\bhwbind gateway\b/.test(line);
      const held: Background[] = [];
      const results = await runLine(line, ws, { keep: isTestGateway ? held : null });
      if (isTestGateway) await adoptTestGateway(held[0]!, ws);
      for (const effect of EFFECTS.filter((e) => e.source === source.key && line.includes(e.line)))
        effect.check(ws, results.at(-1) ?? null);
    }
  } finally {
    for (const p of background) expect(await p.stop(), `${p.line} after SIGTERM:\n${p.output()}`).toBe(0);
  }
}

describe('the examples of the README and of every --help', () => {
  let shared: Workspace;

  beforeAll(async () => {
    const dir = tempDir('hwbind-tls-');
    execFileSync(
      'openssl',
      [
        ...['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '1'],
        ...['-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1'],
        ...['-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem')],
      ],
      { stdio: 'ignore' },
    );
    tls = { cert: readFileSync(join(dir, 'cert.pem'), 'utf8'), key: readFileSync(join(dir, 'key.pem'), 'utf8') };
    shared = workspace(['HWB0002', 'HWB0003']);
    exampleStore = await pgDatabase();
  });
  afterAll(async () => {
    if (testGateway) expect(await testGateway.process.stop()).toBe(0);
  });

  it('runs every example but those NOT_RUN names; its tables name only examples and sources that exist', () => {
    const all = SOURCES.flatMap((s) => s.lines);
    expect(Object.keys(NOT_RUN).filter((line) => !all.includes(line))).toEqual([]);
    expect(all.length - Object.keys(NOT_RUN).length).toBeGreaterThan(40);
    const keys = SOURCES.map((s) => s.key);
    expect([...Object.keys(OWN_WORKSPACE), ...Object.keys(SETUP)].filter((k) => !keys.includes(k))).toEqual([]);
    const unmatched = EFFECTS.filter(
      (e) => !SOURCES.find((s) => s.key === e.source)?.lines.some((l) => l.includes(e.line)),
    );
    expect(unmatched).toEqual([]);
  });

  for (const [index, source] of SOURCES.entries()) it(source.title, () => runSource(source, index, shared), 240_000);
});

async function adoptTestGateway(gw: Background, ws: Workspace): Promise<void> {
  const grab = (re: RegExp) => re.exec(gw.output())![1]!;
  const token = await runInProcess(['admin-token', '--data', './data'], { cwd: ws.dir });
  testGateway = {
    httpUrl: grab(/^ {2}HTTP\s+(https?:\/\/\S+)/m),
    mqttUrl: grab(/^ {2}MQTT\s+(mqtt:\/\/\S+)/m),
    token: token.stdout.trim(),
    process: gw,
  };
}
