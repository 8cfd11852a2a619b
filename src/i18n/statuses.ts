/**
 * The statuses slice: explanations of the final statuses of KSeF operations other than one
 * invoice (those are `ksefStatus.*` in errors.ts): an authentication (docs/ksef-protocol.md §2.4)
 * and a batch session as a whole (§4 step 7). src/ksef keeps the Polish ones in its errors for
 * logs; records and pages name the status code and take the words from here.
 */
import type { Lang } from '../core/lang';
import { fill, type Texts } from './fill';

/** Final authentication statuses KSeF documents, plus any other. */
export type AuthStatusKey = '415' | '425' | '450' | '460' | '470' | '480' | '500' | '550' | 'other';

/** Final statuses of a batch session that failed as a whole. */
export type BatchStatusKey = '405' | '415' | '420' | '430' | '435' | '440' | '445' | '500';

export type StatusKey = `authStatus.${AuthStatusKey}` | `batchStatus.${BatchStatusKey}`;

const pl: Record<StatusKey, string> = {
  'authStatus.415':
    'Brak uprawnień do tego kontekstu (NIP). Nadaj uprawnienia w KSeF albo użyj innego tokena/certyfikatu.',
  'authStatus.425': 'Uwierzytelnienie zostało unieważnione. Zaloguj się ponownie.',
  'authStatus.450':
    'Token KSeF jest nieprawidłowy, nieaktywny lub unieważniony. Wygeneruj nowy token KSeF 2.0 i wpisz go w ustawieniach.',
  'authStatus.460': 'Certyfikat został odrzucony (nieważny, odwołany lub niezaufany). Użyj ważnego certyfikatu.',
  'authStatus.470': 'Uwierzytelnienie odrzucone: osoba z certyfikatu/tokena jest oznaczona jako zmarła.',
  'authStatus.480':
    'Uwierzytelnianie w tym kontekście jest zablokowane przez KSeF (incydent bezpieczeństwa). Skontaktuj się z KSeF.',
  'authStatus.500': 'Nieznany błąd uwierzytelniania po stronie KSeF. Spróbuj ponownie później.',
  'authStatus.550': 'KSeF anulował uwierzytelnianie. Spróbuj ponownie.',
  'authStatus.other': 'Uwierzytelnianie nie powiodło się (status {code}).',
  'batchStatus.405': 'Błąd weryfikacji paczki. Przygotuj i wyślij paczkę ponownie.',
  'batchStatus.415': 'KSeF nie mógł odszyfrować klucza sesji. Wyślij paczkę ponownie.',
  'batchStatus.420': 'Przekroczono limit faktur w sesji. Podziel paczkę na mniejsze.',
  'batchStatus.430': 'KSeF nie mógł rozpakować archiwum. Wyślij paczkę ponownie.',
  'batchStatus.435': 'KSeF nie mógł odszyfrować części paczki. Wyślij paczkę ponownie.',
  'batchStatus.440': 'Sesja anulowana (brak faktur lub nie wszystkie części wysłano na czas).',
  'batchStatus.445': 'Żadna faktura w paczce nie przeszła weryfikacji. Sprawdź szczegóły poszczególnych faktur.',
  'batchStatus.500': 'Nieznany błąd KSeF podczas przetwarzania paczki. Spróbuj później.',
};

const en: Record<StatusKey, string> = {
  'authStatus.415':
    'No permission for this context (NIP). Grant the permissions in KSeF or use another token/certificate.',
  'authStatus.425': 'The authentication was revoked. Log in again.',
  'authStatus.450':
    'The KSeF token is invalid, inactive or revoked. Generate a new KSeF 2.0 token and enter it in the settings.',
  'authStatus.460': 'The certificate was refused (invalid, revoked or untrusted). Use a valid certificate.',
  'authStatus.470': 'Authentication refused: the person of the certificate/token is recorded as deceased.',
  'authStatus.480': 'KSeF has blocked authentication in this context (a security incident). Contact KSeF.',
  'authStatus.500': 'Unknown authentication error in KSeF. Try again later.',
  'authStatus.550': 'KSeF cancelled the authentication. Try again.',
  'authStatus.other': 'Authentication failed (status {code}).',
  'batchStatus.405': 'The batch failed verification. Prepare and send the batch again.',
  'batchStatus.415': 'KSeF could not decrypt the session key. Send the batch again.',
  'batchStatus.420': 'Too many invoices in the session. Split the batch into smaller ones.',
  'batchStatus.430': 'KSeF could not unpack the archive. Send the batch again.',
  'batchStatus.435': 'KSeF could not decrypt a part of the batch. Send the batch again.',
  'batchStatus.440': 'Session cancelled (no invoices, or not every part was uploaded in time).',
  'batchStatus.445': 'No invoice in the batch passed verification. See the details of each invoice.',
  'batchStatus.500': 'Unknown KSeF error while processing the batch. Try later.',
};

export const STATUSES: Texts<StatusKey> = { pl, en };

const AUTH_KNOWN = new Set<string>(['415', '425', '450', '460', '470', '480', '500', '550']);

/** The key explaining a final authentication status `code`. */
export function authStatusKey(code: number): `authStatus.${AuthStatusKey}` {
  return AUTH_KNOWN.has(String(code)) ? (`authStatus.${code}` as `authStatus.${AuthStatusKey}`) : 'authStatus.other';
}

/** The explanation of a final authentication status, in `lang`. */
export function authStatusText(code: number, lang: Lang): string {
  return fill(STATUSES[lang][authStatusKey(code)], { code });
}

/** The key explaining a batch session's failed status, or undefined when KSeF does not document it. */
export function batchStatusKey(code: number): `batchStatus.${BatchStatusKey}` | undefined {
  const key = `batchStatus.${code}`;
  return key in pl ? (key as `batchStatus.${BatchStatusKey}`) : undefined;
}
