// Hostile directory files against a real gateway: nesting, size and alias bombs are refused with a
// clear invalid_argument before the YAML composer runs, and the gateway keeps answering.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseDirectory } from '../../gateway/corp/directory.js';
import { cli, type GatewayProcess, startGateway, tempDir } from '../helpers/processes.js';

let gw: GatewayProcess;
let token: string;

const GOOD = 'corp: {id: acme, name: Acme}\nmembers:\n  - {userid: alice, name: Alice, role: super_admin}\n';

const putDirectory = async (body: string) => {
  const res = await fetch(`${gw.httpUrl}/api/v1/admin/corps/acme/directory`, {
    method: 'PUT',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/yaml' },
    body,
  });
  return { status: res.status, body: (await res.json()) as { error?: { code: string; message: string } } };
};

const residentBytes = async (): Promise<number> => {
  const text = await (await fetch(`${gw.httpUrl}/metrics`)).text();
  return Number(/^hwbind_process_resident_memory_bytes (\d+)/m.exec(text)?.[1]);
};

beforeAll(async () => {
  gw = await startGateway();
  token = gw.adminToken();
});

afterAll(async () => {
  expect(await gw?.stop()).toBe(0);
});

describe('directory import limits', () => {
  it('refuses deep nesting of every YAML form, repeatedly, and stays up with its memory flat', async () => {
    const before = await residentBytes();
    const deep = 20_000;
    const bodies = [
      `members: ${'['.repeat(deep)}${']'.repeat(deep)}\n`,
      `members: ${'{a: '.repeat(deep)}1${'}'.repeat(deep)}\n`,
      `members:\n  ${'- '.repeat(deep)}x\n`,
      `members: ${'['.repeat(200_000)}${']'.repeat(200_000)}\n`,
    ];
    for (let round = 0; round < 3; round++) {
      for (const body of bodies) {
        const r = await putDirectory(body);
        expect(r.status).toBe(400);
        expect(r.body.error?.code).toBe('invalid_argument');
        expect(r.body.error?.message).toMatch(/line \d+: nested deeper than 32 levels/);
      }
    }
    const ok = await putDirectory(GOOD);
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    expect(await residentBytes()).toBeLessThan(before + 64 * 1024 * 1024);
  });

  it('refuses alias bombs and oversized files', async () => {
    // Billion laughs: each level aliases the previous one ten times.
    const laughs = ['members:', '  - {userid: u0, name: U0, departments: &a0 [x, x, x, x, x, x, x, x, x, x]}'];
    for (let i = 1; i < 9; i++)
      laughs.push(
        `  - {userid: u${i}, name: U${i}, departments: &a${i} [${Array(10)
          .fill(`*a${i - 1}`)
          .join(', ')}]}`,
      );
    // Few aliases of one large list: linear, but past the value limit once expanded.
    const ids = Array.from({ length: 10_000 }, (_, i) => `u${i}`).join(', ');
    const wideAlias = [`members:\n  - {userid: a, name: A, visibility: {users: &all [${ids}]}}`];
    for (let i = 0; i < 50; i++) wideAlias.push(`  - {userid: b${i}, name: B, visibility: {users: *all}}`);
    const cases: [string, RegExp][] = [
      [laughs.join('\n'), /line 1: aliases expand too much \(limit 100\)/],
      [wideAlias.join('\n'), /line 1: aliases expand the file to more than 200000 values/],
      [`members: [${'*x, '.repeat(101)}]`, /line 1: more than 100 aliases/],
      [`members: [${'1,'.repeat(400_000)}1]\n`, /line 1: more than 200000 values/],
      [`members:\n  - {userid: a, name: "${'x'.repeat(5 * 1024 * 1024)}"}\n`, /larger than 4 MiB/],
    ];
    for (const [body, message] of cases) {
      const r = await putDirectory(body);
      expect(r.status).toBe(400);
      expect(r.body.error?.message).toMatch(message);
    }
    const ok = await putDirectory(GOOD);
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
  });

  it('still resolves aliases within the limits', () => {
    const dir = parseDirectory(
      'departments: [{id: rd, name: R&D}]\nmembers:\n  - {userid: a, name: A, visibility: &v {departments: [rd]}}\n  - {userid: b, name: B, visibility: *v}\n',
    );
    expect(dir.members.map((m) => m.visibility.departments)).toEqual([['rd'], ['rd']]);
  });

  it('applies the same limits to offline CLI imports', () => {
    const data = tempDir();
    const file = join(data, 'deep.yaml');
    writeFileSync(file, `members:\n  ${'- '.repeat(20_000)}x\n`);
    const r = cli(['corp', 'import', file, '--corp', 'acme', '--data', data]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/invalid_argument[\s\S]*line 2: nested deeper than 32 levels/);
  });
});
