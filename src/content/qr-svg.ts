/**
 * The QR previews come from the worker as SVG markup (messaging.ts, `invoice.qr`). The panel is a
 * page the extension does not control, so only the exact shape `renderQrSvg` (src/qr/svg.ts)
 * writes is accepted: one `svg` holding a white `rect`, one `path` made of module squares and an
 * optional label `text`, with those attributes in that order and those values. Anything else
 * (scripts, foreign or extra elements, event handlers, links, styles, comments, other colours)
 * rejects the whole image rather than "cleaning" it. Matching the markup itself, before parsing,
 * keeps the check independent of how a browser's parser treats odd input.
 */

// Numbers are whole or decimal; the label's only escapes are the five renderQrSvg writes, and
// it holds no control characters (one line of text; most are not even allowed in XML).
// Unambiguous alternatives keep matching linear in the length of the path.
const QR_SVG =
  /^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" width="(\d+(?:\.\d+)?)" height="(\d+(?:\.\d+)?)" viewBox="0 0 \1 \2" shape-rendering="crispEdges"><rect width="\1" height="\2" fill="#fff"\/><path d="(?:M\d+(?:\.\d+)? \d+(?:\.\d+)?h(\d+(?:\.\d+)?)v\3h-\3z)*" fill="#000"\/>(?:<text x="\d+(?:\.\d+)?" y="\d+(?:\.\d+)?" text-anchor="middle" font-family="DejaVu Sans Mono, Consolas, monospace" font-size="\d+" fill="#000">(?:[^<>&"'\p{Cc}]|&#(?:34|38|39|60|62);)+<\/text>)?<\/svg>$/u;

/** A safe SVG element made from `markup` for `doc`, or null when the markup is not a QR code
 * drawn by renderQrSvg. */
export function parseQrSvg(doc: Document, markup: string): SVGSVGElement | null {
  if (!QR_SVG.test(markup)) return null;
  // The pattern already fixes the root as an SVG-namespace `svg`; a label the XML parser still
  // refuses (say a lone surrogate) shows up as a parsererror element, not as an exception.
  const parsed = new DOMParser().parseFromString(markup, 'image/svg+xml');
  if (parsed.getElementsByTagName('parsererror').length > 0) return null;
  return doc.importNode(parsed.documentElement, true) as unknown as SVGSVGElement;
}
