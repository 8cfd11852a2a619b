import { PDFArray, type PDFDict, PDFDocument, PDFName } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { BAND_HEIGHT, PrintError, stampInvoicePdf, stampLayout } from '../../src/print';
import { qrVectors } from '../qr/vectors';
import { decodeQrIn, pdfText, pdfWords, renderPage } from './poppler';
import { A4, sampleInvoicePdf } from './sample-invoice';

const KSEF_NUMBER = '5265877635-20250826-0100001AF629-AF';
const kod1Url = qrVectors.kod1.find((v) => v.id.endsWith('pdf-generator-invoice-fa3.xml:TE'))!.expectedUrl;
const kod2Url = qrVectors.kod2.find((v) => v.id === 'ecdsa-p256-TE')!.expectedUrlP1363!;
const box = { x: 0, y: 0, w: A4.w, h: A4.h };

describe('stamping Base’s PDF', () => {
  it('online invoice: text present, KOD I decodes, nothing drawn over the content, page stays A4', async () => {
    const original = await sampleInvoicePdf();
    const stamped = await stampInvoicePdf({
      pdf: original,
      kod1Url,
      ksefNumber: KSEF_NUMBER,
      processingDate: '2026-11-29T13:03:07Z',
      status: 'accepted',
    });

    const doc = await PDFDocument.load(stamped);
    expect(doc.getPageCount()).toBe(1);
    const { width, height } = doc.getPage(0).getSize();
    expect([width, height]).toEqual([A4.w, A4.h]);

    const text = pdfText(stamped);
    expect(text).toContain('Faktura VAT nr FV/2026/11/0042');
    expect(text).toContain(`Numer KSeF: ${KSEF_NUMBER}`);
    // 13:03 UTC is 14:03 in Warsaw in November (CET).
    expect(text).toContain('Data przetworzenia w KSeF: 29.11.2026 14:03:07');
    expect(text).toContain('Status: zaakceptowana w KSeF');
    expect(text).not.toContain('CERTYFIKAT');

    // Every word of the original lies above the band; every word of the stamp inside it.
    const band = height - BAND_HEIGHT; // top-left origin: the band starts at this y
    const words = pdfWords(stamped);
    const top = words.find((w) => w.text === 'TOPMARK')!;
    const bottom = words.find((w) => w.text === 'BOTTOMMARK')!;
    expect(top.yMin).toBeGreaterThanOrEqual(0);
    expect(bottom.yMax).toBeLessThanOrEqual(band);
    const stampWords = words.filter((w) => w.text === KSEF_NUMBER || w.text === 'zaakceptowana');
    expect(stampWords.length).toBeGreaterThanOrEqual(3); // label under KOD I + "Numer KSeF" line + status
    for (const w of stampWords) expect(w.yMin).toBeGreaterThanOrEqual(band);
    const originalWords = pdfWords(original).filter((w) => !/^\s*$/.test(w.text));
    expect(words.filter((w) => w.yMax <= band).map((w) => w.text)).toEqual(originalWords.map((w) => w.text));

    // The QR image decodes to the KOD I link.
    const raster = renderPage(stamped);
    expect(decodeQrIn(raster, height, stampLayout(box, false).kod1)).toBe(kod1Url);
  });

  it('offline invoice: KOD I labelled OFFLINE and KOD II labelled CERTYFIKAT, both decode', async () => {
    const stamped = await stampInvoicePdf({
      pdf: await sampleInvoicePdf(),
      kod1Url,
      kod2Url,
      ksefNumber: null,
      status: 'offline',
    });
    const text = pdfText(stamped);
    expect(text).toContain('OFFLINE');
    expect(text).toContain('CERTYFIKAT');
    expect(text).toContain('Numer KSeF: jeszcze nie nadany (OFFLINE)');
    expect(text).toContain('Data przetworzenia w KSeF: -');
    // Polish letters outside WinAnsi are transliterated, not dropped.
    expect(text).toContain('Status: tryb offline, numer KSeF zostanie nadany po przeslaniu');
    const L = stampLayout(box, true);
    const raster = renderPage(stamped);
    expect(decodeQrIn(raster, A4.h, L.kod1)).toBe(kod1Url);
    expect(decodeQrIn(raster, A4.h, L.kod2!)).toBe(kod2Url);
  });

  it('stamps only the first page by default, every page with pages: "all"', async () => {
    const pdf = await sampleInvoicePdf(2);
    const first = pdfWords(await stampInvoicePdf({ pdf, kod1Url, ksefNumber: KSEF_NUMBER, status: 'accepted' }));
    expect(first.filter((w) => w.text === KSEF_NUMBER).map((w) => w.page)).toEqual([1, 1]);
    const all = pdfWords(
      await stampInvoicePdf({ pdf, kod1Url, ksefNumber: KSEF_NUMBER, status: 'accepted', pages: 'all' }),
    );
    expect(all.filter((w) => w.text === KSEF_NUMBER).map((w) => w.page)).toEqual([1, 1, 2, 2]);
    const bottom2 = all.find((w) => w.text === 'BOTTOMMARK' && w.page === 2)!;
    expect(bottom2.yMax).toBeLessThanOrEqual(A4.h - BAND_HEIGHT);
  });

  it('a file that is not a PDF gives a Polish error suggesting the printable summary', async () => {
    const err = await stampInvoicePdf({
      pdf: new TextEncoder().encode('<html>404</html>'),
      kod1Url,
      status: 'accepted',
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PrintError);
    expect((err as Error).message).toMatch(/wydruku zastępczego/);
  });
});

describe('page geometry', () => {
  it('link annotations move with the content; a crop box is respected', async () => {
    const doc = await PDFDocument.load(await sampleInvoicePdf());
    const page = doc.getPage(0);
    const annot = doc.context.obj({ Type: 'Annot', Subtype: 'Link', Rect: [40, 20, 140, 40], Border: [0, 0, 0] });
    page.node.set(PDFName.of('Annots'), doc.context.obj([doc.context.register(annot)]));
    page.setCropBox(20, 30, A4.w - 40, A4.h - 60);
    const stamped = await PDFDocument.load(
      await stampInvoicePdf({ pdf: await doc.save(), kod1Url, ksefNumber: KSEF_NUMBER, status: 'accepted' }),
    );
    const p = stamped.getPage(0);
    const L = stampLayout({ x: 20, y: 30, w: A4.w - 40, h: A4.h - 60 }, false);
    const rect = (p.node.Annots()!.lookup(0) as PDFDict).lookup(PDFName.of('Rect'), PDFArray).asRectangle();
    expect(rect.x).toBeCloseTo(40 * L.scale + L.dx, 6);
    expect(rect.y).toBeCloseTo(20 * L.scale + L.dy, 6);
    expect(rect.width).toBeCloseTo(100 * L.scale, 6);
    // The band sits inside the crop box, so the visible page shows the code.
    expect(L.kod1.y).toBeGreaterThan(30);
    const words = pdfWords(await stamped.save());
    expect(words.some((w) => w.text === KSEF_NUMBER)).toBe(true);
  });
});
