/**
 * The reasons slice: why a record stands where it does, by stable code (records store the code and
 * its parameters, so the pages show the reason in the UI language). KSeF's own descriptions are
 * parameters, shown as they came.
 */
import type { Texts } from './fill';

export type ReasonCode =
  | 'in-progress'
  | 'processing-in-ksef'
  | 'batch-in-progress'
  | 'already-accepted'
  | 'base-owned'
  | 'series-excluded'
  | 'not-configured'
  | 'base-not-found'
  | 'build-failed'
  | 'rate-limited'
  | 'unknown-outcome'
  | 'unauthorized'
  | 'unavailable'
  | 'rejected'
  | 'duplicate-adopted'
  | 'offline-no-certificate'
  | 'batch-missing'
  | 'bad-month'
  | 'month-out-of-range'
  | 'export-running'
  | 'skipped'
  | 'export-not-running'
  | 'export-cancelled'
  | 'batch-refused'
  | 'stuck-processing'
  | 'stuck-unknown'
  | 'not-registered'
  | 'marked-unsent'
  | 'registered-in-ksef'
  | 'not-linked'
  | 'cannot-confirm'
  | 'context-changed'
  | 'context-changed-linked'
  | 'auto-send-overdue';

const pl: Record<ReasonCode, string> = {
  'in-progress':
    'Ta faktura jest właśnie wysyłana do KSeF. Poczekaj na wynik: ponowna wysyłka przed końcem przetwarzania mogłaby skończyć się błędem duplikatu.',
  'processing-in-ksef':
    'Faktura jest już w KSeF w statusie „W przetwarzaniu”. Status jest sprawdzany automatycznie (co 60 minut); nie wysyłaj jej ponownie.',
  'batch-in-progress': 'Faktura jest wysyłana w paczce eksportu miesięcznego. Poczekaj na zakończenie eksportu.',
  'already-accepted': 'Faktura jest już w KSeF (numer KSeF {ksefNumber}). Nie można wysłać jej drugi raz.',
  'base-owned':
    'Tę fakturę obsługuje integracja KSeF wbudowana w Base (status w Base: {govStatus}). Rozszerzenie jej nie wyśle, żeby nie powstał duplikat.',
  'series-excluded':
    'Seria numeracji tej faktury jest wyłączona z wysyłki do KSeF. Włącz ją w ustawieniach, w zakładce „Serie numeracji”.',
  'not-configured': 'Rozszerzenie nie jest skonfigurowane: podaj NIP sprzedawcy w ustawieniach.',
  'base-not-found': 'Nie znaleziono faktury {invoiceId} w Base. Sprawdź, czy nie została usunięta.',
  'build-failed': 'Faktury nie da się zapisać w formacie FA(3). Popraw dane w Base i wyślij ponownie: {problems}',
  'rate-limited': 'Przekroczono limit zapytań {service}. Kolejna próba nastąpi automatycznie o {time}.',
  'unknown-outcome':
    'Nie wiadomo, czy KSeF otrzymał fakturę (przerwane połączenie). Przed ponowną wysyłką rozszerzenie sprawdzi sesję KSeF, więc faktura nie zostanie wysłana dwa razy.',
  unauthorized: 'Odmowa dostępu: {message}',
  unavailable: 'Usługa jest chwilowo niedostępna: {message} Kolejna próba nastąpi automatycznie.',
  rejected: 'KSeF odrzucił fakturę: {explanation} Popraw fakturę w Base i wyślij ją ponownie.',
  'duplicate-adopted':
    'Faktura o tym numerze była już w KSeF (status 440) — przyjęto jej istniejący numer KSeF {ksefNumber}.',
  'offline-no-certificate':
    'Faktura wysłana w trybie offline, ale nie skonfigurowano certyfikatu Offline, więc brak kodu QR KOD II. Dodaj certyfikat i klucz prywatny w ustawieniach.',
  'batch-missing': 'KSeF zakończył przetwarzanie paczki bez tej faktury ({explanation}). Wyślij ją ponownie.',
  'bad-month': 'Niepoprawny miesiąc „{month}”. Podaj miesiąc w postaci RRRR-MM.',
  'month-out-of-range':
    'Eksport obejmuje bieżący miesiąc i najwyżej 12 miesięcy wstecz; {month} jest poza tym zakresem.',
  'export-running': 'Eksport miesiąca {month} jeszcze trwa. Poczekaj na jego zakończenie.',
  skipped:
    'Faktura jest oznaczona jako „Pomiń / wystawiona poza KSeF”, więc rozszerzenie jej nie wyśle. Cofnij oznaczenie na stronie „Faktury w KSeF”, jeśli ma trafić do KSeF.',
  'export-not-running': 'Żaden eksport nie trwa.',
  'export-cancelled':
    'Eksport przerwany. Faktury, które nie trafiły do KSeF, można wysłać ponownie (pojedynczo albo nowym eksportem).',
  'batch-refused': 'KSeF odrzucił paczkę eksportu: {explanation} Faktura nie trafiła do KSeF; wyślij ją ponownie.',
  'stuck-processing':
    'KSeF od {hours} h nie podał ostatecznego statusu faktury (nieudane sprawdzenia: {failures}). Powiązanie z KSeF jest zachowane; użyj „Sprawdź teraz”.',
  'stuck-unknown':
    'Nie wiadomo, czy KSeF otrzymał fakturę, a sprawdzenie sesji się nie udaje ({failures} prób, {hours} h). Powiązanie z sesją KSeF jest zachowane; użyj „Sprawdź teraz”.',
  'not-registered':
    'KSeF potwierdził, że faktury nie ma w sesji. Możesz ją oznaczyć jako niewysłaną i wysłać ponownie.',
  'marked-unsent': 'Oznaczona jako niewysłana (KSeF potwierdził, że jej nie zarejestrował). Możesz wysłać ją ponownie.',
  'registered-in-ksef': 'KSeF zarejestrował tę fakturę, więc nie można oznaczyć jej jako niewysłanej.',
  'not-linked': 'Ta faktura nie czeka na KSeF: nie ma czego sprawdzać ani oznaczać.',
  'cannot-confirm': 'Nie udało się teraz potwierdzić w KSeF, że faktury nie ma w sesji. Spróbuj ponownie za chwilę.',
  'context-changed':
    'Faktura należy do innego środowiska lub NIP ({env}, NIP {nip}) niż obecne ustawienia i nie została tam wysłana. Wyślij ją ponownie w obecnym środowisku.',
  'context-changed-linked':
    'Faktura była wysyłana w środowisku {env} (NIP {nip}), a ustawienia wskazują inne. Jej wynik zostanie sprawdzony, gdy wrócisz do tamtych ustawień; nie wysyłaj jej ponownie.',
  'auto-send-overdue':
    'Automatyczna wysyłka znalazła tę fakturę dopiero po terminie przesłania do KSeF ({sendBy}), więc jej nie wysłała. Wyślij ją ręcznie albo na stronie „Faktury w KSeF” oznacz ją jako „Pomiń / wystawiona poza KSeF”, jeśli trafiła do KSeF inną drogą.',
};

const en: Record<ReasonCode, string> = {
  'in-progress':
    'This invoice is being sent to KSeF right now. Wait for the result: sending it again could cause a duplicate error.',
  'processing-in-ksef':
    'The invoice is already in KSeF, "processing". Its status is checked automatically (every 60 minutes); do not send it again.',
  'batch-in-progress': 'The invoice is being sent in the monthly export batch. Wait for the export to finish.',
  'already-accepted': 'The invoice is already in KSeF (KSeF number {ksefNumber}). It cannot be sent twice.',
  'base-owned':
    "Base's own KSeF integration handles this invoice (Base status: {govStatus}). The extension will not send it, to avoid a duplicate.",
  'series-excluded':
    'The numbering series of this invoice is excluded from KSeF. Enable it in the settings, "Numbering series".',
  'not-configured': 'The extension is not configured: enter the seller NIP in the settings.',
  'base-not-found': 'Invoice {invoiceId} was not found in Base. Check whether it was deleted.',
  'build-failed': 'The invoice cannot be written as FA(3). Fix the data in Base and send again: {problems}',
  'rate-limited': 'Request limit of {service} exceeded. The next attempt runs automatically at {time}.',
  'unknown-outcome':
    'It is not known whether KSeF received the invoice (connection lost). Before sending again the extension checks the KSeF session, so it is never sent twice.',
  unauthorized: 'Access denied: {message}',
  unavailable: 'The service is temporarily unavailable: {message} The next attempt runs automatically.',
  rejected: 'KSeF rejected the invoice: {explanation} Fix the invoice in Base and send it again.',
  'duplicate-adopted':
    'An invoice with this number was already in KSeF (status 440); its KSeF number {ksefNumber} was adopted.',
  'offline-no-certificate':
    'Sent in offline mode, but no Offline certificate is configured, so there is no KOD II QR code. Add the certificate and private key in the settings.',
  'batch-missing': 'KSeF finished the batch without this invoice ({explanation}). Send it again.',
  'bad-month': 'Invalid month "{month}". Use YYYY-MM.',
  'month-out-of-range':
    'The export covers the current month and at most 12 months back; {month} is outside that range.',
  'export-running': 'The export of {month} is still running. Wait for it to finish.',
  skipped:
    'The invoice is marked "Skip / issued outside KSeF", so the extension will not send it. Undo the mark on the "Invoices in KSeF" page if it should go to KSeF.',
  'export-not-running': 'No export is running.',
  'export-cancelled':
    'Export stopped. Invoices that did not reach KSeF can be sent again (one by one or with a new export).',
  'batch-refused': 'KSeF refused the export batch: {explanation} The invoice is not in KSeF; send it again.',
  'stuck-processing':
    'KSeF has not given a final status for {hours} h (failed checks: {failures}). The link to KSeF is kept; use "Check now".',
  'stuck-unknown':
    'It is not known whether KSeF received the invoice and the session look-up keeps failing ({failures} tries, {hours} h). The link to the KSeF session is kept; use "Check now".',
  'not-registered':
    'KSeF confirmed that the invoice is not in the session. You can mark it as not sent and send it again.',
  'marked-unsent': 'Marked as not sent (KSeF confirmed it did not register it). You can send it again.',
  'registered-in-ksef': 'KSeF registered this invoice, so it cannot be marked as not sent.',
  'not-linked': 'This invoice is not waiting for KSeF: there is nothing to check or mark.',
  'cannot-confirm': 'KSeF could not confirm right now that the invoice is not in the session. Try again shortly.',
  'context-changed':
    'The invoice belongs to another environment or NIP ({env}, NIP {nip}) than the current settings and was not sent there. Send it again in the current environment.',
  'context-changed-linked':
    'The invoice was being sent in the {env} environment (NIP {nip}), but the settings now point elsewhere. Its outcome is checked when you return to those settings; do not send it again.',
  'auto-send-overdue':
    'Auto-send found this invoice only after its deadline for KSeF ({sendBy}), so it did not send it. Send it by hand, or mark it "Skip / issued outside KSeF" on the "Invoices in KSeF" page if it reached KSeF another way.',
};

export const REASONS: Texts<ReasonCode> = { pl, en };

/** Base's `gov_status` in words (docs/base.md §1.2). */
export const GOV_STATUS: Texts<'1' | '2' | '3' | '5' | 'other'> = {
  pl: { 1: 'wysłana', 2: 'zaakceptowana', 3: 'odrzucona', 5: 'tryb offline', other: 'ma numer KSeF' },
  en: { 1: 'sent', 2: 'accepted', 3: 'rejected', 5: 'offline mode', other: 'has a KSeF number' },
};
