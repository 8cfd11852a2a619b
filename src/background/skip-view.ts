/** The skip mark on a view (src/skip/store.ts), shared by the panel's and the invoices page's commands. */
import type { InvoiceView } from '../messaging';
import type { SkipList } from '../skip/store';

/** Adds the skip mark (and the disabled send it means) to a view. */
export function withSkip(view: InvoiceView, skips: SkipList): InvoiceView {
  const s = skips[view.invoiceId];
  if (!s) return view;
  const blocked = view.blocked === 'in-ksef' || view.blocked === 'in-progress' ? view.blocked : 'skipped';
  return { ...view, skipped: { reason: s.reason, at: new Date(s.at).toISOString() }, blocked };
}
