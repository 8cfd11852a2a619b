/**
 * The popup's lists (messaging.ts `popup.summary`): invoices waiting for
 * KSeF ("W przetwarzaniu", with their age), invoices needing attention (rejected with a reason,
 * offline without a certificate, errors), and the recently accepted ones, with warning lines in the
 * UI language (src/i18n/summary.ts).
 */

import { warsawDay } from '../core/warsaw';
import { countedWarning, summaryText } from '../i18n/summary';
import type { InvoiceView, Lang, Settings } from '../messaging';
import type { OutboxStore } from '../outbox/store';
import type { OutboxRecord } from '../outbox/types';
import { sameContext } from '../outbox/types';
import { readSkipList } from '../skip/store';
import { isOverdue } from './deadline';
import { isSkipped } from './rules';
import { toView } from './view';

export interface PopupLists {
  pending: InvoiceView[];
  attention: InvoiceView[];
  accepted: InvoiceView[];
  warnings: string[];
}

export async function popupLists(
  store: OutboxStore,
  settings: Settings,
  lang: Lang,
  opts: { acceptedLimit?: number; attentionLimit?: number; today?: string } = {},
): Promise<PopupLists> {
  const view = (r: OutboxRecord) => toView(r, settings, lang);
  // The lists show the settings' environment and NIP; other contexts are one warning line.
  const here = (r: OutboxRecord) => sameContext(r, settings);
  // Waiting past the offline deadline is a problem for the user, not a wait: listed under attention.
  const today = opts.today ?? warsawDay(Date.now());
  const overdue = (r: OutboxRecord) => r.state === 'queued' && isOverdue(view(r), today);
  const waiting = [
    ...(await store.byState('processing')),
    ...(await store.byState('sending')),
    ...(await store.byState('queued')),
  ];
  const pending = waiting.filter((r) => here(r) && !overdue(r)).sort((a, b) => a.stateSince - b.stateSince); // oldest first: the longest wait on top
  const skips = await readSkipList(store, settings);
  const needsLook = (r: OutboxRecord) =>
    here(r) &&
    !isSkipped(skips, r.invoiceId) &&
    (overdue(r) ||
      r.state === 'rejected' ||
      r.state === 'needs-attention' ||
      (r.state === 'accepted' && r.offlineWithoutCertificate === true));
  const elsewhere = [
    ...waiting.filter((r) => !here(r)),
    ...(await store.byState('needs-attention')).filter((r) => !here(r) && r.sessionRef !== undefined),
  ];
  const attention = await store.recent(opts.attentionLimit ?? 50, needsLook);
  const accepted = await store.recent(opts.acceptedLimit ?? 20, (r) => here(r) && r.state === 'accepted');

  const warnings: string[] = [];
  if (!/^\d{10}$/.test(settings.nip)) warnings.push(summaryText('notConfigured', lang));
  const noCert = attention.filter((r) => r.offlineWithoutCertificate).length;
  if (noCert > 0) warnings.push(countedWarning('noCert', noCert, lang));
  const rejected = attention.filter((r) => r.state === 'rejected').length;
  if (rejected > 0) warnings.push(countedWarning('rejected', rejected, lang));
  if (elsewhere.length > 0) {
    const where = [...new Set(elsewhere.map((r) => `${r.env.toUpperCase()}, NIP ${r.nip || '—'}`))].join('; ');
    warnings.push(countedWarning('otherContext', elsewhere.length, lang, { where }));
  }
  const late = attention.filter((r) => r.state !== 'accepted' && isOverdue(view(r), today)).length;
  if (late > 0) warnings.push(countedWarning('overdue', late, lang));

  return {
    pending: pending.map(view),
    attention: attention.map(view),
    accepted: accepted.map(view),
    warnings,
  };
}

/** The newest records as views (`invoices.recent`). */
export async function recentViews(
  store: OutboxStore,
  settings: Settings,
  lang: Lang,
  limit = 20,
): Promise<InvoiceView[]> {
  return (await store.recent(limit, (r) => sameContext(r, settings))).map((r) => toView(r, settings, lang));
}
