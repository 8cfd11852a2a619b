// @vitest-environment happy-dom
/** QR previews come from the worker as markup and land in Base's page: only renderQrSvg's own
 * drawings pass, unchanged. */
import { describe, expect, it } from 'vitest';
import { parseQrSvg } from '../../src/content/qr-svg';
import { CERTIFICATE_LABEL, kod1Label, renderQrSvg } from '../../src/qr';

const NS = 'xmlns="http://www.w3.org/2000/svg"';
const KOD1 = 'https://qr-test.ksef.mf.gov.pl/invoice/5265877635/13-05-2026/UtQp9Gpc51y-u3xApZjIjgkpZ01js-J8KflSPW8WzIE';
// An RSA-2048 signature makes KOD II the longest link the worker draws.
const KOD2 = `https://qr-test.ksef.mf.gov.pl/certificate/Nip/5265877635/5265877635/01D1732E43B9345E/UtQp9Gpc51y-u3xApZjIjgkpZ01js-J8KflSPW8WzIE/${'Ab3-_x9Z'.repeat(43)}`;
const GOOD = renderQrSvg('abc', 'OFFLINE');

describe('parseQrSvg', () => {
  it("accepts the worker's QR renderer output and keeps its drawing", () => {
    const markup = renderQrSvg(KOD1, 'OFFLINE');
    const svg = parseQrSvg(document, markup);
    expect(svg?.localName).toBe('svg');
    expect(svg?.ownerDocument).toBe(document);
    expect(svg?.querySelector('path')?.getAttribute('d')).toBe(/ d="([^"]+)"/.exec(markup)?.[1]);
    expect(svg?.textContent).toBe('OFFLINE');
  });

  it.each([
    ['KOD I, offline', KOD1, kod1Label(null), {}],
    ['KOD I, KSeF number', KOD1, kod1Label('5265877635-20260513-0100001AF629-AF'), {}],
    ['KOD II', KOD2, CERTIFICATE_LABEL, {}],
    ['KOD II, 1 px modules', KOD2, CERTIFICATE_LABEL, { moduleSize: 1 }],
    ['KOD I, 7 px modules', KOD1, 'OFFLINE', { moduleSize: 7 }],
    ['KOD I, 2.5 px modules', KOD1, 'OFFLINE', { moduleSize: 2.5 }],
    ['no label', 'abc', '', {}],
    ['a label needing escapes', 'abc', `a<&>"'b ]] ż`, { moduleSize: 3 }],
  ])('passes %s unchanged', (_why, text, label, opts) => {
    const markup = renderQrSvg(text, label, opts);
    const svg = parseQrSvg(document, markup);
    const original = new DOMParser().parseFromString(markup, 'image/svg+xml').documentElement;
    expect(svg).not.toBeNull();
    expect(svg?.isEqualNode(original)).toBe(true);
    expect(new XMLSerializer().serializeToString(svg as SVGSVGElement)).toBe(
      new XMLSerializer().serializeToString(original),
    );
    expect(svg?.textContent).toBe(label);
  });

  it.each([
    ['not SVG', '<div>x</div>'],
    ['text before the SVG', `x${GOOD}`],
    ['text after the SVG', `${GOOD}x`],
    ['a script', `<svg ${NS}><script>alert(1)</script></svg>`],
    ['a script in place of the label', GOOD.replace(/<text.*<\/text>/, '<script>alert(1)</script>')],
    ['a foreignObject', `<svg ${NS}><foreignObject><div>x</div></foreignObject></svg>`],
    ['an event attribute', `<svg ${NS}><rect onclick="alert(1)"/></svg>`],
    ['an event attribute on the code', GOOD.replace('<rect ', '<rect onload="alert(1)" ')],
    [
      'a link',
      `<svg ${NS} xmlns:xlink="http://www.w3.org/1999/xlink"><a xlink:href="javascript:alert(1)"><rect/></a></svg>`,
    ],
    ['a use of another document', `<svg ${NS}><use href="https://evil.example/x.svg#a"/></svg>`],
    ['an href on the path', GOOD.replace('<path ', '<path href="https://evil.example/x" ')],
    ['a url() paint', `<svg ${NS}><rect fill="url(https://evil.example/p)"/></svg>`],
    ['a url() paint on the code', GOOD.replace('fill="#000"', 'fill="url(https://evil.example/p)"')],
    ['a style', GOOD.replace('<rect ', '<rect style="fill:url(https://evil.example/p)" ')],
    ['an element outside SVG', GOOD.replace(` ${NS}`, '')],
    ['broken XML', `<svg ${NS}><rect></svg>`],
    ['a label that breaks the XML', GOOD.replace('OFFLINE', 'A]]>B')],
    ['a control character in the label', renderQrSvg('abc', 'A\u0001B')],
    ['a tspan inside the label', GOOD.replace('OFFLINE', '<tspan>OFFLINE</tspan>')],
    ['an entity in the label', GOOD.replace('OFFLINE', '&lt;b&gt;')],
    ['a comment', GOOD.replace('<path ', '<!-- x --><path ')],
    ['a CDATA label', GOOD.replace('OFFLINE', '<![CDATA[OFFLINE]]>')],
    ['a second namespace', GOOD.replace(` ${NS}`, ` ${NS} xmlns:x="https://evil.example/"`)],
    ['an extra drawing element', GOOD.replace('<path ', '<circle cx="1" cy="1" r="1"/><path ')],
    ['a group around the code', GOOD.replace('<path ', '<g transform="scale(9)"><path ').replace('<text', '</g><text')],
    ['a title', GOOD.replace('<rect ', '<title>x</title><rect ')],
    ['a stroke', GOOD.replace('<path ', '<path stroke="#f00" ')],
    ['another colour', GOOD.replace('fill="#fff"', 'fill="#f00"')],
    ['a path that is not module squares', GOOD.replace(/ d="M/, ' d="L0 0M')],
    ['a viewBox other than the size', GOOD.replace(/viewBox="0 0 (\d+)/, 'viewBox="0 0 1$1')],
    ['attributes in another order', GOOD.replace('width="116" height="', 'height="116" width="')],
  ])('rejects %s', (_why, markup) => {
    expect(markup).not.toBe(GOOD);
    expect(parseQrSvg(document, markup)).toBeNull();
  });
});
