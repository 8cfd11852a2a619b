/**
 * Row → Base invoice, checked against the invoices the worker knows (docs/base.md §2.4 "Detecting it
 * robustly", point 2): a) the row's numeric attribute or checkbox value when it is a known
 * `invoice_id`, b) the invoice number shown, matched exactly, c) the order link, resolved by the
 * worker per order. A number that appears on two invoices is ambiguous and never matched.
 */
import type { InvoiceView } from '../../messaging';

export interface RowKeys {
  id: string | null;
  number: string | null;
  orderId: string | null;
}

export interface MatchResult<R extends RowKeys> {
  matched: { ref: R; view: InvoiceView }[];
  /** Rows to resolve through their order link (`invoices.forOrder`). */
  byOrder: R[];
  /** Rows that are not a known invoice: nothing is injected there. */
  unmatched: R[];
}

export function matchRows<R extends RowKeys>(refs: readonly R[], items: readonly InvoiceView[]): MatchResult<R> {
  const byId = new Map<string, InvoiceView>();
  const byNumber = new Map<string, InvoiceView | null>();
  for (const v of items) {
    byId.set(v.invoiceId, v);
    byNumber.set(v.number, byNumber.has(v.number) ? null : v);
  }
  const out: MatchResult<R> = { matched: [], byOrder: [], unmatched: [] };
  for (const ref of refs) {
    const view = (ref.id ? byId.get(ref.id) : undefined) ?? (ref.number ? byNumber.get(ref.number) : undefined);
    if (view) out.matched.push({ ref, view });
    else if (ref.orderId) out.byOrder.push(ref);
    else out.unmatched.push(ref);
  }
  return out;
}

/** The invoice of an order row: the one with the row's number, else the only one. */
export function pickOrderInvoice(ref: RowKeys, items: readonly InvoiceView[]): InvoiceView | null {
  if (ref.number) {
    const same = items.filter((v) => v.number === ref.number);
    if (same.length === 1) return same[0] ?? null;
    if (same.length > 1) return null;
  }
  return items.length === 1 ? (items[0] ?? null) : null;
}

/** The ids and numbers to ask the worker about, without repeats. */
export function viewRequest(refs: readonly RowKeys[]): { invoiceIds: string[]; numbers: string[] } {
  const ids = new Set<string>();
  const numbers = new Set<string>();
  for (const r of refs) {
    if (r.id) ids.add(r.id);
    if (r.number) numbers.add(r.number);
  }
  return { invoiceIds: [...ids], numbers: [...numbers] };
}
