/**
 * Base API client (docs/base.md §1): POST `connector.php`, form-encoded `method` + `parameters` (JSON),
 * header `X-BLToken`. Pure: fetch, clock and sleep are injected; no extension APIs. Read methods
 * only: getInvoices (by id, order, series, date range, paged by id_from), getSeries, getInvoiceFile.
 *
 * Waiting: with `wait: 'sleep'` (CLI, Node) the client sleeps through our limiter and through
 * ERROR_BLOCKED_TOKEN until the time in the message; with `wait: 'report'` (service worker) it throws
 * `BaseRetryLaterError { retryAt }` instead, so the caller can set an alarm (docs/architecture.md §6).
 */
import { base64ToBytes } from '../../core/base64';
import { type FetchedReply, fetchWithin } from '../../core/bounded-fetch';
import { decodeInvoice, decodeSeries, isRecord } from './decode';
import { BaseApiError, BaseRetryLaterError, BaseTransportError, explainBaseError } from './errors';
import { RateLimiter } from './limiter';
import { parseBlockedUntil, warsawMonthRange } from './time';
import type { BaseInvoice, BaseInvoiceFile, BaseSeries } from './types';

export const BASE_CONNECTOR_URL = 'https://api.baselinker.com/connector.php';
/** getInvoices returns at most 100 per call (docs/base.md §1.2). */
export const BASE_PAGE_SIZE = 100;

export interface BaseClientOptions {
  token: string;
  fetch: typeof fetch;
  apiUrl?: string;
  /** Epoch ms. Default Date.now. */
  now?: () => number;
  /** Default setTimeout-based. */
  sleep?: (ms: number) => Promise<void>;
  /** Shared limiter (one per token). Default: a new 50/min limiter. */
  limiter?: RateLimiter;
  wait?: 'sleep' | 'report';
  /** Retries of transient failures (5xx, network) in 'sleep' mode. Default 2. */
  retries?: number;
  /** When Base's block message has no time: how long to wait. Default 60 s. */
  blockedFallbackMs?: number;
  /** Deadline of one call, headers to the last byte of the answer. Default 30 s. */
  timeoutMs?: number;
}

export interface GetInvoicesParams {
  invoice_id?: number;
  order_id?: number;
  series_id?: number;
  date_from?: number;
  id_from?: number;
  get_external_invoices?: boolean;
  get_government_data?: boolean;
}

export interface ListInvoicesOptions {
  seriesId?: number;
  /** Unix seconds, inclusive. */
  dateFrom?: number;
  /** Unix seconds, inclusive (filtered here: the API has only date_from). */
  dateTo?: number;
  /** Default true: include gov_id/gov_date/gov_status. */
  governmentData?: boolean;
  /** Safety stop. Default 1000 pages (100,000 invoices). */
  maxPages?: number;
}

export interface BaseClient {
  call(method: string, parameters?: Record<string, unknown>): Promise<Record<string, unknown>>;
  getInvoices(params: GetInvoicesParams): Promise<BaseInvoice[]>;
  getInvoice(invoiceId: number, governmentData?: boolean): Promise<BaseInvoice | undefined>;
  getInvoicesByOrder(orderId: number, governmentData?: boolean): Promise<BaseInvoice[]>;
  /** All invoices in a range, paged by id_from (id_from = last id + 1). */
  listInvoices(opts: ListInvoicesOptions): AsyncGenerator<BaseInvoice[], void, void>;
  /** All invoices created in a Warsaw calendar month "YYYY-MM". */
  getMonthInvoices(month: string, opts?: Omit<ListInvoicesOptions, 'dateFrom' | 'dateTo'>): Promise<BaseInvoice[]>;
  getSeries(): Promise<BaseSeries[]>;
  getInvoiceFile(invoiceId: number, getExternal?: boolean): Promise<BaseInvoiceFile>;
  readonly limiter: RateLimiter;
}

export function createBaseClient(o: BaseClientOptions): BaseClient {
  const apiUrl = o.apiUrl ?? BASE_CONNECTOR_URL;
  const now = o.now ?? Date.now;
  const sleep = o.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const limiter = o.limiter ?? new RateLimiter();
  const mode = o.wait ?? 'sleep';
  const retries = o.retries ?? 2;
  const timeoutMs = o.timeoutMs ?? 30_000;
  if (!o.token.trim())
    throw new BaseApiError('BASE_NO_TOKEN', 'Brak tokenu API Base. Wklej token w ustawieniach rozszerzenia.');

  async function gate(): Promise<void> {
    for (;;) {
      const at = limiter.take(now());
      if (at === undefined) return;
      if (mode === 'report') throw new BaseRetryLaterError('BASE_RATE_LIMIT', at);
      await sleep(at - now());
    }
  }

  async function once(method: string, parameters: Record<string, unknown>): Promise<Record<string, unknown>> {
    await gate();
    let res: FetchedReply;
    try {
      res = await fetchWithin(
        o.fetch,
        apiUrl,
        {
          method: 'POST',
          headers: { 'X-BLToken': o.token, 'Content-Type': 'application/x-www-form-urlencoded; charset=UTF-8' },
          body: new URLSearchParams({ method, parameters: JSON.stringify(parameters) }).toString(),
        },
        timeoutMs,
      );
    } catch {
      // Refused, cut, or no whole answer in time: every method we call reads, or writes a value
      // that can be written again (setOrderFields), so it is retried like any transport failure.
      throw new BaseTransportError(
        'BASE_NETWORK',
        'Brak połączenia z API Base. Sprawdź połączenie z internetem; spróbujemy ponownie.',
      );
    }
    if (!res.ok) {
      throw new BaseTransportError(
        'BASE_HTTP',
        `API Base odpowiedziało błędem HTTP ${res.status}. Spróbujemy ponownie za chwilę.`,
        res.status,
      );
    }
    let body: unknown;
    try {
      body = JSON.parse(res.text());
    } catch {
      throw new BaseTransportError(
        'BASE_BAD_RESPONSE',
        'API Base zwróciło odpowiedź, która nie jest JSON-em. Spróbujemy ponownie za chwilę.',
        res.status,
      );
    }
    if (!isRecord(body))
      throw new BaseTransportError('BASE_BAD_RESPONSE', 'API Base zwróciło nieoczekiwaną odpowiedź.');
    if (body.status === 'SUCCESS') return body;
    const code = typeof body.error_code === 'string' ? body.error_code : 'ERROR';
    const msg = typeof body.error_message === 'string' ? body.error_message : '';
    if (code === 'ERROR_BLOCKED_TOKEN') {
      const until = parseBlockedUntil(msg) ?? now() + (o.blockedFallbackMs ?? 60_000);
      limiter.blockUntil(until);
      throw new BaseRetryLaterError('ERROR_BLOCKED_TOKEN', until, msg);
    }
    throw explainBaseError(code, msg);
  }

  async function call(method: string, parameters: Record<string, unknown> = {}): Promise<Record<string, unknown>> {
    let attempt = 0;
    let blocked = 0;
    for (;;) {
      try {
        return await once(method, parameters);
      } catch (e) {
        // Sleep through our own limiter always; through Base's block a few times, then give up loudly.
        if (mode === 'sleep' && e instanceof BaseRetryLaterError && (e.code === 'BASE_RATE_LIMIT' || ++blocked <= 3)) {
          await sleep(Math.max(0, e.retryAt - now()));
          continue;
        }
        if (mode === 'sleep' && e instanceof BaseTransportError && attempt < retries) {
          attempt++;
          await sleep(1000 * 2 ** (attempt - 1));
          continue;
        }
        throw e;
      }
    }
  }

  function invoicesOf(body: Record<string, unknown>): BaseInvoice[] {
    const list = body.invoices;
    if (!Array.isArray(list)) return [];
    return list.map(decodeInvoice);
  }

  async function getInvoices(params: GetInvoicesParams): Promise<BaseInvoice[]> {
    return invoicesOf(await call('getInvoices', { ...params }));
  }

  async function* listInvoices(opts: ListInvoicesOptions): AsyncGenerator<BaseInvoice[], void, void> {
    let idFrom: number | undefined;
    const maxPages = opts.maxPages ?? 1000;
    for (let page = 0; page < maxPages; page++) {
      const params: GetInvoicesParams = { get_government_data: opts.governmentData ?? true };
      if (opts.seriesId !== undefined) params.series_id = opts.seriesId;
      if (opts.dateFrom !== undefined) params.date_from = opts.dateFrom;
      if (idFrom !== undefined) params.id_from = idFrom;
      const batch = await getInvoices(params);
      if (batch.length === 0) return;
      const inRange = opts.dateTo === undefined ? batch : batch.filter((i) => i.dateAdd <= opts.dateTo!);
      if (inRange.length) yield inRange;
      // Ids grow with creation time: once a whole page is past dateTo, later pages are too.
      if (opts.dateTo !== undefined && batch.every((i) => i.dateAdd > opts.dateTo!)) return;
      if (batch.length < BASE_PAGE_SIZE) return;
      idFrom = Math.max(...batch.map((i) => i.invoiceId)) + 1;
    }
  }

  return {
    limiter,
    call,
    getInvoices,
    async getInvoice(invoiceId, governmentData = true) {
      const list = await getInvoices({ invoice_id: invoiceId, get_government_data: governmentData });
      return list.find((i) => i.invoiceId === invoiceId);
    },
    getInvoicesByOrder(orderId, governmentData = true) {
      return getInvoices({ order_id: orderId, get_government_data: governmentData });
    },
    listInvoices,
    async getMonthInvoices(month, opts = {}) {
      const { from, to } = warsawMonthRange(month);
      const all: BaseInvoice[] = [];
      for await (const page of listInvoices({ ...opts, dateFrom: from, dateTo: to })) all.push(...page);
      return all;
    },
    async getSeries() {
      const body = await call('getSeries');
      return Array.isArray(body.series) ? body.series.map(decodeSeries) : [];
    },
    async getInvoiceFile(invoiceId, getExternal = false) {
      const body = await call('getInvoiceFile', { invoice_id: invoiceId, get_external: getExternal });
      const raw = typeof body.invoice === 'string' ? body.invoice : '';
      // docs/base.md §1.4: base64 prefixed with "data:" (sometimes a full data URL).
      const b64 = raw.replace(/^data:(?:[^,]*,)?/, '');
      if (!b64) throw new BaseTransportError('BASE_BAD_RESPONSE', 'Base nie zwrócił pliku PDF faktury.');
      let pdf: Uint8Array<ArrayBuffer>;
      try {
        pdf = base64ToBytes(b64);
      } catch {
        throw new BaseTransportError(
          'BASE_BAD_RESPONSE',
          'Plik PDF faktury z Base jest uszkodzony (niepoprawne base64).',
        );
      }
      return { invoiceNumber: typeof body.invoice_number === 'string' ? body.invoice_number : '', pdf };
    },
  };
}
