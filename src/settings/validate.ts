/**
 * Validation of the settings the user types ("every field validates as the user types
 * and saves nothing invalid"). Pure functions, shared by the options page (as-you-type) and the
 * worker (before saving); each problem is a code, worded in the UI language by src/i18n/settings.ts.
 */
import { isKsefEnv } from '../core/env';
import { isLang } from '../core/lang';
import { isValidNip, nipIssue, normaliseNip } from '../core/nip';
import type { Params } from '../i18n/fill';
import type { SettingsErrorCode } from '../i18n/settings';
import type { Settings } from '../messaging';
import { OUTAGE_KINDS } from '../time/deadlines';

// Older callers import the NIP rule from here; it lives in src/core/nip.ts.
export { isValidNip, normaliseNip };

/** A field's problem as a code (and parameters); the words are chosen at the edge, in the UI
 * language (src/i18n/settings.ts `fieldMessage`). */
export interface FieldError {
  field: string;
  code: SettingsErrorCode;
  params?: Params;
}

const err = (field: string, code: SettingsErrorCode, params?: Params): FieldError =>
  params ? { field, code, params } : { field, code };

export function nipError(input: string): FieldError | null {
  const nip = normaliseNip(input);
  if (nip === '') return err('nip', 'nip.empty');
  const issue = nipIssue(nip);
  return issue ? err('nip', `nip.${issue}`) : null;
}

/** KSeF tokens are long opaque strings; `test` means certificate login and is valid only on TEST. */
export function ksefTokenError(token: string, env: Settings['env']): FieldError | null {
  const t = token.trim();
  if (t === '') return null; // empty = remove the token
  if (t.toLowerCase() === 'test') return env === 'test' ? null : err('ksefToken', 'ksefToken.testOnly');
  if (t.length < 20 || /\s/.test(t)) return err('ksefToken', 'ksefToken.shape');
  return null;
}

export function baseTokenError(token: string): FieldError | null {
  const t = token.trim();
  if (t === '') return null;
  if (t.length < 10 || /\s/.test(t)) return err('baseToken', 'baseToken.shape');
  return null;
}

const COUNTRY = /^[A-Z]{2}$/;

const MAX_TEXT = 512;

/** Every problem of a settings patch; an empty list means it may be saved. */
export function settingsErrors(patch: Partial<Settings>): FieldError[] {
  const errs: FieldError[] = [];
  if (patch.env !== undefined && !isKsefEnv(patch.env)) errs.push(err('env', 'env'));
  if (patch.nip !== undefined) {
    const e = nipError(patch.nip);
    if (e) errs.push(e);
  }
  if (patch.seller !== undefined) errs.push(...sellerErrors(patch.seller));
  if (patch.rateRules?.exemption && patch.rateRules.exemption.text.trim() === '')
    errs.push(err('rateRules.exemption', 'exemption'));
  for (const field of ['ksefNumberToBase', 'stampedPdfToBase'] as const) {
    const wb = patch[field];
    if (wb && (typeof wb.fieldId !== 'string' || !/^\d{1,12}$/.test(wb.fieldId) || typeof wb.fieldName !== 'string'))
      errs.push(err(field, 'writeBackField'));
  }
  errs.push(...seriesRulesErrors(patch.seriesRules));
  errs.push(...outageErrors(patch.ksefOutages));
  if (patch.uiLang !== undefined && !isLang(patch.uiLang)) errs.push(err('uiLang', 'uiLang'));
  return errs;
}

function sellerErrors(seller: Settings['seller']): FieldError[] {
  const errs: FieldError[] = [];
  if (seller.name.trim() === '') errs.push(err('seller.name', 'seller.name'));
  if (seller.addressL1.trim() === '') errs.push(err('seller.addressL1', 'seller.address'));
  if (!COUNTRY.test(seller.countryCode)) errs.push(err('seller.countryCode', 'seller.country'));
  for (const [k, v] of Object.entries(seller))
    if (v.length > MAX_TEXT) errs.push(err(`seller.${k}`, 'tooLong', { max: MAX_TEXT }));
  return errs;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** Announced KSeF failures: real calendar days, first ≤ last, a known kind (none: a failure). */
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
        o.from <= o.to &&
        (o.kind === undefined || OUTAGE_KINDS.includes(o.kind)),
    );
  return ok ? [] : [err('ksefOutages', 'outages')];
}

const SPLIT = ['never', 'over-15000', 'always'];
const MARGIN = ['travel', 'used', 'art', 'antiques'];

/** Per-series rules come from the options page; anything else (an old or forged patch) is refused. */
function seriesRulesErrors(rules: Settings['seriesRules']): FieldError[] {
  if (rules === undefined) return [];
  const bad = (id: string): FieldError => err(`seriesRules.${id}`, 'seriesRule');
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
