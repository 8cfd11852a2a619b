/** How the sync's failures are told apart, for the state, the retry and the page's message. */
import {
  KsefRejectionError,
  NetworkError,
  RateLimitedError,
  UnauthorizedError,
  UnavailableError,
} from '../ksef/errors';
import type { SyncError } from './types';

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

/** Polish text; the page shows its own translation by `code`. */
export const NO_PERMISSION_PL =
  'Token KSeF nie ma uprawnienia do przeglądania faktur (InvoiceRead). W Aplikacji Podatnika KSeF wygeneruj token z uprawnieniem „Przeglądanie faktur” i zapisz go w ustawieniach rozszerzenia.';

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
  if (e instanceof Error && 'kind' in e) return { error: { code: 'failed', message: e.message }, waiting: false };
  return { error: { code: 'failed', message: 'Nieoczekiwany błąd synchronizacji faktur zakupowych.' }, waiting: false };
}
