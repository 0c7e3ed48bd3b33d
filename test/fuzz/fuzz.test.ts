// The CI slice of the fuzz run (npm run fuzz does a million inputs): every target, a fixed seed, in
// worker threads as the full run does — no crash, no hang, no runaway heap.
import { expect, it } from 'vitest';
import { HEAP_LIMIT_MB, runFuzz } from './runner.js';
import { TARGETS } from './targets.js';

it('feeds every parser of untrusted input 3,500 generated and mutated inputs without a crash or hang', async () => {
  const results = await runFuzz({ inputs: 3500, seed: 2026 });
  expect(results.map((r) => r.target)).toEqual(TARGETS.map((t) => t.name));
  const findings = results.flatMap((r) => r.findings);
  expect(findings.map((f) => `${f.kind} in ${f.target} #${f.index}: ${f.message.split('\n')[0]}`)).toEqual([]);
  expect(results.reduce((n, r) => n + r.inputs, 0)).toBe(3500);
  for (const r of results) expect(r.maxHeapMB).toBeLessThan(HEAP_LIMIT_MB / 4);
}, 180_000);
