// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import type { InvoiceView } from '../../src/messaging';
import { Print } from '../../src/ui/print/Print';
import { byRole, click, FakeCommandError, fakePlatform, mount, queryRole, text } from './harness';

const ITEM: InvoiceView = {
  invoiceId: '48211938',
  number: 'FV/7/11/2026',
  buyerName: 'Jan Kowalski',
  issueDate: '2026-11-27',
  totalGross: '123.00',
  currency: 'PLN',
  state: 'accepted',
  offline: true,
  ksefNumber: '5260250274-20261129-0100A0B1C2D3-4E',
  processedAt: '2026-11-29T09:15:00Z',
  kod1Url: 'https://qr-test.ksef.mf.gov.pl/invoice/5260250274/27-11-2026/abc',
  kod2Url: 'https://qr-test.ksef.mf.gov.pl/certificate/Nip/5260250274/5260250274/0123456789ABCDEF/abc/sig',
};

describe('print page', () => {
  it('shows the stamped PDF with a download link and prints it', async () => {
    const pdf = new TextEncoder().encode('%PDF-1.7\n% stamped\n%%EOF\n');
    const pdfBase64 = btoa(String.fromCharCode(...pdf));
    const blobs: Blob[] = [];
    const revoked: string[] = [];
    const fake = fakePlatform({
      'invoice.print': () => ({ pdfBase64, fileName: 'FV_7_11_2026.pdf', item: ITEM }),
    });
    const el = await mount(
      <Print
        invoiceId="48211938"
        createObjectURL={(b) => {
          blobs.push(b);
          return 'about:blank#pdf';
        }}
        revokeObjectURL={(u) => revoked.push(u)}
      />,
      fake,
    );
    expect(fake.callsOf('invoice.print')).toEqual([{ invoiceId: '48211938' }]);
    expect(blobs).toHaveLength(1);
    expect(blobs[0]?.type).toBe('application/pdf');
    expect(new Uint8Array(await (blobs[0] as Blob).arrayBuffer())).toEqual(pdf);
    const frame = el.querySelector('iframe');
    expect(frame?.getAttribute('title')).toBe('Faktura PDF z kodami QR');
    expect(frame?.getAttribute('src')).toBe('about:blank#pdf');
    const link = byRole<HTMLAnchorElement>(el, 'link', 'Pobierz PDF');
    expect(link.getAttribute('download')).toBe('FV_7_11_2026.pdf');
    expect(link.getAttribute('href')).toBe('about:blank#pdf');
    byRole(el, 'button', 'Drukuj');
    expect(fake.callsOf('invoice.qr')).toEqual([]);
    expect(document.title).toBe('Wydruk faktury FV/7/11/2026');
  });

  it('without a PDF prints a summary with the KSeF number, dates, status and both QR codes', async () => {
    let printed = 0;
    const fake = fakePlatform({
      'invoice.print': () => ({
        pdfBase64: null,
        fileName: 'FV_7_11_2026.pdf',
        item: ITEM,
        reason: 'Base nie udostępnił PDF tej faktury.',
      }),
      'invoice.qr': () => ({
        kod1Svg: '<svg xmlns="http://www.w3.org/2000/svg" data-qr="kod1"></svg>',
        kod2Svg: '<svg xmlns="http://www.w3.org/2000/svg" data-qr="kod2"></svg>',
      }),
    });
    const el = await mount(<Print invoiceId="48211938" print={() => printed++} />, fake);
    expect(fake.callsOf('invoice.qr')).toEqual([{ invoiceId: '48211938' }]);
    expect(el.querySelector('iframe')).toBeNull();
    expect(queryRole(el, 'link', 'Pobierz PDF')).toBeNull();
    const rows = [...el.querySelectorAll('[data-testid="print-summary"] tr')].map((tr) => [
      tr.querySelector('th')?.textContent,
      tr.querySelector('td')?.textContent,
    ]);
    expect(rows).toEqual([
      ['Numer faktury', 'FV/7/11/2026'],
      ['Nabywca', 'Jan Kowalski'],
      ['Data wystawienia', '2026-11-27'],
      ['Wartość brutto', '123.00 PLN'],
      ['Numer KSeF', '5260250274-20261129-0100A0B1C2D3-4E'],
      ['Data przetworzenia', '29.11.2026, 10:15'],
      ['Status w KSeF', 'Zaakceptowana (Offline)'],
      ['Uwagi', 'Base nie udostępnił PDF tej faktury.'],
    ]);
    expect(el.querySelector('svg[data-qr="kod1"]')).not.toBeNull();
    expect(el.querySelector('svg[data-qr="kod2"]')).not.toBeNull();
    const captions = [...el.querySelectorAll('figcaption')].map((f) => text(f as HTMLElement));
    expect(captions[0]).toBe(`Kod QR I — weryfikacja faktury w KSeF${ITEM.kod1Url}`);
    expect(captions[1]).toBe(`Kod QR II — weryfikacja wystawcy (tryb offline)${ITEM.kod2Url}`);
    await click(byRole(el, 'button', 'Drukuj'));
    expect(printed).toBe(1);
  });

  it('says what is wrong when the address has no invoice id or the worker refuses', async () => {
    const fake = fakePlatform({
      'invoice.print': () => {
        throw new FakeCommandError('Nie znaleziono faktury 999 w Base.');
      },
    });
    let el = await mount(<Print invoiceId={null} />, fake);
    expect(el.querySelector('[role="alert"]')?.textContent).toBe(
      'Brak identyfikatora faktury w adresie strony: otwórz wydruk z listy faktur.',
    );
    expect(fake.calls).toEqual([]);
    el = await mount(<Print invoiceId="999" />, fake);
    expect(el.querySelector('[role="alert"]')?.textContent).toBe(
      'Nie udało się przygotować wydruku: Nie znaleziono faktury 999 w Base.',
    );
  });
});
