// Heartbeat (protocol §6.1, §7): a Heartbeat every heartbeat_interval_s the HelloAck asked for;
// three missed intervals and the gateway takes the device for gone.
import { defineGroup, expect, seconds } from '../checks.js';
import { isDown, isUp, msg, sentSince, type TraceEvent } from '../trace.js';

/** Heartbeats observed per check; the gaps between them are held to the interval. */
const BEATS = 3;

export const heartbeat = defineGroup({
  name: 'heartbeat',
  title: 'Heartbeat',
  state: () => ({}),
  steps: [
    {
      name: 'cadence',
      title: 'sends a Heartbeat every heartbeat_interval_s of its HelloAck',
      section: '§6.1, §7 up/heartbeat',
      async run(k) {
        // The interval the device was told: reconnect when this run has not seen its HelloAck.
        if (!k.trace.last(isDown('helloAck'))) await k.reconnect();
        else await k.online();
        const intervalMs = k.heartbeatIntervalS() * 1000;
        const from = k.trace.position;
        const start = Date.now();
        const beats: TraceEvent[] = [];
        let last = from;
        const deadline = start + intervalMs * (BEATS + 0.5) + 1000;
        while (beats.length < BEATS) {
          const beat = await k.trace.waitFor(last, isUp('heartbeat'), Math.max(0, deadline - Date.now()));
          if (!beat) break;
          beats.push(beat);
          last = beat.n;
        }
        const what = `HelloAck.heartbeat_interval_s is ${intervalMs / 1000}`;
        expect(
          beats.length > 0,
          `no Heartbeat in ${seconds(Date.now() - start)} (${what}); ${sentSince(k.trace, from)}`,
        );
        expect(
          beats.length === BEATS,
          `${beats.length} Heartbeat(s) in ${seconds(Date.now() - start)} (${what}); ${BEATS} expected`,
        );
        const gaps = beats.slice(1).map((b, i) => b.at - beats[i]!.at);
        const off = gaps.find((g) => g > intervalMs * 1.5 || g < intervalMs * 0.5);
        expect(off === undefined, `Heartbeats ${gaps.map(seconds).join(', ')} apart (${what})`);
        const uptimes = beats.map((b) => Number(msg(b).uptimeS));
        expect(
          uptimes.every((u, i) => i === 0 || u >= uptimes[i - 1]!),
          `Heartbeat.uptime_s went back: ${uptimes.join(', ')}`,
        );
        return `${BEATS} Heartbeats, ${gaps.map(seconds).join(', ')} apart (${what}); uptime ${uptimes.join(', ')} s`;
      },
    },
  ],
});
