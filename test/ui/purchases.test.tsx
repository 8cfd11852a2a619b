// @vitest-environment happy-dom
/**
 * The purchases page with a fake worker and fake data: only the rows in view are in the DOM (of
 * 10,000), search narrows them, what came after the last visit is counted and marked, the visit
 * is reported, and an unconfigured extension says so.
 */
import { describe, expect, it } from 'vitest';
import type { PurchaseSummary } from '../../src/messaging';
import { toRecord } from '../../src/purchase/record';
import type { PurchaseRecord } from '../../src/purchase/types';
import type { PurchaseData } from '../../src/ui/purchases/data';
import { PurchasesPage } from '../../src/ui/purchases/PurchasesPage';
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
});
