/**
 * The hash of an invoice file as KSeF stores it (`GET /invoices/ksef/{ksefNumber}`). Needed when a
 * send ends in 440 ("already in KSeF"): KOD I must carry the hash of the ORIGINAL file, not of
 * ours (docs/ksef-protocol.md §6.1). Read as bytes: decoding to text would drop a BOM and change the hash.
 */
import type { KsefAuth } from './auth';
import type { KsefContext } from './context';
import { sha256Base64 } from './encoding';
import { isKsefError } from './errors';
import { downloadInvoice } from './invoice-query';

/** Base64 SHA-256 of the stored file, or null while KSeF cannot serve it yet (21165) or at all. */
export async function storedInvoiceHash(ctx: KsefContext, auth: KsefAuth, ksefNumber: string): Promise<string | null> {
  const bytes = await storedInvoice(ctx, auth, ksefNumber);
  return bytes ? sha256Base64(bytes) : null;
}

/**
 * The invoice file exactly as KSeF stores it, or null while KSeF cannot serve it yet (21165) or at
 * all (21164, 404). The download takes a slot of its limit group and is repeated once with a fresh
 * token after a 401, like every API call; rate limits, outages and lost answers are thrown, so the
 * caller can tell "not there" from "ask again later".
 */
export async function storedInvoice(ctx: KsefContext, auth: KsefAuth, ksefNumber: string): Promise<Uint8Array | null> {
  try {
    const { bytes } = await downloadInvoice(ctx, auth, ksefNumber);
    return bytes.length > 0 ? bytes : null;
  } catch (e) {
    if (isKsefError(e) && (e.kind === 'rejected' || e.kind === 'gone' || e.httpStatus === 404)) return null;
    throw e;
  }
}
