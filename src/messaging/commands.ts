/**
 * The command table: every command's request and response type, and the narrow set a content
 * script may send (the trust tiers of src/messaging.ts). Types plus one set; re-exported by
 * src/messaging.ts.
 */
import type { KsefEnv } from '../core/env';
import type { Settings } from './settings';
import type {
  BulkResult,
  ConnectionCheck,
  ExportProgress,
  InFlightSummary,
  InvoiceView,
  LiveLimitsView,
  OfflineCertificateInfo,
  PurchaseSummary,
  SecretsPresence,
  SeriesView,
  SystemWarningView,
} from './views';

/** Who may call what: extension pages everything, the content script `CONTENT_COMMANDS` only. */
export type Tier = 'page' | 'content';

export interface PingResponse {
  version: string;
  /** Which tier the worker put the caller in: handy for the pages and for tests. */
  tier: Tier;
}

/** A command without data. */
export type Empty = Record<string, never>;

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
