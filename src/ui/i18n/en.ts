import type { MessageKey } from './pl';

/** English: the second UI language. `satisfies` makes a missing key a type error. */
export const en = {
  appName: 'KSeF for Base',
  sendToKsef: 'Send to KSeF',
  popupNotConfigured: 'The extension is not configured yet.',
  openOptions: 'Open settings',
  optionsTitle: 'KSeF for Base — settings',
  language: 'Interface language',
  saved: 'Saved',
  envBanner: 'Environment: {env}',
  errForbidden: 'Refused: this command is not available from here.',
  errUnknownCommand: 'Unknown command.',
  errFailed: 'An unexpected extension error occurred. Please try again.',
  errNoWorker: 'Cannot reach the extension. Reload the page.',
} as const satisfies Record<MessageKey, string>;
