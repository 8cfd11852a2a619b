/**
 * QR code as PNG bytes with its label drawn underneath, without a canvas: the matrix comes
 * from `qrcode`, the label from the built-in 5×7 font, compression from fflate's zlib. This
 * runs unchanged in Node, extension pages and the MV3 service worker (which has no DOM).
 * Only the PNG container (chunk layout + CRC-32 checksum, RFC 2083) is written here.
 */
import { zlibSync } from 'fflate';
import { ADVANCE, GLYPH_H, glyphPixel } from './font5x7';
import { QUIET_ZONE, qrMatrix } from './matrix';

export interface PngOptions {
  /** Pixels per QR module (default 4). */
  moduleSize?: number;
  /** Pixels per font dot (default: as large as fits, at least 1). */
  fontScale?: number;
}

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Uint8Array): Uint8Array {
  const out = new Uint8Array(12 + data.length);
  const dv = new DataView(out.buffer);
  dv.setUint32(0, data.length);
  for (let i = 0; i < 4; i++) out[4 + i] = type.charCodeAt(i);
  out.set(data, 8);
  dv.setUint32(8 + data.length, crc32(out.subarray(4, 8 + data.length)));
  return out;
}

/** Encodes an 8-bit greyscale image (0 = black, 255 = white) as PNG. */
export function encodeGreyPng(width: number, height: number, pixels: Uint8Array): Uint8Array<ArrayBuffer> {
  const raw = new Uint8Array(height * (width + 1));
  for (let y = 0; y < height; y++) {
    raw[y * (width + 1)] = 0; // filter type: none
    raw.set(pixels.subarray(y * width, (y + 1) * width), y * (width + 1) + 1);
  }
  const ihdr = new Uint8Array(13);
  const dv = new DataView(ihdr.buffer);
  dv.setUint32(0, width);
  dv.setUint32(4, height);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 0; // colour type: greyscale
  const parts = [
    new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', zlibSync(raw, { level: 9 })),
    chunk('IEND', new Uint8Array(0)),
  ];
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let off = 0;
  for (const p of parts) {
    out.set(p, off);
    off += p.length;
  }
  return out;
}

export function renderQrPng(text: string, label: string, opts: PngOptions = {}): Uint8Array<ArrayBuffer> {
  const m = qrMatrix(text);
  const unit = opts.moduleSize ?? 4;
  const side = (m.size + 2 * QUIET_ZONE) * unit;
  const textUnits = label.length * ADVANCE - 1;
  const scale = opts.fontScale ?? Math.max(1, Math.min(unit, Math.floor((side - 2 * unit) / Math.max(1, textUnits))));
  const textW = label ? textUnits * scale : 0;
  const width = Math.max(side, textW + 4 * unit);
  const labelBand = label ? GLYPH_H * scale + 2 * unit : 0;
  const height = side + labelBand;
  const px = new Uint8Array(width * height).fill(255);
  const qx = Math.floor((width - side) / 2) + QUIET_ZONE * unit;
  const qy = QUIET_ZONE * unit;
  for (let r = 0; r < m.size; r++) {
    for (let c = 0; c < m.size; c++) {
      if (!m.dark(r, c)) continue;
      for (let dy = 0; dy < unit; dy++)
        px.fill(0, (qy + r * unit + dy) * width + qx + c * unit, (qy + r * unit + dy) * width + qx + (c + 1) * unit);
    }
  }
  if (label) {
    const tx = Math.floor((width - textW) / 2);
    const ty = side;
    [...label].forEach((ch, i) => {
      for (let gy = 0; gy < GLYPH_H; gy++) {
        for (let gx = 0; gx < ADVANCE - 1; gx++) {
          if (!glyphPixel(ch, gx, gy)) continue;
          for (let sy = 0; sy < scale; sy++) {
            const row = (ty + gy * scale + sy) * width;
            const x = tx + (i * ADVANCE + gx) * scale;
            px.fill(0, row + x, row + x + scale);
          }
        }
      }
    });
  }
  return encodeGreyPng(width, height, px);
}
