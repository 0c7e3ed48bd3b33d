// Enrollment and records on the pages, in a real Chromium against a real gateway, with a real
// simulated device over MQTT whose fingerprint sensor often finds no finger or an unclear image (so a
// capture takes several tries) and which punches records once bound, some of them by a person
// outside its usable range. A member who bound the device is offered exactly the people of its range,
// sees the API's refusal when a tampered form asks for someone else, enrolls a fingerprint and
// watches it live (intermediate progress, then completed, with no polling), cancels another, and
// follows one a device admin started; the device page lists the records the device sent and exports
// them as CSV. A device admin sees every record of the enterprise on /admin/records, the refused
// ones with their reason, filtered by person, status and time in their own time zone, and exports
// them as CSV.
import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Api, ResponseOf } from '../../protocol/api.js';
import { Flash, type StoredRecord } from '../../simulator/flash.js';
import { readRecordLog } from '../../simulator/modules/records.js';
import { ConsoleWatch, launchChromium } from '../helpers/browser.js';
import { type Enterprise, freePort, startEnterprise } from '../helpers/enterprise.js';
import { tempDir } from '../helpers/processes.js';
import { runSimDevice, type SimProcess } from '../helpers/sim.js';
import { until } from '../helpers/until.js';

const SN = 'ATTPAGE1';
const FP = 2;
/** erin is outside the range carol gives the device: her records are refused. */
const PUNCHED_BY = ['carol', 'alice', 'erin'];
const PUNCHES = 6;
/** The browsers' time zone (no daylight saving): the records filter must convert from it. */
const ZONE = { id: 'Asia/Shanghai', offsetMs: 8 * 3600_000 };

type EnrollmentBody = ResponseOf<Api['person.getEnrollment']>;

let ent: Enterprise;
let browser: Browser;
let device: SimProcess;
const stateDir = tempDir('hwbind-attpages-sim-');
const pageLog = new ConsoleWatch();

beforeAll(async () => {
  const port = await freePort();
  [ent, browser] = await Promise.all([
    startEnterprise({ face: [SN] }, { httpPort: port, publicUrl: `http://127.0.0.1:${port}` }),
    launchChromium(),
  ]);
  device = runSimDevice({
    bundleFile: ent.devices.get(SN)!.bundleFile,
    stateDir,
    mqttUrl: ent.gw.mqttUrl,
    sn: SN,
    args: [
      // A good press one try in ten: several tries, and retries, for every enrollment.
      '--capture',
      'noFinger=80%,badImage=50%',
      '--punch-rate',
      '4',
      '--punch-count',
      String(PUNCHES),
      '--punch-users',
      PUNCHED_BY.join(','),
    ],
  });
  await device.online();
  // carol (a member) binds it for Firmware (herself) and alice.
  const carol = ent.person('acme', 'carol');
  const bound = await carol.call('POST', '/bindings', {
    qr: ent.dynamicQr(SN),
    usableRange: { departments: ['fw'], users: ['alice'] },
  });
  expect(bound.status, JSON.stringify(bound.body)).toBe(201);
  await until('the binding is active', async () => {
    const r = await carol.call<{ binding: { status: string } }>('GET', `/devices/${SN}`);
    return r.body.binding?.status === 'active' ? true : null;
  });
}, 90_000);

afterAll(async () => {
  await browser?.close();
  await device?.stop();
  await ent?.gw.stop();
});

async function signIn(userid: string, next: string): Promise<Page> {
  const context = await browser.newContext({
    baseURL: ent.publicUrl,
    viewport: { width: 390, height: 844 },
    isMobile: true,
    timezoneId: ZONE.id,
    acceptDownloads: true,
  });
  const page = await context.newPage();
  pageLog.watch(page, userid);
  await page.goto(`${ent.person('acme', userid).loginUrl}&next=${encodeURIComponent(next)}`);
  return page;
}

/** Every (status, samples) the enrollment box shows, in order, as the page goes through them. */
async function watchEnrollment(page: Page): Promise<() => Promise<string[]>> {
  await page.evaluate(() => {
    const box = document.getElementById('enroll-status')!;
    const seen: string[] = [];
    (window as unknown as { seen: string[] }).seen = seen;
    new MutationObserver(() => {
      const state = `${box.dataset.status}:${box.dataset.samples}`;
      if (seen[seen.length - 1] !== state) seen.push(state);
    }).observe(box, { attributes: true, attributeFilter: ['data-status', 'data-samples'] });
  });
  return () => page.evaluate(() => (window as unknown as { seen: string[] }).seen);
}

const optionValues = (page: Page, name: string) =>
  page
    .locator(`#enroll-form select[name="${name}"] option`)
    .evaluateAll((els) => els.map((e) => (e as HTMLOptionElement).value));

/** The records the device generated, from its own log. */
const generated = (): StoredRecord[] => readRecordLog(Flash.forDevice(stateDir, SN).dir);

async function allPunched(): Promise<StoredRecord[]> {
  return until('the device punched every record', () => (generated().length === PUNCHES ? generated() : null), 20_000);
}

const csvRows = (text: string) =>
  text
    .trim()
    .split('\r\n')
    .map((line) => line.split(','));

describe('enrollment and records on the pages', { timeout: 90_000 }, () => {
  let carol: Page;

  it('offers exactly the people of the usable range and the kinds of the sensors, and shows a refusal of the API', async () => {
    carol = await signIn('carol', `/hw/devices/${SN}`);
    await carol.locator('#enroll-form').waitFor();
    expect((await optionValues(carol, 'userid')).sort()).toEqual(['alice', 'carol']);
    expect(await optionValues(carol, 'kind')).toEqual(['face', 'fingerprint']);
    // A tampered form asks for erin, outside the range: the API refuses and the page says why.
    await carol.locator('#enroll-form select[name="userid"]').evaluate((el) => {
      el.insertAdjacentHTML('beforeend', '<option value="erin">Erin</option>');
    });
    await carol.locator('#enroll-form select[name="userid"]').selectOption('erin');
    pageLog.expectRefusal(403, `/api/v1/devices/${SN}/enrollments`);
    await carol.getByRole('button', { name: 'Start enrollment' }).click();
    const refusal = carol.locator('#enroll-refusal [data-code="user_out_of_range"]');
    await refusal.waitFor();
    expect(await refusal.textContent()).toContain(`erin is not in the usable range of device ${SN}`);
    expect(await carol.getByRole('button', { name: 'Start enrollment' }).isEnabled()).toBe(true);
    const listed = await ent
      .person('acme', 'carol')
      .call<{ enrollments: EnrollmentBody[] }>('GET', `/devices/${SN}/enrollments`);
    expect(listed.body.enrollments).toEqual([]);
  });

  it('a member enrolls a fingerprint and watches it live: retries and presses, then completed', async () => {
    await carol.reload();
    const polled: string[] = [];
    carol.on('request', (r) => {
      if (new URL(r.url()).pathname.startsWith('/api/v1/enrollments/')) polled.push(r.url());
    });
    const seen = await watchEnrollment(carol);
    await carol.getByLabel('Person').selectOption('carol');
    await carol.getByLabel('Kind').selectOption('fingerprint');
    await carol.getByRole('button', { name: 'Start enrollment' }).click();
    // Mid-capture, on the page: some presses taken, not all, and the device's words.
    await carol.waitForFunction(() => {
      const box = document.getElementById('enroll-status')!;
      return box.dataset.status === 'capturing' && ['1', '2'].includes(box.dataset.samples!);
    });
    expect(await carol.locator('#enroll-samples').textContent()).toMatch(/^[12] of 3 presses taken$/);
    expect(await carol.getByRole('button', { name: 'Cancel enrollment' }).isVisible()).toBe(true);
    expect(await carol.getByRole('button', { name: 'Start enrollment' }).isDisabled()).toBe(true);

    await carol.locator('#enroll-status[data-status="completed"]').waitFor({ timeout: 60_000 });
    const states = await seen();
    const done = states.indexOf('completed:3');
    expect(done, states.join(' ')).toBeGreaterThan(0);
    expect(states.slice(0, done).some((s) => s === 'capturing:1' || s === 'capturing:2')).toBe(true);
    expect(await carol.locator('#enroll-end').textContent()).toContain("Enrolled: Carol Member's fingerprint");
    expect(await carol.locator('#enroll-progress').evaluate((p) => (p as HTMLProgressElement).value)).toBe(100);
    expect(await carol.getByRole('button', { name: 'Cancel enrollment' }).isHidden()).toBe(true);
    // The sensor made the person try again, and the page said so.
    const said = (await carol.locator('#enroll-log li').allTextContents()).join('\n');
    expect(said).toMatch(/place your finger on the sensor|image unclear/);
    expect(said).toMatch(/lift and place the same finger again/);
    // All of it came over the event stream: the page never asked for the enrollment.
    expect(polled).toEqual([]);

    const [latest] = (
      await ent.person('acme', 'carol').call<{ enrollments: EnrollmentBody[] }>('GET', `/devices/${SN}/enrollments`)
    ).body.enrollments;
    expect(latest).toMatchObject({ userid: 'carol', kind: 'fingerprint', status: 'completed', samples: 3 });
    expect(device.flash()?.templates.some((t) => t.userid === 'carol' && t.kind === FP)).toBe(true);
  });

  it('cancels a running enrollment from the page; a reload shows how it ended', async () => {
    await carol.getByLabel('Person').selectOption('alice');
    await carol.getByLabel('Kind').selectOption('fingerprint');
    await carol.getByRole('button', { name: 'Start enrollment' }).click();
    await carol.locator('#enroll-status[data-status="capturing"]').waitFor();
    expect(await carol.locator('#enroll-what').textContent()).toBe('Fingerprint of Alice Admin:');
    await carol.getByRole('button', { name: 'Cancel enrollment' }).click();
    await carol.locator('#enroll-status[data-status="cancelled"]').waitFor();
    expect(await carol.locator('#enroll-end').textContent()).toContain('Cancelled');
    await until('the device left its capture', () =>
      /ENROLLMENT_STATUS_CANCELLED/.test(device.output()) ? true : null,
    );
    await carol.reload();
    await carol.locator('#enroll-status[data-status="cancelled"]').waitFor();
    expect(await carol.getByRole('button', { name: 'Start enrollment' }).isEnabled()).toBe(true);
  });

  it('follows live an enrollment a device admin started on the device', async () => {
    const started = await ent
      .person('acme', 'alice')
      .call<EnrollmentBody>('POST', `/devices/${SN}/enrollments`, { userid: 'alice', kind: 'face' });
    expect(started.status).toBe(202);
    await carol.locator(`#enroll-status[data-id="${started.body.id}"][data-status="completed"]`).waitFor();
    expect(await carol.locator('#enroll-what').textContent()).toBe('Face of Alice Admin:');
    expect(await carol.locator('#enroll-samples').textContent()).toBe('5 of 5 frames taken');
  });

  it('lists the records the device sent on its page and exports them as CSV', async () => {
    const records = await allPunched();
    const stored = records.filter((r) => r.userid !== 'erin');
    expect(stored.length).toBeGreaterThan(0);
    expect(stored.length).toBeLessThan(records.length);
    const rows = carol.locator('#records li[data-seq]');
    await until('the device page lists every stored record', async () => {
      await carol.goto(`/hw/devices/${SN}`);
      return (await rows.count()) === stored.length ? true : null;
    });
    // Newest first; a member sees the attendance, not the refused records.
    const shown = await rows.evaluateAll((trs) =>
      trs.map((tr) => ({ seq: Number(tr.dataset.seq), userid: tr.dataset.userid, status: tr.dataset.status })),
    );
    expect(shown).toEqual(
      [...stored]
        .sort((a, b) => b.timeMs - a.timeMs || b.seq - a.seq)
        .map((r) => ({ seq: r.seq, userid: r.userid, status: 'stored' })),
    );
    expect(await carol.locator('#records').textContent()).toContain('Carol Member');

    const [download] = await Promise.all([carol.waitForEvent('download'), carol.locator('#records-csv').click()]);
    expect(download.suggestedFilename()).toBe(`${SN}-records.csv`);
    const [header, ...lines] = csvRows(readFileSync((await download.path())!, 'utf8'));
    expect(header).toEqual(['sn', 'seq', 'userid', 'name', 'ts', 'time', 'direction', 'method', 'status', 'reason']);
    const byCsv = lines.map((l) => ({ sn: l[0], seq: Number(l[1]), userid: l[2], ts: Number(l[4]), status: l[8] }));
    expect(byCsv.sort((a, b) => a.seq - b.seq)).toEqual(
      stored.map((r) => ({ sn: SN, seq: r.seq, userid: r.userid, ts: r.timeMs, status: 'stored' })),
    );
  });

  it('shows a device admin every record of the enterprise with the refusals, filtered, and exports them', async () => {
    const records = await allPunched();
    const refused = records.filter((r) => r.userid === 'erin');
    const alice = await signIn('alice', '/admin');
    await alice.getByRole('link', { name: 'Attendance and access records of every device' }).click();
    await alice.waitForURL(/\/admin\/records$/);
    const rows = alice.locator('li[data-seq]');
    expect(await rows.count()).toBe(PUNCHES);
    const refusedRows = alice.locator('li[data-status="refused"]');
    expect(await refusedRows.count()).toBe(refused.length);
    expect(await refusedRows.first().textContent()).toMatch(
      /Erin Member[\s\S]*Refused: outside the device's usable range[\s\S]*user_out_of_range/,
    );

    // By person and status, through the form.
    await alice.getByLabel('Person (userid)').fill('erin');
    await alice.getByLabel('Show').selectOption('true');
    await alice.getByRole('button', { name: 'Show records' }).click();
    await alice.waitForURL(/userid=erin&refused=true$/);
    expect(await rows.evaluateAll((trs) => trs.map((tr) => Number(tr.dataset.seq)).sort((a, b) => a - b))).toEqual(
      refused.map((r) => r.seq),
    );
    const [download] = await Promise.all([alice.waitForEvent('download'), alice.locator('#records-csv').click()]);
    const [, ...lines] = csvRows(readFileSync((await download.path())!, 'utf8'));
    expect(lines.map((l) => [l[2], l[8], l[9]])).toEqual(refused.map(() => ['erin', 'refused', 'user_out_of_range']));

    // By time, typed in the browser's own zone: from a minute before the first record, all of them;
    // from a minute after the last, none.
    const local = (ms: number) => new Date(ms + ZONE.offsetMs).toISOString().slice(0, 16);
    const times = records.map((r) => r.timeMs);
    await alice.goto('/admin/records');
    await alice.getByLabel('From').fill(local(Math.min(...times) - 60_000));
    await alice.getByRole('button', { name: 'Show records' }).click();
    await alice.waitForURL(/from=\d+$/);
    expect(await rows.count()).toBe(PUNCHES);
    expect(await alice.getByLabel('From').inputValue()).toBe(local(Math.min(...times) - 60_000));
    await alice.getByLabel('From').fill(local(Math.max(...times) + 60_000));
    await alice.getByRole('button', { name: 'Show records' }).click();
    await alice.locator('#records-empty').waitFor();

    // A bad filter: the refusal in plain words, with the form still there.
    pageLog.expectRefusal(400, '/admin/records');
    expect((await alice.goto('/admin/records?from=yesterday'))?.status()).toBe(400);
    expect(await alice.locator('.refusal').textContent()).toMatch(
      /from must be a date and time[\s\S]*invalid_argument/,
    );
    expect(await alice.locator('#records-filter').count()).toBe(1);

    // Not for members.
    pageLog.expectRefusal(403, '/admin/records');
    expect((await carol.goto('/admin/records'))?.status()).toBe(403);
  });

  it('logged no console errors', () => {
    expect(pageLog.errors).toEqual([]);
  });
});
