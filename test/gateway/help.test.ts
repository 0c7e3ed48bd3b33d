// `hwbind --help` and every command's help teach by example; `--version` is hwbind's own only before
// a command. The help texts are collected by walking the command tree in this process; one check
// runs the real binary, which must print the same.
import { describe, expect, it } from 'vitest';
import { VERSION } from '../../bin/program.js';
import { helpTexts, runInProcess } from '../helpers/cli-in-process.js';
import { cli } from '../helpers/processes.js';

/** Commands that must exist, each with examples (the walk below finds any others too). */
const LEAVES = [
  'gateway',
  'admin-token',
  'demo',
  'vendor model add',
  'vendor model list',
  'vendor batch create',
  'vendor sn import',
  'vendor device add',
  'vendor bundle',
  'device list',
  'device show',
  'corp create',
  'corp list',
  'corp import',
  'corp show',
  'corp set',
  'corp token',
  'qr add-device',
  'qr device',
  'qr labels',
  'firmware keys',
  'firmware sign',
  'firmware verify',
  'firmware publish',
  'firmware list',
  'firmware retire',
  'firmware rollout start',
  'firmware rollout list',
  'firmware rollout show',
  'firmware rollout pause',
  'firmware rollout resume',
  'firmware rollout abort',
  'sim device',
  'sim fleet',
  'conformance',
  'flash',
  'cluster up',
  'bench',
];

describe('help', () => {
  const texts = helpTexts();
  const leaves = texts.filter((t) => t.leaf && t.path[0] !== 'help');

  it('the top level lists every command and where to start', () => {
    const top = texts.find((t) => t.path.length === 0)!.text;
    for (const c of [
      'gateway',
      'vendor',
      'device',
      'corp',
      'qr',
      'firmware',
      'sim',
      'flash',
      'conformance',
      'cluster',
      'bench',
      'demo',
    ])
      expect(top).toMatch(new RegExp(`^  ${c} `, 'm'));
    expect(top).toContain('hwbind demo');
  });

  it('covers every command', () => {
    expect(leaves.map((t) => t.path.join(' ')).sort()).toEqual([...LEAVES].sort());
  });

  it.each(leaves.map((t) => [t.path.join(' '), t.text]))('hwbind %s --help shows examples', (_, text) => {
    expect(text).toMatch(/Examples:\n\s+\$ (hwbind|npm)/);
  });

  it('prints what `hwbind … --help` prints', async () => {
    const r = await runInProcess(['vendor', 'device', 'add', '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(texts.find((t) => t.path.join(' ') === 'vendor device add')!.text);
  });

  it('the binary prints the help the command tree holds', () => {
    const r = cli(['vendor', 'device', 'add', '--help']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe(texts.find((t) => t.path.join(' ') === 'vendor device add')!.text);
  });

  it("answers hwbind's version before a command, and leaves a command's own --version to it", async () => {
    for (const flag of ['--version', '-V']) {
      const r = await runInProcess([flag]);
      expect(r).toMatchObject({ code: 0, stdout: `${VERSION}\n` });
    }
    const sign = await runInProcess(['firmware', 'sign', '--version', '1.3.0', '--key', 'no-such.key']);
    expect(sign.stdout).toBe('');
    expect(sign.stderr).toMatch(/required option '--model <id>'/);
    expect(sign.code).toBe(1);
  });
});
