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
  rowMountCell,
  rowRef,
  SEL,
} from '../base/selectors';
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
  copy?: (text: string) => Promise<void>;
}

interface Decorated {
  widget: InvoiceWidget;
  /** The row's candidate id when decorated: a different one means Base reused the row. */
  candidate: string | null;
}

type Pending = RowRef & { widget: InvoiceWidget };

export class PanelController {
  private readonly ctx: WidgetContext;
  /** Rows seen: their block, or null for rows that are not a known invoice. */
  private rows = new WeakMap<Element, Decorated | null>();
  private fallback: FallbackPanel | null = null;
  private fallbackTimer: ReturnType<typeof setTimeout> | null = null;
  private order: OrderBlock | null = null;
  private readonly inflight = new Set<Promise<unknown>>();
  private scheduled = false;
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
   * asked about the new rows afterwards, in one message. */
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
        } else if (row.querySelector(SEL.injected)) {
          // Injected by an earlier instance of the content script (extension reloaded): leave it.
          this.rows.set(row, null);
          continue;
        }
        const ref = rowRef(row, found.layout);
        const cell = ref && rowMountCell(row);
        if (!ref || !cell) {
          this.rows.set(row, null);
          continue;
        }
        const widget = new InvoiceWidget(this.ctx, ref.id);
        cell.append(widget.host);
        this.rows.set(row, { widget, candidate: ref.id });
        pending.push({ ...ref, widget });
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

  private async resolve(pending: Pending[]): Promise<void> {
    const { send } = this.deps;
    let items: readonly import('../messaging').InvoiceView[];
    try {
      ({ items } = await send('invoices.view', viewRequest(pending)));
    } catch {
      // The worker cannot check the rows now (not configured, restarting…). Rows with an id keep
      // their icon: a click asks the worker again and shows its message in the row.
      for (const p of pending) if (!p.widget.id) this.drop(p);
      return;
    }
    this.store.put(items);
    const r = matchRows(pending, items);
    for (const { ref, view } of r.matched) ref.widget.bind(view.invoiceId);
    for (const p of r.unmatched) this.drop(p);
    const orders = new Map<string, Pending[]>();
    for (const p of r.byOrder) {
      const list = orders.get(p.orderId ?? '') ?? [];
      list.push(p);
      orders.set(p.orderId ?? '', list);
    }
    for (const [orderId, list] of orders) {
      let found: readonly import('../messaging').InvoiceView[] = [];
      try {
        ({ items: found } = await send('invoices.forOrder', { orderId }));
      } catch {
        // Unresolved: treated like an unknown row.
      }
      this.store.put(found);
      for (const p of list) {
        const v = pickOrderInvoice(p, found);
        if (v) p.widget.bind(v.invoiceId);
        else this.drop(p);
      }
    }
  }

  private drop(p: Pending): void {
    p.widget.host.remove();
    this.rows.set(p.row, null);
  }

  private scheduleFallback(): void {
    if (this.fallback?.host.isConnected || this.fallbackTimer) return;
    const show = () => {
      this.fallbackTimer = null;
      const loc = this.deps.loc();
      if (findInvoiceRows(this.deps.doc, loc) || !isInvoiceArea(loc)) return;
      this.fallback = new FallbackPanel(this.ctx);
      this.deps.doc.body.append(this.fallback.host);
      this.track(this.fallback.load());
    };
    const delay = this.deps.fallbackDelayMs ?? 1500;
    if (delay <= 0) show();
    else this.fallbackTimer = setTimeout(show, delay);
  }

  private cancelFallback(): void {
    if (this.fallbackTimer) clearTimeout(this.fallbackTimer);
    this.fallbackTimer = null;
    this.fallback?.host.remove();
    this.fallback = null;
  }

  private orderCard(loc: { pathname: string; hash: string }): void {
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
    this.track(this.order.load());
  }

  /** Re-asks the worker about everything on screen (the outbox changed, messaging.ts
   * OUTBOX_REVISION_KEY): badges update without reloading the page. */
  async refresh(): Promise<void> {
    const ids = this.store.shownIds();
    const jobs: Promise<unknown>[] = [];
    if (ids.length > 0) {
      jobs.push(
        this.deps.send('invoices.view', { invoiceIds: ids }).then(
          ({ items }) => this.store.put(items),
          () => undefined,
        ),
      );
    }
    if (this.fallback) jobs.push(this.fallback.load());
    if (this.order) jobs.push(this.order.load());
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
    this.decorate();
    this.observer = new MutationObserver((records) => {
      // Our own insertions also land here; they need no pass.
      if (records.every(isOurs)) return;
      this.schedule();
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
