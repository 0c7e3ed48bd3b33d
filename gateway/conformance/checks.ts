// What a conformance check is: a named step of a group, naming the protocol/README.md section it
// holds the device to. A step passes with what the device did, fails with what it did instead, or
// is skipped when what it needs is missing (no door on the model, no active binding).
import type { KitContext } from './context.js';

export type CheckStatus = 'passed' | 'failed' | 'skipped' | 'error';

export interface CheckResult {
  /** `group.name`, e.g. `records.resend`. */
  id: string;
  group: string;
  title: string;
  /** Where protocol/README.md states the rule, e.g. `§6.4, §7 RecordBatch`. */
  section: string;
  status: CheckStatus;
  /** What the device did (passed), what it did instead (failed), or why the check did not run. */
  detail: string;
  /** Unix ms. */
  startedAt: number;
  durationMs: number;
}

/** The device did something else than the protocol asks. */
export class CheckFailed extends Error {
  override readonly name = 'CheckFailed';
}

/** The check could not run here (a missing capability or prerequisite): neither pass nor fail. */
export class CheckSkipped extends Error {
  override readonly name = 'CheckSkipped';
}

export interface Step<S> {
  /** Unique within the group; the check's id is `group.name`. */
  name: string;
  title: string;
  section: string;
  /** Resolves with what the device did; throws CheckFailed or CheckSkipped. */
  run(k: KitContext, state: S): Promise<string>;
}

export interface GroupDefinition<S> {
  name: string;
  title: string;
  /** State the group's steps share, fresh for every run. */
  state(): S;
  steps: readonly Step<S>[];
}

/** A group ready to run: its steps bound to fresh shared state. */
export interface Group {
  name: string;
  title: string;
  checks: readonly { id: string; title: string; section: string }[];
  start(): { id: string; title: string; section: string; run(k: KitContext): Promise<string> }[];
}

export function defineGroup<S>(g: GroupDefinition<S>): Group {
  const checks = g.steps.map((s) => ({ id: `${g.name}.${s.name}`, title: s.title, section: s.section }));
  return {
    name: g.name,
    title: g.title,
    checks,
    start() {
      const state = g.state();
      return g.steps.map((s, i) => ({ ...checks[i]!, run: (k: KitContext) => s.run(k, state) }));
    },
  };
}

/** Fails the check with `instead` (worked out only then, when a function) unless `ok`. */
export function expect(ok: unknown, instead: string | (() => string)): asserts ok {
  if (!ok) throw new CheckFailed(typeof instead === 'function' ? instead() : instead);
}

/** Seconds with one decimal, for what the device did when. */
export const seconds = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;
