/**
 * The outbox record: everything the extension knows about one Base invoice's life with KSeF
 * One record per Base `invoice_id`; it is the single source of truth a restarted
 * service worker resumes from (docs/architecture.md "Every step can be resumed"), so every field that
 * a later step needs is written BEFORE the network step that produces the next one.
 */
import type { InvoiceState, KsefEnv } from '../messaging';

export type { InvoiceState };

/**
 * Which KSeF environment and seller NIP a record belongs to. An invoice sent on TEST is not sent
 * on PROD: every look-up of a record names its context.
 */
export interface OutboxContext {
  env: KsefEnv;
  nip: string;
}

/** The key of one record: its context and the Base invoice id. Every record is its own ref. */
export interface RecordRef extends OutboxContext {
  invoiceId: string;
}

export function refOf(ctx: OutboxContext, invoiceId: string): RecordRef {
  return { env: ctx.env, nip: ctx.nip, invoiceId };
}

export function sameContext(a: OutboxContext, b: OutboxContext): boolean {
  return a.env === b.env && a.nip === b.nip;
}

/** What started a send: a click, the auto-send alarm, or the monthly export. */
export type SendTrigger = 'manual' | 'auto' | 'export';

/** KSeF's own status, verbatim (docs/ksef-protocol.md §3.4), kept for support. */
export interface KsefStatusInfo {
  code: number;
  description: string;
  details?: string[];
}

/**
 * One FA(3) build problem. `message` is Polish; with `params` the UI words it in its own language
 * from `key` (or `code`) by the fa3 slice of src/i18n. Records stored before problems had `params`
 * show their `message`.
 */
export interface BuildProblem {
  code: string;
  message: string;
  field?: string;
  params?: Record<string, string | number>;
  /** The fa3 text key when it is not `code`. */
  key?: string;
}

/** One line of the attempt history: what happened, when, why. Never a secret or invoice XML. */
export interface AttemptEntry {
  at: number;
  trigger?: SendTrigger;
  /** Short machine name, e.g. `claimed`, `sent`, `status-pending`, `rate-limited`, `rejected`. */
  event: string;
  detail?: string;
}

/** Current record schema version (see db.ts for migrations). */
export const RECORD_SCHEMA = 3;

export interface OutboxRecord {
  schema: number;
  /** KSeF environment the record belongs to (part of the key). */
  env: KsefEnv;
  /** Seller (context) NIP the record belongs to (part of the key). */
  nip: string;
  /** Base `invoice_id` (string: Base sends ints or numeric strings, docs/base.md §1.1). */
  invoiceId: string;
  state: InvoiceState;

  // ---- copy of the Base summary, for lists and views
  number: string;
  seriesId?: string;
  /** `P_1`, YYYY-MM-DD (Warsaw calendar day). */
  issueDate?: string;
  // `| undefined`: a new Base summary without the field overwrites an older copy (summaryFields).
  orderId?: string | undefined;
  buyerName?: string | undefined;
  /** Buyer's NIP as in Base, for searching. */
  buyerNip?: string | undefined;
  totalGross?: string | undefined;
  currency?: string | undefined;
  /** Base's own KSeF integration owns the invoice (gov_status 1/2/5 or a gov_id; docs/base.md §1.2, §3.2). */
  baseOwned?: boolean;

  // ---- what was sent
  trigger?: SendTrigger;
  /** Sent in offline mode: issue date earlier than the Warsaw day of sending (docs/ksef-protocol.md §5). */
  offline?: boolean;
  /** Base64 SHA-256 of `xml`: the invoice's identity in KSeF (§3.3) and in KOD I (§6.1). */
  hash?: string;
  /**
   * The EXACT bytes sent (or about to be sent). Never logged. Dropped once the UPO is stored (the
   * hash stays): from then on KSeF holds the invoice and the UPO proves it.
   */
  xml?: Uint8Array;
  /** 'online' (interactive session, §3) or 'batch' (§4). */
  channel?: 'online' | 'batch';
  /** Export job the invoice was sent by, when sent in a batch. */
  batchJob?: string;

  // ---- the link to KSeF (cleared on rejection, seed: "czyści jej powiązanie z KSeF")
  sessionRef?: string;
  invoiceRef?: string;

  // ---- outcome
  ksefNumber?: string;
  /** ISO `acquisitionDate` (KSeF-number assignment, "Data przetworzenia"). */
  processedAt?: string;
  invoicingMode?: 'Online' | 'Offline';
  /**
   * UPO XML (§3.5). Absent until fetched; `upoMissing` (1, a valid IndexedDB key, so the sparse
   * index `byUpoMissing` holds exactly these records) keeps it retried by the hourly poll.
   */
  upo?: string;
  upoMissing?: 1;
  /**
   * A batch invoice confirmed by its session's UPO: the page reference and this invoice's
   * `Dokument` entry from it. The invoice's own UPO (`upo`) stays fetchable on demand.
   */
  sessionUpo?: { sessionRef: string; upoRef: string; entry: string };
  kod1Url?: string;
  kod2Url?: string;
  /** Offline invoice but no Offline certificate/key: KOD II could not be made (warn). */
  offlineWithoutCertificate?: boolean;
  /** 440: KSeF already had this invoice; `ksefNumber` is the original one (§3.4). */
  duplicateAdopted?: boolean;
  /** 440: the session of the original invoice (`originalSessionReferenceNumber`), for its UPO. */
  originalSessionRef?: string;
  /** 440: the original invoice's reference in that session, once looked up (for its UPO). */
  originalInvoiceRef?: string;
  /** Hash of the last rejected file (for a technical correction, §5), kept after unlinking. */
  rejectedHash?: string;
  /**
   * Technical correction (docs/ksef-protocol.md §5): hash of the offline file KSeF received and rejected
   * for a technical reason. The next send goes as its correction (`hashOfCorrectedInvoice`), so the
   * KOD I already on the buyer's copy leads to the corrected invoice. Cleared once accepted.
   */
  correctionOf?: string;

  // ---- problems
  ksefStatus?: KsefStatusInfo;
  /** Stable code of the current problem, rendered in the UI language (pipeline/messages.ts). */
  reasonCode?: string;
  /** Polish explanation (KSeF's or ours), verbatim; used when `reasonCode` has no template. */
  reason?: string;
  /** Parameters of the `reasonCode` template. */
  reasonParams?: Record<string, string>;
  problems?: BuildProblem[];

  // ---- scheduling
  /** Who is sending right now (pipeline instance) and until when that claim holds. */
  owner?: string;
  leaseUntil?: number;
  /** Earliest time the next automatic step may run (rate limit, follow-up check). */
  retryAt?: number;
  /** How many status checks ran in the current `processing` period. */
  checks?: number;
  /** Checks or look-ups in a row that failed (error, not a pending answer); reset by an answer. */
  failedChecks?: number;

  // ---- timestamps (ms since epoch)
  createdAt: number;
  updatedAt: number;
  /** When the current state began ("W przetwarzaniu od 2 h"). */
  stateSince: number;
  attempts: AttemptEntry[];
}

/** Attempt history is for support, not an audit log: keep the latest entries only. */
export const MAX_ATTEMPTS = 50;
