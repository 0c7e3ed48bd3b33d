// A conformance run's reports: JUnit XML for CI (one test case per check, failures saying what the
// device did instead), the JSON report, a self-contained HTML page with charts, and the summary the
// command prints.
import { writeFileSync } from 'node:fs';
import {
  bucketLabels,
  COLORS,
  histogram,
  type PageChart,
  renderReportPage,
  type Tone,
} from '../../protocol/report-page.js';
import type { CheckResult } from './checks.js';
import type { ConformanceReport } from './kit.js';

function xmlEscape(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;')
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '');
}

const secs = (ms: number): string => (ms / 1000).toFixed(3);

export function junitXml(r: ConformanceReport): string {
  const suites = r.groups.map((group) => {
    const checks = r.checks.filter((c) => c.group === group);
    const count = (s: CheckResult['status']) => checks.filter((c) => c.status === s).length;
    const time = checks.reduce((t, c) => t + c.durationMs, 0);
    const cases = checks.map((c) => {
      const name = xmlEscape(`${c.id}: ${c.title} (${c.section})`);
      const body =
        c.status === 'failed'
          ? `      <failure message="${xmlEscape(c.detail)}" type="${xmlEscape(c.section)}">${xmlEscape(c.detail)}</failure>\n`
          : c.status === 'error'
            ? `      <error message="${xmlEscape(c.detail)}">${xmlEscape(c.detail)}</error>\n`
            : c.status === 'skipped'
              ? `      <skipped message="${xmlEscape(c.detail)}"/>\n`
              : '';
      return `    <testcase classname="hwbind.conformance.${xmlEscape(group)}" name="${name}" time="${secs(c.durationMs)}">\n${body}      <system-out>${xmlEscape(c.detail)}</system-out>\n    </testcase>`;
    });
    return [
      `  <testsuite name="${xmlEscape(group)}" tests="${checks.length}" failures="${count('failed')}" errors="${count('error')}" skipped="${count('skipped')}" timestamp="${new Date(checks[0]?.startedAt ?? r.startedAt).toISOString()}" time="${secs(time)}">`,
      ...cases,
      '  </testsuite>',
    ].join('\n');
  });
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="hwbind conformance ${xmlEscape(r.sn)} (${xmlEscape(r.model)})" tests="${r.checks.length}" failures="${r.counts.failed}" errors="${r.counts.error}" skipped="${r.counts.skipped}" time="${secs(r.endedAt - r.startedAt)}">`,
    ...suites,
    '</testsuites>',
    '',
  ].join('\n');
}

const TONE: Record<CheckResult['status'], Tone> = { passed: 'pass', failed: 'fail', skipped: 'skip', error: 'fail' };

function charts(r: ConformanceReport): PageChart[] {
  const s = r.series;
  const out: PageChart[] = [
    {
      title: 'Checks',
      caption:
        'How long each check took, coloured by its outcome (green passed, red failed or could not run, grey skipped).',
      wide: true,
      config: {
        type: 'bar',
        data: {
          labels: r.checks.map((c) => `${c.id} (${c.status})`),
          datasets: [
            {
              label: 'seconds',
              data: r.checks.map((c) => Number((c.durationMs / 1000).toFixed(2))),
              backgroundColor: r.checks.map((c) => COLORS[TONE[c.status]]),
            },
          ],
        },
        options: {
          indexAxis: 'y',
          plugins: { legend: { display: false } },
          scales: { x: { title: { display: true, text: 'seconds' } }, y: { ticks: { autoSkip: false } } },
        },
      },
    },
    {
      title: 'Outcomes per group',
      caption: 'Checks passed, failed and skipped in each group.',
      config: {
        type: 'bar',
        data: {
          labels: r.groups,
          datasets: (['passed', 'failed', 'error', 'skipped'] as const).map((status) => ({
            label: status,
            data: r.groups.map((g) => r.checks.filter((c) => c.group === g && c.status === status).length),
            backgroundColor: status === 'error' ? '#8e0000' : COLORS[TONE[status]],
          })),
        },
        options: { scales: { x: { stacked: true }, y: { stacked: true, ticks: { precision: 0 } } } },
      },
    },
    {
      title: 'Answer times',
      caption:
        'How long the device took to answer (bind and unbind acks, directory acks, door results), and how long the gateway took to acknowledge a record batch, in ms.',
      config: {
        type: 'bar',
        data: {
          labels: bucketLabels(),
          datasets: Object.entries(s.latencies).map(([kind, values], i) => ({
            label: `${kind} (${values.length})`,
            data: histogram(values),
            backgroundColor: COLORS.series[i % COLORS.series.length],
          })),
        },
        options: {
          scales: {
            x: { title: { display: true, text: 'ms' } },
            y: { ticks: { precision: 0 }, title: { display: true, text: 'answers' } },
          },
        },
      },
    },
    {
      title: 'Traffic',
      caption: 'Messages per second from the device (up) and to it (down), over the run.',
      wide: true,
      config: {
        type: 'line',
        data: {
          labels: s.traffic.map((p) => p.t),
          datasets: [
            { label: 'up', data: s.traffic.map((p) => p.up), borderColor: COLORS.series[0], pointRadius: 0 },
            { label: 'down', data: s.traffic.map((p) => p.down), borderColor: COLORS.series[1], pointRadius: 0 },
          ],
        },
        options: { scales: { x: { title: { display: true, text: 'seconds into the run' } } } },
      },
    },
    {
      title: 'Heartbeats',
      caption: `The gap before each heartbeat, in seconds, over the run; the line is the interval the HelloAck asked for${s.heartbeatIntervalS ? ` (${s.heartbeatIntervalS} s)` : ''}.`,
      config: {
        type: 'scatter',
        data: {
          datasets: [
            {
              label: 'gap (s)',
              data: s.heartbeats.map((h) => ({ x: h.t, y: h.gapMs / 1000 })),
              backgroundColor: COLORS.series[2],
            },
            {
              type: 'line',
              label: 'heartbeat_interval_s',
              data:
                s.heartbeatIntervalS && s.heartbeats.length
                  ? [
                      { x: 0, y: s.heartbeatIntervalS },
                      { x: s.heartbeats.at(-1)!.t, y: s.heartbeatIntervalS },
                    ]
                  : [],
              borderColor: COLORS.info,
              pointRadius: 0,
            },
          ],
        },
        options: {
          scales: {
            x: { title: { display: true, text: 'seconds into the run' } },
            y: { beginAtZero: true, title: { display: true, text: 'seconds since the previous one' } },
          },
        },
      },
    },
    {
      title: 'Record batches',
      caption: 'Records in each RecordBatch the device sent (the limit is 200).',
      config: {
        type: 'scatter',
        data: {
          datasets: [
            {
              label: 'records',
              data: s.batches.map((b) => ({ x: b.t, y: b.size })),
              backgroundColor: COLORS.series[3],
            },
            {
              type: 'line',
              label: 'limit',
              data: s.batches.length
                ? [
                    { x: 0, y: 200 },
                    { x: s.batches.at(-1)!.t, y: 200 },
                  ]
                : [],
              borderColor: COLORS.fail,
              pointRadius: 0,
            },
          ],
        },
        options: {
          scales: {
            x: { title: { display: true, text: 'seconds into the run' } },
            y: { beginAtZero: true, title: { display: true, text: 'records' } },
          },
        },
      },
    },
  ];
  return out;
}

export function reportHtml(r: ConformanceReport): string {
  const c = r.counts;
  return renderReportPage({
    title: `Conformance of ${r.sn}`,
    subtitle: `hwbind device protocol v1 — ${r.groups.length} groups, ${r.checks.length} checks against ${r.gateway}`,
    verdict: r.passed
      ? { text: `PASSED: ${c.passed} passed, ${c.skipped} skipped`, tone: 'pass' }
      : { text: `FAILED: ${c.failed} failed, ${c.error} could not run, ${c.passed} passed`, tone: 'fail' },
    facts: [
      ['model', `${r.model} (${r.capabilities.join(', ')})`],
      ['started', new Date(r.startedAt).toISOString()],
      ['took', `${((r.endedAt - r.startedAt) / 1000).toFixed(1)} s`],
      ['links dropped', String(r.series.links.filter((l) => l.kind === 'disconnected').length)],
    ],
    charts: charts(r),
    tables: [
      {
        title: 'Checks',
        head: ['result', 'check', 'what the protocol asks', 'section', 'what the device did'],
        rows: r.checks.map((ch) => ({
          cells: [ch.status, ch.id, ch.title, ch.section, ch.detail],
          tone: TONE[ch.status],
        })),
      },
    ],
  });
}

export function writeReports(r: ConformanceReport, paths: { junit?: string; json?: string; html?: string }): void {
  if (paths.junit) writeFileSync(paths.junit, junitXml(r));
  if (paths.json) writeFileSync(paths.json, `${JSON.stringify(r, null, 2)}\n`);
  if (paths.html) writeFileSync(paths.html, reportHtml(r));
}

/** The plain-text verdict the command prints at the end. */
export function summary(r: ConformanceReport): string {
  const failed = r.checks.filter((c) => c.status === 'failed' || c.status === 'error');
  const c = r.counts;
  return [
    `${r.sn} (${r.model}): ${c.passed} passed, ${c.failed} failed, ${c.error} could not run, ${c.skipped} skipped in ${((r.endedAt - r.startedAt) / 1000).toFixed(1)} s`,
    ...failed.map((f) => `  ${f.id} (${f.section}): ${f.detail}`),
    r.passed ? 'PASSED' : 'FAILED',
    '',
  ].join('\n');
}
