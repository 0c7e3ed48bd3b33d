// /hw/bind?sn=…[&ts&nonce&sig]: what a device QR code opens. The page asks the Person API what the
// code names and what this person may choose (a label first needs its verification code), offers
// exactly those choices, confirms the binding and follows it live until the device acknowledges.
import { BIND_PATH, trimBase } from '../../../protocol/qr.js';
import { html, type PageHandler } from './layout.js';

export const bindPage: PageHandler = async (req, { d }) => {
  const sn = req.query.sn ?? '';
  if (!sn) return { redirect: '/hw/addDevice' };
  const dynamic = ['ts', 'nonce', 'sig'].some((k) => req.query[k] !== undefined);
  // The code as the device showed it: this gateway's public URL with the query as scanned.
  const qr = dynamic ? `${trimBase(d.publicUrl)}${BIND_PATH}${req.url.slice(req.url.indexOf('?'))}` : '';
  return {
    title: 'Add a device',
    scripts: ['/assets/bind.js'],
    body: html`<section class="card" id="bind" data-sn="${sn}" data-qr="${qr}">
  <h1>Add a device</h1>
  <form id="code-form"${dynamic ? html` hidden` : ''}>
    <p>Device <strong>${sn}</strong> has a printed label. Type the 6-digit verification code printed next to its QR code.</p>
    <label>Verification code
      <input name="verifyCode" required inputmode="numeric" pattern="[0-9]{6}" maxlength="6" autocomplete="off">
    </label>
    <button type="submit">Continue</button>
  </form>
  <p id="checking"${dynamic ? '' : html` hidden`}>Checking the device…</p>
  <div id="refusal" hidden></div>
  <dl id="device" class="facts" hidden></dl>
  <form id="choices" hidden>
    <fieldset>
      <legend>Usable range: who may use the device</legend>
      <p class="hint">You can choose only among the departments and people you can see.</p>
      <h3>Departments</h3>
      <div id="range-departments" class="options"></div>
      <h3>People</h3>
      <div id="range-users" class="options"></div>
    </fieldset>
    <fieldset>
      <legend>Associated apps</legend>
      <div id="apps" class="options"></div>
    </fieldset>
    <button type="submit" id="confirm">Confirm binding</button>
  </form>
  <div id="progress" role="status" hidden></div>
</section>`,
  };
};
