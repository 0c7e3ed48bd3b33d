// Fleet scenarios: a YAML list of timed steps and expectations. Validation reports every problem
// with the line it is on, before a single device starts.
//
//   name: faults
//   steps:
//     - connect: { within: 30s }              # every device online within 30 s
//     - hold: 2s
//     - faults: { drop: 10%, powerCut: 5%, corrupt: 5%, within: 20s }
//     - expect: { connected: 100%, recovered: 100%, errorsReplied: 100% }
//     - bind: { share: 50%, as: acme/alice, departments: [hq], within: 30s }   # through the Person API
//     - punch: { rate: 200/s, for: 10s, within: 30s }   # records by the people on the bound devices
//     - doors: { share: 10% }                          # remote door open through the Person API
//     - expect: { bound: 100%, recordsAcked: 100%, recordsStored: 100%, doorsOpened: 100% }
//     - enroll: { kind: fingerprint, noFinger: 10%, badImage: 10%, mismatch: 5% }
//     - otaFaults: { corruptChunk: 10%, wrongSignature: 10%, powerCutWhileWriting: 10%, powerCutBeforeConfirm: 10%, failSelfTest: 10% }
//     - upgrade: { version: 1.1.0, share: 100%, within: 2m }         # through the Person API, as bind's person
//     - expect: { upgradesAsExpected: 100%, upgraded: 50% }
import { isMap, isSeq, LineCounter, parseDocument, type Node as YamlNode } from 'yaml';
import { BIOMETRIC_KINDS, type BiometricKindName } from '../protocol/biometrics.js';
import { HwbindError } from '../protocol/errors.js';
import { SENSOR_CONDITIONS, type SensorCondition } from './modules/capture.js';
import { OTA_FAULTS, type OtaFaults } from './modules/ota.js';

export interface ConnectStep {
  kind: 'connect';
  line: number;
  withinMs: number;
}
export interface HoldStep {
  kind: 'hold';
  line: number;
  ms: number;
}
export interface FaultsStep {
  kind: 'faults';
  line: number;
  /** Fractions 0..1 of the fleet. */
  drop: number;
  powerCut: number;
  corrupt: number;
  /** How long the devices have to recover. */
  withinMs: number;
}
export interface ExpectStep {
  kind: 'expect';
  line: number;
  /** Lower bounds, fractions 0..1. */
  checks: Partial<Record<ExpectMetric, number>>;
}
export interface BindStep {
  kind: 'bind';
  line: number;
  /** Fraction 0..1 of the fleet, chosen among the devices not bound yet. */
  share: number;
  /** `corp/userid` of the person who binds (a token is issued through the admin API); --person-token overrides it. */
  as: { corp: string; userid: string } | null;
  departments: string[];
  users: string[];
  /** How long the devices have to acknowledge. */
  withinMs: number;
}
export interface PunchStep {
  kind: 'punch';
  line: number;
  /** Records per second across the whole fleet's bound devices. */
  perSecond: number;
  forMs: number;
  /** How long the devices have to get every record acknowledged after the punching. */
  withinMs: number;
}
export interface DoorsStep {
  kind: 'doors';
  line: number;
  /** Fraction 0..1 of the bound devices whose door is opened. */
  share: number;
}

/**
 * What the people enrolling at one kind of sensor do, from now on, on every device: the share of tries
 * with no finger, an unclear image, another finger (fingerprint), no face, an off-centre face, a failed
 * liveness check, or (per enrollment) the face of someone already enrolled (face). Enrollments come from
 * the Person API or the pages while the scenario runs.
 */
export interface EnrollStep {
  kind: 'enroll';
  line: number;
  sensor: BiometricKindName;
  /** Fractions 0..1; conditions left out are 0. */
  conditions: Partial<Record<SensorCondition, number>>;
}
/** Firmware faults armed on shares of the bound devices (each device gets at most one), for their next upgrade. */
export interface OtaFaultsStep {
  kind: 'otaFaults';
  line: number;
  /** Fractions 0..1 of the devices the bind steps bound. */
  shares: Partial<Record<keyof OtaFaults, number>>;
}
/** Upgrades a share of the bound devices to a catalog version through the Person API; waits for every job to end. */
export interface UpgradeStep {
  kind: 'upgrade';
  line: number;
  version: string;
  /** Fraction 0..1 of the devices the bind steps bound. */
  share: number;
  allowDowngrade: boolean;
  withinMs: number;
}
export type ScenarioStep =
  | OtaFaultsStep
  | UpgradeStep
  | ConnectStep
  | HoldStep
  | FaultsStep
  | ExpectStep
  | BindStep
  | PunchStep
  | DoorsStep
  | EnrollStep;

export interface Scenario {
  name: string;
  steps: ScenarioStep[];
}

/**
 * What `expect` can check, as a share of the devices (or records, or doors) concerned:
 * connected — of the fleet, online now; recovered — of the devices hit by drop or powerCut, online
 * again; errorsReplied — of the devices that sent garbage, answered with an ErrorReply while their
 * connection stayed up; bound — of the devices bind steps asked for, holding their binding;
 * recordsAcked — of the records the devices punched, acknowledged by the gateway (none left in
 * flash); recordsStored — of the acknowledged records, listed once by the gateway's records API
 * (none lost); doorsOpened — of the doors asked, opened; upgraded — of the upgrade jobs asked, succeeded;
 * upgradesAsExpected — of the upgrade jobs asked, ended as the device's armed fault makes right
 * (none or powerCutWhileWriting: succeeded; corruptChunk, wrongSignature: failed; powerCutBeforeConfirm,
 * failSelfTest: rolled_back) with the device running the matching version from a confirmed slot.
 */
export const EXPECT_METRICS = [
  'connected',
  'recovered',
  'errorsReplied',
  'bound',
  'recordsAcked',
  'recordsStored',
  'doorsOpened',
  'upgraded',
  'upgradesAsExpected',
] as const;
export type ExpectMetric = (typeof EXPECT_METRICS)[number];

const STEP_KINDS = [
  'connect',
  'hold',
  'faults',
  'expect',
  'bind',
  'punch',
  'doors',
  'enroll',
  'otaFaults',
  'upgrade',
] as const;
const DEFAULT_FAULT_WINDOW_MS = 30_000;
const DEFAULT_SETTLE_MS = 30_000;
const DEFAULT_UPGRADE_MS = 120_000;

/** `200/s` or a bare number: records per second. Null when not a rate. */
export function parseRate(value: unknown): number | null {
  if (typeof value === 'number') return Number.isFinite(value) && value > 0 ? value : null;
  if (typeof value !== 'string') return null;
  const m = /^\s*(\d+(?:\.\d+)?)\s*(?:\/\s*s)?\s*$/.exec(value);
  const n = m ? Number(m[1]) : 0;
  return n > 0 ? n : null;
}

export interface ScenarioProblem {
  line: number;
  message: string;
}

/** `500ms`, `30s`, `2m`; a bare number is seconds. Null when not a duration. */
export function parseDuration(value: unknown): number | null {
  if (typeof value === 'number') return Number.isFinite(value) && value >= 0 ? value * 1000 : null;
  if (typeof value !== 'string') return null;
  const m = /^\s*(\d+(?:\.\d+)?)\s*(ms|s|m)?\s*$/.exec(value);
  if (!m) return null;
  const n = Number(m[1]);
  return Math.round(m[2] === 'ms' ? n : m[2] === 'm' ? n * 60_000 : n * 1000);
}

/** `10%` (or a fraction 0..1 as a number) → 0.1. Null when not a percentage. */
export function parsePercent(value: unknown): number | null {
  if (typeof value === 'number') return value >= 0 && value <= 1 ? value : null;
  if (typeof value !== 'string') return null;
  const m = /^\s*(\d+(?:\.\d+)?)\s*%\s*$/.exec(value);
  if (!m) return null;
  const n = Number(m[1]);
  return n <= 100 ? n / 100 : null;
}

export function parseScenario(text: string, source = 'scenario'): Scenario {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false });
  const problems: ScenarioProblem[] = [];
  const lineOf = (node: unknown): number => {
    const range = (node as YamlNode | undefined)?.range;
    return range ? lines.linePos(range[0]).line : 1;
  };
  for (const e of doc.errors) problems.push({ line: lines.linePos(e.pos[0]).line, message: e.message.split('\n')[0]! });
  if (problems.length) throw problemsError(source, problems);
  const root = doc.contents;
  if (!isMap(root)) throw problemsError(source, [{ line: 1, message: 'expected a mapping with name and steps' }]);
  for (const item of root.items) {
    const key = String((item.key as { value?: unknown })?.value ?? item.key);
    if (key !== 'name' && key !== 'steps') {
      problems.push({ line: lineOf(item.key), message: `unknown key "${key}" (expected name, steps)` });
    }
  }
  const nameValue: unknown = root.get('name');
  const name = typeof nameValue === 'string' && nameValue.trim() ? nameValue.trim() : source;
  const stepsNode = root.get('steps', true);
  const steps: ScenarioStep[] = [];
  if (!isSeq(stepsNode) || stepsNode.items.length === 0) {
    problems.push({ line: lineOf(stepsNode ?? root), message: 'steps must be a non-empty list' });
    throw problemsError(source, problems);
  }

  for (const node of stepsNode.items) {
    const line = lineOf(node);
    if (!isMap(node) || node.items.length !== 1) {
      problems.push({ line, message: `a step is a mapping with exactly one of ${STEP_KINDS.join(', ')}` });
      continue;
    }
    const pair = node.items[0]!;
    const kind = String((pair.key as { value?: unknown })?.value ?? pair.key);
    const valueNode = pair.value as YamlNode | null;
    const value = (valueNode as { toJSON?: () => unknown } | null)?.toJSON?.() ?? null;
    const at = valueNode ? lineOf(valueNode) : line;
    const fields = (allowed: string[]): Record<string, unknown> | null => {
      if (!value || typeof value !== 'object' || Array.isArray(value)) {
        problems.push({ line: at, message: `${kind} takes a mapping of ${allowed.join(', ')}` });
        return null;
      }
      const record = value as Record<string, unknown>;
      for (const k of Object.keys(record)) {
        if (!allowed.includes(k)) {
          const keyNode = isMap(valueNode) ? valueNode.items.find((i) => String(i.key) === k)?.key : valueNode;
          problems.push({
            line: lineOf(keyNode),
            message: `${kind}: unknown key "${k}" (expected ${allowed.join(', ')})`,
          });
        }
      }
      return record;
    };
    const lineOfField = (k: string): number => {
      const item = isMap(valueNode) ? valueNode.items.find((i) => String(i.key) === k) : undefined;
      return item ? lineOf(item.value ?? item.key) : at;
    };
    const duration = (v: unknown, k: string, what: string): number => {
      const ms = parseDuration(v);
      if (ms === null)
        problems.push({ line: lineOfField(k), message: `${what} must be a duration like 500ms, 30s or 2m` });
      return ms ?? 0;
    };
    const percent = (v: unknown, k: string, what: string): number => {
      const p = parsePercent(v);
      if (p === null) problems.push({ line: lineOfField(k), message: `${what} must be a percentage from 0% to 100%` });
      return p ?? 0;
    };
    const ids = (v: unknown, k: string, what: string): string[] => {
      if (v === undefined) return [];
      if (!Array.isArray(v) || v.some((x) => typeof x !== 'string' || !x.trim())) {
        problems.push({ line: lineOfField(k), message: `${what} must be a list of ids` });
        return [];
      }
      return v.map((x: string) => x.trim());
    };

    switch (kind) {
      case 'connect': {
        const f = fields(['within']);
        if (!f) break;
        if (f.within === undefined) problems.push({ line: at, message: 'connect needs within (e.g. within: 30s)' });
        steps.push({ kind, line, withinMs: duration(f.within, 'within', 'connect.within') });
        break;
      }
      case 'hold': {
        const ms = parseDuration(value);
        if (ms === null) problems.push({ line: at, message: 'hold must be a duration like 500ms, 30s or 2m' });
        steps.push({ kind, line, ms: ms ?? 0 });
        break;
      }
      case 'faults': {
        const f = fields(['drop', 'powerCut', 'corrupt', 'within']);
        if (!f) break;
        const share = (k: 'drop' | 'powerCut' | 'corrupt') =>
          f[k] === undefined ? 0 : percent(f[k], k, `faults.${k}`);
        const step: FaultsStep = {
          kind,
          line,
          drop: share('drop'),
          powerCut: share('powerCut'),
          corrupt: share('corrupt'),
          withinMs: f.within === undefined ? DEFAULT_FAULT_WINDOW_MS : duration(f.within, 'within', 'faults.within'),
        };
        if (f.drop === undefined && f.powerCut === undefined && f.corrupt === undefined) {
          problems.push({ line: at, message: 'faults needs at least one of drop, powerCut, corrupt' });
        }
        if (step.drop + step.powerCut + step.corrupt > 1) {
          problems.push({ line: at, message: 'faults: drop + powerCut + corrupt must not exceed 100%' });
        }
        steps.push(step);
        break;
      }
      case 'expect': {
        const f = fields([...EXPECT_METRICS]);
        if (!f) break;
        const checks: ExpectStep['checks'] = {};
        for (const metric of EXPECT_METRICS) {
          if (f[metric] !== undefined) checks[metric] = percent(f[metric], metric, `expect.${metric}`);
        }
        if (Object.keys(f).length === 0) problems.push({ line: at, message: 'expect needs at least one check' });
        steps.push({ kind, line, checks });
        break;
      }
      case 'bind': {
        const f = fields(['share', 'as', 'departments', 'users', 'within']);
        if (!f) break;
        if (f.share === undefined) problems.push({ line: at, message: 'bind needs share (e.g. share: 50%)' });
        let as: BindStep['as'] = null;
        if (f.as !== undefined) {
          const m = typeof f.as === 'string' ? /^([^/\s]+)\/([^/\s]+)$/.exec(f.as.trim()) : null;
          if (m) as = { corp: m[1]!, userid: m[2]! };
          else problems.push({ line: lineOfField('as'), message: 'bind.as must be CORP/USERID (e.g. acme/alice)' });
        }
        steps.push({
          kind,
          line,
          share: f.share === undefined ? 0 : percent(f.share, 'share', 'bind.share'),
          as,
          departments: ids(f.departments, 'departments', 'bind.departments'),
          users: ids(f.users, 'users', 'bind.users'),
          withinMs: f.within === undefined ? DEFAULT_SETTLE_MS : duration(f.within, 'within', 'bind.within'),
        });
        break;
      }
      case 'punch': {
        const f = fields(['rate', 'for', 'within']);
        if (!f) break;
        const perSecond = parseRate(f.rate);
        if (perSecond === null)
          problems.push({ line: lineOfField('rate'), message: 'punch.rate must be records per second, like 200/s' });
        if (f.for === undefined) problems.push({ line: at, message: 'punch needs for (e.g. for: 10s)' });
        steps.push({
          kind,
          line,
          perSecond: perSecond ?? 0,
          forMs: f.for === undefined ? 0 : duration(f.for, 'for', 'punch.for'),
          withinMs: f.within === undefined ? DEFAULT_SETTLE_MS : duration(f.within, 'within', 'punch.within'),
        });
        break;
      }
      case 'doors': {
        const f = fields(['share']);
        if (!f) break;
        if (f.share === undefined) problems.push({ line: at, message: 'doors needs share (e.g. share: 10%)' });
        steps.push({ kind, line, share: f.share === undefined ? 0 : percent(f.share, 'share', 'doors.share') });
        break;
      }
      case 'enroll': {
        const sensor = (value as { kind?: unknown } | null)?.kind;
        if (!(BIOMETRIC_KINDS as readonly unknown[]).includes(sensor)) {
          fields(['kind', ...SENSOR_CONDITIONS.fingerprint, ...SENSOR_CONDITIONS.face]);
          problems.push({ line: lineOfField('kind'), message: `enroll needs kind: ${BIOMETRIC_KINDS.join(' or ')}` });
          break;
        }
        const keys = SENSOR_CONDITIONS[sensor as BiometricKindName];
        const f = fields(['kind', ...keys]);
        if (!f) break;
        const conditions: EnrollStep['conditions'] = {};
        for (const k of keys) if (f[k] !== undefined) conditions[k] = percent(f[k], k, `enroll.${k}`);
        steps.push({ kind, line, sensor: sensor as BiometricKindName, conditions });
        break;
      }
      case 'otaFaults': {
        const f = fields([...OTA_FAULTS]);
        if (!f) break;
        const shares: OtaFaultsStep['shares'] = {};
        for (const k of OTA_FAULTS) if (f[k] !== undefined) shares[k] = percent(f[k], k, `otaFaults.${k}`);
        if (Object.keys(shares).length === 0)
          problems.push({ line: at, message: `otaFaults needs at least one of ${OTA_FAULTS.join(', ')}` });
        if (Object.values(shares).reduce((a, b) => a + b, 0) > 1)
          problems.push({ line: at, message: 'otaFaults: the shares must not add up to more than 100%' });
        steps.push({ kind, line, shares });
        break;
      }
      case 'upgrade': {
        const f = fields(['version', 'share', 'allowDowngrade', 'within']);
        if (!f) break;
        const version = f.version === undefined ? '' : String(f.version).trim();
        if (!version) problems.push({ line: at, message: 'upgrade needs version (e.g. version: 1.1.0)' });
        if (f.allowDowngrade !== undefined && typeof f.allowDowngrade !== 'boolean')
          problems.push({
            line: lineOfField('allowDowngrade'),
            message: 'upgrade.allowDowngrade must be true or false',
          });
        steps.push({
          kind,
          line,
          version,
          share: f.share === undefined ? 1 : percent(f.share, 'share', 'upgrade.share'),
          allowDowngrade: f.allowDowngrade === true,
          withinMs: f.within === undefined ? DEFAULT_UPGRADE_MS : duration(f.within, 'within', 'upgrade.within'),
        });
        break;
      }
      default:
        problems.push({ line, message: `unknown step "${kind}" (expected ${STEP_KINDS.join(', ')})` });
    }
  }
  if (problems.length) throw problemsError(source, problems);
  return { name, steps };
}

function problemsError(source: string, problems: ScenarioProblem[]): HwbindError {
  problems.sort((a, b) => a.line - b.line);
  const text = problems.map((p) => `${source}:${p.line}: ${p.message}`).join('\n');
  return new HwbindError('invalid_argument', `scenario has ${problems.length} problem(s):\n${text}`, { problems });
}

/** One line describing a step, for progress output and reports. */
export function describeStep(step: ScenarioStep): string {
  const pct = (f: number) => `${Math.round(f * 1000) / 10}%`;
  switch (step.kind) {
    case 'connect':
      return `connect within ${step.withinMs} ms`;
    case 'hold':
      return `hold ${step.ms} ms`;
    case 'faults':
      return `faults drop ${pct(step.drop)}, powerCut ${pct(step.powerCut)}, corrupt ${pct(step.corrupt)} (recover within ${step.withinMs} ms)`;
    case 'expect':
      return `expect ${Object.entries(step.checks)
        .map(([k, v]) => `${k} >= ${pct(v)}`)
        .join(', ')}`;
    case 'bind':
      return `bind ${pct(step.share)}${step.as ? ` as ${step.as.corp}/${step.as.userid}` : ''} (usable range: ${[...step.departments, ...step.users].join(', ') || 'empty'})`;
    case 'punch':
      return `punch ${step.perSecond}/s for ${step.forMs} ms (acknowledged within ${step.withinMs} ms)`;
    case 'doors':
      return `open ${pct(step.share)} of the bound devices' doors`;
    case 'enroll': {
      const set = Object.entries(step.conditions).map(([k, v]) => `${k} ${pct(v)}`);
      return `enroll at ${step.sensor} sensors: ${set.length ? set.join(', ') : 'every try good'}`;
    }
    case 'otaFaults':
      return `firmware faults on the bound devices: ${Object.entries(step.shares)
        .map(([k, v]) => `${k} ${pct(v)}`)
        .join(', ')}`;
    case 'upgrade':
      return `upgrade ${pct(step.share)} of the bound devices to ${step.version}${step.allowDowngrade ? ' (downgrade allowed)' : ''} (jobs end within ${step.withinMs} ms)`;
  }
}
