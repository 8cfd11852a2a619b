/**
 * "Pobierz PDF z KSeF": stamps Base's own invoice PDF (bytes from `getInvoiceFile`,
 * docs/base.md) with KOD I (and KOD II for offline invoices), the KSeF number, the processing date
 * and the status. The content of each stamped page is scaled down into the upper part of the
 * page (layout.ts), so nothing is drawn over the invoice. The QR codes are drawn as vector
 * rectangles from the `qrcode` matrix: no PNG/canvas, so this runs in the worker too.
 * Pure: takes bytes, returns bytes.
 */
import {
  concatTransformationMatrix,
  PDFArray,
  PDFDict,
  PDFDocument,
  type PDFFont,
  PDFName,
  type PDFPage,
  popGraphicsState,
  pushGraphicsState,
  rgb,
  StandardFonts,
} from 'pdf-lib';
import { CERTIFICATE_LABEL, kod1Label } from '../qr/labels';
import { QUIET_ZONE, qrMatrix } from '../qr/matrix';
import { type Rect, stampLayout } from './layout';
import { type PrintStatus, STATUS_PDF } from './status';
import { formatPolishDateTime, toFontSafe } from './text';

export interface StampInput {
  /** Base's invoice PDF. */
  pdf: Uint8Array;
  /** KOD I link (src/qr buildKod1Url). */
  kod1Url: string;
  /** KOD II link, for invoices issued offline (src/qr buildKod2Url). */
  kod2Url?: string;
  /** KSeF number once assigned; until then the label reads OFFLINE (docs/ksef-protocol.md §6.1). */
  ksefNumber?: string | null;
  /** When KSeF processed the invoice (e.g. `acquisitionDate` / UPO timestamp). */
  processingDate?: Date | string | null;
  status: PrintStatus;
  /** Which pages get the stamp: the first (default) or every page. */
  pages?: 'first' | 'all';
}

export class PrintError extends Error {
  override readonly name = 'PrintError';
}

function drawQr(page: PDFPage, text: string, box: Rect): void {
  const m = qrMatrix(text);
  const unit = box.w / (m.size + 2 * QUIET_ZONE);
  page.drawRectangle({ x: box.x, y: box.y, width: box.w, height: box.h, color: rgb(1, 1, 1) });
  const black = rgb(0, 0, 0);
  for (let r = 0; r < m.size; r++) {
    // Horizontal runs of dark modules: fewer operators, and no hairline gaps between modules.
    let c = 0;
    while (c < m.size) {
      if (!m.dark(r, c)) {
        c++;
        continue;
      }
      const start = c;
      while (c < m.size && m.dark(r, c)) c++;
      page.drawRectangle({
        x: box.x + (QUIET_ZONE + start) * unit,
        y: box.y + box.h - (QUIET_ZONE + r + 1) * unit,
        width: (c - start) * unit,
        height: unit,
        color: black,
      });
    }
  }
}

function fitSize(font: PDFFont, text: string, size: number, maxWidth: number, min = 4): number {
  let s = size;
  while (s > min && font.widthOfTextAtSize(text, s) > maxWidth) s -= 0.25;
  return s;
}

/** Moves annotation rectangles (links, form fields) along with the scaled content. */
function transformAnnotations(page: PDFPage, scale: number, dx: number, dy: number): void {
  const annots = page.node.Annots();
  if (!annots) return;
  for (let i = 0; i < annots.size(); i++) {
    const annot = annots.lookup(i);
    if (!(annot instanceof PDFDict)) continue;
    const rect = annot.lookup(PDFName.of('Rect'));
    if (!(rect instanceof PDFArray) || rect.size() !== 4) continue;
    const v = rect.asRectangle();
    annot.set(
      PDFName.of('Rect'),
      page.doc.context.obj([
        v.x * scale + dx,
        v.y * scale + dy,
        (v.x + v.width) * scale + dx,
        (v.y + v.height) * scale + dy,
      ]),
    );
  }
}

function stampPage(page: PDFPage, input: StampInput, fonts: { sans: PDFFont; bold: PDFFont; mono: PDFFont }): void {
  // The crop box is what viewers and printers show (it defaults to the media box).
  const cb = page.getCropBox();
  const L = stampLayout({ x: cb.x, y: cb.y, w: cb.width, h: cb.height }, Boolean(input.kod2Url));
  const ctx = page.doc.context;
  // Wrap the existing content in q <scale/translate> … Q before anything is drawn, so our own
  // drawing (appended afterwards by pdf-lib) is in plain page coordinates.
  page.node.normalize();
  const start = ctx.register(
    ctx.contentStream([pushGraphicsState(), concatTransformationMatrix(L.scale, 0, 0, L.scale, L.dx, L.dy)]),
  );
  const end = ctx.register(ctx.contentStream([popGraphicsState()]));
  page.node.wrapContentStreams(start, end);
  transformAnnotations(page, L.scale, L.dx, L.dy);

  const grey = rgb(0.45, 0.45, 0.45);
  const black = rgb(0, 0, 0);
  page.drawLine({
    start: { x: L.band.x + 10, y: L.band.y + L.band.h - 4 },
    end: { x: L.band.x + L.band.w - 10, y: L.band.y + L.band.h - 4 },
    thickness: 0.5,
    color: grey,
  });

  const charset = (f: PDFFont) => new Set(f.getCharacterSet());
  const sansSet = charset(fonts.sans);
  const monoSet = charset(fonts.mono);
  const label = (text: string, at: { cx: number; y: number; maxWidth: number }) => {
    const t = toFontSafe(text, monoSet);
    const size = fitSize(fonts.mono, t, 6.5, at.maxWidth);
    page.drawText(t, {
      x: at.cx - fonts.mono.widthOfTextAtSize(t, size) / 2,
      y: at.y,
      size,
      font: fonts.mono,
      color: black,
    });
  };

  drawQr(page, input.kod1Url, L.kod1);
  label(kod1Label(input.ksefNumber), L.kod1Label);
  if (input.kod2Url && L.kod2 && L.kod2Label) {
    drawQr(page, input.kod2Url, L.kod2);
    label(CERTIFICATE_LABEL, L.kod2Label);
  }

  const lines: { text: string; font: PDFFont; size: number }[] = [
    { text: 'Krajowy System e-Faktur (KSeF)', font: fonts.bold, size: 8.5 },
    { text: `Numer KSeF: ${input.ksefNumber?.trim() || 'jeszcze nie nadany (OFFLINE)'}`, font: fonts.sans, size: 8 },
    {
      text: `Data przetworzenia w KSeF: ${input.processingDate ? formatPolishDateTime(input.processingDate) : '-'}`,
      font: fonts.sans,
      size: 8,
    },
    { text: `Status: ${STATUS_PDF[input.status]}`, font: fonts.sans, size: 8 },
    { text: 'Weryfikacja faktury (KOD I):', font: fonts.sans, size: 6.5 },
    { text: input.kod1Url, font: fonts.sans, size: 6 },
  ];
  let y = L.text.y + L.text.h - 10;
  for (const line of lines) {
    const t = toFontSafe(line.text, sansSet);
    const size = fitSize(line.font, t, line.size, L.text.w);
    page.drawText(t, { x: L.text.x, y, size, font: line.font, color: black });
    y -= size + 5;
  }
}

export async function stampInvoicePdf(input: StampInput): Promise<Uint8Array> {
  let doc: PDFDocument;
  try {
    doc = await PDFDocument.load(input.pdf, { updateMetadata: false });
  } catch (e) {
    const encrypted = /encrypt/i.test((e as Error).message);
    throw new PrintError(
      encrypted
        ? 'PDF faktury z Base jest zaszyfrowany i nie można go oznaczyć kodami KSeF. Użyj wydruku zastępczego (podsumowania faktury).'
        : 'Nie udało się odczytać PDF faktury z Base. Pobierz go ponownie albo użyj wydruku zastępczego (podsumowania faktury).',
    );
  }
  const pages = doc.getPages();
  if (pages.length === 0) throw new PrintError('PDF faktury z Base nie ma żadnej strony.');
  const fonts = {
    sans: await doc.embedFont(StandardFonts.Helvetica),
    bold: await doc.embedFont(StandardFonts.HelveticaBold),
    mono: await doc.embedFont(StandardFonts.Courier),
  };
  for (const page of input.pages === 'all' ? pages : pages.slice(0, 1)) stampPage(page, input, fonts);
  return doc.save();
}
