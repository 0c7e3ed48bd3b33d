// The add-device page: a device QR code from the camera or a photo (decoded here with jsQR), or an SN
// plus the label's verification code. A dynamic code of this gateway opens its bind page; a label
// code asks for the verification code; anything else is explained.
(() => {
  const { h, say } = window.hw;
  const root = document.getElementById('add-device');
  if (!root) return;
  const bindUrl = root.dataset.bindUrl;
  const result = document.getElementById('scan-result');
  const codeForm = document.getElementById('code-form');
  const video = document.getElementById('camera-video');
  const camera = document.getElementById('camera');
  let stream = null;

  const refuse = (text) => say(result, 'refusal', text);

  /** What to do with the text of a decoded QR code. */
  function follow(text) {
    let url;
    try {
      url = new URL(text.trim());
    } catch {
      return refuse(
        'This QR code holds no link, so it is not a device code. Scan the code on the device screen or its label.',
      );
    }
    const path = url.pathname.replace(/\/+$/, '');
    if (path.endsWith('/hw/addDevice') || path.endsWith('/wwopen/connect/hardware/addDevice'))
      return refuse(
        'This is the general "add a device" code. Scan the QR code of the device itself (on its screen or label).',
      );
    if (!url.href.startsWith(`${bindUrl}?`))
      return refuse(`This QR code is not a device code of this gateway (it opens ${url.origin}${url.pathname}).`);
    const sn = url.searchParams.get('sn');
    if (!sn) return refuse('This device code names no device (its SN is missing).');
    if (['ts', 'nonce', 'sig'].some((k) => url.searchParams.has(k))) {
      say(result, 'notice', `Found device ${sn}…`);
      location.assign(`/hw/bind${url.search}`);
      return;
    }
    codeForm.elements.sn.value = sn;
    say(
      result,
      'notice',
      `Device ${sn} has a printed label: type the 6-digit verification code printed next to its QR code.`,
    );
    codeForm.elements.verifyCode.focus();
  }

  function decode(source, width, height) {
    const canvas = h('canvas', { width, height });
    const ctx = canvas.getContext('2d', { willReadFrequently: true });
    ctx.drawImage(source, 0, 0, width, height);
    return window.jsQR(ctx.getImageData(0, 0, width, height).data, width, height)?.data ?? null;
  }

  document.getElementById('photo').addEventListener('change', async (e) => {
    const file = e.target.files?.[0];
    if (!file) return;
    say(result, 'notice', 'Reading the photo…');
    let image;
    try {
      image = await createImageBitmap(file);
    } catch {
      return refuse('This file could not be read as an image. Upload a photo or screenshot (PNG or JPEG).');
    }
    // Phone photos are large; the code is found faster, and often only, at a moderate size.
    const scale = Math.min(1, 1200 / Math.max(image.width, image.height));
    const text =
      decode(image, Math.round(image.width * scale), Math.round(image.height * scale)) ??
      (scale < 1 ? decode(image, image.width, image.height) : null);
    image.close();
    if (text === null)
      return refuse(
        'No QR code was found in this picture. Take it closer and straight on, with the whole code in view.',
      );
    follow(text);
  });

  function stopCamera() {
    for (const track of stream?.getTracks() ?? []) track.stop();
    stream = null;
    camera.hidden = true;
  }

  function scanFrame() {
    if (!stream) return;
    if (video.readyState >= 2 && video.videoWidth) {
      const text = decode(video, video.videoWidth, video.videoHeight);
      if (text !== null) {
        stopCamera();
        follow(text);
        return;
      }
    }
    requestAnimationFrame(scanFrame);
  }

  document.getElementById('scan-start').addEventListener('click', async () => {
    if (!navigator.mediaDevices?.getUserMedia)
      return refuse(
        'This browser cannot open the camera on this page (it needs HTTPS). Upload a photo of the code instead.',
      );
    try {
      stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: 'environment' }, audio: false });
    } catch (err) {
      return refuse(
        err?.name === 'NotAllowedError'
          ? 'Camera access was not allowed. Allow it in the browser, or upload a photo of the code instead.'
          : 'No camera could be opened. Upload a photo of the code instead.',
      );
    }
    camera.hidden = false;
    result.hidden = true;
    video.srcObject = stream;
    try {
      await video.play();
    } catch {
      stopCamera();
      return refuse('The camera picture could not be shown. Upload a photo of the code instead.');
    }
    requestAnimationFrame(scanFrame);
  });
  document.getElementById('scan-stop').addEventListener('click', stopCamera);

  // The code goes to the bind page through this tab's session storage, not the address bar.
  codeForm.addEventListener('submit', (e) => {
    e.preventDefault();
    const sn = codeForm.elements.sn.value.trim().toUpperCase();
    sessionStorage.setItem(`hwbind.verifyCode.${sn}`, codeForm.elements.verifyCode.value.trim());
    location.assign(`/hw/bind?sn=${encodeURIComponent(sn)}`);
  });
})();
