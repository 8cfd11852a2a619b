/**
 * Offline deadlines across the outbox: the invoices the extension still has to get into KSeF whose
 * last day is today, and those already past it (toolbar badge, the notification on the day).
 */
import type { InvoiceState, Settings } from '../messaging';
import type { OutboxStore } from '../outbox/store';
import { type OutboxRecord, sameContext } from '../outbox/types';
import { deadlineStatus } from '../time/deadlines';
import { toView } from './view';

export interface DeadlineScan {
  /** Invoice numbers whose last day to send is today. */
  dueToday: string[];
  overdue: string[];
}

const UNSENT: readonly InvoiceState[] = ['queued', 'needs-attention', 'rejected'];

/** The same date the UI shows for the record (view.ts), so the badge, popup and notification agree. */
function sendByOf(r: OutboxRecord, settings: Settings): string | undefined {
  return toView(r, settings, 'pl').sendBy;
}

export async function scanDeadlines(
  store: OutboxStore,
  settings: Settings,
  today: string,
  states: readonly InvoiceState[] = UNSENT,
): Promise<DeadlineScan> {
  const out: DeadlineScan = { dueToday: [], overdue: [] };
  for (const state of states) {
    for (const r of await store.byState(state)) {
      if (!sameContext(r, settings)) continue;
      const by = sendByOf(r, settings);
      // An invoice issued today is not offline yet: it can still go online today.
      if (!by || !r.issueDate || r.issueDate >= today) continue;
      const s = deadlineStatus(by, today);
      if (s === 'today') out.dueToday.push(r.number || r.invoiceId);
      else if (s === 'overdue') out.overdue.push(r.number || r.invoiceId);
    }
  }
  return out;
}
