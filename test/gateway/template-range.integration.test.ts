// Templates and enrolled kinds follow the usable range, end to end: a real gateway, two `hwbind sim
// device` terminals and a bare MQTT fingerprint reader of the same vendor. Enrollments on one terminal
// reach the devices holding the person, whose directory entries then carry the kinds the person is
// enrolled in there (the reader: fingerprint only). A directory import that moves people between
// departments changes who is in each range: the person who left is removed from the devices with
// their templates, the person who joined arrives with their stored templates, and a later hello finds
// nothing more to send.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Api, ResponseOf } from '../../protocol/api.js';
import { type BodyOf, type Envelope, type EnvelopeInit, envelope } from '../../protocol/messages.js';
import { connected, type Inbox, publish, subscribeOwn } from '../helpers/devices.js';
import { ACME, type Enterprise, startEnterprise } from '../helpers/enterprise.js';
import { tempDir } from '../helpers/processes.js';
import { runSimDevice, type SimProcess } from '../helpers/sim.js';
import { until } from '../helpers/until.js';

const FACE = 1;
const FP = 2;
const SRC = 'TRNGSRC1'; // terminal for hq (everyone): where people enroll
const DST = 'TRNGDST1'; // terminal for rd (carol, through fw)
const RDR = 'TRNGRDR1'; // bare fingerprint reader for rd

type EnrollmentBody = ResponseOf<Api['person.getEnrollment']>;

let ent: Enterprise;
const stateDir = tempDir('hwbind-trange-sim-');
const sims = new Map<string, SimProcess>();
let reader: {
  inbox: Inbox;
  bindingId: string;
  send: (topic: 'up/hello' | 'up/reply', env: EnvelopeInit) => Promise<unknown>;
};

const alice = () => ent.person('acme', 'alice');

async function active(sn: string): Promise<void> {
  await until(`${sn} active`, async () => {
    const r = await alice().call<{ binding: { status: string } }>('GET', `/devices/${sn}`);
    return r.body.binding?.status === 'active' ? true : null;
  });
}

async function enroll(userid: string, kind: 'face' | 'fingerprint'): Promise<EnrollmentBody> {
  const started = await alice().call<EnrollmentBody>('POST', `/devices/${SRC}/enrollments`, { userid, kind });
  expect(started.status, JSON.stringify(started.body)).toBe(202);
  const ended = await until(
    `enrollment of ${userid}'s ${kind}`,
    async () => {
      const r = await alice().call<EnrollmentBody>('GET', `/enrollments/${started.body.id}`);
      return r.body.status === 'requested' || r.body.status === 'capturing' ? null : r.body;
    },
    20_000,
  );
  expect(ended.status).toBe('completed');
  return ended;
}

const flash = (sn: string) => sims.get(sn)!.flash()!;
const kindsIn = (sn: string, userid: string) =>
  flash(sn).directory.users.find((u) => u.userid === userid)?.enrolledKinds;
const templatesIn = (sn: string) =>
  flash(sn)
    .templates.map((t) => `${t.userid}:${t.kind}:${t.sha256}`)
    .sort();

/** The reader's messages of one kind, in arrival order. */
const received = (body: 'directorySync' | 'templateSync'): Envelope[] =>
  reader.inbox.received.filter((m) => m.env.body === body).map((m) => m.env);

/** Waits for the reader's n-th message of a kind and acknowledges it. */
async function nth<B extends 'directorySync' | 'templateSync'>(body: B, n: number): Promise<NonNullable<Envelope[B]>> {
  const env = await until(`${body} #${n} on the reader`, () => received(body)[n - 1] ?? null);
  await reader.send('up/reply', envelope('ack', {}, { replyTo: env.id }));
  return env[body]!;
}

const entries = (sync: BodyOf<'directorySync'>) =>
  (sync.upserts ?? []).map((u) => ({
    userid: u.userid,
    departmentIds: u.departmentIds,
    enrolledKinds: u.enrolledKinds,
  }));

beforeAll(async () => {
  ent = await startEnterprise({ face: [SRC, DST], label: [RDR] });
  for (const sn of [SRC, DST]) {
    const p = runSimDevice({ bundleFile: ent.devices.get(sn)!.bundleFile, stateDir, mqttUrl: ent.gw.mqttUrl, sn });
    sims.set(sn, p);
    await p.online();
  }
  const client = await connected(ent.gw.mqttUrl, { sn: RDR, secret: ent.devices.get(RDR)!.secret, model: 'R200' });
  const inbox = await subscribeOwn(client, RDR);
  reader = {
    inbox,
    bindingId: '',
    send: (topic, env) => publish(client, RDR, topic, env),
  };
  await reader.send('up/hello', envelope('hello', { model: 'R200', firmwareVersion: '1.0.0' }));
  await inbox.body('helloAck');

  const bind = async (body: Record<string, unknown>) => {
    const r = await alice().call<{ bindingId: string }>('POST', '/bindings', body);
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    return r.body.bindingId;
  };
  await bind({ qr: ent.dynamicQr(SRC), usableRange: { departments: ['hq'] } });
  await bind({ qr: ent.dynamicQr(DST), usableRange: { departments: ['rd'] } });
  reader.bindingId = await bind({ sn: RDR, verifyCode: ent.labelCode(RDR), usableRange: { departments: ['rd'] } });
  await reader.send('up/reply', envelope('ack', {}, { replyTo: (await inbox.body('bindNotice')).env.id }));
  await Promise.all([SRC, DST, RDR].map(active));
  const full = await nth('directorySync', 1);
  expect(entries(full)).toEqual([{ userid: 'carol', departmentIds: ['fw'], enrolledKinds: [] }]);
}, 90_000);

afterAll(async () => {
  await reader?.inbox.client.endAsync();
  await Promise.all([...sims.values()].map((p) => p.stop()));
  expect(await ent?.gw.stop()).toBe(0);
});

describe('templates and enrolled kinds follow the usable range', () => {
  let carolFp: EnrollmentBody;
  let carolFace: EnrollmentBody;
  let erinFp: EnrollmentBody;

  it('sends an enrollment to the devices holding the person, with the kinds they are enrolled in there', async () => {
    carolFp = await enroll('carol', 'fingerprint');
    carolFace = await enroll('carol', 'face');
    const carols = [`carol:${FACE}:${carolFace.template!.sha256}`, `carol:${FP}:${carolFp.template!.sha256}`].sort();
    await until('carol’s templates and kinds on the other terminal', () =>
      templatesIn(DST).join() === carols.join() && kindsIn(DST, 'carol')?.join() === `${FACE},${FP}` ? true : null,
    );
    await until('carol’s kinds on the terminal she enrolled on', () =>
      kindsIn(SRC, 'carol')?.join() === `${FACE},${FP}` ? true : null,
    );
    // The reader has no camera: her fingerprint, and only that kind in its directory.
    const sync = await nth('templateSync', 1);
    expect(sync.removedUserids).toEqual(['carol']);
    expect(sync.upserts!.map((t) => [t.userid, t.kind, Buffer.from(t.sha256!).toString('hex')])).toEqual([
      ['carol', FP, carolFp.template!.sha256],
    ]);
    const increment = await nth('directorySync', 2);
    expect(increment).toMatchObject({ version: 2, baseVersion: 1 });
    expect(entries(increment)).toEqual([{ userid: 'carol', departmentIds: ['fw'], enrolledKinds: [FP] }]);

    // erin is in ops, outside rd: her fingerprint stays off the devices for rd.
    erinFp = await enroll('erin', 'fingerprint');
    await until('erin’s kinds on the terminal she enrolled on', () =>
      kindsIn(SRC, 'erin')?.join() === `${FP}` ? true : null,
    );
    expect(templatesIn(DST).join()).toBe(carols.join());
  });

  it('after an import moves people between departments: the leaver goes with their templates, the joiner comes with theirs', async () => {
    const moved = ACME.replace(
      'departments: [fw], visibility: {departments: [rd]',
      'departments: [ops], visibility: {departments: [rd]',
    ).replace(
      '{userid: erin, name: Erin Member, role: member, departments: [ops]',
      '{userid: erin, name: Erin Member, role: member, departments: [fw]',
    );
    expect(moved).not.toBe(ACME);
    await ent.admin('PUT', '/corps/acme/directory', moved, 'application/yaml');
    const erins = [`erin:${FP}:${erinFp.template!.sha256}`];

    // The simulated terminal: erin in, with her fingerprint and its kind; carol out, templates and all.
    await until('the terminal for rd holds erin instead of carol', () =>
      flash(DST)
        .directory.users.map((u) => u.userid)
        .join() === 'erin' &&
      kindsIn(DST, 'erin')?.join() === `${FP}` &&
      templatesIn(DST).join() === erins.join()
        ? true
        : null,
    );

    // The reader, message by message: nothing of erin came before the import (messages arrive in order).
    const increment = await nth('directorySync', 3);
    expect(increment).toMatchObject({ version: 3, baseVersion: 2, removedUserids: ['carol'] });
    expect(entries(increment)).toEqual([{ userid: 'erin', departmentIds: ['fw'], enrolledKinds: [FP] }]);
    const sync = await nth('templateSync', 2);
    expect(sync.removedUserids).toEqual(['carol', 'erin']);
    expect(sync.upserts!.map((t) => [t.userid, t.kind, Buffer.from(t.sha256!).toString('hex')])).toEqual([
      ['erin', FP, erinFp.template!.sha256],
    ]);

    // The gateway knows what the reader holds now: after two hellos (the second answered after all the
    // first set off) no further template or directory message has come.
    for (let i = 0; i < 2; i++) {
      const hello = envelope('hello', {
        model: 'R200',
        firmwareVersion: '1.0.0',
        directoryVersion: 3,
        bindingId: reader.bindingId,
      });
      await reader.send('up/hello', hello);
      await reader.inbox.waitFor((m) => m.env.replyTo === hello.id);
    }
    expect(received('templateSync')).toHaveLength(2);
    expect(received('directorySync')).toHaveLength(3);
    // The terminal for everyone keeps both, carol now in ops, with their kinds.
    await until('the terminal for hq follows the move', () =>
      flash(SRC)
        .directory.users.find((u) => u.userid === 'carol')
        ?.departmentIds.join() === 'ops'
        ? true
        : null,
    );
    expect(kindsIn(SRC, 'carol')).toEqual([FACE, FP]);
    expect(kindsIn(SRC, 'erin')).toEqual([FP]);
    expect(reader.inbox.received.filter((m) => m.env.body === 'error')).toEqual([]);
  });
});
