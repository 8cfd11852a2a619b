/** Filtering and searching the "Faktury w KSeF" list (pure, so it is unit-tested and fast on 10,000 rows). */
import type { InvoiceView } from '../../messaging';

export const STATE_FILTERS = ['all', 'attention', 'processing', 'accepted', 'rejected', 'offline', 'skipped'] as const;
export type StateFilter = (typeof STATE_FILTERS)[number];

export function isStateFilter(x: unknown): x is StateFilter {
  return typeof x === 'string' && (STATE_FILTERS as readonly string[]).includes(x);
}

export interface Filter {
  state: StateFilter;
  /** Free text: invoice number, buyer, NIP or KSeF number. */
  query: string;
  /** YYYY-MM of the issue date, or '' for any month. */
  month: string;
}

export function matchesState(v: InvoiceView, f: StateFilter): boolean {
  if (f === 'all') return true;
  if (f === 'skipped') return v.skipped !== undefined;
  // A skipped invoice is not a problem and not waiting: it shows only under "Pominięte" (and all).
  if (v.skipped) return false;
  switch (f) {
    case 'attention':
      return v.state === 'needs-attention' || (v.state === 'accepted' && v.offlineWithoutCertificate === true);
    case 'processing':
      return v.state === 'queued' || v.state === 'sending' || v.state === 'processing';
    case 'accepted':
      return v.state === 'accepted';
    case 'rejected':
      return v.state === 'rejected';
    case 'offline':
      return v.offline === true;
  }
}

const digits = (s: string) => s.replace(/\D+/g, '');

/** Lower-case text a row is searched by, made once per list. */
export function searchKey(v: InvoiceView): string {
  return [v.number, v.buyerName ?? '', v.buyerNip ?? '', digits(v.buyerNip ?? ''), v.ksefNumber ?? '']
    .join('\u0001')
    .toLowerCase();
}

export function filterInvoices(items: readonly InvoiceView[], keys: readonly string[], f: Filter): InvoiceView[] {
  const q = f.query.trim().toLowerCase();
  const out: InvoiceView[] = [];
  for (let i = 0; i < items.length; i++) {
    const v = items[i] as InvoiceView;
    if (f.month && !(v.issueDate ?? '').startsWith(f.month)) continue;
    if (!matchesState(v, f.state)) continue;
    if (q && !(keys[i] as string).includes(q)) continue;
    out.push(v);
  }
  return out;
}

/** Months present in the list, newest first (for the month picker). */
export function monthsOf(items: readonly InvoiceView[]): string[] {
  const set = new Set<string>();
  for (const v of items) if (v.issueDate && /^\d{4}-\d{2}/.test(v.issueDate)) set.add(v.issueDate.slice(0, 7));
  return [...set].sort().reverse();
}
