// Unbind (protocol §6.6, §7): an admin removes the device; it acknowledges the UnbindNotice and wipes
// what the binding gave it — the binding, the directory, templates and queued records — keeping
// only its credentials and its record seq counter.
import { CheckSkipped, defineGroup, expect } from '../checks.js';
import { answerTo, isDown, isUp, msg, sentSince, type TraceEvent } from '../trace.js';
import { BIND_ACK_MS } from './bind.js';

export const unbind = defineGroup({
  name: 'unbind',
  title: 'Unbinding',
  state: () => ({ acked: null as TraceEvent | null, notice: null as TraceEvent | null }),
  steps: [
    {
      name: 'ack',
      title: 'acknowledges an UnbindNotice within 3 s',
      section: '§6.6, §7 UnbindNotice',
      async run(k, s) {
        await k.ensureBound();
        const from = k.trace.position;
        await k.unbind();
        const notice = await k.trace.waitFor(from, isDown('unbindNotice'), 5000);
        if (!notice) throw new Error('the gateway sent no UnbindNotice');
        s.notice = notice;
        const answer = await k.trace.waitFor(notice.n, answerTo(notice.id), BIND_ACK_MS + 3000);
        expect(
          answer,
          `no Ack to the UnbindNotice within ${(BIND_ACK_MS + 3000) / 1000} s; ${sentSince(k.trace, notice.n)}`,
        );
        expect(answer.body === 'ack', `refused the UnbindNotice: ErrorReply ${String(msg(answer).code)}`);
        const ms = answer.at - notice.at;
        expect(ms <= BIND_ACK_MS, `acknowledged the UnbindNotice after ${ms} ms; the limit is ${BIND_ACK_MS} ms`);
        s.acked = answer;
        return `Ack ${ms} ms after the UnbindNotice`;
      },
    },
    {
      name: 'wipe',
      title: 'wipes the binding, its directory and queued records',
      section: '§6.6, §5.2 (after an unbind)',
      async run(k, s) {
        if (!s.notice) throw new CheckSkipped('the device was not unbound (see unbind.ack)');
        const hello = await k.reconnect();
        const h = msg(hello);
        const kept: string[] = [];
        if (h.bindingId) kept.push(`binding ${h.bindingId}`);
        if (Number(h.directoryVersion)) kept.push(`directory v${h.directoryVersion}`);
        if (Number(h.pendingRecords)) kept.push(`${h.pendingRecords} queued records`);
        expect(kept.length === 0, `its Hello after the unbind still reports ${kept.join(', ')}`);
        // After the Ack the device has wiped: no record may follow. (Without an Ack, when it wiped is unknown.)
        const sent = s.acked ? k.trace.after(s.acked.n, isUp('recordBatch')).length : 0;
        expect(sent === 0, `sent ${sent} RecordBatch(es) after acknowledging the unbind`);
        return 'its Hello after the unbind reports no binding, directory v0 and no queued records';
      },
    },
  ],
});
