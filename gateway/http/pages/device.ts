// /hw/devices/:sn: one device as the person may see it — name, model, SN, presence, firmware
// (device-firmware.ts: slots, upgrade, live progress), usable range, who bound it, associated apps,
// device admins, face/fingerprint enrollment (device-enrollment.ts) and records (records.ts) — with
// renaming, and for device admins removal from the enterprise. Refusals come back as pages with their status.
import { MAX_REMARK_LENGTH } from '../../binding/devices.js';
import { decideDeviceAction } from '../../binding/rules.js';
import { ENROLLMENT_SCRIPT, enrollmentSection } from './device-enrollment.js';
import { firmwareSection } from './device-firmware.js';
import { onlineText } from './devices.js';
import { type Html, html, type PageHandler, ROLE_NAMES, time } from './layout.js';
import { deviceRecordsSection } from './records.js';

const named = (list: { id: string; name: string }[], ids: string[]): Html[] =>
  ids.map((id) => html`<li>${list.find((x) => x.id === id)?.name ?? id} <span class="meta">${id}</span></li>`);

const listOrNone = (items: Html[], none: string): Html =>
  items.length ? html`<ul class="plain">${items}</ul>` : html`<p class="meta">${none}</p>`;

export const devicePage: PageHandler = async (req, ctx) => {
  const { d, actor, viewer } = ctx;
  const sn = (req.params.sn ?? '').toUpperCase();
  const dev = await d.devices.get(actor, sn);
  const corp = await d.binding.corpView(actor.corpId);
  const mayRemove = decideDeviceAction(actor, corp, await d.binding.deviceView(sn), 'unbind').ok;
  const people = corp.members.map((m) => ({ id: m.userid, name: m.name }));
  const pending = dev.binding.status === 'pending';
  return {
    title: dev.name,
    scripts: ['/assets/device.js', '/assets/device-firmware.js', ENROLLMENT_SCRIPT],
    body: html`<section class="card" id="device" data-sn="${dev.sn}" data-status="${dev.binding.status}">
  <h1 id="device-name">${dev.name}</h1>
  <form id="rename">
    <label>Name
      <input name="name" value="${dev.remark ?? ''}" placeholder="${dev.name}" maxlength="${MAX_REMARK_LENGTH}">
    </label>
    <button type="submit">Rename</button>
    <span id="rename-result" role="status"></span>
  </form>
  <dl class="facts">
    <dt>Model</dt><dd>${dev.modelName} <span class="meta">${dev.model}</span></dd>
    <dt>SN</dt><dd><code>${dev.sn}</code></dd>
    <dt>Status</dt><dd>${onlineText(dev)}</dd>
    <dt>Binding</dt><dd id="binding-status">${
      pending
        ? html`Waiting for the device to confirm${dev.online ? '' : ': it activates when the device next connects'}`
        : html`Active since ${time(dev.binding.activatedAt)}`
    }</dd>
    <dt>Bound by</dt><dd>${dev.binding.boundByName} <span class="meta">${dev.binding.boundBy}</span>, ${time(dev.binding.boundAt)}</dd>
  </dl>
  ${await firmwareSection(ctx, dev)}
  <h2>Usable range</h2>
  ${listOrNone(
    [...named(corp.departments, dev.binding.usableRange.departments), ...named(people, dev.binding.usableRange.users)],
    'Nobody has been given the device yet.',
  )}
  <h2>Associated apps</h2>
  ${listOrNone(named(corp.apps, dev.binding.apps), 'No apps.')}
  <h2>Device admins</h2>
  ${listOrNone(
    dev.admins.map(
      (a) =>
        html`<li>${a.name} <span class="meta">${ROLE_NAMES[a.role as keyof typeof ROLE_NAMES] ?? a.role}</span></li>`,
    ),
    'None.',
  )}
  ${await enrollmentSection(ctx, dev)}
  ${await deviceRecordsSection(ctx, req, dev.sn)}
  ${
    mayRemove
      ? html`<div class="danger-zone">
    <button type="button" id="remove" class="danger">Remove from enterprise</button>
    <div id="remove-confirm" hidden>
      <p>Remove <strong>${dev.name}</strong> (${dev.sn}) from ${viewer.corpName}? The device forgets its binding and anyone can bind it again.</p>
      <button type="button" id="remove-yes" class="danger">Yes, remove it</button>
      <button type="button" id="remove-no" class="secondary">Cancel</button>
    </div>
  </div>`
      : ''
  }
  <div id="device-refusal" hidden></div>
</section>`,
  };
};
