/**
 * What the print says about the invoice's KSeF state. The label under KOD I follows
 * docs/ksef-protocol.md §6.1 (KSeF number once known, `OFFLINE` before); the status wording is ours.
 */
export type PrintStatus = 'accepted' | 'pending' | 'offline' | 'rejected';

/** Full Polish wording (HTML summary). */
export const STATUS_PL: Record<PrintStatus, string> = {
  accepted: 'Przyjęta w KSeF',
  pending: 'Wysłana do KSeF, oczekuje na numer KSeF',
  offline: 'Wystawiona w trybie offline, do przesłania do KSeF',
  rejected: 'Odrzucona przez KSeF',
};

/** The same wording using only letters the PDF standard fonts have (see text.ts). */
export const STATUS_PDF: Record<PrintStatus, string> = {
  accepted: 'zaakceptowana w KSeF',
  pending: 'wysyłana do KSeF, numer KSeF jeszcze nie nadany',
  offline: 'tryb offline, numer KSeF zostanie nadany po przesłaniu',
  rejected: 'odrzucona przez KSeF',
};
