// Runs fuzz targets in worker threads, two at a time, with a watchdog: a worker that reports no
// progress for HANG_MS is stopped and its current input reported as a hang; one that outgrows its
// heap limit is reported as unbounded memory.
import { Worker } from 'node:worker_threads';
import { TARGETS } from './targets.js';
import type { WorkerJob, WorkerReport } from './worker.js';

const HANG_MS = 20_000;
export const HEAP_LIMIT_MB = 1024;
const INPUT_BUFFER = 64 * 1024;

export interface Finding {
  kind: 'crash' | 'hang' | 'memory';
  target: string;
  index: number | null;
  message: string;
  inputHex: string;
}

export interface TargetResult {
  target: string;
  inputs: number;
  seconds: number;
  perSec: number;
  maxHeapMB: number;
  findings: Finding[];
}

export interface FuzzOptions {
  /** Inputs in all, shared by the targets' weights. */
  inputs: number;
  seed: number;
  only?: string[];
  onProgress?: (target: string, done: number, of: number) => void;
}

export async function runFuzz(o: FuzzOptions): Promise<TargetResult[]> {
  const targets = TARGETS.filter((t) => !o.only || o.only.includes(t.name));
  if (targets.length === 0) throw new Error(`no such fuzz target (known: ${TARGETS.map((t) => t.name).join(', ')})`);
  const weights = targets.reduce((n, t) => n + t.weight, 0);
  const queue = targets.map((t) => ({ name: t.name, count: Math.max(1, Math.round((o.inputs * t.weight) / weights)) }));
  const results: TargetResult[] = [];
  const lane = async () => {
    for (let job = queue.shift(); job; job = queue.shift()) results.push(await runTarget(job.name, job.count, o));
  };
  await Promise.all([lane(), lane()]);
  return TARGETS.flatMap((t) => results.filter((r) => r.target === t.name));
}

function runTarget(target: string, count: number, o: FuzzOptions): Promise<TargetResult> {
  const current = new SharedArrayBuffer(4 + INPUT_BUFFER);
  const job: WorkerJob = { target, seed: o.seed, from: 0, to: count, current };
  // Through the TypeScript runner the npm scripts use: a worker does not inherit the loader hooks.
  const worker = new Worker(new URL('../../bin/run-ts.js', import.meta.url), {
    argv: [new URL('./worker.ts', import.meta.url).pathname],
    workerData: job,
    resourceLimits: { maxOldGenerationSizeMb: HEAP_LIMIT_MB },
  });
  const findings: Finding[] = [];
  let maxHeapMB = 0;
  let done = 0;
  const started = performance.now();
  return new Promise((resolve) => {
    let finished = false;
    const finish = (seconds: number) => {
      if (finished) return;
      finished = true;
      clearInterval(watchdog);
      void worker.terminate();
      resolve({
        target,
        inputs: done,
        seconds,
        perSec: Math.round(done / Math.max(seconds, 1e-3)),
        maxHeapMB,
        findings,
      });
    };
    const stuck = (kind: Finding['kind'], message: string) => {
      const length = new Int32Array(current, 0, 1)[0]!;
      const input = Buffer.from(current, 4, Math.min(length, INPUT_BUFFER)).toString('hex');
      findings.push({ kind, target, index: done, message, inputHex: input });
      finish((performance.now() - started) / 1000);
    };
    let lastProgress = performance.now();
    const watchdog = setInterval(() => {
      if (performance.now() - lastProgress > HANG_MS) stuck('hang', `no progress for ${HANG_MS / 1000} s`);
    }, 1000);
    worker.on('message', (r: WorkerReport) => {
      lastProgress = performance.now();
      if (r.type === 'crash') {
        findings.push({ kind: 'crash', target, index: r.index, message: r.message, inputHex: r.inputHex });
        return;
      }
      done = r.done;
      maxHeapMB = Math.max(maxHeapMB, r.heapUsedMB);
      o.onProgress?.(target, done, count);
      if (r.type === 'done') finish(r.seconds);
    });
    worker.on('error', (err: Error & { code?: string }) => {
      if (err.code === 'ERR_WORKER_OUT_OF_MEMORY') stuck('memory', `heap over ${HEAP_LIMIT_MB} MB`);
      else {
        findings.push({
          kind: 'crash',
          target,
          index: null,
          message: `worker: ${err.stack ?? err.message}`,
          inputHex: '',
        });
        finish((performance.now() - started) / 1000);
      }
    });
    worker.on('exit', () => finish((performance.now() - started) / 1000));
  });
}
