/**
 * The date by which an invoice the extension has not got into KSeF yet must be sent (offline
 * deadline, src/time/deadlines.ts), as the UI shows it ("wyślij do …"), and whether it has passed.
 */
import type { InvoiceView, Settings } from '../messaging';
import { offlineDeadline } from '../time/deadlines';

const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The last day to send the invoice, or undefined when there is nothing to send: KSeF already has it
 * (processing, accepted), it is being sent, or the extension will not send it (Base's own
 * integration, an excluded series).
 */
export function sendByFor(view: InvoiceView, settings: Settings): string | undefined {
  if (view.state === 'accepted' || view.state === 'processing' || view.state === 'sending') return undefined;
  if (view.blocked && view.blocked !== 'not-configured') return undefined;
  if (!view.issueDate || !DATE_RE.test(view.issueDate)) return undefined;
  return offlineDeadline(view.issueDate, settings.ksefOutages ?? []);
}

/** Past its deadline on `today` (YYYY-MM-DD, Warsaw). */
export function isOverdue(view: InvoiceView, today: string): boolean {
  return view.sendBy !== undefined && view.sendBy < today;
}
