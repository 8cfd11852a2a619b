/**
 * Base `tax_rate` → FA(3) `P_12` / `P_12_XII` and the P_13/P_14 field each line is summed into
 * (docs/ksef-protocol.md §9; docs/base.md §1.2 notes: -1 ZW, -0.02 NP, -0.03 OO; 0 % and NP are ambiguous and
 * settled by rules).
 */
import type { Fa3Key } from '../i18n/fa3';
import type { Params } from '../i18n/fill';
import { isEuCountry } from './countries';
import type { RateRuleSet, RateRules } from './types';

export type P12 =
  | '23'
  | '22'
  | '8'
  | '7'
  | '5'
  | '4'
  | '3'
  | '0 KR'
  | '0 WDT'
  | '0 EX'
  | 'zw'
  | 'oo'
  | 'np I'
  | 'np II';

export interface RateClass {
  /** Polish P_12, or undefined for OSS lines (which carry P_12_XII). */
  p12?: P12;
  /** OSS rate of the buyer's member state (P_12_XII). */
  ossRate?: number;
  /** Numeric rate for VAT arithmetic (0 for non-taxed). */
  rate: number;
  /** P_13 field the net goes to; the matching P_14 (if any) is `vatField`. */
  netField: string;
  vatField?: string;
  /** PLN VAT field for foreign-currency invoices (P_14_1W … P_14_4W). */
  vatPlnField?: string;
  /** A margin-scheme line: no rate and no VAT on the invoice (art. 106e ust. 3), summed into P_13_11. */
  margin?: true;
}

const POLISH: Record<number, { p12: P12; n: number }> = {
  23: { p12: '23', n: 1 },
  22: { p12: '22', n: 1 },
  8: { p12: '8', n: 2 },
  7: { p12: '7', n: 2 },
  5: { p12: '5', n: 3 },
  4: { p12: '4', n: 4 },
  3: { p12: '3', n: 4 },
};

const ZERO_FIELD: Record<string, string> = { '0 KR': 'P_13_6_1', '0 WDT': 'P_13_6_2', '0 EX': 'P_13_6_3' };

/** Effective rules for a series: the series' overrides on top of the global ones. */
export function rulesFor(rules: RateRules | undefined, seriesId: number): RateRuleSet {
  const { series, ...base } = rules ?? {};
  return { ...base, ...(series?.[String(seriesId)] ?? {}) };
}

export interface BuyerKind {
  country: string;
  /** EU buyer identified by a VAT number (KodUE + NrVatUE). */
  euVat: boolean;
  /** Buyer has any tax ID (NIP, VAT UE, foreign ID): a business, whose invoices are usually priced net. */
  identified?: boolean;
}

/** A refused rate: the problem's code, its words' key (src/i18n/fa3-build.ts, worded with the item) and values. */
export type RateDecision = { ok: true; cls: RateClass } | { ok: false; code: string; key: Fa3Key; params: Params };

/** Special Base codes compared with a tolerance: they arrive as floats or strings ("-0.02"). */
const near = (a: number, b: number) => Math.abs(a - b) < 1e-9;

export function classifyRate(taxRate: number, buyer: BuyerKind, rules: RateRuleSet, oss: boolean): RateDecision {
  const foreign = buyer.country !== 'PL';
  const eu = foreign && isEuCountry(buyer.country);
  // A margin-scheme series: the VAT is in the margin, never shown; Base's rate does not apply.
  if (rules.margin) return { ok: true, cls: { margin: true, rate: 0, netField: 'P_13_11' } };
  if (near(taxRate, -1)) return { ok: true, cls: { p12: 'zw', rate: 0, netField: 'P_13_7' } };
  if (near(taxRate, -0.03)) return { ok: true, cls: { p12: 'oo', rate: 0, netField: 'P_13_10' } };
  if (near(taxRate, -0.02)) {
    const np = rules.np && rules.np !== 'auto' ? rules.np : eu && buyer.euVat ? 'np II' : 'np I';
    return { ok: true, cls: { p12: np, rate: 0, netField: np === 'np I' ? 'P_13_8' : 'P_13_9' } };
  }
  if (taxRate < 0 || taxRate > 100) {
    return { ok: false, code: 'ITEM_RATE_UNSUPPORTED', key: 'ITEM_RATE_UNKNOWN', params: { rate: taxRate } };
  }
  // OSS: EU consumers taxed at their member state's rate (dział XII rozdział 6a) → P_13_5/P_14_5.
  if (oss && eu && !buyer.euVat && taxRate > 0) {
    return { ok: true, cls: { ossRate: taxRate, rate: taxRate, netField: 'P_13_5', vatField: 'P_14_5' } };
  }
  if (taxRate === 0) {
    let zero = rules.zero && rules.zero !== 'auto' ? rules.zero : undefined;
    if (!zero) {
      if (!foreign) zero = '0 KR';
      else if (eu && buyer.euVat) zero = '0 WDT';
      else if (!eu) zero = '0 EX';
      else {
        return { ok: false, code: 'ZERO_RATE_AMBIGUOUS', key: 'ZERO_RATE_AMBIGUOUS', params: {} };
      }
    }
    if (zero === '0 WDT' && !buyer.euVat) {
      return { ok: false, code: 'WDT_WITHOUT_VAT_ID', key: 'WDT_WITHOUT_VAT_ID', params: {} };
    }
    return { ok: true, cls: { p12: zero, rate: 0, netField: ZERO_FIELD[zero]! } };
  }
  const pl = Number.isInteger(taxRate) ? POLISH[taxRate] : undefined;
  if (pl) {
    return {
      ok: true,
      cls: {
        p12: pl.p12,
        rate: taxRate,
        netField: `P_13_${pl.n}`,
        vatField: `P_14_${pl.n}`,
        vatPlnField: `P_14_${pl.n}W`,
      },
    };
  }
  if (!oss)
    return { ok: false, code: 'ITEM_RATE_UNSUPPORTED', key: 'ITEM_RATE_UNSUPPORTED', params: { rate: taxRate } };
  return {
    ok: false,
    code: 'OSS_NOT_APPLICABLE',
    key: buyer.euVat ? 'OSS_NOT_APPLICABLE_VAT_ID' : 'OSS_NOT_APPLICABLE',
    params: { rate: taxRate, country: buyer.country },
  };
}
