/**
 * Which invoices the extension may send at all (shared by the send, auto-send, export and the
 * views, so the panel's disabled icon and the worker's refusal always agree).
 */
import type { Settings } from '../messaging';
import type { BaseInvoiceSummary } from './ports';

/** Base's own integration owns the invoice: gov_status 1/2/5 or a gov_id (docs/base.md §1.2, §3.2). */
export function isBaseOwned(s: Pick<BaseInvoiceSummary, 'govStatus' | 'govId'>): boolean {
  return (s.govId ?? '') !== '' || [1, 2, 5].includes(s.govStatus ?? 0);
}

export function isSeriesEnabled(settings: Settings, seriesId: string | undefined): boolean {
  // null: the user has not seen the list yet, then every series is on (messaging.ts Settings).
  if (settings.enabledSeries === null) return true;
  return seriesId !== undefined && settings.enabledSeries.includes(seriesId);
}

/** A seller NIP is configured (10 digits; settings validation checks the checksum). */
export function isConfigured(settings: Settings): boolean {
  return /^\d{10}$/.test(settings.nip);
}

/** The seller marked the invoice "Pomiń / wystawiona poza KSeF" (src/skip/store.ts): never send it. */
export function isSkipped(skips: Readonly<Record<string, unknown>>, invoiceId: string): boolean {
  return Object.hasOwn(skips, invoiceId);
}
