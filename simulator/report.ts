// Fleet reports: JUnit XML for CI (one test case per scenario step), JSON, a self-contained HTML page
// with charts, and a summary table.
import { writeFileSync } from 'node:fs';
import { bucketLabels, COLORS, histogram, type PageChart, renderReportPage } from '../protocol/report-page.js';
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

const overTime = (label: string, points: { x: number; y: number }[], color: string) => ({
  label,
  data: points,
  borderColor: color,
  backgroundColor: color,
  pointRadius: 0,
  showLine: true,
});

const timeAxis = { type: 'linear', title: { display: true, text: 'seconds into the run' } };

/** Devices drawn in the upgrades chart at most (one line each). */
const UPGRADE_LINES = 40;

function upgradeChart(r: FleetReport): PageChart[] {
  if (r.upgrades.length === 0) return [];
  const shown = r.upgrades.slice(0, UPGRADE_LINES);
  return [
    {
      title: 'Firmware upgrades',
      caption: `Download progress of each device's upgrade job over the run${r.upgrades.length > shown.length ? ` (the first ${shown.length} of ${r.upgrades.length} devices)` : ''}; the last point is where the job ended.`,
      wide: true,
      config: {
        type: 'scatter',
        data: {
          datasets: shown.map((u, i) =>
            overTime(
              `${u.sn} (${u.points.at(-1)?.state ?? '?'})`,
              u.points.map((p) => ({ x: p.t, y: p.percent })),
              COLORS.series[i % COLORS.series.length]!,
            ),
          ),
        },
        options: {
          plugins: { legend: { display: shown.length <= 12 } },
          scales: { x: timeAxis, y: { min: 0, max: 100, title: { display: true, text: '% downloaded' } } },
        },
      },
    },
  ];
}

function fleetCharts(r: FleetReport): PageChart[] {
  const samples = r.timeline;
  const rates = samples.slice(1).map((p, i) => {
    const prev = samples[i]!;
    const dt = p.t - prev.t;
    return { x: p.t, y: dt > 0 ? Math.max(0, (p.recordsAcked - prev.recordsAcked) / dt) : 0 };
  });
  return [
    {
      title: 'Steps',
      caption: 'How long each scenario step took: green passed, red failed.',
      wide: true,
      height: 60 + 24 * r.steps.length,
      config: {
        type: 'bar',
        data: {
          labels: r.steps.map((st) => `${st.index + 1}. ${st.description}`),
          datasets: [
            {
              label: 'seconds',
              data: r.steps.map((st) => Number((st.durationMs / 1000).toFixed(2))),
              backgroundColor: r.steps.map((st) => (st.passed ? COLORS.pass : COLORS.fail)),
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
      title: 'Connect ramp',
      caption: `Devices online and holding a binding over the run (${r.devices} devices).`,
      config: {
        type: 'scatter',
        data: {
          datasets: [
            overTime(
              'online',
              samples.map((p) => ({ x: p.t, y: p.connected })),
              COLORS.series[0],
            ),
            overTime(
              'bound',
              samples.map((p) => ({ x: p.t, y: p.bound })),
              COLORS.series[1],
            ),
          ],
        },
        options: { scales: { x: timeAxis, y: { beginAtZero: true, title: { display: true, text: 'devices' } } } },
      },
    },
    {
      title: 'Records',
      caption: 'Records the gateway acknowledged per second, and the records waiting in the devices.',
      config: {
        type: 'scatter',
        data: {
          datasets: [
            overTime('acknowledged / s', rates, COLORS.series[3]),
            overTime(
              'waiting',
              samples.map((p) => ({ x: p.t, y: p.recordsPending })),
              COLORS.series[4],
            ),
          ],
        },
        options: { scales: { x: timeAxis, y: { beginAtZero: true, title: { display: true, text: 'records' } } } },
      },
    },
    {
      title: 'Person API round trips',
      caption: 'Binds (confirm → 201) and door openings (request → the DoorResult), in ms.',
      config: {
        type: 'bar',
        data: {
          labels: bucketLabels(),
          datasets: [
            {
              label: `bind (${r.latencies.bind.length})`,
              data: histogram(r.latencies.bind),
              backgroundColor: COLORS.series[0],
            },
            {
              label: `door (${r.latencies.door.length})`,
              data: histogram(r.latencies.door),
              backgroundColor: COLORS.series[1],
            },
          ],
        },
        options: {
          scales: {
            x: { title: { display: true, text: 'ms' } },
            y: { beginAtZero: true, ticks: { precision: 0 }, title: { display: true, text: 'requests' } },
          },
        },
      },
    },
    ...upgradeChart(r),
  ];
}

export function fleetHtml(r: FleetReport): string {
  const failed = r.steps.filter((st) => !st.passed).length;
  return renderReportPage({
    title: `Fleet run: ${r.scenario}`,
    subtitle: `${r.devices} simulated devices${r.workers ? ` in ${r.workers} workers` : ''}, ${r.steps.length} steps`,
    verdict: r.passed
      ? { text: 'PASSED: every expectation held', tone: 'pass' }
      : { text: `FAILED: ${failed} step(s) failed`, tone: 'fail' },
    facts: [
      ['started', r.startedAt],
      ['took', `${seconds(r.durationMs)} s`],
      ['online at the end', `${r.counts.connected}/${r.counts.devices}`],
      ['records acknowledged', `${r.counts.recordsPunched - r.counts.recordsPending}/${r.counts.recordsPunched}`],
    ],
    charts: fleetCharts(r),
    tables: [
      {
        title: 'Steps',
        head: ['result', 'step', 'line', 'time (s)', 'detail'],
        rows: r.steps.map((st) => ({
          cells: [
            st.passed ? 'pass' : 'FAIL',
            `${st.index + 1}. ${st.description}`,
            String(st.line),
            seconds(st.durationMs),
            st.passed ? st.detail : (st.failure ?? st.detail),
          ],
          tone: st.passed ? 'pass' : 'fail',
        })),
      },
    ],
  });
}

export function writeReports(report: FleetReport, paths: { junit?: string; json?: string; html?: string }): void {
  if (paths.junit) writeFileSync(paths.junit, junitXml(report));
  if (paths.json) writeFileSync(paths.json, `${JSON.stringify(report, null, 2)}\n`);
  if (paths.html) writeFileSync(paths.html, fleetHtml(report));
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
