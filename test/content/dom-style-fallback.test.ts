// @vitest-environment happy-dom
/**
 * Firefox 140 ESR refuses a content script's constructed stylesheets; src/content/dom.ts then styles
 * every closed root with `<style>` elements instead, so the blocks still appear. Its own file: the
 * refusal is remembered per page (module state).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { shadowHost } from '../../src/content/dom';

const proto = ShadowRoot.prototype;
const original = Object.getOwnPropertyDescriptor(proto, 'adoptedStyleSheets');

afterEach(() => {
  if (original) Object.defineProperty(proto, 'adoptedStyleSheets', original);
});

describe('shadowHost when the browser refuses constructed sheets', () => {
  it('puts the CSS in style elements, for this root and every later one', () => {
    let tries = 0;
    Object.defineProperty(proto, 'adoptedStyleSheets', {
      configurable: true,
      get: () => [],
      set: () => {
        tries++;
        throw new Error('Accessing from Xray wrapper is not supported.');
      },
    });
    const [, first] = shadowHost(document, 'div', 'panel', ':host { color: red; }', 'ul { margin: 0; }');
    expect([...first.querySelectorAll('style')].map((s) => s.textContent)).toEqual([
      ':host { color: red; }',
      'ul { margin: 0; }',
    ]);
    const [, second] = shadowHost(document, 'span', 'send', 'b { font-weight: 600; }');
    expect(second.querySelectorAll('style')).toHaveLength(1);
    // Refused once, not tried again for every row.
    expect(tries).toBe(1);
    // A root without CSS gets nothing.
    const [, layer] = shadowHost(document, 'div', 'layer');
    expect(layer.childNodes).toHaveLength(0);
  });
});
