// State of the invoice-download side (metadata queries, exports) of one simulator instance. Lives in the
// Store, so POST /__sim/reset forgets it with everything else.
import type { StatusInfo } from './store';

export interface ExportPart {
  ordinalNumber: number;
  partName: string;
  token: string;
  encrypted: Uint8Array;
  partSize: number;
  partHash: string;
  encryptedPartHash: string;
}

export interface ExportRec {
  referenceNumber: string;
  contextNip: string;
  createdMs: number;
  /** When the package is ready (status 200), following the processing delays. */
  readyMs: number;
  /** Final status once ready: 200, or a failure (415, 420, 500, 550). */
  result: StatusInfo;
  invoiceCount: number;
  size: number;
  parts: ExportPart[];
  isTruncated: boolean;
  lastDate?: { field: 'lastPermanentStorageDate' | 'lastInvoicingDate' | 'lastIssueDate'; value: string };
  permanentStorageHwmDate?: string;
  /** Served part bytes are altered (control fault): the client must notice the hash. */
  corruptServedPart?: boolean;
}

export type ExportFault = { kind: 'status'; status: number } | { kind: 'corrupt-invoice' } | { kind: 'corrupt-part' };

export class PurchaseState {
  exports = new Map<string, ExportRec>();
  /** Technical limit of a metadata query per filter set (openapi: 10 000). */
  maxQueryRecords = 10_000;
  /** Invoices per export package (openapi: 10 000). */
  maxExportInvoices = 10_000;
  /** Package part size (openapi: 50 MB). */
  maxPartBytes = 50_000_000;
  /** How long a ready package can be downloaded; afterwards its status is 210. */
  packageLifetimeMs = 60 * 60_000;
  /** Concurrent exports per context (openapi: 10). */
  maxRunningExports = 10;
  faults: ExportFault[] = [];
}
