import { describe, expect, it } from 'vitest';
import { buildPrintableSummary, renderPrintableSummaryHtml, type SummaryInput } from '../../src/print';
import { renderQrSvg } from '../../src/qr';
import { qrVectors } from '../qr/vectors';

const kod1Url = qrVectors.kod1[3]!.expectedUrl;
const kod2Url = qrVectors.kod2.find((v) => v.id === 'ecdsa-p256-TE')!.expectedUrlP1363!;
const base: SummaryInput = {
  invoiceNumber: 'FV/2026/11/0042',
  issueDate: '2026-11-28',
  seller: { name: 'Sklep <Testowy> & Syn Sp. z o.o.', nip: '5265877635', address: 'ul. Długa 5, 00-950 Warszawa' },
  buyer: { name: 'Jan Kowalski' },
  currency: 'PLN',
  totalNet: 2000,
  totalVat: 460,
  totalGross: 2460,
  lines: [{ name: 'Towar "A"', quantity: 2, unit: 'szt.', gross: 2460, vatRate: '23%' }],
  kod1Url,
  ksefNumber: '5265877635-20250826-0100001AF629-AF',
  processingDate: new Date('2026-07-01T10:00:00Z'),
  status: 'accepted',
};

describe('printable summary', () => {
  it('model: the same elements as the stamp, with full Polish wording', () => {
    const s = buildPrintableSummary(base);
    expect(s.title).toBe('Faktura FV/2026/11/0042');
    const f = Object.fromEntries(s.fields.map((x) => [x.label, x.value]));
    expect(f['Numer KSeF']).toBe('5265877635-20250826-0100001AF629-AF');
    // 10:00 UTC is 12:00 in Warsaw in July (CEST).
    expect(f['Data przetworzenia w KSeF']).toBe('01.07.2026 12:00:00');
    expect(f['Status w KSeF']).toBe('Przyjęta w KSeF');
    expect(f['Data wystawienia']).toBe('28.11.2026');
    expect(s.codes).toHaveLength(1);
    expect(s.codes[0]).toMatchObject({ kind: 'KOD I', url: kod1Url, label: base.ksefNumber });
    expect(s.codes[0]!.svg).toBe(renderQrSvg(kod1Url, base.ksefNumber!));
    expect(s.totals.map((t) => t.value.replace(/\s/g, ' '))).toEqual(['2000,00 zł', '460,00 zł', '2460,00 zł']);
  });

  it('offline: OFFLINE under KOD I, KOD II with CERTYFIKAT', () => {
    const s = buildPrintableSummary({
      ...base,
      ksefNumber: null,
      processingDate: null,
      kod2Url,
      status: 'offline',
    });
    expect(s.codes.map((c) => [c.kind, c.label])).toEqual([
      ['KOD I', 'OFFLINE'],
      ['KOD II', 'CERTYFIKAT'],
    ]);
    expect(s.fields.find((x) => x.label === 'Numer KSeF')!.value).toMatch(/OFFLINE/);
  });

  it('HTML: self-contained, escaped, no scripts, both codes inline', () => {
    const html = renderPrintableSummaryHtml({ ...base, kod2Url, status: 'offline' });
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html).not.toMatch(/<script|src=|href=/i);
    expect(html).toContain('Sklep &lt;Testowy&gt; &amp; Syn Sp. z o.o.');
    expect(html).toContain('Towar &quot;A&quot;');
    expect(html).not.toContain('<Testowy>');
    expect(html).toContain(renderQrSvg(kod1Url, base.ksefNumber!));
    expect(html).toContain(renderQrSvg(kod2Url, 'CERTYFIKAT'));
    expect(html).toContain('Wystawiona w trybie offline, do przesłania do KSeF');
    // A model can be rendered directly too (the page may adjust it first).
    expect(renderPrintableSummaryHtml(buildPrintableSummary(base))).toContain('Przyjęta w KSeF');
  });
});
