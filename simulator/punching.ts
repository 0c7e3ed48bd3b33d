// People passing simulated devices: records punched at a steady rate by the people each device's
// directory holds (or by given userids) — `hwbind sim device --punch-rate` and the fleet's punch step.
// Records that fall due together on one device go into its flash in one write, so the rate is not
// bounded by the flash's write latency.
import { directionToWire, type MethodName, methodToWire } from '../protocol/records.js';
import type { FlashState } from './flash.js';
import type { NewRecord } from './modules/records.js';

/** How often the punching loop looks at the clock. */
const TICK_MS = 100;

/**
 * The record of the n-th person through the device: the people of its directory (or `users`) in
 * turn, alternately in and out, by the device's own recognition method. Null when it knows nobody.
 */
export function passerBy(state: FlashState, n: number, timeMs: number, users?: readonly string[]): NewRecord | null {
  const people = users?.length ? users : state.directory.users.map((u) => u.userid);
  if (people.length === 0) return null;
  const caps = state.identity.capabilities;
  const method: MethodName = caps.includes('face') ? 'face' : caps.includes('fingerprint') ? 'fingerprint' : 'card';
  return {
    userid: people[n % people.length]!,
    timeMs,
    direction: directionToWire(n % 2 ? 'out' : 'in'),
    method: methodToWire(method),
    cardNo: '',
  };
}

/** A device that records people: how many it punched (0 when it knows nobody yet). */
export interface Punchable {
  punch(count: number, users?: readonly string[]): Promise<number>;
}

export interface PunchPlan {
  perSecond: number;
  /** Stop after this many records (default: no limit). */
  count?: number;
  /** Stop after this long (default: no limit). */
  durationMs?: number;
  users?: readonly string[];
}

/**
 * Punches at `perSecond` across the devices `targets()` answers at each tick (round-robin), until
 * the count or the duration is reached or `stopped()` says so. Time starts at the first record a
 * device takes, so a device that is not bound yet does not build up a backlog; with a duration, a
 * plan that could punch nothing for that long gives up (nobody to record: no device bound, or none
 * knows anyone). Resolves with the number punched.
 */
export async function punchAtRate(
  plan: PunchPlan,
  targets: () => Punchable[],
  stopped: () => boolean,
): Promise<number> {
  const total = plan.count ?? Number.POSITIVE_INFINITY;
  let done = 0;
  let next = 0;
  let t0: number | null = null;
  const begun = Date.now();
  while (done < total && !stopped()) {
    const elapsed = t0 === null ? 0 : Date.now() - t0;
    if (plan.durationMs !== undefined && elapsed >= plan.durationMs) break;
    if (plan.durationMs !== undefined && t0 === null && Date.now() - begun >= plan.durationMs) break;
    const devices = targets();
    const due = t0 === null ? 1 : Math.min(total, Math.floor((elapsed * plan.perSecond) / 1000)) - done;
    if (due > 0 && devices.length > 0) {
      const share = new Map<Punchable, number>();
      for (let i = 0; i < due; i++) {
        const d = devices[next++ % devices.length]!;
        share.set(d, (share.get(d) ?? 0) + 1);
      }
      const punched = await Promise.all([...share].map(([d, n]) => d.punch(n, plan.users)));
      const n = punched.reduce((a, b) => a + b, 0);
      if (n > 0) t0 ??= Date.now();
      done += n;
    }
    await new Promise((r) => setTimeout(r, Math.min(TICK_MS, Math.max(1, 1000 / plan.perSecond))));
  }
  return done;
}
