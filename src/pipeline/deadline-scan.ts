/**
 * Offline deadlines across the outbox: the invoices the extension still has to get into KSeF whose
 * last day is today, and those already past it (toolbar badge, the notification on the day).
 * Like the popup (summary.ts), they look only at the settings' context and leave out the invoices
 * marked "Pomiń" (src/skip/store.ts): the extension will not send those, so no deadline is missed.
 */
import type { InvoiceState, Settings } from '../messaging';
import type { OutboxStore } from '../outbox/store';
import { type OutboxRecord, sameContext } from '../outbox/types';
import { readSkipList } from '../skip/store';
import { deadlineStatus } from '../time/deadlines';
import { isSkipped } from './rules';
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
  const skips = await readSkipList(store, settings);
  for (const state of states) {
    for (const r of await store.byState(state)) {
      if (!sameContext(r, settings) || isSkipped(skips, r.invoiceId)) continue;
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

/**
 * The toolbar badge: the invoices the popup lists under "Wymaga uwagi" because the user must act
 * (rejected, needing attention, waiting past the deadline), in the settings' context, not skipped.
 */
export async function badgeCount(store: OutboxStore, settings: Settings, today: string): Promise<number> {
  const skips = await readSkipList(store, settings);
  const counted = (r: OutboxRecord) => sameContext(r, settings) && !isSkipped(skips, r.invoiceId);
  let n = 0;
  for (const state of ['rejected', 'needs-attention'] as const)
    n += (await store.byState(state)).filter(counted).length;
  // Rejected and needs-attention are counted above; a record the view cannot date counts as not late.
  const late = await scanDeadlines(store, settings, today, ['queued']).catch(() => ({ overdue: [] }));
  return n + late.overdue.length;
}
