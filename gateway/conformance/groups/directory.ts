// Usable-range directory (protocol §5.2, §7): a full sync replaces, an increment applies on top of
// the version held, an increment that does not fit is not applied but asked about; what the device
// holds shows in its next Hello.
import { randomBytes } from 'node:crypto';
import { envelope } from '../../../protocol/messages.js';
import { CheckFailed, CheckSkipped, defineGroup, expect } from '../checks.js';
import type { KitContext } from '../context.js';
import { answerTo, isDown, isUp, msg, sentSince, type TraceEvent } from '../trace.js';

/** How soon a DirectorySync must be answered. */
const ANSWER_MS = 5000;

const version = (e: TraceEvent | null | undefined): number => Number(msg(e).version ?? 0);

/** Waits for the device's answer to a sync and fails the check unless it is an Ack. */
async function acked(k: KitContext, sync: TraceEvent, what: string): Promise<TraceEvent> {
  const answer = await k.trace.waitFor(sync.n, answerTo(sync.id), ANSWER_MS);
  expect(answer, `no Ack to ${what} within ${ANSWER_MS / 1000} s; ${sentSince(k.trace, sync.n)}`);
  expect(answer.body === 'ack', `refused ${what}: ErrorReply ${String(msg(answer).code)}`);
  return answer;
}

/** The directory version the device holds by its newest Hello and the syncs it acknowledged since. */
export function heldVersion(k: KitContext): number {
  const hello = k.trace.last(isUp('hello'));
  let held = Number(msg(hello).directoryVersion ?? 0);
  for (const sync of k.trace.after(hello?.n ?? 0, isDown('directorySync'))) {
    if (k.trace.after(sync.n, (e) => answerTo(sync.id)(e) && e.body === 'ack').length) held = version(sync);
  }
  return held;
}

export const directory = defineGroup({
  name: 'directory',
  title: 'Usable-range directory',
  state: () => ({}),
  steps: [
    {
      name: 'full',
      title: 'replaces its directory with a full sync, acknowledges it and reports its version',
      section: '§5.2, §6.2',
      async run(k) {
        await k.ensureBound();
        // The full sync follows the Ack of the BindNotice: it may have come already.
        const full = await k.trace.waitFor(0, (e) => isDown('directorySync')(e) && msg(e).full === true, 10_000);
        if (!full) throw new Error('the gateway sent no full DirectorySync after the binding became active');
        const people = ((msg(full).upserts as unknown[]) ?? []).length;
        const ack = await acked(k, full, `the full DirectorySync v${version(full)}`);
        const hello = await k.reconnect();
        const reported = Number(msg(hello).directoryVersion ?? 0);
        expect(
          reported === version(full),
          `acknowledged the full sync v${version(full)} but its next Hello reports directory v${reported}`,
        );
        return `Ack ${ack.at - full.at} ms after the full sync v${version(full)} (${people} people); its next Hello reports v${reported}`;
      },
    },
    {
      name: 'incremental',
      title: 'applies an increment on top of the version it holds, acknowledges it and reports the new version',
      section: '§5.2, §7 DirectorySync',
      async run(k) {
        await k.ensureBound();
        const from = k.trace.position;
        await k.importDirectory(1);
        const inc = await k.trace.waitFor(from, isDown('directorySync'), 10_000);
        if (!inc) throw new Error('the gateway sent no DirectorySync after a person joined the usable range');
        if (msg(inc).full === true)
          throw new CheckSkipped(
            'the gateway sent a full sync instead of an increment: an earlier sync is still unanswered (see directory.full)',
          );
        const what = `the increment v${msg(inc).baseVersion}→v${version(inc)}`;
        const ack = await acked(k, inc, what);
        const asked = k.trace.after(inc.n, isUp('directoryRequest'))[0];
        expect(!asked, `asked for the directory (have_version ${msg(asked).haveVersion}) instead of applying ${what}`);
        const hello = await k.reconnect();
        const reported = Number(msg(hello).directoryVersion ?? 0);
        expect(reported === version(inc), `acknowledged ${what} but its next Hello reports directory v${reported}`);
        return `Ack ${ack.at - inc.at} ms after ${what}; its next Hello reports v${reported}`;
      },
    },
    {
      name: 'stale',
      title: 'does not apply an increment that does not fit the version it holds, and asks for the directory',
      section: '§5.2 (base_version ≠ held version), §7 DirectorySync',
      async run(k) {
        await k.ensureBound();
        const held = heldVersion(k);
        const base = held + 1000;
        const init = envelope(
          'directorySync',
          {
            version: base + 1,
            baseVersion: base,
            full: false,
            upserts: [{ userid: 'conformance-ghost', name: 'Not in the usable range' }],
          },
          { id: `conformance-${randomBytes(6).toString('hex')}` },
        );
        const from = k.trace.position;
        const { sent } = await k.injectMessage('down/directory', init);
        if (!sent) throw new CheckFailed('the device went offline before the increment could be sent');
        const request = await k.trace.waitFor(
          from,
          (e) => isUp('directoryRequest')(e) || (answerTo(init.id!)(e) && e.body === 'ack'),
          ANSWER_MS,
        );
        expect(
          request?.body !== 'ack',
          `acknowledged an increment based on v${base} while holding v${held}: it applied a sync that does not fit`,
        );
        expect(
          request,
          `sent no DirectoryRequest within ${ANSWER_MS / 1000} s of an increment based on v${base} (it holds v${held}); ${sentSince(k.trace, from)}`,
        );
        const have = Number(msg(request).haveVersion ?? 0);
        expect(have < base, `asked with have_version ${have}, not the version it holds`);
        // The gateway answers the request with a full sync; the device takes it.
        const full = await k.trace.waitFor(request.n, (e) => isDown('directorySync')(e) && msg(e).full === true, 5000);
        const settled = full ? await k.trace.waitFor(full.n, answerTo(full.id), ANSWER_MS) : null;
        const injected = k.trace.after(from, (e) => e.kind === 'injected')[0];
        const took = settled?.body === 'ack' ? `; took the full sync v${version(full)} that answered it` : '';
        return `ignored the increment v${base}→v${base + 1} and asked with have_version ${have} after ${request.at - (injected?.at ?? request.at)} ms${took}`;
      },
    },
  ],
});
