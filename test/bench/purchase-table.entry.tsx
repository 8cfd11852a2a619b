/**
 * Bundled by test/bench/purchase.ts (Vite) into a page of its own: the purchases table with N
 * received invoices, for measuring the frame time while scrolling in real Chromium.
 */
import { render } from 'preact';
import { purchaseTexts } from '../../src/i18n/purchases';
import type { PurchaseRecord } from '../../src/purchase/types';
import { PurchaseTable } from '../../src/ui/purchases/PurchaseTable';

function rows(n: number): PurchaseRecord[] {
  const names = ['Hurtownia Papieru „Biuro” Sp. z o.o.', 'Transport Kraków S.A.', 'Opakowania Śląsk s.c.'];
  return Array.from({ length: n }, (_, i) => {
    const ksefNumber = `5261297912-20261204-${i.toString(16).toUpperCase().padStart(12, '0')}-00`;
    return {
      id: `test|7251266236|${ksefNumber}`,
      scope: 'test|7251266236',
      ksefNumber,
      invoiceNumber: `FV/${i + 1}/11/2026`,
      issueDate: `2026-11-${String((i % 28) + 1).padStart(2, '0')}`,
      month: '2026-11',
      sellerNip: '5261297912',
      sellerName: names[i % names.length]!,
      net: 1000 + i,
      vat: 230 + i * 0.23,
      gross: 1230 + i * 1.23,
      currency: 'PLN',
      invoiceType: 'Vat',
      permanentStorageDate: '2026-12-01T00:00:00Z',
      invoiceHash: 'h',
      syncedAt: i,
      size: 3000,
      meta: {} as PurchaseRecord['meta'],
    };
  });
}

export function mountTable(n: number): void {
  const el = document.getElementById('app') as HTMLElement;
  render(
    <main class="purchases">
      <PurchaseTable
        rows={rows(n)}
        lang="pl"
        t={purchaseTexts('pl')}
        sort="issueDate"
        desc={true}
        onSort={() => undefined}
        onOpen={() => undefined}
        newAfter={n - 50}
      />
    </main>,
    el,
  );
}
