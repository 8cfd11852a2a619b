/**
 * The QR previews come from the worker as SVG markup (messaging.ts, `invoice.qr`). The panel is a
 * page the extension does not control, so the markup is parsed as XML and only a small set of
 * drawing elements and attributes is kept: no scripts, no foreignObject, no event handlers, no
 * links. Anything else rejects the whole image rather than "cleaning" it.
 */
const SVG_NS = 'http://www.w3.org/2000/svg';
const ELEMENTS = new Set(['svg', 'g', 'rect', 'path', 'text', 'tspan', 'title', 'desc', 'line', 'polygon', 'circle']);
const ATTRIBUTES = new Set([
  'xmlns',
  'width',
  'height',
  'viewBox',
  'shape-rendering',
  'fill',
  'stroke',
  'stroke-width',
  'd',
  'x',
  'y',
  'x1',
  'x2',
  'y1',
  'y2',
  'cx',
  'cy',
  'r',
  'points',
  'transform',
  'text-anchor',
  'font-family',
  'font-size',
  'font-weight',
  'dominant-baseline',
]);

function clean(el: Element): boolean {
  if (el.namespaceURI !== SVG_NS || !ELEMENTS.has(el.localName)) return false;
  for (const a of el.attributes) {
    if (!ATTRIBUTES.has(a.name)) return false;
    if (/url\s*\(|javascript:/i.test(a.value)) return false;
  }
  for (const c of el.children) if (!clean(c)) return false;
  return true;
}

/** A safe SVG element made from `markup` for `doc`, or null when the markup is not a plain
 * drawing. */
export function parseQrSvg(doc: Document, markup: string): SVGSVGElement | null {
  if (!markup.trimStart().startsWith('<svg')) return null;
  let parsed: Document;
  try {
    parsed = new DOMParser().parseFromString(markup, 'image/svg+xml');
  } catch {
    return null;
  }
  const root: Element | null = parsed.documentElement;
  if (root === null || root.localName !== 'svg') return null;
  if (parsed.getElementsByTagName('parsererror').length > 0 || !clean(root)) return null;
  return doc.importNode(root, true) as unknown as SVGSVGElement;
}
