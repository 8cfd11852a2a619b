/**
 * The hash of an invoice file as KSeF stores it (`GET /invoices/ksef/{ksefNumber}`). Needed when a
 * send ends in 440 ("already in KSeF"): KOD I must carry the hash of the ORIGINAL file, not of
 * ours (docs/ksef-protocol.md §6.1). Read as bytes: decoding to text would drop a BOM and change the hash.
 */
import type { KsefAuth } from './auth';
import type { KsefContext } from './context';
import { sha256Base64 } from './encoding';

/** Base64 SHA-256 of the stored file, or null while KSeF cannot serve it yet (21165) or at all. */
export async function storedInvoiceHash(ctx: KsefContext, auth: KsefAuth, ksefNumber: string): Promise<string | null> {
  const bytes = await storedInvoice(ctx, auth, ksefNumber);
  return bytes ? sha256Base64(bytes) : null;
}

/** The invoice file exactly as KSeF stores it, or null while KSeF cannot serve it yet (21165) or at all. */
export async function storedInvoice(ctx: KsefContext, auth: KsefAuth, ksefNumber: string): Promise<Uint8Array | null> {
  const bearer = await auth.accessToken();
  const url = `${ctx.env.apiBaseUrl}/invoices/ksef/${encodeURIComponent(ksefNumber)}`;
  const res = await ctx.http.send(
    url,
    { method: 'GET', headers: { Authorization: `Bearer ${bearer}`, Accept: 'application/octet-stream' } },
    { method: 'GET' },
  );
  const bytes = new Uint8Array(await res.arrayBuffer());
  const type = res.headers.get('content-type') ?? '';
  if (res.status !== 200 || /json|html/i.test(type) || bytes.length === 0) return null;
  return bytes;
}
