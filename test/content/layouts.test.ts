// @vitest-environment happy-dom
/** The layouts registry (src/base/panel/layouts.ts) and the stylesheet that reserves its room
 * (src/base/panel/reserve.css), which the browser injects before Base lays the page out. */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import {
  BASE_ROW,
  type BaseLayout,
  findInvoiceRows,
  LAYOUTS,
  mountCell,
  RESERVE_ATTR,
  rowRef,
} from '../../src/base/panel/layouts';
import { reserveCss, reserveRules } from '../../src/base/panel/reserve-css';
import { fixtureBody } from './fake-worker';

const INVOICES = { pathname: '/invoices.php', search: '', hash: '' };
const PRODUCTS = { pathname: '/inventory_products.php', search: '', hash: '' };

/** The rules of a stylesheet: selectors (whitespace collapsed) and the padding they reserve. */
function parseRules(css: string): { selectors: string[]; px: number }[] {
  const out: { selectors: string[]; px: number }[] = [];
  const text = css.replace(/\/\*[\s\S]*?\*\//g, '');
  for (const m of text.matchAll(/([^{}]+)\{([^}]*)\}/g)) {
    const body = (m[2] ?? '').trim();
    const px = /^padding-right:\s*(\d+)px;?$/.exec(body);
    if (!px) throw new Error(`reserve.css: unexpected declarations "${body}"`);
    const selectors = (m[1] ?? '').split(',').map((s) => s.trim().replace(/\s+/g, ' '));
    out.push({ selectors, px: Number(px[1]) });
  }
  return out;
}

const FILE = parseRules(readFileSync(resolve(import.meta.dirname, '../../src/base/panel/reserve.css'), 'utf8'));

beforeEach(() => {
  document.body.innerHTML = '';
});

describe('the reserved room', () => {
  it('reserve.css says exactly what the layouts declare (selectors and width)', () => {
    // On failure, paste the expected text below into src/base/panel/reserve.css.
    expect(FILE, `reserve.css should read:\n${reserveCss(LAYOUTS)}`).toEqual(reserveRules(LAYOUTS));
  });

  it('tells a changed width or a dropped selector apart from the registry', () => {
    // The comparison above is not blind to what the layouts say.
    const wider = LAYOUTS.map((l) => ({ ...l, reserve: { ...l.reserve, px: l.reserve.px + 1 } }));
    expect(reserveRules(wider)).not.toEqual(FILE);
    const fewer = LAYOUTS.map((l) => ({ ...l, reserve: { ...l.reserve, cells: null } }));
    expect(reserveRules(fewer)).not.toEqual(FILE);
  });

  it('names each layout once: its name marks the tables it pads', () => {
    const names = LAYOUTS.map((l) => l.name);
    expect(new Set(names).size).toBe(names.length);
    for (const n of names) expect(n).toMatch(/^[a-z][a-z0-9-]*$/);
  });

  it("pads the stand-in layout's mount cells before the first layout, without a mark", () => {
    document.body.innerHTML = fixtureBody('invoice-list.html');
    const found = findInvoiceRows(document, INVOICES);
    expect(found?.layout.name).toBe('known');
    const layout = found?.layout as BaseLayout;
    const rule = FILE.find((r) => r.px === layout.reserve.px);
    const cells = [...(found?.rows ?? [])].map((r) => mountCell(r, layout));
    expect(cells).toHaveLength(3);
    for (const c of cells) {
      expect(c?.matches('td.actions')).toBe(true);
      expect(rule?.selectors.some((s) => c?.matches(s))).toBe(true);
    }
  });

  it("pads a marked table's mount cells by the rule of the layout named in the mark", () => {
    document.body.innerHTML = fixtureBody('invoice-list-numbers.html');
    const found = findInvoiceRows(document, INVOICES);
    const layout = found?.layout as BaseLayout;
    expect(layout.name).toBe('generic');
    expect(layout.reserve.cells).toBeNull();
    const table = document.querySelector('#table_documents table');
    const rule = FILE.find((r) => r.px === layout.reserve.px);
    const padded = (c: Element | null) => rule?.selectors.some((s) => c?.matches(s)) ?? false;
    const cells = [...(found?.rows ?? [])].map((r) => mountCell(r, layout));
    expect(cells.some(padded)).toBe(false);
    table?.setAttribute(RESERVE_ATTR, layout.name);
    expect(cells.every(padded)).toBe(true);
    // A mark no layout declares pads nothing.
    table?.setAttribute(RESERVE_ATTR, 'unknown');
    expect(cells.some(padded)).toBe(false);
  });
});

describe('adding a layout', () => {
  // What a new shape costs: one entry (here a list whose rows carry `data-document-id` and whose
  // block covers `td.tools`), before the others.
  const documents: BaseLayout = {
    name: 'documents',
    rows: '#table_documents table tbody tr',
    gated: false,
    read: { ...BASE_ROW, id: (row) => row.getAttribute('data-document-id') },
    orderLinkAlone: false,
    mount: 'td.tools',
    reserve: { px: 200, cells: '#table_documents table > tbody > tr > td.tools' },
  };
  const withDocuments = [documents, ...LAYOUTS];

  it('finds, reads and mounts the new shape from its entry alone', () => {
    document.body.innerHTML = `<div id="table_documents"><table><tbody>
      <tr data-document-id="501"><td>Dokument</td><td class="tools"></td><td>x</td></tr>
      <tr><td>bez numeru</td><td class="tools"></td><td>x</td></tr>
    </tbody></table></div>`;
    // Not an invoice list to the registry as it ships (no number shown, not the stand-in table).
    expect(findInvoiceRows(document, INVOICES)).toBeNull();
    const found = findInvoiceRows(document, PRODUCTS, withDocuments);
    expect(found?.layout).toBe(documents);
    const [first, second] = [...(found?.rows ?? [])];
    expect(rowRef(first as Element, documents)).toMatchObject({ id: '501', number: null, orderId: null });
    expect(rowRef(second as Element, documents)).toBeNull();
    expect(mountCell(first as Element, documents)?.className).toBe('tools');
    // Its own width makes its own rule; the shipped layouts keep theirs.
    expect(reserveRules(withDocuments)).toEqual([
      {
        selectors: [
          'table[data-ksef-reserve="documents"] > tbody > tr > td:last-child',
          'table[data-ksef-reserve="documents"] > tbody > tr > td.tools',
          '#table_documents table > tbody > tr > td.tools',
        ],
        px: 200,
      },
      ...reserveRules(LAYOUTS),
    ]);
  });
});
