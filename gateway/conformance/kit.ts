// `hwbind conformance`: certifies one device against protocol/README.md with the gateway as the test
// harness. Sets up the kit's own enterprise for the device, opens a harness session, runs the groups'
// steps in order (each one check), and tears down: the session closes (releasing any fault) and the
// device is left unbound. A group is one module of groups/, a list of named steps; adding a group is
// adding it to GROUPS.
import { createApiClient } from '../../protocol/api-client.js';
import { HwbindError } from '../../protocol/errors.js';
import { verificationCode } from '../../protocol/qr.js';
import { normalizeSn } from '../../protocol/sn.js';
import { CheckFailed, type CheckResult, CheckSkipped, type Group } from './checks.js';
import { benchCorpId, benchDirectory, CERTIFIER, KitContext, KitImage } from './context.js';
import { bind } from './groups/bind.js';
import { boot } from './groups/boot.js';
import { directory } from './groups/directory.js';
import { door } from './groups/door.js';
import { enrollment } from './groups/enrollment.js';
import { heartbeat } from './groups/heartbeat.js';
import { malformedGroup } from './groups/malformed.js';
import { ota } from './groups/ota.js';
import { records } from './groups/records.js';
import { unbind } from './groups/unbind.js';
import { type ReportSeries, seriesOf } from './series.js';
import { Trace } from './trace.js';

/** Every group, in the order a run takes them (bind before what needs a binding, unbind last). */
export const GROUPS: readonly Group[] = [
  boot,
  heartbeat,
  bind,
  directory,
  enrollment,
  records,
  door,
  malformedGroup,
  ota,
  unbind,
];

export interface ConformanceOptions {
  gateway: string;
  token: string;
  sn: string;
  /** Group names; every group when absent. */
  only?: readonly string[];
  /** How long to wait for what a person at the device may have to do. */
  operatorWaitMs?: number;
  /**
   * The OTA group's signed images of the device's model, newer than what it runs: `good` passes its
   * self-test on the device, `failing` fails it; without them the group is skipped.
   */
  firmware?: { good: Uint8Array; failing: Uint8Array };
  /** Progress lines: each check as it starts and ends, and prompts for the person at the device. */
  say?: (line: string) => void;
}

export interface ConformanceReport {
  kit: 'hwbind conformance';
  gateway: string;
  sn: string;
  model: string;
  capabilities: string[];
  groups: string[];
  startedAt: number;
  endedAt: number;
  passed: boolean;
  counts: Record<CheckResult['status'], number>;
  checks: CheckResult[];
  series: ReportSeries;
}

/** The groups `only` names, in run order; an unknown name is refused with the list of groups. */
export function selectGroups(only?: readonly string[]): Group[] {
  if (!only?.length) return [...GROUPS];
  const names = GROUPS.map((g) => g.name);
  const unknown = only.filter((n) => !names.includes(n));
  if (unknown.length)
    throw new HwbindError(
      'invalid_argument',
      `unknown group${unknown.length > 1 ? 's' : ''} ${unknown.join(', ')} (groups: ${names.join(', ')})`,
    );
  return GROUPS.filter((g) => only.includes(g.name));
}

/** Setup, then every check of the selected groups, then teardown. */
export async function runConformance(o: ConformanceOptions): Promise<ConformanceReport> {
  const groups = selectGroups(o.only);
  const say = o.say ?? (() => {});
  const sn = normalizeSn(o.sn);
  const admin = createApiClient(o.gateway, o.token);

  // Setup: the device, its model, the kit's enterprise and its certifier.
  const device = await admin.call('admin.getDevice', { params: { sn } });
  const model = (await admin.call('admin.listModels')).models.find((m) => m.id === device.modelId);
  if (!model) throw new HwbindError('not_found', `model ${device.modelId} of ${sn} is not registered`);
  const corpId = benchCorpId(sn);
  if (device.binding && device.binding.corp !== corpId)
    throw new HwbindError(
      'device_already_bound',
      `${sn} is bound to enterprise ${device.binding.corp}: remove it there first (the kit binds it in an enterprise of its own, ${corpId})`,
    );
  const bundle = await admin.call('admin.deviceBundle', { params: { sn } });
  await admin.call('admin.importDirectory', { params: { id: corpId }, body: benchDirectory(corpId, sn) });
  const { token } = await admin.call('admin.issueToken', {
    params: { id: corpId },
    body: { userid: CERTIFIER, ttl: '12h' },
  });
  const person = createApiClient(o.gateway, token);
  // A binding left by an interrupted run of the kit: removed, so the run starts from an unbound device.
  if (device.binding) await person.call('person.unbind', { params: { sn } });

  const firmware =
    o.firmware && groups.some((g) => g.name === 'ota') ? await publishImages(admin, model.id, o.firmware) : null;

  const session = await admin.call('admin.conformanceOpen', { params: { sn } });
  const trace = new Trace(admin, sn);
  trace.connected = session.connected;
  trace.start(session.position);
  const k = new KitContext(
    {
      sn,
      model: model.id,
      capabilities: [...model.capabilities],
      verifyCode: verificationCode(bundle.secret, sn),
    },
    corpId,
    admin,
    person,
    trace,
    { operatorWaitMs: o.operatorWaitMs ?? 60_000, say },
    firmware,
  );
  say(`certifying ${sn} (${model.id}: ${model.capabilities.join(', ')}) at ${o.gateway}`);
  const startedAt = Date.now();
  const checks: CheckResult[] = [];
  try {
    await k.online().catch((err: unknown) => {
      if (!(err instanceof CheckSkipped)) throw err;
      throw new HwbindError(
        'device_offline',
        `${sn} did not connect to the gateway within ${Math.round(k.options.operatorWaitMs / 1000)} s: power it on (or start its simulator), then run the kit again`,
      );
    });
    for (const group of groups) {
      say(`${group.name}: ${group.title}`);
      for (const step of group.start()) {
        const result = await runStep(k, group.name, step);
        checks.push(result);
        say(`  ${result.status.toUpperCase().padEnd(7)} ${result.id}  ${result.detail}`);
      }
    }
  } finally {
    await admin.call('admin.conformanceClose', { params: { sn } }).catch(() => undefined);
    await trace.stop();
    await k.unbind().catch(() => undefined);
  }
  const counts = { passed: 0, failed: 0, skipped: 0, error: 0 };
  for (const c of checks) counts[c.status] += 1;
  return {
    kit: 'hwbind conformance',
    gateway: o.gateway,
    sn,
    model: model.id,
    capabilities: [...model.capabilities],
    groups: groups.map((g) => g.name),
    startedAt,
    endedAt: Date.now(),
    passed: counts.failed === 0 && counts.error === 0,
    counts,
    checks,
    series: seriesOf(trace.events, startedAt),
  };
}

/** Publishes the OTA group's images to the gateway's catalog (again is a no-op); refuses unfit ones. */
async function publishImages(
  admin: ReturnType<typeof createApiClient>,
  model: string,
  files: { good: Uint8Array; failing: Uint8Array },
): Promise<{ good: KitImage; failing: KitImage }> {
  const images = { good: new KitImage(Buffer.from(files.good)), failing: new KitImage(Buffer.from(files.failing)) };
  if (images.good.version === images.failing.version)
    throw new HwbindError(
      'invalid_argument',
      `--firmware and --failing-firmware are both version ${images.good.version}: give two versions`,
    );
  if (!images.failing.test)
    throw new HwbindError(
      'invalid_argument',
      `--failing-firmware ${images.failing.version} is not a test image (hwbind firmware sign --test): a device installs it for good and cannot revert it`,
    );
  for (const image of [images.good, images.failing])
    await admin.call('admin.publishFirmware', { query: { model }, body: image.bytes });
  return images;
}

async function runStep(k: KitContext, group: string, step: ReturnType<Group['start']>[number]): Promise<CheckResult> {
  const startedAt = Date.now();
  const base = { id: step.id, group, title: step.title, section: step.section, startedAt };
  const done = (status: CheckResult['status'], detail: string): CheckResult => ({
    ...base,
    status,
    detail,
    durationMs: Date.now() - startedAt,
  });
  try {
    k.assertReachable();
    return done('passed', await step.run(k));
  } catch (err) {
    if (err instanceof CheckFailed) return done('failed', err.message);
    if (err instanceof CheckSkipped) return done('skipped', err.message);
    return done('error', `the check could not run: ${(err as Error).message}`);
  }
}
