/**
 * The stylesheet that reserves the room for the row blocks, as the layouts declare it
 * (src/base/panel/layouts.ts). reserve.css must say exactly this: the browser injects a content
 * script's stylesheet from a file listed in the manifest before the page is built
 * (entrypoints/base-panel.content.ts), so the file is kept, and test/content/layouts.test.ts fails
 * with the text to paste whenever it and the layouts part. Not imported by the content script.
 */
import { type BaseLayout, RESERVE_ATTR } from './layouts';

/** One rule per width: the mount and last cells of the tables the controller marks with a layout's
 * name, then the cells the layouts declare. (One rule, the marks before the more specific declared
 * paths, so a more specific selector never precedes a less specific one for the same cells.) */
export function reserveRules(layouts: readonly BaseLayout[]): { selectors: string[]; px: number }[] {
  const rules: { marked: string[]; cells: string[]; px: number }[] = [];
  for (const l of layouts) {
    let rule = rules.find((r) => r.px === l.reserve.px);
    if (!rule) {
      rule = { marked: [], cells: [], px: l.reserve.px };
      rules.push(rule);
    }
    const marked = `table[${RESERVE_ATTR}="${l.name}"] > tbody > tr >`;
    rule.marked.push(`${marked} td:last-child`, `${marked} ${l.mount}`);
    if (l.reserve.cells) rule.cells.push(l.reserve.cells);
  }
  return rules.map((r) => ({ selectors: [...r.marked, ...r.cells], px: r.px }));
}

export function reserveCss(layouts: readonly BaseLayout[]): string {
  return reserveRules(layouts)
    .map((r) => `${r.selectors.join(',\n')} {\n  padding-right: ${r.px}px;\n}\n`)
    .join('');
}
