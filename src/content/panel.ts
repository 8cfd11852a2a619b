/**
 * Decorates Base's panel: one KSeF block per invoice row (again after every AJAX reload or page
 * change, docs/base.md §2.3: tables are refilled from ajax_table_common.php, never twice per row),
 * drawn in a layer over room reserved in the row (src/content/row-layer.ts) so Base's table is
 * never laid out again for us; the floating panel where no known layout matches (docs/base.md §2.4
 * point 5) and the order card block.
 * Every selector comes from src/base/selectors.ts and the layouts of src/base/panel/layouts.ts;
 * every worker call goes through the injected
 * sender, so this runs in happy-dom tests with a fake worker.
 */

import {
  type BaseLayout,
  findInvoiceRows,
  mountCell,
  RESERVE_ATTR,
  type RowReader,
  rowRef,
} from '../base/panel/layouts';
import { matchRows, pickOrderInvoice, viewRequest } from '../base/panel/match';
import { isInvoiceArea, openOrderId, type RowRef, SEL } from '../base/selectors';
import type { T } from '../i18n/panel';
import type { InvoiceView } from '../messaging';
import { FallbackPanel } from './fallback';
import { OrderBlock } from './order-card';
import { domGeometry, type Geometry, type RowEntry, RowLayer } from './row-layer';
import type { Sender } from './sender';
import { ViewStore } from './store';
import { TickedBar } from './ticked';
import type { WidgetContext } from './widget';

export interface PanelDeps {
  doc: Document;
  /** The page's location (pathname, search, hash) at the time of the call. */
  loc: () => { pathname: string; search: string; hash: string };
  send: Sender;
  t: T;
  /** Runs a callback before the next paint (requestAnimationFrame). */
  frame?: (cb: () => void) => void;
  /** How long an invoice-area page may stay without a known list before the floating panel
   * appears: Base fills its tables by AJAX after load (docs/base.md §2.3). */
  fallbackDelayMs?: number;
  /** Runs `cb` after `ms`; returns a cancel function (setTimeout by default; tests step it). */
  later?: (cb: () => void, ms: number) => () => void;
  copy?: (text: string) => Promise<void>;
  /** Where rows are on screen (the browser's layout by default; happy-dom has none). */
  geometry?: Geometry | undefined;
}

/** Main-thread time the panel's follow-up work (reading the rows' numbers and order links) may
 * take per frame: well under the 16 ms of a frame, leaving the rest to Base's own scripts. */
const SLICE_MS = 6;

/** Rows per `invoices.view` message: the worker reads at most 500 ids and 500 numbers from one
 * (MAX_VIEW_ROWS in src/messaging.ts). */
const VIEW_CHUNK = 200;

/** How often a live refresh may reload the floating panel's and the order block's lists. */
const LIST_RELOAD_MS = 30_000;

interface Decorated extends RowEntry {
  /** The row's candidate id when decorated: a different one means Base reused the row. */
  candidate: string | null;
  layer: RowLayer;
}

/** A decorated row waiting for the worker. `lazy`: only the id was read so far (the number and
 * order link are read in the next task, outside the frame that decorates). */
type Pending = RowRef & { entry: Decorated; read: RowReader; lazy: boolean; orderTried?: boolean };

export class PanelController {
  private readonly ctx: WidgetContext;
  private readonly geo: Geometry;
  /** Rows seen: their entry, or null for rows that show nothing to match an invoice by. */
  private rows = new WeakMap<Element, Decorated | null>();
  /** One layer per decorated table. */
  private layers = new Map<Element, RowLayer>();
  private syncScheduled = false;
  private resizeObserver: ResizeObserver | null = null;
  private fallback: FallbackPanel | null = null;
  private fallbackTimer: (() => void) | null = null;
  private order: OrderBlock | null = null;
  private ticked: TickedBar | null = null;
  private tickScheduled = false;
  private readonly inflight = new Set<Promise<unknown>>();
  /** Decorated rows the worker has not recognised yet. */
  private unconfirmed = new Set<Pending>();
  private listsReloadedAt = Number.NEGATIVE_INFINITY;
  private scheduled = false;
  private passedThisFrame = false;
  private refreshScheduled = false;
  private observer: MutationObserver | null = null;
  private unlisten: (() => void) | null = null;
  private stopped = false;

  constructor(private readonly deps: PanelDeps) {
    this.ctx = { doc: deps.doc, t: deps.t, send: deps.send, store: new ViewStore(), copy: deps.copy };
    this.geo = deps.geometry ?? domGeometry(deps.doc.defaultView ?? window);
  }

  get store(): ViewStore {
    return this.ctx.store;
  }

  /** One synchronous pass over the page; returns how many rows are new. Reads only each row's
   * id and never touches Base's table: the blocks of the rows in view are drawn in the next
   * frame (syncLayers), the worker is asked about the new rows from the next task on (resolve). */
  decorate(): number {
    const { doc } = this.deps;
    const loc = this.deps.loc();
    const pending: Pending[] = [];
    const found = findInvoiceRows(doc, loc);
    const byTable = new Map<Element, Decorated[]>();
    if (found) {
      this.cancelFallback();
      const { layout } = found;
      const { read } = layout;
      for (const row of found.rows) {
        let entry = this.rows.get(row);
        if (entry === null) continue;
        // Base may reuse a row element for another invoice, or move its cells; a table taken off
        // the page and put back has lost its layer.
        if (
          entry &&
          (entry.candidate !== read.id(row) ||
            entry.cell.parentNode !== row ||
            this.layers.get(entry.layer.table) !== entry.layer)
        )
          entry = undefined;
        if (!entry) {
          // Only the id is read now: a 1,000-row list must be decorated within one frame.
          const id = read.id(row);
          const ref = id ? { row, id, number: null, orderId: null } : rowRef(row, layout);
          const cell = ref && mountCell(row, layout);
          const table = row.closest('table');
          if (!ref || !cell || !table) {
            this.rows.set(row, null);
            continue;
          }
          entry = {
            row,
            cell,
            id: ref.id,
            bound: false,
            widget: null,
            placed: '',
            candidate: ref.id,
            layer: this.layerOf(table, cell, layout),
          };
          this.rows.set(row, entry);
          pending.push({ ...ref, entry, read, lazy: id !== null });
        }
        const list = byTable.get(entry.layer.table) ?? [];
        list.push(entry);
        byTable.set(entry.layer.table, list);
      }
    } else if (isInvoiceArea(loc) && !openOrderId(loc)) {
      this.scheduleFallback();
    } else {
      this.cancelFallback();
    }
    for (const [table, layer] of this.layers) {
      const entries = byTable.get(table);
      if (entries && table.isConnected) {
        layer.setEntries(entries);
        layer.attach();
      } else {
        layer.remove();
        this.layers.delete(table);
      }
    }
    if (byTable.size > 0) this.scheduleSync();
    this.orderCard(loc);
    if (pending.length > 0) this.track(this.resolve(pending));
    return pending.length;
  }

  /** The layer of a table, made on first use. A table whose mount cells the stylesheet did not
   * pad before the first layout (the layout declares no such cells, or this row's cell is not one
   * of them) is marked with the layout's name now, at the cost of one table layout. */
  private layerOf(table: Element, cell: Element, layout: BaseLayout): RowLayer {
    let layer = this.layers.get(table);
    if (!layer) {
      const { px, cells } = layout.reserve;
      layer = new RowLayer(this.ctx, table, this.geo, px);
      this.layers.set(table, layer);
      this.resizeObserver?.observe(table);
      if (!(cells && cell.matches(cells)) && !table.hasAttribute(RESERVE_ATTR))
        table.setAttribute(RESERVE_ATTR, layout.name);
    }
    return layer;
  }

  /** Draws and places the blocks of the rows in view, once per frame however often asked. */
  scheduleSync(): void {
    if (this.syncScheduled) return;
    this.syncScheduled = true;
    this.frame(() => {
      this.syncScheduled = false;
      if (!this.stopped) this.syncLayers();
    });
  }

  /** Draws and places the blocks of the rows in view now. */
  syncLayers(): void {
    for (const layer of this.layers.values()) layer.sync();
  }

  /**
   * Asks the worker about decorated rows and binds each to the invoice it is. Rows the worker
   * does not know yet are kept aside and asked about again at the next outbox revision: the
   * worker looks unknown ids and numbers up in Base in the background and bumps the revision
   * when it has learnt them (src/background/summaries.ts). Meanwhile a row with an id keeps its
   * icon (a click lets the worker decide); a row known only by number or order stays hidden.
   */
  private async resolve(pending: Pending[], first = true): Promise<void> {
    const { send } = this.deps;
    if (first) {
      // Next task: the frame that decorated stays short; reading numbers and asking the worker
      // (structured-cloning 1,000 ids) happen after it.
      await new Promise((r) => setTimeout(r, 0));
      await this.sliced(pending, (p) => {
        if (!p.lazy) return;
        p.number = p.read.number(p.row);
        p.orderId = p.read.orderId(p.row);
      });
    }
    const items: InvoiceView[] = [];
    try {
      for (let i = 0; i < pending.length; i += VIEW_CHUNK) {
        const res = await send('invoices.view', viewRequest(pending.slice(i, i + VIEW_CHUNK)));
        items.push(...res.items);
      }
    } catch {
      // The worker cannot check the rows now (not configured, restarting…): ask again later.
      for (const p of pending) this.unconfirmed.add(p);
      return;
    }
    // The worker answers an id it has not learnt yet with an empty placeholder view.
    const known = items.filter((v) => v.invoiceId !== '');
    this.store.put(known);
    const r = matchRows(pending, known);
    // The badges are written in one animation frame, before its layout (measured in
    // test/bench/panel.ts); only the blocks in view exist, the others take the state when drawn.
    if (r.matched.length > 0) await new Promise<void>((res) => this.frame(res));
    for (const { ref, view } of r.matched) this.bind(ref, view.invoiceId);
    for (const p of r.unmatched) this.unconfirmed.add(p);
    // Rule 2c, once per row and only for rows with neither id nor number: each order costs the
    // worker a Base request (docs/base.md §1.1 limits).
    const orders = new Map<string, Pending[]>();
    for (const p of r.byOrder) {
      if (p.id || p.number || p.orderTried || !p.orderId) {
        this.unconfirmed.add(p);
        continue;
      }
      p.orderTried = true;
      const list = orders.get(p.orderId) ?? [];
      list.push(p);
      orders.set(p.orderId, list);
    }
    for (const [orderId, list] of orders) {
      let found: readonly InvoiceView[] = [];
      try {
        ({ items: found } = await send('invoices.forOrder', { orderId }));
      } catch {
        // Unresolved for now: kept aside like an unknown row.
      }
      found = found.filter((v) => v.invoiceId !== '');
      this.store.put(found);
      for (const p of list) {
        const v = pickOrderInvoice(p, found);
        if (v) this.bind(p, v.invoiceId);
        else this.unconfirmed.add(p);
      }
    }
  }

  /** A row the worker recognised: its block shows the invoice's state from now on (a row known
   * only by number or order, or whose id was not the invoice's, gets its block drawn now). */
  private bind(p: Pending, invoiceId: string): void {
    this.tickSoon();
    const redraw = p.entry.id !== invoiceId;
    p.entry.layer.bind(p.entry, invoiceId);
    if (redraw) this.scheduleSync();
  }

  /** The rows ticked with Base's own checkboxes whose invoices the worker knows and would send. */
  tickedIds(): string[] {
    const out: string[] = [];
    for (const layer of this.layers.values())
      for (const e of layer.rows)
        if (
          e.bound &&
          e.id &&
          !this.store.get(e.id)?.blocked &&
          e.row.querySelector<HTMLInputElement>(SEL.rowCheckbox)?.checked
        )
          out.push(e.id);
    return out;
  }

  /** Counts the ticked rows in the next frame (after Base's own "select all" has ticked them). */
  tickSoon(): void {
    if (this.tickScheduled) return;
    this.tickScheduled = true;
    this.frame(() => {
      this.tickScheduled = false;
      if (this.stopped) return;
      if (!this.ticked) {
        // Nothing ticked anywhere (one query): the rows are not walked.
        if (!this.deps.doc.querySelector(`${SEL.rowCheckbox}:checked`) || this.tickedIds().length === 0) return;
        this.ticked = new TickedBar(this.ctx, () => this.tickedIds());
        this.deps.doc.body.append(this.ticked.host);
      }
      this.ticked.update();
    });
  }

  /** Whether a pending row is still the one on the page. */
  private live(p: Pending): boolean {
    return p.row.isConnected && this.rows.get(p.row) === p.entry;
  }

  /** Runs `work` over `items`, at most SLICE_MS of it per frame. */
  private async sliced<X>(items: readonly X[], work: (x: X) => void): Promise<void> {
    let i = 0;
    while (i < items.length) {
      const end = performance.now() + SLICE_MS;
      do work(items[i++] as X);
      while (i < items.length && performance.now() < end);
      if (i < items.length) await new Promise<void>((res) => this.frame(res));
    }
  }

  private scheduleFallback(): void {
    if (this.fallback?.host.isConnected || this.fallbackTimer) return;
    const show = () => {
      this.fallbackTimer = null;
      const loc = this.deps.loc();
      if (findInvoiceRows(this.deps.doc, loc) || !isInvoiceArea(loc)) return;
      this.fallback = new FallbackPanel(this.ctx);
      this.deps.doc.body.append(this.fallback.host);
      this.listsReloadedAt = performance.now();
      this.track(this.fallback.load());
    };
    const delay = this.deps.fallbackDelayMs ?? 1500;
    const later =
      this.deps.later ??
      ((cb: () => void, ms: number) => {
        const h = setTimeout(cb, ms);
        return () => clearTimeout(h);
      });
    if (delay <= 0) show();
    else this.fallbackTimer = later(show, delay);
  }

  private cancelFallback(): void {
    this.fallbackTimer?.();
    this.fallbackTimer = null;
    this.fallback?.host.remove();
    this.fallback = null;
  }

  private orderCard(loc: { pathname: string; search: string; hash: string }): void {
    const orderId = openOrderId(loc);
    if (this.order && (this.order.orderId !== orderId || !this.order.host.isConnected)) {
      this.order.host.remove();
      this.order = null;
    }
    if (!orderId || this.order) return;
    const anchor = this.deps.doc.querySelector(SEL.orderInfo);
    if (!anchor) return;
    this.order = new OrderBlock(this.ctx, orderId);
    anchor.after(this.order.host);
    this.listsReloadedAt = performance.now();
    this.track(this.order.load());
  }

  /** Re-asks the worker about everything on screen (the outbox changed, messaging.ts
   * OUTBOX_REVISION_KEY): badges update without reloading the page. */
  async refresh(): Promise<void> {
    // Every bound row, not only those in view: a row scrolled into view later shows the store.
    const shown = new Set(this.store.shownIds());
    for (const layer of this.layers.values()) for (const e of layer.rows) if (e.bound && e.id) shown.add(e.id);
    const ids = [...shown];
    const jobs: Promise<unknown>[] = [];
    const again = [...this.unconfirmed].filter((p) => this.live(p));
    this.unconfirmed.clear();
    if (again.length > 0) jobs.push(this.resolve(again, false));
    for (let i = 0; i < ids.length; i += VIEW_CHUNK) {
      jobs.push(
        this.deps.send('invoices.view', { invoiceIds: ids.slice(i, i + VIEW_CHUNK) }).then(
          ({ items }) => this.store.put(items.filter((v) => v.invoiceId !== '')),
          () => undefined,
        ),
      );
    }
    // The badges of listed invoices were refreshed above (they are shown ids). The lists
    // themselves are reloaded less often: each reload may cost the worker a Base request, and an
    // export bumps the revision many times a minute (docs/base.md §1.1 limits).
    const now = performance.now();
    if ((this.fallback || this.order) && now - this.listsReloadedAt >= LIST_RELOAD_MS) {
      this.listsReloadedAt = now;
      if (this.fallback) jobs.push(this.fallback.load());
      if (this.order) jobs.push(this.order.load());
    }
    await Promise.all(jobs);
    this.tickSoon();
  }

  /** Schedules one decorate pass for the next frame, however many changes come before it. */
  schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    this.frame(() => {
      this.scheduled = false;
      if (!this.stopped) this.decorate();
    });
  }

  /** The outbox changed: one refresh per frame, however many changes come before it. */
  outboxChanged(): void {
    if (this.refreshScheduled) return;
    this.refreshScheduled = true;
    this.frame(() => {
      this.refreshScheduled = false;
      this.track(this.refresh());
    });
  }

  private frame(cb: () => void): void {
    (this.deps.frame ?? ((f: () => void) => requestAnimationFrame(f)))(cb);
  }

  /** Decorates now and after each change of the page (AJAX reloads, pagination, order card
   * hash routing). */
  start(win: Pick<Window, 'addEventListener' | 'removeEventListener'>): void {
    // Blocks left by an earlier instance of the content script (the extension was reloaded or
    // updated) are dead: their listeners died with it. Start clean.
    for (const old of this.deps.doc.querySelectorAll(SEL.injected)) old.remove();
    this.decorate();
    this.observer = new MutationObserver((records) => {
      // Our own insertions also land here; they need no pass.
      if (records.every(isOurs) || this.stopped) return;
      // The first change of a frame is read at once, in the observer's microtask (ids only, no
      // layout), so the worker is asked as early as possible and the blocks are drawn in the very
      // next frame. Any further changes in the same frame are batched into one pass before the
      // next paint.
      if (this.passedThisFrame) {
        this.schedule();
        return;
      }
      this.passedThisFrame = true;
      this.frame(() => {
        this.passedThisFrame = false;
      });
      this.decorate();
    });
    this.observer.observe(this.deps.doc.body, { childList: true, subtree: true });
    // Events a script of the page made (`isTrusted` false) are ignored: only the browser's own
    // (a real scroll, a real press, a real navigation) move or close anything of ours.
    const onHash = (ev: Event) => ev.isTrusted && this.schedule();
    // Blocks follow their rows: scrolling (the page or any box around the table) brings rows
    // into view, and a resized window or table moves them.
    const onMove = (ev: Event) => ev.isTrusted && this.scheduleSync();
    const onTick = (ev: Event) => ev.isTrusted && this.tickSoon();
    const onScroll = (ev: Event) => {
      if (!ev.isTrusted) return;
      this.scheduleSync();
      for (const layer of this.layers.values()) layer.scrolled();
    };
    const onPress = (ev: Event) => {
      if (!ev.isTrusted) return;
      const path = ev.composedPath();
      // A press inside a layer is the layer's own to handle (row-layer.ts): its root is closed.
      for (const layer of this.layers.values()) if (!path.includes(layer.host)) layer.closeOutside(path);
    };
    win.addEventListener('hashchange', onHash);
    this.deps.doc.addEventListener('pointerdown', onPress, { capture: true, passive: true });
    win.addEventListener('resize', onMove, { passive: true });
    this.deps.doc.addEventListener('change', onTick, { capture: true, passive: true });
    this.deps.doc.addEventListener('scroll', onScroll, { capture: true, passive: true });
    if (typeof ResizeObserver !== 'undefined') {
      this.resizeObserver = new ResizeObserver(() => this.syncLayers());
      for (const table of this.layers.keys()) this.resizeObserver.observe(table);
    }
    this.unlisten = () => {
      win.removeEventListener('hashchange', onHash);
      win.removeEventListener('resize', onMove);
      this.deps.doc.removeEventListener('scroll', onScroll, { capture: true });
      this.deps.doc.removeEventListener('pointerdown', onPress, { capture: true });
      this.deps.doc.removeEventListener('change', onTick, { capture: true });
    };
  }

  stop(): void {
    this.stopped = true;
    this.observer?.disconnect();
    this.resizeObserver?.disconnect();
    this.unlisten?.();
    this.cancelFallback();
    this.ticked?.host.remove();
    for (const layer of this.layers.values()) layer.remove();
    this.layers.clear();
  }

  /** Resolves when every request made so far (and those they started) has finished. */
  async settled(): Promise<void> {
    while (this.inflight.size > 0) await Promise.all([...this.inflight]);
  }

  private track(p: Promise<unknown>): void {
    const q = p.finally(() => this.inflight.delete(q));
    this.inflight.add(q);
  }
}

function isOurs(r: MutationRecord): boolean {
  for (const n of r.addedNodes) if (!(n instanceof Element && n.hasAttribute('data-ksef-ext'))) return false;
  for (const n of r.removedNodes) if (!(n instanceof Element && n.hasAttribute('data-ksef-ext'))) return false;
  return true;
}
