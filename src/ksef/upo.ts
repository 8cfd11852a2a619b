/**
 * UPO download per invoice (docs/ksef-protocol.md §3.5): the authenticated endpoint first; the
 * pre-signed `upoDownloadUrl` only as a fallback and only when its host is the environment's own
 * API host (§1.1: KSeF returns URLs on the called host — anything else is not trusted with a
 * request). An HTML answer (WAF challenge page, CIRFMF/ksef-api#264) means "try later".
 */
import { clientErrorText } from '../i18n/errors';
import type { KsefAuth } from './auth';
import type { KsefContext } from './context';
import { sha256Base64, utf8 } from './encoding';
import { apiHost } from './env';
import { isKsefError, type KsefError, NetworkError, ProtocolError, RateLimitedError, UnavailableError } from './errors';
import type { RouteTarget } from './routes';

export type UpoResult =
  | {
      state: 'ok';
      xml: string;
      /** `x-ms-meta-hash` when KSeF sent it and it matched. */
      hash: string | undefined;
      source: 'api' | 'presigned';
    }
  | {
      state: 'try-later';
      reason: 'html' | 'unavailable' | 'rate-limited' | 'not-ready';
      retryAt: number | undefined;
      /** Polish, for logs: pages word `cause` (or "not available yet") in their language. */
      explanation: string;
      /** The client error behind a limit, for its words at the edge. */
      cause?: KsefError;
    };

const TRY_LATER_PL = clientErrorText('ksef.upo-not-ready', 'pl');

function looksLikeHtml(text: string, contentType: string | null): boolean {
  return (contentType ?? '').includes('text/html') || /^\s*<(!doctype\s+html|html)/i.test(text);
}

async function checkHash(xml: string, header: string | null): Promise<string | undefined> {
  if (!header) return undefined;
  const actual = await sha256Base64(utf8(xml));
  if (actual !== header) throw new ProtocolError('skrót UPO nie zgadza się z nagłówkiem x-ms-meta-hash');
  return actual;
}

function tryLaterFrom(e: KsefError): UpoResult | undefined {
  if (e instanceof RateLimitedError) {
    return { state: 'try-later', reason: 'rate-limited', retryAt: e.retryAt, explanation: e.message, cause: e };
  }
  if (e instanceof UnavailableError) {
    return {
      state: 'try-later',
      reason: e.html ? 'html' : 'unavailable',
      retryAt: e.retryAt,
      explanation: TRY_LATER_PL,
    };
  }
  if (e instanceof NetworkError) {
    return { state: 'try-later', reason: 'unavailable', retryAt: undefined, explanation: TRY_LATER_PL };
  }
  return undefined;
}

export function downloadInvoiceUpo(
  ctx: KsefContext,
  auth: KsefAuth,
  sessionReferenceNumber: string,
  invoiceReferenceNumber: string,
  upoDownloadUrl?: string,
): Promise<UpoResult> {
  return downloadUpoFrom(
    ctx,
    auth,
    { route: 'sessionInvoiceUpo', params: { referenceNumber: sessionReferenceNumber, invoiceReferenceNumber } },
    upoDownloadUrl,
  );
}

/**
 * The UPO of an invoice known by its KSeF number in a session (a 440 duplicate's original, whose
 * invoice reference the extension never had): GET /sessions/{ref}/invoices/ksef/{ksefNumber}/upo.
 */
export function downloadInvoiceUpoByKsefNumber(
  ctx: KsefContext,
  auth: KsefAuth,
  sessionReferenceNumber: string,
  ksefNumber: string,
): Promise<UpoResult> {
  return downloadUpoFrom(ctx, auth, {
    route: 'sessionInvoiceUpoByKsefNumber',
    params: { referenceNumber: sessionReferenceNumber, ksefNumber },
  });
}

async function downloadUpoFrom(
  ctx: KsefContext,
  auth: KsefAuth,
  target: Extract<RouteTarget, { route: 'sessionInvoiceUpo' | 'sessionInvoiceUpoByKsefNumber' }>,
  upoDownloadUrl?: string,
): Promise<UpoResult> {
  let apiFailure: UpoResult | undefined;
  try {
    const res = await auth.withAccess((bearer) =>
      ctx.http.request<string>({
        ...target,
        bearer,
        headers: { Accept: 'application/xml' },
        expect: [200],
        read: 'text',
      }),
    );
    if (!looksLikeHtml(res.data, res.headers.get('content-type'))) {
      return {
        state: 'ok',
        xml: res.data,
        hash: await checkHash(res.data, res.headers.get('x-ms-meta-hash')),
        source: 'api',
      };
    }
    apiFailure = { state: 'try-later', reason: 'html', retryAt: undefined, explanation: TRY_LATER_PL };
  } catch (e) {
    if (!isKsefError(e)) throw e;
    // 400 (e.g. UPO not generated yet) is "not ready"; unauthorised/gone are real errors.
    if (e.kind === 'rejected')
      apiFailure = { state: 'try-later', reason: 'not-ready', retryAt: undefined, explanation: TRY_LATER_PL };
    else {
      apiFailure = tryLaterFrom(e);
      if (!apiFailure) throw e;
    }
  }
  if (upoDownloadUrl && isOwnHost(ctx, upoDownloadUrl)) {
    try {
      // Pre-signed: plain GET, no Authorization header, not rate-limited (§3.5).
      const res = await ctx.http.send(upoDownloadUrl, { method: 'GET' }, { method: 'GET' });
      const text = res.text();
      if (res.ok && !looksLikeHtml(text, res.headers.get('content-type'))) {
        return {
          state: 'ok',
          xml: text,
          hash: await checkHash(text, res.headers.get('x-ms-meta-hash')),
          source: 'presigned',
        };
      }
      if (looksLikeHtml(text, res.headers.get('content-type')))
        return { state: 'try-later', reason: 'html', retryAt: undefined, explanation: TRY_LATER_PL };
    } catch {
      // Fall back to the API failure below.
    }
  }
  return apiFailure;
}

/** Only URLs on the environment's own API host are fetched (§1.1). */
export function isOwnHost(ctx: KsefContext, url: string): boolean {
  try {
    const u = new URL(url);
    return (
      u.host === apiHost(ctx.env) && (u.protocol === 'https:' || new URL(ctx.env.apiBaseUrl).protocol === u.protocol)
    );
  } catch {
    return false;
  }
}
