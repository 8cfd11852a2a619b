/** Bulk actions of the "Faktury w KSeF" page: each invoice on its own, one outcome per invoice. */
import type { Lang } from '../../core/lang';
import type { BulkResult, InvoiceView } from '../../messaging';
import { errorText } from '../error-text';
import type { InvoiceViews } from './invoice-views';

export async function eachInvoice(
  ids: readonly string[],
  views: Pick<InvoiceViews, 'viewOf'>,
  act: (id: string) => Promise<InvoiceView>,
  lang: Lang,
): Promise<BulkResult[]> {
  const results: BulkResult[] = [];
  for (const id of new Set(ids)) {
    try {
      const item = await act(id);
      // A send that ended needing the seller (bad data, Base down) did not happen: say why.
      if (item.state === 'needs-attention' && !item.skipped)
        results.push({ invoiceId: id, ok: false, item, message: item.reason ?? '' });
      else results.push({ invoiceId: id, ok: true, item });
    } catch (e) {
      // The pipeline's refusals arrive as user errors already in the user's words (refusals.ts);
      // anything else is worded for the UI language, never its raw (Polish or English) message.
      const message = errorText(e, lang);
      const item = await views.viewOf(id).catch(() => undefined);
      results.push({ invoiceId: id, ok: false, message, ...(item ? { item } : {}) });
    }
  }
  return results;
}
