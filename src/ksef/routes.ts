/**
 * Every KSeF API operation this client calls, by name: HTTP method, OpenAPI path template (relative to
 * the environment's `/v2` base) and the rate-limit group it spends (docs/ksef-protocol.md §8.1). The
 * HTTP layer (http.ts) is addressed by route name only, so the template that builds the URL and the
 * group that takes the limiter slot can never disagree. test/ksef/routes.test.ts checks each entry
 * against the official OpenAPI document (its path, method, path parameters and `x-rate-limits`).
 *
 * Pre-signed URLs (batch part upload, export part download, UPO download links) are not API
 * operations: KSeF hands them out complete and does not count them against these limits.
 */
import type { LimitGroup } from './limits';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';

export interface KsefRoute {
  readonly method: HttpMethod;
  /** OpenAPI path template, e.g. `/sessions/{referenceNumber}`. */
  readonly template: string;
  readonly group: LimitGroup;
}

export const ROUTES = {
  // Authentication handshake and the keys it needs (§2); limited per IP, 60/s each.
  authChallenge: { method: 'POST', template: '/auth/challenge', group: 'auth' },
  authKsefToken: { method: 'POST', template: '/auth/ksef-token', group: 'auth' },
  authXadesSignature: { method: 'POST', template: '/auth/xades-signature', group: 'auth' },
  authStatus: { method: 'GET', template: '/auth/{referenceNumber}', group: 'auth' },
  authTokenRedeem: { method: 'POST', template: '/auth/token/redeem', group: 'auth' },
  authTokenRefresh: { method: 'POST', template: '/auth/token/refresh', group: 'auth' },
  publicKeyCertificates: { method: 'GET', template: '/security/public-key-certificates', group: 'auth' },

  // KSeF's own current limits (live-limits.ts).
  rateLimits: { method: 'GET', template: '/rate-limits', group: 'other' },
  contextLimits: { method: 'GET', template: '/limits/context', group: 'other' },

  // Online session (§3).
  onlineSessionOpen: { method: 'POST', template: '/sessions/online', group: 'onlineSession' },
  onlineSessionClose: { method: 'POST', template: '/sessions/online/{referenceNumber}/close', group: 'onlineSession' },
  onlineInvoiceSend: { method: 'POST', template: '/sessions/online/{referenceNumber}/invoices', group: 'invoiceSend' },

  // Batch session (§4).
  batchSessionOpen: { method: 'POST', template: '/sessions/batch', group: 'batchSession' },
  batchSessionClose: { method: 'POST', template: '/sessions/batch/{referenceNumber}/close', group: 'batchSession' },

  // Session and invoice status, UPO (§3.4, §3.5); the same for batch sessions.
  sessionStatus: { method: 'GET', template: '/sessions/{referenceNumber}', group: 'sessionMisc' },
  sessionInvoices: { method: 'GET', template: '/sessions/{referenceNumber}/invoices', group: 'sessionInvoiceList' },
  sessionFailedInvoices: {
    method: 'GET',
    template: '/sessions/{referenceNumber}/invoices/failed',
    group: 'sessionInvoiceList',
  },
  sessionInvoiceStatus: {
    method: 'GET',
    template: '/sessions/{referenceNumber}/invoices/{invoiceReferenceNumber}',
    group: 'invoiceStatus',
  },
  sessionInvoiceUpo: {
    method: 'GET',
    template: '/sessions/{referenceNumber}/invoices/{invoiceReferenceNumber}/upo',
    group: 'sessionMisc',
  },
  sessionInvoiceUpoByKsefNumber: {
    method: 'GET',
    template: '/sessions/{referenceNumber}/invoices/ksef/{ksefNumber}/upo',
    group: 'sessionMisc',
  },
  sessionUpo: { method: 'GET', template: '/sessions/{referenceNumber}/upo/{upoReferenceNumber}', group: 'sessionMisc' },

  // Invoices stored in KSeF: download by KSeF number (§3.4), metadata query and export packages.
  invoiceDownload: { method: 'GET', template: '/invoices/ksef/{ksefNumber}', group: 'invoiceDownload' },
  invoiceMetadataQuery: { method: 'POST', template: '/invoices/query/metadata', group: 'invoiceMetadata' },
  invoiceExportStart: { method: 'POST', template: '/invoices/exports', group: 'invoiceExport' },
  invoiceExportStatus: { method: 'GET', template: '/invoices/exports/{referenceNumber}', group: 'invoiceExportStatus' },

  // KSeF certificates (§7) and token permissions (§2.2): the shared "other" bucket.
  certificatesQuery: { method: 'POST', template: '/certificates/query', group: 'other' },
  certificatesRetrieve: { method: 'POST', template: '/certificates/retrieve', group: 'other' },
  tokenStatus: { method: 'GET', template: '/tokens/{referenceNumber}', group: 'other' },
} as const satisfies Record<string, KsefRoute>;

export type RouteName = keyof typeof ROUTES;

/** The `{placeholder}` names of a path template, as a union of string literals. */
type Placeholders<T extends string> = T extends `${string}{${infer P}}${infer Rest}` ? P | Placeholders<Rest> : never;

/** The path parameters a route needs, one string per placeholder (encoded when the URL is built). */
export type RouteParams<R extends RouteName> = {
  readonly [K in Placeholders<(typeof ROUTES)[R]['template']>]: string;
};

/**
 * A route with exactly the path parameters its template names: a missing or misspelt parameter is a
 * type error rather than a wrong URL.
 */
export type RouteTarget = {
  [R in RouteName]: [Placeholders<(typeof ROUTES)[R]['template']>] extends [never]
    ? { route: R; params?: undefined }
    : { route: R; params: RouteParams<R> };
}[RouteName];

/** Fills a template's `{placeholders}`, each value percent-encoded as one path segment. */
export function fillTemplate(template: string, params: Readonly<Record<string, string>> = {}): string {
  return template.replace(/\{(\w+)\}/g, (_, name: string) => {
    const v = params[name];
    if (v === undefined) throw new Error(`missing path parameter ${name}`);
    return encodeURIComponent(v);
  });
}

/** The path (below the API base) of a route with its parameters filled in. */
export function routePath(target: RouteTarget): string {
  return fillTemplate(ROUTES[target.route].template, target.params);
}
