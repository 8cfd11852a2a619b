/**
 * The settings slice: what is wrong with a field the user typed. src/settings/validate.ts names the
 * problem by a code (with parameters); the options page (as the user types) and the worker (before
 * saving) choose the words here, in the UI language. Small on purpose: the options page imports it
 * directly.
 */
import type { Lang } from '../core/lang';
import { fill, type Params, type Texts } from './fill';

export type SettingsErrorCode =
  | 'nip.empty'
  | 'nip.digits'
  | 'nip.prefix'
  | 'nip.checksum'
  | 'ksefToken.testOnly'
  | 'ksefToken.shape'
  | 'baseToken.shape'
  | 'env'
  | 'seller.name'
  | 'seller.address'
  | 'seller.country'
  | 'tooLong'
  | 'exemption'
  | 'writeBackField'
  | 'outages'
  | 'seriesRule'
  | 'uiLang';

const pl: Record<SettingsErrorCode, string> = {
  'nip.empty': 'Podaj NIP firmy.',
  'nip.digits': 'NIP ma 10 cyfr (bez liter i znaków).',
  'nip.prefix':
    'Nieprawidłowy NIP: żaden NIP nie zaczyna się od 0 ani nie ma dwóch zer na 2. i 3. cyfrze. Sprawdź, czy nie ma literówki.',
  'nip.checksum': 'Nieprawidłowy NIP: suma kontrolna się nie zgadza. Sprawdź, czy nie ma literówki.',
  'ksefToken.testOnly':
    'Słowo „test” (logowanie certyfikatem) działa tylko w środowisku testowym. Dla środowiska przedprodukcyjnego i produkcyjnego wygeneruj token w aplikacji podatnika KSeF.',
  'ksefToken.shape': 'To nie wygląda na token KSeF: skopiuj cały ciąg znaków wyświetlony przy generowaniu tokenu.',
  'baseToken.shape': 'To nie wygląda na token API Base (Konto → Moje konto → API): skopiuj go w całości.',
  env: 'Wybierz środowisko KSeF.',
  'seller.name': 'Podaj nazwę sprzedawcy (firmy).',
  'seller.address': 'Podaj adres sprzedawcy (ulica i numer).',
  'seller.country': 'Kod kraju to dwie wielkie litery, np. PL.',
  tooLong: 'Za długi tekst (maks. {max} znaków).',
  exemption: 'Podaj podstawę prawną zwolnienia z VAT (np. art. 43 ust. 1 pkt 37 ustawy o VAT).',
  writeBackField: 'Wybierz pole dodatkowe zamówienia z listy.',
  outages:
    'Niedostępność lub awaria KSeF: podaj pierwszy i ostatni dzień (RRRR-MM-DD), pierwszy nie później niż ostatni, i rodzaj.',
  seriesRule: 'Nieznana reguła serii (podzielona płatność lub procedura marży).',
  uiLang: 'Nieznany język.',
};

const en: Record<SettingsErrorCode, string> = {
  'nip.empty': 'Enter the company NIP.',
  'nip.digits': 'A NIP has 10 digits (no letters or symbols).',
  'nip.prefix': 'Invalid NIP: no NIP starts with 0 or has zeros as both its 2nd and 3rd digit. Check for a typo.',
  'nip.checksum': 'Invalid NIP: the checksum does not match. Check for a typo.',
  'ksefToken.testOnly':
    'The word "test" (certificate login) works only on the TEST environment. For DEMO and PROD create a token in the KSeF taxpayer application.',
  'ksefToken.shape': 'This does not look like a KSeF token: copy the whole string shown when the token was created.',
  'baseToken.shape': 'This does not look like a Base API token (Account → My account → API): copy all of it.',
  env: 'Choose a KSeF environment.',
  'seller.name': 'Enter the seller (company) name.',
  'seller.address': 'Enter the seller address (street and number).',
  'seller.country': 'The country code is two capital letters, e.g. PL.',
  tooLong: 'Too long ({max} characters at most).',
  exemption: 'Enter the legal basis of the VAT exemption (e.g. art. 43(1)(37) of the VAT Act).',
  writeBackField: 'Choose an order extra field from the list.',
  outages:
    'KSeF unavailability or failure: enter the first and last day (YYYY-MM-DD), the first not after the last, and the kind.',
  seriesRule: 'Unknown series rule (split payment or margin scheme).',
  uiLang: 'Unknown language.',
};

export const SETTINGS_TEXTS: Texts<SettingsErrorCode> = { pl, en };

/** A settings problem in `lang`; `params` fill the text's placeholders (e.g. `{max}`). */
export function fieldMessage(e: { code: SettingsErrorCode; params?: Params }, lang: Lang): string {
  return fill(SETTINGS_TEXTS[lang][e.code], e.params ?? {});
}
