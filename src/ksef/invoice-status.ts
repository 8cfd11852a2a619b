/**
 * Invoice status in a session (docs/ksef-protocol.md §3.4) turned into a typed outcome. Codes 100/150
 * are "still processing"; 200 carries the KSeF number; 440 (duplicate) is a SUCCESS that adopts
 * the original KSeF number (docs/architecture.md practice 6); every other final code is a rejection
 * with KSeF's description/details/extensions kept verbatim and a short explanation (Polish here;
 * the pages show `ksefStatusText` of the code in the UI language, src/i18n/errors.ts).
 */

import { ksefStatusText } from '../i18n/errors';
import type { KsefAuth } from './auth';
import type { KsefContext } from './context';
import { ProtocolError } from './errors';

export interface InvoiceStatusInfo {
  code: number;
  description: string;
  details?: string[] | null;
  extensions?: Record<string, string | null> | null;
}

/** `SessionInvoiceStatusResponse` (openapi.json). */
export interface SessionInvoiceStatus {
  ordinalNumber: number;
  invoiceNumber?: string | null;
  ksefNumber?: string | null;
  referenceNumber: string;
  invoiceHash: string;
  invoiceFileName?: string | null;
  acquisitionDate?: string | null;
  invoicingDate: string;
  permanentStorageDate?: string | null;
  upoDownloadUrl?: string | null;
  upoDownloadUrlExpirationDate?: string | null;
  invoicingMode?: 'Online' | 'Offline' | null;
  status: InvoiceStatusInfo;
}

export type InvoiceOutcome =
  | { state: 'processing'; code: number; referenceNumber: string }
  | {
      state: 'accepted';
      referenceNumber: string;
      ksefNumber: string;
      acquisitionDate: string | undefined;
      invoicingMode: 'Online' | 'Offline' | undefined;
      invoiceNumber: string | undefined;
      upoDownloadUrl: string | undefined;
    }
  | {
      /** 440: the invoice is already in KSeF; `ksefNumber` is the ORIGINAL one. */
      state: 'duplicate';
      referenceNumber: string;
      ksefNumber: string | undefined;
      originalSessionReferenceNumber: string | undefined;
      invoiceNumber: string | undefined;
      status: InvoiceStatusInfo;
      explanation: string;
    }
  | {
      state: 'rejected';
      referenceNumber: string;
      code: number;
      /** KSeF's description, details and extensions, verbatim. */
      status: InvoiceStatusInfo;
      explanation: string;
      /** True for codes where sending the same invoice again may succeed (500, 550). */
      retryable: boolean;
    };

export function interpretInvoiceStatus(s: SessionInvoiceStatus): InvoiceOutcome {
  const code = s.status?.code;
  if (typeof code !== 'number') throw new ProtocolError('brak statusu faktury');
  if (code === 100 || code === 150) return { state: 'processing', code, referenceNumber: s.referenceNumber };
  if (code === 200) {
    if (!s.ksefNumber) throw new ProtocolError('status 200 bez numeru KSeF');
    return {
      state: 'accepted',
      referenceNumber: s.referenceNumber,
      ksefNumber: s.ksefNumber,
      acquisitionDate: s.acquisitionDate ?? undefined,
      invoicingMode: s.invoicingMode ?? undefined,
      invoiceNumber: s.invoiceNumber ?? undefined,
      upoDownloadUrl: s.upoDownloadUrl ?? undefined,
    };
  }
  if (code === 440) {
    const ext = s.status.extensions ?? {};
    return {
      state: 'duplicate',
      referenceNumber: s.referenceNumber,
      ksefNumber: ext.originalKsefNumber ?? undefined,
      originalSessionReferenceNumber: ext.originalSessionReferenceNumber ?? undefined,
      invoiceNumber: s.invoiceNumber ?? undefined,
      status: s.status,
      explanation: ksefStatusText(440, 'pl'),
    };
  }
  return {
    state: 'rejected',
    referenceNumber: s.referenceNumber,
    code,
    status: s.status,
    explanation: ksefStatusText(code, 'pl'),
    retryable: code === 500 || code === 550 || code === 405 || code === 435,
  };
}

export async function fetchInvoiceStatus(
  ctx: KsefContext,
  auth: KsefAuth,
  sessionReferenceNumber: string,
  invoiceReferenceNumber: string,
): Promise<SessionInvoiceStatus> {
  const res = await auth.withAccess((bearer) =>
    ctx.http.request<SessionInvoiceStatus>({
      route: 'sessionInvoiceStatus',
      params: { referenceNumber: sessionReferenceNumber, invoiceReferenceNumber },
      bearer,
      expect: [200],
    }),
  );
  return res.data;
}

/**
 * Lists a session's invoices (`GET /sessions/{ref}/invoices` or `/failed`), following
 * `x-continuation-token` (§3.4). `stop` ends the walk early when it returns true.
 */
export async function listSessionInvoices(
  ctx: KsefContext,
  auth: KsefAuth,
  sessionReferenceNumber: string,
  which: 'all' | 'failed' = 'all',
  stop?: (page: SessionInvoiceStatus[]) => boolean,
): Promise<SessionInvoiceStatus[]> {
  const out: SessionInvoiceStatus[] = [];
  let continuation: string | undefined;
  do {
    const res = await auth.withAccess((bearer) =>
      ctx.http.request<{ continuationToken?: string | null; invoices: SessionInvoiceStatus[] }>({
        route: which === 'all' ? 'sessionInvoices' : 'sessionFailedInvoices',
        params: { referenceNumber: sessionReferenceNumber },
        query: { pageSize: 1000 },
        headers: continuation ? { 'x-continuation-token': continuation } : undefined,
        bearer,
        expect: [200],
      }),
    );
    const page = res.data?.invoices ?? [];
    out.push(...page);
    if (stop?.(page)) break;
    continuation = res.data?.continuationToken ?? undefined;
  } while (continuation);
  return out;
}
