// Rollouts against a real gateway: a department's devices (real simulated firmware) upgraded in
// doubling waves, each wave after the previous one ended, followed with the CLI's --watch; an abort
// threshold that cancels the devices not started and the jobs not yet taken (a device asking for a
// cancelled job's chunk is told fw_job_ended); pause, a gateway restart while paused (nothing starts
// meanwhile, the rollout is still there), resume at the rate, abort. Devices that fail or never answer
// are bare protocol-level devices the test drives.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { MqttClient } from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Api, ResponseOf } from '../../protocol/api.js';
import { createApiClient } from '../../protocol/api-client.js';
import { buildFirmwareImage, generateVendorKeys } from '../../protocol/firmware.js';
import { bodyOf, decodeEnvelope, envelope, pb } from '../../protocol/messages.js';
import { verificationCode } from '../../protocol/qr.js';
import { runningSlot } from '../../simulator/slots.js';
import { runInProcess } from '../helpers/cli-in-process.js';
import { connected, type Inbox, publish, subscribeOwn } from '../helpers/devices.js';
import { type Enterprise, startEnterprise } from '../helpers/enterprise.js';
import { tempDir } from '../helpers/processes.js';
import { runSimDevice, type SimProcess } from '../helpers/sim.js';
import { until } from '../helpers/until.js';

type Rollout = ResponseOf<Api['admin.getRollout']>;
type Job = ResponseOf<Api['person.getJob']>;

const MODEL = 'R300';
const vendor = generateVendorKeys();
let ent: Enterprise;
const secrets = new Map<string, string>();
const sims: SimProcess[] = [];
const bare: MqttClient[] = [];
const stateDir = tempDir('hwbind-rollout-sim-');

const admin = () => createApiClient(ent.gw.httpUrl, ent.adminToken);
const rollout = (id: string) => admin().call('admin.getRollout', { params: { id } });
const remote = () => ['--gateway', ent.gw.httpUrl, '--token', ent.adminToken];

async function register(sn: string): Promise<string> {
  const bundle = await ent.admin<{ secret: string }>('POST', '/devices', { sn, model: MODEL });
  secrets.set(sn, bundle.secret);
  const file = join(ent.data, `${sn}.json`);
  writeFileSync(file, JSON.stringify(bundle));
  return file;
}

async function bind(sn: string, departments: string[]): Promise<void> {
  const r = await ent.person('acme', 'alice').call('POST', '/bindings', {
    sn,
    verifyCode: verificationCode(secrets.get(sn)!, sn),
    usableRange: { departments },
  });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  await until(`${sn} active`, async () => {
    const d = await ent.person('acme', 'alice').call<{ binding: { status: string } }>('GET', `/devices/${sn}`);
    return d.body.binding?.status === 'active' ? true : null;
  });
}

/**
 * A protocol-level device, bound: it acknowledges its BindNotice and answers a firmware offer as told
 * (`fail`: FirmwareResult FAILED at once; `silent`: nothing, so its job stays queued).
 */
async function bareDevice(sn: string, answer: 'fail' | 'silent'): Promise<{ client: MqttClient; inbox: Inbox }> {
  await register(sn);
  const client = await connected(ent.gw.mqttUrl, { sn, secret: secrets.get(sn)!, model: MODEL });
  bare.push(client);
  const inbox = await subscribeOwn(client, sn);
  client.on('message', (_topic, payload) => {
    const env = decodeEnvelope(payload);
    if (env.body === 'bindNotice') void publish(client, sn, 'up/reply', envelope('ack', {}, { replyTo: env.id }));
    if (env.body === 'firmwareOffer' && answer === 'fail') {
      const offer = bodyOf(env, 'firmwareOffer');
      void publish(
        client,
        sn,
        'up/firmware',
        envelope('firmwareResult', {
          jobId: offer.jobId,
          outcome: pb.FirmwareOutcome.FIRMWARE_OUTCOME_FAILED,
          version: '1.0.0',
          code: 'internal',
          message: 'flash write error',
        }),
      );
    }
  });
  await publish(client, sn, 'up/hello', envelope('hello', { model: MODEL, firmwareVersion: '1.0.0' }));
  await inbox.body('helloAck');
  await bind(sn, []);
  return { client, inbox };
}

beforeAll(async () => {
  ent = await startEnterprise({});
  await ent.admin('POST', '/models', {
    id: MODEL,
    name: 'Reader',
    capabilities: 'fingerprint,door',
    vendorKey: vendor.publicKeyPem,
  });
  const image = buildFirmwareImage(
    { model: MODEL, version: '1.1.0', payload: Buffer.alloc(64 * 1024, 9) },
    vendor.privateKeyPem,
  );
  await ent.publishFirmware(image);
}, 120_000);

afterAll(async () => {
  for (const c of bare) c.end(true);
  await Promise.all(sims.map((p) => p.stop()));
  await ent?.gw.stop();
});

describe('rollouts', () => {
  it("a department's devices in doubling waves, each after the previous one ended, followed with --watch", async () => {
    const keyFile = join(ent.data, 'vendor.pub');
    writeFileSync(keyFile, vendor.publicKeyPem);
    // rd ⊃ fw: RW1-RW4 serve people of rd or fw; RW5 serves ops only.
    const ranges: [string, string[]][] = [
      ['RW1', ['rd']],
      ['RW2', ['fw']],
      ['RW3', ['rd']],
      ['RW4', ['hq']],
      ['RW5', ['ops']],
    ];
    for (const [sn, departments] of ranges) {
      const dev = runSimDevice({
        bundleFile: await register(sn),
        stateDir,
        mqttUrl: ent.gw.mqttUrl,
        sn,
        args: ['--vendor-key', keyFile, '--firmware', '1.0.0'],
      });
      sims.push(dev);
      await dev.online();
      await bind(sn, departments);
    }
    const watched = await runInProcess([
      ...['firmware', 'rollout', 'start', ...remote(), '--model', MODEL, '--version', '1.1.0'],
      ...['--corp', 'acme', '--department', 'rd', '--waves', '1', '--abort-at', '50%', '--watch'],
    ]);
    expect(watched.code, watched.stderr).toBe(0);
    expect(watched.stdout).toMatch(/completed {2}4 succeeded, 0 failed, 0 rolled back, 0 running, 0 waiting/);
    const id = /^(ro_\S+)/m.exec(watched.stdout)![1]!;
    const r = await rollout(id);
    expect(r).toMatchObject({ state: 'completed', target: { kind: 'department', corp: 'acme', department: 'rd' } });
    // hq holds everyone: RW4 serves rd's people too. RW5 serves ops only.
    expect(r.devices!.map((d) => [d.sn, d.wave, d.jobState])).toEqual([
      ['RW1', 0, 'succeeded'],
      ['RW2', 1, 'succeeded'],
      ['RW3', 1, 'succeeded'],
      ['RW4', 2, 'succeeded'],
    ]);
    const jobs = await Promise.all(
      r.devices!.map(async (d) => (await ent.person('acme', 'alice').call<Job>('GET', `/jobs/${d.jobId}`)).body),
    );
    const waves = r.devices!.map((d) => d.wave!);
    for (const [a, earlier] of jobs.entries())
      for (const [b, later] of jobs.entries())
        if (waves[a]! < waves[b]!) expect(later.createdAt).toBeGreaterThanOrEqual(earlier.endedAt!);
    expect(jobs.every((j) => j.rolloutId === id && j.requestedBy === '')).toBe(true);
    for (const dev of sims.slice(0, 4))
      expect(runningSlot(dev.flash()!)).toMatchObject({ version: '1.1.0', state: 'confirmed' });
    expect(runningSlot(sims[4]!.flash()!).version).toBe('1.0.0');
  }, 180_000);

  it('aborts past the failure threshold: the devices not started and the jobs not taken are cancelled', async () => {
    const failing = ['RF1', 'RF2'];
    const silent = ['RF3', 'RF4', 'RF5', 'RF6'];
    const devices = new Map<string, Awaited<ReturnType<typeof bareDevice>>>();
    for (const sn of failing) devices.set(sn, await bareDevice(sn, 'fail'));
    for (const sn of silent) devices.set(sn, await bareDevice(sn, 'silent'));
    // RF3 goes first and takes its offer without ever answering: its job is still queued at the abort.
    // One start every 2 s: RF1 and RF2 fail (at once, on their offers) long before RF4's turn comes,
    // also on a busy machine.
    const { rollout: created } = await admin().call('admin.createRollout', {
      body: {
        model: MODEL,
        version: '1.1.0',
        sns: ['RF3', 'RF1', 'RF2', 'RF4', 'RF5', 'RF6'],
        perMinute: 30,
        abortPercent: 50,
        abortMin: 2,
      },
    });
    const r = await until('the rollout aborted', async () => {
      const now = await rollout(created.id);
      return now.state === 'aborted' ? now : null;
    });
    expect(r.reason).toMatch(/^2 of 2 ended jobs failed \(100%, above 50%\)$/);
    expect(r.summary).toMatchObject({ devices: 6, failed: 2, waiting: 0, running: 0, succeeded: 0, cancelled: 4 });
    const [rf3, rf1, rf2, ...rest] = r.devices!;
    expect([rf3!.state, rf3!.jobState, rf1!.jobState, rf2!.jobState]).toEqual([
      'started',
      'cancelled',
      'failed',
      'failed',
    ]);
    for (const d of rest) expect(d.state === 'cancelled' || d.jobState === 'cancelled', d.sn).toBe(true);
    // RF3 had its offer: asking for a chunk of the cancelled job is refused.
    const { client, inbox } = devices.get('RF3')!;
    expect(inbox.received.some((m) => m.env.body === 'firmwareOffer')).toBe(true);
    const ask = envelope('firmwareChunkRequest', { jobId: rf3!.jobId!, offset: 0, length: 1024 });
    await publish(client, 'RF3', 'up/firmware', ask);
    const refusal = await inbox.waitFor((m) => m.env.replyTo === ask.id);
    expect(bodyOf(refusal.env, 'error').code).toBe('fw_job_ended');
    const listed = await runInProcess(['firmware', 'rollout', 'list', ...remote()]);
    expect(listed.stdout).toContain(`${created.id}  ${MODEL} 1.1.0  aborted (2 of 2 ended jobs failed`);
  }, 120_000);

  it('pauses, survives a gateway restart while paused, resumes at its rate, and aborts', async () => {
    const sns = ['RP1', 'RP2', 'RP3', 'RP4'];
    for (const sn of sns) await bareDevice(sn, 'silent');
    const { rollout: created } = await admin().call('admin.createRollout', {
      body: { model: MODEL, version: '1.1.0', sns, perMinute: 60 },
    });
    const paused = await runInProcess(['firmware', 'rollout', 'pause', created.id, ...remote()]);
    expect(paused.code, paused.stderr).toBe(0);
    expect(paused.stdout).toMatch(/ paused {2}0 succeeded, 0 failed, 0 rolled back, 1 running, 3 waiting/);
    await ent.restart();
    // The restart took longer than the rate's second: a paused rollout started nobody meanwhile.
    expect((await rollout(created.id)).summary).toMatchObject({ running: 1, waiting: 3 });
    const resumed = await runInProcess(['firmware', 'rollout', 'resume', created.id, ...remote()]);
    expect(resumed.stdout).toMatch(/ running {2}/);
    await until(
      'two more devices started',
      async () => ((await rollout(created.id)).summary.running >= 3 ? true : null),
      15_000,
    );
    const aborted = await runInProcess(['firmware', 'rollout', 'abort', created.id, ...remote()]);
    expect(aborted.stdout).toMatch(/ aborted \(aborted by the operator\)/);
    const r: Rollout = await rollout(created.id);
    expect(r.summary).toMatchObject({ running: 0, waiting: 0, cancelled: 4 });
  }, 120_000);

  it('refuses a rollout it cannot run, and creates nothing', async () => {
    const refusals: [Record<string, unknown>, string][] = [
      [{ model: MODEL, version: '9.9.9' }, 'not_found'],
      [{ model: MODEL, version: '1.1.0', sns: ['NOSUCH1'] }, 'device_not_found'],
      [{ model: MODEL, version: '1.1.0', department: 'rd' }, 'invalid_argument'],
      [{ model: MODEL, version: '1.1.0', corp: 'acme', department: 'nowhere' }, 'not_found'],
      [{ model: MODEL, version: '1.1.0', perMinute: 5, waves: 2 }, 'invalid_argument'],
    ];
    const before = (await admin().call('admin.listRollouts')).rollouts.length;
    for (const [body, code] of refusals) {
      const res = await fetch(`${ent.gw.httpUrl}/api/v1/admin/rollouts`, {
        method: 'POST',
        headers: { authorization: `Bearer ${ent.adminToken}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      expect(((await res.json()) as { error: { code: string } }).error.code, JSON.stringify(body)).toBe(code);
    }
    expect((await admin().call('admin.listRollouts')).rollouts).toHaveLength(before);
  });
});
