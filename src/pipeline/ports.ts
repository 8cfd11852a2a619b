/**
 * What the send pipeline needs from the rest of the extension, as small ports. The pipeline is
 * pure (no chrome APIs, no imports of the client modules); the
 * service worker (src/background/) passes adapters over the real modules. Tests pass fakes.
 *
 * Errors: every port throws `PortError` (below) for the cases the pipeline treats differently;
 * anything else thrown is treated as a temporary failure ('unavailable').
 */
import type { CodedText } from '../i18n/errors';
import type { KsefEnv, Settings } from '../messaging';
import type { BuildProblem, KsefStatusInfo } from '../outbox/types';

// ---------------------------------------------------------------------------------------------
// Errors
// ---------------------------------------------------------------------------------------------

export type PortErrorKind =
  /** 429 / Base ERROR_BLOCKED_TOKEN / a client-side limiter: try again at `retryAt`. */
  | 'rate-limited'
  /** The request may or may not have reached KSeF (timeout, dropped connection). */
  | 'unknown-outcome'
  /** Token missing/refused (KSeF 401/403, Base token invalid). */
  | 'unauthorized'
  /** KSeF refused synchronously (HTTP 400 with an exception code); nothing was registered. */
  | 'rejected'
  /** No such invoice (Base) or reference (KSeF: 404, or 21173 "no such session"). */
  | 'not-found'
  /**
   * The invoice POST was refused because the session can no longer take invoices (closed,
   * expired, not held by this client any more: 21173/21180): nothing was registered in it.
   */
  | 'session-gone'
  /** Service down, network down before sending, 5xx: nothing was registered. */
  | 'unavailable';

export class PortError extends Error {
  constructor(
    readonly kind: PortErrorKind,
    /** A Polish default, for logs and records written before `text` existed. */
    message: string,
    readonly extra: {
      retryAt?: number;
      status?: KsefStatusInfo;
      /**
       * What went wrong by code (set by the adapters, which alone know the clients' errors): records
       * and jobs store it, and the pages word it in the UI language.
       */
      text?: CodedText;
    } = {},
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'PortError';
  }
  get retryAt(): number | undefined {
    return this.extra.retryAt;
  }
  get text(): CodedText | undefined {
    return this.extra.text;
  }
}

export function isPortError(e: unknown): e is PortError {
  return e instanceof PortError;
}

// ---------------------------------------------------------------------------------------------
// Base (backed by src/base/api: getInvoices with get_government_data, getSeries)
// ---------------------------------------------------------------------------------------------

/** A Base invoice normalised for the pipeline, plus the raw decoded object for FA(3). */
export interface BaseInvoiceSummary {
  id: string;
  number: string;
  seriesId: string;
  /** YYYY-MM-DD, the Warsaw calendar day of `date_add` (fa3/dates.ts `invoiceDayOfUnix`). */
  issueDate: string;
  orderId?: string;
  buyerName?: string;
  /** Buyer's NIP as Base has it (search on the invoices page). */
  buyerNip?: string;
  totalGross?: string;
  currency?: string;
  /** Base's `gov_status` (1 Sent, 2 Accepted, 3 Rejected, 5 Offline; docs/base.md §1.2), 0/absent: none. */
  govStatus?: number;
  /** Base's `gov_id` (KSeF number from Base's own integration), '' or absent: none. */
  govId?: string;
  /** The decoded invoice (src/base/api `BaseInvoice`) to hand to the FA(3) builder. Opaque here. */
  raw: unknown;
}

export interface BasePort {
  /** getInvoices({invoice_id, get_government_data:true}). Throws PortError('not-found') if absent. */
  getInvoice(id: string): Promise<BaseInvoiceSummary>;
  /**
   * getInvoices({id_from | date_from, series_id?, get_government_data:true}): one page (Base
   * returns at most 100, docs/base.md §1.2), ascending by id. `seriesIds` null = every series.
   */
  listInvoicesSince(
    from: { idFrom: number } | { dateFrom: number },
    seriesIds: readonly string[] | null,
  ): Promise<BaseInvoiceSummary[]>;
  /** Every invoice issued in `month` (YYYY-MM, Warsaw), all pages, in the given series. */
  listMonth(month: string, seriesIds: readonly string[] | null): Promise<BaseInvoiceSummary[]>;
}

// ---------------------------------------------------------------------------------------------
// FA(3) (backed by src/fa3 buildFa3 + the XSD validator)
// ---------------------------------------------------------------------------------------------

export type Fa3BuildResult =
  | {
      ok: true;
      /** The exact UTF-8 bytes to send (docs/ksef-protocol.md §3.3). */
      xml: Uint8Array;
      /** Base64 SHA-256 of `xml`. */
      hash: string;
      number: string;
      /** `P_1`, YYYY-MM-DD. */
      issueDate: string;
    }
  | { ok: false; errors: BuildProblem[] };

export interface Fa3Port {
  build(raw: unknown, settings: Settings): Promise<Fa3BuildResult>;
}

// ---------------------------------------------------------------------------------------------
// KSeF (backed by src/ksef OnlineSessions, BatchSessions, invoice-status, upo)
// ---------------------------------------------------------------------------------------------

/** An invoice status in a session (docs/ksef-protocol.md §3.4; src/ksef `interpretInvoiceStatus`). */
export type KsefInvoiceStatus =
  | { kind: 'pending'; code: number }
  | {
      kind: 'accepted';
      ksefNumber: string;
      acquisitionDate?: string;
      invoicingMode?: 'Online' | 'Offline';
    }
  /** 440: already in KSeF; adopt `originalKsefNumber` (its UPO is in `originalSessionRef`). */
  | {
      kind: 'duplicate';
      originalKsefNumber?: string;
      originalSessionRef?: string;
      status: KsefStatusInfo;
      explanation?: string;
    }
  | { kind: 'rejected'; status: KsefStatusInfo; explanation?: string };

export interface BatchFile {
  /** Outbox id (Base invoice id). */
  id: string;
  hash: string;
}

export interface KsefPort {
  /** The open interactive session to use, opening one if needed (OnlineSessions.ensureOpen). */
  ensureSession(): Promise<{ sessionRef: string }>;
  /**
   * ONE invoice POST of the exact bytes into the given session (OnlineSessions.postInvoice): no
   * look-up and no second POST here, the pipeline owns reconciliation. Throws 'session-gone'
   * when the session cannot take it (nothing registered), 'unknown-outcome' when the POST may
   * have reached KSeF, 'rejected'/'rate-limited'/'unauthorized' when KSeF refused the POST.
   */
  sendOnline(input: {
    sessionRef: string;
    xml: Uint8Array;
    hash: string;
    offline: boolean;
    /** Technical correction of the rejected offline file with this hash (§5; needs `offline`). */
    correctionOf?: string;
  }): Promise<{ sessionRef: string; invoiceRef: string }>;
  /** Finds an invoice in a session by its hash (OnlineSessions.findByHash); null when absent. */
  findInSession(sessionRef: string, hash: string): Promise<{ invoiceRef: string } | null>;
  /** GET /sessions/{ref}/invoices/{invRef}, interpreted. */
  status(sessionRef: string, invoiceRef: string): Promise<KsefInvoiceStatus>;
  /**
   * Base64 SHA-256 of the file KSeF stores under a KSeF number (GET /invoices/ksef/{n}), or null
   * when it cannot be had yet: the KOD I of an invoice adopted from 440 (§6.1). Optional.
   */
  storedHash?(ksefNumber: string): Promise<string | null>;
  /** The invoice's UPO as XML (src/ksef/upo.ts downloadInvoiceUpo). */
  upo(sessionRef: string, invoiceRef: string, ksefNumber: string): Promise<string>;
  /**
   * The UPO of an invoice known only by its KSeF number in a session
   * (GET /sessions/{ref}/invoices/ksef/{ksefNumber}/upo): a 440-adopted invoice's original.
   */
  upoByKsefNumber?(sessionRef: string, ksefNumber: string): Promise<string>;
  /**
   * The session UPO (GET /sessions/{ref} upo.pages, then each page): per KSeF number, the page
   * that confirms it and that invoice's `Dokument` entry; null while KSeF has not issued it yet.
   * Lets a batch collect its UPOs with one read per page instead of one per invoice. Optional.
   */
  sessionUpo?(sessionRef: string): Promise<SessionUpoEntries | null>;
  /**
   * Batch step 1 (§4 steps 1–5): ZIP, encrypt, open the batch session, upload every part. NOT
   * closed: until `closeBatch`, KSeF registers nothing, so a worker killed here loses nothing.
   * Fallback while src/ksef's BatchSessions.submit does open+upload+close in one call: close
   * here and answer 'already-closed' from closeBatch. Then a worker killed between that close and
   * the pipeline recording the session re-sends the batch; 440 adopts the numbers (nothing lost,
   * but KSeF saw the invoices twice), which the split avoids.
   */
  openBatch(
    /**
     * Reads the batch's invoices from the start, one by one, in the same order on every call: the
     * package may be read twice (its parts' hashes are declared before the upload) and never needs
     * them all in memory (src/ksef/batch-source.ts).
     */
    items: () => AsyncIterable<{ id: string; xml: Uint8Array }>,
    opts: { offline: boolean },
  ): Promise<{
    sessionRef: string;
    files: BatchFile[];
  }>;
  /**
   * Batch step 2 (§4 step 6): close. 'already-closed' when KSeF says the session is past open
   * (21180: the close went through before the worker died); 'incomplete' when parts are missing
   * (21205) or the upload window passed (21208): the session will be cancelled, send again.
   */
  closeBatch(sessionRef: string): Promise<'closed' | 'already-closed' | 'incomplete'>;
  /**
   * Per-invoice results of a batch session (§4 step 7, `/sessions/{ref}/invoices` + `/failed`):
   * `done` once the session has a final status; invoices keyed by hash.
   */
  batchResults(sessionRef: string): Promise<{
    done: boolean;
    sessionStatus?: KsefStatusInfo;
    invoices: { hash: string; invoiceRef: string; status: KsefInvoiceStatus }[];
  }>;
}

// ---------------------------------------------------------------------------------------------
// QR (backed by src/qr buildKod1Url / buildKod2Url and src/secrets for the Offline key)
// ---------------------------------------------------------------------------------------------

/** KSeF number → the session UPO page (its reference) and the invoice's own `Dokument` entry. */
export type SessionUpoEntries = Map<string, { upoRef: string; entry: string }>;

export interface QrPort {
  /** KOD I link (docs/ksef-protocol.md §6.1). */
  kod1(input: { env: KsefEnv; sellerNip: string; issueDate: string; hash: string }): string;
  /** KOD II link (§6.2), or null when no Offline certificate key is configured. */
  kod2(input: { env: KsefEnv; sellerNip: string; hash: string; settings: Settings }): Promise<string | null>;
}

// ---------------------------------------------------------------------------------------------
// Time
// ---------------------------------------------------------------------------------------------

export interface Clock {
  now(): number;
}

/**
 * Wake-ups the worker turns into chrome.alarms (`chrome.alarms.create(name, {when})`), then
 * calls `pipeline.wake(name)` when one fires. Setting a name again replaces its time.
 */
export interface Scheduler {
  at(name: string, whenMs: number): void | Promise<void>;
}
