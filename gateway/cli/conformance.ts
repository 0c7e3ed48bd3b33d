// `hwbind conformance`: certify a device (a vendor's board, or a simulated one) against the protocol,
// with a running gateway as the test harness.
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
    .option('--list', 'list the groups and their checks, then exit')
    .addHelpText(
      'after',
      `${examples([
        'hwbind conformance --gateway http://127.0.0.1:8080 --token "$(hwbind admin-token --data ./data)" --sn HWB0001 --report junit.xml --html report.html',
        'hwbind conformance --gateway http://127.0.0.1:8080 --token "$TOKEN" --sn HWB0001 --only bind,records',
        'hwbind conformance --list',
      ])}
The kit binds the device in an enterprise of its own (conformance-<sn>), drives it through the
sequences of protocol/README.md and leaves it unbound. Leave sensors and reader alone unless a line
starting with ">> at the device" asks for something. Exit code 0 when every check passed (skipped
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
        say: (line) => process.stdout.write(`${line}\n`),
      });
      writeReports(report, { junit: f.report, json: f.json, html: f.html });
      process.stdout.write(`\n${summary(report)}`);
      // A failed check is a verdict, not an error: the summary says which; the exit code tells CI.
      if (!report.passed) process.exitCode = 1;
    });
}
