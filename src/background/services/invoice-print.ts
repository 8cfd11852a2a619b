/**
 * The print of an invoice: Base's own PDF stamped with KOD I (and KOD II offline), the KSeF number
 * and the invoice's KSeF state; and the QR previews of the panel.
 *
 * An invoice KSeF has not accepted yet (in processing, waiting, rejected or never sent) has no KSeF
 * number and no KOD I to stamp, so the seller is told so plainly and gets Base's own PDF as it is,
 * or the printable summary with what is known when Base's PDF cannot be had.
 */
import { bytesToBase64 } from '../../core/base64';
import type { InvoiceView, Res } from '../../messaging';
import type { OutboxRecord } from '../../outbox';
import { type PrintStatus, stampInvoicePdf } from '../../print';
import { CERTIFICATE_LABEL, kod1Label, renderQrSvg } from '../../qr';
import { errorText } from '../error-text';
import type { Services } from '../services';
import type { InvoiceViews } from './invoice-views';

type Printed = Res<'invoice.print'>;

/** What the stamp says of a record that has its KOD I: accepted, offline, rejected, or still on its way. */
export function printStatus(rec: Pick<OutboxRecord, 'state' | 'offline'>): PrintStatus {
  if (rec.state === 'accepted') return 'accepted';
  if (rec.offline) return 'offline';
  return rec.state === 'rejected' ? 'rejected' : 'pending';
}

/** The PDF's name: the invoice number made safe for a file name. */
export function printFileName(item: InvoiceView): string {
  return `${(item.number || item.invoiceId).replace(/[^\w.-]+/g, '_')}-KSeF.pdf`;
}

export async function printInvoice(svc: Services, views: InvoiceViews, id: string): Promise<Printed> {
  const rec = await views.recordOf(id);
  const item = await views.viewOf(id, rec);
  const fileName = printFileName(item);
  if (!rec?.kod1Url) return printPending(svc, rec, item, fileName);
  try {
    const file = await (await svc.base()).getInvoiceFile(Number(id));
    const pdf = await stampInvoicePdf({
      pdf: file.pdf,
      kod1Url: rec.kod1Url,
      ...(rec.kod2Url ? { kod2Url: rec.kod2Url } : {}),
      ksefNumber: rec.ksefNumber ?? null,
      processingDate: rec.processedAt ?? null,
      status: printStatus(rec),
    });
    return { pdfBase64: bytesToBase64(pdf), fileName, item };
  } catch (e) {
    // Base's refusal or a PDF the stamper cannot read, in the UI language (error-text.ts).
    const reason = errorText(e, await svc.lang());
    return { pdfBase64: null, fileName, item, reason: (await svc.t())('printNoPdf', { reason }) };
  }
}

export async function printPending(
  svc: Services,
  rec: OutboxRecord | undefined,
  item: InvoiceView,
  fileName: string,
): Promise<Printed> {
  const t = await svc.t();
  const why =
    rec?.state === 'rejected'
      ? t('printRejected')
      : rec && ['queued', 'sending', 'processing'].includes(rec.state)
        ? t('printProcessing')
        : t('printNotSent');
  try {
    const file = await (await svc.base()).getInvoiceFile(Number(item.invoiceId));
    return {
      pdfBase64: bytesToBase64(file.pdf),
      fileName: fileName.replace(/-KSeF\.pdf$/, '.pdf'),
      item,
      reason: `${why} ${t('printBasePdf')}`,
      pending: true,
    };
  } catch {
    return { pdfBase64: null, fileName, item, reason: `${why} ${t('printSummaryOnly')}`, pending: true };
  }
}

/** QR previews as SVG markup (KOD I with its label; KOD II for offline invoices). */
export async function qrPreviews(views: InvoiceViews, id: string): Promise<Res<'invoice.qr'>> {
  const rec = await views.recordOf(id);
  return {
    kod1Svg: rec?.kod1Url ? renderQrSvg(rec.kod1Url, kod1Label(rec.ksefNumber)) : null,
    kod2Svg: rec?.kod2Url ? renderQrSvg(rec.kod2Url, CERTIFICATE_LABEL) : null,
  };
}
