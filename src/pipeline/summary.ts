/**
 * The popup's lists (messaging.ts `popup.summary`): invoices waiting for
 * KSeF ("W przetwarzaniu", with their age), invoices needing attention (rejected with a reason,
 * offline without a certificate, errors), and the recently accepted ones.
 */

import { warsawDay } from '../core/warsaw';
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

/** Polish plural: 1 faktura, 2–4 (22–24…) faktury, otherwise faktur (12–14 too). */
export function plPlural(n: number, one: string, few: string, many: string): string {
  if (n === 1) return one;
  const tens = n % 100;
  return n % 10 >= 2 && n % 10 <= 4 && (tens < 12 || tens > 14) ? few : many;
}

const WARN = {
  pl: {
    noCert: (n: number) =>
      `${n} ${plPlural(n, 'faktura wysłana', 'faktury wysłane', 'faktur wysłanych')} w trybie offline bez certyfikatu Offline: brak kodu KOD II. Dodaj certyfikat w ustawieniach.`,
    rejected: (n: number) =>
      `${n} ${plPlural(n, 'faktura odrzucona', 'faktury odrzucone', 'faktur odrzuconych')} przez KSeF: popraw i wyślij ponownie.`,
    notConfigured: 'Rozszerzenie nie jest skonfigurowane: podaj NIP sprzedawcy w ustawieniach.',
    otherContext: (n: number, where: string) =>
      `${n} ${plPlural(n, 'faktura', 'faktury', 'faktur')} z innych ustawień (${where}) w toku lub do sprawdzenia: ich wynik jest sprawdzany w tamtym środowisku.`,
    overdue: (n: number) =>
      `${n} ${plPlural(n, 'faktura nie trafiła', 'faktury nie trafiły', 'faktur nie trafiło')} do KSeF w terminie (koniec następnego dnia roboczego po wystawieniu): wyślij je jak najszybciej.`,
  },
  en: {
    noCert: (n: number) =>
      `${n} invoice(s) sent offline without an Offline certificate: no KOD II. Add the certificate in the settings.`,
    rejected: (n: number) => `${n} invoice(s) rejected by KSeF: fix and send again.`,
    notConfigured: 'The extension is not configured: enter the seller NIP in the settings.',
    otherContext: (n: number, where: string) =>
      `${n} invoice(s) from other settings (${where}) in progress or to check: their outcome is checked in that environment.`,
    overdue: (n: number) =>
      `${n} invoice(s) did not reach KSeF in time (the end of the next working day after issue): send them as soon as possible.`,
  },
} as const;

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
  const skips = await readSkipList(store);
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
  const accepted = await store.recent(opts.acceptedLimit ?? 20, (r) => r.state === 'accepted');

  const w = WARN[lang];
  const warnings: string[] = [];
  if (!/^\d{10}$/.test(settings.nip)) warnings.push(w.notConfigured);
  const noCert = attention.filter((r) => r.offlineWithoutCertificate).length;
  if (noCert > 0) warnings.push(w.noCert(noCert));
  const rejected = attention.filter((r) => r.state === 'rejected').length;
  if (rejected > 0) warnings.push(w.rejected(rejected));
  if (elsewhere.length > 0) {
    const where = [...new Set(elsewhere.map((r) => `${r.env.toUpperCase()}, NIP ${r.nip || '—'}`))].join('; ');
    warnings.push(w.otherContext(elsewhere.length, where));
  }
  const late = attention.filter((r) => r.state !== 'accepted' && isOverdue(view(r), today)).length;
  if (late > 0) warnings.push(w.overdue(late));

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
