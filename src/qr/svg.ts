/**
 * QR code as an SVG string with its label underneath (docs/ksef-protocol.md §6.1/§6.2: the KSeF
 * number or `OFFLINE` under KOD I, `CERTYFIKAT` under KOD II). Pure string building, so it
 * runs in the worker and in Node; pages can inline it or use it as a data: URL.
 */
import { QUIET_ZONE, qrMatrix } from './matrix';

export interface SvgOptions {
  /** Pixel size of one module (default 4). */
  moduleSize?: number;
}

function escapeXml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

export function renderQrSvg(text: string, label: string, opts: SvgOptions = {}): string {
  const m = qrMatrix(text);
  const unit = opts.moduleSize ?? 4;
  const side = (m.size + 2 * QUIET_ZONE) * unit;
  const fontSize = Math.max(10, Math.round(unit * 3));
  // The label must fit under the code: a monospace glyph is about 0.6 em wide.
  const labelWidth = Math.ceil(label.length * fontSize * 0.6) + 2 * unit * 2;
  const width = Math.max(side, labelWidth);
  const height = side + (label ? fontSize + unit * 3 : 0);
  const x0 = Math.floor((width - side) / 2) + QUIET_ZONE * unit;
  const y0 = QUIET_ZONE * unit;
  let path = '';
  for (let r = 0; r < m.size; r++) {
    for (let c = 0; c < m.size; c++) {
      if (m.dark(r, c)) path += `M${x0 + c * unit} ${y0 + r * unit}h${unit}v${unit}h-${unit}z`;
    }
  }
  const text_ = label
    ? `<text x="${width / 2}" y="${side + fontSize}" text-anchor="middle" font-family="DejaVu Sans Mono, Consolas, monospace" font-size="${fontSize}" fill="#000">${escapeXml(label)}</text>`
    : '';
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" shape-rendering="crispEdges">` +
    `<rect width="${width}" height="${height}" fill="#fff"/><path d="${path}" fill="#000"/>${text_}</svg>`
  );
}
