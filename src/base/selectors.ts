/**
 * Every selector and every guess about Base's panel markup, in one file (docs/architecture.md
 * practice 8). The invoice list markup is not public (docs/base.md §2.4 "Not found"): the known layout
 * follows the stand-in of §2.4 (Bootstrap 3 tables in a `#table_<name>` container, rows loaded by
 * ajax_table_common.php, §2.3), and a generic layout recognises any `#table_<name>` table whose
 * rows carry invoice ids or numbers. Tested against the fixture pages in test/fixtures/base.
 */
export const SEL = {
  /** Container of the invoice table; Base reloads its contents by AJAX. */
  invoiceTable: '#table_invoices',
  /** One invoice per body row (the stand-in layout, docs/base.md §2.4). */
  invoiceRows: '#table_invoices table tbody tr',
  /** Any AJAX list table of the panel (docs/base.md §2.3: `#table_<name> > table`); rows are only
   * taken from it when they carry invoice ids or numbers (docs/base.md §2.4 "Detecting it robustly"). */
  genericRows: '[id^="table_"] table tbody tr',
  /** The row's checkbox carries the invoice id as its value. */
  rowCheckbox: 'input[type="checkbox"][name="sel[]"]',
  /** Any checkbox of a row (generic layout: the name is unknown). */
  anyCheckbox: 'input[type="checkbox"]',
  /** Where the invoice number is shown, when marked. */
  rowNumber: '.invoice_number',
  /** Secondary text under a cell's main value (docs/base.md §2.3), ignored when reading numbers. */
  secondLine: '.cell-second-line',
  /** A link to the order the invoice was issued from (docs/base.md §2.2: `orders.php#order:<id>`). */
  orderLink: 'a[href*="order:"], a[href*="order_id="]',
  /** The action cell where Base's own PDF/correction buttons sit. */
  rowActions: 'td.actions',
  /** The order card's info panel (docs/base.md §2.3): the KSeF block goes right after it. */
  orderInfo: '#pnl_order_info',
  /** Marker on everything we inject, so injection is idempotent. */
  injected: '[data-ksef-ext]',
  /** Cells whose room for the KSeF block reserve.css reserves before Base's first layout. */
  reservedCell: '#table_invoices table > tbody > tr > td.actions',
  /** Set on any other list table: reserve.css then reserves the room in its last cells. */
  reserveAttr: 'data-ksef-reserve',
} as const;

/** Width of the room reserved at the end of each invoice row for its KSeF block (reserve.css
 * says the same; test/content/adapter.test.ts keeps them equal): the icon and the state on one
 * line, a whole KSeF number (35 characters) on the second. */
export const ROW_BLOCK_PX = 232;

/**
 * Page gate for the fallback panel. The invoice list's path is unknown (docs/base.md §2.4), so the
 * floating panel only appears on paths that look like Base's invoice area, never on every page.
 * `orders.php` is handled by the order card, not here.
 */
export const INVOICE_AREA_PATH = /invoice|faktur/i;

/** Path of the order manager; the open order is in the hash (docs/base.md §2.2–2.3). */
export const ORDERS_PATH = /\/orders(?:\.php)?$/;
/** The newer order route (docs/base.md §2.2, "may be newer SPA routes, unverified"). */
export const ORDER_ROUTE = /\/orders\/order$/;

const NUMERIC_ID = /^\d{1,18}$/;
/** An invoice number as Base's series formats make it (`FV/%N/%M/%Y`, `%N/%M/%Y/FV`…, docs/base.md
 * §1.3): at least one slash and one digit, no spaces. Dates (`2026-05-13`) and prices do not match. */
const INVOICE_NUMBER = /^(?=.*\d)[\p{L}\d._-]+(?:\/[\p{L}\d._-]+)+$/u;

export function looksLikeInvoiceNumber(text: string): boolean {
  return text.length <= 64 && INVOICE_NUMBER.test(text);
}

/** The candidate Base invoice id of a row: `data-id` first, then the checkbox value
 * (docs/base.md §2.4, 2a). Still to be checked against the invoices the worker knows. */
export function rowInvoiceId(row: Element): string | null {
  const fromAttr = row.getAttribute('data-id') ?? row.getAttribute('data-invoice-id');
  if (fromAttr && NUMERIC_ID.test(fromAttr)) return fromAttr;
  const box =
    row.querySelector<HTMLInputElement>(SEL.rowCheckbox) ?? row.querySelector<HTMLInputElement>(SEL.anyCheckbox);
  if (box?.value && NUMERIC_ID.test(box.value)) return box.value;
  return null;
}

/** A cell's own text, without the `.cell-second-line` notes. */
function mainText(el: Element): string {
  let s = '';
  for (const n of el.childNodes) {
    if (n.nodeType === 3) s += n.textContent ?? '';
    else if (n.nodeType === 1 && !(n as Element).matches(SEL.secondLine)) s += mainText(n as Element);
  }
  return s.trim();
}

/** The invoice number shown in a row (docs/base.md §2.4, 2b): the marked element, else the first
 * cell whose text looks like a number. */
export function rowInvoiceNumber(row: Element): string | null {
  const marked = row.querySelector(SEL.rowNumber);
  if (marked) {
    const t = mainText(marked);
    if (t) return t;
  }
  for (const cell of row.children) {
    if (cell.matches(SEL.injected)) continue;
    const t = mainText(cell);
    if (looksLikeInvoiceNumber(t)) return t;
  }
  return null;
}

/** The order a row links to (docs/base.md §2.4, 2c). */
export function rowOrderId(row: Element): string | null {
  const a = row.querySelector<HTMLAnchorElement>(SEL.orderLink);
  if (!a) return null;
  return orderIdFrom(a.getAttribute('href') ?? '');
}

/** `orders.php#order:91822410` or `…?order_id=91822410` → `91822410`. */
export function orderIdFrom(s: string): string | null {
  const m = /order(?::|_id=)(\d{1,18})/.exec(s);
  return m?.[1] ?? null;
}

/** The cell whose reserved room (reserve.css) the row's KSeF block covers: the action cell, else
 * the last cell. Nothing is put inside it (src/content/row-layer.ts). */
export function rowMountCell(row: Element): Element | null {
  return row.querySelector(SEL.rowActions) ?? row.lastElementChild;
}

/** The open order of the order card: `orders.php#order:<id>` (docs/base.md §2.3: `/order:(\d+)/`,
 * `hashchange` when it changes), or the newer route shape `orders/order?order_id=<id>` seen in
 * third-party links (docs/base.md §2.2, unverified). */
export function openOrderId(loc: { pathname: string; search?: string; hash: string }): string | null {
  if (ORDER_ROUTE.test(loc.pathname)) return /[?&]order_id=(\d{1,18})/.exec(loc.search ?? '')?.[1] ?? null;
  if (!ORDERS_PATH.test(loc.pathname)) return null;
  const m = /order:(\d{1,18})/.exec(loc.hash);
  return m?.[1] ?? null;
}

export function isInvoiceArea(loc: { pathname: string; search: string; hash: string }): boolean {
  return INVOICE_AREA_PATH.test(loc.pathname + loc.search + loc.hash);
}

/** A row of Base's list the adapter can work with. */
export interface RowRef {
  row: Element;
  /** Candidate Base invoice id (attribute or checkbox). */
  id: string | null;
  number: string | null;
  orderId: string | null;
}

/** What a row says about its invoice, or null when it says nothing usable. */
export function rowRef(row: Element, layout: Layout): RowRef | null {
  const ref = { row, id: rowInvoiceId(row), number: rowInvoiceNumber(row), orderId: rowOrderId(row) };
  // In the generic layout an order link alone is too weak a sign (an order list has them too).
  if (!ref.id && !ref.number && (layout === 'generic' || !ref.orderId)) return null;
  return ref;
}

export type Layout = 'known' | 'generic';

/**
 * The invoice rows on the page and which layout matched. The stand-in layout is taken whole; on
 * invoice-area pages any `#table_<name>` table counts when one of its rows shows an invoice
 * number (docs/base.md §2.4, "Page gate"): a table of bare ids (orders, products) is not an invoice
 * list. Returns null when nothing matches: the caller falls back to the floating panel.
 */
export function findInvoiceRows(
  doc: Document,
  loc: { pathname: string; search: string; hash: string },
): { layout: Layout; rows: ArrayLike<Element> & Iterable<Element> } | null {
  const known = doc.querySelectorAll(SEL.invoiceRows);
  if (known.length > 0) return { layout: 'known', rows: known };
  if (!isInvoiceArea(loc)) return null;
  const generic = doc.querySelectorAll(SEL.genericRows);
  for (const row of generic) {
    if (rowInvoiceNumber(row)) return { layout: 'generic', rows: generic };
  }
  return null;
}
