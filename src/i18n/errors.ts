/**
 * The errors slice: words for codes the lower layers emit (src/secrets key import, KSeF invoice
 * statuses, failures inside the extension from ./internal.ts). Those layers keep a Polish default
 * in `Error.message` for logs and tests; what the user reads is chosen here, in the UI language.
 * KSeF's own descriptions are never translated.
 */
import type { Lang } from '../core/lang';
import { fill, type Texts } from './fill';
import { INTERNAL, type InternalKey } from './internal';
import { SECRET_STORE_CODES, type SecretStoreCode, secretStoreText } from './secret-store';
import { STATUSES, type StatusKey } from './statuses';

export type KeyImportCode =
  | 'wrong-password'
  | 'password-required'
  | 'malformed-key'
  | 'unsupported-algorithm'
  | 'key-mismatch'
  | 'malformed-certificate'
  | 'not-offline-certificate'
  | 'certificate-expired';

/** Final invoice status codes KSeF documents (docs/ksef-protocol.md §3.4), plus any other. */
export type KsefStatusKey = '405' | '410' | '415' | '430' | '435' | '440' | '450' | '500' | '550' | 'other';

export type PassphraseCode = 'wrong-passphrase' | 'locked' | 'too-short';

/** Failures of the KSeF and Base clients, worded at the edge (src/background/error-text.ts). */
export type ClientErrorCode =
  | 'ksef.rate-limited'
  | 'ksef.forbidden'
  | 'ksef.unauthorized'
  | 'ksef.unknown-public-key'
  | 'ksef.gone'
  | 'ksef.session-not-held'
  | 'ksef.timeout'
  | 'ksef.network'
  | 'ksef.html'
  | 'ksef.unavailable'
  | 'ksef.rejected'
  | 'ksef.protocol'
  | 'ksef.untrusted-host'
  | 'ksef.rejected-http'
  | 'ksef.test-login-env'
  | 'ksef.upo-not-ready'
  | 'ksef.batch-incomplete'
  | 'ksef.batch-member-left'
  | 'base.blocked-token'
  | 'base.rate-limit'
  | 'base.no-token'
  | 'base.bad-token'
  | 'base.invoice-not-found'
  | 'base.unknown-method'
  | 'base.parameters'
  | 'base.other'
  | 'base.network'
  | 'base.http'
  | 'base.bad-response'
  | 'nbp.unreachable';

export type ErrorKey =
  | `keyImport.${KeyImportCode}`
  | `passphrase.${PassphraseCode}`
  | `ksefStatus.${KsefStatusKey}`
  | ClientErrorCode
  | InternalKey;

const pl: Record<ErrorKey, string> = {
  ...INTERNAL.pl,
  'keyImport.wrong-password':
    'Nieprawidłowe hasło do klucza prywatnego. Wpisz hasło podane w Aplikacji Podatnika przy generowaniu certyfikatu (wielkość liter ma znaczenie). Jeśli hasło jest na pewno dobre, a plik nadal się nie otwiera, wygeneruj certyfikat ponownie.',
  'keyImport.password-required':
    'Plik klucza jest zaszyfrowany (ENCRYPTED PRIVATE KEY). Podaj hasło ustalone przy generowaniu certyfikatu.',
  'keyImport.malformed-key':
    'Plik nie jest poprawnym kluczem prywatnym. Wybierz plik .key pobrany z Aplikacji Podatnika KSeF (PEM „ENCRYPTED PRIVATE KEY”) albo niezaszyfrowany klucz PKCS#8 (PEM „PRIVATE KEY” lub DER), a nie plik certyfikatu .crt/.cer.',
  'keyImport.unsupported-algorithm':
    'Ten rodzaj klucza lub szyfrowania nie jest obsługiwany. Obsługiwane są klucze EC P-256 i RSA (co najmniej 2048 bitów), zaszyfrowane PBES2 (PBKDF2 z HMAC-SHA1/SHA-256 i AES-128/AES-256-CBC) lub niezaszyfrowane PKCS#8.',
  'keyImport.key-mismatch':
    'Klucz prywatny nie pasuje do wybranego certyfikatu Offline (inny klucz publiczny). Wybierz certyfikat wygenerowany razem z tym plikiem .key albo plik .key należący do wybranego certyfikatu.',
  'keyImport.malformed-certificate':
    'Nie udało się odczytać certyfikatu KSeF (oczekiwano certyfikatu X.509 w formacie DER lub PEM). Pobierz certyfikat ponownie z KSeF.',
  'keyImport.not-offline-certificate':
    'Wybrany certyfikat nie jest certyfikatem typu Offline (brak użycia klucza „niezaprzeczalność”). KOD II można podpisywać wyłącznie certyfikatem Offline; certyfikatu uwierzytelniającego nie wolno do tego używać. Wybierz certyfikat Offline.',
  'keyImport.certificate-expired':
    'Wybrany certyfikat Offline wygasł, więc podpisane nim kody KOD II nie przejdą weryfikacji. Wygeneruj nowy certyfikat Offline w Aplikacji Podatnika KSeF i wybierz go.',
  'passphrase.wrong-passphrase':
    'Nieprawidłowe hasło chroniące klucz certyfikatu Offline. Wpisz hasło ustawione przy wczytywaniu klucza (wielkość liter ma znaczenie).',
  'passphrase.locked':
    'Klucz certyfikatu Offline jest chroniony hasłem, którego w tej sesji przeglądarki jeszcze nie podano. Wpisz je w ustawieniach (Przekazywanie dokumentów), aby podpisywać kody KOD II.',
  'passphrase.too-short': 'Hasło chroniące klucz musi mieć co najmniej {min} znaków.',
  'ksefStatus.405': 'Faktura anulowana z powodu błędu sesji. Wyślij ją ponownie.',
  'ksefStatus.410': 'Brak uprawnień do wystawienia faktury w tym kontekście (nieprawidłowy zakres uprawnień).',
  'ksefStatus.415': 'Faktury z załącznikiem nie są dozwolone (brak zgody na załączniki lub sesja interaktywna).',
  'ksefStatus.430': 'Plik faktury nie przeszedł weryfikacji (schemat FA(3), rozmiar lub skrót). Popraw fakturę.',
  'ksefStatus.435': 'KSeF nie mógł odszyfrować faktury. Wyślij ją ponownie w nowej sesji.',
  'ksefStatus.440': 'Faktura o tym numerze już jest w KSeF — przyjęto jej istniejący numer KSeF.',
  'ksefStatus.450':
    'Faktura ma błąd semantyczny (niezgodność ze schematem FA(3)). Szczegóły poniżej — popraw dane faktury.',
  'ksefStatus.500': 'Nieznany błąd KSeF podczas przetwarzania faktury. Spróbuj wysłać ponownie później.',
  'ksefStatus.550': 'KSeF anulował przetwarzanie faktury. Wyślij ją ponownie.',
  'ksefStatus.other': 'KSeF odrzucił fakturę (status {code}).',
  'ksef.rate-limited': 'Przekroczono limit zapytań KSeF ({group}). Spróbuj ponownie po {time}.',
  'ksef.forbidden': 'KSeF odmówił dostępu{code}: sprawdź uprawnienia tokena/certyfikatu w tym kontekście (NIP).',
  'ksef.unauthorized': 'KSeF nie przyjął uwierzytelnienia: sprawdź token KSeF lub certyfikat i zaloguj się ponownie.',
  'ksef.unknown-public-key':
    'KSeF nie rozpoznał klucza publicznego MF mimo jego ponownego pobrania. Spróbuj ponownie później.',
  'ksef.gone': 'Zasób KSeF wygasł (upłynął okres przechowywania). Rozpocznij operację od nowa.',
  'ksef.session-not-held': 'Sesja {ref} nie jest już otwarta w tym kliencie; faktura nie została wysłana.',
  'ksef.timeout': 'KSeF nie odpowiedział w wyznaczonym czasie. Sprawdź połączenie i spróbuj ponownie.',
  'ksef.network': 'Brak połączenia z KSeF. Sprawdź połączenie z internetem i spróbuj ponownie.',
  'ksef.html':
    'KSeF zwrócił stronę HTML zamiast odpowiedzi API (blokada lub przerwa techniczna). Spróbuj ponownie później.',
  'ksef.unavailable': 'KSeF jest chwilowo niedostępny (HTTP {status}). Spróbuj ponownie później.',
  'ksef.rejected': 'KSeF odrzucił żądanie (kod {code}): {description}',
  'ksef.protocol': 'Nieoczekiwana odpowiedź KSeF. Spróbuj ponownie; jeśli błąd się powtarza, zgłoś go.',
  'ksef.untrusted-host':
    'KSeF wskazał do wysłania paczki serwer spoza KSeF ({host}). Ze względów bezpieczeństwa faktury trafiają tylko na serwery *.ksef.mf.gov.pl, więc paczki nie wysłano i żadna faktura nie została przekazana. Spróbuj ponownie później; jeśli błąd się powtarza, zgłoś go.',
  'ksef.rejected-http': 'KSeF odrzucił żądanie (HTTP {status}).',
  'ksef.test-login-env':
    'Logowanie słowem „test” (certyfikat samopodpisany) działa tylko w środowisku testowym KSeF. Wpisz token KSeF albo wskaż certyfikat.',
  'ksef.upo-not-ready': 'UPO nie jest jeszcze dostępne do pobrania. Spróbuj ponownie za kilka minut.',
  'ksef.batch-incomplete': 'KSeF nie przyjął paczki (niekompletne przesyłanie części).',
  'ksef.batch-member-left': 'Faktura {id} wypadła z paczki w trakcie jej budowania.',
  'base.blocked-token':
    'Base zablokował token API po przekroczeniu limitu 100 zapytań na minutę (limit dzielą wszystkie integracje tego konta). Ponowimy o {time}.',
  'base.rate-limit': 'Wstrzymano zapytania do Base, aby nie przekroczyć limitu zapytań. Ponowimy o {time}.',
  'base.no-token': 'Brak tokenu API Base. Wklej token w ustawieniach rozszerzenia.',
  'base.bad-token':
    'Base odrzucił token API. Wygeneruj nowy token w Base (Konto → Moje konto → API) i wklej go w ustawieniach rozszerzenia.',
  'base.invoice-not-found': 'Base nie znalazł tej faktury (mogła zostać usunięta). Odśwież listę faktur.',
  'base.unknown-method': 'Base nie rozpoznał metody API. Zaktualizuj rozszerzenie.',
  'base.parameters': 'Base odrzucił parametry zapytania. Zgłoś ten błąd wraz z kodem.',
  'base.other': 'Base zwrócił błąd {code}: {message}',
  'base.network': 'Brak połączenia z API Base. Sprawdź połączenie z internetem; spróbujemy ponownie.',
  'base.http': 'API Base odpowiedziało błędem HTTP {status}. Spróbujemy ponownie za chwilę.',
  'base.bad-response': 'API Base zwróciło nieoczekiwaną odpowiedź. Spróbujemy ponownie za chwilę.',
  'nbp.unreachable': 'Nie udało się pobrać kursu {currency} z API NBP.',
};

const en: Record<ErrorKey, string> = {
  ...INTERNAL.en,
  'keyImport.wrong-password':
    'Wrong password for the private key. Enter the password given in the taxpayer application when the certificate was generated (letter case matters). If the password is certainly right and the file still does not open, generate the certificate again.',
  'keyImport.password-required':
    'The key file is encrypted (ENCRYPTED PRIVATE KEY). Enter the password set when the certificate was generated.',
  'keyImport.malformed-key':
    'The file is not a valid private key. Choose the .key file downloaded from the KSeF taxpayer application (PEM "ENCRYPTED PRIVATE KEY") or an unencrypted PKCS#8 key (PEM "PRIVATE KEY" or DER), not a .crt/.cer certificate file.',
  'keyImport.unsupported-algorithm':
    'This kind of key or encryption is not supported. Supported: EC P-256 and RSA (at least 2048 bits) keys, encrypted with PBES2 (PBKDF2 with HMAC-SHA1/SHA-256 and AES-128/AES-256-CBC) or unencrypted PKCS#8.',
  'keyImport.key-mismatch':
    'The private key does not match the chosen Offline certificate (a different public key). Choose the certificate generated together with this .key file, or the .key file of the chosen certificate.',
  'keyImport.malformed-certificate':
    'The KSeF certificate could not be read (an X.509 certificate in DER or PEM was expected). Download the certificate from KSeF again.',
  'keyImport.not-offline-certificate':
    'The chosen certificate is not an Offline certificate (no "non-repudiation" key usage). KOD II may be signed only with an Offline certificate, never with an authentication certificate. Choose an Offline certificate.',
  'keyImport.certificate-expired':
    'The chosen Offline certificate has expired, so KOD II codes signed with it fail verification. Generate a new Offline certificate in the KSeF taxpayer application and choose it.',
  'passphrase.wrong-passphrase':
    'Wrong password protecting the Offline certificate key. Enter the password set when the key was loaded (letter case matters).',
  'passphrase.locked':
    'The Offline certificate key is protected by a password not yet entered in this browser session. Enter it in the settings (Document transfer) to sign KOD II codes.',
  'passphrase.too-short': 'The password protecting the key must have at least {min} characters.',
  'ksefStatus.405': 'The invoice was cancelled because of a session error. Send it again.',
  'ksefStatus.410': 'No permission to issue the invoice in this context (wrong scope of permissions).',
  'ksefStatus.415': 'Invoices with attachments are not allowed (no consent to attachments, or an interactive session).',
  'ksefStatus.430': 'The invoice file failed verification (FA(3) schema, size or hash). Fix the invoice.',
  'ksefStatus.435': 'KSeF could not decrypt the invoice. Send it again in a new session.',
  'ksefStatus.440': 'An invoice with this number is already in KSeF; its existing KSeF number was adopted.',
  'ksefStatus.450':
    'The invoice has a semantic error (does not match the FA(3) schema). Details below: fix the invoice data.',
  'ksefStatus.500': 'Unknown KSeF error while processing the invoice. Try sending it again later.',
  'ksefStatus.550': 'KSeF cancelled processing of the invoice. Send it again.',
  'ksefStatus.other': 'KSeF rejected the invoice (status {code}).',
  'ksef.rate-limited': 'KSeF request limit exceeded ({group}). Try again after {time}.',
  'ksef.forbidden': 'KSeF refused access{code}: check the permissions of the token/certificate in this context (NIP).',
  'ksef.unauthorized': 'KSeF did not accept the authentication: check the KSeF token or certificate and log in again.',
  'ksef.unknown-public-key':
    "KSeF did not recognise the Ministry's public key even after fetching it again. Try again later.",
  'ksef.gone': 'The KSeF resource has expired (its retention period passed). Start the operation again.',
  'ksef.session-not-held': 'Session {ref} is no longer open in this client; the invoice was not sent.',
  'ksef.timeout': 'KSeF did not answer in time. Check the connection and try again.',
  'ksef.network': 'No connection to KSeF. Check the internet connection and try again.',
  'ksef.html': 'KSeF returned an HTML page instead of an API answer (a block or maintenance). Try again later.',
  'ksef.unavailable': 'KSeF is temporarily unavailable (HTTP {status}). Try again later.',
  'ksef.rejected': 'KSeF refused the request (code {code}): {description}',
  'ksef.protocol': 'Unexpected answer from KSeF. Try again; if it keeps happening, report it.',
  'ksef.untrusted-host':
    'KSeF pointed the batch upload at a server outside KSeF ({host}). For safety invoices go only to *.ksef.mf.gov.pl servers, so the batch was not sent and no invoice was transmitted. Try again later; if it keeps happening, report it.',
  'ksef.rejected-http': 'KSeF refused the request (HTTP {status}).',
  'ksef.test-login-env':
    'Logging in with the word "test" (a self-signed certificate) works only in the KSeF test environment. Enter a KSeF token or choose a certificate.',
  'ksef.upo-not-ready': 'The UPO cannot be downloaded yet. Try again in a few minutes.',
  'ksef.batch-incomplete': 'KSeF did not accept the batch (its parts were not all uploaded).',
  'ksef.batch-member-left': 'Invoice {id} left the batch while the batch was being built.',
  'base.blocked-token':
    "Base blocked the API token after the limit of 100 requests per minute was exceeded (the limit is shared by all of the account's integrations). Retrying at {time}.",
  'base.rate-limit': 'Requests to Base are paused so as not to exceed the request limit. Retrying at {time}.',
  'base.no-token': 'No Base API token. Paste the token in the extension settings.',
  'base.bad-token':
    'Base refused the API token. Generate a new token in Base (Account → My account → API) and paste it in the extension settings.',
  'base.invoice-not-found': 'Base did not find this invoice (it may have been deleted). Refresh the invoice list.',
  'base.unknown-method': 'Base did not recognise the API method. Update the extension.',
  'base.parameters': 'Base refused the request parameters. Report this error with its code.',
  'base.other': 'Base returned error {code}: {message}',
  'base.network': 'No connection to the Base API. Check the internet connection; we will try again.',
  'base.http': 'The Base API answered with HTTP error {status}. We will try again shortly.',
  'base.bad-response': 'The Base API returned an unexpected answer. We will try again shortly.',
  'nbp.unreachable': 'The {currency} rate could not be fetched from the NBP API.',
};

export const ERRORS: Texts<ErrorKey> = { pl, en };

const KNOWN_STATUS = new Set<string>(['405', '410', '415', '430', '435', '440', '450', '500', '550']);

/** The short explanation of a final KSeF invoice status code, in `lang`. */
export function ksefStatusText(code: number, lang: Lang): string {
  const key = KNOWN_STATUS.has(String(code)) ? (String(code) as KsefStatusKey) : 'other';
  return fill(ERRORS[lang][`ksefStatus.${key}`], { code });
}

/** A key-import failure in `lang`, with its language-neutral detail (a serial, a date) if any. */
export function keyImportText(code: KeyImportCode, lang: Lang, detail?: string): string {
  const text = ERRORS[lang][`keyImport.${code}`];
  return detail ? `${text} (${detail})` : text;
}

/** Does KSeF document this final status code (so it has its own explanation)? */
export function isDocumentedStatus(code: number): boolean {
  return KNOWN_STATUS.has(String(code));
}

/** A passphrase failure in `lang`. */
export function passphraseText(code: PassphraseCode, lang: Lang, min: number): string {
  return fill(ERRORS[lang][`passphrase.${code}`], { min });
}

/** A client failure (src/ksef, src/base/api) in `lang`. */
export function clientErrorText(
  code: ClientErrorCode,
  lang: Lang,
  params?: Readonly<Record<string, string | number>>,
): string {
  return fill(ERRORS[lang][code], params ?? {});
}

/**
 * Words a record or a job keeps by code instead of by text: a client failure, the explanation
 * of a KSeF status (an invoice's, an authentication's, a batch session's), or a failure inside
 * the extension (./internal.ts).
 */
export type ErrorTextCode =
  | ClientErrorCode
  | `ksefStatus.${KsefStatusKey}`
  | StatusKey
  | InternalKey
  | `secrets.${SecretStoreCode}`;

/** The secret store's refusals (src/secrets/store.ts), by their own words (secret-store.ts). */
function secretStoreCode(code: string): SecretStoreCode | undefined {
  const c = code.startsWith('secrets.') ? code.slice('secrets.'.length) : '';
  return (SECRET_STORE_CODES as readonly string[]).includes(c) ? (c as SecretStoreCode) : undefined;
}

/** A failure named by code and language-neutral parameters (KSeF's own descriptions verbatim). */
export interface CodedText {
  code: ErrorTextCode;
  params?: Readonly<Record<string, string>>;
}

export function isErrorTextCode(x: unknown): x is ErrorTextCode {
  if (typeof x !== 'string') return false;
  if (secretStoreCode(x)) return true;
  return (x in ERRORS.pl || x in STATUSES.pl) && !/^(keyImport|passphrase)\./.test(x);
}

/**
 * Codes whose Polish words are the client's own message, which names what exactly was wrong
 * (no JSON, no PDF, which field of KSeF's answer), in Polish only; other languages get the gist.
 */
const OWN_POLISH: ReadonlySet<ErrorTextCode> = new Set(['base.bad-response', 'ksef.protocol']);

/** A coded failure in `lang`; `polish` is the client's own message, kept for the codes above. */
export function codedText(t: CodedText, lang: Lang, polish?: string): string {
  if (lang === 'pl' && polish !== undefined && OWN_POLISH.has(t.code)) return polish;
  const secret = secretStoreCode(t.code);
  if (secret) return secretStoreText(secret, lang, t.params);
  const table: Readonly<Record<string, string>> = t.code in ERRORS.pl ? ERRORS[lang] : STATUSES[lang];
  return fill(table[t.code] ?? t.code, t.params ?? {});
}
