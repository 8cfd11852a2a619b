/**
 * What the sync needs from the outside world (pure code, like src/pipeline/ports.ts): the KSeF
 * invoice-reading operations (src/ksef/invoice-query.ts, invoice-export.ts), a clock, a sleep for
 * short waits, and a scheduler that turns longer waits into alarms.
 */

import type { KsefEnv } from '../core/env';
import type { ExportContents, ExportHandle, ExportPackage, ExportStatus } from '../ksef/invoice-export';
import type { DownloadedInvoice, InvoiceQueryFilters, MetadataPage, PageRequest } from '../ksef/invoice-query';
import type { PurchaseStore } from './store';

export interface PurchaseKsefPort {
  query(filters: InvoiceQueryFilters, page: PageRequest): Promise<MetadataPage>;
  download(ksefNumber: string): Promise<DownloadedInvoice>;
  startExport(filters: InvoiceQueryFilters): Promise<ExportHandle>;
  exportStatus(referenceNumber: string): Promise<ExportStatus>;
  readPackage(handle: ExportHandle, pkg: ExportPackage): Promise<ExportContents>;
}

export interface PurchaseSyncDeps {
  store: PurchaseStore;
  env: KsefEnv;
  nip: string;
  ksef: () => Promise<PurchaseKsefPort>;
  now: () => number;
  sleep: (ms: number) => Promise<void>;
  /** Asks to be woken at `whenMs` (an alarm in the worker). */
  scheduleAt: (whenMs: number) => Promise<void>;
  /** How far back the first sync reaches: this month and the previous ones (default 2). */
  monthsBack?: number;
  /** Waiting for an export this long inside one run before leaving it to an alarm (default 20 s). */
  inlineWaitMs?: number;
  /** Between export status checks within a run (default 2 s). */
  pollMs?: number;
}
