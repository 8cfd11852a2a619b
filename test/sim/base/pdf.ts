/**
 * A small but real invoice PDF, the stand-in for Base's own (getInvoiceFile, docs/base.md §1.4): number,
 * seller, buyer, lines, totals. The standard Helvetica font only encodes WinAnsi, so letters outside
 * it (ą, ł, ż…) are transliterated; the PDF is a fake, the FA(3) XML is what carries the data.
 */
import { PDFDocument, StandardFonts } from 'pdf-lib';
import type { RawInvoice } from './dataset';

const SPECIAL: Record<string, string> = {
  ł: 'l',
  Ł: 'L',
  đ: 'd',
  Đ: 'D',
  ø: 'o',
  Ø: 'O',
  '„': '"',
  '”': '"',
  '’': "'",
  '—': '-',
  '–': '-',
  '×': 'x',
  '²': '2',
  '°': ' st.',
};

/** Keeps Latin-1 characters WinAnsi can show; strips diacritics from the rest. */
export function winAnsi(s: string): string {
  let out = '';
  for (const ch of s) {
    if (SPECIAL[ch] !== undefined) out += SPECIAL[ch];
    else if (ch.charCodeAt(0) < 0x7f && ch.charCodeAt(0) >= 0x20) out += ch;
    else {
      const base = ch.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
      out += /^[\x20-\x7e]+$/.test(base) ? base : '?';
    }
  }
  return out;
}

const money = (v: number | string, cur: string) => `${Number(v).toFixed(2)} ${cur}`;

export async function invoicePdf(inv: RawInvoice): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.setTitle(winAnsi(`Faktura ${inv.number}`));
  doc.setCreationDate(new Date(inv.date_add * 1000));
  doc.setModificationDate(new Date(inv.date_add * 1000));
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const bold = await doc.embedFont(StandardFonts.HelveticaBold);
  let page = doc.addPage([595, 842]);
  let y = 800;
  const line = (text: string, size = 10, f = font, x = 40) => {
    if (y < 60) {
      page = doc.addPage([595, 842]);
      y = 800;
    }
    page.drawText(winAnsi(text).slice(0, 110), { x, y, size, font: f });
    y -= size + 6;
  };
  line(`${inv.type === 'correcting' ? 'Faktura korygujaca' : 'Faktura VAT'} ${inv.number}`, 16, bold);
  line(`Data wystawienia: ${new Date(inv.date_add * 1000).toISOString().slice(0, 10)}`);
  y -= 6;
  line('Sprzedawca:', 11, bold);
  for (const l of inv.seller.split(/\r?\n/)) line(l);
  y -= 6;
  line('Nabywca:', 11, bold);
  for (const l of [
    inv.invoice_company,
    inv.invoice_fullname,
    inv.invoice_nip && `NIP: ${inv.invoice_nip}`,
    inv.invoice_address,
    `${inv.invoice_postcode} ${inv.invoice_city}`,
    inv.invoice_country,
  ]) {
    if (l?.trim()) line(l);
  }
  y -= 6;
  line('Pozycje:', 11, bold);
  inv.items.forEach((it, i) => {
    line(`${i + 1}. ${it.name}`.slice(0, 80));
    line(`${it.quantity} x ${money(it.price_brutto, inv.currency)}  VAT ${it.tax_rate}%`, 9, font, 60);
  });
  y -= 6;
  line(`Razem netto: ${money(inv.total_price_netto, inv.currency)}`, 11, bold);
  line(`Razem brutto: ${money(inv.total_price_brutto, inv.currency)}`, 11, bold);
  return doc.save();
}
