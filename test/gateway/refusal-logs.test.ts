// Refused connects must not let an outsider fill the gateway's log: fields from outside are
// clipped and, per address, only the first few refusals in a window are written; the rest are
// counted in one summary line.
import { connect } from 'node:net';
import { Writable } from 'node:stream';
import mqttPacket from 'mqtt-packet';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { RefusalLog } from '../../gateway/broker/refusal-log.js';
import { ManualClock } from '../../protocol/clock.js';
import { startGateway } from '../helpers/processes.js';

/** Sends one raw CONNECT and resolves to the CONNACK return code (null if closed without one). */
function rawConnect(url: string, clientId: string, username?: string): Promise<number | null> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname);
    const parser = mqttPacket.parser();
    let code: number | null = null;
    parser.on('packet', (p) => {
      if (p.cmd === 'connack') code = p.returnCode ?? null;
      socket.end();
    });
    socket.on('data', (d) => parser.parse(d));
    socket.on('error', reject);
    socket.on('close', () => resolve(code));
    socket.write(
      mqttPacket.generate({
        cmd: 'connect',
        protocolId: 'MQTT',
        protocolVersion: 4,
        clean: true,
        keepalive: 30,
        clientId,
        ...(username ? { username, password: Buffer.from('0'.repeat(64)) } : {}),
      }),
    );
  });
}

describe('refused connects in the log', () => {
  it('writes a few clipped lines per address and one summary of the rest', async () => {
    const gw = await startGateway();
    const hugeId = 'A'.repeat(65_000);
    const attempts = 300;
    for (let i = 0; i < attempts; i += 50) {
      const codes = await Promise.all(
        Array.from({ length: 50 }, (_, j) =>
          rawConnect(gw.mqttUrl, hugeId, j % 2 ? `${hugeId}|${Math.floor(Date.now() / 1000)}|abcdefgh` : undefined),
        ),
      );
      for (const code of codes) expect([4, 5]).toContain(code);
    }
    // The flood left the gateway serving.
    expect((await fetch(`${gw.httpUrl}/healthz`)).status).toBe(200);
    // Stopping summarises the open windows.
    expect(await gw.stop()).toBe(0);
    const lines = gw
      .logs()
      .split('\n')
      .flatMap((l) => {
        // stdout and stderr arrive interleaved: skip what is not a whole JSON line.
        try {
          return [JSON.parse(l) as { msg: string; suppressed?: number; clientId?: string }];
        } catch {
          return [];
        }
      });
    const refused = lines.filter((l) => l.msg.startsWith('connect refused'));
    const summaries = lines.filter((l) => l.suppressed !== undefined);
    expect(refused.length).toBeGreaterThan(0);
    expect(refused.length).toBeLessThanOrEqual(10);
    expect(refused.length + summaries.reduce((n, s) => n + s.suppressed!, 0)).toBe(attempts);
    expect(summaries[0]!.msg).toMatch(/^\d+ more refusals from 127\.0\.0\.1/);
    for (const l of refused) expect(l.clientId!.length).toBeLessThan(200);
    expect(gw.logs().length).toBeLessThan(16 * 1024);
  });
});

describe('RefusalLog', () => {
  const capture = () => {
    const lines: { msg: string; ip: string; suppressed?: number; reasons?: Record<string, number> }[] = [];
    const stream = new Writable({
      write(chunk, _enc, done) {
        for (const l of String(chunk).split('\n').filter(Boolean)) lines.push(JSON.parse(l));
        done();
      },
    });
    return { lines, logger: pino({ base: undefined }, stream) };
  };

  it('summarises each address when its window ends and starts a fresh burst', () => {
    const clock = new ManualClock(0);
    const { lines, logger } = capture();
    const log = new RefusalLog(logger, clock, { burst: 2, windowMs: 60_000, maxAddresses: 10 });
    for (let i = 0; i < 5; i++) log.refused('10.0.0.1', i % 2 ? 'throttled' : 'bad_signature', {}, 'connect refused');
    log.refused('10.0.0.2', 'bad_signature', {}, 'connect refused');
    log.flush();
    expect(lines).toHaveLength(3);
    clock.advance(60_000);
    log.flush();
    expect(lines.slice(3)).toMatchObject([
      { ip: '10.0.0.1', suppressed: 3, reasons: { bad_signature: 2, throttled: 1 }, msg: /^3 more refusals/ },
    ]);
    log.refused('10.0.0.1', 'bad_signature', {}, 'connect refused');
    expect(lines.at(-1)).toMatchObject({ ip: '10.0.0.1', msg: 'connect refused' });
    log.close();
  });

  it('shares one entry among addresses beyond the limit', () => {
    const { lines, logger } = capture();
    const log = new RefusalLog(logger, new ManualClock(0), { burst: 1, windowMs: 60_000, maxAddresses: 2 });
    for (let i = 0; i < 10; i++) log.refused(`10.0.1.${i}`, 'bad_signature', {}, 'connect refused');
    log.close();
    expect(lines.filter((l) => l.msg === 'connect refused')).toHaveLength(3);
    expect(lines.find((l) => l.suppressed)).toMatchObject({ ip: 'other addresses', suppressed: 7 });
  });
});
