/**
 * "Zgłoś układ strony": the skeleton of a panel page whose layout the adapter does not know
 * (docs/base.md §2.4 point 5), for the seller to send us so the adapter can learn Base's real
 * markup. Only the page's shape survives: tag names, ids, classes and attribute names, the number
 * of rows and cells of a table. No text, no attribute value, no form data; every digit in a name is
 * replaced (ids like `inv-48211937` carry data), and repeated siblings of the same shape are folded.
 *
 * `skeletonOf` runs in the seller's tab through `scripting.executeScript({ func })`, which sends the
 * function's source alone: it must use nothing from outside its own body.
 */
export function skeletonOf(root?: ParentNode): string {
  const MAX_LINES = 4000;
  const MAX_DEPTH = 60;
  const SKIP = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'SVG', 'svg', 'IFRAME', 'LINK', 'META']);
  const clean = (s: string) => s.replace(/\d+/g, '0').replace(/[^\w:-]/g, '');
  const sig = (el: Element): string => {
    let s = el.tagName.toLowerCase();
    if (el.id) s += `#${clean(el.id)}`;
    for (const c of el.classList) if (clean(c)) s += `.${clean(c)}`;
    const names = [...el.attributes]
      .map((a) => a.name)
      .filter((n) => n !== 'id' && n !== 'class' && n !== 'style')
      .map(clean)
      .sort();
    if (names.length) s += `[${names.join(' ')}]`;
    if (el.tagName === 'TABLE') {
      const rows = (el as HTMLTableElement).rows;
      let cols = 0;
      for (const r of rows) cols = Math.max(cols, r.cells.length);
      s += ` (rows ${rows.length}, cols ${cols})`;
    }
    return s;
  };
  let budget = 20_000;
  // An element's subtree, indented under it; a run of siblings with the same subtree is written
  // once, with its count (a 1,000-row list is one row ×1000).
  const render = (el: Element, depth: number): string[] => {
    const out = [sig(el)];
    if (depth >= MAX_DEPTH || --budget < 0) return out;
    let prev: string[] | null = null;
    let n = 0;
    const flush = () => {
      if (!prev) return;
      out.push(...prev.map((l, i) => `  ${l}${i === 0 && n > 1 ? ` ×${n}` : ''}`));
    };
    for (const k of el.children) {
      if (SKIP.has(k.tagName) || k.hasAttribute('data-ksef-ext')) continue;
      const b = render(k, depth + 1);
      if (prev && b.join('\n') === prev.join('\n')) n++;
      else {
        flush();
        prev = b;
        n = 1;
      }
    }
    flush();
    return out;
  };
  const top = root ?? document;
  const start = 'documentElement' in top ? (top as Document).documentElement : (top as Element);
  return render(start, 0).slice(0, MAX_LINES).join('\n');
}
