/**
 * The worker's own messages (refusals, configuration problems, connection checks), Polish first,
 * English second: the worker's slice of src/i18n (index.ts lists the slices); each bundle
 * carries only its own slice.
 */

import type { Lang } from '../core/lang';
import { type Texts, type Translator, translatorOf } from './fill';

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
  noBaseToken: 'Najpierw zapisz w ustawieniach token API Base (Konto → Moje konto → API w panelu Base).',
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
  printProcessing:
    'KSeF jeszcze nie przyjął tej faktury (jest w przetwarzaniu albo czeka na wysyłkę), więc nie ma jeszcze numeru KSeF ani kodu QR.',
  printRejected: 'KSeF odrzucił tę fakturę, więc nie ma numeru KSeF ani kodu QR. Popraw ją i wyślij ponownie.',
  printNotSent: 'Ta faktura nie została jeszcze wysłana do KSeF, więc nie ma numeru KSeF ani kodu QR.',
  printBasePdf: 'Poniżej PDF z Base bez kodów KSeF; wydruk z kodami będzie dostępny po przyjęciu.',
  printSummaryOnly: 'Nie udało się pobrać PDF z Base: poniżej zestawienie do wydruku z tym, co wiadomo.',
  ksefPerms: 'Uprawnienia tokenu: {present}.',
  ksefPermsNone: 'żadne',
  ksefPermsUnknown: 'Nie udało się sprawdzić uprawnień tokenu.',
  ksefNoWrite:
    'Token KSeF nie pozwala wysyłać faktur: brakuje uprawnienia {missing} (token ma: {present}). Wygeneruj w aplikacji podatnika token z uprawnieniami „Wystawianie faktur” (InvoiceWrite) i „Przeglądanie faktur” (InvoiceRead).',
  ksefNoRead:
    'Uprawnienia tokenu: {present}. Brakuje InvoiceRead („Przeglądanie faktur”): wysyłka działa, ale bez niego nie pobierzesz faktur z KSeF (np. zakupowych).',
  skipNoReason: 'Podaj powód oznaczenia (np. „wystawiona w KSeF ręcznie”).',
  skipReasonTooLong: 'Powód może mieć najwyżej {max} znaków.',
  skipInKsef: 'Ta faktura jest już w KSeF albo jest właśnie wysyłana: nie można jej pominąć.',
  noUpo: 'KSeF nie wydał jeszcze UPO dla tej faktury (jest pobierane automatycznie po przyjęciu).',
  xmlNotYet: 'KSeF jeszcze nie udostępnia pliku tej faktury. Spróbuj ponownie za kilka minut.',
  noXml: 'Ta faktura nie została jeszcze zapisana w formacie FA(3): nie ma pliku XML.',
  baseLimited:
    'Base chwilowo wstrzymuje zapytania (limit 100 zapytań na minutę dzielą wszystkie integracje konta). Spróbuj ponownie po {time}.',
  layoutNoApi:
    'Ta przeglądarka nie pozwala rozszerzeniu zapisać układu strony (brak dostępu do skryptów strony lub pobierania plików). Zgłoś układ z przeglądarki Chrome.',
  layoutNoAccess:
    'Rozszerzenie nie ma w tej przeglądarce dostępu do tej strony panelu Base, więc nie może odczytać jej układu. Zezwól mu na dostęp do tej witryny (menu rozszerzeń → KSeF dla Base) i spróbuj ponownie.',
  layoutFailed: 'Nie udało się odczytać układu tej strony. Odśwież stronę i spróbuj ponownie.',
  layoutHead: 'Układ strony panelu Base (tylko znaczniki, identyfikatory i klasy; bez treści i danych)',
  hostsBlocked:
    'Przeglądarka nie pozwala rozszerzeniu łączyć się z: {hosts}. Otwórz ustawienia rozszerzenia, kliknij „Zezwól na połączenia” i wyślij fakturę ponownie.',
  purchasesNewOne: '1 nowa faktura zakupowa',
  purchasesNewFew: '{n} nowe faktury zakupowe',
  purchasesNewMany: '{n} nowych faktur zakupowych',
  purchasesNewBody: 'Pobrane z KSeF. Otwórz „Faktury zakupowe”, aby je zobaczyć.',
  syncNoPermission:
    'Token KSeF nie ma uprawnienia do przeglądania faktur (InvoiceRead). W Aplikacji Podatnika KSeF wygeneruj nowy token z uprawnieniem „Przeglądanie faktur” i zapisz go w ustawieniach (zakładka Połączenie).',
  syncAuth: 'KSeF nie przyjął logowania: sprawdź token KSeF w ustawieniach.',
  syncUnavailable: 'KSeF jest chwilowo niedostępny albo przekroczono limit zapytań. Synchronizacja wznowi się sama.',
  syncIntegrity:
    'Paczka faktur z KSeF była niespójna (skrót się nie zgadzał). Nic z niej nie zapisano; pobierzemy ją ponownie.',
  syncFailed: 'Synchronizacja faktur zakupowych nie powiodła się: {message}',
  syncNotConfigured: '{message}',
} as const;

export type WorkerKey = keyof typeof pl;
type Key = WorkerKey;

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
  noBaseToken: 'First save the Base API token in the settings (Account → My account → API in the Base panel).',
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
  printProcessing:
    'KSeF has not accepted this invoice yet (it is processing or waiting to be sent), so there is no KSeF number or QR code yet.',
  printRejected: 'KSeF rejected this invoice, so there is no KSeF number or QR code. Fix it and send it again.',
  printNotSent: 'This invoice has not been sent to KSeF yet, so there is no KSeF number or QR code.',
  printBasePdf: "Below is Base's PDF without KSeF codes; the print with codes is available after acceptance.",
  printSummaryOnly: "Base's PDF could not be had: below is a printable summary of what is known.",
  ksefPerms: 'Token permissions: {present}.',
  ksefPermsNone: 'none',
  ksefPermsUnknown: "The token's permissions could not be checked.",
  ksefNoWrite:
    'The KSeF token cannot send invoices: it lacks the {missing} permission (the token has: {present}). Generate a token with "Issuing invoices" (InvoiceWrite) and "Viewing invoices" (InvoiceRead) in the taxpayer application.',
  ksefNoRead:
    'Token permissions: {present}. InvoiceRead ("Viewing invoices") is missing: sending works, but invoices cannot be downloaded from KSeF (e.g. purchase invoices) without it.',
  skipNoReason: 'Give a reason for the mark (e.g. "issued in KSeF by hand").',
  skipReasonTooLong: 'The reason may have at most {max} characters.',
  skipInKsef: 'This invoice is already in KSeF or being sent: it cannot be skipped.',
  noUpo: 'KSeF has not issued the UPO for this invoice yet (it is fetched automatically after acceptance).',
  xmlNotYet: 'KSeF does not serve the file of this invoice yet. Try again in a few minutes.',
  noXml: 'This invoice has not been written as FA(3) yet: there is no XML file.',
  baseLimited:
    "Base is holding requests for a moment (the 100 requests per minute are shared by the account's integrations). Try again after {time}.",
  layoutNoApi:
    'This browser does not let the extension save the page layout (no access to page scripts or downloads). Report the layout from Chrome.',
  layoutNoAccess:
    'In this browser the extension has no access to this Base panel page, so it cannot read its layout. Allow it on this site (extensions menu → KSeF dla Base) and try again.',
  layoutFailed: 'Could not read the layout of this page. Reload the page and try again.',
  layoutHead: 'Layout of a Base panel page (tags, ids and classes only; no text and no data)',
  hostsBlocked:
    'The browser does not let the extension connect to: {hosts}. Open the extension options, click “Allow connections” and send the invoice again.',
  purchasesNewOne: '1 new purchase invoice',
  purchasesNewFew: '{n} new purchase invoices',
  purchasesNewMany: '{n} new purchase invoices',
  purchasesNewBody: 'Received from KSeF. Open “Purchase invoices” to see them.',
  syncNoPermission:
    'The KSeF token lacks the permission to read invoices (InvoiceRead). In the KSeF taxpayer application, create a token with the “Przeglądanie faktur” (view invoices) permission and save it in the settings (Connection tab).',
  syncAuth: 'KSeF did not accept the login: check the KSeF token in the settings.',
  syncUnavailable: 'KSeF is unavailable for now or the request limit was reached. The sync will resume by itself.',
  syncIntegrity:
    'The invoice package from KSeF was inconsistent (hash mismatch). Nothing from it was stored; it will be fetched again.',
  syncFailed: 'Syncing purchase invoices failed: {message}',
  syncNotConfigured: '{message}',
};

export const WORKER_TEXTS: Texts<Key> = { pl, en };

export type WorkerText = Translator<Key>;

export function workerTexts(lang: Lang): WorkerText {
  return translatorOf(WORKER_TEXTS, lang);
}
