// Scenario files: every problem is reported with its line; the example scenarios are valid.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isHwbindError } from '../../protocol/errors.js';
import { emptyTallies, type FleetReport } from '../../simulator/fleet.js';
import { emptyCounts } from '../../simulator/group.js';
import { junitXml, xmlEscape } from '../../simulator/report.js';
import { describeStep, parseDuration, parsePercent, parseRate, parseScenario } from '../../simulator/scenario.js';
import { ROOT } from '../helpers/processes.js';

function problems(text: string): { line: number; message: string }[] {
  try {
    parseScenario(text, 'bad.yaml');
  } catch (err) {
    if (isHwbindError(err, 'invalid_argument')) return err.details!.problems as { line: number; message: string }[];
    throw err;
  }
  throw new Error('expected the scenario to be refused');
}

describe('scenario validation', () => {
  it('parses the example scenarios', () => {
    const dir = join(ROOT, 'simulator', 'scenarios');
    const files = readdirSync(dir).filter((f) => f.endsWith('.yaml'));
    expect(files).toEqual(expect.arrayContaining(['smoke.yaml', 'faults.yaml']));
    for (const f of files) expect(parseScenario(readFileSync(join(dir, f), 'utf8'), f).steps.length).toBeGreaterThan(0);
  });

  it('parses steps with durations and percentages', () => {
    const s = parseScenario(
      'name: x\nsteps:\n  - connect: { within: 30s }\n  - hold: 500ms\n  - faults: { drop: 10%, powerCut: 0.05 }\n  - expect: { connected: 99.5% }\n',
    );
    expect(s.steps).toEqual([
      { kind: 'connect', line: 3, withinMs: 30_000 },
      { kind: 'hold', line: 4, ms: 500 },
      { kind: 'faults', line: 5, drop: 0.1, powerCut: 0.05, corrupt: 0, withinMs: 30_000 },
      { kind: 'expect', line: 6, checks: { connected: 0.995 } },
    ]);
  });

  it('parses the attendance steps: bind through the API, punch at a rate, open doors', () => {
    const s = parseScenario(
      [
        'name: attendance',
        'steps:',
        '  - bind: { share: 50%, as: acme/alice, departments: [hq], users: [carol], within: 20s }',
        '  - punch: { rate: 200/s, for: 10s }',
        '  - doors: { share: 10% }',
        '  - expect: { bound: 100%, recordsAcked: 100%, recordsStored: 100%, doorsOpened: 90% }',
      ].join('\n'),
    );
    expect(s.steps).toEqual([
      {
        kind: 'bind',
        line: 3,
        share: 0.5,
        as: { corp: 'acme', userid: 'alice' },
        departments: ['hq'],
        users: ['carol'],
        withinMs: 20_000,
      },
      { kind: 'punch', line: 4, perSecond: 200, forMs: 10_000, withinMs: 30_000 },
      { kind: 'doors', line: 5, share: 0.1 },
      { kind: 'expect', line: 6, checks: { bound: 1, recordsAcked: 1, recordsStored: 1, doorsOpened: 0.9 } },
    ]);
    const found = problems(
      'name: x\nsteps:\n  - bind: { share: 50%, as: alice, departments: hq }\n  - punch: { rate: fast }\n  - doors: {}\n',
    );
    expect(found.map((p) => [p.line, p.message])).toEqual([
      [3, expect.stringMatching(/bind.as must be CORP\/USERID/)],
      [3, expect.stringMatching(/bind.departments must be a list of ids/)],
      [4, expect.stringMatching(/punch.rate must be records per second/)],
      [4, expect.stringMatching(/punch needs for/)],
      [5, expect.stringMatching(/doors needs share/)],
    ]);
    expect([parseRate('200/s'), parseRate(' 5 / s'), parseRate(12), parseRate('0/s'), parseRate('x')]).toEqual([
      200,
      5,
      12,
      null,
      null,
    ]);
  });

  it('names the line of each problem', () => {
    const text = [
      'name: broken', // 1
      'steps:', // 2
      '  - connect: { within: soon }', // 3
      '  - hold: 2s', // 4
      '  - dance: 10', // 5
      '  - faults:', // 6
      '      drop: 150%', // 7
      '      flood: 5%', // 8
      '  - expect: { connected: 100%, happy: 100% }', // 9
    ].join('\n');
    const found = problems(text);
    expect(found.map((p) => p.line)).toEqual([3, 5, 7, 8, 9]);
    expect(found[0]!.message).toMatch(/connect.within must be a duration/);
    expect(found[1]!.message).toMatch(/unknown step "dance"/);
    expect(found[2]!.message).toMatch(/faults.drop must be a percentage/);
    expect(found[3]!.message).toMatch(/unknown key "flood"/);
    expect(found[4]!.message).toMatch(/unknown key "happy"/);
  });

  it('reports YAML syntax errors and a missing step list with their lines', () => {
    expect(problems('name: x\nsteps:\n  - hold: [1s\n')[0]!.line).toBeGreaterThanOrEqual(3);
    expect(problems('name: x\nstep: []\n').map((p) => p.line)).toEqual([1, 2]);
  });

  it('the error message itself carries file and line', () => {
    expect(() => parseScenario('steps:\n  - hold: forever\n', 'bad.yaml')).toThrow(
      /bad\.yaml:2: hold must be a duration/,
    );
  });

  it('parses durations and percentages', () => {
    expect([parseDuration('2m'), parseDuration('1.5s'), parseDuration(3), parseDuration('x')]).toEqual([
      120_000,
      1500,
      3000,
      null,
    ]);
    expect([parsePercent('5%'), parsePercent('101%'), parsePercent(0.5), parsePercent('5')]).toEqual([
      0.05,
      null,
      0.5,
      null,
    ]);
  });
});

describe('the enroll step', () => {
  it('sets the conditions of one sensor, as percentages', () => {
    const s = parseScenario(
      [
        'steps:',
        '  - enroll: { kind: fingerprint, noFinger: 10%, mismatch: 0.05 }',
        '  - enroll: { kind: face, duplicate: 100% }',
      ].join('\n'),
    );
    expect(s.steps).toEqual([
      { kind: 'enroll', line: 2, sensor: 'fingerprint', conditions: { noFinger: 0.1, mismatch: 0.05 } },
      { kind: 'enroll', line: 3, sensor: 'face', conditions: { duplicate: 1 } },
    ]);
    expect(describeStep(s.steps[0]!)).toBe('enroll at fingerprint sensors: noFinger 10%, mismatch 5%');
  });

  it('names the line of a missing kind, a condition of the other sensor, a bad percentage', () => {
    const found = problems(
      [
        'steps:', // 1
        '  - enroll: { noFinger: 10% }', // 2
        '  - enroll:', // 3
        '      kind: face', // 4
        '      noFinger: 10%', // 5
        '  - enroll: { kind: fingerprint, badImage: lots }', // 6
        '  - enroll: { kind: iris }', // 7
      ].join('\n'),
    );
    expect(found.map((p) => p.line)).toEqual([2, 5, 6, 7]);
    expect(found[0]!.message).toMatch(/enroll needs kind: face or fingerprint/);
    expect(found[1]!.message).toMatch(
      /unknown key "noFinger" \(expected kind, noFace, offCentre, notLive, duplicate\)/,
    );
    expect(found[2]!.message).toMatch(/enroll.badImage must be a percentage/);
  });
});

describe('JUnit report', () => {
  it('escapes XML and marks failed steps', () => {
    expect(xmlEscape('<a & "b">\u0001')).toBe('&lt;a &amp; &quot;b&quot;&gt;');
    const report: FleetReport = {
      scenario: 'x<y',
      devices: 1,
      workers: 0,
      startedAt: new Date(0).toISOString(),
      durationMs: 10,
      passed: false,
      counts: { ...emptyCounts(), devices: 1 },
      tallies: emptyTallies(),
      timeline: [],
      latencies: { bind: [], door: [] },
      upgrades: [],
      steps: [
        {
          index: 0,
          line: 3,
          kind: 'expect',
          description: 'expect connected >= 100%',
          passed: false,
          durationMs: 1,
          detail: 'd',
          failure: 'connected is 0% & low',
        },
      ],
    };
    const xml = junitXml(report);
    expect(xml).toContain('<testsuite name="x&lt;y" tests="1" failures="1"');
    expect(xml).toContain('<failure message="connected is 0% &amp; low" type="expectation">');
  });
});

describe('firmware steps', () => {
  it('parses otaFaults and upgrade, with their defaults', () => {
    const s = parseScenario(
      'name: ota\nsteps:\n  - otaFaults: { corruptChunk: 10%, failSelfTest: 0.2 }\n  - upgrade: { version: 1.1.0 }\n  - upgrade: { version: 0.9.0, share: 50%, allowDowngrade: true, within: 30s }\n  - expect: { upgraded: 50%, upgradesAsExpected: 100% }\n',
    );
    expect(s.steps).toEqual([
      { kind: 'otaFaults', line: 3, shares: { corruptChunk: 0.1, failSelfTest: 0.2 } },
      { kind: 'upgrade', line: 4, version: '1.1.0', share: 1, allowDowngrade: false, withinMs: 120_000 },
      { kind: 'upgrade', line: 5, version: '0.9.0', share: 0.5, allowDowngrade: true, withinMs: 30_000 },
      { kind: 'expect', line: 6, checks: { upgraded: 0.5, upgradesAsExpected: 1 } },
    ]);
    expect(describeStep(s.steps[0]!)).toBe('firmware faults on the bound devices: corruptChunk 10%, failSelfTest 20%');
  });

  it('names the line of each problem', () => {
    expect(
      problems(
        'name: ota\nsteps:\n  - otaFaults: { corruptChunk: 60%, failSelfTest: 50% }\n  - otaFaults: { meltdown: 5% }\n  - upgrade: { share: 10% }\n  - upgrade: { version: 1.0.0, allowDowngrade: yes please }\n',
      ),
    ).toEqual([
      { line: 3, message: 'otaFaults: the shares must not add up to more than 100%' },
      { line: 4, message: expect.stringContaining('otaFaults: unknown key "meltdown"') },
      { line: 4, message: expect.stringContaining('otaFaults needs at least one of corruptChunk') },
      { line: 5, message: 'upgrade needs version (e.g. version: 1.1.0)' },
      { line: 6, message: 'upgrade.allowDowngrade must be true or false' },
    ]);
  });
});
