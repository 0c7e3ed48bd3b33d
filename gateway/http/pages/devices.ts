// /hw/devices: the devices this person manages (what GET /api/v1/devices returns): a device admin
// every device bound to the enterprise, anyone else the devices they bound.
import type { DeviceDetail } from '../../binding/devices.js';
import { type Html, html, type PageHandler, time } from './layout.js';

export function deviceList(devices: DeviceDetail[]): Html {
  if (!devices.length) return html`<p class="empty">No devices yet. <a href="/hw/addDevice">Add a device</a></p>`;
  return html`<ul class="devices">
${devices.map(
  (dev) => html`  <li>
    <a href="/hw/devices/${dev.sn}" data-sn="${dev.sn}">
      <span class="name">${dev.name}</span>
      <span class="meta">${dev.modelName} · ${dev.sn}</span>
      <span class="meta">${onlineText(dev)}${dev.binding.status === 'pending' ? ' · waiting for the device to confirm' : ''}</span>
    </a>
  </li>
`,
)}</ul>`;
}

export function onlineText(dev: Pick<DeviceDetail, 'online' | 'lastSeen'>): Html {
  return dev.online
    ? html`<span class="dot on"></span>Online`
    : html`<span class="dot"></span>Offline, last seen ${time(dev.lastSeen)}`;
}

export const devicesPage: PageHandler = async (_req, { d, actor, viewer }) => ({
  title: 'Devices',
  body: html`<section class="card">
  <h1>${viewer.deviceAdmin ? 'Devices of the enterprise' : 'My devices'}</h1>
  ${deviceList(await d.devices.list(actor))}
  <p><a class="button" href="/hw/addDevice">Add a device</a></p>
</section>`,
});
