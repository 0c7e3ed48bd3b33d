// The vectors must be reproducible from the written contract alone: protocol/vectors/check_vectors.py is an
// independent Python (standard library only) implementation that recomputes every vector.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const repoRoot = new URL('../..', import.meta.url).pathname;
const vectorsDir = join(repoRoot, 'protocol/vectors');
const checker = 'protocol/vectors/check_vectors.py';
const files = ['auth.json', 'secret.json', 'qr.json', 'frame.json', 'serial-link.json', 'firmware.json'];

const runChecker = (...args: string[]): { status: number; stdout: string } => {
  try {
    const stdout = execFileSync('python3', [checker, ...args], { cwd: repoRoot, encoding: 'utf8', stdio: 'pipe' });
    return { status: 0, stdout };
  } catch (err) {
    const e = err as { status: number | null; stdout: string; stderr: string };
    if (e.status === null) throw err; // python3 missing or killed: not a verdict from the checker
    return { status: e.status, stdout: e.stdout + e.stderr };
  }
};

describe('python reference checker', () => {
  it('reproduces every vector from the written contract', () => {
    const { status, stdout } = runChecker();
    expect(stdout, stdout).not.toMatch(/MISMATCH/);
    expect(status, stdout).toBe(0);
    for (const file of files) {
      const count = (JSON.parse(readFileSync(join(vectorsDir, file), 'utf8')) as unknown[]).length;
      expect(count).toBeGreaterThan(0);
      expect(stdout).toContain(`${file}: ${count}/${count} ok`);
    }
  });

  it('fails on corrupted vectors', () => {
    const dir = mkdtempSync(join(tmpdir(), 'hwbind-vectors-'));
    try {
      cpSync(vectorsDir, dir, { recursive: true });

      const auth = JSON.parse(readFileSync(join(dir, 'auth.json'), 'utf8')) as { password: string }[];
      const p = auth[0]!.password;
      auth[0]!.password = (p[0] === '0' ? '1' : '0') + p.slice(1);
      writeFileSync(join(dir, 'auth.json'), JSON.stringify(auth, null, 2));

      const frames = JSON.parse(readFileSync(join(dir, 'frame.json'), 'utf8')) as { frameHex: string }[];
      const f = frames.at(-1)!.frameHex;
      const byte = Number.parseInt(f.slice(4, 6), 16) ^ 0x5a;
      frames.at(-1)!.frameHex = f.slice(0, 4) + byte.toString(16).padStart(2, '0') + f.slice(6);
      writeFileSync(join(dir, 'frame.json'), JSON.stringify(frames, null, 2));

      const { status, stdout } = runChecker(dir);
      expect(status, stdout).not.toBe(0);
      expect(stdout).toMatch(/auth\.json: \d+\/\d+ MISMATCH/);
      expect(stdout).toMatch(/frame\.json: \d+\/\d+ MISMATCH/);
      for (const file of ['secret.json', 'qr.json', 'serial-link.json', 'firmware.json'])
        expect(stdout).toMatch(new RegExp(`${file}: (\\d+)/\\1 ok`));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
