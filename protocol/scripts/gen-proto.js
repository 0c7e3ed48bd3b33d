#!/usr/bin/env node
// Generates protocol/gen/hwbind.js (static protobufjs code) and hwbind.d.ts (its types) from the
// .proto files. `--check` regenerates into a temp dir and fails when the committed files differ,
// so CI catches a .proto edited without regenerating.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const protoDir = join(root, 'protocol', 'proto');
const genDir = join(root, 'protocol', 'gen');
const check = process.argv.includes('--check');

function protoFiles(dir) {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) return protoFiles(p);
    return name.endsWith('.proto') ? [p] : [];
  });
}

function generate(outDir) {
  const bin = (name) => join(root, 'node_modules', '.bin', name);
  const files = protoFiles(protoDir)
    .map((p) => relative(root, p))
    .sort();
  const pbjs = (out, extra) =>
    execFileSync(
      bin('pbjs'),
      [
        '-t',
        'static-module',
        '-w',
        'es6',
        '--es6',
        '--force-number',
        '--dependency',
        'protobufjs/minimal.js',
        '-p',
        'protocol/proto',
        ...extra,
        '-o',
        out,
        ...files,
      ],
      { cwd: root, stdio: 'inherit' },
    );
  // pbts reads types from JSDoc, so the types come from a commented build; the committed code does not
  // carry those comments (the .d.ts and the .proto document it).
  const scratch = mkdtempSync(join(tmpdir(), 'hwbind-pbts-'));
  try {
    const commented = join(scratch, 'hwbind.js');
    pbjs(commented, []);
    execFileSync(bin('pbts'), ['--no-comments', '-o', join(outDir, 'hwbind.d.ts'), commented], {
      cwd: root,
      stdio: 'inherit',
    });
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
  pbjs(join(outDir, 'hwbind.js'), ['--no-comments']);
}

if (check) {
  const tmp = mkdtempSync(join(tmpdir(), 'hwbind-proto-'));
  try {
    generate(tmp);
    const stale = ['hwbind.js', 'hwbind.d.ts'].filter((f) => {
      try {
        return readFileSync(join(tmp, f), 'utf8') !== readFileSync(join(genDir, f), 'utf8');
      } catch {
        return true;
      }
    });
    if (stale.length) {
      console.error(`protocol/gen is stale (${stale.join(', ')}): run npm run proto:gen and commit the result`);
      process.exit(1);
    }
    console.log('protocol/gen is up to date');
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
} else {
  generate(genDir);
  console.log('wrote protocol/gen/hwbind.js and protocol/gen/hwbind.d.ts');
}
