// Enrollment (protocol §5.3, §6.3, §7): a capture reports its progress, ends TIMED_OUT when nobody
// completes it within timeout_s, and ends CANCELLED on EnrollmentCancel. The checks want the sensor
// left alone except when the kit asks for a finger or a face.
import { isHwbindError } from '../../../protocol/errors.js';
import { CheckSkipped, defineGroup, expect, seconds } from '../checks.js';
import type { KitContext } from '../context.js';
import { isDown, isUp, msg, sentSince, type TraceEvent } from '../trace.js';

/** The person enrolled: one of the bench department. */
const ENROLLEE = 'bench01';
/** timeout_s of the capture left to time out (the protocol's shortest). */
const TIMEOUT_S = 5;
/** The gateway gives up this long after timeout_s (protocol §5.3). */
const GATEWAY_GRACE_MS = 3000;

const status = (e: TraceEvent | null): string => String(msg(e).status ?? '').replace('ENROLLMENT_STATUS_', '');

interface Started {
  id: string;
  start: TraceEvent;
}

/** The sensor the kit enrolls with: a fingerprint if the model has one, else a face. */
function kindOf(k: KitContext): 'fingerprint' | 'face' {
  if (k.has('fingerprint')) return 'fingerprint';
  if (k.has('face')) return 'face';
  throw new CheckSkipped(`model ${k.device.model} has no face or fingerprint sensor`);
}

/** Starts an enrollment of the bench person and waits for the gateway's EnrollmentStart. */
async function startCapture(k: KitContext, timeoutS: number): Promise<Started> {
  await k.ensureBound();
  const kind = kindOf(k);
  const from = k.trace.position;
  const enrollment = await k.person.call('person.startEnrollment', {
    params: { sn: k.sn },
    body: { userid: ENROLLEE, kind, timeoutS },
  });
  const start = await k.trace.waitFor(
    from,
    (e) => isDown('enrollmentStart')(e) && msg(e).operationId === enrollment.id,
    5000,
  );
  if (!start) throw new Error(`the gateway sent no EnrollmentStart for enrollment ${enrollment.id}`);
  return { id: enrollment.id, start };
}

const resultOf = (id: string) => (e: TraceEvent) => isUp('enrollmentResult')(e) && msg(e).operationId === id;

/** Cancels an enrollment the check no longer needs; an enrollment that already ended stays as it is. */
async function cancelQuietly(k: KitContext, id: string): Promise<void> {
  await k.person.call('person.cancelEnrollment', { params: { id } }).catch((err: unknown) => {
    if (!isHwbindError(err)) throw err;
  });
}

export const enrollment = defineGroup({
  name: 'enrollment',
  title: 'Face / fingerprint enrollment',
  state: () => ({}),
  steps: [
    {
      name: 'timeout',
      title: 'ends a capture nobody completes with TIMED_OUT once timeout_s has passed',
      section: '§5.3, §6.3',
      async run(k) {
        k.prompt(`leave the sensor of ${k.sn} alone for ${TIMEOUT_S + 5} s`);
        const { id, start } = await startCapture(k, TIMEOUT_S);
        const limitMs = TIMEOUT_S * 1000 + GATEWAY_GRACE_MS + 2000;
        const result = await k.trace.waitFor(start.n, resultOf(id), limitMs);
        expect(
          result,
          `no EnrollmentResult within ${seconds(limitMs)} of a capture with timeout_s = ${TIMEOUT_S}; ${sentSince(k.trace, start.n)}`,
        );
        const ms = result.at - start.at;
        const gaveUp = k.trace.after(start.n, (e) => isDown('enrollmentCancel')(e) && msg(e).operationId === id)[0];
        expect(
          status(result) !== 'COMPLETED',
          `completed the capture after ${seconds(ms)}: someone was at the sensor (leave it alone during this check)`,
        );
        expect(
          status(result) === 'TIMED_OUT' && !gaveUp,
          gaveUp
            ? `did not end the capture at timeout_s = ${TIMEOUT_S} s: the gateway gave up after ${seconds(gaveUp.at - start.at)} and the device answered its EnrollmentCancel with ${status(result)}`
            : `ended the capture with ${status(result)} ${String(msg(result).code ?? '')} after ${seconds(ms)}, not TIMED_OUT`,
        );
        expect(
          ms >= TIMEOUT_S * 1000 - 500,
          `reported TIMED_OUT after ${seconds(ms)}, before timeout_s = ${TIMEOUT_S} s`,
        );
        return `TIMED_OUT ${seconds(ms)} after EnrollmentStart (timeout_s = ${TIMEOUT_S})`;
      },
    },
    {
      name: 'progress',
      title: 'reports EnrollmentProgress while it captures',
      section: '§5.3 EnrollmentProgress, §6.3',
      async run(k) {
        k.prompt(`present a ${k.has('fingerprint') ? 'finger' : 'face'} to the sensor of ${k.sn} now`);
        const waitMs = Math.min(k.options.operatorWaitMs, 25_000);
        const { id, start } = await startCapture(k, 30);
        try {
          const first = await k.trace.waitFor(
            start.n,
            (e) => (isUp('enrollmentProgress')(e) || isUp('enrollmentResult')(e)) && msg(e).operationId === id,
            waitMs,
          );
          expect(
            first,
            `no EnrollmentProgress within ${seconds(waitMs)} of EnrollmentStart; ${sentSince(k.trace, start.n)}`,
          );
          expect(
            first.body === 'enrollmentProgress',
            `ended the capture with ${status(first)} without a single EnrollmentProgress`,
          );
          const p = msg(first);
          const percent = Number(p.percent);
          expect(percent >= 0 && percent <= 100, `EnrollmentProgress.percent is ${p.percent}`);
          return `EnrollmentProgress ${first.at - start.at} ms after EnrollmentStart: ${percent}%${p.hint ? ` "${p.hint}"` : ''}`;
        } finally {
          await cancelQuietly(k, id);
          await k.trace.waitFor(start.n, resultOf(id), 3000);
        }
      },
    },
    {
      name: 'cancel',
      title: 'leaves the capture on EnrollmentCancel and reports CANCELLED',
      section: '§5.3 EnrollmentCancel, §6.3, §7',
      async run(k) {
        k.prompt(`leave the sensor of ${k.sn} alone`);
        const { id, start } = await startCapture(k, 30);
        const early = await k.trace.waitFor(start.n, resultOf(id), 1000);
        expect(
          !early,
          status(early) === 'FAILED'
            ? `answered EnrollmentStart with FAILED ${String(msg(early).code)}: a capture cancelled before still runs`
            : `ended the capture with ${status(early)} before it was cancelled`,
        );
        await k.person.call('person.cancelEnrollment', { params: { id } });
        const cancel = await k.trace.waitFor(
          start.n,
          (e) => isDown('enrollmentCancel')(e) && msg(e).operationId === id,
          3000,
        );
        if (!cancel) throw new Error('the gateway sent no EnrollmentCancel');
        const result = await k.trace.waitFor(cancel.n, resultOf(id), 3000);
        expect(result, `no EnrollmentResult within 3 s of EnrollmentCancel; ${sentSince(k.trace, cancel.n)}`);
        expect(status(result) === 'CANCELLED', `answered EnrollmentCancel with ${status(result)}, not CANCELLED`);
        return `CANCELLED ${result.at - cancel.at} ms after EnrollmentCancel`;
      },
    },
  ],
});
