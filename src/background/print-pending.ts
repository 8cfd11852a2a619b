/**
 * Printing an invoice KSeF has not accepted yet (in processing, waiting, rejected or never sent):
 * there is no KSeF number and no KOD I to stamp, so the seller is told so plainly and gets Base's
 * own PDF as it is, or the printable summary with what is known when Base's PDF cannot be had.
 */
import { bytesToBase64 as toBase64 } from '../core/base64';
import type { InvoiceView, Res } from '../messaging';
import type { OutboxRecord } from '../outbox';
import type { Services } from './services';

export async function printPending(
  svc: Services,
  rec: OutboxRecord | undefined,
  item: InvoiceView,
  fileName: string,
): Promise<Res<'invoice.print'>> {
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
      pdfBase64: toBase64(file.pdf),
      fileName: fileName.replace(/-KSeF\.pdf$/, '.pdf'),
      item,
      reason: `${why} ${t('printBasePdf')}`,
      pending: true,
    };
  } catch {
    return { pdfBase64: null, fileName, item, reason: `${why} ${t('printSummaryOnly')}`, pending: true };
  }
}
