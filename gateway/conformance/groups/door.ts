// Remote door (protocol §5.5, §7): a DoorOpen is answered by its DoorResult within 3 s, and an
// opening is recorded like any other pass (method REMOTE, userid = who asked).
import { isHwbindError } from '../../../protocol/errors.js';
import { CheckSkipped, defineGroup, expect, seconds } from '../checks.js';
import { CERTIFIER } from '../context.js';
import { answerTo, isDown, isUp, type Json, msg, sentSince, type TraceEvent } from '../trace.js';

/** The limit for a DoorResult (§5.5). */
export const DOOR_RESULT_MS = 3000;
/** How long the kit waits for the opening's record. */
const RECORD_MS = 10_000;

export const door = defineGroup({
  name: 'door',
  title: 'Remote door',
  /** `opened`: the DoorOpen the device answered with opened = true. */
  state: () => ({ opened: null as TraceEvent | null }),
  steps: [
    {
      name: 'result',
      title: 'answers DoorOpen with a DoorResult within 3 s',
      section: '§5.5, §7 DoorOpen',
      async run(k, s) {
        if (!k.has('door')) throw new CheckSkipped(`model ${k.device.model} has no door`);
        await k.ensureBound();
        const from = k.trace.position;
        await k.person.call('person.openDoor', { params: { sn: k.sn } }).catch((err: unknown) => {
          if (!isHwbindError(err, 'device_timeout')) throw err;
        });
        const open = await k.trace.waitFor(from, isDown('doorOpen'), 1000);
        if (!open) throw new Error('the gateway sent no DoorOpen');
        const operationId = msg(open).operationId;
        const answer = await k.trace.waitFor(
          open.n,
          (e) => (isUp('doorResult')(e) && msg(e).operationId === operationId) || answerTo(open.id)(e),
          DOOR_RESULT_MS + 3000,
        );
        expect(
          answer,
          `no DoorResult within ${seconds(DOOR_RESULT_MS + 3000)} of the DoorOpen; ${sentSince(k.trace, open.n)}`,
        );
        const ms = answer.at - open.at;
        expect(
          ms <= DOOR_RESULT_MS,
          `answered the DoorOpen after ${seconds(ms)}; the person's request had ended device_timeout at ${seconds(DOOR_RESULT_MS)}`,
        );
        if (answer.body === 'error')
          return `refused the DoorOpen after ${ms} ms: ErrorReply ${String(msg(answer).code)}`;
        expect(
          answer.replyTo === open.id,
          `DoorResult.reply_to is "${answer.replyTo}", not the DoorOpen's id ${open.id}`,
        );
        const r = msg(answer);
        if (r.opened === true) s.opened = open;
        return `DoorResult ${ms} ms after the DoorOpen: ${r.opened === true ? 'opened' : `not opened (${String(r.code)})`}`;
      },
    },
    {
      name: 'record',
      title: 'records a remote opening: method REMOTE, userid of the person who opened it',
      section: '§5.5',
      async run(k, s) {
        const opened = s.opened;
        if (!opened) throw new CheckSkipped('the door did not open (see door.result)');
        const isOpening = (r: Json) => r.method === 'METHOD_REMOTE' && r.userid === CERTIFIER;
        const batch = await k.trace.waitFor(
          opened.n,
          (e) => isUp('recordBatch')(e) && ((msg(e).records as Json[]) ?? []).some(isOpening),
          RECORD_MS,
        );
        expect(
          batch,
          `no record of the opening within ${seconds(RECORD_MS)} (method REMOTE, userid ${CERTIFIER}); ${sentSince(k.trace, opened.n)}`,
        );
        const record = ((msg(batch).records as Json[]) ?? []).find(isOpening)!;
        return `recorded the opening as seq ${record.seq} (${record.userid}, REMOTE), sent ${batch.at - opened.at} ms after the DoorOpen`;
      },
    },
  ],
});
