// `hwbind sim device` (one device in the foreground) and `hwbind sim fleet` (a scenario over N devices).
import { readFileSync } from 'node:fs';
import cliProgress from 'cli-progress';
import type { Command } from 'commander';
import QRCode from 'qrcode';
import type { ProvisioningBundle } from '../protocol/bundle.js';
import { systemClock } from '../protocol/clock.js';
import { HwbindError } from '../protocol/errors.js';
import { isValidFirmwareVersion } from '../protocol/firmware.js';
import { parsePortSpec } from '../protocol/serial-link.js';
import { DEFECT_NAMES, DEFECTS, parseDefects } from './defects.js';
import { type DeviceStatus, SimDevice } from './device.js';
import { Flash, readBundleFile } from './flash.js';
import { type FleetProgress, runFleet, type StepResult } from './fleet.js';
import { realTimers } from './module.js';
import { parseCaptureSpec } from './modules/capture.js';
import { OTA_FAULTS, type OtaFaults } from './modules/ota.js';
import { findFlash, Provisioning } from './provisioning.js';
import { punchAtRate } from './punching.js';
import { summaryTable, writeReports } from './report.js';
import { parseScenario } from './scenario.js';
import type { Screen } from './screen.js';
import { DeviceSerialLine } from './serial-line.js';

const examples = (lines: string[]): string => `\nExamples:\n${lines.map((l) => `  $ ${l}`).join('\n')}\n`;

/** A live terminal, as opposed to CI logs or a pipe. */
const interactive = (): boolean => process.stdout.isTTY === true && !process.env.CI;

function readText(path: string, what: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (err) {
    throw new HwbindError('invalid_argument', `cannot read ${what} ${path}: ${(err as Error).message}`);
  }
}

function positiveInt(value: string, flag: string, min = 1): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < min)
    throw new HwbindError('invalid_argument', `${flag} must be an integer >= ${min}`);
  return n;
}

const splitList = (text: string): string[] =>
  String(text)
    .split(',')
    .map((a) => a.trim())
    .filter(Boolean);

function parseOtaFaults(text: string): OtaFaults {
  const names = splitList(text);
  const unknown = names.filter((n) => !(OTA_FAULTS as readonly string[]).includes(n));
  if (unknown.length)
    throw new HwbindError(
      'invalid_argument',
      `unknown firmware fault ${unknown.join(', ')} (known: ${OTA_FAULTS.join(', ')})`,
    );
  return Object.fromEntries(names.map((n) => [n, true]));
}

/** The self-test of --self-test-fails: it fails on the versions named, passes on every other. */
function passesSelfTest(text: string): (version: string) => boolean {
  const broken = splitList(text);
  const invalid = broken.filter((v) => !isValidFirmwareVersion(v));
  if (invalid.length)
    throw new HwbindError('invalid_argument', `--self-test-fails: ${invalid.join(', ')} is not a semantic version`);
  return (version) => !broken.includes(version);
}

const statusText = (s: DeviceStatus): string =>
  `${s.sn}  ${s.connection}  binding: ${s.binding ?? 'none'}  firmware: ${s.firmware}  queue: ${s.queue}  boots: ${s.bootCount}  errors: ${s.errorReplies}`;

async function screenText(screen: Screen, qr: boolean): Promise<string> {
  if (screen.kind === 'bound')
    return `screen: bound to ${screen.corpName}${screen.deviceName ? ` as ${screen.deviceName}` : ''}`;
  const code = qr ? `\n${await QRCode.toString(screen.url, { type: 'terminal', small: true })}` : '';
  if (screen.kind === 'label') return `label: ${screen.url}  verification code ${screen.verificationCode}${code}`;
  return `screen: scan to bind ${screen.url}  (renewed every 10 min)${code}`;
}

export function registerSimulatorCommands(program: Command): void {
  const sim = program
    .command('sim')
    .description('simulated devices: one in the foreground, or a fleet from a scenario');

  sim
    .command('device')
    .description('run one simulated device in the foreground (Ctrl-C stops it cleanly)')
    .option('--bundle <file>', 'provisioning bundle JSON (from `hwbind vendor device add`); over --serial, optional')
    .option('--state-dir <dir>', "directory of the devices' flash; state survives restarts", './hwbind-sim')
    .option(
      '--mqtt-url <urls>',
      "broker URL instead of the bundle's; comma-separated: a gateway's nodes, the next one tried after a lost connection",
    )
    .option(
      '--serial <port>',
      'reach the gateway over this serial line, PATH[:BAUD] (default 115200), instead of MQTT; without a bundle or a flashed device in --state-dir, wait in provisioning mode for `hwbind flash`',
    )
    .option('--model <id>', 'the model its firmware is for (provisioning mode refuses bundles for another)')
    .option('--firmware <version>', 'factory firmware version of a blank device', '1.0.0')
    .option('--vendor-key <file>', "vendor's Ed25519 public key built into the firmware (verifies OTA images)")
    .option('--local-address <addr>', 'source address for the connection')
    .option('--ca <file>', 'PEM CA certificate for an mqtts:// broker')
    .option(
      '--self-test-ms <ms>',
      'how long the power-on self-test takes (a power cut inside it reverts a new image)',
      '0',
    )
    .option(
      '--self-test-fails <versions>',
      'comma-separated firmware versions whose power-on self-test fails (a broken build: an upgrade to one reverts)',
    )
    .option('--punch-rate <n>', 'once bound, record people passing at n records per second')
    .option('--punch-count <n>', 'stop punching after n records (default: keep punching)')
    .option('--punch-users <ids>', "comma-separated userids to punch instead of the directory's people")
    .option(
      '--capture <conditions>',
      'what happens at the sensor during enrollments, per try: noFinger, badImage, mismatch (fingerprint); noFace, offCentre, notLive, duplicate (face); face=USERID (whose face is at the camera)',
    )
    .option(
      '--ota-fault <faults>',
      `firmware faults for the next upgrade, each once, comma-separated: ${OTA_FAULTS.join(', ')}`,
    )
    .option('--flash-write-ms <ms>', 'how long writing one firmware chunk to flash takes', '0')
    .option(
      '--defect <names>',
      'comma-separated deliberate protocol defects, each caught by one conformance check (below)',
    )
    .addHelpText(
      'after',
      `${examples([
        'hwbind vendor device add --data ./data --model T1000 --sn HWB0001 > hwb0001.json',
        'hwbind sim device --bundle hwb0001.json --state-dir ./sim-state',
        'hwbind sim device --bundle hwb0001.json --punch-rate 20 --punch-count 1000',
        'hwbind sim device --bundle hwb0001.json --capture noFinger=20%,badImage=10%,mismatch=5%',
        'hwbind sim device --bundle hwb0001.json --capture face=alice   # enrolling anyone else: duplicate_face',
        'hwbind sim device --bundle hwb0001.json --defect skip-bind-ack   # `hwbind conformance` must fail bind.ack',
        'hwbind sim device --bundle hwb0001.json --vendor-key vendor.pub --ota-fault failSelfTest   # the next upgrade reverts',
        'hwbind sim device --serial /dev/pts/7:921600 --model T1000 --state-dir ./board1   # blank: waits for hwbind flash',
      ])}\nEvery record punched is also appended to records.log in the device's flash directory.\nA serial device's state directory holds that one device.\n\nDefects (--defect):\n${DEFECT_NAMES.map((d) => `  ${d.padEnd(34)}${DEFECTS[d]}`).join('\n')}\n`,
    )
    .action(async (f) => {
      if (!f.bundle && !f.serial) {
        throw new HwbindError(
          'invalid_argument',
          '--bundle is required (or --serial, for a device flashed over the line)',
        );
      }
      const given: ProvisioningBundle | null = f.bundle ? readBundleFile(f.bundle) : null;
      const live = interactive();
      let statusLine = '';
      const print = (line: string) => {
        if (live && statusLine) process.stdout.write('\r\x1b[2K');
        process.stdout.write(`${line}\n`);
        if (live && statusLine) process.stdout.write(statusLine);
      };
      let serial: DeviceSerialLine | null = null;
      let bundle = given;
      if (f.serial) {
        const flash = given ? Flash.forDevice(f.stateDir, given.sn) : findFlash(f.stateDir);
        if (given) flash?.loadOrProvision(given, f.firmware);
        const provisioning = new Provisioning({
          stateDir: f.stateDir,
          flash,
          model: f.model ?? given?.model ?? null,
          firmwareVersion: f.firmware,
        });
        serial = new DeviceSerialLine({
          spec: parsePortSpec(f.serial),
          clock: systemClock,
          timers: realTimers,
          responder: provisioning,
          log: print,
        });
        serial.start();
        if (!given && provisioning.info().mode === 'provisioning') {
          print(
            `provisioning mode: waiting on ${serial.spec.path} for a bundle from hwbind flash at the other end of the line`,
          );
        }
        bundle = await provisioning.provisioned;
        if (!given) print(`provisioned as ${bundle.sn} (${bundle.model})`);
      }
      if (!bundle) throw new HwbindError('internal', 'no bundle');
      const device = new SimDevice({
        flashDir: Flash.forDevice(f.stateDir, bundle.sn).dir,
        bundle,
        serial: serial ?? undefined,
        firmwareVersion: f.firmware,
        mqttUrls: f.mqttUrl ? splitList(f.mqttUrl) : undefined,
        localAddress: f.localAddress,
        ca: f.ca ? readText(f.ca, 'CA certificate') : undefined,
        vendorPublicKey: f.vendorKey ? readText(f.vendorKey, 'vendor key') : undefined,
        selfTestMs: Number(f.selfTestMs) || 0,
        selfTest: f.selfTestFails ? passesSelfTest(String(f.selfTestFails)) : undefined,
        capture: f.capture ? parseCaptureSpec(f.capture) : undefined,
        defects: f.defect ? parseDefects(f.defect) : undefined,
        otaFaults: f.otaFault ? parseOtaFaults(f.otaFault) : undefined,
        flashWriteMs: positiveInt(f.flashWriteMs, '--flash-write-ms', 0),
        log: print,
      });
      device.on('status', (s) => {
        const text = statusText(s);
        if (live) {
          statusLine = text;
          process.stdout.write(`\r\x1b[2K${text}`);
        } else if (text !== statusLine) {
          statusLine = text;
          print(`status: ${text}`);
        }
      });
      device.on('screen', (screen) => {
        void screenText(screen, live).then(print);
      });
      await device.start();
      let stopping = false;
      if (f.punchRate !== undefined) {
        const plan = {
          perSecond: positiveInt(f.punchRate, '--punch-rate'),
          count: f.punchCount === undefined ? undefined : positiveInt(f.punchCount, '--punch-count'),
          users: f.punchUsers ? splitList(f.punchUsers) : undefined,
        };
        void punchAtRate(
          plan,
          () => [device],
          () => stopping,
        ).then((n) => print(`punched ${n} records`));
      }
      const shutdown = () => {
        stopping = true;
        device
          .stop()
          .then(() => serial?.stop())
          .then(
            () => {
              if (live) process.stdout.write('\n');
              process.exit(0);
            },
            () => process.exit(1),
          );
      };
      process.once('SIGINT', shutdown);
      process.once('SIGTERM', shutdown);
    });

  sim
    .command('fleet')
    .description('run N simulated devices through a scenario against a gateway; exit 1 when an expectation fails')
    .requiredOption('--scenario <file>', 'scenario YAML (see simulator/scenarios/)')
    .option('--count <n>', 'number of devices (with --bundles: at most this many)')
    .option('--gateway <url>', 'gateway HTTP URL to provision devices through (env HWBIND_GATEWAY)')
    .option('--token <token>', 'admin token of that gateway (env HWBIND_ADMIN_TOKEN)')
    .option(
      '--person-token <token>',
      "a person's token for the bind and doors steps (env HWBIND_PERSON_TOKEN; else bind's as: CORP/USERID with --token)",
    )
    .option('--model <id>', 'model of the provisioned devices')
    .option('--sn-prefix <prefix>', 'SN prefix of provisioned devices (default SIM + 4 random characters)')
    .option('--bundles <dir>', 'use the bundle files (*.json) of a directory instead of provisioning')
    .option(
      '--mqtt-url <urls>',
      "broker URL instead of the bundles'; comma-separated: a gateway's nodes, device i starts on the (i mod n)-th and moves to the next after a lost connection",
    )
    .option('--state-dir <dir>', "directory of the devices' flash (default: a new temporary directory)")
    .option('--ramp <n>', 'devices booted per second', '200')
    .option('--workers <k>', 'spread the devices over K child processes (20,000 open files per process)', '0')
    .option('--local-address <addrs>', 'comma-separated source addresses used round-robin, e.g. 127.0.0.2,127.0.0.3')
    .option('--vendor-key <file>', "vendor's Ed25519 public key built into the devices (the upgrade steps need it)")
    .option('--report <file>', 'write a JUnit XML report')
    .option('--json <file>', 'write a JSON report')
    .option('--html <file>', 'write a self-contained HTML report with charts (connect ramp, records, round trips)')
    .addHelpText(
      'after',
      examples([
        'hwbind sim fleet --count 100 --gateway http://127.0.0.1:8080 --token "$(hwbind admin-token --data ./data)" --model T1000 --scenario simulator/scenarios/smoke.yaml --report junit.xml',
        'hwbind sim fleet --bundles ./bundles --scenario simulator/scenarios/faults.yaml --json out.json --html fleet.html',
        'hwbind sim fleet --count 40000 --workers 4 --local-address 127.0.0.2,127.0.0.3 --gateway … --token … --model T1000 --scenario smoke.yaml',
        'hwbind sim fleet --count 50 --gateway … --token … --model T1000 --scenario simulator/scenarios/attendance.yaml',
      ]),
    )
    .action(async (f) => {
      const scenario = parseScenario(readText(f.scenario, 'scenario'), f.scenario);
      const live = interactive();
      let bar: cliProgress.SingleBar | null = null;
      let lastStep = -1;
      let lastLine = 0;
      const onProgress = (p: FleetProgress) => {
        if (live) {
          if (p.step !== lastStep) {
            bar?.stop();
            bar = new cliProgress.SingleBar(
              { format: `${p.step + 1}. {desc} [{bar}] {value}/{total} online`, hideCursor: true },
              cliProgress.Presets.shades_classic,
            );
            bar.start(p.counts.devices || 1, p.counts.connected, { desc: p.description });
            lastStep = p.step;
          }
          bar?.setTotal(Math.max(1, p.counts.devices));
          bar?.update(p.counts.connected, { desc: p.description });
          return;
        }
        if (p.step !== lastStep || Date.now() - lastLine >= 2000) {
          const c = p.counts;
          process.stdout.write(
            `step ${p.step + 1} ${p.description}: ${c.connected}/${c.devices} online, recovered ${c.recovered}/${c.faulted}, answered ${c.errorsReplied}/${c.corrupted}\n`,
          );
          lastStep = p.step;
          lastLine = Date.now();
        }
      };
      const onStep = (s: StepResult) => {
        bar?.stop();
        bar = null;
        lastStep = -1;
        process.stdout.write(
          `${s.passed ? 'pass' : 'FAIL'} step ${s.index + 1} (line ${s.line}) ${s.description}: ${s.passed ? s.detail : s.failure}\n`,
        );
      };
      const report = await runFleet({
        scenario,
        count: f.count === undefined ? undefined : positiveInt(f.count, '--count'),
        gateway: f.gateway ?? process.env.HWBIND_GATEWAY,
        token: f.token ?? process.env.HWBIND_ADMIN_TOKEN,
        personToken: f.personToken ?? process.env.HWBIND_PERSON_TOKEN,
        model: f.model,
        snPrefix: f.snPrefix,
        bundlesDir: f.bundles,
        mqttUrls: f.mqttUrl ? splitList(f.mqttUrl) : undefined,
        stateDir: f.stateDir,
        rampPerSecond: positiveInt(f.ramp, '--ramp'),
        workers: positiveInt(f.workers, '--workers', 0),
        localAddresses: f.localAddress ? splitList(f.localAddress) : undefined,
        vendorPublicKey: f.vendorKey ? readText(f.vendorKey, 'vendor key') : undefined,
        onProgress,
        onStep,
      });
      writeReports(report, { junit: f.report, json: f.json, html: f.html });
      process.stdout.write(`\n${summaryTable(report)}`);
      // A failed expectation is a verdict, not an error: the summary says which; the exit code tells CI.
      if (!report.passed) process.exitCode = 1;
    });
}
