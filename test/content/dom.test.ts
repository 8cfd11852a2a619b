// @vitest-environment happy-dom
/** The DOM makers shared by every block of the content script (src/content/dom.ts). */
import { describe, expect, it } from 'vitest';
import { el, shadowHost } from '../../src/content/dom';
import { rootOf } from './shadow';

describe('el', () => {
  it('makes an element with its class, text and action', () => {
    const b = el(document, 'button', 'lnk', 'Kod QR', 'qr');
    expect(b.tagName).toBe('BUTTON');
    expect(b.className).toBe('lnk');
    expect(b.textContent).toBe('Kod QR');
    expect(b.getAttribute('data-action')).toBe('qr');
    // A button in Base's forms must never submit them.
    expect(b.type).toBe('button');
  });

  it('leaves out what it is not given', () => {
    const s = el(document, 'span');
    expect(s.hasAttribute('class')).toBe(false);
    expect(s.textContent).toBe('');
    expect(s.hasAttribute('data-action')).toBe(false);
    expect(el(document, 'li', 'e', '').textContent).toBe('');
  });
});

describe('shadowHost', () => {
  it('marks the host as ours and gives it a closed root with the stylesheets', () => {
    const [host, root] = shadowHost(document, 'div', 'panel', ':host { color: red; }', 'ul { margin: 0; }');
    expect(host.tagName).toBe('DIV');
    expect(host.getAttribute('data-ksef-ext')).toBe('panel');
    // Closed: a script of the page cannot reach it through the host.
    expect(host.shadowRoot).toBeNull();
    expect(rootOf(host)).toBe(root);
    expect(root.adoptedStyleSheets).toHaveLength(2);
  });

  it('shares one stylesheet per text between hosts', () => {
    const css = '.x { color: blue; }';
    const [, a] = shadowHost(document, 'span', 'send', css);
    const [, b] = shadowHost(document, 'span', 'send', css, '.y { color: green; }');
    expect(b.adoptedStyleSheets[0]).toBe(a.adoptedStyleSheets[0]);
    expect(b.adoptedStyleSheets[1]).not.toBe(a.adoptedStyleSheets[0]);
  });

  it('gives a host without stylesheets an empty list', () => {
    const [host, root] = shadowHost(document, 'div', 'layer');
    expect(host.getAttribute('data-ksef-ext')).toBe('layer');
    expect(root.adoptedStyleSheets).toEqual([]);
  });
});
