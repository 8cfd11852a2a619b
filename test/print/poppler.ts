/**
 * Reads PDFs back with poppler-utils (pdftotext, pdftoppm; `apt-get install -y poppler-utils`)
 * and decodes QR codes from the rendered page with jsqr + pngjs.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';

export interface Word {
  text: string;
  /** Top-left origin, in PDF points. */
  xMin: number;
  yMin: number;
  xMax: number;
  yMax: number;
  page: number;
}

export function withPdf<T>(pdf: Uint8Array, fn: (path: string, dir: string) => T): T {
  const dir = mkdtempSync(join(tmpdir(), 'ksef-print-'));
  try {
    const path = join(dir, 'in.pdf');
    writeFileSync(path, pdf);
    return fn(path, dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export function pdfText(pdf: Uint8Array): string {
  return withPdf(pdf, (path) => execFileSync('pdftotext', ['-layout', path, '-'], { encoding: 'utf8' }));
}

export function pdfWords(pdf: Uint8Array): Word[] {
  return withPdf(pdf, (path) => {
    const html = execFileSync('pdftotext', ['-bbox', path, '-'], { encoding: 'utf8' });
    const words: Word[] = [];
    const pages = html.split('<page ').slice(1);
    pages.forEach((p, i) => {
      for (const m of p.matchAll(
        /<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g,
      )) {
        words.push({ xMin: +m[1]!, yMin: +m[2]!, xMax: +m[3]!, yMax: +m[4]!, text: m[5]!, page: i + 1 });
      }
    });
    return words;
  });
}

export interface Raster {
  png: Buffer;
  width: number;
  height: number;
  data: Buffer;
  dpi: number;
}

export function renderPage(pdf: Uint8Array, page = 1, dpi = 200): Raster {
  return withPdf(pdf, (path, dir) => {
    execFileSync('pdftoppm', [
      '-r',
      String(dpi),
      '-f',
      String(page),
      '-l',
      String(page),
      '-png',
      '-singlefile',
      path,
      join(dir, 'out'),
    ]);
    const png = readFileSync(join(dir, 'out.png'));
    const img = PNG.sync.read(png);
    return { png, width: img.width, height: img.height, data: img.data, dpi };
  });
}

/** Decodes a QR code inside a PDF-space rectangle (bottom-left origin, points) of a rendered page. */
export function decodeQrIn(
  r: Raster,
  pageHeight: number,
  rect: { x: number; y: number; w: number; h: number },
): string | undefined {
  const k = r.dpi / 72;
  const pad = 6;
  const x0 = Math.max(0, Math.floor(rect.x * k) - pad);
  const y0 = Math.max(0, Math.floor((pageHeight - rect.y - rect.h) * k) - pad);
  const w = Math.min(r.width - x0, Math.ceil(rect.w * k) + 2 * pad);
  const h = Math.min(r.height - y0, Math.ceil(rect.h * k) + 2 * pad);
  const crop = new Uint8ClampedArray(w * h * 4);
  for (let y = 0; y < h; y++) {
    const src = ((y0 + y) * r.width + x0) * 4;
    crop.set(r.data.subarray(src, src + w * 4), y * w * 4);
  }
  return jsQR(crop, w, h)?.data;
}
