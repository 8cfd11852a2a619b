/**
 * The panel's longer texts (tooltips, explanations), Polish and English. The worker hands them to
 * the content script in the user's language (command `panel.texts`, src/background/handlers/
 * page-layout.ts): the content script's bundle has a size budget (test/bench/panel.ts) and these
 * are read by the seller far less often than the badges themselves.
 */
export const PANEL_LONG_TEXTS = {
  pl: {
    offlineNoCert:
      'Faktura offline bez certyfikatu Offline: nie da się zrobić kodu KOD II. Dodaj certyfikat w ustawieniach (Przekazywanie dokumentów).',
    copy: 'Kliknij, aby skopiować numer KSeF',
    copyFailed: 'Nie udało się skopiować: zaznacz numer i skopiuj go ręcznie.',
    qrBad: 'Nie udało się pokazać kodu QR: rozszerzenie dostało nieprawidłowy obraz.',
    qrNone: 'Ta faktura nie ma jeszcze kodu QR.',
    resendCorrection:
      'Faktura offline: zostanie wysłana jako korekta techniczna odrzuconego pliku, więc kody QR na wydanej już fakturze nadal zadziałają.',
    envTitle: 'Środowisko KSeF inne niż produkcyjne: faktury nie trafiają do prawdziwego KSeF.',
    'blocked.series-excluded': 'Seria tej faktury nie jest zaznaczona w ustawieniach (Serie numeracji).',
    'blocked.base-owned': 'Tę fakturę wysyła do KSeF integracja Base; rozszerzenie jej nie wyśle.',
    'blocked.in-ksef': 'Ta faktura jest już w KSeF.',
    'blocked.in-progress': 'Ta faktura jest właśnie wysyłana do KSeF.',
    'blocked.not-configured': 'Rozszerzenie nie jest skonfigurowane: uzupełnij ustawienia (Połączenie).',
    'blocked.skipped': 'Oznaczona „Pomiń / wystawiona poza KSeF”.',
    orderNone: 'To zamówienie nie ma faktury w Base.',
    panelEmpty: 'Brak faktur do pokazania.',
    layoutTitle:
      'Zapisuje do pliku sam układ tej strony (znaczniki i klasy, bez treści i danych), aby można go było wysłać autorom rozszerzenia.',
    layoutSaved: 'Zapisano w pobranych plikach:',
    queued: 'W kolejce do KSeF',
    sending: 'Wysyłanie…',
    since: 'od',
    loading: 'Wczytywanie…',
    panelHide: 'Zwiń panel KSeF',
    panelShow: 'Rozwiń panel KSeF',
    processedAt: 'Data przetworzenia',
  },
  en: {
    offlineNoCert:
      'Offline invoice without an Offline certificate: KOD II cannot be made. Add the certificate in the settings (Document transfer).',
    copy: 'Click to copy the KSeF number',
    copyFailed: 'Could not copy: select the number and copy it by hand.',
    qrBad: 'Could not show the QR code: the extension received an invalid image.',
    qrNone: 'This invoice has no QR code yet.',
    resendCorrection:
      'Offline invoice: it will be sent as a technical correction of the rejected file, so the QR codes on the invoice already issued keep working.',
    envTitle: 'A non-production KSeF environment: invoices do not reach the real KSeF.',
    'blocked.series-excluded': "This invoice's series is not checked in the settings (Numbering series).",
    'blocked.base-owned': "Base's own integration sends this invoice to KSeF; the extension will not.",
    'blocked.in-ksef': 'This invoice is already in KSeF.',
    'blocked.in-progress': 'This invoice is being sent to KSeF right now.',
    'blocked.not-configured': 'The extension is not configured yet: fill in the settings (Connection).',
    'blocked.skipped': 'Marked "Skip / issued outside KSeF".',
    orderNone: 'This order has no invoice in Base.',
    panelEmpty: 'No invoices to show.',
    layoutTitle:
      "Saves only this page's layout (tags and classes, no text and no data) to a file you can send to the extension's authors.",
    layoutSaved: 'Saved in your downloads:',
    queued: 'Queued for KSeF',
    sending: 'Sending…',
    since: 'since',
    loading: 'Loading…',
    panelHide: 'Collapse the KSeF panel',
    panelShow: 'Expand the KSeF panel',
    processedAt: 'Processed',
  },
} as const;

export type LongKey = keyof (typeof PANEL_LONG_TEXTS)['pl'];
