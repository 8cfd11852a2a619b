/**
 * The shapes of Base's invoice list the content script recognises, one entry each: how its rows
 * are found, how a row is read, which cell its KSeF block covers and the room reserved for that
 * block. Adding a shape is one entry here plus its fixtures (docs/how-to-base-layout.md). Base's
 * list markup is not public (docs/base.md §2.4 "Not found"): each entry is a reasoned guess,
 * tested against the hand-made pages in test/fixtures/base.
 */
import { isInvoiceArea, type PageLoc, type RowRef, rowInvoiceId, rowInvoiceNumber, rowOrderId } from '../selectors';

/** What a row says about its invoice. `id` is read first and alone (a 1,000-row list is
 * decorated within one frame); the number and order link are read in a later task. */
export interface RowReader {
  /** A candidate Base invoice id, numeric; the worker confirms it. */
  id(row: Element): string | null;
  number(row: Element): string | null;
  orderId(row: Element): string | null;
}

export interface BaseLayout {
  /** Also the value of `RESERVE_ATTR` on the tables it marks. */
  readonly name: string;
  /** Detection: the list's body rows. */
  readonly rows: string;
  /** Only on invoice-area paths (`isInvoiceArea`), and only when at least one row shows an invoice
   * number: for selectors that would also match order or product lists. */
  readonly gated: boolean;
  readonly read: RowReader;
  /** Whether a row that only links to its order is an invoice row (an order list has such links). */
  readonly orderLinkAlone: boolean;
  /** The cell the block covers: the first match inside the row, else the row's last cell. */
  readonly mount: string;
  /** The room at the end of each row: `px` wide, and the cells (a child-combinator path, so the
   * stylesheet can name them before Base lays the table out) that reserve.css pads; null when only
   * the page's content tells the layout, so its tables are marked with `RESERVE_ATTR` instead. */
  readonly reserve: { readonly px: number; readonly cells: string | null };
}

/** Set on a table whose mount cells the stylesheet did not pad before the first layout; its value
 * is the layout's name, and reserve.css pads that layout's mount and last cells from then on. */
export const RESERVE_ATTR = 'data-ksef-reserve';

/** Base's row markup as docs/base.md §2.4 point 2 describes it: `data-id` or the checkbox value,
 * the `.invoice_number` or first number-like cell, the `orders.php#order:<id>` link. */
export const BASE_ROW: RowReader = { id: rowInvoiceId, number: rowInvoiceNumber, orderId: rowOrderId };

/** The icon and the state on one line, a whole KSeF number (35 characters) on the second. */
const BLOCK_PX = 232;

/** The most certain layout first, the generic one last. */
export const LAYOUTS: readonly BaseLayout[] = [
  {
    // The stand-in of docs/base.md §2.4: a Bootstrap 3 table in `#table_invoices`, rows loaded by
    // ajax_table_common.php (§2.3), Base's own PDF/correction buttons in `td.actions`. The
    // container's id is specific enough to take the rows whole on any path.
    name: 'known',
    rows: '#table_invoices table tbody tr',
    gated: false,
    read: BASE_ROW,
    orderLinkAlone: true,
    mount: 'td.actions',
    reserve: { px: BLOCK_PX, cells: '#table_invoices table > tbody > tr > td.actions' },
  },
  {
    // Any AJAX list table of the panel (§2.3: `#table_<name> > table`), taken in the invoice area
    // when its rows show invoice numbers (§2.4 "Detecting it robustly").
    name: 'generic',
    rows: '[id^="table_"] table tbody tr',
    gated: true,
    read: BASE_ROW,
    orderLinkAlone: false,
    mount: 'td.actions',
    reserve: { px: BLOCK_PX, cells: null },
  },
];

export interface FoundRows {
  layout: BaseLayout;
  rows: ArrayLike<Element> & Iterable<Element>;
}

/** The invoice rows on the page and the first layout that matched them, or null: the caller
 * falls back to the floating panel. */
export function findInvoiceRows(doc: Document, loc: PageLoc, layouts = LAYOUTS): FoundRows | null {
  for (const layout of layouts) {
    if (layout.gated && !isInvoiceArea(loc)) continue;
    const rows = doc.querySelectorAll(layout.rows);
    if (rows.length === 0) continue;
    if (!layout.gated) return { layout, rows };
    // A table of bare numeric ids is an order or product list, not invoices.
    for (const row of rows) if (layout.read.number(row)) return { layout, rows };
  }
  return null;
}

/** What a row says about its invoice, or null when it says nothing usable. */
export function rowRef(row: Element, layout: BaseLayout): RowRef | null {
  const { read } = layout;
  const ref = { row, id: read.id(row), number: read.number(row), orderId: read.orderId(row) };
  if (!ref.id && !ref.number && !(layout.orderLinkAlone && ref.orderId)) return null;
  return ref;
}

/** The cell whose reserved room the row's KSeF block covers; nothing is put inside it
 * (src/content/row-layer.ts). */
export function mountCell(row: Element, layout: BaseLayout): Element | null {
  return row.querySelector(layout.mount) ?? row.lastElementChild;
}
