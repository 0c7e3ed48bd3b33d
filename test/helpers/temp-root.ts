// One temporary directory per test run, removed when the run ends. Tests, the helpers' tempDir()
// and every process they start (gateways, simulated fleets, Chromium) make their temporary files
// under os.tmpdir(), which follows TMPDIR: pointing it here before the workers start leaves nothing
// behind in the machine's temp directory.
import { mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export default function setup(): () => void {
  const machineTmp = tmpdir();
  const root = mkdtempSync(join(machineTmp, 'hwbind-tests-'));
  // tsx keeps its transpile cache in TMPDIR/tsx-UID: the run's processes share the machine's, so
  // each run does not compile the sources afresh (removing the run's directory removes the link only).
  const tsx = `tsx-${process.geteuid?.() ?? 'user'}`;
  mkdirSync(join(machineTmp, tsx), { recursive: true });
  symlinkSync(join(machineTmp, tsx), join(root, tsx));
  process.env.TMPDIR = root;
  return () => rmSync(root, { recursive: true, force: true, maxRetries: 3 });
}
