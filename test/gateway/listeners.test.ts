// Where the gateway listens: next to TLS, clear-text MQTT stays on loopback (127.0.0.1) unless asked
// for; a gateway reachable beyond loopback in clear text says so at start. 127.0.0.2 stands in for
// "another address": a listener bound to 127.0.0.1 does not accept there, one bound to 0.0.0.0 does.
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type GatewayProcess, startGateway, tempDir } from '../helpers/processes.js';
import { selfSignedCert } from '../helpers/tls.js';

function reachable(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = connect({ host, port }, () => {
      s.destroy();
      resolve(true);
    });
    s.on('error', () => resolve(false));
  });
}

const portOf = (url: string) => Number(new URL(url).port);
let tls: { cert: string; key: string };
const running: GatewayProcess[] = [];

beforeAll(() => {
  tls = selfSignedCert(tempDir('hwbind-tls-'));
});
afterAll(async () => {
  for (const gw of running) expect(await gw.stop()).toBe(0);
});

async function gateway(args: string[]): Promise<GatewayProcess> {
  const gw = await startGateway({ args: ['--host', '0.0.0.0', ...args] });
  running.push(gw);
  return gw;
}

describe('listeners', () => {
  it('with TLS, keeps clear-text MQTT on loopback while TLS listens everywhere', async () => {
    const gw = await gateway(['--tls-cert', tls.cert, '--tls-key', tls.key]);
    expect(await reachable('127.0.0.1', portOf(gw.mqttUrl))).toBe(true);
    expect(await reachable('127.0.0.2', portOf(gw.mqttUrl))).toBe(false);
    expect(await reachable('127.0.0.2', portOf(gw.mqttsUrl!))).toBe(true);
    expect(gw.logs()).not.toMatch(/in clear/);
  });

  it('with TLS and --plain-host, listens in clear where asked and warns', async () => {
    const gw = await gateway(['--tls-cert', tls.cert, '--tls-key', tls.key, '--plain-host', '0.0.0.0']);
    expect(await reachable('127.0.0.2', portOf(gw.mqttUrl))).toBe(true);
    expect(gw.logs()).toMatch(/clear-text MQTT listens beyond loopback next to TLS/);
  });

  it('without TLS, beyond loopback, warns that credentials cross the network in clear', async () => {
    const gw = await gateway([]);
    expect(await reachable('127.0.0.2', portOf(gw.mqttUrl))).toBe(true);
    expect(gw.logs()).toMatch(/without TLS: device credentials and login tokens cross the network in clear/);
  });
});
