// @vitest-environment happy-dom
/** QR previews come from the worker as markup and land in Base's page: only plain drawings pass. */
import { describe, expect, it } from 'vitest';
import { parseQrSvg } from '../../src/content/qr-svg';
import { renderQrSvg } from '../../src/qr/svg';

const NS = 'xmlns="http://www.w3.org/2000/svg"';

describe('parseQrSvg', () => {
  it("accepts the worker's QR renderer output and keeps its drawing", () => {
    const markup = renderQrSvg('https://qr-test.ksef.mf.gov.pl/invoice/5265877635/13-05-2026/abc', 'OFFLINE');
    const svg = parseQrSvg(document, markup);
    expect(svg?.localName).toBe('svg');
    expect(svg?.ownerDocument).toBe(document);
    expect(svg?.querySelector('path')?.getAttribute('d')).toBe(/ d="([^"]+)"/.exec(markup)?.[1]);
    expect(svg?.textContent).toBe('OFFLINE');
  });

  it.each([
    ['not SVG', '<div>x</div>'],
    ['text before the SVG', `x<svg ${NS}></svg>`],
    ['a script', `<svg ${NS}><script>alert(1)</script></svg>`],
    ['a foreignObject', `<svg ${NS}><foreignObject><div>x</div></foreignObject></svg>`],
    ['an event attribute', `<svg ${NS}><rect onclick="alert(1)"/></svg>`],
    [
      'a link',
      `<svg ${NS} xmlns:xlink="http://www.w3.org/1999/xlink"><a xlink:href="javascript:alert(1)"><rect/></a></svg>`,
    ],
    ['a use of another document', `<svg ${NS}><use href="https://evil.example/x.svg#a"/></svg>`],
    ['a url() paint', `<svg ${NS}><rect fill="url(https://evil.example/p)"/></svg>`],
    ['an element outside SVG', '<svg><rect/></svg>'],
    ['broken XML', `<svg ${NS}><rect></svg>`],
  ])('rejects %s', (_why, markup) => {
    expect(parseQrSvg(document, markup)).toBeNull();
  });
});
