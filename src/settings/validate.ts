/**
 * Validation of the settings the user types ("every field validates as the user types
 * and saves nothing invalid; errors are in Polish"). Pure functions, shared by the options page
 * (as-you-type) and the worker (before saving).
 */
import { isKsefEnv } from '../core/env';
import { isLang } from '../core/lang';
import { isValidNip, nipIssue, normaliseNip } from '../core/nip';
import type { Lang, Settings } from '../messaging';

// Older callers import the NIP rule from here; it lives in src/core/nip.ts.
export { isValidNip, normaliseNip };

export interface FieldError {
  field: string;
  message: { pl: string; en: string };
}

const NIP_MESSAGES = {
  digits: { pl: 'NIP ma 10 cyfr (bez liter i znaków).', en: 'A NIP has 10 digits (no letters or symbols).' },
  prefix: {
    pl: 'Nieprawidłowy NIP: żaden NIP nie zaczyna się od 0 ani nie ma dwóch zer na 2. i 3. cyfrze. Sprawdź, czy nie ma literówki.',
    en: 'Invalid NIP: no NIP starts with 0 or has zeros as both its 2nd and 3rd digit. Check for a typo.',
  },
  checksum: {
    pl: 'Nieprawidłowy NIP: suma kontrolna się nie zgadza. Sprawdź, czy nie ma literówki.',
    en: 'Invalid NIP: the checksum does not match. Check for a typo.',
  },
} as const;

export function nipError(input: string): FieldError | null {
  const nip = normaliseNip(input);
  if (nip === '') return { field: 'nip', message: { pl: 'Podaj NIP firmy.', en: 'Enter the company NIP.' } };
  const issue = nipIssue(nip);
  return issue ? { field: 'nip', message: NIP_MESSAGES[issue] } : null;
}

/** KSeF tokens are long opaque strings; `test` means certificate login and is valid only on TEST. */
export function ksefTokenError(token: string, env: Settings['env']): FieldError | null {
  const t = token.trim();
  if (t === '') return null; // empty = remove the token
  if (t.toLowerCase() === 'test') {
    return env === 'test'
      ? null
      : {
          field: 'ksefToken',
          message: {
            pl: 'Słowo „test” (logowanie certyfikatem) działa tylko w środowisku testowym. Dla środowiska przedprodukcyjnego i produkcyjnego wygeneruj token w aplikacji podatnika KSeF.',
            en: 'The word "test" (certificate login) works only on the TEST environment. For DEMO and PROD create a token in the KSeF taxpayer application.',
          },
        };
  }
  if (t.length < 20 || /\s/.test(t))
    return {
      field: 'ksefToken',
      message: {
        pl: 'To nie wygląda na token KSeF: skopiuj cały ciąg znaków wyświetlony przy generowaniu tokenu.',
        en: 'This does not look like a KSeF token: copy the whole string shown when the token was created.',
      },
    };
  return null;
}

export function baseTokenError(token: string): FieldError | null {
  const t = token.trim();
  if (t === '') return null;
  if (t.length < 10 || /\s/.test(t))
    return {
      field: 'baseToken',
      message: {
        pl: 'To nie wygląda na token API Base (Konto → Moje konto → API): skopiuj go w całości.',
        en: 'This does not look like a Base API token (Account → My account → API): copy all of it.',
      },
    };
  return null;
}

const COUNTRY = /^[A-Z]{2}$/;

/** Every problem of a settings patch; an empty list means it may be saved. */
export function settingsErrors(patch: Partial<Settings>): FieldError[] {
  const errs: FieldError[] = [];
  if (patch.env !== undefined && !isKsefEnv(patch.env))
    errs.push({ field: 'env', message: { pl: 'Wybierz środowisko KSeF.', en: 'Choose a KSeF environment.' } });
  if (patch.nip !== undefined) {
    const e = nipError(patch.nip);
    if (e) errs.push(e);
  }
  if (patch.seller !== undefined) {
    if (patch.seller.name.trim() === '')
      errs.push({
        field: 'seller.name',
        message: { pl: 'Podaj nazwę sprzedawcy (firmy).', en: 'Enter the seller (company) name.' },
      });
    if (patch.seller.addressL1.trim() === '')
      errs.push({
        field: 'seller.addressL1',
        message: { pl: 'Podaj adres sprzedawcy (ulica i numer).', en: 'Enter the seller address (street and number).' },
      });
    if (!COUNTRY.test(patch.seller.countryCode))
      errs.push({
        field: 'seller.countryCode',
        message: {
          pl: 'Kod kraju to dwie wielkie litery, np. PL.',
          en: 'The country code is two capital letters, e.g. PL.',
        },
      });
    for (const [k, v] of Object.entries(patch.seller))
      if (v.length > 512)
        errs.push({
          field: `seller.${k}`,
          message: { pl: 'Za długi tekst (maks. 512 znaków).', en: 'Too long (512 characters at most).' },
        });
  }
  if (patch.rateRules?.exemption && patch.rateRules.exemption.text.trim() === '')
    errs.push({
      field: 'rateRules.exemption',
      message: {
        pl: 'Podaj podstawę prawną zwolnienia z VAT (np. art. 43 ust. 1 pkt 37 ustawy o VAT).',
        en: 'Enter the legal basis of the VAT exemption (e.g. art. 43(1)(37) of the VAT Act).',
      },
    });
  for (const field of ['ksefNumberToBase', 'stampedPdfToBase'] as const) {
    const wb = patch[field];
    if (wb && (typeof wb.fieldId !== 'string' || !/^\d{1,12}$/.test(wb.fieldId) || typeof wb.fieldName !== 'string'))
      errs.push({
        field,
        message: { pl: 'Wybierz pole dodatkowe zamówienia z listy.', en: 'Choose an order extra field from the list.' },
      });
  }
  errs.push(...seriesRulesErrors(patch.seriesRules));
  errs.push(...outageErrors(patch.ksefOutages));
  if (patch.uiLang !== undefined && !isLang(patch.uiLang))
    errs.push({ field: 'uiLang', message: { pl: 'Nieznany język.', en: 'Unknown language.' } });
  return errs;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** Announced KSeF failures: real calendar days, first ≤ last. */
function outageErrors(list: Settings['ksefOutages']): FieldError[] {
  if (list === undefined) return [];
  const ok =
    Array.isArray(list) &&
    list.every(
      (o) =>
        typeof o === 'object' &&
        o !== null &&
        DAY.test(o.from) &&
        DAY.test(o.to) &&
        !Number.isNaN(Date.parse(o.from)) &&
        !Number.isNaN(Date.parse(o.to)) &&
        o.from <= o.to,
    );
  return ok
    ? []
    : [
        {
          field: 'ksefOutages',
          message: {
            pl: 'Awaria KSeF: podaj pierwszy i ostatni dzień (RRRR-MM-DD), pierwszy nie później niż ostatni.',
            en: 'KSeF failure: enter the first and last day (YYYY-MM-DD), the first not after the last.',
          },
        },
      ];
}

const SPLIT = ['never', 'over-15000', 'always'];
const MARGIN = ['travel', 'used', 'art', 'antiques'];

/** Per-series rules come from the options page; anything else (an old or forged patch) is refused. */
function seriesRulesErrors(rules: Settings['seriesRules']): FieldError[] {
  if (rules === undefined) return [];
  const bad = (id: string): FieldError => ({
    field: `seriesRules.${id}`,
    message: {
      pl: 'Nieznana reguła serii (podzielona płatność lub procedura marży).',
      en: 'Unknown series rule (split payment or margin scheme).',
    },
  });
  if (typeof rules !== 'object' || rules === null) return [bad('*')];
  const errs: FieldError[] = [];
  for (const [id, r] of Object.entries(rules)) {
    const ok =
      typeof r === 'object' &&
      r !== null &&
      Object.keys(r).every((k) => k === 'splitPayment' || k === 'margin') &&
      (r.splitPayment === undefined || SPLIT.includes(r.splitPayment)) &&
      (r.margin === undefined || MARGIN.includes(r.margin));
    if (!ok) errs.push(bad(id));
  }
  return errs;
}

export function fieldMessage(e: FieldError, lang: Lang): string {
  return e.message[lang];
}
