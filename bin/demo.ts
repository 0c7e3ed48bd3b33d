// `hwbind demo`: one process runs a gateway on the embedded store, a demo enterprise (admins,
// members, departments, apps, member binding on) and simulated demo devices that connect to it
// over real MQTT, and prints what to open.
import { join } from 'node:path';
import type { Command } from 'commander';
import QRCode from 'qrcode';
import { resolveConfig } from '../gateway/config.js';
import { Gateway } from '../gateway/gateway.js';
import { isHwbindError } from '../protocol/errors.js';
import { addDeviceUrls, trimBase } from '../protocol/qr.js';
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
      const stop = async () => {
        await Promise.all(devices.map((d) => d.stop()));
        await gw.stop();
        process.exit(0);
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
      // Printed once a stop signal is handled: whoever waits for the welcome may send one at once.
      await printWelcome(gw, devices);
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
      mqttUrls: [gw.urls.mqtt],
      log: (line) => gw.logger.info({ component: 'simulator' }, line),
    });
    await device.start();
    devices.push(device);
  }
  return devices;
}

const DEMO_PEOPLE = [
  ['alice', 'super admin: every device, the member-binding switch and webhooks', '/admin'],
  ['bob', 'admin with the device-binding permission', '/hw/devices'],
  ['dave', 'admin without it: binds as a member would', '/hw/addDevice'],
  ['carol', 'member in Firmware; administers the Attendance app', '/hw/addDevice'],
  ['erin', 'member in Operations', '/hw/addDevice'],
] as const;

async function printWelcome(gw: Gateway, devices: SimDevice[]): Promise<void> {
  const lines: string[] = [];
  const say = (s = '') => lines.push(s);
  const pub = trimBase(gw.config.publicUrl);
  say(
    `hwbind demo: a gateway, the enterprise "Demo Corp" (member binding on) and ${DEMO_DEVICES.length} simulated devices.`,
  );
  say('Ctrl-C stops it; data lives in ' + gw.config.data + '.');
  say();
  say('Sign in as a demo person: open their link in a browser (valid 7 days; a phone-sized window suits the pages).');
  for (const [userid, role, next] of DEMO_PEOPLE) {
    const token = await gw.tokens.issue({ corpId: 'demo', userid }, 7 * 86400);
    say(`  ${userid.padEnd(6)} ${role}`);
    say(`         ${pub}/login?token=${token}&next=${encodeURIComponent(next)}`);
  }
  say();
  say('The story to try:');
  say(
    "  1. Open Carol's link: the add-device page. Upload a screenshot of DEMOFACE0001's QR code below, or open its URL.",
  );
  say('  2. Pick who may use the device (only people Carol can see are offered; Visitor Access is greyed out: she');
  say('     does not administer it) and confirm. The simulated device acknowledges and the page shows it bound, live.');
  say(
    '  3. Carol, Alice and Bob get a "device bound" notification (the badge in the header). Carol renames the device.',
  );
  say("  4. Open Bob's link: remove the device from the enterprise; the device wipes what the binding gave it.");
  say('  5. DEMOFP0001 has no screen: bind it with its SN and the verification code printed on its label.');
  say();
  say(`The generic add-device QR code (${addDeviceUrls(pub).short}):`);
  say(await QRCode.toString(addDeviceUrls(pub).short, { type: 'terminal', small: true }));
  for (const device of devices) {
    const screen = device.screen;
    const d = DEMO_DEVICES.find((x) => x.sn === device.sn)!;
    if (screen?.kind === 'dynamic_qr') {
      say(`${d.sn} (${d.model}) shows this QR code on its screen (valid 30 minutes, renewed every 10):`);
      say(`  ${screen.url}`);
      say(await QRCode.toString(screen.url, { type: 'terminal', small: true }));
    } else if (screen?.kind === 'label') {
      say(`${d.sn} (${d.model}, no screen): label ${screen.url}   verification code ${screen.verificationCode}`);
    } else if (screen?.kind === 'bound') {
      say(`${d.sn} (${d.model}) is bound to ${screen.corpName}.`);
    }
  }
  say();
  say(
    `Endpoints: HTTP ${gw.urls.http} (pages, API docs at /docs, metrics at /metrics)   MQTT ${gw.urls.mqtt}   MQTT/WS ${gw.urls.ws}`,
  );
  say(`Admin API token: ${await gw.tokens.adminToken()}`);
  process.stdout.write(`${lines.join('\n')}\n`);
  // The devices' screens keep changing (a renewed QR, bound, unbound): say so as it happens.
  for (const device of devices) {
    device.on('screen', (screen) => {
      if (screen.kind === 'dynamic_qr') process.stdout.write(`${device.sn} shows a new QR code: ${screen.url}\n`);
      else if (screen.kind === 'bound') process.stdout.write(`${device.sn} is now bound to ${screen.corpName}\n`);
      else process.stdout.write(`${device.sn} shows its label: ${screen.url} (code ${screen.verificationCode})\n`);
    });
  }
}
