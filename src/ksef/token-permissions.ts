/**
 * The permissions a KSeF token carries, from KSeF itself (`GET /tokens/{referenceNumber}`,
 * "Pobranie statusu tokena", field `requestedPermissions`). A token's reference number is the
 * first `|`-separated part of the token (docs/ksef-protocol.md §2.2), so no secret leaves the client.
 */
import type { KsefAuth } from './auth';
import type { KsefContext } from './context';

export const INVOICE_WRITE = 'InvoiceWrite';
export const INVOICE_READ = 'InvoiceRead';

/** The reference number inside a KSeF token, or null when the text does not look like one. */
export function tokenReferenceNumber(token: string): string | null {
  const ref = token.trim().split('|')[0] ?? '';
  return /^\d{8}-[A-Z]{2}-[0-9A-F]{10}-[0-9A-F]{10}-[0-9A-F]{2}$/.test(ref) ? ref : null;
}

export async function fetchTokenPermissions(
  ctx: KsefContext,
  auth: KsefAuth,
  referenceNumber: string,
): Promise<string[]> {
  const res = await auth.withAccess((bearer) =>
    ctx.http.request<{ requestedPermissions?: unknown }>({
      route: 'tokenStatus',
      params: { referenceNumber },
      bearer,
      expect: [200],
    }),
  );
  const list = res.data?.requestedPermissions;
  return Array.isArray(list) ? list.filter((p): p is string => typeof p === 'string') : [];
}
