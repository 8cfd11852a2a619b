/**
 * Decorates Base's panel: one KSeF block per invoice row (again after every AJAX reload or page
 * change, base.md §2.3: tables are refilled from ajax_table_common.php, never twice per row), the
 * floating panel where no known layout matches (base.md §2.4 point 5) and the order card block.
 * Every selector comes from src/base/selectors.ts; every worker call goes through the injected
 * sender, so this runs in happy-dom tests with a fake worker.
 */
import { matchRows, pickOrderInvoice, viewRequest } from '../base/panel/match';
import {
  findInvoiceRows,
  isInvoiceArea,
  openOrderId,
  type RowRef,
  rowInvoiceId,
  rowInvoiceNumber,
  rowMountCell,
  rowOrderId,
  rowRef,
  SEL,
} from '../base/selectors';
import type { InvoiceView } from '../messaging';
import { FallbackPanel } from './fallback';
import type { T } from './i18n';
import { OrderBlock } from './order-card';
import type { Sender } from './sender';
import { ViewStore } from './store';
import { InvoiceWidget, type WidgetContext } from './widget';

export interface PanelDeps {
  doc: Document;
  /** The page's location (pathname, search, hash) at the time of the call. */
  loc: () => { pathname: string; search: string; hash: string };
  send: Sender;
  t: T;
  /** Runs a callback before the next paint (requestAnimationFrame). */
  frame?: (cb: () => void) => void;
  /** How long an invoice-area page may stay without a known list before the floating panel
   * appears: Base fills its tables by AJAX after load (base.md §2.3). */
  fallbackDelayMs?: number;
  /** Runs `cb` after `ms`; returns a cancel function (setTimeout by default; tests step it). */
  later?: (cb: () => void, ms: number) => () => void;
  copy?: (text: string) => Promise<void>;
}

/** Main-thread time the panel's follow-up work (reading rows, drawing badges) may take per frame:
 * well under the 16 ms of a frame, leaving the rest to Base's own scripts and layout. */
const SLICE_MS = 6;

/** Rows per `invoices.view` message: the worker reads at most 500 ids and 500 numbers from one
 * (src/background/handlers/invoices.ts, MAX_ROWS). */
const VIEW_CHUNK = 200;

/** How often a live refresh may reload the floating panel's and the order block's lists. */
const LIST_RELOAD_MS = 30_000;

interface Decorated {
  widget: InvoiceWidget;
  /** The row's candidate id when decorated: a different one means Base reused the row. */
  candidate: string | null;
}

/** A decorated row waiting for the worker. `lazy`: only the id was read so far (the number and
 * order link are read in the next task, outside the frame that decorates). */
type Pending = RowRef & { widget: InvoiceWidget; lazy: boolean; orderTried?: boolean };

export class PanelController {
  private readonly ctx: WidgetContext;
  /** Rows seen: their block, or null for rows that show nothing to match an invoice by. */
  private rows = new WeakMap<Element, Decorated | null>();
  private fallback: FallbackPanel | null = null;
  private fallbackTimer: (() => void) | null = null;
  private order: OrderBlock | null = null;
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
  }

  get store(): ViewStore {
    return this.ctx.store;
  }

  /** One synchronous pass over the page; returns how many rows got a block. The worker is
   * asked about the new rows afterwards, from the next task on (see resolve). */
  decorate(): number {
    const { doc } = this.deps;
    const loc = this.deps.loc();
    const pending: Pending[] = [];
    const found = findInvoiceRows(doc, loc);
    if (found) {
      this.cancelFallback();
      for (const row of found.rows) {
        const prev = this.rows.get(row);
        if (prev === null) continue;
        if (prev) {
          if (prev.widget.host.parentNode && row.contains(prev.widget.host) && prev.candidate === rowInvoiceId(row)) {
            continue;
          }
          prev.widget.host.remove();
        }
        // A page that copies rows through innerHTML (an AJAX refill built from the old tbody)
        // copies our hosts too, without their shadow roots: dead copies, replaced here.
        for (const copy of row.querySelectorAll(SEL.injected)) copy.remove();
        // Only the id is read now: a 1,000-row list must be decorated within one frame (issue 8).
        const id = rowInvoiceId(row);
        const ref = id ? { row, id, number: null, orderId: null } : rowRef(row, found.layout);
        const cell = ref && rowMountCell(row);
        if (!ref || !cell) {
          this.rows.set(row, null);
          continue;
        }
        const widget = new InvoiceWidget(this.ctx, ref.id);
        cell.append(widget.host);
        this.rows.set(row, { widget, candidate: ref.id });
        pending.push({ ...ref, widget, lazy: id !== null });
      }
    } else if (isInvoiceArea(loc) && !openOrderId(loc)) {
      this.scheduleFallback();
    } else {
      this.cancelFallback();
    }
    this.orderCard(loc);
    if (pending.length > 0) this.track(this.resolve(pending));
    return pending.length;
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
        p.number = rowInvoiceNumber(p.row);
        p.orderId = rowOrderId(p.row);
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
    // All badges in one animation frame, not sliced: any change to a row makes the browser lay
    // out Base's whole table again, so one batch costs one table layout where slices would cost
    // one each (measured in test/bench/panel.ts).
    if (r.matched.length > 0) await new Promise<void>((res) => this.frame(res));
    for (const { ref, view } of r.matched) ref.widget.bind(view.invoiceId);
    for (const p of r.unmatched) this.unconfirmed.add(p);
    // Rule 2c, once per row and only for rows with neither id nor number: each order costs the
    // worker a Base request (base.md §1.1 limits).
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
        if (v) p.widget.bind(v.invoiceId);
        else this.unconfirmed.add(p);
      }
    }
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
    const ids = this.store.shownIds();
    const jobs: Promise<unknown>[] = [];
    const again = [...this.unconfirmed].filter((p) => p.widget.host.isConnected);
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
    // export bumps the revision many times a minute (base.md §1.1 limits).
    const now = performance.now();
    if ((this.fallback || this.order) && now - this.listsReloadedAt >= LIST_RELOAD_MS) {
      this.listsReloadedAt = now;
      if (this.fallback) jobs.push(this.fallback.load());
      if (this.order) jobs.push(this.order.load());
    }
    await Promise.all(jobs);
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
      // The first change of a frame is decorated at once, in the observer's microtask: our
      // blocks land together with Base's refill, so even if Base's own script reads the layout
      // right after (scrolling, sizing), its 1,000-row table is laid out once, not twice. Any
      // further changes in the same frame are batched into one pass before the next paint.
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
    const onHash = () => this.schedule();
    win.addEventListener('hashchange', onHash);
    this.unlisten = () => win.removeEventListener('hashchange', onHash);
  }

  stop(): void {
    this.stopped = true;
    this.observer?.disconnect();
    this.unlisten?.();
    this.cancelFallback();
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
