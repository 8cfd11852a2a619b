/**
 * Validation of the settings the user types ("every field validates as the user types
 * and saves nothing invalid; errors are in Polish"). Pure functions, shared by the options page
 * (as-you-type) and the worker (before saving).
 */
import type { Lang, Settings } from '../messaging';

export interface FieldError {
  field: string;
  message: { pl: string; en: string };
}

const NIP_WEIGHTS = [6, 5, 7, 2, 3, 4, 5, 6, 7];

/** Normalises what people type ("525-000-00-00", "PL5250000000") to 10 digits, or returns it as is. */
export function normaliseNip(input: string): string {
  const s = input.replace(/[\s-]/g, '').toUpperCase();
  return s.startsWith('PL') ? s.slice(2) : s;
}

/** The NIP checksum: weights 6,5,7,2,3,4,5,6,7, sum mod 11 equals the 10th digit (never 10). */
export function isValidNip(nip: string): boolean {
  if (!/^\d{10}$/.test(nip)) return false;
  const sum = NIP_WEIGHTS.reduce((acc, w, i) => acc + w * Number(nip[i]), 0);
  const check = sum % 11;
  return check !== 10 && check === Number(nip[9]);
}

export function nipError(input: string): FieldError | null {
  const nip = normaliseNip(input);
  if (nip === '') return { field: 'nip', message: { pl: 'Podaj NIP firmy.', en: 'Enter the company NIP.' } };
  if (!/^\d{10}$/.test(nip))
    return {
      field: 'nip',
      message: { pl: 'NIP ma 10 cyfr (bez liter i znaków).', en: 'A NIP has 10 digits (no letters or symbols).' },
    };
  if (!isValidNip(nip))
    return {
      field: 'nip',
      message: {
        pl: 'Nieprawidłowy NIP: suma kontrolna się nie zgadza. Sprawdź, czy nie ma literówki.',
        en: 'Invalid NIP: the checksum does not match. Check for a typo.',
      },
    };
  return null;
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
  if (patch.env !== undefined && !['test', 'demo', 'prod'].includes(patch.env))
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
  if (patch.uiLang !== undefined && patch.uiLang !== 'pl' && patch.uiLang !== 'en')
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
