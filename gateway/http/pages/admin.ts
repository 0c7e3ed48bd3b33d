// /admin: for device admins every device of the enterprise and a link to its records (records.ts); for
// super admins also the member-binding switch and the notification webhook (GET/PUT
// /api/v1/corp/settings). Anyone else: a 403 page.
import { firmwareCatalogSection } from './admin-firmware.js';
import { deviceList } from './devices.js';
import { errorPage, html, type PageHandler } from './layout.js';

export const adminPage: PageHandler = async (_req, ctx) => {
  const { d, actor, viewer } = ctx;
  if (!viewer.deviceAdmin)
    return errorPage(
      403,
      'forbidden',
      'The administration page is for super admins and admins holding the device-binding permission',
    );
  const superAdmin = actor.member.role === 'super_admin';
  const corp = await d.store.getCorp(actor.corpId);
  const memberBinding = corp?.memberBinding ?? false;
  const webhook = superAdmin ? await d.store.getWebhook(actor.corpId) : null;
  return {
    title: 'Administration',
    scripts: ['/assets/admin.js', '/assets/admin-firmware.js'],
    body: html`<section class="card">
  <h1>Administration · ${viewer.corpName}</h1>
  <h2>Settings</h2>
  ${
    superAdmin
      ? html`<form id="member-binding-form">
    <label class="switch">
      <input type="checkbox" role="switch" id="member-binding" name="memberBinding"${memberBinding ? html` checked` : ''}>
      Members may bind devices (member binding)
    </label>
    <span id="member-binding-result" role="status"></span>
  </form>
  <form id="webhook-form">
    <h3>Notification webhook</h3>
    <p class="hint">"Device bound" notifications are also POSTed here, signed with the secret (HMAC-SHA256).
    ${webhook ? html`Now: <code>${webhook.url}</code>.` : 'None set.'}</p>
    <label>URL <input name="url" type="url" required value="${webhook?.url ?? ''}"></label>
    <label>Secret (write-only: type it again to change anything)
      <input name="secret" type="password" required minlength="16" autocomplete="new-password">
    </label>
    <label>Allowed hosts (comma-separated)
      <input name="allowedHosts" required value="${webhook?.allowedHosts.join(', ') ?? ''}">
    </label>
    <button type="submit">Save webhook</button>
    ${webhook ? html`<button type="button" id="webhook-remove" class="secondary">Remove webhook</button>` : ''}
    <span id="webhook-result" role="status"></span>
  </form>`
      : html`<p>Member binding is <strong>${memberBinding ? 'on' : 'off'}</strong>. Only super admins change the enterprise's settings.</p>`
  }
  <div id="settings-refusal" hidden></div>
  <h2>Devices</h2>
  ${deviceList(await d.devices.list(actor))}
  <h2>Records</h2>
  <p><a href="/admin/records">Attendance and access records of every device</a>, with filters, refused records and CSV export.</p>
  ${await firmwareCatalogSection(ctx)}
</section>`,
  };
};
