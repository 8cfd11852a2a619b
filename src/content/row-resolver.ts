/**
 * Binds decorated rows to the invoices the worker knows (src/content/panel.ts), and re-asks it
 * about everything on screen when the outbox changes.
 */
import { matchRows, pickOrderInvoice, viewRequest } from '../base/panel/match';
import type { InvoiceView } from '../messaging';
import { reloadLists } from './lists';
import { type Panel, type Pending, VIEW_CHUNK } from './panel-state';

/** Main-thread time the panel's follow-up work (reading the rows' numbers and order links) may
 * take per frame: well under the 16 ms of a frame, leaving the rest to Base's own scripts. */
const SLICE_MS = 6;

/** The views the worker knows: it answers an id it has not learnt yet with an empty placeholder. */
const known = (items: readonly InvoiceView[]) => items.filter((v) => v.invoiceId !== '');

/**
 * Asks the worker about decorated rows and binds each to the invoice it is. Rows the worker
 * does not know yet are kept aside and asked about again at the next outbox revision: the
 * worker looks unknown ids and numbers up in Base in the background and bumps the revision
 * when it has learnt them (src/background/summaries.ts). Meanwhile a row with an id keeps its
 * icon (a click lets the worker decide); a row known only by number or order stays hidden.
 */
export async function resolve(c: Panel, pending: Pending[], first = true): Promise<void> {
  const { send } = c.deps;
  if (first) {
    // Next task: the frame that decorated stays short; reading numbers and asking the worker
    // (structured-cloning 1,000 ids) happen after it.
    await new Promise((r) => setTimeout(r, 0));
    await sliced(c, pending, (p) => {
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
    for (const p of pending) c.unconfirmed.add(p);
    return;
  }
  const views = known(items);
  c.store.put(views);
  const r = matchRows(pending, views);
  // The badges are written in one animation frame, before its layout (measured in
  // test/bench/panel.ts); only the blocks in view exist, the others take the state when drawn.
  if (r.matched.length > 0) await new Promise<void>((res) => c.frame(res));
  for (const { ref, view } of r.matched) bind(c, ref, view.invoiceId);
  for (const p of r.unmatched) c.unconfirmed.add(p);
  // Rule 2c, once per row and only for rows with neither id nor number: each order costs the
  // worker a Base request (docs/base.md §1.1 limits).
  const orders = new Map<string, Pending[]>();
  for (const p of r.byOrder) {
    if (p.id || p.number || p.orderTried || !p.orderId) {
      c.unconfirmed.add(p);
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
    found = known(found);
    c.store.put(found);
    for (const p of list) {
      const v = pickOrderInvoice(p, found);
      if (v) bind(c, p, v.invoiceId);
      else c.unconfirmed.add(p);
    }
  }
}

/** A row the worker recognised: its block shows the invoice's state from now on (a row known
 * only by number or order, or whose id was not the invoice's, gets its block drawn now). */
function bind(c: Panel, p: Pending, invoiceId: string): void {
  c.tickSoon();
  const redraw = p.entry.id !== invoiceId;
  p.entry.layer.bind(p.entry, invoiceId);
  if (redraw) c.scheduleSync();
}

/** Runs `work` over `items`, at most SLICE_MS of it per frame. */
async function sliced<X>(c: Panel, items: readonly X[], work: (x: X) => void): Promise<void> {
  let i = 0;
  while (i < items.length) {
    const end = performance.now() + SLICE_MS;
    do work(items[i++] as X);
    while (i < items.length && performance.now() < end);
    if (i < items.length) await new Promise<void>((res) => c.frame(res));
  }
}

/** Re-asks the worker about everything on screen (the outbox changed, messaging.ts
 * OUTBOX_REVISION_KEY): badges update without reloading the page. */
export async function refresh(c: Panel): Promise<void> {
  // Every bound row, not only those in view: a row scrolled into view later shows the store.
  const shown = new Set(c.store.shownIds());
  for (const layer of c.layers.values()) for (const e of layer.rows) if (e.bound && e.id) shown.add(e.id);
  const ids = [...shown];
  const jobs: Promise<unknown>[] = [];
  // Rows still on the page whose invoice the worker did not know at the last ask.
  const again = [...c.unconfirmed].filter((p) => p.row.isConnected && c.rows.get(p.row) === p.entry);
  c.unconfirmed.clear();
  if (again.length > 0) jobs.push(resolve(c, again, false));
  for (let i = 0; i < ids.length; i += VIEW_CHUNK) {
    jobs.push(
      c.deps.send('invoices.view', { invoiceIds: ids.slice(i, i + VIEW_CHUNK) }).then(
        ({ items }) => c.store.put(known(items)),
        () => undefined,
      ),
    );
  }
  // The badges of listed invoices were refreshed above (they are shown ids); the lists
  // themselves are reloaded less often (lists.ts).
  reloadLists(c, jobs);
  await Promise.all(jobs);
  c.tickSoon();
}
