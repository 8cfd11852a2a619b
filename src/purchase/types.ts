/** Received ("purchase") invoices: what is stored per invoice and per (environment, NIP). */
import type { KsefEnv } from '../core/env';
import type { InvoiceMetadata } from '../ksef/invoice-query';

/** Everything is kept apart per environment and NIP: `test|5265877635`. */
export type Scope = string;

export function scopeOf(env: KsefEnv, nip: string): Scope {
  return `${env}|${nip}`;
}

/** One received invoice (without its XML, kept in the `files` store under the same id). */
export interface PurchaseRecord {
  /** `${scope}|${ksefNumber}`. */
  id: string;
  scope: Scope;
  ksefNumber: string;
  invoiceNumber: string;
  /** YYYY-MM-DD (P_1). */
  issueDate: string;
  /** YYYY-MM of the issue date: the month filter. */
  month: string;
  sellerNip: string;
  sellerName: string;
  net: number;
  /** VAT in PLN (as KSeF's metadata gives it). */
  vat: number;
  gross: number;
  currency: string;
  invoiceType: string;
  permanentStorageDate: string;
  invoiceHash: string;
  /** For corrections: what the XML names as the corrected invoice. */
  correctedKsefNumber?: string;
  correctedNumber?: string;
  /** When this extension stored it (ms): "new since the last visit". */
  syncedAt: number;
  size: number;
  meta: InvoiceMetadata;
}

/** A running export, kept so a killed worker continues with it (the key included). */
export interface PendingExport {
  referenceNumber: string;
  key: CryptoKey;
  iv: Uint8Array;
  from: string;
  to?: string;
  startedAt: number;
}

export interface SyncError {
  code: 'no-permission' | 'auth' | 'unavailable' | 'integrity' | 'failed';
  /** Polish, for logs; the only words of an error stored by an older version (it has no `cause`). */
  message: string;
  /** Why a `failed` sync failed, as a code with parameters: the words are chosen at the edge, in the
   * UI language (src/background/purchase-texts.ts). Absent when nothing more is known. */
  cause?: SyncCause;
}

/** KSeF failures worded like the client's others (src/i18n/errors.ts), or an unexpected one. */
export type SyncCause =
  | { code: 'unexpected' }
  | { code: 'ksef.unknown-public-key' | 'ksef.gone' }
  | { code: 'ksef.session-not-held'; params: { ref: string } }
  | { code: 'ksef.untrusted-host'; params: { host: string } }
  | { code: 'ksef.rejected'; params: { code: number; description: string } };

/** Per-scope sync state (meta store `sync:<scope>`). */
export interface SyncState {
  /**
   * Where the next query starts (PermanentStorage date, inclusive): KSeF's permanentStorageHwmDate
   * after a complete window, or the last stored date of a truncated one. Unset before the first sync.
   */
  hwm?: string;
  // `| undefined` on the fields the sync clears: a patch spreads the state, so an explicit
  // undefined is how a field is dropped.
  export?: PendingExport | undefined;
  /** Failed export attempts in a row (expired, cancelled, bad package). */
  exportRetries?: number;
  /** Stored since the last "N nowych faktur zakupowych" notification. */
  unnotified: number;
  lastSyncAt?: number;
  lastError?: SyncError | undefined;
  /** When the sync continues by itself (a rate limit or an export in progress). */
  retryAt?: number | undefined;
}

export const EMPTY_STATE: SyncState = { unnotified: 0 };
