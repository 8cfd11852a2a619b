/**
 * Typed errors of the KSeF client. Callers switch on `kind` (or `instanceof`), never on message
 * text. `message` is a short Polish sentence for the user (project rule: user-facing text in
 * Polish, saying what to do); KSeF's own codes and details are kept verbatim in fields.
 */

export type KsefErrorKind =
  | 'rate-limited'
  | 'unauthorized'
  | 'unknown-public-key'
  | 'gone'
  | 'network'
  | 'unavailable'
  | 'rejected'
  | 'protocol';

/** One entry of KSeF's legacy `exceptionDetailList` or Problem Details `errors` (docs/ksef-protocol.md §8.2). */
export interface KsefExceptionDetail {
  code: number;
  description: string;
  details: string[];
}

export abstract class KsefError extends Error {
  abstract readonly kind: KsefErrorKind;
  /** HTTP status, when the error came from an HTTP answer. */
  readonly httpStatus: number | undefined;
  constructor(message: string, httpStatus?: number, options?: { cause?: unknown }) {
    super(message, options);
    this.httpStatus = httpStatus;
    this.name = new.target.name;
  }
}

/**
 * Too many requests: either KSeF answered 429 (`source: 'server'`, Retry-After honoured) or the
 * client-side limiter refused to send (`source: 'client'`). Never slept through inside the client
 * (a service-worker event must not wait minutes): the caller schedules a retry at `retryAt`.
 */
export class RateLimitedError extends KsefError {
  readonly kind = 'rate-limited' as const;
  constructor(
    readonly retryAt: number,
    readonly group: string,
    readonly source: 'server' | 'client',
    readonly details: string[] = [],
  ) {
    super(
      `Przekroczono limit zapytań KSeF (${group}). Spróbuj ponownie po ${new Date(retryAt).toISOString()}.`,
      source === 'server' ? 429 : undefined,
    );
  }
}

/** 401/403, or a token that KSeF no longer accepts (docs/ksef-protocol.md §8.2). */
export class UnauthorizedError extends KsefError {
  readonly kind = 'unauthorized' as const;
  constructor(
    httpStatus: number,
    readonly reasonCode: string | undefined,
    readonly detail: string | undefined,
  ) {
    super(
      httpStatus === 403
        ? `KSeF odmówił dostępu${reasonCode ? ` (${reasonCode})` : ''}: sprawdź uprawnienia tokena/certyfikatu w tym kontekście (NIP).`
        : 'KSeF nie przyjął uwierzytelnienia: sprawdź token KSeF lub certyfikat i zaloguj się ponownie.',
      httpStatus,
    );
  }
}

/** 400 with code 21470 that persisted after refetching the MF keys once (docs/ksef-protocol.md §2.8). */
export class UnknownPublicKeyError extends KsefError {
  readonly kind = 'unknown-public-key' as const;
  constructor(readonly publicKeyId: string | undefined) {
    super('KSeF nie rozpoznał klucza publicznego MF mimo jego ponownego pobrania. Spróbuj ponownie później.', 400);
  }
}

/** 410 Gone: the resource passed its retention period (docs/ksef-protocol.md §8.2). */
export class GoneError extends KsefError {
  readonly kind = 'gone' as const;
  constructor(readonly path: string) {
    super('Zasób KSeF wygasł (upłynął okres przechowywania). Rozpocznij operację od nowa.', 410);
  }
}

/**
 * An invoice POST was asked for a session this client does not hold (closed, expired or
 * forgotten, so its AES key is gone): nothing was sent. Open or pick another session.
 */
export class SessionNotHeldError extends KsefError {
  readonly kind = 'gone' as const;
  constructor(readonly referenceNumber: string) {
    super(`Sesja ${referenceNumber} nie jest już otwarta w tym kliencie; faktura nie została wysłana.`);
  }
}

/**
 * The request never got a usable answer: connection refused, reset, timeout. `outcomeUnknown` is
 * true when the request may have reached KSeF (it was sent, then the answer was lost).
 */
export class NetworkError extends KsefError {
  readonly kind = 'network' as const;
  constructor(
    readonly outcomeUnknown: boolean,
    readonly timedOut: boolean,
    cause?: unknown,
  ) {
    super(
      timedOut
        ? 'KSeF nie odpowiedział w wyznaczonym czasie. Sprawdź połączenie i spróbuj ponownie.'
        : 'Brak połączenia z KSeF. Sprawdź połączenie z internetem i spróbuj ponownie.',
      undefined,
      { cause },
    );
  }
}

/** 5xx or an HTML page (WAF/maintenance, docs/ksef-protocol.md §8.1, §11 item 11): try later. */
export class UnavailableError extends KsefError {
  readonly kind = 'unavailable' as const;
  constructor(
    httpStatus: number,
    readonly html: boolean,
    /** Earliest sensible retry (ms), when KSeF said so. */
    readonly retryAt: number | undefined,
  ) {
    super(
      html
        ? 'KSeF zwrócił stronę HTML zamiast odpowiedzi API (blokada lub przerwa techniczna). Spróbuj ponownie później.'
        : `KSeF jest chwilowo niedostępny (HTTP ${httpStatus}). Spróbuj ponownie później.`,
      httpStatus,
    );
  }
}

/**
 * KSeF rejected the request (HTTP 400 with exception codes) or a KSeF operation ended with an
 * error status (authentication 4xx/5xx). Codes and details are verbatim from KSeF.
 */
export class KsefRejectionError extends KsefError {
  readonly kind = 'rejected' as const;
  constructor(
    message: string,
    httpStatus: number | undefined,
    readonly errors: KsefExceptionDetail[],
    /** Status code of an asynchronous operation (e.g. authentication status 450), if that is the source. */
    readonly statusCode?: number,
  ) {
    super(message, httpStatus);
  }
  get codes(): number[] {
    return this.errors.map((e) => e.code);
  }
  hasCode(code: number): boolean {
    return this.errors.some((e) => e.code === code);
  }
}

/**
 * Logging in with the word "test" (a self-signed certificate, docs/ksef-protocol.md §1.2) was
 * asked for outside KSeF's test environment: refused before anything was sent.
 */
export class TestLoginOutsideTestError extends KsefRejectionError {
  constructor() {
    super(
      'Logowanie słowem „test” (certyfikat samopodpisany) działa tylko w środowisku testowym KSeF. Wpisz token KSeF albo wskaż certyfikat.',
      undefined,
      [],
    );
  }
}

/** KSeF answered with something the client cannot interpret (bad JSON, missing field). */
export class ProtocolError extends KsefError {
  readonly kind = 'protocol' as const;
  constructor(what: string, httpStatus?: number) {
    super(`Nieoczekiwana odpowiedź KSeF (${what}). Spróbuj ponownie; jeśli błąd się powtarza, zgłoś go.`, httpStatus);
  }
}

/**
 * A batch session handed out part upload URLs outside KSeF's hosts: nothing was uploaded, and the
 * opened session expires unused (it is never closed), so no invoice is registered.
 */
export class UntrustedUploadHostError extends KsefError {
  readonly kind = 'protocol' as const;
  constructor(readonly host: string) {
    super(
      `KSeF wskazał do wysłania paczki serwer spoza KSeF (${host}). Ze względów bezpieczeństwa faktury trafiają tylko na serwery *.ksef.mf.gov.pl, więc paczki nie wysłano i żadna faktura nie została przekazana. Spróbuj ponownie później; jeśli błąd się powtarza, zgłoś go.`,
    );
  }
}

export function isKsefError(e: unknown): e is KsefError {
  return e instanceof KsefError;
}
