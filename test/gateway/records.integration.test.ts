// Records with zero loss, end to end: real `hwbind sim device` processes punching records at a rate
// against a real gateway. Every record a device generated (its own records.log) must be stored
// exactly once — across a kill -9 of the gateway in the middle of the stream, network cuts in the
// middle of batches, and a power cut of a device holding unsent records. A bare MQTT device shows
// the protocol: a resent batch is stored once and acknowledged again, records of people outside the
// usable range are refused (admins see them, members do not), paging and CSV.
import { createServer, type Server, type Socket, connect as tcpConnect } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../bench/brokers.js';
import { type Envelope, envelope } from '../../protocol/messages.js';
import { Flash } from '../../simulator/flash.js';
import { readRecordLog } from '../../simulator/modules/records.js';
import { connected, publish, subscribeOwn } from '../helpers/devices.js';
import { type Enterprise, PUBLIC_URL, startEnterprise } from '../helpers/enterprise.js';
import { startGateway, tempDir } from '../helpers/processes.js';
import { expectStoredExactlyOnce as expectStored, type ListedRecord, listAll } from '../helpers/records.js';
import { runSimDevice, type SimProcess } from '../helpers/sim.js';
import { until } from '../helpers/until.js';

let ent: Enterprise;
const stateDir = tempDir('hwbind-rec-sim-');
const running: SimProcess[] = [];

beforeAll(async () => {
  ent = await startEnterprise({ face: ['RECF1', 'RECF2', 'RECF3', 'RECF4', 'RECF5'], label: ['RECL1'] });
});

afterAll(async () => {
  await Promise.all(running.map((p) => p.stop()));
  expect(await ent?.gw.stop()).toBe(0);
});

function sim(sn: string, args: string[] = [], mqttUrl = ent.gw.mqttUrl): SimProcess {
  const p = runSimDevice({ bundleFile: ent.devices.get(sn)!.bundleFile, stateDir, mqttUrl, sn, args });
  running.push(p);
  return p;
}

const flashDir = (sn: string) => Flash.forDevice(stateDir, sn).dir;

/** Online, with room for a slow start of the process on a busy machine. */
const online = (device: SimProcess, sn: string) =>
  until(`${sn} online`, () => (device.output().includes(`${sn} online`) ? true : null), 60_000);

/** How many records of the device the gateway lists (alice sees them all). */
async function storedCount(sn: string): Promise<number> {
  return (await listAll(ent.person('acme', 'alice'), `/devices/${sn}/records`)).length;
}

/** alice binds the device for everyone in the corp; resolves once the device holds its people. */
async function bind(sn: string, device: SimProcess): Promise<void> {
  const alice = ent.person('acme', 'alice');
  const r = await alice.call('POST', '/bindings', { qr: ent.dynamicQr(sn), usableRange: { departments: ['hq'] } });
  expect(r.status).toBe(201);
  await until(
    `${sn} holds its directory`,
    () => ((device.flash()?.directory.users.length ?? 0) >= 5 ? true : null),
    30_000,
  );
}

const expectStoredExactlyOnce = (sn: string, generated: number) =>
  expectStored(ent.person('acme', 'alice'), sn, flashDir(sn), generated);

const settled = (sn: string, device: SimProcess, generated: number) => () =>
  readRecordLog(flashDir(sn)).length === generated && device.flash()?.records.length === 0 ? true : null;

const mqttPort = () => new URL(ent.gw.mqttUrl).port;

describe('a kill -9 of the gateway in the middle of a stream of records', () => {
  it('loses nothing and stores nothing twice: every record of three devices is stored exactly once', async () => {
    const sns = ['RECF1', 'RECF2', 'RECF3'];
    const COUNT = 500;
    const devices = sns.map((sn) => sim(sn, ['--punch-rate', '80', '--punch-count', String(COUNT)]));
    await Promise.all(devices.map((d, i) => online(d, sns[i]!)));
    await Promise.all(sns.map((sn, i) => bind(sn, devices[i]!)));
    await until(
      'records flowing from every device',
      async () => ((await Promise.all(sns.map(storedCount))).every((n) => n >= 100) ? true : null),
      30_000,
    );
    const killed = new Promise((resolve) => ent.gw.proc.once('exit', resolve));
    ent.gw.proc.kill('SIGKILL');
    await killed;
    // The devices keep recording while the gateway is gone.
    const before = sns.map((sn) => readRecordLog(flashDir(sn)).length);
    await until('records queued while the gateway is down', () =>
      sns.every((sn, i) => readRecordLog(flashDir(sn)).length >= Math.min(COUNT, before[i]! + 40)) ? true : null,
    );
    ent.gw = await startGateway({
      data: ent.data,
      args: ['--public-url', PUBLIC_URL, '--mqtt-port', mqttPort()],
      env: { HWBIND_ADMIN_TOKEN: ent.adminToken },
    });
    for (const [i, sn] of sns.entries()) await until(`${sn} settled`, settled(sn, devices[i]!, COUNT), 60_000);
    for (const sn of sns) await expectStoredExactlyOnce(sn, COUNT);
  }, 120_000);
});

/** A TCP relay to the gateway's MQTT port whose connections the test can cut. */
async function relay(): Promise<{ url: string; cut(): number; close(): Promise<void> }> {
  const sockets = new Set<Socket>();
  const server: Server = createServer((inbound) => {
    const outbound = tcpConnect(Number(mqttPort()), '127.0.0.1');
    for (const [a, b] of [
      [inbound, outbound],
      [outbound, inbound],
    ] as const) {
      sockets.add(a);
      a.pipe(b);
      a.on('error', () => b.destroy());
      a.on('close', () => {
        sockets.delete(a);
        b.destroy();
      });
    }
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `mqtt://127.0.0.1:${(server.address() as { port: number }).port}`,
    cut: () => {
      const n = sockets.size;
      for (const s of sockets) s.destroy();
      return n;
    },
    close: () =>
      new Promise<void>((r) => {
        for (const s of sockets) s.destroy();
        server.close(() => r());
      }),
  };
}

describe('a device whose connection is cut in the middle of batches', () => {
  it('resends what was not acknowledged: nothing lost, nothing duplicated', async () => {
    const link = await relay();
    try {
      const COUNT = 1200;
      const device = sim('RECF4', ['--punch-rate', '150', '--punch-count', String(COUNT)], link.url);
      await online(device, 'RECF4');
      await bind('RECF4', device);
      // Three cuts, each once batches are flowing again (100 more records stored since the last one).
      let stored = 0;
      for (let cut = 0; cut < 3; cut++) {
        stored = await until(
          `records flowing before cut ${cut + 1}`,
          async () => {
            const n = await storedCount('RECF4');
            return n >= stored + 100 ? n : null;
          },
          30_000,
        );
        expect(link.cut()).toBeGreaterThan(0);
      }
      await until('RECF4 settled', settled('RECF4', device, COUNT), 60_000);
      await expectStoredExactlyOnce('RECF4', COUNT);
    } finally {
      await link.close();
    }
  }, 90_000);
});

describe('a power cut of a device holding unsent records', () => {
  it('sends them after it boots again', async () => {
    const first = sim('RECF5');
    await online(first, 'RECF5');
    await bind('RECF5', first);
    await first.stop();
    // Records punched where the gateway cannot be reached, then the power goes.
    const nowhere = `mqtt://127.0.0.1:${await freePort()}`;
    const offline = sim('RECF5', ['--punch-rate', '50', '--punch-count', '30'], nowhere);
    await until('30 records in flash', () => (offline.flash()?.records.length === 30 ? true : null));
    offline.proc.kill('SIGKILL');
    await offline.exited;
    expect(readRecordLog(join(stateDir, 'RECF5'))).toHaveLength(30);
    const back = sim('RECF5');
    await until('RECF5 settled', settled('RECF5', back, 30), 30_000);
    await expectStoredExactlyOnce('RECF5', 30);
  }, 60_000);
});

describe('the record protocol and who sees what', () => {
  it('stores a resent batch once, refuses people outside the range, and shows refusals to admins only', async () => {
    const sn = 'RECL1';
    const client = await connected(ent.gw.mqttUrl, { sn, secret: ent.devices.get(sn)!.secret, model: 'R200' });
    try {
      const inbox = await subscribeOwn(client, sn);
      await publish(client, sn, 'up/hello', envelope('hello', { model: 'R200', firmwareVersion: '1.0.0' }));
      await inbox.body('helloAck');
      const carol = ent.person('acme', 'carol');
      const alice = ent.person('acme', 'alice');
      // carol (a member) binds it for firmware and alice.
      const bound = await carol.call('POST', '/bindings', {
        sn,
        verifyCode: ent.labelCode(sn),
        usableRange: { departments: ['fw'], users: ['alice'] },
      });
      expect(bound.status).toBe(201);
      const notice = await inbox.body('bindNotice');
      await publish(client, sn, 'up/reply', envelope('ack', {}, { replyTo: notice.env.id }));
      await inbox.body('directorySync');

      const T = 1_764_000_000_000;
      const records = [
        { seq: 1, userid: 'carol', timeMs: T, direction: 1, method: 4 },
        { seq: 2, userid: 'alice', timeMs: T + 1000, direction: 2, method: 5, cardNo: 'C-7' },
        { seq: 3, userid: 'erin', timeMs: T + 2000, direction: 1, method: 4 },
      ];
      const send = async (): Promise<Envelope> => {
        const batch = envelope('recordBatch', { records });
        await publish(client, sn, 'up/records', batch);
        return (await inbox.waitFor((m) => m.env.replyTo === batch.id)).env;
      };
      const ack = await send();
      expect(ack.recordAck?.stored).toEqual([1, 2]);
      expect(ack.recordAck?.rejected).toEqual([expect.objectContaining({ seq: 3, code: 'user_out_of_range' })]);
      // The ack was "lost": the device sends the same records again and gets the same answer.
      const again = await send();
      expect(again.recordAck?.stored).toEqual([1, 2]);
      expect(again.recordAck?.rejected).toEqual([expect.objectContaining({ seq: 3, code: 'user_out_of_range' })]);

      // The member who bound it sees the attendance, newest first, and no refusals.
      const mine = await carol.call<{ records: ListedRecord[]; next: string | null }>('GET', `/devices/${sn}/records`);
      expect(mine.status).toBe(200);
      expect(mine.body.next).toBeNull();
      expect(mine.body.records).toEqual([
        {
          sn,
          seq: 2,
          userid: 'alice',
          name: 'Alice Admin',
          ts: T + 1000,
          direction: 'out',
          method: 'card',
          status: 'stored',
        },
        {
          sn,
          seq: 1,
          userid: 'carol',
          name: 'Carol Member',
          ts: T,
          direction: 'in',
          method: 'fingerprint',
          status: 'stored',
        },
      ]);
      expect((await carol.call('GET', `/devices/${sn}/records?refused=true`)).body.error?.code).toBe('forbidden');
      expect((await carol.call('GET', '/records')).body.error?.code).toBe('forbidden');
      // erin, a member who did not bind it, sees nothing of it.
      expect((await ent.person('acme', 'erin').call('GET', `/devices/${sn}/records`)).body.error?.code).toBe(
        'device_permission_denied',
      );

      // A device admin sees the refused record with its reason, here and corp-wide.
      const all = await listAll(alice, `/devices/${sn}/records`);
      expect(all.map((r) => [r.seq, r.status, r.reason])).toEqual([
        [3, 'refused', 'user_out_of_range'],
        [2, 'stored', undefined],
        [1, 'stored', undefined],
      ]);
      const refused = await alice.call<{ records: ListedRecord[] }>('GET', '/records?refused=true');
      expect(refused.body.records.map((r) => [r.sn, r.seq, r.userid])).toEqual([[sn, 3, 'erin']]);

      // Filters, keyset paging in a stable order, CSV.
      const byCarol = await alice.call<{ records: ListedRecord[] }>('GET', `/devices/${sn}/records?userid=carol`);
      expect(byCarol.body.records.map((r) => r.seq)).toEqual([1]);
      const window = await alice.call<{ records: ListedRecord[] }>(
        'GET',
        `/devices/${sn}/records?from=${T + 1000}&to=${T + 2000}`,
      );
      expect(window.body.records.map((r) => r.seq)).toEqual([2]);
      const pages: number[][] = [];
      let cursor: string | null = null;
      do {
        const page: { body: { records: ListedRecord[]; next: string | null } } = await alice.call(
          'GET',
          `/devices/${sn}/records?order=asc&limit=2${cursor ? `&cursor=${cursor}` : ''}`,
        );
        pages.push(page.body.records.map((r) => r.seq));
        cursor = page.body.next;
      } while (cursor);
      expect(pages).toEqual([[1, 2], [3]]);
      expect((await alice.call('GET', `/devices/${sn}/records?cursor=nonsense`)).body.error?.code).toBe(
        'invalid_argument',
      );
      const csv = await fetch(`${ent.gw.httpUrl}/api/v1/devices/${sn}/records?format=csv&order=asc`, {
        headers: { authorization: `Bearer ${alice.token}` },
      });
      expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
      expect((await csv.text()).trim().split('\r\n')).toEqual([
        'sn,seq,userid,name,ts,time,direction,method,status,reason',
        `${sn},1,carol,Carol Member,${T},${new Date(T).toISOString()},in,fingerprint,stored,`,
        `${sn},2,alice,Alice Admin,${T + 1000},${new Date(T + 1000).toISOString()},out,card,stored,`,
        `${sn},3,erin,Erin Member,${T + 2000},${new Date(T + 2000).toISOString()},in,fingerprint,refused,user_out_of_range`,
      ]);

      // More than 200 records in a batch is refused as a whole, and nothing is stored.
      const tooMany = envelope('recordBatch', {
        records: Array.from({ length: 201 }, (_, i) => ({ seq: 100 + i, userid: 'carol', timeMs: T })),
      });
      await publish(client, sn, 'up/records', tooMany);
      const error = await inbox.waitFor((m) => m.env.replyTo === tooMany.id);
      expect(error.env.error?.code).toBe('invalid_argument');
      expect(await listAll(alice, `/devices/${sn}/records`)).toHaveLength(3);
    } finally {
      await client.endAsync();
    }
  });
});
