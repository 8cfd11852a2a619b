/**
 * The corrected invoice's reference for a KOR (docs/ksef-protocol.md §9; docs/base.md §1.2 notes): number and
 * issue date from the original Base invoice, KSeF number from the extension's own records first,
 * then Base's `gov_id` if Base's integration sent it.
 */
import type { BaseInvoice } from '../base/api/types';
import { invoiceDayOfUnix } from './dates';
import type { CorrectedInvoiceRef } from './types';

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
