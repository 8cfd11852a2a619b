/**
 * FA(3) `Adnotacje`: the annotations the VAT act requires on an invoice (art. 106e ust. 1 pkt 16–18a,
 * art. 106e ust. 1 pkt 19, art. 119/120), decided from the series' rules and the invoice's lines.
 */
import type { RateClass } from './rates';
import type { MarginKind, RateRuleSet, SplitPaymentRule } from './types';
import { collapse, el, type XmlNode } from './xml';

/** Art. 108a ust. 1a: split payment applies to invoices whose amount due exceeds 15,000 zł. */
export const SPLIT_PAYMENT_THRESHOLD_GROSZ = 1_500_000;

/** FA(3) element for each margin-scheme kind, and the words the invoice must carry (art. 106e ust. 1 pkt 24). */
export const MARGIN_KINDS: Record<MarginKind, { element: string; words: string }> = {
  travel: { element: 'P_PMarzy_2', words: 'procedura marży dla biur podróży' },
  used: { element: 'P_PMarzy_3_1', words: 'procedura marży - towary używane' },
  art: { element: 'P_PMarzy_3_2', words: 'procedura marży - dzieła sztuki' },
  antiques: { element: 'P_PMarzy_3_3', words: 'procedura marży - przedmioty kolekcjonerskie i antyki' },
};

/** The rule as stored: `true` (the older switch) means the statutory threshold, not "every invoice". */
export function splitPaymentRule(rules: RateRuleSet): SplitPaymentRule {
  const r = rules.splitPayment;
  if (r === true) return 'over-15000';
  if (r === false || r === undefined) return 'never';
  return r;
}

/**
 * Whether P_18A = 1. `over-15000` compares the amount due in PLN (for a foreign currency, converted
 * at the invoice's rate, as for the tax base); without a rate for a foreign currency it is undecided.
 */
export function marksSplitPayment(
  rules: RateRuleSet,
  grossGrosz: number,
  plnPerUnit: number | undefined,
): boolean | undefined {
  const rule = splitPaymentRule(rules);
  if (rule === 'never') return false;
  if (rule === 'always') return true;
  if (plnPerUnit === undefined) return undefined;
  return Math.abs(grossGrosz) * plnPerUnit > SPLIT_PAYMENT_THRESHOLD_GROSZ;
}

/** Reverse charge: the buyer accounts for the tax: domestic `oo` and services taxed where the buyer is (`np II`, art. 28b). */
export function isReverseCharge(cls: RateClass): boolean {
  return cls.p12 === 'oo' || cls.p12 === 'np II';
}

export function adnotacje(rules: RateRuleSet, classes: RateClass[], splitPayment: boolean): XmlNode {
  const hasZw = classes.some((c) => c.p12 === 'zw');
  const zw: XmlNode[] = [];
  if (hasZw && rules.exemption) {
    zw.push(el('P_19', '1'), el(`P_19${rules.exemption.basis}`, collapse(rules.exemption.text)));
  } else zw.push(el('P_19N', '1'));
  const margin = rules.margin ? MARGIN_KINDS[rules.margin] : undefined;
  return el('Adnotacje', [
    el('P_16', rules.cashAccounting ? '1' : '2'),
    el('P_17', '2'),
    el('P_18', classes.some(isReverseCharge) ? '1' : '2'),
    el('P_18A', splitPayment ? '1' : '2'),
    el('Zwolnienie', zw),
    el('NoweSrodkiTransportu', [el('P_22N', '1')]),
    el('P_23', '2'),
    el('PMarzy', margin ? [el('P_PMarzy', '1'), el(margin.element, '1')] : [el('P_PMarzyN', '1')]),
  ]);
}
