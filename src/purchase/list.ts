/** Filtering, searching and sorting the received-invoice list (pure, so 10,000 rows are unit-tested). */
import type { PurchaseRecord } from './types';

export type SortKey = 'issueDate' | 'sellerName' | 'invoiceNumber' | 'gross' | 'net' | 'vat' | 'ksefNumber';

export interface ListQuery {
  search: string;
  sort: SortKey;
  desc: boolean;
}

const fold = (s: string) =>
  s
    .toLocaleLowerCase('pl')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/ł/g, 'l');

/** Search by supplier name, invoice number, NIP (digits, dashes ignored) or KSeF number. */
export function matches(r: PurchaseRecord, search: string): boolean {
  const q = search.trim();
  if (!q) return true;
  const f = fold(q);
  if (fold(r.sellerName).includes(f) || fold(r.invoiceNumber).includes(f) || fold(r.ksefNumber).includes(f))
    return true;
  const digits = q.replace(/[\s-]/g, '');
  return /^\d+$/.test(digits) && r.sellerNip.includes(digits);
}

const collator = new Intl.Collator('pl', { numeric: true, sensitivity: 'base' });

export function compare(a: PurchaseRecord, b: PurchaseRecord, key: SortKey): number {
  const x = a[key];
  const y = b[key];
  if (typeof x === 'number' && typeof y === 'number') return x - y;
  return collator.compare(String(x), String(y));
}

export function applyQuery(rows: readonly PurchaseRecord[], q: ListQuery): PurchaseRecord[] {
  const out = rows.filter((r) => matches(r, q.search));
  const sign = q.desc ? -1 : 1;
  out.sort((a, b) => sign * compare(a, b, q.sort) || (a.ksefNumber < b.ksefNumber ? -1 : 1));
  return out;
}
