// WebSocket upgrades anywhere but /mqtt are answered and closed at once: left open, each one held a
// file descriptor for good.
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type GatewayProcess, startGateway } from '../helpers/processes.js';

let gw: GatewayProcess;

beforeAll(async () => {
  gw = await startGateway();
});

afterAll(async () => {
  expect(await gw?.stop()).toBe(0);
});

/** Sends a raw upgrade request; resolves with what came back once the gateway closed the socket. */
function upgrade(path: string, stayOpenAfter?: RegExp): Promise<string> {
  const { hostname, port } = new URL(gw.httpUrl);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname);
    let received = '';
    socket.on('data', (d) => {
      received += d;
      // A successful handshake stays open for MQTT: the test ends it once it saw the answer.
      if (stayOpenAfter?.test(received)) socket.destroy();
    });
    socket.on('error', reject);
    socket.on('close', () => resolve(received));
    socket.write(
      `GET ${path} HTTP/1.1\r\nHost: ${hostname}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
        'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Protocol: mqtt\r\n\r\n',
    );
  });
}

describe('WebSocket upgrades', () => {
  it('on another path get 404 with Connection: close, and the socket is closed', { timeout: 10_000 }, async () => {
    for (const path of ['/nope', '/', '/mqtt/extra', '/healthz']) {
      const answer = await upgrade(path);
      expect(answer, path).toMatch(/^HTTP\/1\.1 404 Not Found\r\n/);
      expect(answer, path).toMatch(/\r\nConnection: close\r\n/i);
      expect(answer, path).toContain('"code":"not_found"');
    }
  });

  it('reset by the client before the answer do not take the gateway down', async () => {
    const { hostname, port } = new URL(gw.httpUrl);
    await Promise.all(
      Array.from(
        { length: 100 },
        () =>
          new Promise<void>((resolve) => {
            const socket = connect(Number(port), hostname, () => {
              socket.write(`GET /nope HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n`);
              socket.resetAndDestroy();
            });
            socket.on('error', () => {});
            socket.on('close', () => resolve());
          }),
      ),
    );
    expect((await fetch(`${gw.httpUrl}/healthz`)).status).toBe(200);
  });

  it('on /mqtt still switch protocols', { timeout: 10_000 }, async () => {
    expect(await upgrade('/mqtt', /\r\n\r\n/)).toMatch(/^HTTP\/1\.1 101 Switching Protocols\r\n/);
  });
});
