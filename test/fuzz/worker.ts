// One fuzz target in a worker thread: makes inputs [from, to) from the run's seed, feeds them in
// order, and reports progress, crashes and its heap to the runner. The input being fed is kept in
// shared memory, so that the runner can name it when the worker hangs.
import { parentPort, workerData } from 'node:worker_threads';
import { inputSeed, makeInput, rng } from './mutate.js';
import { TARGETS } from './targets.js';

export interface WorkerJob {
  target: string;
  seed: number;
  from: number;
  to: number;
  /** [length, ...bytes] of the input being fed. */
  current: SharedArrayBuffer;
}

export type WorkerReport =
  | { type: 'progress'; done: number; heapUsedMB: number }
  | { type: 'crash'; index: number; message: string; inputHex: string }
  | { type: 'done'; done: number; heapUsedMB: number; seconds: number };

/** An async input that takes this long is reported as a hang. */
const INPUT_TIMEOUT_MS = 10_000;
const PROGRESS_EVERY_MS = 250;

const job = workerData as WorkerJob;
const post = (r: WorkerReport) => parentPort!.postMessage(r);
const heapMB = () => Math.round(process.memoryUsage().heapUsed / 1048576);

const target = TARGETS.find((t) => t.name === job.target);
if (!target) throw new Error(`no fuzz target ${job.target}`);
const current = new Uint8Array(job.current);
const currentLength = new Int32Array(job.current, 0, 1);

const started = performance.now();
const context = await target.setUp();
const seeds = target.seeds(context);
let lastReport = 0;
for (let i = job.from; i < job.to; i++) {
  const input = makeInput(rng(inputSeed(job.seed, target.name, i)), seeds, target.text, target.maxLength);
  currentLength[0] = input.length;
  current.set(input.subarray(0, current.length - 4), 4);
  try {
    const result = target.run(context, input);
    if (result instanceof Promise) {
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise((_, reject) => {
        timer = setTimeout(
          () => reject(new Error(`hang: no answer in ${INPUT_TIMEOUT_MS / 1000} s`)),
          INPUT_TIMEOUT_MS,
        );
      });
      await Promise.race([result, timeout]).finally(() => clearTimeout(timer));
    }
  } catch (err) {
    const message = err instanceof Error ? `${err.name}: ${err.message}\n${err.stack ?? ''}` : String(err);
    post({ type: 'crash', index: i, message, inputHex: Buffer.from(input).toString('hex') });
  }
  const now = performance.now();
  if (now - lastReport > PROGRESS_EVERY_MS) {
    lastReport = now;
    post({ type: 'progress', done: i + 1 - job.from, heapUsedMB: heapMB() });
  }
}
await target.tearDown?.(context);
post({ type: 'done', done: job.to - job.from, heapUsedMB: heapMB(), seconds: (performance.now() - started) / 1000 });
