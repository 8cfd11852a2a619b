/** Dates and ages for lists. Calendar days and times are shown in Warsaw time, as KSeF counts
 * them (docs/ksef-protocol.md: offline mode is decided by the Warsaw calendar day). */

import type { MessageKey, Translate } from '../../i18n/pages';
import type { InvoiceState, Lang } from '../../messaging';

const LOCALE: Record<Lang, string> = { pl: 'pl-PL', en: 'en-GB' };

export function formatDateTime(iso: string | undefined, lang: Lang): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return d.toLocaleString(LOCALE[lang], {
    timeZone: 'Europe/Warsaw',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
  });
}

export function formatTime(iso: string | undefined, lang: Lang): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return d.toLocaleTimeString(LOCALE[lang], { timeZone: 'Europe/Warsaw', hour: '2-digit', minute: '2-digit' });
}

/** "od 5 min" / "od 2 h" / "od 3 dni" since `iso`, for invoices waiting in KSeF. */
export function formatAge(iso: string | undefined, now: number, t: Translate): string {
  if (!iso) return '';
  const ms = now - new Date(iso).getTime();
  if (Number.isNaN(ms)) return '';
  const min = Math.floor(ms / 60_000);
  if (min < 1) return t('ageNow');
  if (min < 60) return t('ageMinutes', { n: min });
  const h = Math.floor(min / 60);
  if (h < 48) return t('ageHours', { n: h });
  return t('ageDays', { n: Math.floor(h / 24) });
}

const STATE_KEY: Record<InvoiceState, MessageKey> = {
  queued: 'stateQueued',
  sending: 'stateSending',
  processing: 'stateProcessing',
  accepted: 'stateAccepted',
  rejected: 'stateRejected',
  'needs-attention': 'stateNeedsAttention',
};

export function stateLabel(state: InvoiceState | undefined, t: Translate): string {
  return t(state ? STATE_KEY[state] : 'stateNone');
}
