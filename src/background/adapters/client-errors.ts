/**
 * The one table from the KSeF and Base clients' errors (src/ksef/errors.ts, src/base/api/errors.ts)
 * to a code with language-neutral parameters (src/i18n/errors.ts `CodedText`). The clients keep a
 * Polish `message` for logs; the adapters attach this code to the `PortError`s they make, records
 * store it, and the worker and the pages word it in the UI language (error-text.ts,
 * src/pipeline/view.ts). KSeF's and Base's own descriptions travel verbatim as parameters.
 * Anything else (errors of our own making) has no code and keeps its message.
 */
import { BaseApiError, BaseRetryLaterError, BaseTransportError } from '../../base/api';
import { warsawDayMonthClock } from '../../core/warsaw';
import type { ClientErrorCode, CodedText } from '../../i18n/errors';
import { authStatusKey } from '../../i18n/statuses';
import {
  GoneError,
  KsefRejectionError,
  NetworkError,
  ProtocolError,
  RateLimitedError,
  SessionNotHeldError,
  TestLoginOutsideTestError,
  UnauthorizedError,
  UnavailableError,
  UnknownPublicKeyError,
  UntrustedUploadHostError,
} from '../../ksef';
import { SecretStoreError } from '../../secrets/store';

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

const coded = (code: CodedText['code'], params?: Record<string, string>): CodedText =>
  params ? { code, params } : { code };

function rejectionCode(e: KsefRejectionError): CodedText {
  if (e instanceof TestLoginOutsideTestError) return coded('ksef.test-login-env');
  // A failed authentication names its final status; pages explain it (src/i18n/statuses.ts).
  if (e.statusCode !== undefined) return coded(authStatusKey(e.statusCode), { code: String(e.statusCode) });
  // A refusal with KSeF's own exception: its description verbatim.
  const first = e.errors[0];
  if (first) return coded('ksef.rejected', { code: String(first.code), description: first.description });
  return coded('ksef.rejected-http', { status: String(e.httpStatus ?? '') });
}

function ksefCode(e: unknown): CodedText | undefined {
  if (e instanceof RateLimitedError)
    return coded('ksef.rate-limited', { group: e.group, time: warsawDayMonthClock(e.retryAt) });
  if (e instanceof UnauthorizedError)
    return e.httpStatus === 403
      ? coded('ksef.forbidden', { code: e.reasonCode ? ` (${e.reasonCode})` : '' })
      : coded('ksef.unauthorized');
  if (e instanceof UnknownPublicKeyError) return coded('ksef.unknown-public-key');
  if (e instanceof SessionNotHeldError) return coded('ksef.session-not-held', { ref: e.referenceNumber });
  if (e instanceof GoneError) return coded('ksef.gone');
  if (e instanceof NetworkError) return coded(e.timedOut ? 'ksef.timeout' : 'ksef.network');
  if (e instanceof UnavailableError)
    return e.html ? coded('ksef.html') : coded('ksef.unavailable', { status: String(e.httpStatus ?? '') });
  if (e instanceof UntrustedUploadHostError) return coded('ksef.untrusted-host', { host: e.host });
  // What was unexpected is named in Polish only: it stays in the message (codedText's `polish`).
  if (e instanceof ProtocolError) return coded('ksef.protocol');
  if (e instanceof KsefRejectionError) return rejectionCode(e);
  return undefined;
}

function baseCode(e: unknown): CodedText | undefined {
  if (e instanceof BaseRetryLaterError)
    return coded(e.code === 'ERROR_BLOCKED_TOKEN' ? 'base.blocked-token' : 'base.rate-limit', {
      time: warsawDayMonthClock(e.retryAt),
    });
  if (e instanceof BaseTransportError) {
    if (e.code === 'BASE_HTTP') return coded('base.http', { status: String(e.status ?? '') });
    if (e.code === 'BASE_NETWORK') return coded('base.network');
    return coded('base.bad-response');
  }
  if (!(e instanceof BaseApiError)) return undefined;
  const known = BASE_CODES[e.code];
  if (known) return coded(known);
  // An undocumented Base code: Base's own message verbatim; our own codes keep their message.
  return e.baseMessage !== undefined ? coded('base.other', { code: e.code, message: e.baseMessage }) : undefined;
}

/** The secret store refused (a token that no longer decrypts in this profile, no Offline key). */
function secretCode(e: unknown): CodedText | undefined {
  if (!(e instanceof SecretStoreError)) return undefined;
  const params = Object.fromEntries(Object.entries(e.params ?? {}).map(([k, v]) => [k, String(v)]));
  return coded(`secrets.${e.code}`, params);
}

/** The code of a KSeF or Base client error (or of the secrets they need), or undefined for anything else. */
export function clientErrorCode(e: unknown): CodedText | undefined {
  return ksefCode(e) ?? baseCode(e) ?? secretCode(e);
}
