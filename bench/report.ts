// The benchmark results as one self-contained HTML page of charts (`npm run bench -- --html FILE`):
// hwbind side by side with Mosquitto and bare Aedes, the binding latency distribution, fleet connect
// rates and records per second. Only the benchmarks that ran get a chart.
import { bucketLabels, COLORS, histogram, type PageChart, renderReportPage } from '../protocol/report-page.js';
import type { BenchResults } from './suite.js';

/** Latency buckets of the binding histogram, ms (upper bounds; the last is open). */
const BUCKETS = [5, 10, 20, 30, 50, 75, 100, 200, 500];

const bars = (labels: string[], datasets: { label: string; data: number[] }[], yTitle: string) => ({
  type: 'bar',
  data: {
    labels,
    datasets: datasets.map((d, i) => ({ ...d, backgroundColor: COLORS.series[i % COLORS.series.length] })),
  },
  options: { scales: { y: { beginAtZero: true, title: { display: true, text: yTitle } } } },
});

function charts(r: BenchResults): PageChart[] {
  const out: PageChart[] = [];
  if (r.relay) {
    const q = [r.relay.qos0, r.relay.qos1];
    out.push({
      title: 'Relay throughput',
      caption: `Messages per second from ${r.relay.devices} devices through each broker (higher is better).`,
      config: bars(
        ['QoS 0', 'QoS 1'],
        [
          { label: 'hwbind', data: q.map((c) => c.hwbind) },
          { label: 'Mosquitto', data: q.map((c) => c.mosquitto) },
          { label: 'bare Aedes', data: q.map((c) => c.aedes) },
          { label: 'Mosquitto + decoding service', data: q.map((c) => c.mosquittoService) },
        ],
        'messages / s',
      ),
    });
  }
  if (r.connections) {
    const c = r.connections;
    out.push({
      title: 'Connect rate',
      caption: `Connects per second while ${c.devices} devices connect (higher is better).`,
      config: bars(
        ['connects / s'],
        [
          { label: 'hwbind', data: [c.connectPerSec] },
          { label: 'Mosquitto', data: [c.mosquittoConnectPerSec] },
          { label: 'bare Aedes', data: [c.aedesConnectPerSec] },
        ],
        'connects / s',
      ),
    });
    out.push({
      title: 'Memory per connected device',
      caption: 'Resident memory of the broker process per connected device, KB (lower is better).',
      config: bars(
        ['KB / device'],
        [
          { label: 'hwbind', data: [c.gatewayRssPerDeviceKB] },
          { label: 'Mosquitto', data: [c.mosquittoRssPerDeviceKB] },
          { label: 'bare Aedes', data: [c.aedesRssPerDeviceKB] },
        ],
        'KB',
      ),
    });
  }
  if (r.binding) {
    const b = r.binding;
    out.push({
      title: 'Binding latency',
      caption: `Confirm → active, ms, with ${b.devices} devices connected: ${b.bound} bindings one at a time (p50 ${b.p50Ms}, p99 ${b.p99Ms}) and ${b.concurrentBound} ${b.concurrency} at a time (p99 ${b.concurrentP99Ms}).`,
      config: bars(
        bucketLabels(BUCKETS),
        [
          { label: 'one at a time', data: histogram(b.samples.oneAtATimeMs, BUCKETS) },
          { label: `${b.concurrency} at a time`, data: histogram(b.samples.concurrentMs, BUCKETS) },
        ],
        'bindings',
      ),
    });
  }
  if (r.fleet?.length) {
    out.push({
      title: 'Simulated fleets',
      caption: 'Connects per second of whole simulated fleets (simulator processes and devices per run).',
      config: bars(
        r.fleet.map((f) => `${f.devices} devices, ${f.simulatorProcesses} proc${f.passed ? '' : ' (FAILED)'}`),
        [{ label: 'connects / s', data: r.fleet.map((f) => f.connectPerSec) }],
        'connects / s',
      ),
    });
  }
  if (r.records) {
    const k = r.records;
    out.push({
      title: 'Records',
      caption: `Records stored and acknowledged per second from ${k.devices} devices in batches of ${k.batchSize}.`,
      config: bars(['records / s'], [{ label: 'hwbind', data: [k.perSec] }], 'records / s'),
    });
  }
  return out;
}

export function benchHtml(r: BenchResults): string {
  return renderReportPage({
    title: 'hwbind benchmarks',
    subtitle: 'hwbind side by side with Mosquitto and bare Aedes on this machine (loopback only)',
    facts: [
      ['machine', `${r.machine.cpus} × ${r.machine.cpuModel}, ${r.machine.memGiB} GiB`],
      ['node', r.machine.node],
    ],
    charts: charts(r),
    tables: [],
  });
}
