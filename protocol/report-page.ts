// One self-contained HTML page of charts and tables — the picture of a conformance run, a fleet run
// or a benchmark. Chart.js is inlined from node_modules and the data travels as JSON inside the page,
// so the file opens anywhere without a network (its Content-Security-Policy forbids fetching
// anything). It lives here because the gateway's, the simulator's and the benchmarks' reports share
// it and import nothing of each other.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

export type Tone = 'pass' | 'fail' | 'skip' | 'info';

export interface PageChart {
  title: string;
  /** What the chart shows, in a sentence. */
  caption?: string;
  /** A Chart.js configuration as plain JSON (no functions). */
  config: { type: string; data: unknown; options?: Record<string, unknown> };
  /** Takes the page's full width. */
  wide?: boolean;
  /** Pixels (default 300): a chart of many bars needs more. */
  height?: number;
}

export interface PageTable {
  title: string;
  head: string[];
  rows: { cells: string[]; tone?: Tone }[];
}

export interface ReportPage {
  title: string;
  subtitle: string;
  verdict?: { text: string; tone: Tone };
  facts: [label: string, value: string][];
  charts: PageChart[];
  tables: PageTable[];
}

/** Colours the charts use for outcomes and series (readable on white, distinct for colour-blind eyes). */
export const COLORS = {
  pass: '#2e7d32',
  fail: '#c62828',
  skip: '#9e9e9e',
  info: '#1565c0',
  series: ['#1565c0', '#ef6c00', '#6a1b9a', '#00838f', '#ad1457', '#558b2f'],
} as const;

let chartJs: string | null = null;

/** Chart.js's UMD build, safe to inline in a <script> element. */
function inlineChartJs(): string {
  if (chartJs === null) {
    const main = createRequire(import.meta.url).resolve('chart.js');
    const code = readFileSync(join(dirname(main), 'chart.umd.min.js'), 'utf8');
    chartJs = code.replace(/\/\/# sourceMappingURL=\S+\s*$/, '').replace(/<\/script/gi, '<\\/script');
  }
  return chartJs;
}

const escapeHtml = (text: string): string =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** JSON for a <script type="application/json">: no `<` can end the element early. */
const scriptJson = (value: unknown): string => JSON.stringify(value).replace(/</g, '\\u003c');

const STYLE = `
body{font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0;color:#1b1b1b;background:#f6f7f9}
header{background:#fff;border-bottom:1px solid #dde;padding:20px 28px}
h1{font-size:22px;margin:0 0 4px}h2{font-size:17px;margin:0 0 4px}
.sub{color:#555}.verdict{display:inline-block;margin-top:10px;padding:4px 12px;border-radius:4px;color:#fff;font-weight:600}
.facts{display:flex;flex-wrap:wrap;gap:8px 28px;margin-top:12px;color:#333}.facts b{color:#000}
main{padding:20px 28px;display:grid;grid-template-columns:repeat(auto-fit,minmax(460px,1fr));gap:20px}
section{background:#fff;border:1px solid #dde;border-radius:6px;padding:16px}
section.wide{grid-column:1/-1}.caption{color:#555;font-size:13px;margin:0 0 10px}
.chart{position:relative;height:300px}
table{border-collapse:collapse;width:100%;font-size:13px}th,td{text-align:left;padding:5px 8px;border-bottom:1px solid #eee;vertical-align:top}
th{background:#fafafa}td.tone{font-weight:600;white-space:nowrap}
.pass{color:#2e7d32}.fail{color:#c62828}.skip{color:#757575}.info{color:#1565c0}
.bg-pass{background:#2e7d32}.bg-fail{background:#c62828}.bg-skip{background:#757575}.bg-info{background:#1565c0}
`;

/** Chart.js renders every chart from the JSON inside the page; the body says how many it drew. */
const BOOT = `
(function () {
  var specs = JSON.parse(document.getElementById('hwbind-charts').textContent);
  Chart.defaults.animation = false;
  Chart.defaults.maintainAspectRatio = false;
  var drawn = 0;
  specs.forEach(function (spec, i) {
    new Chart(document.getElementById('hwbind-chart-' + i), spec);
    drawn += 1;
  });
  document.body.setAttribute('data-charts-drawn', String(drawn));
})();
`;

/** Latency buckets of the reports' histograms, ms (upper bounds; the last bucket is open). */
export const LATENCY_BUCKETS_MS = [10, 25, 50, 100, 250, 500, 1000, 3000];

/** A histogram's bucket labels ("0–10", …, ">3000") for `buckets` (upper bounds, the last one open). */
export function bucketLabels(buckets: readonly number[] = LATENCY_BUCKETS_MS): string[] {
  return [...buckets.map((b, i) => `${i === 0 ? 0 : buckets[i - 1]}–${b}`), `>${buckets.at(-1)}`];
}

/** How many `values` fall in each bucket of `bucketLabels(buckets)`. */
export function histogram(values: readonly number[], buckets: readonly number[] = LATENCY_BUCKETS_MS): number[] {
  const counts = new Array(buckets.length + 1).fill(0) as number[];
  for (const v of values) {
    const i = buckets.findIndex((b) => v <= b);
    counts[i === -1 ? buckets.length : i]! += 1;
  }
  return counts;
}

export function renderReportPage(page: ReportPage): string {
  const verdict = page.verdict
    ? `<div class="verdict bg-${page.verdict.tone}">${escapeHtml(page.verdict.text)}</div>`
    : '';
  const facts = page.facts.map(([k, v]) => `<span>${escapeHtml(k)}: <b>${escapeHtml(v)}</b></span>`).join('');
  const charts = page.charts
    .map(
      (c, i) =>
        `<section class="${c.wide ? 'wide' : ''}"><h2>${escapeHtml(c.title)}</h2>${
          c.caption ? `<p class="caption">${escapeHtml(c.caption)}</p>` : ''
        }<div class="chart"${c.height ? ` style="height:${Math.round(c.height)}px"` : ''}><canvas id="hwbind-chart-${i}" role="img" aria-label="${escapeHtml(c.title)}"></canvas></div></section>`,
    )
    .join('\n');
  const tables = page.tables
    .map(
      (t) =>
        `<section class="wide"><h2>${escapeHtml(t.title)}</h2><table><thead><tr>${t.head
          .map((h) => `<th>${escapeHtml(h)}</th>`)
          .join('')}</tr></thead><tbody>${t.rows
          .map(
            (r) =>
              `<tr>${r.cells
                .map((c, i) =>
                  i === 0 && r.tone ? `<td class="tone ${r.tone}">${escapeHtml(c)}</td>` : `<td>${escapeHtml(c)}</td>`,
                )
                .join('')}</tr>`,
          )
          .join('')}</tbody></table></section>`,
    )
    .join('\n');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:">
<title>${escapeHtml(page.title)}</title>
<style>${STYLE}</style>
</head>
<body>
<header><h1>${escapeHtml(page.title)}</h1><div class="sub">${escapeHtml(page.subtitle)}</div>${verdict}<div class="facts">${facts}</div></header>
<main>
${charts}
${tables}
</main>
<script type="application/json" id="hwbind-charts">${scriptJson(page.charts.map((c) => c.config))}</script>
<script>${inlineChartJs()}</script>
<script>${BOOT}</script>
</body>
</html>
`;
}
