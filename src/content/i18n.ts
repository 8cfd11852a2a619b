/**
 * The content script's own strings, Polish first. Kept apart from src/ui/i18n so the
 * content bundle stays small (under 15 KB gzipped).
 */
import type { Lang, SendBlock } from '../messaging';
import type { LongKey } from './long-texts';

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

type ShortKey = keyof typeof pl;
export type ContentKey = ShortKey | LongKey;
/** The longer texts, as the worker sent them (src/content/long-texts.ts). */
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

export type T = (key: ContentKey) => string;

/** `long`: the worker's longer texts; without them (the worker did not answer) those read ''. */
export function contentT(lang: Lang, long: LongTexts = {}): T {
  const table: Record<string, string> = { ...(lang === 'en' ? en : pl), ...long };
  return (key) => table[key] ?? '';
}

export function blockedText(t: T, b: SendBlock): string {
  return t(`blocked.${b}`);
}

/** storage.local key of the UI language (src/settings/lang.ts), read directly: importing that
 * module would pull the pages' whole string tables into the content bundle. */
export const LANG_KEY = 'uiLang';

export function langOf(v: unknown): Lang {
  return v === 'en' ? 'en' : 'pl';
}
