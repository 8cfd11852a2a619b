/**
 * Reading invoices where the context is a party (KSeF OpenAPI "Pobieranie faktur"):
 * `POST /invoices/query/metadata` one page at a time and `GET /invoices/ksef/{ksefNumber}` for one
 * file as the exact bytes, with the hash KSeF sends in `x-ms-meta-hash`. The incremental scenario
 * (which pages to ask for, the high-water mark) belongs to the caller: src/purchase/sync.ts.
 */
import type { KsefAuth } from './auth';
import type { KsefContext } from './context';
import { ProtocolError } from './errors';

export type SubjectType = 'Subject1' | 'Subject2' | 'Subject3' | 'SubjectAuthorized';
export type DateType = 'Issue' | 'Invoicing' | 'PermanentStorage';

export interface InvoiceQueryFilters {
  subjectType: SubjectType;
  dateRange: { dateType: DateType; from: string; to?: string; restrictToPermanentStorageHwmDate?: boolean };
  ksefNumber?: string;
  invoiceNumber?: string;
  sellerNip?: string;
  currencyCodes?: string[];
  invoiceTypes?: string[];
}

/** `InvoiceMetadata` of the OpenAPI spec (fields the extension reads are required here). */
export interface InvoiceMetadata {
  ksefNumber: string;
  invoiceNumber: string;
  issueDate: string;
  invoicingDate: string;
  acquisitionDate: string;
  permanentStorageDate: string;
  seller: { nip: string; name?: string | null };
  buyer: { identifier: { type: string; value?: string | null }; name?: string | null };
  netAmount: number;
  grossAmount: number;
  vatAmount: number;
  currency: string;
  invoicingMode: string;
  invoiceType: string;
  formCode?: { systemCode: string; schemaVersion: string; value: string };
  isSelfInvoicing?: boolean;
  hasAttachment?: boolean;
  invoiceHash: string;
  hashOfCorrectedInvoice?: string | null;
}

export interface MetadataPage {
  hasMore: boolean;
  isTruncated: boolean;
  /** Only for PermanentStorage queries: below it the data is complete and will not change. */
  permanentStorageHwmDate?: string;
  invoices: InvoiceMetadata[];
}

export interface PageRequest {
  pageOffset: number;
  /** 10..250 (OpenAPI). */
  pageSize: number;
  sortOrder?: 'Asc' | 'Desc';
}

export async function queryInvoiceMetadata(
  ctx: KsefContext,
  auth: KsefAuth,
  filters: InvoiceQueryFilters,
  page: PageRequest,
): Promise<MetadataPage> {
  const res = await auth.withAccess((bearer) =>
    ctx.http.request<MetadataPage>({
      route: 'invoiceMetadataQuery',
      query: { sortOrder: page.sortOrder ?? 'Asc', pageOffset: page.pageOffset, pageSize: page.pageSize },
      bearer,
      json: filters,
      expect: [200],
    }),
  );
  const d = res.data;
  if (!d || !Array.isArray(d.invoices) || typeof d.hasMore !== 'boolean') {
    throw new ProtocolError('lista metadanych faktur', res.status);
  }
  return { ...d, isTruncated: d.isTruncated === true };
}

export interface DownloadedInvoice {
  bytes: Uint8Array;
  /** `x-ms-meta-hash`: Base64 SHA-256 KSeF gives for the file, when sent. */
  metaHash: string | undefined;
}

/** The invoice file as stored in KSeF. 21165 (not yet in permanent storage) arrives as a rejection. */
export async function downloadInvoice(
  ctx: KsefContext,
  auth: KsefAuth,
  ksefNumber: string,
): Promise<DownloadedInvoice> {
  const res = await auth.withAccess((bearer) =>
    ctx.http.requestBytes({
      route: 'invoiceDownload',
      params: { ksefNumber },
      bearer,
      expect: [200],
    }),
  );
  return { bytes: res.data, metaHash: res.headers.get('x-ms-meta-hash') ?? undefined };
}
