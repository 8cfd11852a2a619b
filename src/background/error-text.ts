/**
 * A KSeF or Base client failure in the UI language. The clients (src/ksef/errors.ts,
 * src/base/api/errors.ts) keep a Polish `message` for logs and tests and carry their parameters in
 * fields; the words are chosen here, at the edge. KSeF's and Base's own descriptions are shown as
 * they came. Anything else keeps its message.
 */
import { BaseApiError, BaseRetryLaterError, BaseTransportError } from '../base/api';
import type { Lang } from '../core/lang';
import { warsawDayMonthClock } from '../core/warsaw';
import { type ClientErrorCode, clientErrorText } from '../i18n/errors';
import {
  GoneError,
  KsefRejectionError,
  NetworkError,
  RateLimitedError,
  SessionNotHeldError,
  UnauthorizedError,
  UnavailableError,
  UnknownPublicKeyError,
  UntrustedUploadHostError,
} from '../ksef';

/** Base codes with their own text (src/base/api/errors.ts). */
const BASE_CODES: Readonly<Record<string, ClientErrorCode>> = {
  BASE_NO_TOKEN: 'base.no-token',
  ERROR_BAD_TOKEN: 'base.bad-token',
  ERROR_USER_TOKEN: 'base.bad-token',
  ERROR_INVOICE_NOT_FOUND: 'base.invoice-not-found',
  ERROR_UNKNOWN_METHOD: 'base.unknown-method',
  ERROR_PARAMETERS: 'base.parameters',
  BASE_NETWORK: 'base.network',
};

function ksefText(e: unknown, lang: Lang): string | undefined {
  const t = (code: ClientErrorCode, params?: Record<string, string | number>) => clientErrorText(code, lang, params);
  if (e instanceof RateLimitedError)
    return t('ksef.rate-limited', { group: e.group, time: warsawDayMonthClock(e.retryAt) });
  if (e instanceof UnauthorizedError)
    return e.httpStatus === 403
      ? t('ksef.forbidden', { code: e.reasonCode ? ` (${e.reasonCode})` : '' })
      : t('ksef.unauthorized');
  if (e instanceof UnknownPublicKeyError) return t('ksef.unknown-public-key');
  if (e instanceof GoneError) return t('ksef.gone');
  if (e instanceof SessionNotHeldError) return t('ksef.session-not-held', { ref: e.referenceNumber });
  if (e instanceof NetworkError) return t(e.timedOut ? 'ksef.timeout' : 'ksef.network');
  if (e instanceof UnavailableError)
    return e.html ? t('ksef.html') : t('ksef.unavailable', { status: e.httpStatus ?? '' });
  if (e instanceof UntrustedUploadHostError) return t('ksef.untrusted-host', { host: e.host });
  // A refusal with KSeF's own exception (no asynchronous status): its description verbatim.
  const first = e instanceof KsefRejectionError && e.statusCode === undefined ? e.errors[0] : undefined;
  if (first) return t('ksef.rejected', { code: first.code, description: first.description });
  return undefined;
}

function baseText(e: unknown, lang: Lang): string | undefined {
  if (e instanceof BaseRetryLaterError)
    return clientErrorText(e.code === 'ERROR_BLOCKED_TOKEN' ? 'base.blocked-token' : 'base.rate-limit', lang, {
      time: warsawDayMonthClock(e.retryAt),
    });
  if (e instanceof BaseTransportError) {
    if (e.code === 'BASE_HTTP') return clientErrorText('base.http', lang, { status: e.status ?? '' });
    if (e.code === 'BASE_NETWORK') return clientErrorText('base.network', lang);
    // The client's Polish message names what was wrong (no JSON, no PDF); English gets the gist.
    return lang === 'pl' ? e.message : clientErrorText('base.bad-response', lang);
  }
  if (!(e instanceof BaseApiError)) return undefined;
  const known = BASE_CODES[e.code];
  if (known) return clientErrorText(known, lang);
  // An undocumented Base code: Base's own message verbatim; our own codes keep their message.
  return e.baseMessage !== undefined
    ? clientErrorText('base.other', lang, { code: e.code, message: e.baseMessage })
    : undefined;
}

export function errorText(e: unknown, lang: Lang): string {
  return ksefText(e, lang) ?? baseText(e, lang) ?? (e instanceof Error ? e.message : String(e));
}
