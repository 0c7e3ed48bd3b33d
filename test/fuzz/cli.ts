// `npm run fuzz`: a million generated and mutated inputs (by default) through every parser the
// gateway runs on untrusted input; exits 1 on any crash, hang or unbounded memory, and writes each
// finding's input to fuzz-crashes/ to reproduce it.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Command } from 'commander';
import { runFuzz } from './runner.js';
import { TARGETS } from './targets.js';

const program = new Command('npm run fuzz --')
  .description('Fuzz the parsers the gateway runs on untrusted input, in worker threads, two at a time.')
  .option('--inputs <n>', 'inputs in all, shared by the targets by weight', '1000000')
  .option('--seed <n>', 'the run seed (an input is made again from the seed and its index); default random')
  .option('--only <targets>', `comma-separated subset of: ${TARGETS.map((t) => t.name).join(', ')}`)
  .option('--json <file>', 'write the results as JSON')
  .option('--crashes <dir>', 'where findings are written', 'fuzz-crashes')
  .addHelpText(
    'after',
    '\nExamples:\n  $ npm run fuzz\n  $ npm run fuzz -- --inputs 20000 --only envelope,frame\n  $ npm run fuzz -- --seed 1234 --only http --json fuzz.json\n',
  )
  .parse();

const f = program.opts<{ inputs: string; seed?: string; only?: string; json?: string; crashes: string }>();
const inputs = Number(f.inputs);
const seed = f.seed === undefined ? Math.floor(Math.random() * 2 ** 31) : Number(f.seed);
if (!Number.isInteger(inputs) || inputs < 1 || !Number.isInteger(seed))
  program.error('--inputs and --seed take whole numbers');
console.log(`fuzz: ${inputs.toLocaleString('en')} inputs, seed ${seed}`);
const started = performance.now();
const reported = new Map<string, number>();
const results = await runFuzz({
  inputs,
  seed,
  only: f.only?.split(',').map((s) => s.trim()),
  onProgress: (target, done, of) => {
    const step = Math.floor((10 * done) / of);
    if (step === reported.get(target)) return;
    reported.set(target, step);
    console.log(`fuzz: ${target} ${done.toLocaleString('en')}/${of.toLocaleString('en')}`);
  },
});
const seconds = (performance.now() - started) / 1000;
const findings = results.flatMap((r) => r.findings);
console.log('\ntarget     inputs      inputs/s  max heap  findings');
for (const r of results)
  console.log(
    `${r.target.padEnd(10)} ${r.inputs.toLocaleString('en').padStart(9)}  ${String(r.perSec).padStart(9)}  ${`${r.maxHeapMB} MB`.padStart(8)}  ${r.findings.length}`,
  );
const total = results.reduce((n, r) => n + r.inputs, 0);
console.log(
  `fuzz: ${total.toLocaleString('en')} inputs in ${seconds.toFixed(0)} s, seed ${seed}: ${findings.filter((x) => x.kind === 'crash').length} crashes, ${findings.filter((x) => x.kind === 'hang').length} hangs, ${findings.filter((x) => x.kind === 'memory').length} out of memory`,
);
if (f.json) writeFileSync(f.json, `${JSON.stringify({ seed, inputs: total, seconds, results }, null, 2)}\n`);
if (findings.length) {
  mkdirSync(f.crashes, { recursive: true });
  for (const [k, x] of findings.entries()) {
    const file = join(f.crashes, `${x.target}-${x.kind}-${x.index ?? k}.bin`);
    writeFileSync(file, Buffer.from(x.inputHex, 'hex'));
    console.log(
      `\n${x.kind} in ${x.target} (input ${x.index}, written to ${file}):\n${x.message.split('\n').slice(0, 8).join('\n')}`,
    );
  }
  process.exit(1);
}
