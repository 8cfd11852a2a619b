/**
 * Base's panel markup as far as it is guessed (docs/architecture.md practice 8): what a row of an
 * invoice list carries, the order card, the page gates. The invoice list markup is not public
 * (docs/base.md §2.4 "Not found"); which lists are invoice lists, and where in a row the KSeF block
 * goes, is declared per layout in src/base/panel/layouts.ts. Tested against the fixture pages in
 * test/fixtures/base.
 */
// The selectors: plain constants (SEL_*), not one object, since the bundler shortens a constant's
// name but never an object's keys (the content script's 12 KB gzipped budget, test/bench/panel.ts).

/** The row's checkbox carries the invoice id as its value. */
export const SEL_ROW_CHECKBOX = 'input[type="checkbox"][name="sel[]"]';
/** Any checkbox of a row (generic layout: the name is unknown). */
export const SEL_ANY_CHECKBOX = 'input[type="checkbox"]';
/** Where the invoice number is shown, when marked. */
export const SEL_ROW_NUMBER = '.invoice_number';
/** Secondary text under a cell's main value (e.g. the series name in test/fixtures/base/invoice-list.html),
 * ignored when reading numbers. */
export const SEL_SECOND_LINE = '.cell-second-line';
/** A link to the order the invoice was issued from (docs/base.md §2.2: `orders.php#order:<id>`). */
export const SEL_ORDER_LINK = 'a[href*="order:"], a[href*="order_id="]';
/** The order card's info panel (docs/base.md §2.3): the KSeF block goes right after it. */
export const SEL_ORDER_INFO = '#pnl_order_info';
/** Marker on everything we inject, so injection is idempotent. */
export const SEL_INJECTED = '[data-ksef-ext]';

/** The parts of the page's location the adapter reads. */
export interface PageLoc {
  pathname: string;
  search: string;
  hash: string;
}

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
    row.querySelector<HTMLInputElement>(SEL_ROW_CHECKBOX) ?? row.querySelector<HTMLInputElement>(SEL_ANY_CHECKBOX);
  if (box?.value && NUMERIC_ID.test(box.value)) return box.value;
  return null;
}

/** A cell's own text, without the `.cell-second-line` notes. */
function mainText(el: Element): string {
  let s = '';
  for (const n of el.childNodes) {
    if (n.nodeType === 3) s += n.textContent ?? '';
    else if (n.nodeType === 1 && !(n as Element).matches(SEL_SECOND_LINE)) s += mainText(n as Element);
  }
  return s.trim();
}

/** The invoice number shown in a row (docs/base.md §2.4, 2b): the marked element, else the first
 * cell whose text looks like a number. */
export function rowInvoiceNumber(row: Element): string | null {
  const marked = row.querySelector(SEL_ROW_NUMBER);
  if (marked) {
    const t = mainText(marked);
    if (t) return t;
  }
  for (const cell of row.children) {
    if (cell.matches(SEL_INJECTED)) continue;
    const t = mainText(cell);
    if (looksLikeInvoiceNumber(t)) return t;
  }
  return null;
}

/** The order a row links to (docs/base.md §2.4, 2c). */
export function rowOrderId(row: Element): string | null {
  const a = row.querySelector<HTMLAnchorElement>(SEL_ORDER_LINK);
  if (!a) return null;
  return orderIdFrom(a.getAttribute('href') ?? '');
}

/** `orders.php#order:91822410` or `…?order_id=91822410` → `91822410`. */
export function orderIdFrom(s: string): string | null {
  const m = /order(?::|_id=)(\d{1,18})/.exec(s);
  return m?.[1] ?? null;
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

export function isInvoiceArea(loc: PageLoc): boolean {
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
