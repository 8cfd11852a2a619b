/**
 * The worker's own messages (refusals, configuration problems, connection checks), Polish first,
 * English second. Page strings live in src/ui/i18n, panel strings in src/content/i18n.ts: each
 * bundle carries only its own table.
 */
import type { Lang } from '../messaging';

const pl = {
  forbidden: 'Odmowa: to polecenie nie jest dostępne z tego miejsca.',
  unknown: 'Nieznane polecenie.',
  failed: 'Wystąpił nieoczekiwany błąd rozszerzenia. Spróbuj ponownie.',
  badRequest: 'Nieprawidłowe dane polecenia.',
  notGranted:
    'Odmowa: rozszerzenie nie rozpoznało tej faktury na tej stronie w danych z Base. Odśwież stronę i spróbuj ponownie.',
  sendRate: 'Za dużo wysyłek z tej karty w krótkim czasie. Odczekaj minutę i spróbuj ponownie.',
  noNip: 'Najpierw podaj w ustawieniach NIP firmy (zakładka Połączenie).',
  noKsefToken: 'Najpierw zapisz w ustawieniach token KSeF (albo „test” w środowisku testowym).',
  noBaseToken: 'Najpierw zapisz w ustawieniach token API Base (Moje konto → API w panelu Base).',
  noSeller: 'Uzupełnij w ustawieniach nazwę i adres sprzedawcy (dane do faktury).',
  ksefOk: 'Połączono z KSeF ({env}) jako NIP {nip}.',
  baseOk: 'Połączono z API Base: {count} serii numeracji.',
  ksefFailed: 'Nie udało się zalogować do KSeF: {reason}',
  baseFailed: 'Nie udało się połączyć z API Base: {reason}',
  certListFailed: 'Nie udało się pobrać listy certyfikatów z KSeF: {reason}',
  certNotFound: 'KSeF nie zwrócił certyfikatu o numerze {serial}. Odśwież listę i wybierz certyfikat ponownie.',
  keyFileEmpty: 'Wybierz plik klucza prywatnego (.key).',
  keyFileTooBig: 'Plik klucza jest za duży (maks. 64 KB) — to nie jest plik klucza prywatnego.',
  invalidSettings: 'Nie zapisano: {errors}',
  tokenInvalid: 'Nie zapisano tokenu: {reason}',
  monthInvalid: 'Wybierz miesiąc z ostatnich 12 miesięcy.',
  printNoPdf:
    'Nie udało się pobrać PDF faktury z Base ({reason}). Poniżej zestawienie do wydruku z numerem KSeF i kodami QR.',
  notifRejectedTitle: 'KSeF odrzucił fakturę {number}',
  notifDeadlineTitle: 'Dziś mija termin wysłania do KSeF ({n})',
  notifDeadlineBody:
    'Faktury wystawione poza KSeF trzeba wysłać do końca dnia: {numbers}. Otwórz listę faktur i wyślij je.',
  notifExportTitle: 'Eksport do KSeF zakończony',
  notifExportBody: 'Miesiąc {month}: przyjęte {accepted}, odrzucone {rejected}, błędy {failed}.',
  warnNotConfigured: 'Rozszerzenie nie jest skonfigurowane: uzupełnij NIP, token KSeF i token API Base.',
} as const;

type Key = keyof typeof pl;

const en: Record<Key, string> = {
  forbidden: 'Refused: this command is not available from here.',
  unknown: 'Unknown command.',
  failed: 'An unexpected extension error occurred. Please try again.',
  badRequest: 'Invalid command data.',
  notGranted:
    'Refused: the extension did not find this invoice in Base data for this page. Reload the page and try again.',
  sendRate: 'Too many sends from this tab in a short time. Wait a minute and try again.',
  noNip: 'First enter the company NIP in the settings (Connection tab).',
  noKsefToken: 'First save a KSeF token in the settings (or "test" on the TEST environment).',
  noBaseToken: 'First save the Base API token in the settings (My account → API in the Base panel).',
  noSeller: "Fill in the seller's name and address in the settings (invoice data).",
  ksefOk: 'Connected to KSeF ({env}) as NIP {nip}.',
  baseOk: 'Connected to the Base API: {count} numbering series.',
  ksefFailed: 'Could not log in to KSeF: {reason}',
  baseFailed: 'Could not connect to the Base API: {reason}',
  certListFailed: 'Could not load the certificate list from KSeF: {reason}',
  certNotFound: 'KSeF returned no certificate with serial {serial}. Refresh the list and choose again.',
  keyFileEmpty: 'Choose the private key file (.key).',
  keyFileTooBig: 'The key file is too large (64 KB at most) — this is not a private key file.',
  invalidSettings: 'Not saved: {errors}',
  tokenInvalid: 'Token not saved: {reason}',
  monthInvalid: 'Choose a month within the last 12 months.',
  printNoPdf:
    'Could not get the invoice PDF from Base ({reason}). Below is a printable summary with the KSeF number and QR codes.',
  notifRejectedTitle: 'KSeF rejected invoice {number}',
  notifDeadlineTitle: 'Today is the last day to send to KSeF ({n})',
  notifDeadlineBody:
    'Invoices issued outside KSeF must be sent by the end of today: {numbers}. Open the invoice list and send them.',
  notifExportTitle: 'KSeF export finished',
  notifExportBody: 'Month {month}: accepted {accepted}, rejected {rejected}, errors {failed}.',
  warnNotConfigured: 'The extension is not configured: enter the NIP, the KSeF token and the Base API token.',
};

export type WorkerText = (key: Key, params?: Record<string, string | number>) => string;

export function workerTexts(lang: Lang): WorkerText {
  const table: Record<Key, string> = lang === 'en' ? en : pl;
  return (key, params) =>
    table[key].replace(/\{(\w+)\}/g, (m, name: string) => (params && name in params ? String(params[name]) : m));
}
