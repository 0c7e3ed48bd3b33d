// The firmware pages in a real Chromium against a real gateway and a real simulated device (a slow
// flash, so the download takes a few seconds): a member upgrades her device from its page and
// watches the progress bar go up to 100 % and the page reach the new version; with nothing newer the
// page offers no upgrade; a device admin retires a version for the enterprise on /admin and the
// device page stops offering it. No console errors along the way.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildFirmwareImage, generateVendorKeys } from '../../protocol/firmware.js';
import { verificationCode } from '../../protocol/qr.js';
import { runningSlot } from '../../simulator/slots.js';
import { ConsoleWatch, launchChromium } from '../helpers/browser.js';
import { type Enterprise, freePort, startEnterprise } from '../helpers/enterprise.js';
import { tempDir } from '../helpers/processes.js';
import { runSimDevice, type SimProcess } from '../helpers/sim.js';
import { until } from '../helpers/until.js';

const MODEL = 'F200';
const SN = 'OTAPAGE1';
const OTHER = 'OTAPAGE2';
const vendor = generateVendorKeys();

let ent: Enterprise;
let browser: Browser;
const sims: SimProcess[] = [];
const stateDir = tempDir('hwbind-ota-pages-');
const pageLog = new ConsoleWatch();

async function publish(version: string): Promise<void> {
  const image = buildFirmwareImage(
    { model: MODEL, version, payload: Buffer.alloc(512 * 1024, 0x11) },
    vendor.privateKeyPem,
  );
  await ent.publishFirmware(image, `What ${version} brings`);
}

async function boundDevice(sn: string): Promise<SimProcess> {
  const bundle = await ent.admin<{ secret: string }>('POST', '/devices', { sn, model: MODEL });
  const bundleFile = join(ent.data, `${sn}.json`);
  writeFileSync(bundleFile, JSON.stringify(bundle));
  const keyFile = join(ent.data, 'vendor.pub');
  writeFileSync(keyFile, vendor.publicKeyPem);
  const dev = runSimDevice({
    bundleFile,
    stateDir,
    mqttUrl: ent.gw.mqttUrl,
    sn,
    args: ['--vendor-key', keyFile, '--firmware', '1.0.0', '--flash-write-ms', '80'],
  });
  sims.push(dev);
  await dev.online();
  const carol = ent.person('acme', 'carol');
  const r = await carol.call('POST', '/bindings', {
    sn,
    verifyCode: verificationCode(bundle.secret, sn),
    usableRange: { users: ['carol'] },
  });
  expect(r.status).toBe(201);
  await until(`${sn} active`, async () => {
    const d = await carol.call<{ binding: { status: string } }>('GET', `/devices/${sn}`);
    return d.body.binding?.status === 'active' ? true : null;
  });
  return dev;
}

async function signIn(userid: string, next: string): Promise<Page> {
  const context = await browser.newContext({ baseURL: ent.publicUrl, viewport: { width: 390, height: 844 } });
  const page = await context.newPage();
  pageLog.watch(page, userid);
  await page.goto(`${ent.person('acme', userid).loginUrl}&next=${encodeURIComponent(next)}`);
  return page;
}

beforeAll(async () => {
  const port = await freePort();
  [ent, browser] = await Promise.all([
    startEnterprise({}, { httpPort: port, publicUrl: `http://127.0.0.1:${port}` }),
    launchChromium(),
  ]);
  await ent.admin('POST', '/models', {
    id: MODEL,
    name: 'Door terminal',
    capabilities: 'face,door,screen',
    vendorKey: vendor.publicKeyPem,
  });
  await publish('1.1.0');
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await Promise.all(sims.map((p) => p.stop()));
  await ent?.gw.stop();
});

describe('the firmware pages', { timeout: 90_000 }, () => {
  it('a member upgrades her device from its page and watches the progress bar reach the new version', async () => {
    const dev = await boundDevice(SN);
    const carol = await signIn('carol', `/hw/devices/${SN}`);
    expect(await carol.locator('#fw-current').textContent()).toBe('1.0.0');
    expect(await carol.locator('#fw-upgrade select').inputValue()).toBe('1.1.0');
    expect(await carol.locator('#fw-upgrade [data-notes="1.1.0"]').textContent()).toBe('What 1.1.0 brings');
    // What the bar shows, every time it changes, from the moment the upgrade is asked for.
    await carol.evaluate(() => {
      const seen: number[] = [];
      (window as unknown as { seen: number[] }).seen = seen;
      new MutationObserver(() => {
        const bar = document.getElementById('fw-progress') as HTMLProgressElement | null;
        if (bar && seen.at(-1) !== bar.value) seen.push(bar.value);
      }).observe(document.getElementById('firmware')!, { subtree: true, childList: true, attributes: true });
    });
    await carol.getByRole('button', { name: 'Upgrade' }).click();
    await carol.locator('#fw-job[data-state="downloading"]').waitFor();
    expect(await carol.locator('#fw-upgrade').isHidden()).toBe(true);
    await carol.locator('#fw-job[data-state="succeeded"]').waitFor({ timeout: 60_000 });
    expect(await carol.locator('#fw-current').textContent()).toBe('1.1.0');
    expect(await carol.locator('#fw-status').textContent()).toBe('Upgraded 1.1.0');
    const seen = await carol.evaluate(() => (window as unknown as { seen: number[] }).seen);
    expect(seen.at(-1)).toBe(100);
    expect(
      seen.some((p) => p > 0 && p < 100),
      `bar values ${seen.join(', ')}`,
    ).toBe(true);
    expect(seen).toEqual([...seen].sort((a, b) => a - b));
    // Nothing newer is left to offer.
    expect(await carol.locator('#fw-upgrade').count()).toBe(0);
    expect(runningSlot(dev.flash()!)).toMatchObject({ version: '1.1.0', state: 'confirmed' });
    await carol.reload();
    expect(await carol.locator('#fw-current').textContent()).toBe('1.1.0');
    expect(await carol.locator('#fw-latest').textContent()).toBe('This is the latest version.');
  });

  it('a device admin retires a version on /admin; the device page stops offering it', async () => {
    await boundDevice(OTHER);
    const alice = await signIn('alice', '/admin');
    const row = alice.locator('#firmware-catalog tr[data-version="1.1.0"]');
    expect(await row.locator('.release-status').textContent()).toBe('Offered');
    await row.getByRole('button', { name: 'Retire' }).click();
    await row.locator('.release-status', { hasText: 'Retired for this enterprise' }).waitFor();
    const carol = await signIn('carol', `/hw/devices/${OTHER}`);
    expect(await carol.locator('#fw-current').textContent()).toBe('1.0.0');
    expect(await carol.locator('#fw-upgrade').count()).toBe(0);
    await alice.reload();
    await row.getByRole('button', { name: 'Offer again' }).click();
    await row.locator('.release-status', { hasText: 'Offered' }).waitFor();
    await carol.reload();
    expect(await carol.locator('#fw-upgrade select').inputValue()).toBe('1.1.0');
    expect(pageLog.errors).toEqual([]);
  });
});
