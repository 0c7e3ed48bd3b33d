// `hwbind demo`: one process runs a gateway on the embedded store, a demo enterprise (admins,
// members, departments, apps, member binding on) and simulated demo devices that connect to it
// over real MQTT, and prints what to open.
import { join } from 'node:path';
import type { Command } from 'commander';
import QRCode from 'qrcode';
import { resolveConfig } from '../gateway/config.js';
import { Gateway } from '../gateway/gateway.js';
import { isHwbindError } from '../protocol/errors.js';
import { addDeviceUrls, dynamicQrUrl, labelQrUrl, verificationCode } from '../protocol/qr.js';
import { SimDevice } from '../simulator/device.js';
import { Flash } from '../simulator/flash.js';

export const DEMO_DIRECTORY = `
corp: {id: demo, name: Demo Corp}
memberBinding: true
departments:
  - {id: hq, name: Headquarters}
  - {id: rd, name: R&D, parent: hq}
  - {id: fw, name: Firmware, parent: rd}
  - {id: ops, name: Operations, parent: hq}
members:
  - {userid: alice, name: Alice Admin, role: super_admin, departments: [hq], visibility: {departments: [hq]}}
  - {userid: bob, name: Bob Binder, role: admin, canBindDevices: true, departments: [ops], visibility: {departments: [hq]}}
  - {userid: dave, name: Dave Viewer, role: admin, canBindDevices: false, departments: [ops], visibility: {departments: [ops]}}
  - {userid: carol, name: Carol Member, role: member, departments: [fw], visibility: {departments: [rd], users: [alice]}}
  - {userid: erin, name: Erin Member, role: member, departments: [ops], visibility: {departments: [ops]}}
apps:
  - {id: attendance, name: Attendance, admins: [carol, alice]}
  - {id: visitors, name: Visitor Access, admins: [bob]}
`;

export const DEMO_DEVICES = [
  { sn: 'DEMOFACE0001', model: 'HW-FACE-T1', label: false },
  { sn: 'DEMOFACE0002', model: 'HW-FACE-T1', label: false },
  { sn: 'DEMOFP0001', model: 'HW-FP-S1', label: true },
];

export function registerDemoCommand(program: Command): void {
  program
    .command('demo')
    .description('run a gateway with a demo enterprise and demo devices, and print URLs, login links and QR codes')
    .option('--data <dir>', 'data directory (env HWBIND_DATA, default ./data/demo)')
    .option('--mqtt-port <port>', 'MQTT port (env HWBIND_MQTT_PORT, default 1883)')
    .option('--http-port <port>', 'HTTP port (env HWBIND_HTTP_PORT, default 8080)')
    .option('--host <addr>', 'address to listen on (default 127.0.0.1)')
    .option('--public-url <url>', 'public base URL (default http://localhost:HTTP_PORT)')
    .addHelpText('after', '\nExamples:\n  $ npm run demo\n  $ hwbind demo --http-port 9080 --mqtt-port 2883\n')
    .action(async (flags) => {
      const config = resolveConfig({
        host: '127.0.0.1',
        ...flags,
        data: flags.data ?? process.env.HWBIND_DATA ?? './data/demo',
      });
      const gw = await Gateway.start(config);
      await seed(gw);
      const devices = await startDevices(gw);
      await printWelcome(gw);
      const stop = async () => {
        await Promise.all(devices.map((d) => d.stop()));
        await gw.stop();
        process.exit(0);
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
}

async function seed(gw: Gateway): Promise<void> {
  const ignoreExisting = (err: unknown) => {
    if (!isHwbindError(err, 'conflict')) throw err;
  };
  await gw.provisioning
    .addModel({
      id: 'HW-FACE-T1',
      name: 'Face terminal T1',
      vendor: 'hwbind-demo',
      capabilities: 'face,fingerprint,card,door,screen',
    })
    .catch(ignoreExisting);
  await gw.provisioning
    .addModel({
      id: 'HW-FP-S1',
      name: 'Fingerprint reader S1',
      vendor: 'hwbind-demo',
      capabilities: 'fingerprint,card,door',
    })
    .catch(ignoreExisting);
  for (const d of DEMO_DEVICES) await gw.provisioning.addDevice({ sn: d.sn, modelId: d.model }).catch(ignoreExisting);
  await gw.enterprises.importDirectory('demo', DEMO_DIRECTORY);
}

/** The demo devices, simulated in this process: they reach the gateway over MQTT like real ones. */
async function startDevices(gw: Gateway): Promise<SimDevice[]> {
  const devices: SimDevice[] = [];
  for (const d of DEMO_DEVICES) {
    const bundle = await gw.provisioning.bundle(d.sn, { mqttUrl: gw.urls.mqtt, publicUrl: gw.config.publicUrl });
    const device = new SimDevice({
      flashDir: Flash.forDevice(join(gw.config.data, 'simulated-devices'), d.sn).dir,
      bundle,
      mqttUrl: gw.urls.mqtt,
      log: (line) => gw.logger.info({ component: 'simulator' }, line),
    });
    await device.start();
    devices.push(device);
  }
  return devices;
}

async function printWelcome(gw: Gateway): Promise<void> {
  const lines: string[] = [];
  const say = (s = '') => lines.push(s);
  const pub = gw.config.publicUrl;
  say(`hwbind demo is running with ${DEMO_DEVICES.length} simulated devices. Ctrl-C stops it.`);
  say();
  say(`  MQTT (devices)   ${gw.urls.mqtt}    MQTT over WebSocket ${gw.urls.ws}`);
  say(`  HTTP             ${gw.urls.http}   API docs ${gw.urls.http}/docs   metrics ${gw.urls.http}/metrics`);
  say(`  admin API token  ${await gw.tokens.adminToken()}`);
  say();
  say('People of "Demo Corp" (member binding is on), with a 7-day bearer token each:');
  for (const [userid, role] of [
    ['alice', 'super admin'],
    ['bob', 'admin with the device-binding permission'],
    ['dave', 'admin without it'],
    ['carol', 'member, administers the Attendance app'],
    ['erin', 'member'],
  ] as const) {
    const token = await gw.tokens.issue({ corpId: 'demo', userid }, 7 * 86400);
    say(`  ${userid.padEnd(6)} ${role}`);
    say(`         ${token}`);
  }
  say();
  say(`Members start binding at ${addDeviceUrls(pub).short} (generic QR below), or scan a device QR.`);
  say(await QRCode.toString(addDeviceUrls(pub).short, { type: 'terminal', small: true }));
  for (const d of DEMO_DEVICES) {
    const device = await gw.store.getDevice(d.sn);
    if (!device) continue;
    if (d.label) {
      say(
        `${d.sn} (${d.model}, no screen): label ${labelQrUrl(pub, d.sn)}  verification code ${verificationCode(device.secret, d.sn)}`,
      );
    } else {
      say(`${d.sn} (${d.model}): dynamic QR, valid 30 minutes`);
      say(`  ${dynamicQrUrl(pub, d.sn, device.secret)}`);
    }
  }
  process.stdout.write(`${lines.join('\n')}\n`);
}
