/** Dates and ages for lists. Calendar days and times are shown in Warsaw time, as KSeF counts
 * them (docs/ksef-protocol.md: offline mode is decided by the Warsaw calendar day). */
import { warsawClock, warsawDateTimeText } from '../../core/warsaw';
import type { MessageKey, Translate } from '../../i18n/pages';
import type { InvoiceState, Lang } from '../../messaging';

/** An ISO time as `05.12.2026, 14:05` (Polish) or `05/12/2026, 14:05` (English); text that is no
 * time is shown as it came. */
export function formatDateTime(iso: string | undefined, lang: Lang): string {
  if (!iso) return '';
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? iso : warsawDateTimeText(ms, lang);
}

/** An ISO time as `HH:MM` on the Warsaw clock (the same in both languages). */
export function formatTime(iso: string | undefined, _lang: Lang): string {
  if (!iso) return '';
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? iso : warsawClock(ms);
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
