/** How the sync's failures are told apart, for the state, the retry and the page's message. */
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
} from '../ksef/errors';
import type { SyncCause, SyncError } from './types';

/** A package or file that does not match its hash: refused whole, fetched again. */
export class IntegrityError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'IntegrityError';
  }
}

/** 21183: the window starts past KSeF's permanent-storage mark (nothing new yet). */
export function isBeyondHwm(e: unknown): boolean {
  return e instanceof KsefRejectionError && e.hasCode(21183);
}

/** Polish text, for logs; the page shows its own words by `code`. */
export const NO_PERMISSION_PL =
  'Token KSeF nie ma uprawnienia do przeglądania faktur (InvoiceRead). W Aplikacji Podatnika KSeF wygeneruj token z uprawnieniem „Przeglądanie faktur” i zapisz go w ustawieniach rozszerzenia.';

/** Polish text, for logs; the page reads the `unexpected` cause in its own language. */
const UNEXPECTED_PL = 'Nieoczekiwany błąd synchronizacji faktur zakupowych.';

const RETRY_LATER_MS = 15 * 60_000;

export interface Failure {
  error: SyncError;
  /** Set when the sync should continue by itself at that time. */
  retryAt?: number;
  /** A limit, not an error: the sync just waits. */
  waiting: boolean;
}

export function failureOf(e: unknown, now: number): Failure {
  if (e instanceof RateLimitedError) {
    return { error: { code: 'unavailable', message: e.message }, retryAt: e.retryAt, waiting: true };
  }
  if (e instanceof UnauthorizedError) {
    if (e.httpStatus === 403 && (e.reasonCode === undefined || e.reasonCode === 'missing-permissions')) {
      return { error: { code: 'no-permission', message: NO_PERMISSION_PL }, waiting: false };
    }
    return { error: { code: 'auth', message: e.message }, waiting: false };
  }
  if (e instanceof UnavailableError || e instanceof NetworkError) {
    const at = e instanceof UnavailableError && e.retryAt ? e.retryAt : now + RETRY_LATER_MS;
    return { error: { code: 'unavailable', message: e.message }, retryAt: at, waiting: false };
  }
  if (e instanceof IntegrityError) {
    return {
      error: {
        code: 'integrity',
        message: `Paczka faktur z KSeF była niespójna (${e.message}); pobierzemy ją ponownie.`,
      },
      retryAt: now + RETRY_LATER_MS,
      waiting: false,
    };
  }
  if (e instanceof Error && 'kind' in e) {
    const cause = ksefCause(e);
    return { error: { code: 'failed', message: e.message, ...(cause ? { cause } : {}) }, waiting: false };
  }
  return { error: { code: 'failed', message: UNEXPECTED_PL, cause: { code: 'unexpected' } }, waiting: false };
}

/** The KSeF failures the sync does not sort into a code of its own, as codes with parameters; none
 * for anything else (its message is all there is). */
function ksefCause(e: Error): SyncCause | undefined {
  if (e instanceof UnknownPublicKeyError) return { code: 'ksef.unknown-public-key' };
  if (e instanceof SessionNotHeldError) return { code: 'ksef.session-not-held', params: { ref: e.referenceNumber } };
  if (e instanceof GoneError) return { code: 'ksef.gone' };
  if (e instanceof UntrustedUploadHostError) return { code: 'ksef.untrusted-host', params: { host: e.host } };
  // A refusal with KSeF's own exception: its code, description and details verbatim.
  const first = e instanceof KsefRejectionError && e.statusCode === undefined ? e.errors[0] : undefined;
  if (!first) return undefined;
  const details = first.details.length ? ` — ${first.details.join('; ')}` : '';
  return { code: 'ksef.rejected', params: { code: first.code, description: `${first.description}${details}` } };
}
