// Logging never stops the service: a gateway whose stdout and stderr are a full disk (/dev/full
// fails every write with ENOSPC) keeps answering HTTP and devices, counts the lines it dropped,
// and stops promptly on SIGTERM.
import { type ChildProcess, spawn } from 'node:child_process';
import { closeSync, openSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { LogSink } from '../../gateway/logger.js';
import { envelope } from '../../protocol/messages.js';
import { connected, publish, subscribeOwn } from '../helpers/devices.js';
import { addModel, cli, HWBIND, tempDir } from '../helpers/processes.js';
import { until } from '../helpers/until.js';

const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });

let proc: ChildProcess | undefined;

afterEach(() => {
  if (proc && proc.exitCode === null && proc.signalCode === null) proc.kill('SIGKILL');
});

describe('a full log disk', () => {
  it('drops and counts log lines while serving, and SIGTERM still stops the gateway', async () => {
    const data = tempDir();
    addModel(data, 'T1000', 'face,door,screen');
    const device = { sn: 'FULLDISK1', secret: 'secret-of-fulldisk1', model: 'T1000' };
    writeFileSync(join(data, 'devices.csv'), `sn,secret\n${device.sn},${device.secret}\n`);
    const imported = cli(['vendor', 'sn', 'import', join(data, 'devices.csv'), '--data', data, '--model', 'T1000']);
    expect(imported.code, imported.stderr).toBe(0);

    // The ports are chosen here: the gateway cannot print them anywhere.
    const [httpPort, mqttPort] = [await freePort(), await freePort()];
    const full = openSync('/dev/full', 'w');
    proc = spawn(
      process.execPath,
      [
        HWBIND,
        'gateway',
        '--data',
        data,
        '--host',
        '127.0.0.1',
        '--http-port',
        String(httpPort),
        '--mqtt-port',
        String(mqttPort),
        '--mqtt-tls-port',
        '0',
      ],
      { stdio: ['ignore', full, full], env: { ...process.env, CI: 'true' } },
    );
    closeSync(full);
    const running = proc;
    const exited = new Promise<{ code: number | null; signal: string | null }>((resolve) =>
      running.once('exit', (code, signal) => resolve({ code, signal })),
    );
    const http = `http://127.0.0.1:${httpPort}`;
    await until('/healthz', async () => {
      if (running.exitCode !== null) throw new Error(`the gateway exited with ${running.exitCode}`);
      const res = await fetch(`${http}/healthz`).catch(() => null);
      return res?.status === 200 ? true : null;
    });

    const client = await connected(`mqtt://127.0.0.1:${mqttPort}`, device);
    const inbox = await subscribeOwn(client, device.sn);
    await publish(
      client,
      device.sn,
      'up/hello',
      envelope('hello', { model: 'T1000', firmwareVersion: '1.0.0', capabilities: [1] }, { id: 'h1' }),
    );
    expect((await inbox.body('helloAck')).env.replyTo).toBe('h1');
    await client.endAsync();

    const metrics = await (await fetch(`${http}/metrics`)).text();
    expect(metrics).toMatch(/^hwbind_log_lines_dropped_total [1-9]\d*$/m);
    expect((await fetch(`${http}/healthz`)).status).toBe(200);

    running.kill('SIGTERM');
    expect(await exited).toEqual({ code: 0, signal: null });
  });
});

describe('LogSink', () => {
  it('counts lines a failing output refuses', async () => {
    const full = openSync('/dev/full', 'w');
    const sink = new LogSink(full);
    for (let i = 0; i < 3; i++) sink.write(`line ${i}\n`);
    await sink.drained(5000);
    closeSync(full);
    expect(sink.dropped).toBe(3);
  });

  it('drops what would queue past its limit behind a slow output', async () => {
    const nul = openSync('/dev/null', 'w');
    const sink = new LogSink(nul, 100);
    // The first line is being written; the next two fill the queue; the rest do not fit.
    for (let i = 0; i < 10; i++) sink.write(`${'x'.repeat(49)}\n`);
    await sink.drained(5000);
    closeSync(nul);
    expect(sink.dropped).toBe(7);
  });
});
