/** The sync's KSeF port over the real client (src/ksef): its context, login and limiter are shared. */
import type { KsefClient } from '../ksef/client';
import { invoiceExportStatus, readExportPackage, startInvoiceExport } from '../ksef/invoice-export';
import { downloadInvoice, queryInvoiceMetadata } from '../ksef/invoice-query';
import type { PurchaseKsefPort } from './ports';

export function purchaseKsefPort(client: KsefClient): PurchaseKsefPort {
  const { context, auth } = client;
  return {
    query: (filters, page) => queryInvoiceMetadata(context, auth, filters, page),
    download: (ksefNumber) => downloadInvoice(context, auth, ksefNumber),
    startExport: (filters) => startInvoiceExport(context, auth, filters),
    exportStatus: (ref) => invoiceExportStatus(context, auth, ref),
    readPackage: (handle, pkg) => readExportPackage(context, handle, pkg),
  };
}
