// @vitest-environment happy-dom
/**
 * The purchases page with a fake worker and fake data: only the rows in view are in the DOM (of
 * 10,000), search narrows them, what came after the last visit is counted and marked, the visit
 * is reported, an unconfigured extension says so, and scrolling moves the window of rows as one
 * piece (the tbody's transform) while the rows that stay keep their elements.
 */
import { describe, expect, it } from 'vitest';
import { purchaseTexts } from '../../src/i18n/purchases';
import type { PurchaseSummary } from '../../src/messaging';
import { toRecord } from '../../src/purchase/record';
import type { PurchaseRecord } from '../../src/purchase/types';
import type { PurchaseData } from '../../src/ui/purchases/data';
import { PurchasesPage } from '../../src/ui/purchases/PurchasesPage';
import { PurchaseTable, ROW_HEIGHT } from '../../src/ui/purchases/PurchaseTable';
import { fakePlatform, flush, mount, text, type } from './harness';

const SCOPE = 'test|7251266236';
const rows: PurchaseRecord[] = Array.from({ length: 10_000 }, (_, i) =>
  toRecord(
    SCOPE,
    {
      ksefNumber: `5261297912-20261204-${String(i).padStart(12, '0')}-00`,
      invoiceNumber: `FV/${i}/2026`,
      issueDate: `2026-11-${String((i % 28) + 1).padStart(2, '0')}`,
      invoicingDate: '',
      acquisitionDate: '',
      permanentStorageDate: '2026-12-01T00:00:00Z',
      seller: { nip: '5261297912', name: i === 4242 ? 'Jedyny Dostawca' : 'Hurtownia' },
      buyer: { identifier: { type: 'Nip', value: '7251266236' } },
      netAmount: 100,
      vatAmount: 23,
      grossAmount: 123,
      currency: 'PLN',
      invoicingMode: 'Online',
      invoiceType: 'Vat',
      invoiceHash: 'h',
    },
    new Uint8Array(),
    i < 3 ? 2000 : 500,
  ),
);
const data: PurchaseData = {
  list: async () => rows,
  get: async (id) => rows.find((r) => r.id === id),
  xml: async () => undefined,
};
const summary = (over: Partial<PurchaseSummary> = {}): PurchaseSummary => ({
  scope: SCOPE,
  total: rows.length,
  newSinceVisit: 3,
  lastVisitAt: 1000,
  lastSyncAt: Date.parse('2026-12-04T10:00:00Z'),
  neverSynced: false,
  ...over,
});

describe('purchases page', () => {
  it('windows 10,000 rows, searches, counts and marks what is new, and reports the visit', async () => {
    const fake = fakePlatform(
      {
        'purchases.summary': () => summary(),
        'purchases.seen': () => summary({ newSinceVisit: 0, lastVisitAt: 3000 }),
        'purchases.sync': () => summary({ newSinceVisit: 0 }),
      },
      { now: Date.parse('2026-12-04T12:00:00Z') },
    ); // two hours after the last sync: the page syncs
    const el = await mount(<PurchasesPage data={data} />, fake);
    await flush();
    const trs = el.querySelectorAll('tbody tr');
    expect(trs.length).toBeGreaterThan(10);
    expect(trs.length).toBeLessThan(100);
    expect(text(el)).toContain('Pokazano 10000 z 10000');
    expect(el.querySelector('[data-testid="purchase-new"]')?.textContent).toBe('Nowe od ostatniej wizyty: 3');
    expect(fake.callsOf('purchases.seen')).toHaveLength(1);
    expect(fake.callsOf('purchases.sync')).toHaveLength(1);
    await type(el.querySelector<HTMLInputElement>('[data-testid="purchase-search"]')!, 'jedyny');
    expect(el.querySelectorAll('tbody tr')).toHaveLength(1);
    expect(text(el)).toContain('FV/4242/2026');
    expect(el.querySelectorAll('tbody tr.is-new')).toHaveLength(0);
    await type(el.querySelector<HTMLInputElement>('[data-testid="purchase-search"]')!, 'FV/1/2026');
    expect(el.querySelectorAll('tbody tr.is-new')).toHaveLength(1);
  });

  it('asks to configure the extension first', async () => {
    const fake = fakePlatform({ 'purchases.summary': () => summary({ scope: null }) });
    const el = await mount(<PurchasesPage data={data} />, fake);
    expect(text(el)).toContain('Najpierw skonfiguruj rozszerzenie');
    expect(fake.callsOf('purchases.seen')).toHaveLength(0);
  });

  it('scrolling moves the tbody to the window start; rows staying in view keep their elements', async () => {
    const el = await mount(
      <PurchaseTable
        rows={rows}
        lang="pl"
        t={purchaseTexts('pl')}
        sort="issueDate"
        desc={false}
        onSort={() => undefined}
        onOpen={() => undefined}
        newAfter={Number.MAX_SAFE_INTEGER}
      />,
      fakePlatform({}),
    );
    const table = el.querySelector<HTMLElement>('[data-testid="purchase-table"]')!;
    const tbody = el.querySelector<HTMLElement>('tbody')!;
    // The scroll range is every row plus the header, whatever the window.
    expect(table.style.height).toBe(`${10_001 * ROW_HEIGHT}px`);
    expect(tbody.style.transform).toBe('translateY(0px)');
    const rowAt = (n: number) => el.querySelector<HTMLElement>(`tbody tr[aria-rowindex="${n + 2}"]`);
    const kept = rowAt(20)!;
    expect(kept.textContent).toContain('FV/20/2026');

    const box = el.querySelector<HTMLElement>('[data-testid="purchase-scroll"]')!;
    box.scrollTop = 12 * ROW_HEIGHT + 5;
    box.dispatchEvent(new Event('scroll'));
    await flush();
    // 12 rows scrolled, 8 kept above as overscan: the window starts at row 4, in flow from there.
    expect(tbody.style.transform).toBe(`translateY(${4 * ROW_HEIGHT}px)`);
    const trs = el.querySelectorAll<HTMLElement>('tbody tr');
    expect(trs[0]!.getAttribute('aria-rowindex')).toBe('6');
    expect(trs[0]!.textContent).toContain('FV/4/2026');
    for (const tr of Array.from(trs)) expect(tr.style.transform).toBe('');
    expect(rowAt(20)).toBe(kept);
    expect(rowAt(3)).toBeNull();

    box.scrollTop = 5_000 * ROW_HEIGHT;
    box.dispatchEvent(new Event('scroll'));
    await flush();
    expect(tbody.style.transform).toBe(`translateY(${4_992 * ROW_HEIGHT}px)`);
    expect(el.querySelector('tbody tr')!.textContent).toContain('FV/4992/2026');
    expect(el.querySelectorAll('tbody tr').length).toBeLessThan(60);
  });
});
