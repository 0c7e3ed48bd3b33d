// The web pages in a real Chromium against a real gateway whose public URL is the address the
// browser uses (so device QR codes and cookies work over plain http), with a real simulated device
// online over MQTT: a member binds by uploading a photo of the device's QR code and follows it live,
// a refused usable range, member binding switched off, an admin removes the device and it wipes,
// notification badges, the third-party entry points, and no console errors along the way.
import type { Browser, Page } from 'playwright-core';
import QRCode from 'qrcode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { labelQrUrl } from '../../protocol/qr.js';
import { ConsoleWatch, launchChromium } from '../helpers/browser.js';
import { type Enterprise, freePort, startEnterprise } from '../helpers/enterprise.js';
import { tempDir } from '../helpers/processes.js';
import { runSimDevice, type SimProcess } from '../helpers/sim.js';
import { until } from '../helpers/until.js';

const FACE = ['PAGEFACE1', 'PAGEFACE2'];
const LABEL = 'PAGELBL1';

let ent: Enterprise;
let browser: Browser;
let device: SimProcess;
const stateDir = tempDir('hwbind-pages-sim-');
const pages = new Map<string, Page>();
/** Console errors and uncaught exceptions of every page, less the refusals a step asked for. */
const pageLog = new ConsoleWatch();

beforeAll(async () => {
  const port = await freePort();
  [ent, browser] = await Promise.all([
    startEnterprise({ face: FACE, label: [LABEL] }, { httpPort: port, publicUrl: `http://127.0.0.1:${port}` }),
    launchChromium(),
  ]);
  device = sim('PAGEFACE1');
  await device.online();
});

afterAll(async () => {
  await browser?.close();
  await Promise.all(sims.map((p) => p.stop()));
  await ent?.gw.stop();
});

const sims: SimProcess[] = [];
function sim(sn: string): SimProcess {
  const p = runSimDevice({ bundleFile: ent.devices.get(sn)!.bundleFile, stateDir, mqttUrl: ent.gw.mqttUrl, sn });
  sims.push(p);
  return p;
}

/** A phone-sized browser signed in as `userid` through their login link, on page `next`. */
async function signIn(userid: string, next: string): Promise<Page> {
  const context = await browser.newContext({
    baseURL: ent.publicUrl,
    viewport: { width: 390, height: 844 },
    isMobile: true,
  });
  const page = pageLog.watch(await context.newPage(), userid);
  await page.goto(`${ent.person('acme', userid).loginUrl}&next=${encodeURIComponent(next)}`);
  pages.set(userid, page);
  return page;
}

const badge = (page: Page) => page.locator('header [data-badge]');

describe('pages', { timeout: 60_000 }, () => {
  it('a member binds a device by a photo of its QR code, follows it live, and renames it', async () => {
    const bob = await signIn('bob', '/hw/devices');
    await expect.poll(() => badge(bob).isHidden()).toBe(true);

    const carol = await signIn('carol', '/hw/addDevice');
    expect(new URL(carol.url()).pathname).toBe('/hw/addDevice');
    const png = await QRCode.toBuffer(ent.dynamicQr('PAGEFACE1'), { type: 'png', width: 480 });
    await carol.setInputFiles('#photo', { name: 'device-qr.png', mimeType: 'image/png', buffer: png });
    await carol.waitForURL(/\/hw\/bind\?sn=PAGEFACE1&ts=/);

    // Only what carol can see is offered; an app she does not administer is shown, disabled, with why.
    await carol.locator('#choices').waitFor();
    const values = (name: string) =>
      carol.locator(`input[name="${name}"]`).evaluateAll((els) => els.map((e) => (e as HTMLInputElement).value));
    expect((await values('departments')).sort()).toEqual(['fw', 'rd']);
    expect((await values('users')).sort()).toEqual(['alice', 'carol']);
    expect(await carol.locator('#device').textContent()).toMatch(/PAGEFACE1[\s\S]*Online/);
    const visitors = carol.getByLabel('Visitor Access');
    expect(await visitors.isDisabled()).toBe(true);
    expect(await carol.locator('#apps').textContent()).toContain(
      'Not available to you: Only an administrator of this app may associate it',
    );

    await carol.getByLabel('Firmware').check();
    await carol.getByLabel('Alice Admin').check();
    await carol.getByLabel('Attendance').check();
    await carol.getByRole('button', { name: 'Confirm binding' }).click();
    await carol.locator('#progress[data-status="active"]').waitFor();
    expect(await carol.locator('#progress').textContent()).toMatch(/^Bound\./);
    const bound = await ent
      .person('acme', 'carol')
      .call<{ binding: { status: string; usableRange: unknown; apps: string[] } }>('GET', '/devices/PAGEFACE1');
    expect(bound.body.binding).toEqual(
      expect.objectContaining({
        status: 'active',
        usableRange: { departments: ['fw'], users: ['alice'] },
        apps: ['attendance'],
      }),
    );

    // The "device bound" notification reaches the badge of both open pages live.
    await expect.poll(async () => Number(await badge(carol).textContent())).toBeGreaterThan(0);
    await expect.poll(async () => Number(await badge(bob).textContent())).toBeGreaterThan(0);

    await carol.getByRole('link', { name: 'Open the device page' }).click();
    await carol.waitForURL(/\/hw\/devices\/PAGEFACE1$/);
    const facts = await carol.locator('#device').textContent();
    expect(facts).toMatch(/Face terminal/);
    expect(facts).toMatch(/Carol Member/);
    expect(facts).toMatch(/Firmware[\s\S]*Alice Admin/);
    expect(facts).toMatch(/Attendance/);
    expect(facts).toMatch(/Bob Binder/);
    // A name is text wherever it shows, never markup.
    const name = 'Lobby <b>door</b> & "hall"';
    await carol.getByLabel('Name').fill(name);
    await carol.getByRole('button', { name: 'Rename' }).click();
    await carol.getByText('Saved.').waitFor();
    expect(await carol.locator('#device-name').textContent()).toBe(name);
    await carol.reload();
    expect(await carol.locator('#device-name').textContent()).toBe(name);
    expect(await carol.locator('main b').count()).toBe(0);
    // A member does not get the removal button (rule 6).
    expect(await carol.locator('#remove').count()).toBe(0);
  });

  it('shows a refused usable range in plain words, and binds nothing', async () => {
    const carol = pages.get('carol')!;
    await carol.goto(ent.dynamicQr('PAGEFACE2'));
    await carol.locator('#choices').waitFor();
    // The picker offers only her visibility: send what a tampered form would.
    await carol.locator('#range-departments').evaluate((el) => {
      el.insertAdjacentHTML(
        'beforeend',
        '<label><input type="checkbox" name="departments" value="ops" checked>Operations</label>',
      );
    });
    pageLog.expectRefusal(403, '/api/v1/bindings');
    await carol.getByRole('button', { name: 'Confirm binding' }).click();
    const refusal = carol.locator('#refusal [data-code="usable_range_out_of_visibility"]');
    await refusal.waitFor();
    expect(await refusal.textContent()).toMatch(/Operations \(ops\), outside your visibility range/);
    expect(await carol.getByRole('button', { name: 'Confirm binding' }).isEnabled()).toBe(true);
    const after = await ent.person('acme', 'alice').call('GET', '/devices/PAGEFACE2');
    expect(after.body.error?.code).toBe('device_not_found');
  });

  it('asks for the verification code of a label QR code, and refuses a wrong one', async () => {
    const carol = pages.get('carol')!;
    await carol.goto('/hw/addDevice');
    const png = await QRCode.toBuffer(labelQrUrl(ent.publicUrl, LABEL), { type: 'png', width: 480 });
    await carol.setInputFiles('#photo', { name: 'label.png', mimeType: 'image/png', buffer: png });
    await carol.getByText(`Device ${LABEL} has a printed label`).waitFor();
    expect(await carol.getByLabel('Serial number (SN)').inputValue()).toBe(LABEL);
    const right = ent.labelCode(LABEL);
    await carol.getByLabel('Verification code').fill(String((Number(right) + 1) % 1_000_000).padStart(6, '0'));
    pageLog.expectRefusal(403, '/api/v1/bind/resolve');
    await carol.getByRole('button', { name: 'Continue' }).click();
    await carol.waitForURL(new RegExp(`/hw/bind\\?sn=${LABEL}$`));
    await carol.locator('#refusal [data-code="verify_code_wrong"]').waitFor();
    await carol.getByLabel('Verification code').fill(right);
    await carol.getByRole('button', { name: 'Continue' }).click();
    await carol.locator('#choices').waitFor();
    expect(await carol.locator('#device').textContent()).toMatch(/Fingerprint reader[\s\S]*PAGELBL1[\s\S]*Offline/);
  });

  it('tells that a device offline at confirm activates when it next connects, then shows it live', async () => {
    const alice = await signIn('alice', '/hw/devices');
    await alice.goto(ent.dynamicQr('PAGEFACE2'));
    await alice.locator('#choices').waitFor();
    await alice.getByRole('button', { name: 'Confirm binding' }).click();
    await alice.getByText('The device is offline: the binding becomes active when it next connects').waitFor();
    expect(await alice.locator('#progress').getAttribute('data-status')).toBe('pending');
    sim('PAGEFACE2');
    await alice.locator('#progress[data-status="active"]').waitFor({ timeout: 15_000 });
  });

  it('tells members when member binding is switched off, from the admin page', async () => {
    const alice = pages.get('alice')!;
    await alice.goto('/admin');
    const toggle = alice.getByRole('switch');
    expect(await toggle.isChecked()).toBe(true);
    await toggle.uncheck();
    await alice.getByText('Saved: member binding is off.').waitFor();
    const carol = pages.get('carol')!;
    pageLog.expectRefusal(403, '/hw/addDevice');
    const refused = await carol.goto('/hw/addDevice');
    expect(refused?.status()).toBe(403);
    expect(await carol.locator('main').textContent()).toMatch(/Member binding is switched off for this enterprise/);
    expect(await carol.locator('#photo').count()).toBe(0);
    await toggle.check();
    await alice.getByText('Saved: member binding is on.').waitFor();
    expect((await carol.goto('/wwopen/connect/hardware/addDevice'))?.status()).toBe(200);
    expect(await carol.locator('#photo').count()).toBe(1);

    // The webhook: a refusal in plain words, then saved.
    await alice.getByLabel('URL').fill('https://hooks.example.com/hwbind');
    await alice.getByLabel('Secret').fill('a-webhook-secret-of-16+');
    await alice.getByLabel('Allowed hosts').fill('example.org');
    pageLog.expectRefusal(403, '/api/v1/corp/settings');
    await alice.getByRole('button', { name: 'Save webhook' }).click();
    await alice.locator('#settings-refusal [data-code="webhook_host_not_allowed"]').waitFor();
    await alice.getByLabel('Allowed hosts').fill('hooks.example.com');
    await alice.getByRole('button', { name: 'Save webhook' }).click();
    await alice.getByText('Saved: notifications go to https://hooks.example.com/hwbind.').waitFor();
    expect(await alice.locator('#settings-refusal').isHidden()).toBe(true);

    // Neither device admins nor super admins: a 403 page in plain words.
    const erin = await signIn('erin', '/hw/devices');
    pageLog.expectRefusal(403, '/admin');
    const admin = await erin.goto('/admin');
    expect(admin?.status()).toBe(403);
    expect(await erin.locator('main').textContent()).toMatch(/administration page is for super admins/);
    // Nor may she see a device she did not bind.
    pageLog.expectRefusal(403, '/hw/devices/PAGEFACE1');
    expect((await erin.goto('/hw/devices/PAGEFACE1'))?.status()).toBe(403);
    expect(await erin.locator('main').textContent()).toMatch(
      /You may manage only the devices you bound[\s\S]*device_permission_denied/,
    );
  });

  it('opens device pages for third-party apps only where the member may', async () => {
    const carol = pages.get('carol')!;
    await carol.goto('/jsapi/openDeviceProfile?deviceSn=pageface1');
    expect(new URL(carol.url()).pathname).toBe('/hw/devices/PAGEFACE1');
    await carol.addScriptTag({ url: '/jsapi/hwbind.js' });
    pageLog.expectRefusal(404, '/api/v1/devices/NOSUCHDEVICE');
    expect(
      await carol.evaluate(() =>
        (window as unknown as { hwbind: { openDeviceProfile(o: object): Promise<unknown> } }).hwbind
          .openDeviceProfile({ deviceSn: 'NOSUCHDEVICE' })
          .catch((e: unknown) => e),
      ),
    ).toMatchObject({ errMsg: 'fail_device_not_found' });

    const erin = pages.get('erin')!;
    pageLog.expectRefusal(403, '/jsapi/openDeviceProfile');
    const denied = await erin.goto('/jsapi/openDeviceProfile?deviceSn=PAGEFACE1');
    expect(denied?.status()).toBe(403);
    expect(await erin.locator('main').textContent()).toContain('fail_device_permission_denied');
    await erin.addScriptTag({ url: '/jsapi/hwbind.js' });
    pageLog.expectRefusal(403, '/api/v1/devices/PAGEFACE1');
    expect(
      await erin.evaluate(() =>
        (window as unknown as { hwbind: { openDeviceProfile(o: object): Promise<unknown> } }).hwbind
          .openDeviceProfile({ deviceSn: 'PAGEFACE1' })
          .catch((e: unknown) => e),
      ),
    ).toMatchObject({ errMsg: 'fail_device_permission_denied' });
    pageLog.expectRefusal(404, '/jsapi/openDeviceProfile');
    expect((await erin.goto('/jsapi/openDeviceProfile?deviceSn=NOSUCHDEVICE'))?.status()).toBe(404);
    expect(await erin.locator('main').textContent()).toContain('fail_device_not_found');

    // addDevice leads into the flow: a device QR code to its bind page, an SN to the code form.
    await erin.goto(`/jsapi/addDevice?type=qrcode&qrcode_url=${encodeURIComponent(ent.dynamicQr('PAGEFACE2'))}`);
    expect(erin.url()).toMatch(/\/hw\/bind\?sn=PAGEFACE2&ts=\d+&nonce=\w+&sig=[0-9a-f]{64}$/);
    await erin.goto('/jsapi/addDevice?type=input&sn=PAGEFACE2');
    expect(erin.url()).toMatch(/\/hw\/bind\?sn=PAGEFACE2$/);
    expect(await erin.locator('#code-form').isVisible()).toBe(true);
  });

  it('an admin removes the member-bound device from its page and the device wipes', async () => {
    const bob = pages.get('bob')!;
    await bob.goto('/hw/devices');
    await bob.getByRole('link', { name: /Lobby <b>door<\/b>/ }).click();
    await bob.waitForURL(/\/hw\/devices\/PAGEFACE1$/);
    await bob.getByRole('button', { name: 'Remove from enterprise' }).click();
    await bob.getByRole('button', { name: 'Yes, remove it' }).click();
    await bob.waitForURL(/\/hw\/devices$/);
    expect(await bob.locator('main').textContent()).not.toContain('PAGEFACE1');
    await until('the device forgot its binding', () => (device.flash()?.binding === null ? true : null));

    // Bob's inbox has the "device bound" notification; reading it clears the badge.
    await bob.goto('/hw/notifications');
    expect(await bob.locator('#inbox').textContent()).toContain('PAGEFACE1');
    await bob.getByRole('button', { name: 'Mark all as read' }).click();
    await expect.poll(() => badge(bob).isHidden()).toBe(true);
  });

  it('asks people who are not signed in (here: signed out) to open their login link', async () => {
    const erin = pages.get('erin')!;
    pageLog.expectRefusal(401, '/hw/');
    await erin.getByRole('button', { name: 'Sign out' }).click();
    await erin.getByRole('heading', { name: 'Please sign in' }).waitFor();
    expect(new URL(erin.url()).pathname).toBe('/hw/devices');
    expect(await erin.locator('main').textContent()).toMatch(/Open the login link/);
    const again = await erin.goto('/hw/notifications');
    expect(again?.status()).toBe(401);
    expect(await erin.locator('input[name="next"]').inputValue()).toBe('/hw/notifications');
  });

  it('logged no console errors', () => {
    expect(pageLog.errors).toEqual([]);
  });

  it('lets the gateway stop while pages hold their live event streams open', async () => {
    expect(await ent.gw.stop()).toBe(0);
  });
});
