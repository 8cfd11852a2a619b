/** Polish: the default UI language (issue 2). Keys are shared with en.ts, which must match. */
export const pl = {
  appName: 'KSeF dla Base',
  sendToKsef: 'Wyślij do KSeF',
  popupNotConfigured: 'Rozszerzenie nie jest jeszcze skonfigurowane.',
  openOptions: 'Otwórz ustawienia',
  optionsTitle: 'KSeF dla Base — ustawienia',
  language: 'Język interfejsu',
  saved: 'Zapisano',
  envBanner: 'Środowisko: {env}',
  errForbidden: 'Odmowa: to polecenie nie jest dostępne z tego miejsca.',
  errUnknownCommand: 'Nieznane polecenie.',
  errFailed: 'Wystąpił nieoczekiwany błąd rozszerzenia. Spróbuj ponownie.',
  errNoWorker: 'Nie można połączyć się z rozszerzeniem. Odśwież stronę.',
} as const;

export type MessageKey = keyof typeof pl;
