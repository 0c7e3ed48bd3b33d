// The pure parts of the pages: escaping in the template tag, and where /jsapi/addDevice leads.
import { describe, expect, it } from 'vitest';
import { addDeviceEntry } from '../../gateway/http/pages/jsapi.js';
import { html, layout } from '../../gateway/http/pages/layout.js';
import { dynamicQrUrl } from '../../protocol/qr.js';

describe('html', () => {
  it('escapes interpolated text, attributes included, and keeps nested markup', () => {
    const name = `<img src=x onerror="alert(1)"> & 'x'`;
    const out = html`<p title="${name}">${name}${html`<b>${'<i>'}</b>`}${[html`<br>`, '<hr>']}${null}${false}</p>`;
    expect(out.text).toBe(
      '<p title="&lt;img src=x onerror=&quot;alert(1)&quot;&gt; &amp; &#39;x&#39;">' +
        '&lt;img src=x onerror=&quot;alert(1)&quot;&gt; &amp; &#39;x&#39;<b>&lt;i&gt;</b><br>&lt;hr&gt;</p>',
    );
  });

  it('frames a page with the escaped title and the page scripts after the shared one', () => {
    const doc = layout({ title: '</title><script>', body: html`<p>hi</p>`, scripts: ['/assets/bind.js'] }, null);
    expect(doc).toContain('<title>&lt;/title&gt;&lt;script&gt; · hwbind</title>');
    expect(doc.indexOf('/assets/page.js')).toBeLessThan(doc.indexOf('/assets/bind.js'));
    expect(doc).not.toContain('data-signed-in');
  });
});

describe('/jsapi/addDevice', () => {
  const base = 'https://hw.acme.test';
  const qr = dynamicQrUrl(base, 'ABC123', 'secret-secret-secret', { ts: 1_700_000_000, nonce: 'abcdefgh' });
  it.each([
    ['a dynamic QR code of this gateway', { qrcode_url: qr }, qr.slice(base.length)],
    ['a label QR code of this gateway', { qrcode_url: `${base}/hw/bind?sn=ABC123` }, '/hw/bind?sn=ABC123'],
    ['an SN', { type: 'input', sn: 'abc123' }, '/hw/bind?sn=abc123'],
    ["another site's QR code", { qrcode_url: 'https://evil.example/hw/bind?sn=ABC123' }, '/hw/addDevice'],
    ['a QR code with no SN', { qrcode_url: `${base}/hw/bind?x=1` }, '/hw/addDevice'],
    ['not a URL', { qrcode_url: 'hello' }, '/hw/addDevice'],
    ['an invalid SN', { sn: 'AB-12' }, '/hw/addDevice'],
    ['scanning', { type: 'qrcode' }, '/hw/addDevice#scan'],
    ['typing', { type: 'input' }, '/hw/addDevice#code'],
    ['choosing', { type: 'choose' }, '/hw/addDevice'],
  ])('%s', (_what, query, target) => {
    expect(addDeviceEntry(query, base)).toBe(target);
  });

  it('rebuilds the query, so nothing but parameters rides along', () => {
    expect(addDeviceEntry({ qrcode_url: `${base}/hw/bind?sn=A1&x=%0D%0ASet-Cookie:%20a` }, base)).toBe(
      '/hw/bind?sn=A1&x=%0D%0ASet-Cookie%3A+a',
    );
  });
});
