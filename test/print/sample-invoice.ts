/**
 * A stand-in for Base's invoice PDF (getInvoiceFile): an A4 page whose content reaches from
 * the very top to the very bottom edge, so a stamp that covered anything would be caught.
 */
import { PDFDocument, rgb, StandardFonts } from 'pdf-lib';

export const A4 = { w: 595.28, h: 841.89 };

export async function sampleInvoicePdf(pages = 1): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const bold = await doc.embedFont(StandardFonts.HelveticaBold);
  for (let p = 1; p <= pages; p++) {
    const page = doc.addPage([A4.w, A4.h]);
    page.drawText('TOPMARK', { x: 20, y: A4.h - 16, size: 10, font });
    page.drawText('Faktura VAT nr FV/2026/11/0042', { x: 40, y: A4.h - 70, size: 18, font: bold });
    page.drawText('Sprzedawca: Sklep Testowy Sp. z o.o., NIP 5265877635', { x: 40, y: A4.h - 110, size: 10, font });
    page.drawText('Nabywca: Jan Kowalski, ul. Prosta 1, 00-001 Warszawa', { x: 40, y: A4.h - 126, size: 10, font });
    for (let i = 0; i < 20; i++) {
      const y = A4.h - 180 - i * 24;
      page.drawRectangle({
        x: 40,
        y: y - 6,
        width: A4.w - 80,
        height: 20,
        borderColor: rgb(0.6, 0.6, 0.6),
        borderWidth: 0.5,
      });
      page.drawText(`Pozycja ${i + 1}  Towar testowy  1 szt.  100,00 PLN  23%`, { x: 46, y, size: 9, font });
    }
    page.drawText('Razem do zaplaty: 2460,00 PLN', { x: 40, y: 90, size: 12, font: bold });
    page.drawText(`BOTTOMMARK strona ${p}/${pages}`, { x: 20, y: 6, size: 8, font });
  }
  return doc.save();
}
