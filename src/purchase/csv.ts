/**
 * The accountant's CSV of received invoices, made for Polish Excel: UTF-8 with a BOM (Excel reads
 * the encoding from it), semicolons, decimal commas, dates YYYY-MM-DD, CRLF line ends. Text that
 * Excel would take for a formula (= + - @ at the start) gets a leading apostrophe.
 */
import type { PurchaseRecord } from './types';

export const CSV_HEADER_PL = [
  'Data wystawienia',
  'Numer faktury',
  'Sprzedawca',
  'NIP sprzedawcy',
  'Numer KSeF',
  'Netto',
  'VAT (PLN)',
  'Brutto',
  'Waluta',
  'Rodzaj',
  'Korygowana faktura (KSeF)',
  'Data zapisu w KSeF',
];

function text(s: string): string {
  const safe = /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
  return /[;"\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** 1234.5 → "1234,50" (no thousands separator: Excel keeps it a number). */
export function plDecimal(n: number): string {
  return n.toFixed(2).replace('.', ',');
}

export function purchasesCsv(rows: readonly PurchaseRecord[], header = CSV_HEADER_PL): string {
  const lines = [header.map(text).join(';')];
  for (const r of rows) {
    lines.push(
      [
        r.issueDate,
        text(r.invoiceNumber),
        text(r.sellerName),
        text(r.sellerNip),
        r.ksefNumber,
        plDecimal(r.net),
        plDecimal(r.vat),
        plDecimal(r.gross),
        r.currency,
        r.invoiceType,
        r.correctedKsefNumber ?? '',
        r.permanentStorageDate.slice(0, 10),
      ].join(';'),
    );
  }
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

/** The same as bytes, ready for a download. */
export function purchasesCsvBytes(rows: readonly PurchaseRecord[], header?: string[]): Uint8Array {
  return new TextEncoder().encode(purchasesCsv(rows, header));
}
