/**
 * The one typed protocol between the content script, the extension pages and the worker
 * (docs/architecture.md, practice 2). Every command has a request and a response type; the worker
 * answers with an envelope so errors travel as values, never as thrown strings.
 *
 * Trust tiers: extension pages (popup, options, print) may use every command; the content script
 * on the Base panel gets only the narrow set in CONTENT_COMMANDS, because it runs next to a page
 * the extension does not control. No command ever returns a secret (token, key, password).
 */

export type Lang = 'pl' | 'en';
export type KsefEnv = 'test' | 'demo' | 'prod';

// ---------------------------------------------------------------------------------------------
// Values that cross the boundary
// ---------------------------------------------------------------------------------------------

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

/** Non-secret settings (chrome.storage.local). Secrets live encrypted in IndexedDB. */
export interface Settings {
  env: KsefEnv;
  /** Seller NIP (10 digits, checksum-valid). '' until configured. */
  nip: string;
  /** Seller data for Podmiot1. */
  seller: { name: string; addressL1: string; addressL2: string; countryCode: string };
  /** "Przekazuj faktury automatycznie". */
  autoSend: boolean;
  /** "Przekaż oznaczenie OSS". */
  oss: boolean;
  /** Numbering series that are sent; null until the user has seen the list (then all are on). */
  enabledSeries: string[] | null;
  /** VAT-rate rules for FA(3) (0% kinds, exemption basis). */
  rateRules: RateRulesSettings;
  /** KSeF failures the Ministry announced (first and last day): invoices issued then may be sent later. */
  ksefOutages?: { from: string; to: string }[];
  /** Per numbering series (Base `series_id`): split payment and the VAT-margin scheme. */
  seriesRules?: Record<string, SeriesRules>;
  /** Chosen Offline certificate (from KSeF's list); the key itself is in the secret store. */
  offlineCertificate: { serialNumber: string; name: string; validFrom: string; validTo: string } | null;
  uiLang: Lang;
  /** After acceptance, write the KSeF number into this order extra field in Base (off: null/absent). */
  ksefNumberToBase?: { fieldId: string; fieldName: string } | null;
  /** After acceptance, upload the stamped PDF (KSeF number, QR) into this order file extra field (off: null/absent). */
  stampedPdfToBase?: { fieldId: string; fieldName: string } | null;
}

export interface RateRulesSettings {
  /** 0% to an EU buyer with a VAT id: intra-community supply (WDT) by default. */
  euVatBuyerZero: '0 WDT' | '0 KR';
  /** 0% to a buyer outside the EU: export (EX) by default. */
  nonEuZero: '0 EX' | '0 KR';
  /** Basis of a VAT exemption (`zw`), required by FA(3) P_19A/B/C. */
  exemption: { kind: 'P_19A' | 'P_19B' | 'P_19C'; text: string } | null;
}

/** FA(3) rules of one numbering series (Serie numeracji). */
export interface SeriesRules {
  /** "Mechanizm podzielonej płatności" (P_18A): over 15,000 PLN gross, on every invoice, or never (default). */
  splitPayment?: 'never' | 'over-15000' | 'always';
  /** "Procedura marży": travel agencies, used goods, works of art, collectors' items and antiques. */
  margin?: 'travel' | 'used' | 'art' | 'antiques';
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

// ---------------------------------------------------------------------------------------------
// Commands
// ---------------------------------------------------------------------------------------------

export interface PingResponse {
  version: string;
  /** Which tier the worker put the caller in: handy for the pages and for tests. */
  tier: Tier;
}

type Empty = Record<string, never>;

export interface Commands {
  ping: { req: Empty; res: PingResponse };

  // ---- the panel (content script) and the pages
  /** Statuses for the rows on screen; unknown ids are looked up in Base (cached). */
  'invoices.view': { req: { invoiceIds: string[]; numbers?: string[] }; res: { items: InvoiceView[] } };
  /** Recent invoices for the fallback panel and the popup. */
  'invoices.recent': { req: { limit?: number }; res: { items: InvoiceView[] } };
  /** The invoice of a Base order (order card block). */
  'invoices.forOrder': { req: { orderId: string }; res: { items: InvoiceView[] } };
  /** Send one invoice now (manual click). Refused while a send of it is in progress. */
  'invoice.send': { req: { invoiceId: string }; res: { item: InvoiceView } };
  /** Send again after a rejection (clears the old link first). */
  'invoice.resend': { req: { invoiceId: string }; res: { item: InvoiceView } };
  /** QR previews as SVG markup (KOD I with its label; KOD II for offline invoices), made by
   * the worker so the content script does not carry a QR library. */
  'invoice.qr': { req: { invoiceId: string }; res: { kod1Svg: string | null; kod2Svg: string | null } };
  /** Opens the print page (Base's PDF stamped with the QR codes, or a printable summary). */
  'invoice.openPrint': { req: { invoiceId: string }; res: Empty };
  /** The panel's longer texts in the user's language (src/i18n/panel-long.ts). */
  'panel.texts': { req: Empty; res: { texts: Record<string, string> } };
  /** "Zgłoś układ strony": the worker saves the skeleton of the sender's tab (no text, no data)
   * as a file in the seller's downloads (src/background/page-skeleton.ts). */
  'page.layout': { req: Empty; res: { fileName: string } };
  /** Opens the extension's settings ("Skonfiguruj KSeF" on an unconfigured panel). */
  'options.open': { req: Empty; res: Empty };

  // ---- pages only
  /** The stamped PDF (base64) or, when Base's PDF cannot be had, null and the summary data. */
  'invoice.print': {
    req: { invoiceId: string };
    res: {
      pdfBase64: string | null;
      fileName: string;
      item: InvoiceView;
      reason?: string;
      /** KSeF has not accepted the invoice: the PDF (if any) is Base's own, without KSeF codes. */
      pending?: boolean;
    };
  };
  /** Popup lists: pending, needing attention, recently accepted; plus banner data. */
  'popup.summary': {
    req: Empty;
    res: {
      env: KsefEnv;
      configured: boolean;
      pending: InvoiceView[];
      attention: InvoiceView[];
      accepted: InvoiceView[];
      export: ExportProgress | null;
      warnings: string[];
    };
  };
  /** "Sprawdź teraz": poll KSeF for every pending invoice now. */
  'poll.now': { req: Empty; res: { checked: number } };
  /** "Sprawdź teraz" on one invoice: its status, its place in the session or its UPO, now. */
  'invoice.check': { req: { invoiceId: string }; res: { item: InvoiceView } };
  /** "Oznacz jako niewysłaną": only when KSeF's session list confirms it is not registered. */
  'invoice.markUnsent': { req: { invoiceId: string }; res: { item: InvoiceView } };
  /** What is in flight in the current environment + NIP (warning before changing them). */
  'outbox.inFlight': { req: Empty; res: InFlightSummary };

  'settings.get': { req: Empty; res: { settings: Settings; secrets: SecretsPresence } };
  /** Validates and saves; refuses anything invalid with a Polish message (nothing saved). */
  'settings.save': { req: { patch: Partial<Settings> }; res: { settings: Settings } };
  /** Stores the KSeF token encrypted ('' deletes it). 'test' means certificate login on TEST. */
  'secrets.setKsefToken': { req: { token: string }; res: { secrets: SecretsPresence } };
  'secrets.setBaseToken': { req: { token: string }; res: { secrets: SecretsPresence } };
  /** "Sprawdź połączenie": really logs in to KSeF and calls Base. */
  'connection.check': { req: Empty; res: ConnectionCheck };
  /** Seller data from Base to prefill Podmiot1 (from a recent invoice's seller block). */
  'seller.fromBase': { req: Empty; res: { seller: Settings['seller'] & { nip?: string } } };

  /** The account's Offline certificates, from KSeF. */
  'certs.listOffline': { req: Empty; res: { certificates: OfflineCertificateInfo[] } };
  /** Imports the private key for the chosen certificate; the password is used once. */
  'certs.importKey': {
    /** `passphrase`: optional, protects the stored key (asked once per browser session). */
    req: { serialNumber: string; fileName: string; fileBase64: string; password: string; passphrase?: string };
    res: { secrets: SecretsPresence; settings: Settings };
  };
  /** Gives this browser session the passphrase of the protected Offline key. */
  'certs.unlockKey': { req: { passphrase: string }; res: { secrets: SecretsPresence } };
  'certs.removeKey': { req: Empty; res: { secrets: SecretsPresence; settings: Settings } };

  'series.list': { req: Empty; res: { series: SeriesView[] } };

  /** Months available for export (current and 12 back) and how many invoices are not yet sent. */
  'export.count': { req: { month: string }; res: { month: string; notSent: number } };
  'export.start': { req: { month: string }; res: { progress: ExportProgress } };
  'export.progress': { req: Empty; res: { progress: ExportProgress | null } };

  /** The account's order extra fields in Base (for "Numer KSeF w Base"). */
  'base.orderExtraFields': { req: Empty; res: { fields: { id: string; name: string; kind: string }[] } };

  // ---- "Faktury w KSeF" page
  /** Every invoice the extension tracks (outbox records and skipped invoices), newest first. */
  'invoices.list': { req: Empty; res: { items: InvoiceView[] } };
  /** "Pomiń / wystawiona poza KSeF" with a reason; refused for an invoice in KSeF or on its way. */
  'invoice.skip': { req: { invoiceId: string; reason: string; number?: string }; res: { item: InvoiceView } };
  /** Undoes the skip mark. */
  'invoice.unskip': { req: { invoiceId: string }; res: { item: InvoiceView } };
  /** The stored UPO or the invoice XML sent to KSeF, as text (XML, UTF-8). */
  'invoice.file': { req: { invoiceId: string; kind: 'upo' | 'xml' }; res: { fileName: string; text: string } };
  /** Bulk actions on a selection: each invoice on its own, one outcome per invoice. */
  'invoices.sendMany': { req: { invoiceIds: string[] }; res: { results: BulkResult[] } };
  'invoices.checkMany': { req: { invoiceIds: string[] }; res: { results: BulkResult[] } };
  /** KSeF's latest system warning (unless dismissed) and current limits for the chosen environment. */
  'ksef.notices': { req: Empty; res: { warning: SystemWarningView | null; limits: LiveLimitsView | null } };
  /** Hides the system warning first seen at `at` until KSeF sends a different one. */
  'ksef.dismissWarning': { req: { at: string }; res: Empty };
  /** Received invoices: counts and the last sync (popup, purchases page). */
  'purchases.summary': { req: Empty; res: PurchaseSummary };
  /** Syncs received invoices from KSeF now; `monthsBack` only matters for the first sync. */
  'purchases.sync': { req: { monthsBack?: number }; res: PurchaseSummary };
  /** The purchases page was seen: "new since the last visit" restarts now. */
  'purchases.seen': { req: Empty; res: PurchaseSummary };
  /** "Przerwij eksport": stops the running export safely. */
  'export.cancel': { req: Empty; res: { progress: ExportProgress | null } };
}

export type CommandName = keyof Commands;
export type Req<K extends CommandName> = Commands[K]['req'];
export type Res<K extends CommandName> = Commands[K]['res'];

/** Commands a content script may send. Anything else from a tab is refused. */
export const CONTENT_COMMANDS: ReadonlySet<CommandName> = new Set<CommandName>([
  'ping',
  'invoices.view',
  'invoices.recent',
  'invoices.forOrder',
  'invoice.send',
  'invoice.resend',
  'invoice.qr',
  'invoice.openPrint',
  'options.open',
  'panel.texts',
  'page.layout',
]);

// ---------------------------------------------------------------------------------------------
// Request checks: one per command, applied by the worker's router before any handler runs
// ---------------------------------------------------------------------------------------------

/**
 * One command's request as its handler may take it, or null when it is malformed (the router
 * refuses it with `bad-request`). The types above hold only for honest callers: requests come
 * from pages and from a content script next to a page the extension does not control, so their
 * shape is checked at run time, once, here.
 */
export type RequestCheck<T> = (req: unknown) => T | null;

/** How many rows one `invoices.view` resolves (the panel asks in parts of 200). */
export const MAX_VIEW_ROWS = 500;
/** A bulk action takes at most this many invoices per command (the page sends larger selections in parts). */
export const MAX_BULK = 200;

/** A Base id as the worker keeps it: Base's ids are positive integers. */
export function isBaseId(x: unknown): x is string {
  return typeof x === 'string' && /^\d{1,12}$/.test(x);
}

type Fields = Record<string, unknown>;
const fieldsOf = (req: unknown): Fields | null =>
  typeof req === 'object' && req !== null && !Array.isArray(req) ? (req as Fields) : null;
const isString = (x: unknown): x is string => typeof x === 'string';
const isStringList = (x: unknown): x is string[] => Array.isArray(x) && x.every(isString);
const isNumber = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x);

/** A command without data: any object (or none) is taken as `{}`, so nothing else reaches the handler. */
const empty: RequestCheck<Empty> = (req) => (req === undefined || req === null || fieldsOf(req) ? {} : null);

const oneInvoice: RequestCheck<{ invoiceId: string }> = (req) => {
  const id = fieldsOf(req)?.invoiceId;
  return isBaseId(id) ? { invoiceId: id } : null;
};

const manyInvoices: RequestCheck<{ invoiceIds: string[] }> = (req) => {
  const ids = fieldsOf(req)?.invoiceIds;
  return Array.isArray(ids) && ids.length <= MAX_BULK && ids.every(isBaseId) ? { invoiceIds: ids } : null;
};

const month: RequestCheck<{ month: string }> = (req) => {
  const m = fieldsOf(req)?.month;
  return isString(m) ? { month: m } : null;
};

const token: RequestCheck<{ token: string }> = (req) => {
  const t = fieldsOf(req)?.token;
  return isString(t) ? { token: t } : null;
};

/** The panel reads candidate ids and numbers off the page: those the worker cannot know are
 * dropped, not refused, so one odd row does not cost the page its badges. */
const viewRequest: RequestCheck<Req<'invoices.view'>> = (req) => {
  const f = fieldsOf(req);
  if (!f || !isStringList(f.invoiceIds) || !(f.numbers === undefined || isStringList(f.numbers))) return null;
  return {
    invoiceIds: f.invoiceIds.filter(isBaseId).slice(0, MAX_VIEW_ROWS),
    numbers: (f.numbers ?? []).filter((n) => n.length <= 256).slice(0, MAX_VIEW_ROWS),
  };
};

const importKey: RequestCheck<Req<'certs.importKey'>> = (req) => {
  const f = fieldsOf(req);
  if (!f || !isString(f.serialNumber) || !isString(f.fileBase64)) return null;
  if (!(f.fileName === undefined || isString(f.fileName))) return null;
  if (!(f.password === undefined || isString(f.password))) return null;
  if (!(f.passphrase === undefined || isString(f.passphrase))) return null;
  return {
    serialNumber: f.serialNumber,
    fileName: f.fileName ?? '',
    fileBase64: f.fileBase64,
    password: f.password ?? '',
    ...(f.passphrase ? { passphrase: f.passphrase } : {}),
  };
};

/** Every command's check; the mapped type makes a new command without one a compile error. */
export const REQUEST_CHECKS: { readonly [K in CommandName]: RequestCheck<Req<K>> } = {
  ping: empty,
  'invoices.view': viewRequest,
  'invoices.recent': (req) => {
    const f = fieldsOf(req);
    if (!f || !(f.limit === undefined || isNumber(f.limit))) return null;
    return f.limit === undefined ? {} : { limit: f.limit };
  },
  'invoices.forOrder': (req) => {
    const id = fieldsOf(req)?.orderId;
    return isBaseId(id) ? { orderId: id } : null;
  },
  'invoice.send': oneInvoice,
  'invoice.resend': oneInvoice,
  'invoice.qr': oneInvoice,
  'invoice.openPrint': oneInvoice,
  'panel.texts': empty,
  'page.layout': empty,
  'options.open': empty,
  'invoice.print': oneInvoice,
  'popup.summary': empty,
  'poll.now': empty,
  'invoice.check': oneInvoice,
  'invoice.markUnsent': oneInvoice,
  'outbox.inFlight': empty,
  'settings.get': empty,
  'settings.save': (req) => {
    const patch = fieldsOf(fieldsOf(req)?.patch);
    return patch ? { patch: patch as Partial<Settings> } : null;
  },
  'secrets.setKsefToken': token,
  'secrets.setBaseToken': token,
  'connection.check': empty,
  'seller.fromBase': empty,
  'certs.listOffline': empty,
  'certs.importKey': importKey,
  'certs.unlockKey': (req) => {
    const p = fieldsOf(req)?.passphrase;
    return isString(p) && p !== '' ? { passphrase: p } : null;
  },
  'certs.removeKey': empty,
  'series.list': empty,
  'export.count': month,
  'export.start': month,
  'export.progress': empty,
  'base.orderExtraFields': empty,
  'invoices.list': empty,
  'invoice.skip': (req) => {
    const f = fieldsOf(req);
    if (!f || !isBaseId(f.invoiceId) || !isString(f.reason)) return null;
    if (!(f.number === undefined || isString(f.number))) return null;
    return { invoiceId: f.invoiceId, reason: f.reason, ...(f.number === undefined ? {} : { number: f.number }) };
  },
  'invoice.unskip': oneInvoice,
  'invoice.file': (req) => {
    const f = fieldsOf(req);
    return f && isBaseId(f.invoiceId) && (f.kind === 'upo' || f.kind === 'xml')
      ? { invoiceId: f.invoiceId, kind: f.kind }
      : null;
  },
  'invoices.sendMany': manyInvoices,
  'invoices.checkMany': manyInvoices,
  'ksef.notices': empty,
  'ksef.dismissWarning': (req) => {
    const at = fieldsOf(req)?.at;
    return isString(at) ? { at } : null;
  },
  'purchases.summary': empty,
  'purchases.sync': (req) => {
    const f = fieldsOf(req);
    const m = f?.monthsBack;
    // The first sync reaches back 1 to 12 months (the purchases page offers no other choice).
    if (!f || !(m === undefined || (Number.isInteger(m) && (m as number) >= 1 && (m as number) <= 12))) return null;
    return m === undefined ? {} : { monthsBack: m as number };
  },
  'purchases.seen': empty,
  'export.cancel': empty,
};

/** storage.local key the worker bumps after every outbox change; the panel and pages listen
 * to storage.onChanged and re-ask for what they show (badges update live). */
export const OUTBOX_REVISION_KEY = 'outboxRevision';

/** storage.local key the worker bumps after received invoices were stored (purchases page, popup). */
export const PURCHASES_REVISION_KEY = 'purchasesRevision';

export type Tier = 'page' | 'content';

export interface Message<K extends CommandName = CommandName> {
  /** Marks our own messages, so stray messages from libraries are ignored, not answered. */
  ksef: 1;
  cmd: K;
  req: Req<K>;
}

/** Stable code of a refused command, for programs and tests (the worker's table: src/background/error-info.ts). */
export type ErrorCode = 'forbidden' | 'bad-request' | 'failed' | 'busy' | 'not-configured' | 'unavailable';

export interface ErrorInfo {
  code: ErrorCode;
  /** Message for the user, already in the user's language. */
  message: string;
}

export type Reply<K extends CommandName = CommandName> = { ok: true; res: Res<K> } | { ok: false; error: ErrorInfo };

export function isMessage(x: unknown): x is Message {
  return (
    typeof x === 'object' &&
    x !== null &&
    (x as { ksef?: unknown }).ksef === 1 &&
    typeof (x as { cmd?: unknown }).cmd === 'string'
  );
}

/** What the worker knows about who sent a message (a subset of runtime.MessageSender). */
export interface SenderInfo {
  id?: string;
  url?: string;
  /** Present when the message came from a tab (content script, or an extension page in a tab). */
  tab?: unknown;
}

/**
 * Decides the caller's tier, or null to refuse it. Pure, so it is unit-tested without a browser.
 * - Another extension (different id) is refused.
 * - A page of this extension (URL under our own origin) is `page`, in a tab or not.
 * - A content script in a tab whose URL is on a panel host is `content`.
 * - Anything else is refused.
 */
export function classifySender(
  sender: SenderInfo,
  self: { id: string; origin: string },
  isPanelUrl: (url: string) => boolean,
): Tier | null {
  if (sender.id !== self.id) return null;
  const url = sender.url ?? '';
  if (url.startsWith(`${self.origin}/`)) return 'page';
  if (sender.tab && isPanelUrl(url)) return 'content';
  return null;
}
