/**
 * A short list of invoices, each with its KSeF block: the body of the fallback panel and of the
 * order card block. Lives inside the caller's shadow root.
 */
import type { InvoiceView } from '../messaging';
import { el } from './dom';
import { InvoiceWidget, type WidgetContext } from './widget';

export { default as LIST_CSS } from './invoice-list.css?inline';

/** `1353.5` → `1 353,50` in Polish, `1,353.50` in English. */
function money(amount: string, locale: string): string {
  const n = Number(amount);
  if (!Number.isFinite(n)) return amount;
  return n.toLocaleString(locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 });
}

function meta(v: InvoiceView, locale: string): string {
  const total = v.totalGross ? `${money(v.totalGross, locale)}${v.currency ? ` ${v.currency}` : ''}` : '';
  return [v.issueDate, v.buyerName, total].filter(Boolean).join(' · ');
}

/** Replaces the list's items with `items`, each bound to the shared view store. */
export function fillList(ctx: WidgetContext, list: HTMLElement, items: readonly InvoiceView[], empty: string): void {
  const { doc } = ctx;
  if (items.length === 0) {
    listMessage(doc, list, empty);
    return;
  }
  ctx.store.put(items);
  // The same invoices as shown: the store has just updated their blocks in place (an open QR
  // preview stays open across a live refresh).
  const shown = [...list.children].map((li) => li.getAttribute('data-invoice-id'));
  if (shown.length === items.length && items.every((v, i) => shown[i] === v.invoiceId)) return;
  const lis = items.map((v) => {
    const li = el(doc, 'li');
    li.setAttribute('data-invoice-id', v.invoiceId);
    const w = new InvoiceWidget(ctx, v.invoiceId);
    li.append(el(doc, 'span', 'n', v.number), w.host, el(doc, 'span', 'm', meta(v, ctx.t('locale'))));
    return { li, w };
  });
  list.replaceChildren(...lis.map((x) => x.li));
  // Bound after insertion: the store drops listeners whose element is not on the page.
  for (const { w } of lis) if (w.id) w.bind(w.id);
}

export function listMessage(doc: Document, list: HTMLElement, text: string, error = false): void {
  list.replaceChildren(el(doc, 'li', error ? 'e err' : 'e', text));
}
