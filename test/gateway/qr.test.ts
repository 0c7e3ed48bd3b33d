// `hwbind qr …` through the real CLI: every QR code it draws (PNG, SVG label sheets, PDF label sheets)
// is decoded with a real QR decoder and must read exactly the URL of the contract (PRODUCT.md, "Device
// QR codes"), computed here from the device secrets without the code under test.
import { createHmac } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import jsqrPackage from 'jsqr';
import { decodePDFRawStream, PDFArray, PDFDocument, type PDFRawStream } from 'pdf-lib';
import { PNG } from 'pngjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { recordEndpoints } from '../../gateway/provisioning/endpoints.js';
import { parseSnList, planSheet, writeLabelSheet } from '../../gateway/provisioning/labels.js';
import { SqliteStore } from '../../gateway/store/sqlite.js';
import type { ProvisioningBundle } from '../../protocol/bundle.js';
import { parseQr, verifyDynamicQr } from '../../protocol/qr.js';
import { addModel, cli, tempDir } from '../helpers/processes.js';

// jsqr is CommonJS typed as an ES module: for NodeNext its function is the `default` of the package.
const jsQR = jsqrPackage.default;

const PUBLIC_URL = 'https://hw.example.test:8443';
const LABEL_COUNT = 30;
const labelSn = (i: number) => `LBL${String(i).padStart(3, '0')}`;
const labelSecret = (i: number) => `label-secret-${i}`;

const bindUrl = (sn: string) => `${PUBLIC_URL}/hw/bind?sn=${sn}`;
const expectedCode = (secret: string, sn: string) =>
  String(createHmac('sha256', secret).update(`verify|${sn}`).digest().readUInt32BE(0) % 1_000_000).padStart(6, '0');

/** Decodes a QR code, and only an upright one: jsQR also reads mirrored codes, which a drawing bug makes. */
function decodeUpright(rgba: Uint8ClampedArray, width: number, height: number): string | null {
  const found = jsQR(rgba, width, height);
  if (!found) return null;
  const { topLeftFinderPattern: tl, topRightFinderPattern: tr, bottomLeftFinderPattern: bl } = found.location;
  return tl.x < tr.x && tl.y < bl.y ? found.data : `not upright: ${found.data}`;
}

/** Draws a module matrix (true = dark) with a 4-module quiet zone and decodes it. */
function decodeModules(modules: boolean[][]): string | null {
  const scale = 4;
  const side = (modules.length + 8) * scale;
  const rgba = new Uint8ClampedArray(side * side * 4).fill(255);
  for (const [r, row] of modules.entries()) {
    for (const [c, dark] of row.entries()) {
      if (!dark) continue;
      for (let y = (r + 4) * scale; y < (r + 5) * scale; y++)
        for (let x = (c + 4) * scale; x < (c + 5) * scale; x++)
          rgba.fill(0, (y * side + x) * 4, (y * side + x) * 4 + 3);
    }
  }
  return decodeUpright(rgba, side, side);
}

function decodePng(file: string): string | null {
  const png = PNG.sync.read(readFileSync(file));
  return decodeUpright(new Uint8ClampedArray(png.data), png.width, png.height);
}

/** The QR codes of an SVG sheet: each is a nested <svg> whose dark path is runs `M x y`, `m dx dy`, `h n`. */
function decodeSvgQrs(svg: string): (string | null)[] {
  const nested = [...svg.matchAll(/<svg x="[^"]+"[^>]*viewBox="0 0 (\d+) \d+"[^>]*>(.*?)<\/svg>/gs)];
  return nested.map(([, size, body]) => {
    const n = Number(size);
    const modules = Array.from({ length: n }, () => Array<boolean>(n).fill(false));
    const d = /<path stroke="#000000" d="([^"]+)"/.exec(body!)![1]!;
    let x = 0;
    let y = 0;
    for (const [, cmd, args] of d.matchAll(/([Mmh])([^Mmh]*)/g)) {
      const [a = 0, b = 0] = args!
        .trim()
        .split(/[\s,]+/)
        .map(Number);
      if (cmd === 'M') [x, y] = [a, Math.floor(b)];
      else if (cmd === 'm') [x, y] = [x + a, y + Math.floor(b)];
      else {
        for (let i = 0; i < a; i++) modules[y]![x + i] = true;
        x += a;
      }
    }
    return decodeModules(modules);
  });
}

interface PdfPageContent {
  qrs: (string | null)[];
  text: string[];
}

/** Reads each page's content stream: filled groups of `re` rectangles are QR codes; `<hex> Tj` is text. */
async function readPdf(file: string): Promise<PdfPageContent[]> {
  const doc = await PDFDocument.load(readFileSync(file));
  return doc.getPages().map((page) => {
    const contents = page.node.Contents()!;
    const streams =
      contents instanceof PDFArray ? contents.asArray().map((ref) => doc.context.lookup(ref)) : [contents];
    const ops = streams
      .map((s) => Buffer.from(decodePDFRawStream(s as PDFRawStream).decode()).toString('latin1'))
      .join('\n')
      .split('\n');
    const result: PdfPageContent = { qrs: [], text: [] };
    let rects: number[][] = [];
    let filled = false;
    for (const op of ops) {
      const tokens = op.trim().split(/\s+/);
      const name = tokens.at(-1);
      if (name === 'q') [rects, filled] = [[], false];
      else if (name === 're') rects.push(tokens.slice(0, 4).map(Number));
      else if (name === 'f') filled = true;
      else if (name === 'Tj') result.text.push(Buffer.from(tokens[0]!.slice(1, -1), 'hex').toString('latin1'));
      else if (name === 'Q' && filled && rects.length) result.qrs.push(decodePdfRects(rects));
    }
    return result;
  });
}

/** PDF rectangles (x, y up from the bottom, w, h) of dark runs back to a module matrix, top row first. */
function decodePdfRects(rects: number[][]): string | null {
  const m = Math.min(...rects.map((r) => r[3]!));
  const left = Math.min(...rects.map((r) => r[0]!));
  const top = Math.max(...rects.map((r) => r[1]! + r[3]!));
  const n = Math.round((Math.max(...rects.map((r) => r[0]! + r[2]!)) - left) / m);
  const modules = Array.from({ length: n }, () => Array<boolean>(n).fill(false));
  for (const [x, y, w, h] of rects) {
    const row = Math.round((top - y! - h!) / m);
    const col = Math.round((x! - left) / m);
    for (let i = 0; i < Math.round(w! / m); i++) modules[row]![col + i] = true;
  }
  return decodeModules(modules);
}

describe('hwbind qr', () => {
  const data = tempDir('hwbind-qr-');
  let bundle: ProvisioningBundle;

  beforeAll(() => {
    addModel(data, 'T1', 'door');
    const added = cli([
      'vendor',
      'device',
      'add',
      '--data',
      data,
      '--model',
      'T1',
      '--sn',
      'hwb0001',
      '--public-url',
      PUBLIC_URL,
    ]);
    expect(added.code, added.stderr).toBe(0);
    bundle = added.json<ProvisioningBundle>();
    const csv = [
      'sn,secret',
      ...Array.from({ length: LABEL_COUNT }, (_, i) => `${labelSn(i + 1)},${labelSecret(i + 1)}`),
    ];
    writeFileSync(join(data, 'labels.csv'), `${csv.join('\n')}\n`);
    const imported = cli(['vendor', 'sn', 'import', join(data, 'labels.csv'), '--data', data, '--model', 'T1']);
    expect(imported.code, imported.stderr).toBe(0);
  });

  it('device --png: a dynamic QR code signed with the device secret, at the public URL', () => {
    const png = join(data, 'dynamic.png');
    const r = cli(['qr', 'device', '--data', data, '--sn', 'HWB0001', '--public-url', PUBLIC_URL, '--png', png]);
    expect(r.code, r.stderr).toBe(0);
    const text = decodePng(png);
    expect(text).toBe(r.stdout.trim());
    const qr = parseQr(text!);
    expect(qr).toMatchObject({ kind: 'dynamic', sn: 'HWB0001' });
    if (qr.kind !== 'dynamic') return;
    expect(() => verifyDynamicQr(qr, bundle.secret, { now: Date.now })).not.toThrow();
    expect(() => verifyDynamicQr(qr, `${bundle.secret}x`, { now: Date.now })).toThrow();
    const url = new URL(text!);
    expect(url.origin + url.pathname).toBe(`${PUBLIC_URL}/hw/bind`);
  });

  it('device --label --png: the static label URL, and the verification code of the device secret', () => {
    const png = join(data, 'label.png');
    const r = cli([
      'qr',
      'device',
      '--data',
      data,
      '--sn',
      'hwb0001',
      '--public-url',
      PUBLIC_URL,
      '--label',
      '--png',
      png,
    ]);
    expect(r.code, r.stderr).toBe(0);
    expect(decodePng(png)).toBe(bindUrl('HWB0001'));
    expect(bundle.sn).toBe('HWB0001');
    expect(r.stdout).toContain(`verification code: ${expectedCode(bundle.secret, 'HWB0001')}`);
  });

  it('add-device --png: the generic add-device URL', () => {
    const png = join(data, 'add-device.png');
    const r = cli(['qr', 'add-device', '--public-url', PUBLIC_URL, '--png', png]);
    expect(r.code, r.stderr).toBe(0);
    expect(decodePng(png)).toBe(`${PUBLIC_URL}/hw/addDevice`);
  });

  it('labels --out sheet.svg: one label per listed SN, each QR decoding to its label URL, with SN and code', () => {
    const list = join(data, 'three.txt');
    writeFileSync(list, `# shelf 1\n${labelSn(1)}\n\n${labelSn(2).toLowerCase()},spare column\n"${labelSn(3)}"\n`);
    const out = join(data, 'sheet.svg');
    const r = cli(['qr', 'labels', '--data', data, '--sns', list, '--public-url', PUBLIC_URL, '--out', out]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain(`wrote 3 labels to ${out}`);
    const svg = readFileSync(out, 'utf8');
    const sns = [1, 2, 3].map(labelSn);
    expect(decodeSvgQrs(svg)).toEqual(sns.map(bindUrl));
    [1, 2, 3].forEach((i) => {
      expect(svg).toContain(`>${labelSn(i)}</text>`);
      expect(svg).toContain(expectedCode(labelSecret(i), labelSn(i)));
    });
  });

  it('labels --out sheet.pdf: a valid multi-page PDF whose QR codes decode to the label URLs, in list order', async () => {
    const out = join(data, 'sheet.pdf');
    const r = cli([
      'qr',
      'labels',
      '--data',
      data,
      '--sns',
      join(data, 'labels.csv'),
      '--public-url',
      PUBLIC_URL,
      '--out',
      out,
    ]);
    expect(r.code, r.stderr).toBe(0);
    const pages = await readPdf(out);
    expect(r.stdout).toContain(`wrote ${LABEL_COUNT} labels to ${out} (${pages.length} pages)`);
    const perPage = pages[0]!.qrs.length;
    expect(pages.length).toBeGreaterThan(1);
    expect(pages.length).toBe(Math.ceil(LABEL_COUNT / perPage));
    const sns = Array.from({ length: LABEL_COUNT }, (_, i) => labelSn(i + 1));
    expect(pages.flatMap((p) => p.qrs)).toEqual(sns.map(bindUrl));
    const text = pages.flatMap((p) => p.text).join('\n');
    sns.forEach((sn, i) => {
      expect(text).toContain(sn);
      expect(text).toContain(expectedCode(labelSecret(i + 1), sn));
    });
  });

  it('labels: unregistered SNs are named with their lines, and nothing is written', () => {
    const list = join(data, 'unknown.txt');
    writeFileSync(list, `${labelSn(1)}\nNOPE0001\n# a comment\nNOPE0002\n`);
    const out = join(data, 'unknown.pdf');
    const r = cli(['qr', 'labels', '--data', data, '--sns', list, '--public-url', PUBLIC_URL, '--out', out]);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain('device_not_found');
    expect(r.stderr).toMatch(/line 2: NOPE0001/);
    expect(r.stderr).toMatch(/line 4: NOPE0002/);
    expect(r.stderr).not.toContain(labelSn(1));
    expect(existsSync(out)).toBe(false);
  });

  it('labels: the public URL is the flag, else the one the data directory recorded, never a guess', async () => {
    const list = join(data, 'one.txt');
    writeFileSync(list, `${labelSn(1)}\n`);
    const bare = tempDir('hwbind-labels-');
    addModel(bare, 'L1', 'fingerprint');
    const guessed = cli(['qr', 'labels', '--data', bare, '--sns', list, '--out', join(bare, 'x.svg')], {
      env: { HWBIND_PUBLIC_URL: '' },
    });
    expect(guessed.code).not.toBe(0);
    expect(guessed.stderr).toMatch(/--public-url/);
    const store = new SqliteStore(data);
    await recordEndpoints(store, { publicUrl: 'https://recorded.example', mqttUrl: 'mqtts://recorded.example:8883' });
    await store.close();
    const out = join(data, 'recorded.svg');
    const r = cli(['qr', 'labels', '--data', data, '--sns', list, '--out', out], { env: { HWBIND_PUBLIC_URL: '' } });
    expect(r.code, r.stderr).toBe(0);
    expect(readFileSync(out, 'utf8')).toContain(labelSn(1));
  });
});

describe('label sheet options', () => {
  it('takes the format from the --out extension, and nothing else', () => {
    expect(planSheet('a/Sheet.PDF', 3).format).toBe('pdf');
    expect(planSheet('sheet.svg', 3).format).toBe('svg');
    expect(() => planSheet('sheet.png', 3)).toThrow(expect.objectContaining({ code: 'invalid_argument' }));
    expect(() => planSheet('sheet', 3)).toThrow(expect.objectContaining({ code: 'invalid_argument' }));
    expect(() => planSheet('sheet.pdf', 0)).toThrow(expect.objectContaining({ code: 'invalid_argument' }));
    expect(() => planSheet('sheet.pdf', 2.5)).toThrow(expect.objectContaining({ code: 'invalid_argument' }));
  });

  it('an SVG sheet of several pages is one file a page, every label on exactly one of them', async () => {
    const dir = tempDir('hwbind-labels-');
    const labels = Array.from({ length: LABEL_COUNT }, (_, i) => ({
      sn: labelSn(i + 1),
      url: bindUrl(labelSn(i + 1)),
      verificationCode: String(i).padStart(6, '0'),
    }));
    const written = await writeLabelSheet(planSheet(join(dir, 'sheet.svg'), 4), labels);
    expect(written.pages).toBeGreaterThan(1);
    expect(written.files).toEqual(Array.from({ length: written.pages }, (_, i) => join(dir, `sheet-${i + 1}.svg`)));
    expect(existsSync(join(dir, 'sheet.svg'))).toBe(false);
    const decoded = written.files.flatMap((file) => decodeSvgQrs(readFileSync(file, 'utf8')));
    expect(decoded).toEqual(labels.map((l) => l.url));
  });

  it('reads one SN a line or the first CSV column, skipping blanks, comments and a header row', () => {
    expect(parseSnList('\uFEFFsn,secret,model\r\nA1,s,T1\r\n\r\n# note\n  B2  \n"C3",x\n')).toEqual([
      { line: 2, sn: 'A1' },
      { line: 5, sn: 'B2' },
      { line: 6, sn: 'C3' },
    ]);
  });
});
