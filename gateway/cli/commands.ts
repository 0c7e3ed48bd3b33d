// `hwbind gateway`, `hwbind vendor …`, `hwbind corp …`, `hwbind qr …`, `hwbind firmware …`.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import cliProgress from 'cli-progress';
import { type Command, Option } from 'commander';
import QRCode from 'qrcode';
import type { Api, ResponseOf } from '../../protocol/api.js';
import { type ApiClient, createApiClient } from '../../protocol/api-client.js';
import { HwbindError } from '../../protocol/errors.js';
import {
  buildFirmwareImage,
  generateVendorKeys,
  loadPrivateKey,
  loadPublicKey,
  verifyFirmwareImage,
} from '../../protocol/firmware.js';
import { addDeviceUrls, dynamicQrUrl, labelQrUrl, verificationCode } from '../../protocol/qr.js';
import { resolveConfig } from '../config.js';
import { Gateway, openStore } from '../gateway.js';
import { LogSink, tolerateStdioErrors } from '../logger.js';
import { recordedEndpoints } from '../provisioning/endpoints.js';
import { type Label, loadLabels, MAX_LABEL_COLUMNS, planSheet, writeLabelSheet } from '../provisioning/labels.js';
import type { AdminDevice, DeviceFilter } from '../provisioning/registry.js';
import type { FirmwareRelease } from '../store/types.js';
import { type AdminOps, LocalAdmin, RemoteAdmin } from './admin-client.js';

const out = (value: unknown): void => {
  process.stdout.write(`${typeof value === 'string' ? value : JSON.stringify(value, null, 2)}\n`);
};

const examples = (lines: string[]): string => `\nExamples:\n${lines.map((l) => `  $ ${l}`).join('\n')}\n`;

function readText(path: string, what: string): string {
  return readBytes(path, what).toString('utf8');
}

function readBytes(path: string, what: string): Buffer {
  try {
    return path === '-' ? readFileSync(0) : readFileSync(path);
  } catch (err) {
    throw new HwbindError('invalid_argument', `cannot read ${what} ${path}: ${(err as Error).message}`);
  }
}

/** A progress bar on a live terminal; in CI and pipes, a plain line at most every 2 s. */
function labelProgress(total: number): { update: (done: number) => void; stop: () => void } {
  if (process.stdout.isTTY === true && !process.env.CI) {
    const bar = new cliProgress.SingleBar(
      { format: 'labels [{bar}] {value}/{total}', hideCursor: true },
      cliProgress.Presets.shades_classic,
    );
    bar.start(total, 0);
    return { update: (done) => bar.update(done), stop: () => bar.stop() };
  }
  let last = Date.now();
  return {
    update: (done) => {
      if (done < total && Date.now() - last >= 2000) {
        process.stdout.write(`rendered ${done}/${total} labels\n`);
        last = Date.now();
      }
    },
    stop: () => {},
  };
}

interface TargetFlags {
  data?: string;
  gateway?: string;
  token?: string;
  publicUrl?: string;
  mqttUrl?: string;
}

/** Options every offline-or-remote command takes; `urls`: also where offline bundles and links point. */
function withTarget(cmd: Command, { urls = true } = {}): Command {
  cmd
    .option('--data <dir>', 'data directory of the embedded store (offline; env HWBIND_DATA)')
    .option('--gateway <url>', 'a running gateway to call instead (env HWBIND_GATEWAY)')
    .option('--token <token>', 'admin token for --gateway (env HWBIND_ADMIN_TOKEN)');
  if (!urls) return cmd;
  return cmd
    .option(
      '--public-url <url>',
      "public base URL in bundles and login links, offline (env HWBIND_PUBLIC_URL; default: the data directory's gateway's)",
    )
    .option(
      '--mqtt-url <url>',
      "MQTT URL in bundles, offline (default: the data directory's gateway's, else the public URL's host, port 1883)",
    );
}

async function target(flags: TargetFlags): Promise<AdminOps> {
  const gateway = flags.gateway ?? process.env.HWBIND_GATEWAY;
  if (gateway) {
    const token = flags.token ?? process.env.HWBIND_ADMIN_TOKEN;
    if (!token)
      throw new HwbindError(
        'unauthorized',
        '--gateway needs --token (or HWBIND_ADMIN_TOKEN): the admin token of that gateway',
      );
    return new RemoteAdmin(gateway, token);
  }
  const cfg = resolveConfig({ data: flags.data, publicUrl: flags.publicUrl });
  // resolveConfig falls back to this when no flag, variable or config file names a public URL.
  const defaultPublicUrl = `http://localhost:${cfg.httpPort}`;
  const publicGiven =
    flags.publicUrl !== undefined || Boolean(process.env.HWBIND_PUBLIC_URL) || cfg.publicUrl !== defaultPublicUrl;
  return LocalAdmin.open(cfg.data, {
    endpoints: {
      publicUrl: publicGiven ? cfg.publicUrl : undefined,
      mqttUrl: flags.mqttUrl,
      defaultPublicUrl,
      mqttPort: cfg.mqttPort,
    },
    notice: (text) => process.stderr.write(`hwbind: note: ${text}\n`),
  });
}

async function withAdmin<T>(flags: TargetFlags, fn: (ops: AdminOps) => Promise<T>): Promise<T> {
  const ops = await target(flags);
  try {
    return await fn(ops);
  } finally {
    await ops.close();
  }
}

const DEVICE_PAGE = 1000;

/** Every device the filter selects, page by page. */
async function allDevices(ops: AdminOps, filter: Omit<DeviceFilter, 'limit' | 'offset'>): Promise<AdminDevice[]> {
  const devices: AdminDevice[] = [];
  for (let offset = 0; ; offset += DEVICE_PAGE) {
    const page = await ops.listDevices({ ...filter, limit: DEVICE_PAGE, offset });
    devices.push(...page);
    if (page.length < DEVICE_PAGE) return devices;
  }
}

const timeText = (ms: number | null): string => (ms === null ? '-' : `${new Date(ms).toISOString().slice(0, 19)}Z`);

function deviceTable(devices: AdminDevice[]): string {
  const rows = [
    ['SN', 'MODEL', 'ONLINE', 'LAST SEEN', 'FIRMWARE', 'REMARK', 'BOUND'],
    ...devices.map((d) => [
      d.sn,
      d.modelId,
      d.online ? 'yes' : 'no',
      timeText(d.lastSeen),
      d.firmwareVersion ?? '-',
      d.remark ?? '-',
      d.binding ? `${d.binding.corp} (${d.binding.status})` : 'no',
    ]),
  ];
  const online = devices.filter((d) => d.online).length;
  return [
    ...alignColumns(rows),
    `${devices.length} ${devices.length === 1 ? 'device' : 'devices'}, ${online} online`,
  ].join('\n');
}

/** Rows of cells as lines with the columns aligned. */
function alignColumns(rows: string[][]): string[] {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  return rows.map((r) =>
    r
      .map((cell, i) => cell.padEnd(widths[i]!))
      .join('  ')
      .trimEnd(),
  );
}

export function registerGatewayCommands(program: Command): void {
  program
    .command('gateway')
    .description('run the gateway: MQTT broker for devices, HTTP API, pages and metrics')
    .option('--host <addr>', 'address to listen on (env HWBIND_HOST, default 0.0.0.0)')
    .option('--mqtt-port <port>', 'MQTT over TCP (env HWBIND_MQTT_PORT, default 1883)')
    .option('--mqtt-tls-port <port>', 'MQTT over TLS when --tls-cert is given (env HWBIND_MQTT_TLS_PORT, default 8883)')
    .option('--http-port <port>', 'HTTP(S), MQTT over WebSocket at /mqtt (env HWBIND_HTTP_PORT, default 8080)')
    .option('--data <dir>', 'data directory of the embedded store (env HWBIND_DATA, default ./data)')
    .option('--public-url <url>', 'base URL people and QR codes use (env HWBIND_PUBLIC_URL)')
    .option('--tls-cert <file>', 'PEM certificate: serve MQTT over TLS and HTTPS (env HWBIND_TLS_CERT)')
    .option('--tls-key <file>', 'PEM private key for --tls-cert (env HWBIND_TLS_KEY)')
    .option(
      '--plain-host <addr>',
      'with TLS, where clear-text MQTT still listens (env HWBIND_PLAIN_HOST, default 127.0.0.1: loopback only)',
    )
    .option('--heartbeat-interval <s>', 'seconds between device heartbeats; 3 missed = offline (default 30)')
    .option('--publish-rate <n>', 'per-device publish limit, messages/s (default 100)')
    .option('--auth-failure-limit <n>', 'failed connects per SN per minute before a 1-minute lockout (default 10)')
    .option(
      '--max-pending-connects <n>',
      'connects authenticated at once; more are shed with CONNACK 3 so devices back off (default 1000)',
    )
    .option('--ota-chunk-size <bytes>', 'largest firmware chunk a device may ask for, 1024-65536 (default 16384)')
    .option('--ota-concurrency <n>', 'firmware chunks read and sent at once across all devices (default 32)')
    .option('--log-level <level>', 'trace, debug, info, warn, error (env HWBIND_LOG_LEVEL, default info)')
    .option(
      '--serial <port>',
      'serial port with a device on it, PATH[:BAUD] (baud default 115200); repeat for more (env HWBIND_SERIAL, comma-separated; config: a list)',
      (value: string, previous: string[] | undefined) => [...(previous ?? []), value],
    )
    .option('--config <file>', 'YAML or JSON file of the same settings, camelCase (env HWBIND_CONFIG)')
    .addHelpText(
      'after',
      `\nEvery setting comes from its flag, else its HWBIND_* variable, else the config file, else the default.\n${examples(
        [
          'hwbind gateway --data ./data --mqtt-port 1883 --http-port 8080 --public-url https://hw.example.com',
          'HWBIND_MQTT_PORT=1884 hwbind gateway --config gateway.yaml',
          'hwbind gateway --tls-cert cert.pem --tls-key key.pem   # MQTT on 8883 over TLS, HTTPS on 8080',
          'hwbind gateway --data ./data --serial /dev/ttyUSB0:921600 --serial /dev/ttyUSB1   # devices on serial lines too',
        ],
      )}`,
    )
    .action(async (flags) => {
      const logSink = new LogSink(1);
      tolerateStdioErrors(logSink);
      const gw = await Gateway.start(resolveConfig(flags), { logSink });
      const shutdown = (signal: string) => {
        gw.logger.info({ signal }, 'shutting down');
        gw.stop()
          .then(
            () => 0,
            () => 1,
          )
          // The last lines get a moment to reach the log, never longer: a stalled output must not hold the exit.
          .then((code) => logSink.drained(2000).then(() => process.exit(code)));
      };
      process.once('SIGINT', () => shutdown('SIGINT'));
      process.once('SIGTERM', () => shutdown('SIGTERM'));
      // Announced once a stop signal is handled: whoever waits for this line may send one at once.
      process.stderr.write(
        `hwbind gateway\n  MQTT      ${gw.urls.mqtt}${gw.urls.mqtts ? `\n  MQTT TLS  ${gw.urls.mqtts}` : ''}\n  MQTT/WS   ${gw.urls.ws}\n  HTTP      ${gw.urls.http}  (API docs at /docs, metrics at /metrics)\n  public    ${gw.urls.public}\n${gw.config.serial.map((p) => `  serial    ${p}\n`).join('')}  admin API token: hwbind admin-token --data ${gw.config.data}\n`,
      );
    });

  program
    .command('admin-token')
    .description('print the admin API token of a data directory (for --gateway URL --token TOKEN)')
    .option('--data <dir>', 'data directory (env HWBIND_DATA, default ./data)')
    .addHelpText(
      'after',
      examples([
        'hwbind vendor model list --gateway http://127.0.0.1:8080 --token "$(hwbind admin-token --data ./data)"',
      ]),
    )
    .action(async (f) => {
      const ops = await LocalAdmin.open(resolveConfig({ data: f.data }).data);
      try {
        out(await ops.adminToken());
      } finally {
        await ops.close();
      }
    });

  const vendor = program.command('vendor').description('device models, batches, SNs and provisioning bundles');
  const model = vendor.command('model').description('device models');
  withTarget(model.command('add'))
    .description('add a device model')
    .requiredOption('--id <id>', 'model id, 1-32 of [A-Za-z0-9._-]')
    .requiredOption('--name <name>', 'display name')
    .requiredOption('--capabilities <list>', 'comma-separated: face,fingerprint,card,door,screen')
    .option('--vendor <name>', 'vendor name (devices of one vendor share enrolled templates)')
    .option('--vendor-key <file>', "vendor's Ed25519 public key for firmware (PEM, or 64 hex chars)")
    .addHelpText(
      'after',
      examples([
        'hwbind vendor model add --data ./data --id T1000 --name "Face terminal" --capabilities face,fingerprint,door,screen --vendor-key vendor.pub',
      ]),
    )
    .action(async (f) =>
      out(
        await withAdmin(f, (ops) =>
          ops.addModel({
            id: f.id,
            name: f.name,
            vendor: f.vendor,
            capabilities: f.capabilities,
            vendorKey: f.vendorKey ? readText(f.vendorKey, 'vendor key') : undefined,
          }),
        ),
      ),
    );
  withTarget(model.command('list'))
    .description('list device models')
    .addHelpText(
      'after',
      examples([
        'hwbind vendor model list --data ./data',
        'hwbind vendor model list --gateway http://127.0.0.1:8080 --token "$TOKEN"',
      ]),
    )
    .action(async (f) => out(await withAdmin(f, (ops) => ops.listModels())));

  withTarget(vendor.command('batch').command('create'))
    .description('create a batch: devices added with --batch get secrets derived from its seed')
    .requiredOption('--id <id>', 'batch id')
    .requiredOption('--model <id>', 'model of the batch')
    .option('--seed <secret>', 'seed secret (default: random); keep it in your factory tooling')
    .addHelpText('after', examples(['hwbind vendor batch create --data ./data --id B2026-11 --model T1000']))
    .action(async (f) => out(await withAdmin(f, (ops) => ops.createBatch({ id: f.id, model: f.model, seed: f.seed }))));

  withTarget(vendor.command('sn').command('import <file>'))
    .description('import SNs from a CSV file with a header row: sn[,secret][,model]')
    .option('--model <id>', 'model for rows without a model column')
    .option('--batch <id>', 'derive secrets from this batch (rows without a secret column)')
    .option('--skip-invalid', 'import the valid rows and report the rest (default: all or nothing)')
    .addHelpText(
      'after',
      `\nBad rows are reported with their line numbers; without --skip-invalid nothing is imported.${examples(['hwbind vendor sn import devices.csv --data ./data --batch B2026-11', 'hwbind vendor sn import devices.csv --gateway http://gw:8080 --token $TOKEN --model T1000 --skip-invalid'])}`,
    )
    .action(async (file, f) => {
      const result = await withAdmin(f, (ops) =>
        ops.importCsv(readText(file, 'CSV file'), { model: f.model, batch: f.batch, skipInvalid: f.skipInvalid }),
      );
      for (const e of result.errors) process.stderr.write(`${file}:${e.line}: ${e.sn || '(empty)'}: ${e.message}\n`);
      out(result);
    });

  withTarget(vendor.command('device').command('add'))
    .description('register a device and print its provisioning bundle (JSON) on stdout')
    .requiredOption('--sn <sn>', 'serial number, 1-128 of [0-9A-Za-z] (stored upper-cased)')
    .option('--model <id>', 'model id (or take it from --batch)')
    .addOption(
      new Option('--secret <secret>', 'device secret (default: random, or derived from --batch)').conflicts('batch'),
    )
    .option('--batch <id>', 'derive the secret from this batch seed')
    .addHelpText(
      'after',
      examples([
        'hwbind vendor device add --data ./data --model T1000 --sn HWB0001 > HWB0001.json',
        'hwbind sim device --bundle HWB0001.json',
      ]),
    )
    .action(async (f) =>
      out(await withAdmin(f, (ops) => ops.addDevice({ sn: f.sn, model: f.model, secret: f.secret, batch: f.batch }))),
    );

  withTarget(vendor.command('bundle <sn>'))
    .description("print a registered device's provisioning bundle (JSON)")
    .addHelpText('after', examples(['hwbind vendor bundle HWB0001 --data ./data > HWB0001.json']))
    .action(async (sn, f) => out(await withAdmin(f, (ops) => ops.bundle(sn))));

  const device = program
    .command('device')
    .description('registered devices: presence, firmware and binding, offline or from a gateway');
  withTarget(device.command('list'), { urls: false })
    .description('list registered devices: SN, model, online, last seen, firmware, remark, binding')
    .option('--model <id>', 'only devices of this model')
    .option('--online', 'only devices online now')
    .option('--json', 'print every field as JSON instead of a table')
    .addHelpText(
      'after',
      `\nOffline, presence is what the data directory's gateway last stored (it stores changes within a second).${examples(
        [
          'hwbind device list --data ./data',
          'hwbind device list --gateway http://127.0.0.1:8080 --token "$TOKEN" --model T1000 --online --json',
        ],
      )}`,
    )
    .action(async (f) => {
      const filter = { modelId: f.model, online: f.online === true ? true : undefined };
      const devices = await withAdmin(f, (ops) => allDevices(ops, filter));
      out(f.json ? devices : deviceTable(devices));
    });
  withTarget(device.command('show <sn>'), { urls: false })
    .description('print a registered device as JSON: model, presence, firmware and slots, capabilities, binding')
    .addHelpText('after', examples(['hwbind device show HWB0001 --data ./data']))
    .action(async (sn, f) => out(await withAdmin(f, (ops) => ops.getDevice(sn))));

  const corp = program.command('corp').description('enterprises: directory, settings, login tokens');
  withTarget(corp.command('create <id>'))
    .description('create an enterprise (member binding is off unless --member-binding)')
    .requiredOption('--name <name>', 'display name')
    .option('--member-binding', 'let ordinary members bind devices')
    .addHelpText('after', examples(['hwbind corp create acme --name "Acme Ltd" --data ./data']))
    .action(async (id, f) =>
      out(await withAdmin(f, (ops) => ops.createCorp({ id, name: f.name, memberBinding: f.memberBinding === true }))),
    );
  withTarget(corp.command('list'))
    .description('list enterprises')
    .addHelpText('after', examples(['hwbind corp list --data ./data']))
    .action(async (f) => out(await withAdmin(f, (ops) => ops.listCorps())));
  withTarget(corp.command('import <file>'))
    .description('replace an enterprise directory from YAML or JSON (departments, members, roles, visibility, apps)')
    .option('--corp <id>', 'enterprise id (default: corp.id in the file; created if missing)')
    .addHelpText(
      'after',
      `\nFile format:\n  corp: {id: acme, name: Acme Ltd}\n  memberBinding: true\n  departments: [{id: rd, name: R&D}, {id: rd-fw, name: Firmware, parent: rd}]\n  members:\n    - {userid: alice, name: Alice, role: super_admin}\n    - {userid: bob, name: Bob, role: admin, canBindDevices: true, departments: [rd]}\n    - {userid: carol, name: Carol, role: member, departments: [rd-fw], visibility: {departments: [rd], users: [alice]}}\n  apps: [{id: attendance, name: Attendance, admins: [carol]}]\nProblems are reported with their line numbers; nothing is written unless the whole file is valid.${examples(['hwbind corp import acme.yaml --data ./data'])}`,
    )
    .action(async (file, f) =>
      out(await withAdmin(f, (ops) => ops.importDirectory(f.corp, readText(file, 'directory file')))),
    );
  withTarget(corp.command('show <corp>'))
    .description("print an enterprise's directory (departments, members, apps)")
    .addHelpText('after', examples(['hwbind corp show acme --data ./data']))
    .action(async (corpId, f) => out(await withAdmin(f, (ops) => ops.getDirectory(corpId))));
  withTarget(corp.command('set <corp> <setting> <value>'))
    .description('change a setting: memberBinding on|off')
    .addHelpText('after', examples(['hwbind corp set acme memberBinding on --data ./data']))
    .action(async (corpId, setting, value, f) => {
      if (setting !== 'memberBinding')
        throw new HwbindError('invalid_argument', `unknown setting ${setting} (known: memberBinding)`);
      if (value !== 'on' && value !== 'off') throw new HwbindError('invalid_argument', 'memberBinding takes on or off');
      out(await withAdmin(f, (ops) => ops.setMemberBinding(corpId, value === 'on')));
    });
  withTarget(corp.command('token <corp> <userid>'))
    .description('issue a signed, expiring login token (and link) for a person')
    .option('--ttl <duration>', 'lifetime: 30m, 12h, 7d', '24h')
    .addHelpText('after', examples(['hwbind corp token acme carol --data ./data --public-url https://hw.example.com']))
    .action(async (corpId, userid, f) => out(await withAdmin(f, (ops) => ops.issueToken(corpId, userid, f.ttl))));

  const qr = program
    .command('qr')
    .description('device and add-device QR codes as PNG, SVG or terminal text; printable label sheets');
  const render = async (text: string, f: { png?: string; svg?: string; terminal?: boolean }) => {
    if (!f.png && !f.svg && !f.terminal)
      throw new HwbindError('invalid_argument', 'choose an output: --png FILE, --svg FILE or --terminal');
    if (f.png) await QRCode.toFile(f.png, text, { type: 'png', errorCorrectionLevel: 'M', margin: 2, scale: 8 });
    if (f.svg) writeFileSync(f.svg, await QRCode.toString(text, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 }));
    if (f.terminal) process.stdout.write(await QRCode.toString(text, { type: 'terminal', small: true }));
  };
  const outputs = (cmd: Command) =>
    cmd
      .option('--png <file>', 'write a PNG')
      .option('--svg <file>', 'write an SVG')
      .option('--terminal', 'print it in the terminal');
  outputs(qr.command('add-device'))
    .description('the generic member-binding QR code (/hw/addDevice): tied to no model or SN')
    .requiredOption('--public-url <url>', 'the gateway public base URL')
    .addHelpText('after', examples(['hwbind qr add-device --public-url https://hw.example.com --png add-device.png']))
    .action(async (f) => {
      const { short } = addDeviceUrls(f.publicUrl);
      await render(short, f);
      out(short);
    });
  outputs(qr.command('device'))
    .description("a device's QR code: dynamic (signed, valid 30 min) or --label (static, with a verification code)")
    .requiredOption('--sn <sn>', 'serial number')
    .requiredOption('--public-url <url>', 'the gateway public base URL')
    .option('--data <dir>', 'data directory holding the device (env HWBIND_DATA)')
    .option('--label', 'static label QR for screenless devices; prints the 6-digit verification code')
    .addHelpText(
      'after',
      examples([
        'hwbind qr device --data ./data --sn HWB0001 --public-url https://hw.example.com --terminal',
        'hwbind qr device --data ./data --sn HWB0002 --public-url https://hw.example.com --label --png label.png',
      ]),
    )
    .action(async (f) => {
      const cfg = resolveConfig({ data: f.data });
      const store = await openStore(cfg.data);
      try {
        const device = await store.getDevice(String(f.sn).toUpperCase());
        if (!device) throw new HwbindError('device_not_found', `no device ${f.sn} in ${cfg.data}`);
        const url = f.label ? labelQrUrl(f.publicUrl, device.sn) : dynamicQrUrl(f.publicUrl, device.sn, device.secret);
        await render(url, f);
        out(url);
        if (f.label) out(`verification code: ${verificationCode(device.secret, device.sn)}`);
      } finally {
        await store.close();
      }
    });

  qr.command('labels')
    .description('a printable A4 sheet of static device labels: label QR code, SN and verification code')
    .requiredOption('--sns <file>', 'SNs to label: one a line, or a CSV whose first column is the SN')
    .requiredOption(
      '--out <file>',
      'sheet.pdf (all pages in one file) or sheet.svg (one file a page: sheet-1.svg, sheet-2.svg, … when more)',
    )
    .option('--data <dir>', 'data directory holding the devices (env HWBIND_DATA)')
    .option(
      '--public-url <url>',
      "the gateway public base URL the QR codes open (env HWBIND_PUBLIC_URL; default: the one the data directory's gateway recorded)",
    )
    .option('--columns <n>', `labels per row, 1-${MAX_LABEL_COLUMNS}`, '3')
    .addHelpText(
      'after',
      `\nBlank lines and # comments are ignored, and so is a header row "sn,…" (the CSV of \`hwbind vendor sn import\`).\nAn invalid or unregistered SN is reported with its line number, and then nothing is written.${examples(
        [
          'hwbind qr labels --data ./data --sns devices.csv --public-url https://hw.example.com --out labels.pdf',
          'hwbind qr labels --data ./data --sns sns.txt --public-url https://hw.example.com --columns 4 --out labels.svg',
        ],
      )}`,
    )
    .action(async (f) => {
      const plan = planSheet(f.out, Number(f.columns));
      // Labels are printed and stuck on devices: a guessed localhost URL would make them useless.
      const snList = readText(f.sns, 'SN list');
      const cfg = resolveConfig({ data: f.data, publicUrl: f.publicUrl });
      const store = await openStore(cfg.data);
      let labels: Label[];
      try {
        // Labels are printed and stuck on devices: their URL is the flag's, else the one this data
        // directory's gateway recorded; a guessed localhost URL would make them useless.
        const publicUrl =
          f.publicUrl || process.env.HWBIND_PUBLIC_URL || (await recordedEndpoints(store))?.publicUrl || null;
        if (!publicUrl)
          throw new HwbindError(
            'invalid_argument',
            "give the gateway's public URL the labels open: --public-url URL (or HWBIND_PUBLIC_URL); a data directory a gateway has run on knows it",
          );
        labels = await loadLabels(store, snList, publicUrl);
      } finally {
        await store.close();
      }
      const progress = labelProgress(labels.length);
      const { files, pages } = await writeLabelSheet(plan, labels, progress.update);
      progress.stop();
      out(`wrote ${labels.length} labels to ${files.join(', ')} (${pages} ${pages === 1 ? 'page' : 'pages'})`);
    });

  const fw = program
    .command('firmware')
    .description('vendor keys, signed firmware images, the gateway catalog, upgrade rollouts');
  fw.command('keys')
    .description('generate an Ed25519 vendor key pair (vendor.key private, vendor.pub public)')
    .requiredOption('--out <dir>', 'directory to write vendor.key and vendor.pub into')
    .addHelpText('after', examples(['hwbind firmware keys --out ./keys']))
    .action((f) => {
      mkdirSync(f.out, { recursive: true });
      const keys = generateVendorKeys();
      writeFileSync(join(f.out, 'vendor.key'), keys.privateKeyPem, { mode: 0o600 });
      writeFileSync(join(f.out, 'vendor.pub'), keys.publicKeyPem);
      out({
        privateKey: join(f.out, 'vendor.key'),
        publicKey: join(f.out, 'vendor.pub'),
        publicKeyHex: keys.publicKeyHex,
      });
    });
  fw.command('sign')
    .description('wrap a firmware payload in a signed HWFW image')
    .requiredOption('--key <file>', 'vendor private key (PEM)')
    .requiredOption('--model <id>', 'model the image is for')
    .requiredOption('--version <semver>', 'firmware version')
    .requiredOption('--in <file>', 'payload (the raw firmware binary)')
    .requiredOption('--out <file>', 'signed image to write')
    .option('--test', 'test image: boots pending-verify and reverts unless confirmed')
    .addHelpText(
      'after',
      examples([
        'hwbind firmware sign --key keys/vendor.key --model T1000 --version 1.3.0 --in app.bin --out T1000-1.3.0.hwfw',
      ]),
    )
    .action((f) => {
      const payload = readBytes(f.in, 'payload');
      const image = buildFirmwareImage(
        { model: f.model, version: f.version, payload, test: f.test === true },
        loadPrivateKey(readText(f.key, 'key')),
      );
      writeFileSync(f.out, image);
      out({ out: f.out, size: image.length, model: f.model, version: f.version });
    });
  fw.command('verify <image>')
    .description("check an image's structure, hash, model and vendor signature")
    .requiredOption('--key <file>', 'vendor public key (PEM or 64 hex chars)')
    .option('--model <id>', 'model the image must be for')
    .addHelpText('after', examples(['hwbind firmware verify T1000-1.3.0.hwfw --key keys/vendor.pub --model T1000']))
    .action((image, f) => {
      const parsed = verifyFirmwareImage(readBytes(image, 'image'), {
        publicKey: loadPublicKey(readText(f.key, 'key')),
        model: f.model,
      });
      out({ valid: true, ...parsed.header, payloadSha256: parsed.header.payloadSha256.toString('hex') });
    });
  withTarget(fw.command('publish <image>'), { urls: false })
    .description("add a signed image to the gateway's firmware catalog")
    .option('--model <id>', 'refuse the image unless it is for this model')
    .addOption(new Option('--notes <text>', 'release notes shown with the version').conflicts('notesFile'))
    .option('--notes-file <file>', 'release notes from a file')
    .addHelpText(
      'after',
      `\nThe gateway accepts an image only when its version is valid semver, its model is registered and the model's\nvendor key verifies its signature. Images are kept under <data>/firmware/, named by their SHA-256.\nOffline on --data, or through a running gateway with --gateway URL --token TOKEN.${examples(
        ['hwbind firmware publish T1000-1.3.0.hwfw --data ./data --model T1000 --notes "Faster face matching"'],
      )}`,
    )
    .action(async (image, f) => {
      const bytes = readBytes(image, 'image');
      const notes = f.notesFile ? readText(f.notesFile, 'release notes') : f.notes;
      out(await withAdmin(f, (ops) => ops.publishFirmware(bytes, { model: f.model, notes })));
    });
  withTarget(fw.command('list'), { urls: false })
    .description('list the firmware catalog: model, version, size, SHA-256, published, retired')
    .option('--model <id>', 'only this model')
    .option('--retired', 'include retired versions')
    .option('--json', 'print every field as JSON instead of a table')
    .addHelpText(
      'after',
      examples([
        'hwbind firmware list --data ./data --model T1000 --retired',
        'hwbind firmware list --gateway http://127.0.0.1:8080 --token "$TOKEN" --json',
      ]),
    )
    .action(async (f) => {
      const list = await withAdmin(f, (ops) => ops.listFirmware({ model: f.model, retired: f.retired === true }));
      out(f.json ? list : releaseTable(list));
    });
  withTarget(fw.command('retire <model> <version>'), { urls: false })
    .description('retire a version everywhere: no new upgrade or rollout offers it (running jobs finish)')
    .addHelpText('after', examples(['hwbind firmware retire T1000 1.3.0 --data ./data']))
    .action(async (model, version, f) => out(await withAdmin(f, (ops) => ops.retireFirmware(model, version))));
  registerRolloutCommands(fw);
}

type RolloutView = ResponseOf<Api['admin.getRollout']>;

/** The admin API of a running gateway: rollouts run inside one. */
function gatewayApi(flags: { gateway?: string; token?: string }): ApiClient {
  const gateway = flags.gateway ?? process.env.HWBIND_GATEWAY;
  const token = flags.token ?? process.env.HWBIND_ADMIN_TOKEN;
  if (!gateway || !token)
    throw new HwbindError(
      'invalid_argument',
      'rollouts run in a gateway: give --gateway URL and --token TOKEN (or HWBIND_GATEWAY, HWBIND_ADMIN_TOKEN)',
    );
  return createApiClient(gateway, token);
}

const withGateway = (cmd: Command): Command =>
  cmd
    .option('--gateway <url>', 'the running gateway (env HWBIND_GATEWAY)')
    .option('--token <token>', 'its admin token (env HWBIND_ADMIN_TOKEN)');

function rolloutLine(r: RolloutView): string {
  const s = r.summary;
  return `${r.id}  ${r.model} ${r.version}  ${r.state}${r.reason ? ` (${r.reason})` : ''}  ${s.succeeded} succeeded, ${s.failed} failed, ${s.rolledBack} rolled back, ${s.running} running, ${s.waiting} waiting, ${s.skipped} skipped, ${s.cancelled} cancelled of ${s.devices} (failures ${s.failurePercent}%)`;
}

function percentArg(text: string, flag: string): number {
  const m = /^\s*(\d+(?:\.\d+)?)\s*%?\s*$/.exec(text);
  const n = m ? Number(m[1]) : Number.NaN;
  if (!(n >= 0 && n <= 100)) throw new HwbindError('invalid_argument', `${flag} must be a percentage from 0 to 100`);
  return n;
}

function intArg(text: string | undefined, flag: string): number | undefined {
  if (text === undefined) return undefined;
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1) throw new HwbindError('invalid_argument', `${flag} must be a whole number >= 1`);
  return n;
}

function registerRolloutCommands(fw: Command): void {
  const rollout = fw.command('rollout').description('roll a firmware version out to many devices at a rate');
  withGateway(rollout.command('start'))
    .description("start a rollout: the model's devices, a department's, or a list; a rate; an abort threshold")
    .requiredOption('--model <id>', 'the model the version is for')
    .requiredOption('--version <semver>', 'a version of the catalog')
    .option('--corp <id>', "with --department: that enterprise's devices whose usable range holds the department")
    .option('--department <id>', 'the department (and those below it)')
    .option('--sns <list>', 'comma-separated SNs, or @FILE with one SN a line')
    .addOption(new Option('--per-minute <n>', 'devices started per minute (default 60)').conflicts('waves'))
    .option('--waves <n>', 'waves of n, 2n, 4n … devices, each once the previous one ended')
    .option('--abort-at <percent>', 'abort when failed + rolled back exceed this share of the ended jobs')
    .option('--abort-min <n>', 'judge the failure share only once this many jobs ended (default 1)')
    .option('--allow-downgrade', 'devices running a newer version get this older one')
    .option('--watch', 'follow the rollout until it ends')
    .addHelpText(
      'after',
      `\nWithout --sns or --department, every device of the model. Devices without an active binding, of\nanother model, or running the version are skipped at their turn.${examples(
        [
          'hwbind firmware rollout start --gateway http://127.0.0.1:8080 --token "$TOKEN" --model T1000 --version 1.3.0 --waves 1 --abort-at 20%',
          'hwbind firmware rollout start --gateway http://127.0.0.1:8080 --token "$TOKEN" --model T1000 --version 1.3.0 --corp acme --department rd --per-minute 10',
        ],
      )}`,
    )
    .action(async (f) => {
      const api = gatewayApi(f);
      const sns = f.sns
        ? (String(f.sns).startsWith('@')
            ? readText(String(f.sns).slice(1), 'SN list').split(/\r?\n/)
            : String(f.sns).split(',')
          )
            .map((sn) => sn.trim())
            .filter(Boolean)
        : undefined;
      const { rollout } = await api.call('admin.createRollout', {
        body: {
          model: f.model,
          version: f.version,
          corp: f.corp,
          department: f.department,
          sns,
          perMinute: intArg(f.perMinute, '--per-minute'),
          waves: intArg(f.waves, '--waves'),
          abortPercent: f.abortAt === undefined ? undefined : percentArg(f.abortAt, '--abort-at'),
          abortMin: intArg(f.abortMin, '--abort-min'),
          allowDowngrade: f.allowDowngrade === true ? true : undefined,
        },
      });
      if (!f.watch) return out(rollout);
      await watchRollout(api, rollout.id);
    });
  withGateway(rollout.command('list'))
    .description('rollouts, newest first, one line each with its live summary')
    .option('--json', 'print every field as JSON')
    .addHelpText('after', examples(['hwbind firmware rollout list --gateway http://127.0.0.1:8080 --token "$TOKEN"']))
    .action(async (f) => {
      const { rollouts } = await gatewayApi(f).call('admin.listRollouts');
      out(f.json ? rollouts : rollouts.map(rolloutLine).join('\n') || 'no rollouts');
    });
  withGateway(rollout.command('show <id>'))
    .description("a rollout's summary and each device with its job (JSON)")
    .option('--watch', 'print its summary every 2 s until it ends')
    .addHelpText(
      'after',
      examples(['hwbind firmware rollout show ro_1a2b3c --gateway http://127.0.0.1:8080 --token "$TOKEN"']),
    )
    .action(async (id, f) => {
      const api = gatewayApi(f);
      if (f.watch) await watchRollout(api, id);
      else out(await api.call('admin.getRollout', { params: { id } }));
    });
  for (const [verb, what] of [
    ['pause', 'start no more devices until resumed'],
    ['resume', 'start devices again at the rate'],
    ['abort', 'cancel the devices not started and the jobs not yet taken'],
  ] as const) {
    withGateway(rollout.command(`${verb} <id>`))
      .description(what)
      .addHelpText(
        'after',
        examples([`hwbind firmware rollout ${verb} ro_1a2b3c --gateway http://127.0.0.1:8080 --token "$TOKEN"`]),
      )
      .action(async (id, f) => {
        const name =
          verb === 'pause' ? 'admin.pauseRollout' : verb === 'resume' ? 'admin.resumeRollout' : 'admin.abortRollout';
        out(rolloutLine(await gatewayApi(f).call(name, { params: { id } })));
      });
  }
}

/** Prints the rollout's summary as it moves (a bar on a terminal, a line every 2 s otherwise) until it ends. */
async function watchRollout(api: ApiClient, id: string): Promise<void> {
  const live = process.stdout.isTTY === true && !process.env.CI;
  let bar: cliProgress.SingleBar | null = null;
  for (;;) {
    const r = await api.call('admin.getRollout', { params: { id } });
    const s = r.summary;
    const done = s.succeeded + s.failed + s.rolledBack + s.skipped + s.cancelled;
    if (live) {
      bar ??= new cliProgress.SingleBar(
        { format: `${r.id} [{bar}] {value}/{total} {state}`, hideCursor: true },
        cliProgress.Presets.shades_classic,
      );
      if (!bar.isActive) bar.start(s.devices, done, { state: r.state });
      bar.update(done, { state: r.state });
    } else out(rolloutLine(r));
    if (r.state === 'aborted' || r.state === 'completed') {
      bar?.stop();
      if (live) out(rolloutLine(r));
      if (r.state === 'aborted') process.exitCode = 1;
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 2000));
  }
}

function releaseTable(list: FirmwareRelease[]): string {
  const rows = [
    ['MODEL', 'VERSION', 'SIZE', 'SHA-256', 'PUBLISHED', 'RETIRED'],
    ...list.map((r) => [
      r.modelId,
      r.version,
      String(r.size),
      r.sha256.slice(0, 16),
      timeText(r.publishedAt),
      r.retiredAt === null ? '-' : timeText(r.retiredAt),
    ]),
  ];
  return [...alignColumns(rows), `${list.length} ${list.length === 1 ? 'version' : 'versions'}`].join('\n');
}
