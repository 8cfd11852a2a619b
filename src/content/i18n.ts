/**
 * The content script's own strings, Polish first. Kept apart from src/ui/i18n so the
 * content bundle stays small (under 15 KB gzipped).
 */
import type { Lang, SendBlock } from '../messaging';

const pl = {
  send: 'Wyślij do KSeF',
  setup: 'Skonfiguruj KSeF',
  sending: 'Wysyłanie…',
  queued: 'W kolejce do KSeF',
  processing: 'W przetwarzaniu',
  accepted: 'Zaakceptowana',
  rejected: 'Odrzucona',
  attention: 'Wymaga uwagi',
  offline: 'Offline',
  sendBy: 'wyślij do',
  offlineNoCert:
    'Faktura offline bez certyfikatu Offline: nie da się zrobić kodu KOD II. Dodaj certyfikat w ustawieniach (Przekazywanie dokumentów).',
  copy: 'Kliknij, aby skopiować numer KSeF',
  copied: 'Skopiowano numer KSeF',
  copyFailed: 'Nie udało się skopiować: zaznacz numer i skopiuj go ręcznie.',
  processedAt: 'Data przetworzenia',
  qr: 'Kod QR',
  qrHide: 'Ukryj kod QR',
  qrBad: 'Nie udało się pokazać kodu QR: rozszerzenie dostało nieprawidłowy obraz.',
  qrNone: 'Ta faktura nie ma jeszcze kodu QR.',
  pdf: 'Pobierz PDF z KSeF',
  resend: 'Wyślij ponownie',
  resendCorrection:
    'Faktura offline: zostanie wysłana jako korekta techniczna odrzuconego pliku, więc kody QR na wydanej już fakturze nadal zadziałają.',
  since: 'od',
  envTitle: 'Środowisko KSeF inne niż produkcyjne: faktury nie trafiają do prawdziwego KSeF.',
  'blocked.series-excluded': 'Seria tej faktury nie jest zaznaczona w ustawieniach (Serie numeracji).',
  'blocked.base-owned': 'Tę fakturę wysyła do KSeF integracja Base; rozszerzenie jej nie wyśle.',
  'blocked.in-ksef': 'Ta faktura jest już w KSeF.',
  'blocked.in-progress': 'Ta faktura jest właśnie wysyłana do KSeF.',
  'blocked.not-configured': 'Rozszerzenie nie jest skonfigurowane: uzupełnij ustawienia (Połączenie).',
  'blocked.skipped': 'Oznaczona „Pomiń / wystawiona poza KSeF”.',
  panelTitle: 'KSeF — ostatnie faktury',
  panelEmpty: 'Brak faktur do pokazania.',
  panelHide: 'Zwiń panel KSeF',
  panelShow: 'Rozwiń panel KSeF',
  orderTitle: 'KSeF',
  orderNone: 'To zamówienie nie ma faktury w Base.',
  loading: 'Wczytywanie…',
  failed: 'Nie udało się połączyć z rozszerzeniem. Odśwież stronę i spróbuj ponownie.',
  /** BCP 47 locale for numbers. */
  locale: 'pl-PL',
};

export type ContentKey = keyof typeof pl;

const en: Record<ContentKey, string> = {
  send: 'Send to KSeF',
  setup: 'Set up KSeF',
  sending: 'Sending…',
  queued: 'Queued for KSeF',
  processing: 'Processing',
  accepted: 'Accepted',
  rejected: 'Rejected',
  attention: 'Needs attention',
  offline: 'Offline',
  sendBy: 'send by',
  offlineNoCert:
    'Offline invoice without an Offline certificate: KOD II cannot be made. Add the certificate in the settings (Document transfer).',
  copy: 'Click to copy the KSeF number',
  copied: 'KSeF number copied',
  copyFailed: 'Could not copy: select the number and copy it by hand.',
  processedAt: 'Processed',
  qr: 'QR code',
  qrHide: 'Hide QR code',
  qrBad: 'Could not show the QR code: the extension received an invalid image.',
  qrNone: 'This invoice has no QR code yet.',
  pdf: 'Download PDF from KSeF',
  resend: 'Send again',
  resendCorrection:
    'Offline invoice: it will be sent as a technical correction of the rejected file, so the QR codes on the invoice already issued keep working.',
  since: 'since',
  envTitle: 'A non-production KSeF environment: invoices do not reach the real KSeF.',
  'blocked.series-excluded': "This invoice's series is not checked in the settings (Numbering series).",
  'blocked.base-owned': "Base's own integration sends this invoice to KSeF; the extension will not.",
  'blocked.in-ksef': 'This invoice is already in KSeF.',
  'blocked.in-progress': 'This invoice is being sent to KSeF right now.',
  'blocked.not-configured': 'The extension is not configured yet: fill in the settings (Connection).',
  'blocked.skipped': 'Marked "Skip / issued outside KSeF".',
  panelTitle: 'KSeF — recent invoices',
  panelEmpty: 'No invoices to show.',
  panelHide: 'Collapse the KSeF panel',
  panelShow: 'Expand the KSeF panel',
  orderTitle: 'KSeF',
  orderNone: 'This order has no invoice in Base.',
  loading: 'Loading…',
  failed: 'Could not reach the extension. Reload the page and try again.',
  locale: 'en-GB',
};

export type T = (key: ContentKey) => string;

export function contentT(lang: Lang): T {
  const table = lang === 'en' ? en : pl;
  return (key) => table[key];
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
