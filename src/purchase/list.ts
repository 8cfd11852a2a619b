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

/** Folded supplier name, number and KSeF number of a row, made once per row (typing stays fast). */
const keys = new WeakMap<PurchaseRecord, string>();
function searchKey(r: PurchaseRecord): string {
  let k = keys.get(r);
  if (k === undefined) {
    k = `${fold(r.sellerName)}\n${fold(r.invoiceNumber)}\n${fold(r.ksefNumber)}`;
    keys.set(r, k);
  }
  return k;
}

/** Search by supplier name, invoice number, NIP (digits, dashes ignored) or KSeF number. */
export function matches(r: PurchaseRecord, search: string): boolean {
  const q = search.trim();
  if (!q) return true;
  if (searchKey(r).includes(fold(q))) return true;
  const digits = q.replace(/[\s-]/g, '');
  return /^\d+$/.test(digits) && r.sellerNip.includes(digits);
}

const collator = new Intl.Collator('pl', { numeric: true, sensitivity: 'base' });

export function compare(a: PurchaseRecord, b: PurchaseRecord, key: SortKey): number {
  const x = a[key];
  const y = b[key];
  if (typeof x === 'number' && typeof y === 'number') return x - y;
  // Dates and KSeF numbers are ASCII in a fixed format: a plain comparison orders them, and fast.
  if (key === 'issueDate' || key === 'ksefNumber') return x < y ? -1 : x > y ? 1 : 0;
  return collator.compare(String(x), String(y));
}

export function applyQuery(rows: readonly PurchaseRecord[], q: ListQuery): PurchaseRecord[] {
  const f = fold(q.search.trim());
  const digits = q.search.replace(/[\s-]/g, '');
  const byNip = /^\d+$/.test(digits);
  const out = f ? rows.filter((r) => searchKey(r).includes(f) || (byNip && r.sellerNip.includes(digits))) : [...rows];
  const sign = q.desc ? -1 : 1;
  out.sort((a, b) => sign * compare(a, b, q.sort) || (a.ksefNumber < b.ksefNumber ? -1 : 1));
  return out;
}
