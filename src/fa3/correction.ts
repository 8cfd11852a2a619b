/**
 * The corrected invoice's reference for a KOR (docs/ksef-protocol.md §9; docs/base.md §1.2 notes): number and
 * issue date from the original Base invoice, KSeF number from the extension's own records first,
 * then Base's `gov_id` if Base's integration sent it; and the KOR's elements naming it.
 */
import type { BaseInvoice } from '../base/api/types';
import { inFa3DateRange, invoiceDayOfUnix } from './dates';
import { toGrosz } from './money';
import { fa3Problem } from './problem';
import type { CorrectedInvoiceRef, Fa3Error, RateRuleSet } from './types';
import { collapse, el, type XmlNode } from './xml';

/** TNumerKSeF from the XSD. */
export const KSEF_NUMBER_RE =
  /^([1-9]((\d[1-9])|([1-9]\d))\d{7}|M\d{9}|[A-Z]{3}\d{7})-(20[2-9][0-9]|2[1-9][0-9]{2}|[3-9][0-9]{3})(0[1-9]|1[0-2])(0[1-9]|[1-2][0-9]|3[0-1])-([0-9A-F]{6})-?([0-9A-F]{6})-([0-9A-F]{2})$/;

export function correctionRefFromBase(
  original: BaseInvoice,
  ksefNumberFromRecords?: string | null,
): CorrectedInvoiceRef {
  const ksef = (ksefNumberFromRecords ?? '').trim() || (original.gov?.govId ?? '').trim();
  return {
    number: original.number,
    issueDate: invoiceDayOfUnix(original.dateAdd),
    ...(ksef ? { ksefNumber: ksef } : {}),
  };
}

/** A KOR's `Fa` elements about the corrected invoice; what is missing or wrong goes to `errors`. */
export function correctionElements(
  inv: BaseInvoice,
  ref: CorrectedInvoiceRef | undefined,
  rules: RateRuleSet,
  errors: Fa3Error[],
): XmlNode[] {
  const correction: XmlNode[] = [];
  if (!ref) {
    const id = inv.correctingToInvoiceId;
    const field = 'correcting_to_invoice_id';
    errors.push(
      id
        ? fa3Problem('CORRECTION_ORIGINAL_MISSING', field, { id })
        : fa3Problem('CORRECTION_ORIGINAL_MISSING', field, {}, 'CORRECTION_ORIGINAL_MISSING_NO_ID'),
    );
  } else {
    const ksef = (ref.ksefNumber ?? '').trim();
    const refNumber = collapse(ref.number);
    if (!refNumber || !inFa3DateRange(ref.issueDate)) {
      errors.push(fa3Problem('CORRECTION_ORIGINAL_INCOMPLETE', 'correcting_to_invoice_id'));
    }
    if (ksef && !KSEF_NUMBER_RE.test(ksef)) errors.push(fa3Problem('CORRECTION_KSEF_INVALID', 'gov_id', { ksef }));
    else if (!ksef && !ref.outsideKsef) {
      errors.push(fa3Problem('CORRECTION_KSEF_MISSING', 'gov_id', { number: refNumber }));
    }
    const dane: XmlNode[] = [el('DataWystFaKorygowanej', ref.issueDate), el('NrFaKorygowanej', refNumber)];
    if (ksef) dane.push(el('NrKSeF', '1'), el('NrKSeFFaKorygowanej', ksef));
    else dane.push(el('NrKSeFN', '1'));
    const reason = collapse(inv.correctingReason).slice(0, 256);
    if (reason) correction.push(el('PrzyczynaKorekty', reason));
    // TypKorekty: the rule if set; else a correction that lowers the amount due (returns, discounts)
    // takes effect in the correction's period (art. 29a ust. 13) → 2; otherwise left out (optional).
    const lowers = toGrosz(inv.totalPriceBrutto) < 0;
    const typ = rules.correctionType ?? (lowers ? 2 : undefined);
    if (typ) correction.push(el('TypKorekty', String(typ)));
    correction.push(el('DaneFaKorygowanej', dane));
  }
  return correction;
}
