import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import {
  CERTIFICATE_LABEL,
  hasGlyph,
  kod1Label,
  OFFLINE_LABEL,
  qrMatrix,
  renderQrPng,
  renderQrSvg,
} from '../../src/qr';
import { ksefNumberVectors, qrVectors } from './vectors';

function decodePng(bytes: Uint8Array): { text: string | undefined; width: number; height: number; data: Buffer } {
  const png = PNG.sync.read(Buffer.from(bytes));
  const rgba = new Uint8ClampedArray(png.data.buffer, png.data.byteOffset, png.data.length);
  return { text: jsQR(rgba, png.width, png.height)?.data, width: png.width, height: png.height, data: png.data };
}

describe('labels', () => {
  it('KOD I shows the KSeF number when known, OFFLINE otherwise; KOD II shows CERTYFIKAT', () => {
    expect(kod1Label(null)).toBe('OFFLINE');
    expect(kod1Label('  ')).toBe(OFFLINE_LABEL);
    for (const v of ksefNumberVectors.valid) expect(kod1Label(v.ksefNumber)).toBe(v.ksefNumber);
    expect(CERTIFICATE_LABEL).toBe('CERTYFIKAT');
  });

  it('the PNG font has a glyph for every character of every official KSeF number and both fixed labels', () => {
    const chars = new Set([
      ...ksefNumberVectors.valid.flatMap((v) => [...v.ksefNumber]),
      ...OFFLINE_LABEL,
      ...CERTIFICATE_LABEL,
    ]);
    for (const ch of chars) expect(hasGlyph(ch), ch).toBe(true);
    expect(hasGlyph('ł')).toBe(false);
  });
});

describe('PNG rendering', () => {
  const kod1 = qrVectors.kod1[0]!.expectedUrl;
  const kod2 = qrVectors.kod2.find((v) => v.expectedUrlP1363)!.expectedUrlP1363!;

  it('KOD I with a KSeF number decodes back to the exact link', () => {
    const png = renderQrPng(kod1, ksefNumberVectors.valid[0]!.ksefNumber);
    const d = decodePng(png);
    expect(d.text).toBe(kod1);
    // The label band adds rows of pixels under the square code.
    expect(d.height).toBeGreaterThan((qrMatrix(kod1).size + 8) * 4);
  });

  it('KOD II (a long signed link) decodes back with CERTYFIKAT under it', () => {
    expect(decodePng(renderQrPng(kod2, CERTIFICATE_LABEL, { moduleSize: 3 })).text).toBe(kod2);
  });

  it('the label is really drawn: the band under the code has dark pixels only when a label is given', () => {
    const side = (qrMatrix(kod1).size + 8) * 4;
    const darkBelow = (png: Uint8Array) => {
      const d = decodePng(png);
      let n = 0;
      for (let y = side; y < d.height; y++)
        for (let x = 0; x < d.width; x++) if (d.data[(y * d.width + x) * 4]! < 128) n++;
      return n;
    };
    expect(darkBelow(renderQrPng(kod1, ''))).toBe(0);
    expect(darkBelow(renderQrPng(kod1, OFFLINE_LABEL))).toBeGreaterThan(0);
  });
});

describe('SVG rendering', () => {
  it('draws exactly one square per dark module and escapes the label', () => {
    const url = qrVectors.kod1[1]!.expectedUrl;
    const m = qrMatrix(url);
    let dark = 0;
    for (let r = 0; r < m.size; r++) for (let c = 0; c < m.size; c++) if (m.dark(r, c)) dark++;
    const svg = renderQrSvg(url, 'A&B<OFFLINE>');
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(svg.match(/M\d+ \d+h4v4h-4z/g)?.length).toBe(dark);
    expect(svg).toContain('A&#38;B&#60;OFFLINE&#62;</text>');
    expect(renderQrSvg(url, CERTIFICATE_LABEL)).toContain('>CERTYFIKAT</text>');
  });
});
