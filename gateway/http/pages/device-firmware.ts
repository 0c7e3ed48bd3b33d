// The device page's firmware section: the version the device runs and its A/B slots, the newer
// versions of the catalog with their release notes, an upgrade button (only when a newer version
// exists and the person may upgrade this device), and the latest job's progress, kept live by the
// firmware events (assets/device-firmware.js).
import type { DeviceDetail } from '../../binding/devices.js';
import { decideDeviceAction } from '../../binding/rules.js';
import type { JobView } from '../../ota/jobs.js';
import { type Html, html, type PageContext } from './layout.js';

/** What a job's state means to the person watching (the script reads it from the section). */
const JOB_STATE_TEXT: Record<JobView['state'], string> = {
  queued: 'Waiting for the device',
  downloading: 'Downloading',
  verifying: 'Verifying the image',
  applying: 'Installing',
  rebooting: 'Restarting the device',
  succeeded: 'Upgraded',
  failed: 'Failed',
  rolled_back: 'Rolled back: the previous version runs again',
  cancelled: 'Cancelled',
};

function jobStatus(job: JobView): Html {
  const running = !['succeeded', 'failed', 'rolled_back', 'cancelled'].includes(job.state);
  return html`<div id="fw-job" data-job="${job.id}" data-state="${job.state}"${running ? '' : html` data-ended`}>
    <progress id="fw-progress" max="100" value="${job.percent}" aria-label="Firmware download">${job.percent}%</progress>
    <p id="fw-status" role="status">${JOB_STATE_TEXT[job.state]} ${job.version}${
      job.state === 'downloading' ? ` · ${job.percent}%` : ''
    }${job.code ? html` <span class="meta">(${job.code})</span>` : ''}</p>
  </div>`;
}

export async function firmwareSection({ d, actor }: PageContext, dev: DeviceDetail): Promise<Html> {
  const fw = await d.firmware.deviceFirmware(actor, dev.sn);
  const corp = await d.binding.corpView(actor.corpId);
  const mayUpgrade = decideDeviceAction(actor, corp, await d.binding.deviceView(dev.sn), 'upgrade_firmware').ok;
  const newer = fw.available.filter((v) => v.newer);
  const running = fw.job !== null && !fw.job.endedAt;
  return html`<section id="firmware" data-sn="${dev.sn}" data-states="${JSON.stringify(JOB_STATE_TEXT)}">
  <h2>Firmware</h2>
  <p>Version <strong id="fw-current">${fw.current ?? 'not reported yet'}</strong></p>
  ${
    fw.slots.length
      ? html`<table class="slots">
    <thead><tr><th>Slot</th><th>Version</th><th>State</th><th></th></tr></thead>
    <tbody>${fw.slots.map(
      (s) =>
        html`<tr><td>${s.index}</td><td>${s.version}</td><td>${s.state}</td><td>${s.active ? 'running' : ''}</td></tr>`,
    )}</tbody>
  </table>`
      : ''
  }
  ${
    newer.length && mayUpgrade
      ? html`<form id="fw-upgrade"${running ? html` hidden` : ''}>
    <label>Upgrade to
      <select name="version">${newer.map((v) => html`<option value="${v.version}">${v.version}</option>`)}</select>
    </label>
    ${newer.map((v) => html`<p class="hint" data-notes="${v.version}"${v === newer[0] ? '' : html` hidden`}>${v.releaseNotes}</p>`)}
    <button type="submit" id="fw-upgrade-button">Upgrade</button>
  </form>`
      : newer.length
        ? html`<p class="meta">A newer version exists: it is installed once the device has confirmed its binding.</p>`
        : html`<p class="meta" id="fw-latest">This is the latest version.</p>`
  }
  ${fw.job ? jobStatus(fw.job) : html`<div id="fw-job" hidden></div>`}
  <div id="fw-refusal" hidden></div>
</section>`;
}
