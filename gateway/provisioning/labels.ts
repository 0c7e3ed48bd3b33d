// Printable A4 sheets of static device labels (PRODUCT.md, "Device QR codes"): each label carries the
// label QR code, the SN and the 6-digit verification code. SVG (one document a page) or PDF (every page
// in one file); the QR modules are vector shapes in both so labels stay sharp on any printer.
import { writeFileSync } from 'node:fs';
import { extname } from 'node:path';
import {
  fill,
  PDFDocument,
  type PDFFont,
  type PDFPage,
  popGraphicsState,
  pushGraphicsState,
  rectangle,
  rgb,
  StandardFonts,
  setFillingRgbColor,
} from 'pdf-lib';
import QRCode from 'qrcode';
import { HwbindError } from '../../protocol/errors.js';
import { labelQrUrl, verificationCode } from '../../protocol/qr.js';
import { isValidSn } from '../../protocol/sn.js';
import type { Store } from '../store/types.js';
import type { ImportError } from './provisioning.js';

export interface Label {
  sn: string;
  url: string;
  verificationCode: string;
}

export type SheetFormat = 'svg' | 'pdf';

export const MAX_LABEL_COLUMNS = 8;

/** The SNs of a list file with their line numbers: one SN a line, or a CSV whose first column is the SN. */
export function parseSnList(text: string): { line: number; sn: string }[] {
  const entries: { line: number; sn: string }[] = [];
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  for (const [i, raw] of lines.entries()) {
    const row = raw.trim();
    if (!row || row.startsWith('#')) continue;
    const sn = row
      .split(',')[0]!
      .trim()
      .replace(/^"(.*)"$/, '$1')
      .trim();
    // The CSV `hwbind vendor sn import` reads starts with a header row naming the sn column.
    if (entries.length === 0 && sn.toLowerCase() === 'sn') continue;
    entries.push({ line: i + 1, sn });
  }
  return entries;
}

/** One label per listed SN, in list order; throws naming every invalid or unregistered SN and its line. */
export async function loadLabels(store: Store, snList: string, publicUrl: string): Promise<Label[]> {
  const labels: Label[] = [];
  const errors: ImportError[] = [];
  let unregistered = 0;
  for (const { line, sn } of parseSnList(snList)) {
    if (!isValidSn(sn)) {
      errors.push({ line, sn, message: 'SN must be 1-128 characters of [0-9A-Za-z]' });
      continue;
    }
    const device = await store.getDevice(sn.toUpperCase());
    if (!device) {
      errors.push({ line, sn, message: 'no such device' });
      unregistered++;
      continue;
    }
    labels.push({
      sn: device.sn,
      url: labelQrUrl(publicUrl, device.sn),
      verificationCode: verificationCode(device.secret, device.sn),
    });
  }
  if (errors.length) {
    const named = errors.slice(0, 5).map((e) => e.sn || '(empty)');
    if (errors.length > named.length) named.push(`${errors.length - named.length} more`);
    throw new HwbindError(
      unregistered === errors.length ? 'device_not_found' : 'invalid_sn',
      `${errors.length} SN(s) of the list cannot be labelled (${named.join(', ')}); nothing written`,
      { errors },
    );
  }
  if (labels.length === 0) throw new HwbindError('invalid_argument', 'the SN list names no SN');
  return labels;
}

// Page geometry in millimetres from the page's top-left corner.
const PAGE_WIDTH = 210;
const PAGE_HEIGHT = 297;
const PAGE_MARGIN = 8;
/** A QR code larger than a usual device label only wastes paper. */
const MAX_QR = 40;
/** Modules of white around a QR code, as the QR standard asks for. */
const QUIET_ZONE = 4;
/** Courier (PDF) and monospace (SVG) glyphs are 0.6 em wide, which makes text fitting exact. */
const GLYPH_WIDTH = 0.6;

interface Layout {
  columns: number;
  rows: number;
  cellWidth: number;
  cellHeight: number;
  pad: number;
  /** Side of the QR square, quiet zone included. */
  qrSize: number;
  snFont: number;
  codeFont: number;
}

export interface SheetPlan {
  out: string;
  format: SheetFormat;
  layout: Layout;
}

/** Checks the output path and column count before any work: the format follows the extension. */
export function planSheet(out: string, columns: number): SheetPlan {
  const ext = extname(out).toLowerCase();
  if (ext !== '.svg' && ext !== '.pdf')
    throw new HwbindError('invalid_argument', `--out ${out}: the sheet format follows the extension, .svg or .pdf`);
  if (!Number.isInteger(columns) || columns < 1 || columns > MAX_LABEL_COLUMNS)
    throw new HwbindError('invalid_argument', `--columns must be an integer from 1 to ${MAX_LABEL_COLUMNS}`);
  const cellWidth = (PAGE_WIDTH - 2 * PAGE_MARGIN) / columns;
  const pad = Math.min(3, cellWidth * 0.06);
  const qrSize = Math.min(MAX_QR, cellWidth - 2 * pad);
  const snFont = Math.min(4, qrSize * 0.11);
  const codeFont = snFont * 0.8;
  const cellHeight = pad + qrSize + snFont * 1.2 + codeFont * 1.5 + pad;
  const rows = Math.floor((PAGE_HEIGHT - 2 * PAGE_MARGIN) / cellHeight);
  return {
    out,
    format: ext.slice(1) as SheetFormat,
    layout: { columns, rows, cellWidth, cellHeight, pad, qrSize, snFont, codeFont },
  };
}

interface PlacedLabel {
  label: Label;
  x: number;
  y: number;
}

function paginate(labels: Label[], layout: Layout): PlacedLabel[][] {
  const perPage = layout.columns * layout.rows;
  const pages: PlacedLabel[][] = [];
  for (let start = 0; start < labels.length; start += perPage) {
    pages.push(
      labels.slice(start, start + perPage).map((label, i) => ({
        label,
        x: PAGE_MARGIN + (i % layout.columns) * layout.cellWidth,
        y: PAGE_MARGIN + Math.floor(i / layout.columns) * layout.cellHeight,
      })),
    );
  }
  return pages;
}

interface TextLine {
  text: string;
  size: number;
  /** Baseline, from the cell's top. */
  baseline: number;
}

/** The SN and verification code lines, shrunk to the cell width when they would overflow it. */
function textLines(label: Label, layout: Layout): [TextLine, TextLine] {
  const width = layout.cellWidth - 2 * layout.pad;
  const fitted = (text: string, nominal: number) => Math.min(nominal, width / (text.length * GLYPH_WIDTH));
  const long = `Verification code ${label.verificationCode}`;
  const code = fitted(long, layout.codeFont) >= layout.codeFont * 0.75 ? long : `Code ${label.verificationCode}`;
  const snBaseline = layout.pad + layout.qrSize + layout.snFont;
  return [
    { text: label.sn, size: fitted(label.sn, layout.snFont), baseline: snBaseline },
    { text: code, size: fitted(code, layout.codeFont), baseline: snBaseline + layout.codeFont * 1.4 },
  ];
}

const qrLeft = (layout: Layout): number => (layout.cellWidth - layout.qrSize) / 2;
const num = (n: number): string => String(Math.round(n * 1000) / 1000);
const svgFont = `font-family="'Courier New', Courier, monospace"`;

async function svgLabel({ label, x, y }: PlacedLabel, layout: Layout): Promise<string> {
  const qr = await QRCode.toString(label.url, { type: 'svg', errorCorrectionLevel: 'M', margin: QUIET_ZONE });
  // The qrcode package's SVG document, placed in the cell as a nested <svg> (its viewBox counts modules).
  const placedQr = qr
    .trim()
    .replace(
      '<svg ',
      `<svg x="${num(x + qrLeft(layout))}" y="${num(y + layout.pad)}" width="${num(layout.qrSize)}" height="${num(layout.qrSize)}" `,
    );
  const cx = num(x + layout.cellWidth / 2);
  const [sn, code] = textLines(label, layout);
  return [
    `<g class="label" data-sn="${label.sn}">`,
    `<rect x="${num(x)}" y="${num(y)}" width="${num(layout.cellWidth)}" height="${num(layout.cellHeight)}" fill="none" stroke="#bbb" stroke-width="0.2" stroke-dasharray="1 1"/>`,
    placedQr,
    `<text x="${cx}" y="${num(y + sn.baseline)}" ${svgFont} font-size="${num(sn.size)}" font-weight="bold" text-anchor="middle">${sn.text}</text>`,
    `<text x="${cx}" y="${num(y + code.baseline)}" ${svgFont} font-size="${num(code.size)}" text-anchor="middle">${code.text}</text>`,
    '</g>',
  ].join('\n');
}

async function renderSvgPages(pages: PlacedLabel[][], layout: Layout, onLabel: () => void): Promise<string[]> {
  const documents: string[] = [];
  for (const page of pages) {
    const parts = [
      `<svg xmlns="http://www.w3.org/2000/svg" width="${PAGE_WIDTH}mm" height="${PAGE_HEIGHT}mm" viewBox="0 0 ${PAGE_WIDTH} ${PAGE_HEIGHT}">`,
      `<rect width="${PAGE_WIDTH}" height="${PAGE_HEIGHT}" fill="#fff"/>`,
    ];
    for (const placed of page) {
      parts.push(await svgLabel(placed, layout));
      onLabel();
    }
    parts.push('</svg>\n');
    documents.push(parts.join('\n'));
  }
  return documents;
}

const PT_PER_MM = 72 / 25.4;

/** Draws one label; PDF y runs upwards from the page bottom, so every top-down y is flipped. */
function pdfLabel(page: PDFPage, fonts: { bold: PDFFont; regular: PDFFont }, placed: PlacedLabel, layout: Layout) {
  const { label, x, y } = placed;
  const pt = (mm: number) => mm * PT_PER_MM;
  const top = (mm: number) => pt(PAGE_HEIGHT - mm);
  page.drawRectangle({
    x: pt(x),
    y: top(y + layout.cellHeight),
    width: pt(layout.cellWidth),
    height: pt(layout.cellHeight),
    borderColor: rgb(0.73, 0.73, 0.73),
    borderWidth: 0.5,
    borderDashArray: [3, 3],
  });
  const modules = QRCode.create(label.url, { errorCorrectionLevel: 'M' }).modules;
  const moduleMm = layout.qrSize / (modules.size + 2 * QUIET_ZONE);
  const originX = x + qrLeft(layout) + QUIET_ZONE * moduleMm;
  const originY = y + layout.pad + QUIET_ZONE * moduleMm;
  // One filled path of horizontal runs of dark modules: vector, compact, and without seams between modules.
  const ops = [pushGraphicsState(), setFillingRgbColor(0, 0, 0)];
  for (let row = 0; row < modules.size; row++) {
    let col = 0;
    while (col < modules.size) {
      if (!modules.get(row, col)) {
        col++;
        continue;
      }
      const start = col;
      while (col < modules.size && modules.get(row, col)) col++;
      ops.push(
        rectangle(
          pt(originX + start * moduleMm),
          top(originY + (row + 1) * moduleMm),
          pt((col - start) * moduleMm),
          pt(moduleMm),
        ),
      );
    }
  }
  ops.push(fill(), popGraphicsState());
  page.pushOperators(...ops);
  const [sn, code] = textLines(label, layout);
  const cx = x + layout.cellWidth / 2;
  for (const [line, font] of [
    [sn, fonts.bold],
    [code, fonts.regular],
  ] as const) {
    const size = pt(line.size);
    page.drawText(line.text, {
      x: pt(cx) - font.widthOfTextAtSize(line.text, size) / 2,
      y: top(y + line.baseline),
      size,
      font,
      color: rgb(0, 0, 0),
    });
  }
}

async function renderPdf(pages: PlacedLabel[][], layout: Layout, onLabel: () => void): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.setTitle('Device labels');
  doc.setCreator('hwbind');
  const fonts = {
    bold: await doc.embedFont(StandardFonts.CourierBold),
    regular: await doc.embedFont(StandardFonts.Courier),
  };
  for (const placedLabels of pages) {
    const page = doc.addPage([PAGE_WIDTH * PT_PER_MM, PAGE_HEIGHT * PT_PER_MM]);
    for (const placed of placedLabels) {
      pdfLabel(page, fonts, placed, layout);
      onLabel();
    }
  }
  return doc.save();
}

/** An SVG page per file: `sheet.svg` for one page, `sheet-1.svg`, `sheet-2.svg`, … for more. */
const svgPageFile = (out: string, page: number, pages: number): string =>
  pages === 1 ? out : `${out.slice(0, -extname(out).length)}-${page}${extname(out)}`;

/** Renders every page, then writes the sheet; returns the files written and the page count. */
export async function writeLabelSheet(
  plan: SheetPlan,
  labels: Label[],
  onProgress: (done: number, total: number) => void = () => {},
): Promise<{ files: string[]; pages: number }> {
  const pages = paginate(labels, plan.layout);
  let done = 0;
  const onLabel = () => onProgress(++done, labels.length);
  if (plan.format === 'pdf') {
    writeFileSync(plan.out, await renderPdf(pages, plan.layout, onLabel));
    return { files: [plan.out], pages: pages.length };
  }
  const documents = await renderSvgPages(pages, plan.layout, onLabel);
  const files = documents.map((_, i) => svgPageFile(plan.out, i + 1, documents.length));
  for (const [i, svg] of documents.entries()) writeFileSync(files[i]!, svg);
  return { files, pages: pages.length };
}
