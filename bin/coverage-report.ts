// The coverage union (`npm run coverage`, CI): vitest's coverage of the code the test workers ran
// in-process (coverage/tests) merged with Node's coverage of every process the tests started
// (coverage/children-raw, remapped to the TypeScript sources by c8). Prints lines covered per
// top-level directory and in all; writes an HTML report to coverage/html.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative } from 'node:path';
import libCoverage from 'istanbul-lib-coverage';
import libReport from 'istanbul-lib-report';
import reports from 'istanbul-reports';
import { COVERED, NOT_COVERED } from '../vitest.config.js';

const root = join(import.meta.dirname, '..');
const dir = join(root, 'coverage');
const map = libCoverage.createCoverageMap({});

const tests = join(dir, 'tests', 'coverage-final.json');
if (existsSync(tests)) map.merge(JSON.parse(readFileSync(tests, 'utf8')));

const raw = join(dir, 'children-raw');
if (existsSync(raw)) {
  const c8 = join(createRequire(import.meta.url).resolve('c8/package.json'), '..', 'bin', 'c8.js');
  const globs = (flag: string, list: string[]) => list.flatMap((g) => [flag, g]);
  execFileSync(
    process.execPath,
    [
      c8,
      'report',
      '--temp-directory',
      raw,
      '--report-dir',
      join(dir, 'children'),
      '--reporter',
      'json',
      ...globs('--include', COVERED),
      ...globs('--exclude', NOT_COVERED),
    ],
    { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] },
  );
  map.merge(JSON.parse(readFileSync(join(dir, 'children', 'coverage-final.json'), 'utf8')));
}

if (map.files().length === 0) {
  console.error('coverage: nothing was collected (run the tests with npm run coverage)');
  process.exit(1);
}

const byDir = new Map<string, { covered: number; total: number }>();
let covered = 0;
let total = 0;
for (const file of map.files()) {
  const lines = map.fileCoverageFor(file).getLineCoverage();
  const top = relative(root, file).split('/')[0]!;
  const d = byDir.get(top) ?? { covered: 0, total: 0 };
  for (const hits of Object.values(lines)) {
    d.total++;
    total++;
    if (hits > 0) {
      d.covered++;
      covered++;
    }
  }
  byDir.set(top, d);
}
const pct = (c: number, t: number) => `${((100 * c) / Math.max(t, 1)).toFixed(1)} %`;
for (const [top, d] of [...byDir].sort())
  console.log(`coverage ${`${top}/`.padEnd(11)} ${pct(d.covered, d.total)} of ${d.total} lines`);
console.log(`coverage: ${pct(covered, total)} of lines (${covered}/${total}), tests and the processes they start`);

const context = libReport.createContext({ dir: join(dir, 'html'), coverageMap: map });
reports.create('html').execute(context);
