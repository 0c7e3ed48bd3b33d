// Bind (protocol §6.2, §7): a person binds the device; the gateway's BindNotice must be stored and
// acknowledged at once — the Ack is what makes the binding active — within 3 s.
import { CheckSkipped, defineGroup, expect } from '../checks.js';
import { answerTo, isDown, msg, sentSince } from '../trace.js';

/** How soon a BindNotice must be acknowledged. */
export const BIND_ACK_MS = 3000;

export const bind = defineGroup({
  name: 'bind',
  title: 'Binding',
  state: () => ({}),
  steps: [
    {
      name: 'ack',
      title: 'stores a BindNotice and acknowledges it within 3 s',
      section: '§6.2, §7 BindNotice',
      async run(k) {
        await k.online();
        if (k.binding) throw new CheckSkipped('the device was bound before this check ran');
        const from = k.trace.position;
        const bindingId = await k.bind();
        const notice = await k.trace.waitFor(
          from,
          (e) => isDown('bindNotice')(e) && msg(e).bindingId === bindingId,
          5000,
        );
        if (!notice) throw new CheckSkipped('the gateway sent no BindNotice: the device went offline');
        const answer = await k.trace.waitFor(notice.n, answerTo(notice.id), BIND_ACK_MS + 5000);
        expect(
          answer,
          `no Ack to the BindNotice within ${(BIND_ACK_MS + 5000) / 1000} s; ${sentSince(k.trace, notice.n)}`,
        );
        expect(
          answer.body === 'ack',
          `refused the BindNotice: ErrorReply ${String(msg(answer).code)} "${String(msg(answer).message)}"`,
        );
        const ms = answer.at - notice.at;
        expect(ms <= BIND_ACK_MS, `acknowledged the BindNotice after ${ms} ms; the limit is ${BIND_ACK_MS} ms`);
        expect(await k.waitActive(5000), 'the gateway did not make the binding active after the Ack');
        return `Ack ${ms} ms after the BindNotice; binding ${bindingId} active`;
      },
    },
  ],
});
