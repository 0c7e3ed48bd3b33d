// The .proto files are the contract for vendors' toolchains: stock protoc must compile them unchanged.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const protoRoot = new URL('../../protocol/proto', import.meta.url).pathname;
const files = (dir: string): string[] =>
  readdirSync(dir).flatMap((n) =>
    statSync(join(dir, n)).isDirectory() ? files(join(dir, n)) : n.endsWith('.proto') ? [join(dir, n)] : [],
  );

describe('protoc', () => {
  it('compiles every .proto under protocol/', () => {
    const out = join(mkdtempSync(join(tmpdir(), 'hwbind-protoc-')), 'set.pb');
    const protos = files(protoRoot).map((f) => relative(protoRoot, f));
    expect(protos.length).toBeGreaterThan(0);
    // Throws (and fails the test) when protoc is missing or refuses a file; .ci/run installs protobuf-compiler.
    execFileSync('protoc', [`--proto_path=${protoRoot}`, `--descriptor_set_out=${out}`, ...protos], { stdio: 'pipe' });
    expect(statSync(out).size).toBeGreaterThan(1000);
  });
});
