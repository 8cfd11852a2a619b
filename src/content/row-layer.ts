/**
 * The KSeF blocks of a list's rows, drawn in a layer beside Base's table instead of inside it
 * (a 1,000-row list decorated within one frame). Any change inside a table makes
 * Chromium lay the whole table out again (~80 ms for 1,000 rows, test/bench/panel.ts), so the
 * table is never touched: the room for the blocks is reserved by the content script's stylesheet
 * before Base's first layout (src/base/panel/reserve.css, from the layouts' declared room), and one absolutely positioned layer
 * next to the table holds the blocks of the rows in view only, placed over that room. The layer
 * sits in the table's own container, so it scrolls and clips with the table.
 */
import { shadowHost } from './dom';
import { InvoiceWidget, type WidgetContext } from './widget';

export interface Box {
  top: number;
  bottom: number;
  left: number;
  right: number;
  height: number;
}

/** Where a clipping box's edges are. */
export type Edges = Omit<Box, 'height'>;

/** What the layer reads of the page: the browser's layout, or a fake one in happy-dom tests. */
export interface Geometry {
  rect(el: Element): Box;
  viewportHeight(): number;
  /**
   * The visible part of the boxes that clip the table's overflow but not the layer's (a scrolling
   * box that is not positioned, e.g. Bootstrap's `.table-responsive` on a narrow screen): blocks
   * outside it are hidden by hand. Null when nothing clips the table alone.
   */
  clip(table: Element, layer: HTMLElement): Edges | null;
}

export function domGeometry(win: Pick<Window, 'innerHeight' | 'getComputedStyle'>): Geometry {
  return {
    rect: (el) => el.getBoundingClientRect(),
    viewportHeight: () => win.innerHeight,
    clip(table, layer) {
      // The layer's containing block; boxes from there up clip the layer as well as the table.
      const stop = layer.offsetParent;
      let out: Edges | null = null;
      for (let el = table.parentElement; el && el !== stop && el !== layer.ownerDocument.body; el = el.parentElement) {
        const cs = win.getComputedStyle(el);
        if (cs.overflowX === 'visible' && cs.overflowY === 'visible') continue;
        const r = el.getBoundingClientRect();
        // The intersection of the boxes so far.
        const o: Edges = out ?? r;
        out = {
          top: Math.max(o.top, r.top),
          bottom: Math.min(o.bottom, r.bottom),
          left: Math.max(o.left, r.left),
          right: Math.min(o.right, r.right),
        };
      }
      return out;
    },
  };
}

/** One list row and what it shows. */
export interface RowEntry {
  readonly row: Element;
  /** The cell whose reserved room the block covers (src/base/panel/layouts.ts, mountCell). */
  readonly cell: Element;
  /** The invoice shown: the row's candidate id until the worker names it; null shows nothing. */
  id: string | null;
  /** The worker knows the invoice: the block shows its state. */
  bound: boolean;
  /** The block, while the row is in view. */
  widget: InvoiceWidget | null;
  /** Last position written, so an unchanged block is not touched. */
  placed: string;
  /** Where on screen the row was at the last press inside its block. */
  pressedTop?: number;
}

/** Rows this far above and below the viewport (in viewport heights) get their blocks too, so a
 * scroll shows them at once. */
const MARGIN = 0.5;

const HOST_CSS = 'position:absolute;width:0;height:0;margin:0;padding:0;border:0;z-index:20';

export class RowLayer {
  readonly host: HTMLElement;
  readonly #ctx: WidgetContext;
  readonly #geo: Geometry;
  /** Width of the room reserved at the end of each row (the layout's `reserve.px`). */
  readonly #px: number;
  readonly #root: ShadowRoot;
  #entries: RowEntry[] = [];
  readonly #shown = new Set<RowEntry>();

  constructor(
    ctx: WidgetContext,
    readonly table: Element,
    geo: Geometry,
    px: number,
  ) {
    this.#ctx = ctx;
    this.#geo = geo;
    this.#px = px;
    [this.host, this.#root] = shadowHost(ctx.doc, 'div', 'layer');
    this.host.style.cssText = HOST_CSS;
    // A press inside the layer: only here does the event's path still name the block pressed
    // (outside a closed root it stops at the layer).
    this.#root.addEventListener(
      'pointerdown',
      (ev) => {
        if (!ev.isTrusted) return;
        const path = ev.composedPath();
        this.closeOutside(path);
        for (const e of this.#shown) if (e.widget && path.includes(e.widget.host)) e.pressedTop = geo.rect(e.row).top;
      },
      { capture: true, passive: true },
    );
  }

  /** The rows of the table, in page order. */
  setEntries(entries: RowEntry[]): void {
    const keep = new Set(entries);
    for (const e of this.#shown) if (!keep.has(e)) this.#hide(e);
    this.#entries = entries;
  }

  get rows(): readonly RowEntry[] {
    return this.#entries;
  }

  /** Puts the layer right before the table (again after Base rebuilt the container). Before,
   * not after: Bootstrap styles a container's `:last-child` table, never its first. */
  attach(): void {
    if (this.host.nextSibling !== this.table) this.table.before(this.host);
  }

  /** Shows the blocks of the rows in view and places them; hides the others. Reads every
   * position first, then writes, so the page is laid out at most once. */
  sync(): void {
    if (!this.host.isConnected) return;
    const geo = this.#geo;
    const vh = geo.viewportHeight();
    const lo = -vh * MARGIN;
    const hi = vh * (1 + MARGIN);
    const origin = geo.rect(this.host);
    const clip = geo.clip(this.table, this.host);
    const want: { e: RowEntry; row: Box; cell: Box }[] = [];
    // Rows go down the page in order: find the first one in view, then walk until past it.
    let a = 0;
    let b = this.#entries.length;
    while (a < b) {
      const m = (a + b) >> 1;
      if (geo.rect((this.#entries[m] as RowEntry).row).bottom < lo) a = m + 1;
      else b = m;
    }
    for (let i = a; i < this.#entries.length; i++) {
      const e = this.#entries[i] as RowEntry;
      const row = geo.rect(e.row);
      if (row.top > hi) break;
      if (row.height === 0 || e.id === null || !e.row.isConnected) continue;
      const cell = geo.rect(e.cell);
      // Scrolled out of a clipping box around the table: the row's block would float outside it.
      if (clip && (cell.right - this.#px < clip.left - 1 || cell.right > clip.right + 1)) continue;
      if (clip && (row.bottom <= clip.top || row.top >= clip.bottom)) continue;
      want.push({ e, row, cell });
    }
    const keep = new Set(want.map((w) => w.e));
    for (const e of this.#shown) if (!keep.has(e)) this.#hide(e);
    for (const { e, row, cell } of want) {
      const w = e.widget ?? this.#show(e);
      const pos = `left:${Math.round(cell.right - origin.left - this.#px)}px;top:${Math.round(row.top - origin.top)}px;width:${this.#px - 6}px;height:${Math.round(row.height)}px`;
      if (pos !== e.placed) {
        w.host.style.cssText = pos;
        e.placed = pos;
      }
    }
  }

  /** The worker named the row's invoice. */
  bind(e: RowEntry, invoiceId: string): void {
    if (e.widget && e.id !== invoiceId) this.#hide(e);
    e.id = invoiceId;
    e.bound = true;
    e.widget?.bind(invoiceId);
  }

  /** A scroll that carries an open block's row away closes its opened part; a nudge of less than
   * half a row (bringing a button of it into view) does not. */
  scrolled(): void {
    for (const e of this.#shown) {
      if (!e.widget?.host.hasAttribute('data-open')) continue;
      const r = this.#geo.rect(e.row);
      if (Math.abs(r.top - (e.pressedTop ?? r.top)) > r.height / 2) e.widget.closeMore();
    }
  }

  /** A press anywhere but on a block closes the blocks' opened parts, as any popover does. */
  closeOutside(path: readonly EventTarget[]): void {
    for (const e of this.#shown) if (e.widget && !path.includes(e.widget.host)) e.widget.closeMore();
  }

  #show(e: RowEntry): InvoiceWidget {
    const w = new InvoiceWidget(this.#ctx, e.id, true);
    e.widget = w;
    e.placed = '';
    this.#root.append(w.host);
    this.#shown.add(e);
    // Bound after insertion: the store drops listeners whose element is not on the page.
    if (e.bound && e.id) w.bind(e.id);
    return w;
  }

  #hide(e: RowEntry): void {
    e.widget?.host.remove();
    e.widget = null;
    this.#shown.delete(e);
  }

  remove(): void {
    this.host.remove();
    for (const e of this.#shown) this.#hide(e);
  }
}
