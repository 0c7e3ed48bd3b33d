// One temporary directory per test run, removed when the run ends. Tests, the helpers' tempDir()
// and every process they start (gateways, simulated fleets, Chromium) make their temporary files
// under os.tmpdir(), which follows TMPDIR: pointing it here before the workers start leaves nothing
// behind in the machine's temp directory.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export default function setup(): () => void {
  const root = mkdtempSync(join(tmpdir(), 'hwbind-tests-'));
  process.env.TMPDIR = root;
  return () => rmSync(root, { recursive: true, force: true, maxRetries: 3 });
}
