/**
 * The panel's two short invoice lists (src/content/panel.ts): the floating panel where no known
 * layout matches (docs/base.md §2.4 point 5, src/content/fallback.ts) and the order card block
 * (src/content/order-card.ts); when they appear, go, and load again.
 */
import { findInvoiceRows } from '../base/panel/layouts';
import { isInvoiceArea, openOrderId, SEL_ORDER_INFO } from '../base/selectors';
import { FallbackPanel } from './fallback';
import { OrderBlock } from './order-card';
import type { Loc, Panel } from './panel-state';

/** How often a live refresh may reload the floating panel's and the order block's lists. */
const LIST_RELOAD_MS = 30_000;

/** Shows the floating panel once the page has had time to fill its list (PanelDeps.fallbackDelayMs)
 * and still shows none. */
export function scheduleFallback(c: Panel): void {
  if (c.fallback?.host.isConnected || c.fallbackTimer) return;
  const { deps } = c;
  const show = () => {
    c.fallbackTimer = null;
    const loc = deps.loc();
    if (findInvoiceRows(deps.doc, loc) || !isInvoiceArea(loc)) return;
    c.fallback = new FallbackPanel(c.ctx);
    deps.doc.body.append(c.fallback.host);
    c.listsReloadedAt = performance.now();
    c.track(c.fallback.load());
  };
  const delay = deps.fallbackDelayMs ?? 1500;
  const later =
    deps.later ??
    ((cb: () => void, ms: number) => {
      const h = setTimeout(cb, ms);
      return () => clearTimeout(h);
    });
  if (delay <= 0) show();
  else c.fallbackTimer = later(show, delay);
}

export function cancelFallback(c: Panel): void {
  c.fallbackTimer?.();
  c.fallbackTimer = null;
  c.fallback?.host.remove();
  c.fallback = null;
}

/** The order card's block, right after Base's order info, while an order is open. */
export function orderCard(c: Panel, loc: Loc): void {
  const orderId = openOrderId(loc);
  if (c.order && (c.order.orderId !== orderId || !c.order.host.isConnected)) {
    c.order.host.remove();
    c.order = null;
  }
  if (!orderId || c.order) return;
  const anchor = c.deps.doc.querySelector(SEL_ORDER_INFO);
  if (!anchor) return;
  c.order = new OrderBlock(c.ctx, orderId);
  anchor.after(c.order.host);
  c.listsReloadedAt = performance.now();
  c.track(c.order.load());
}

/** A live refresh reloads the lists at most every LIST_RELOAD_MS: each reload may cost the worker
 * a Base request, and an export bumps the outbox revision many times a minute (docs/base.md §1.1
 * limits). Adds the reloads to `jobs`. */
export function reloadLists(c: Panel, jobs: Promise<unknown>[]): void {
  const now = performance.now();
  if ((c.fallback || c.order) && now - c.listsReloadedAt >= LIST_RELOAD_MS) {
    c.listsReloadedAt = now;
    if (c.fallback) jobs.push(c.fallback.load());
    if (c.order) jobs.push(c.order.load());
  }
}
