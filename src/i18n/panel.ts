/**
 * The content slice: the panel's short strings, Polish first. The content script imports only
 * this slice (and src/core/lang), so its bundle stays small (under 12 KB gzipped, test/bench/panel.ts); the panel's
 * longer texts come from the worker (panel-long.ts).
 */

import { DEFAULT_LANG, isLang, type Lang } from '../core/lang';
import type { SendBlock } from '../messaging';
import type { Texts } from './fill';
import type { LongKey } from './panel-long';

const pl = {
  send: 'Wyślij do KSeF',
  setup: 'Skonfiguruj KSeF',
  processing: 'W przetwarzaniu',
  accepted: 'Zaakceptowana',
  rejected: 'Odrzucona',
  attention: 'Wymaga uwagi',
  offline: 'Offline',
  sendBy: 'wyślij do',
  copied: 'Skopiowano numer KSeF',
  qr: 'Kod QR',
  qrHide: 'Ukryj kod QR',
  pdf: 'Pobierz PDF z KSeF',
  resend: 'Wyślij ponownie',
  panelTitle: 'KSeF — ostatnie faktury',
  layout: 'Zgłoś układ strony',
  ticked: 'Wyślij zaznaczone do KSeF',
  orderTitle: 'KSeF',
  failed: 'Nie udało się połączyć z rozszerzeniem. Odśwież stronę i spróbuj ponownie.',
  /** BCP 47 locale for numbers. */
  locale: 'pl-PL',
};

export type ShortKey = keyof typeof pl;
export type ContentKey = ShortKey | LongKey;
/** The longer texts, as the worker sent them (src/i18n/panel-long.ts). */
export type LongTexts = Partial<Record<LongKey, string>>;

const en: Record<ShortKey, string> = {
  send: 'Send to KSeF',
  setup: 'Set up KSeF',
  processing: 'Processing',
  accepted: 'Accepted',
  rejected: 'Rejected',
  attention: 'Needs attention',
  offline: 'Offline',
  sendBy: 'send by',
  copied: 'KSeF number copied',
  qr: 'QR code',
  qrHide: 'Hide QR code',
  pdf: 'Download PDF from KSeF',
  resend: 'Send again',
  panelTitle: 'KSeF — recent invoices',
  layout: 'Report page layout',
  ticked: 'Send ticked to KSeF',
  orderTitle: 'KSeF',
  failed: 'Could not reach the extension. Reload the page and try again.',
  locale: 'en-GB',
};

export const CONTENT_TEXTS: Texts<ShortKey> = { pl, en };

export type T = (key: ContentKey) => string;

/** `long`: the worker's longer texts; without them (the worker did not answer) those read ''. */
export function contentT(lang: Lang, long: LongTexts = {}): T {
  const table: Record<string, string> = { ...(lang === 'en' ? en : pl), ...long };
  return (key) => table[key] ?? '';
}

export function blockedText(t: T, b: SendBlock): string {
  return t(`blocked.${b}`);
}

export function langOf(v: unknown): Lang {
  return isLang(v) ? v : DEFAULT_LANG;
}
