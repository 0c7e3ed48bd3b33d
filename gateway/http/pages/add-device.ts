// /hw/addDevice (and /wwopen/connect/hardware/addDevice): the generic way in. Scan the device's QR
// code with the camera, upload a photo of it (both decoded in the browser by jsQR), or type the SN
// and the label's verification code. People who may not bind are told why, with nothing to try.
import { BIND_PATH, trimBase } from '../../../protocol/qr.js';
import { mayBind } from '../../binding/rules.js';
import { html, type PageHandler, refusalBox } from './layout.js';

export const addDevicePage: PageHandler = async (_req, { d, actor }) => {
  const may = mayBind(actor, await d.binding.corpView(actor.corpId));
  if (!may.ok)
    return {
      status: 403,
      title: 'Add a device',
      body: html`<section class="card">
  <h1>Add a device</h1>
  ${refusalBox(may.code, may.message)}
</section>`,
    };
  return {
    title: 'Add a device',
    scripts: ['/assets/jsQR.js', '/assets/add-device.js'],
    body: html`<section class="card" id="add-device" data-bind-url="${trimBase(d.publicUrl)}${BIND_PATH}">
  <h1>Add a device</h1>
  <p>Use the QR code on the device's screen, or the one printed on its label.</p>
  <div id="scan-result" hidden></div>
  <section id="scan">
    <h2>Scan it</h2>
    <button type="button" id="scan-start">Open the camera</button>
    <div id="camera" hidden>
      <video id="camera-video" playsinline muted></video>
      <button type="button" id="scan-stop" class="secondary">Stop the camera</button>
    </div>
  </section>
  <section id="upload">
    <h2>Or upload a photo</h2>
    <label>A photo or screenshot of the device's QR code
      <input type="file" id="photo" accept="image/*">
    </label>
  </section>
  <section id="code">
    <h2>Or type it</h2>
    <form id="code-form">
      <label>Serial number (SN)
        <input name="sn" required maxlength="128" pattern="[0-9A-Za-z]{1,128}" autocapitalize="characters" autocomplete="off" spellcheck="false">
      </label>
      <label>Verification code (6 digits on the label)
        <input name="verifyCode" required inputmode="numeric" pattern="[0-9]{6}" maxlength="6" autocomplete="off">
      </label>
      <button type="submit">Continue</button>
    </form>
  </section>
</section>`,
  };
};
