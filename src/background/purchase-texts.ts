/** The worker's words about received invoices (notification, sync errors), Polish first, English second. */
import type { Lang } from '../messaging';

/** Polish plural of "N nowych faktur zakupowych" (1 / 2–4 / 5+, 12–14 as 5+). */
function plPlural(n: number): string {
  if (n === 1) return '1 nowa faktura zakupowa';
  const mod10 = n % 10;
  const mod100 = n % 100;
  if (mod10 >= 2 && mod10 <= 4 && !(mod100 >= 12 && mod100 <= 14)) return `${n} nowe faktury zakupowe`;
  return `${n} nowych faktur zakupowych`;
}

export function newPurchasesTitle(n: number, lang: Lang): string {
  if (lang === 'en') return n === 1 ? '1 new purchase invoice' : `${n} new purchase invoices`;
  return plPlural(n);
}

export function newPurchasesBody(lang: Lang): string {
  return lang === 'en'
    ? 'Received from KSeF. Open “Purchase invoices” to see them.'
    : 'Pobrane z KSeF. Otwórz „Faktury zakupowe”, aby je zobaczyć.';
}

const ERRORS: Record<Lang, Record<string, string>> = {
  pl: {
    'no-permission':
      'Token KSeF nie ma uprawnienia do przeglądania faktur (InvoiceRead). W Aplikacji Podatnika KSeF wygeneruj nowy token z uprawnieniem „Przeglądanie faktur” i zapisz go w ustawieniach (zakładka Połączenie).',
    auth: 'KSeF nie przyjął logowania: sprawdź token KSeF w ustawieniach.',
    unavailable: 'KSeF jest chwilowo niedostępny albo przekroczono limit zapytań. Synchronizacja wznowi się sama.',
    integrity:
      'Paczka faktur z KSeF była niespójna (skrót się nie zgadzał). Nic z niej nie zapisano; pobierzemy ją ponownie.',
    failed: 'Synchronizacja faktur zakupowych nie powiodła się: {message}',
    'not-configured': '{message}',
  },
  en: {
    'no-permission':
      'The KSeF token lacks the permission to read invoices (InvoiceRead). In the KSeF taxpayer application, create a token with the “Przeglądanie faktur” (view invoices) permission and save it in the settings (Connection tab).',
    auth: 'KSeF did not accept the login: check the KSeF token in the settings.',
    unavailable: 'KSeF is unavailable for now or the request limit was reached. The sync will resume by itself.',
    integrity:
      'The invoice package from KSeF was inconsistent (hash mismatch). Nothing from it was stored; it will be fetched again.',
    failed: 'Syncing purchase invoices failed: {message}',
    'not-configured': '{message}',
  },
};

export function syncErrorText(code: string, message: string, lang: Lang): string {
  const t = ERRORS[lang][code] ?? ERRORS[lang].failed!;
  return t.replace('{message}', message);
}
