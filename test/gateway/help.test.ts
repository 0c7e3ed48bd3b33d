// `hwbind --help` and every command's help teach by example.
import { describe, expect, it } from 'vitest';
import { cli } from '../helpers/processes.js';

const LEAVES = [
  ['gateway'],
  ['admin-token'],
  ['demo'],
  ['vendor', 'model', 'add'],
  ['vendor', 'model', 'list'],
  ['corp', 'list'],
  ['corp', 'show'],
  ['vendor', 'batch', 'create'],
  ['vendor', 'sn', 'import'],
  ['vendor', 'device', 'add'],
  ['vendor', 'bundle'],
  ['corp', 'create'],
  ['corp', 'import'],
  ['corp', 'set'],
  ['corp', 'token'],
  ['qr', 'add-device'],
  ['qr', 'device'],
  ['qr', 'labels'],
  ['firmware', 'keys'],
  ['firmware', 'sign'],
  ['firmware', 'verify'],
  ['sim', 'device'],
  ['sim', 'fleet'],
  ['bench'],
];

describe('help', () => {
  it('the top level lists every command and where to start', () => {
    const r = cli(['--help']);
    expect(r.code).toBe(0);
    for (const c of ['gateway', 'vendor', 'corp', 'qr', 'firmware', 'sim', 'bench', 'demo'])
      expect(r.stdout).toContain(c);
    expect(r.stdout).toContain('hwbind demo');
  });
  it.each(LEAVES)('hwbind %s … --help shows examples', (...path) => {
    const r = cli([...path, '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Examples:\n\s+\$ (hwbind|npm)/);
  });
});
