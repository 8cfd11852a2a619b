/**
 * The values that cross the message boundary: what the worker shows the panel and the pages about
 * invoices, exports, certificates, limits and received invoices. Types, and the export's cap on
 * problems shown; re-exported by
 * src/messaging.ts, where the protocol is described.
 */
import type { KsefEnv } from '../core/env';

/** Where an invoice is in its life with KSeF (seed "Obsługa statusów wysyłki"). */
export type InvoiceState =
  /** Waiting to be sent (auto-send, export, or a wait for a rate limit). */
  | 'queued'
  /** Being built/sent right now. */
  | 'sending'
  /** Sent; KSeF has not answered with a final status yet ("W przetwarzaniu"). */
  | 'processing'
  /** KSeF number assigned ("Zaakceptowana"). */
  | 'accepted'
  /** KSeF refused it; the link to KSeF is cleared so it can be fixed and sent again ("Odrzucona"). */
  | 'rejected'
  /** Not sendable as it is, or an error the user must look at (bad data, no certificate, Base down…). */
  | 'needs-attention';

/** Why the send icon is disabled for an invoice. */
export type SendBlock =
  | 'series-excluded'
  | 'base-owned'
  | 'in-ksef'
  | 'in-progress'
  | 'not-configured'
  /** Marked "Pomiń / wystawiona poza KSeF" by the seller. */
  | 'skipped';

/** What the UI shows about one Base invoice. Plain data, no secrets. */
export interface InvoiceView {
  /** Base `invoice_id`. */
  invoiceId: string;
  /** Invoice number as in Base (e.g. `FV/12/05/2026`). */
  number: string;
  /** Base series id (numbering series). */
  seriesId?: string;
  /** Issue date YYYY-MM-DD (Warsaw calendar day). */
  issueDate?: string;
  buyerName?: string;
  /** Buyer's NIP, when Base has one (search on the "Faktury w KSeF" page). */
  buyerNip?: string;
  /** Gross total and currency, for lists. */
  totalGross?: string;
  currency?: string;
  /** Base order id, for the order card. */
  orderId?: string;
  /** Absent: the extension never touched the invoice. */
  state?: InvoiceState;
  /** Sent (or to be sent) in offline mode (issue date before the Warsaw day of sending). */
  offline?: boolean;
  /** Offline, but no Offline certificate is configured: KOD II cannot be made (warn). */
  offlineWithoutCertificate?: boolean;
  /** Last day (YYYY-MM-DD, Warsaw) to get it into KSeF when it is not there yet: the offline deadline. */
  sendBy?: string;
  /** Rejected offline invoice whose next send is a technical correction of the rejected file. */
  technicalCorrection?: boolean;
  ksefNumber?: string;
  /** ISO timestamp of KSeF's acceptance ("Data przetworzenia"). */
  processedAt?: string;
  /** Polish (or English) explanation of a rejection or a problem. */
  reason?: string;
  /** KSeF's own status code and details, verbatim, for support. */
  ksefStatus?: { code: number; description: string; details?: string[] };
  /** KOD I link (every accepted/offline invoice) and KOD II link (offline invoices). */
  kod1Url?: string;
  kod2Url?: string;
  /** When the current state began (ISO), for "W przetwarzaniu od 2 h". */
  since?: string;
  updatedAt?: string;
  /** Set when the send icon must be disabled, with the reason. */
  blocked?: SendBlock;
  /** Why a queued invoice waits, short: "czeka na Base", "czeka na limit KSeF do 14:05". */
  waiting?: string;
  /** "Pomiń / wystawiona poza KSeF": the seller's reason and when it was marked (ISO). */
  skipped?: { reason: string; at: string };
  /** The UPO is stored (downloadable on the "Faktury w KSeF" page). */
  hasUpo?: boolean;
  /** The invoice XML can be downloaded (the bytes sent, or KSeF's copy once it has a KSeF number). */
  hasXml?: boolean;
  /** The KSeF environment, present when it is not PROD (badges and lists show it). */
  env?: KsefEnv;
  /** The record waits for KSeF (status, place in a session, UPO): "Sprawdź teraz" may ask now. */
  canCheck?: boolean;
  /** KSeF's session list confirmed it is not registered: "Oznacz jako niewysłaną" is offered. */
  canMarkUnsent?: boolean;
}

/** One invoice's outcome in a bulk action (send, re-check) of the "Faktury w KSeF" page. */
export interface BulkResult {
  invoiceId: string;
  ok: boolean;
  /** The invoice as it stands after the action (absent when the id is unknown). */
  item?: InvoiceView | undefined;
  /** Why the action did not happen, in the user's language. */
  message?: string;
}

/** What is in flight in one environment + NIP (the options page warns before a change). */
export interface InFlightSummary {
  env: KsefEnv;
  nip: string;
  /** Being sent, or sent with an unknown outcome. */
  sending: number;
  /** Sent, waiting for KSeF's final status. */
  processing: number;
  /** Waiting to be sent (a limit, an outage). */
  queued: number;
  /** Needing attention while still linked to a KSeF session. */
  linked: number;
  /** An export job is running. */
  exportRunning: boolean;
}

/** Which secrets exist (never their values). */
export interface SecretsPresence {
  ksefToken: boolean;
  baseToken: boolean;
  /** The imported Offline-certificate key, if any; `protected` under a passphrase, `locked` when
   * this browser session has not been given it yet. */
  offlineKey: { keyType: string; serialNumber: string; protected?: boolean; locked?: boolean } | null;
}

export interface OfflineCertificateInfo {
  serialNumber: string;
  name: string;
  validFrom: string;
  validTo: string;
  status: string;
}

export interface SeriesView {
  id: string;
  name: string;
  /** Base's number format, e.g. `FV/%N/%M/%Y`. */
  format?: string;
  type?: string;
  enabled: boolean;
}

export interface ExportProgress {
  month: string;
  state: 'idle' | 'counting' | 'running' | 'waiting' | 'done' | 'failed';
  total: number;
  sent: number;
  accepted: number;
  rejected: number;
  failed: number;
  /** 'batch' for many invoices, 'online' for few. */
  mode?: 'batch' | 'online';
  message?: string;
  /** ISO time of the next automatic step when waiting for a limit. */
  resumeAt?: string;
  /** Stopped with "Przerwij eksport" (or by a change of environment/NIP). */
  cancelled?: boolean;
  /** The invoices of this export that did not make it (rejected or needing the seller), with why;
   * at most EXPORT_PROBLEMS_SHOWN of them. */
  problems?: ExportProblem[];
}

export interface ExportProblem {
  invoiceId: string;
  number: string;
  state: 'rejected' | 'needs-attention';
  /** Why, in the user's language (KSeF's reason or ours). */
  reason?: string;
}

/** How many failed invoices an export's progress names (the page "Faktury w KSeF" has them all). */
export const EXPORT_PROBLEMS_SHOWN = 100;
/** KSeF's latest `X-System-Warning` for the chosen environment (never a secret). */
export interface SystemWarningView {
  env: KsefEnv;
  text: string;
  /** ISO time it was first seen. */
  at: string;
}

/** KSeF's current limits as last read (`GET /rate-limits`, `GET /limits/context`). */
export interface LiveLimitsView {
  env: KsefEnv;
  /** ISO time they were read. */
  fetchedAt: string;
  rates: Record<string, { perSecond: number; perMinute: number; perHour: number }>;
  context?: {
    onlineSession?: { maxInvoiceSizeInMB: number; maxInvoiceWithAttachmentSizeInMB: number; maxInvoices: number };
    batchSession?: { maxInvoiceSizeInMB: number; maxInvoiceWithAttachmentSizeInMB: number; maxInvoices: number };
  };
}

export interface ConnectionCheck {
  ksef: {
    ok: boolean;
    message: string;
    /** The KSeF token's permissions (from KSeF) and those the extension needs but the token lacks;
     * absent for a certificate login or when KSeF could not say. */
    permissions?: { present: string[]; missing: string[] };
  };
  base: { ok: boolean; message: string };
}

/** Received ("purchase") invoices of the configured environment and NIP (Faktury zakupowe). */
export interface PurchaseSummary {
  /** `env|nip` the invoices are kept under (the page reads them from its database); null until configured. */
  scope: string | null;
  total: number;
  /** Stored after the last visit of the purchases page. */
  newSinceVisit: number;
  /** The last visit (ms; 0 = never), so the page can mark what is new. */
  lastVisitAt: number;
  lastSyncAt?: number;
  /** The last sync failed: a code and a message in the user's language. */
  error?: { code: string; message: string };
  /** ISO time the sync continues by itself (a limit, an export being prepared). */
  resumeAt?: string;
  /** Never synced yet: the page offers how far back to reach. */
  neverSynced: boolean;
}
