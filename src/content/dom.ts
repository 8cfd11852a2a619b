/**
 * The DOM makers every KSeF block on Base's page uses (the row block, the floating panel, the
 * order block, the ticked bar, the row layer). One copy, not one per block: the content bundle
 * must stay under 12 KB gzipped (test/bench/panel.ts).
 */

/** An element with its class, its text and the action it stands for (`data-action`); a button
 * never submits a form of Base's page (`type=button`). */
export function el<K extends keyof HTMLElementTagNameMap>(
  doc: Document,
  tag: K,
  cls?: string,
  text?: string,
  action?: string,
): HTMLElementTagNameMap[K] {
  const e = doc.createElement(tag);
  if (cls) e.className = cls;
  if (text !== undefined) e.textContent = text;
  if (action) e.setAttribute('data-action', action);
  if (tag === 'button') (e as HTMLButtonElement).type = 'button';
  return e;
}

const sheets = new Map<string, CSSStyleSheet>();

/** The stylesheets of `css`, each made once per page and shared by every root that adopts it. */
function sheetsOf(css: readonly string[]): CSSStyleSheet[] {
  return css.map((text) => {
    let s = sheets.get(text);
    if (!s) {
      s = new CSSStyleSheet();
      s.replaceSync(text);
      sheets.set(text, s);
    }
    return s;
  });
}

/**
 * A host marked as ours (`data-ksef-ext`, which the panel's observer skips and a restarted content
 * script removes) with a closed shadow root styled by `css`: Base's Bootstrap 3 CSS and ours never
 * mix (docs/base.md §2.4 point 4), and a script of the page can neither reach the buttons inside
 * nor read an invoice's state.
 */
export function shadowHost(
  doc: Document,
  tag: 'div' | 'span',
  kind: string,
  ...css: string[]
): [host: HTMLElement, root: ShadowRoot] {
  const host = doc.createElement(tag);
  host.setAttribute('data-ksef-ext', kind);
  const root = host.attachShadow({ mode: 'closed' });
  if (css.length && adopt) {
    try {
      root.adoptedStyleSheets = sheetsOf(css);
    } catch {
      // Firefox 140 ESR refuses a content script's constructed sheets ("Accessing from Xray
      // wrapper is not supported"); later Firefox versions and Chrome take them.
      adopt = false;
    }
  }
  if (css.length && !adopt) for (const text of css) root.append(el(doc, 'style', undefined, text));
  return [host, root];
}

/** False once the browser refused constructed sheets: every root then gets `<style>` elements. */
let adopt = true;
