/**
 * Pure parts of the purchase feature: the CSV for Polish Excel, the readable FA(3) (checked on an
 * XSD-valid correction and a foreign-currency invoice), the list's search and sort over 10,000
 * rows, the first-sync window, the notification's Polish plural.
 */
import { describe, expect, it } from 'vitest';
import { newPurchasesTitle, syncErrorText } from '../../src/background/purchase-texts';
import { plDecimal, purchasesCsv } from '../../src/purchase/csv';
import { readFa3 } from '../../src/purchase/fa3-view';
import { applyQuery } from '../../src/purchase/list';
import { toRecord } from '../../src/purchase/record';
import type { PurchaseRecord } from '../../src/purchase/types';
import { firstSyncFrom, windowEnd } from '../../src/purchase/window';
import { checkFa3 } from '../sim/ksef/fa3';
import { incomingFa3 } from '../sim/ksef/incoming';

const meta = (over: Partial<PurchaseRecord['meta']> = {}): PurchaseRecord['meta'] => ({
  ksefNumber: '5261297912-20261204-0A1B2C3D4E5F-00',
  invoiceNumber: 'FV/1/2026',
  issueDate: '2026-12-01',
  invoicingDate: '2026-12-01T10:00:00Z',
  acquisitionDate: '2026-12-01T10:00:01Z',
  permanentStorageDate: '2026-12-01T10:00:02.000Z',
  seller: { nip: '5261297912', name: 'Dostawca; "Najlepszy" Sp. z o.o.' },
  buyer: { identifier: { type: 'Nip', value: '5265877635' }, name: 'Nabywca' },
  netAmount: 1234.5,
  grossAmount: 1518.44,
  vatAmount: 283.94,
  currency: 'PLN',
  invoicingMode: 'Online',
  invoiceType: 'Vat',
  invoiceHash: 'x',
  ...over,
});

const correction = incomingFa3({
  sellerNip: '5261297912',
  sellerName: 'Hurtownia Sp. z o.o.',
  sellerAddress: ['ul. Prosta 1', '00-001 Warszawa'],
  buyerNip: '5265877635',
  buyerName: 'Nabywca S.A.',
  number: 'KOR/1/2026',
  issueDate: '2026-12-02',
  lines: [{ name: 'Rabat', unit: 'szt.', qty: 1, price: -100, rate: '23' }],
  bankAccount: '61109010140000071219812874',
  dueDate: '2026-12-16',
  corrects: {
    number: 'FV/1/2026',
    issueDate: '2026-12-01',
    ksefNumber: '5261297912-20261201-0A1B2C3D4E5F-7A',
    reason: 'Rabat',
  },
});

describe('CSV for Polish Excel', () => {
  it('has a BOM, semicolons, decimal commas, ISO dates, CRLF and quotes what needs it', () => {
    const csv = purchasesCsv([toRecord('test|5265877635', meta(), new TextEncoder().encode('<x/>'), 1)]);
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    const [head, row, end] = csv.slice(1).split('\r\n');
    expect(head!.split(';')).toHaveLength(12);
    expect(row).toBe(
      '2026-12-01;FV/1/2026;"Dostawca; ""Najlepszy"" Sp. z o.o.";5261297912;5261297912-20261204-0A1B2C3D4E5F-00;1234,50;283,94;1518,44;PLN;Vat;;2026-12-01',
    );
    expect(end).toBe('');
    expect(plDecimal(-0.5)).toBe('-0,50');
  });

  it('keeps a text that Excel would run as a formula inert', () => {
    const csv = purchasesCsv([toRecord('s', meta({ invoiceNumber: '=HYPERLINK("x")' }), new Uint8Array(), 1)]);
    expect(csv).toContain(`"'=HYPERLINK(""x"")"`);
  });
});

describe('readable FA(3)', () => {
  it('reads a correction: parties, lines, VAT per rate in PLN, payment, bank account, corrected invoice', () => {
    const check = checkFa3(new TextEncoder().encode(correction));
    expect(check.ok).toBe(true);
    const v = readFa3(correction);
    expect(v).toMatchObject({
      number: 'KOR/1/2026',
      kind: 'KOR',
      issueDate: '2026-12-02',
      currency: 'PLN',
      total: -123,
    });
    expect(v.seller).toMatchObject({
      nip: '5261297912',
      name: 'Hurtownia Sp. z o.o.',
      address: ['ul. Prosta 1', '00-001 Warszawa'],
    });
    expect(v.buyer).toMatchObject({ nip: '5265877635', name: 'Nabywca S.A.' });
    expect(v.lines).toEqual([
      {
        no: '1',
        name: 'Rabat',
        unit: 'szt.',
        qty: '1',
        unitNet: '-100.00',
        unitGross: '',
        net: '-100.00',
        gross: '',
        rate: '23',
      },
    ]);
    expect(v.vat).toEqual([{ rate: '1', net: -100, vat: -23, vatPln: -23 }]);
    expect(v.payment).toEqual({ due: ['2026-12-16'], form: '6', accounts: [{ number: '61109010140000071219812874' }] });
    expect(v.correction).toEqual({
      reason: 'Rabat',
      type: '2',
      of: [{ number: 'FV/1/2026', issueDate: '2026-12-01', ksefNumber: '5261297912-20261201-0A1B2C3D4E5F-7A' }],
    });
    expect(v.annotations).toEqual([]);
    const rec = toRecord('s', meta(), new TextEncoder().encode(correction), 1);
    expect(rec.correctedKsefNumber).toBe('5261297912-20261201-0A1B2C3D4E5F-7A');
    expect(rec.correctedNumber).toBe('FV/1/2026');
  });

  it('gives VAT in PLN from the W fields of a foreign-currency invoice and lists annotations', () => {
    const eur = correction
      .replace('<KodWaluty>PLN</KodWaluty>', '<KodWaluty>EUR</KodWaluty>')
      .replace('<P_14_1>-23.00</P_14_1>', '<P_14_1>-23.00</P_14_1><P_14_1W>-97.75</P_14_1W>')
      .replace('<P_18A>2</P_18A>', '<P_18A>1</P_18A>');
    const v = readFa3(eur);
    expect(v.vat).toEqual([{ rate: '1', net: -100, vat: -23, vatPln: -97.75 }]);
    expect(v.annotations).toEqual(['P_18A']);
  });
});

describe('list, window, words', () => {
  const rows: PurchaseRecord[] = Array.from({ length: 10_000 }, (_, i) =>
    toRecord(
      's',
      meta({
        ksefNumber: `5261297912-20261204-${String(i).padStart(12, '0')}-00`,
        invoiceNumber: `FV/${i}/2026`,
        seller: { nip: i % 2 ? '5261297912' : '1132853869', name: i % 2 ? 'Łódzka Hurtownia' : 'Kraków Trans' },
        grossAmount: i,
        issueDate: `2026-11-${String((i % 28) + 1).padStart(2, '0')}`,
      }),
      new Uint8Array(),
      i,
    ),
  );

  it('searches by supplier (diacritics ignored), number and NIP; sorts both ways', () => {
    expect(applyQuery(rows, { search: 'lodzka', sort: 'gross', desc: true })).toHaveLength(5000);
    expect(applyQuery(rows, { search: 'FV/1234/', sort: 'gross', desc: false })).toHaveLength(1);
    expect(applyQuery(rows, { search: '113-285-38-69', sort: 'gross', desc: false })).toHaveLength(5000);
    const byGross = applyQuery(rows, { search: '', sort: 'gross', desc: true });
    expect(byGross[0]!.gross).toBe(9999);
    expect(applyQuery(rows, { search: '', sort: 'issueDate', desc: false })[0]!.issueDate).toBe('2026-11-01');
  });

  it('reaches back whole Warsaw months and cuts long windows under three months', () => {
    expect(firstSyncFrom(Date.parse('2026-12-04T12:00:00Z'), 2)).toBe('2026-11-01T00:00:00+01:00');
    expect(firstSyncFrom(Date.parse('2026-01-10T12:00:00Z'), 2)).toBe('2025-12-01T00:00:00+01:00');
    expect(firstSyncFrom(Date.parse('2026-07-10T12:00:00Z'), 1)).toBe('2026-07-01T00:00:00+02:00');
    expect(windowEnd('2026-11-01T00:00:00Z', Date.parse('2026-12-04T00:00:00Z'))).toBeUndefined();
    expect(windowEnd('2026-01-01T00:00:00Z', Date.parse('2026-12-04T00:00:00Z'))).toBe('2026-03-31T00:00:00.000Z');
  });

  it('words the notification with the Polish plural, and the missing permission', () => {
    expect(newPurchasesTitle(1, 'pl')).toBe('1 nowa faktura zakupowa');
    expect(newPurchasesTitle(3, 'pl')).toBe('3 nowe faktury zakupowe');
    expect(newPurchasesTitle(12, 'pl')).toBe('12 nowych faktur zakupowych');
    expect(newPurchasesTitle(22, 'pl')).toBe('22 nowe faktury zakupowe');
    expect(newPurchasesTitle(25, 'pl')).toBe('25 nowych faktur zakupowych');
    expect(newPurchasesTitle(2, 'en')).toBe('2 new purchase invoices');
    expect(syncErrorText({ code: 'no-permission', message: '' }, 'pl')).toContain('InvoiceRead');
    expect(syncErrorText({ code: 'no-permission', message: '' }, 'en')).toContain('InvoiceRead');
  });
});
