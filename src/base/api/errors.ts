/**
 * Typed Base API errors, each with a stable `code` and a Polish message saying what to do.
 * Messages never include the token.
 */
export class BaseApiError extends Error {
  constructor(
    readonly code: string,
    message: string,
    /** Base's own error_message (English), for support. */
    readonly baseMessage?: string,
  ) {
    super(message);
    this.name = 'BaseApiError';
  }
}

/** Wait before calling again: our limiter is full or Base blocked the token (ERROR_BLOCKED_TOKEN). */
export class BaseRetryLaterError extends BaseApiError {
  constructor(
    code: 'BASE_RATE_LIMIT' | 'ERROR_BLOCKED_TOKEN',
    /** Epoch ms when the call may be retried. */
    readonly retryAt: number,
    baseMessage?: string,
  ) {
    super(
      code,
      code === 'ERROR_BLOCKED_TOKEN'
        ? `Base zablokował token API po przekroczeniu limitu 100 zapytań na minutę (limit dzielą wszystkie integracje tego konta). Ponowimy o ${new Date(retryAt).toISOString()}.`
        : `Wstrzymano zapytania do Base, aby nie przekroczyć limitu zapytań. Ponowimy o ${new Date(retryAt).toISOString()}.`,
      baseMessage,
    );
    this.name = 'BaseRetryLaterError';
  }
}

/** HTTP-level failure (5xx, non-JSON body) or no connection; reads may be retried later. */
export class BaseTransportError extends BaseApiError {
  constructor(
    code: 'BASE_HTTP' | 'BASE_NETWORK' | 'BASE_BAD_RESPONSE',
    message: string,
    readonly status?: number,
  ) {
    super(code, message);
    this.name = 'BaseTransportError';
  }
}

const KNOWN: Record<string, string> = {
  ERROR_BAD_TOKEN:
    'Base odrzucił token API. Wygeneruj nowy token w Base (Konto → Moje konto → API) i wklej go w ustawieniach rozszerzenia.',
  ERROR_USER_TOKEN:
    'Base odrzucił token API. Wygeneruj nowy token w Base (Konto → Moje konto → API) i wklej go w ustawieniach rozszerzenia.',
  ERROR_INVOICE_NOT_FOUND: 'Base nie znalazł tej faktury (mogła zostać usunięta). Odśwież listę faktur.',
  ERROR_UNKNOWN_METHOD: 'Base nie rozpoznał metody API. Zaktualizuj rozszerzenie.',
  ERROR_PARAMETERS: 'Base odrzucił parametry zapytania. Zgłoś ten błąd wraz z kodem.',
};

/** Polish explanation for a Base `error_code` (the list is not documented: docs/base.md §1.1). */
export function explainBaseError(code: string, baseMessage: string): BaseApiError {
  const known = KNOWN[code];
  return new BaseApiError(code, known ?? `Base zwrócił błąd ${code}: ${baseMessage}`, baseMessage);
}
