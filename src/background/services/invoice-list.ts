/** The whole list of the "Faktury w KSeF" page: every record of the seller's context and every skip mark. */
import type { InvoiceView } from '../../messaging';
import { sameContext } from '../../outbox/types';
import { toView } from '../../pipeline';
import { readSkipList } from '../../skip/store';
import type { Services } from '../services';
import { withSkip } from '../skip-view';

/** Every record, newest change first, read with a cursor (records carry their XML). */
export async function invoiceList(svc: Services): Promise<InvoiceView[]> {
  const [settings, store] = await Promise.all([svc.settings(), svc.outbox()]);
  const skips = await readSkipList(store, settings);
  const out: InvoiceView[] = [];
  const seen = new Set<string>();
  let cursor = await store.db.transaction('invoices').store.index('byUpdatedAt').openCursor(null, 'prev');
  while (cursor) {
    // Records of another environment or NIP are not this seller's list (they wait for their own settings).
    if (sameContext(cursor.value, settings)) {
      seen.add(cursor.value.invoiceId);
      out.push(withSkip(toView(cursor.value, settings, settings.uiLang), skips));
    }
    cursor = await cursor.continue();
  }
  // Skipped before the extension ever touched them: shown from the mark alone.
  for (const s of Object.values(skips)) {
    if (!seen.has(s.invoiceId)) out.push(withSkip({ invoiceId: s.invoiceId, number: s.number }, skips));
  }
  return out;
}
