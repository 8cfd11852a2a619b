/**
 * Failures inside the extension itself: an invariant of ours that did not hold (the batch package
 * came out different on a second pass, compression failed, a signing key of a kind the code does
 * not sign with, a KOD I link from malformed input) or any exception nobody expected. The layers
 * throw them with a Polish `message` for logs and tests; the user reads the sentence here, in the
 * UI language, never the raw message, which may be a developer's note in either language.
 */
import type { Texts } from './fill';

export type InternalCode =
  | 'batch-package'
  | 'batch-source'
  | 'batch-too-large'
  | 'compression'
  | 'signing-key'
  | 'kod1-hash'
  | 'kod1-date'
  | 'unexpected';

export type InternalKey = `internal.${InternalCode}`;

/** Said after each sentence: the seller cannot fix these, only retry or report. */
const PL_TAIL = ' Spróbuj ponownie; jeśli błąd się powtarza, zgłoś go.';
const EN_TAIL = ' Try again; if it keeps happening, report it.';

const pl: Record<InternalKey, string> = {
  'internal.batch-package': `Nie udało się przygotować paczki faktur do wysłania (wewnętrzny błąd rozszerzenia).${PL_TAIL}`,
  'internal.batch-source': `Faktury paczki zmieniły się w trakcie jej przygotowania, więc paczki nie wysłano.${PL_TAIL}`,
  'internal.batch-too-large': `Paczka eksportu przekroczyła limit KSeF {max} faktur, więc jej nie wysłano.${PL_TAIL}`,
  'internal.compression': `Nie udało się skompresować paczki faktur (wewnętrzny błąd rozszerzenia).${PL_TAIL}`,
  'internal.signing-key':
    'Klucz certyfikatu KSeF jest rodzaju, którym rozszerzenie nie podpisuje logowania. Użyj certyfikatu z kluczem EC P-256 albo RSA (PKCS#1 v1.5) lub zaloguj się tokenem KSeF.',
  'internal.kod1-hash': `Nie udało się utworzyć kodu QR KOD I: skrót faktury ma niepoprawną postać.${PL_TAIL}`,
  'internal.kod1-date': `Nie udało się utworzyć kodu QR KOD I: data wystawienia „{date}” nie jest poprawną datą RRRR-MM-DD.`,
  'internal.unexpected': `Wystąpił nieoczekiwany błąd rozszerzenia.${PL_TAIL}`,
};

const en: Record<InternalKey, string> = {
  'internal.batch-package': `The invoice batch could not be prepared for sending (an internal error of the extension).${EN_TAIL}`,
  'internal.batch-source': `The batch's invoices changed while it was being prepared, so the batch was not sent.${EN_TAIL}`,
  'internal.batch-too-large': `The export batch exceeded the KSeF limit of {max} invoices, so it was not sent.${EN_TAIL}`,
  'internal.compression': `The invoice batch could not be compressed (an internal error of the extension).${EN_TAIL}`,
  'internal.signing-key':
    "The KSeF certificate's key is of a kind the extension does not sign the login with. Use a certificate with an EC P-256 or RSA (PKCS#1 v1.5) key, or log in with a KSeF token.",
  'internal.kod1-hash': `The KOD I QR code could not be made: the invoice hash is malformed.${EN_TAIL}`,
  'internal.kod1-date': 'The KOD I QR code could not be made: the issue date "{date}" is not a valid YYYY-MM-DD date.',
  'internal.unexpected': `An unexpected error occurred in the extension.${EN_TAIL}`,
};

export const INTERNAL: Texts<InternalKey> = { pl, en };

/**
 * An invariant of ours that did not hold. `message` is the Polish default for logs and tests;
 * `params` are language-neutral (a date as given), for the words above.
 */
export class InternalError extends Error {
  constructor(
    readonly internal: Exclude<InternalCode, 'unexpected'>,
    message: string,
    readonly params: Readonly<Record<string, string>> = {},
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'InternalError';
  }
}

/**
 * A failure that is not a client's, by code: an invariant of ours by its own, an error that names
 * itself by a code of ours (a refusal already in the user's words, the secret store's) not at all
 * (its message is what it says), and anything else (a bug, the runtime's own error) as unexpected.
 * The raw message stays where it was kept (a record's `message`, logs), never on the page.
 */
export function internalCoded(
  e: unknown,
): { code: InternalKey; params?: Readonly<Record<string, string>> } | undefined {
  if (e instanceof InternalError)
    return Object.keys(e.params).length
      ? { code: `internal.${e.internal}`, params: e.params }
      : { code: `internal.${e.internal}` };
  if (typeof (e as { code?: unknown } | null | undefined)?.code === 'string') return undefined;
  return { code: 'internal.unexpected' };
}
