// The device page's enrollment section: pick a person of the device's usable range and a kind its
// sensors support — exactly what rules.ts enrollmentChoices offers, so the page never offers what the
// Person API would refuse — start it, follow its progress live (`enrollment` events on GET
// /api/v1/events), cancel it, and see how it ended. The device's latest enrollment is shown on arrival,
// so a reload in mid-capture keeps following it. Browser side: assets/device-enrollment.js.
import { ERROR_CODES } from '../../../protocol/errors.js';
import { enrollmentView } from '../../attendance/enrollment.js';
import type { DeviceDetail } from '../../binding/devices.js';
import { enrollmentChoices } from '../../binding/rules.js';
import { type Html, html, type PageContext } from './layout.js';

const KIND_NAMES = { face: 'Face', fingerprint: 'Fingerprint' } as const;

/** Why an enrollment can end failed or timed out: the page explains these codes in words. */
const END_CODES = [
  'combine_mismatch',
  'duplicate_face',
  'capture_failed',
  'busy',
  'user_out_of_range',
  'device_offline',
  'device_timeout',
  'template_invalid',
  'binding_not_active',
] as const;
const END_MEANINGS = Object.fromEntries(END_CODES.map((code) => [code, ERROR_CODES[code]]));

export const ENROLLMENT_SCRIPT = '/assets/device-enrollment.js';

export async function enrollmentSection({ d, actor }: PageContext, dev: DeviceDetail): Promise<Html> {
  const corp = await d.binding.corpView(actor.corpId);
  const choices = enrollmentChoices(actor, corp, await d.binding.deviceView(dev.sn), {
    usableRange: dev.binding.usableRange,
    capabilities: dev.capabilities,
  });
  const heading = html`<h2>Face and fingerprint enrollment</h2>`;
  if (!choices.decision.ok)
    return html`<section id="enrollment">${heading}<p class="meta">${
      choices.decision.code === 'binding_not_active'
        ? 'Enrollment becomes possible once the device has confirmed its binding.'
        : choices.decision.message
    }</p></section>`;
  if (choices.kinds.length === 0)
    return html`<section id="enrollment">${heading}<p class="meta">This model has no face or fingerprint sensor.</p></section>`;
  if (choices.people.length === 0)
    return html`<section id="enrollment">${heading}<p class="meta">Nobody is in the device's usable range, so there is nobody to enroll here.</p></section>`;
  const [latest] = await d.enrollments.list(actor, dev.sn, 1);
  const people = [...choices.people].sort((a, b) => a.name.localeCompare(b.name) || a.userid.localeCompare(b.userid));
  return html`<section id="enrollment" data-sn="${dev.sn}" data-latest="${latest ? JSON.stringify(enrollmentView(latest)) : ''}" data-meanings="${JSON.stringify(END_MEANINGS)}">
  ${heading}
  <form id="enroll-form">
    <label>Person
      <select name="userid" required>${people.map(
        (p) => html`<option value="${p.userid}" data-name="${p.name}">${p.name} (${p.userid})</option>`,
      )}</select>
    </label>
    <label>Kind
      <select name="kind" required>${choices.kinds.map((k) => html`<option value="${k}">${KIND_NAMES[k]}</option>`)}</select>
    </label>
    <button type="submit" id="enroll-start">Start enrollment</button>
  </form>
  <p class="hint">The person goes to the device and follows its screen: three presses of the same finger, or
  their face inside the guide box.${dev.online ? '' : html` <strong>The device is offline now</strong>: an enrollment needs it connected.`}</p>
  <div id="enroll-refusal" hidden></div>
  <div id="enroll-status" role="status" aria-live="polite" hidden>
    <p><strong id="enroll-what"></strong> <span id="enroll-state"></span></p>
    <progress id="enroll-progress" max="100" value="0"></progress>
    <p id="enroll-samples" class="meta"></p>
    <p id="enroll-hint"></p>
    <div id="enroll-end" hidden></div>
    <div id="enroll-said" hidden>
      <h3>What the device said</h3>
      <ol id="enroll-log" class="meta"></ol>
    </div>
    <button type="button" id="enroll-cancel" class="secondary" hidden>Cancel enrollment</button>
  </div>
</section>`;
}
