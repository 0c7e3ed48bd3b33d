// Fleet reports: JUnit XML for CI (one test case per scenario step), JSON, and a summary table.
import { writeFileSync } from 'node:fs';
import type { FleetReport } from './fleet.js';

export function xmlEscape(text: string): string {
  return (
    text
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      .replace(/"/g, '&quot;')
      .replace(/'/g, '&apos;')
      // Characters XML 1.0 cannot carry at all.
      .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '')
  );
}

const seconds = (ms: number): string => (ms / 1000).toFixed(3);

export function junitXml(report: FleetReport): string {
  const failures = report.steps.filter((s) => !s.passed).length;
  const suite = xmlEscape(report.scenario);
  const cases = report.steps.map((s) => {
    const name = xmlEscape(`${s.index + 1}. ${s.description} (line ${s.line})`);
    const open = `    <testcase classname="hwbind.sim.${suite}" name="${name}" time="${seconds(s.durationMs)}">`;
    const out = `      <system-out>${xmlEscape(s.detail)}</system-out>`;
    const failure = s.passed
      ? ''
      : `      <failure message="${xmlEscape(s.failure ?? 'failed')}" type="expectation">${xmlEscape(s.detail)}</failure>\n`;
    return `${open}\n${failure}${out}\n    </testcase>`;
  });
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="hwbind sim fleet" tests="${report.steps.length}" failures="${failures}" time="${seconds(report.durationMs)}">`,
    `  <testsuite name="${suite}" tests="${report.steps.length}" failures="${failures}" errors="0" skipped="0" timestamp="${report.startedAt}" time="${seconds(report.durationMs)}">`,
    '    <properties>',
    `      <property name="devices" value="${report.devices}"/>`,
    `      <property name="workers" value="${report.workers}"/>`,
    '    </properties>',
    ...cases,
    '  </testsuite>',
    '</testsuites>',
    '',
  ].join('\n');
}

export function writeReports(report: FleetReport, paths: { junit?: string; json?: string }): void {
  if (paths.junit) writeFileSync(paths.junit, junitXml(report));
  if (paths.json) writeFileSync(paths.json, `${JSON.stringify(report, null, 2)}\n`);
}

/** A plain-text table of the steps and the final counts. */
export function summaryTable(report: FleetReport): string {
  const rows = report.steps.map((s) => [
    String(s.index + 1),
    String(s.line),
    s.passed ? 'pass' : 'FAIL',
    `${seconds(s.durationMs)} s`,
    s.description,
    s.passed ? s.detail : (s.failure ?? s.detail),
  ]);
  const header = ['#', 'line', 'result', 'time', 'step', 'detail'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const fmt = (r: string[]) =>
    r
      .map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd();
  const c = report.counts;
  const t = report.tallies;
  const attendance =
    t.bindAsked || c.recordsPunched || t.doorsAsked
      ? [
          `bound ${t.bindHeld}/${t.bindAsked}, records acknowledged ${c.recordsPunched - c.recordsPending}/${c.recordsPunched}${t.recordsSettled ? `, listed by the gateway ${t.recordsListed}/${t.recordsSettled}` : ''}, doors opened ${t.doorsOpened}/${t.doorsAsked}`,
        ]
      : [];
  return [
    `scenario ${report.scenario}: ${report.devices} devices${report.workers ? ` in ${report.workers} workers` : ''}, ${seconds(report.durationMs)} s`,
    fmt(header),
    fmt(widths.map((w) => '-'.repeat(w))),
    ...rows.map(fmt),
    `online ${c.connected}/${c.devices}, recovered ${c.recovered}/${c.faulted}, garbage answered ${c.errorsReplied}/${c.corrupted}, unexpected disconnects ${c.unexpectedDisconnects}`,
    ...attendance,
    report.passed ? 'PASSED' : `FAILED: ${report.steps.filter((s) => !s.passed).length} step(s) failed`,
    '',
  ].join('\n');
}
