// `hwbind conformance`: certify a device (a vendor's board, or a simulated one) against the protocol,
// with a running gateway as the test harness.
import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { HwbindError } from '../../protocol/errors.js';
import { GROUPS, runConformance } from '../conformance/kit.js';
import { summary, writeReports } from '../conformance/report.js';

const examples = (lines: string[]): string => `\nExamples:\n${lines.map((l) => `  $ ${l}`).join('\n')}\n`;

function checkList(): string {
  return GROUPS.map(
    (g) =>
      `  ${g.name} — ${g.title}\n${g.checks.map((c) => `    ${c.id.padEnd(26)}${c.title} (${c.section})`).join('\n')}`,
  ).join('\n');
}

function readImage(file: string, flag: string): Buffer {
  try {
    return readFileSync(file);
  } catch (err) {
    throw new HwbindError('invalid_argument', `${flag} ${file}: ${(err as Error).message}`);
  }
}

export function registerConformanceCommand(program: Command): void {
  program
    .command('conformance')
    .description(
      'certify a device against the hwbind protocol: the gateway records its traffic and injects faults while the kit drives it through every sequence',
    )
    .option('--gateway <url>', 'gateway HTTP URL (env HWBIND_GATEWAY)')
    .option('--token <token>', 'admin token of that gateway (env HWBIND_ADMIN_TOKEN)')
    .option('--sn <sn>', 'SN of the device under test: registered, connected, and not bound to an enterprise')
    .option('--only <groups>', `comma-separated groups to run (${GROUPS.map((g) => g.name).join(', ')})`)
    .option('--report <file>', 'write a JUnit XML report')
    .option('--json <file>', 'write the JSON report')
    .option('--html <file>', 'write a self-contained HTML report with charts')
    .option(
      '--operator-wait <seconds>',
      'how long to wait for what a person at the device has to do (present a finger, pass the reader)',
      '60',
    )
    .option(
      '--firmware <file>',
      "OTA group: a signed test image of the device's model, newer than what it runs, that passes its self-test",
    )
    .option(
      '--failing-firmware <file>',
      'OTA group: a signed test image of another newer version whose self-test fails on the device (it must revert it)',
    )
    .option('--list', 'list the groups and their checks, then exit')
    .addHelpText(
      'after',
      `${examples([
        'hwbind conformance --gateway http://127.0.0.1:8080 --token "$(hwbind admin-token --data ./data)" --sn HWB0001 --report junit.xml --html report.html',
        'hwbind conformance --gateway http://127.0.0.1:8080 --token "$TOKEN" --sn HWB0001 --only bind,records',
        'hwbind conformance --gateway http://127.0.0.1:8080 --token "$TOKEN" --sn HWB0001 --only ota --firmware fw-1.1.0.bin --failing-firmware fw-1.0.1-broken.bin',
        'hwbind conformance --list',
      ])}
The kit binds the device in an enterprise of its own (conformance-<sn>), drives it through the
sequences of protocol/README.md and leaves it unbound. Leave sensors and reader alone unless a line
starting with ">> at the device" asks for something. The ota group needs --firmware and
--failing-firmware (it upgrades the device: it ends on the --firmware version). Exit code 0 when every check passed (skipped
ones aside), 1 otherwise.

Groups and checks:
${checkList()}
`,
    )
    .action(async (f) => {
      if (f.list) {
        process.stdout.write(`${checkList()}\n`);
        return;
      }
      const gateway = f.gateway ?? process.env.HWBIND_GATEWAY;
      const token = f.token ?? process.env.HWBIND_ADMIN_TOKEN;
      if (!gateway || !token || !f.sn)
        throw new HwbindError('invalid_argument', 'give --gateway URL, --token ADMIN_TOKEN and --sn SN');
      const wait = Number(f.operatorWait);
      if (!Number.isFinite(wait) || wait < 1)
        throw new HwbindError('invalid_argument', '--operator-wait must be a number of seconds >= 1');
      if (Boolean(f.firmware) !== Boolean(f.failingFirmware))
        throw new HwbindError(
          'invalid_argument',
          'give both --firmware and --failing-firmware (or neither: no OTA checks)',
        );
      const report = await runConformance({
        gateway,
        token,
        sn: f.sn,
        only: f.only
          ? String(f.only)
              .split(',')
              .map((s) => s.trim())
              .filter(Boolean)
          : undefined,
        operatorWaitMs: wait * 1000,
        firmware: f.firmware
          ? { good: readImage(f.firmware, '--firmware'), failing: readImage(f.failingFirmware, '--failing-firmware') }
          : undefined,
        say: (line) => process.stdout.write(`${line}\n`),
      });
      writeReports(report, { junit: f.report, json: f.json, html: f.html });
      process.stdout.write(`\n${summary(report)}`);
      // A failed check is a verdict, not an error: the summary says which; the exit code tells CI.
      if (!report.passed) process.exitCode = 1;
    });
}
