// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import type { InvoiceView } from '../../src/messaging';
import { filterInvoices, monthsOf, searchKey } from '../../src/ui/invoices/filter';
import { InvoicesPage } from '../../src/ui/invoices/InvoicesPage';
import { ROW_HEIGHT, windowOf } from '../../src/ui/invoices/VirtualList';
import { fakePlatform, mount, type } from './harness';

const STATES = ['accepted', 'rejected', 'needs-attention', 'processing', 'queued'] as const;

function many(n: number): InvoiceView[] {
  return Array.from({ length: n }, (_, i) => ({
    invoiceId: String(100000 + i),
    number: `FV/${i + 1}/${(i % 12) + 1}/2026`,
    issueDate: `2026-${String((i % 12) + 1).padStart(2, '0')}-10`,
    buyerName: i % 2 ? `Kowalski ${i}` : `Nowak Sp. z o.o. ${i}`,
    buyerNip: String(5260000000 + i),
    state: STATES[i % STATES.length] ?? 'queued',
    ...(i % STATES.length === 0 ? { ksefNumber: `5265877635-20261110-${String(i).padStart(12, '0')}-AB` } : {}),
    ...(i % 7 === 0 ? { offline: true } : {}),
    ...(i === 2 ? { skipped: { reason: 'ręcznie', at: '2026-11-01T10:00:00Z' } } : {}),
  }));
}

describe('invoices page filters', () => {
  const items = many(10_000);
  const keys = items.map(searchKey);

  it('filters by state, month and a search on number, buyer, NIP or KSeF number', () => {
    expect(filterInvoices(items, keys, { state: 'all', query: '', month: '' })).toHaveLength(10_000);
    const attention = filterInvoices(items, keys, { state: 'attention', query: '', month: '' });
    expect(attention.every((v) => v.state === 'needs-attention' && !v.skipped)).toBe(true);
    expect(attention).toHaveLength(1999); // 2000 needing attention, one of them skipped
    expect(filterInvoices(items, keys, { state: 'skipped', query: '', month: '' }).map((v) => v.invoiceId)).toEqual([
      '100002',
    ]);
    expect(filterInvoices(items, keys, { state: 'all', query: 'FV/4321/', month: '' }).map((v) => v.number)).toEqual([
      'FV/4321/1/2026',
    ]);
    expect(filterInvoices(items, keys, { state: 'all', query: '5260004320', month: '' })).toHaveLength(1);
    expect(filterInvoices(items, keys, { state: 'all', query: '000000004320-ab', month: '' })).toHaveLength(1);
    expect(filterInvoices(items, keys, { state: 'all', query: 'kowalski 4321', month: '' })).toHaveLength(1);
    const march = filterInvoices(items, keys, { state: 'offline', query: '', month: '2026-03' });
    expect(march.length).toBeGreaterThan(0);
    expect(march.every((v) => v.offline && v.issueDate?.startsWith('2026-03'))).toBe(true);
    expect(monthsOf(items)[0]).toBe('2026-12');
  });

  it('draws only the rows in view: the window is bounded whatever the list length', () => {
    const w = windowOf(10_000, 5_000 * ROW_HEIGHT, 600);
    expect(w.start).toBeGreaterThan(4_980);
    expect(w.end - w.start).toBeLessThan(40);
    expect(windowOf(3, 0, 600)).toEqual({ start: 0, end: 3 });
  });

  it('renders 10,000 invoices with a few dozen rows in the DOM, and searching narrows them', async () => {
    const fake = fakePlatform({ 'invoices.list': () => ({ items }) });
    const el = await mount(<InvoicesPage />, fake);
    expect(el.querySelector('[data-testid="invoices-count"]')?.textContent).toBe('Pokazane: 10000 z 10000');
    expect(el.querySelectorAll('.vlist .vrow').length).toBeLessThan(60);
    await type(el.querySelector('#invoiceSearch') as HTMLInputElement, 'FV/4321/');
    expect(el.querySelector('[data-testid="invoices-count"]')?.textContent).toBe('Pokazane: 1 z 10000');
    expect(el.querySelectorAll('.vlist .vrow')).toHaveLength(1);
  });
});
