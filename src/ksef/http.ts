/**
 * The one place that talks HTTP to KSeF: rate-limit slot, timeout, and mapping of every failure to a
 * typed error (errors.ts). Error envelopes: legacy `exception.exceptionDetailList` and Problem
 * Details `errors` (docs/ksef-protocol.md §8.2); 429 with Retry-After (§8.1); HTML pages from the WAF
 * (§11 item 11) are "unavailable", never parsed as data.
 */
import { type FetchedReply, type FetchFailure, type FetchFn, fetchWithin } from '../core/bounded-fetch';
import type { KsefEnvironment } from './env';
import {
  GoneError,
  type KsefExceptionDetail,
  KsefRejectionError,
  NetworkError,
  ProtocolError,
  RateLimitedError,
  UnauthorizedError,
  UnavailableError,
} from './errors';
import type { LimitGroup, RateLimiter } from './limits';
import { parseContextLimits, parseRateLimits } from './live-limits';
import { type KsefRoute, ROUTES, type RouteName, type RouteTarget, routePath } from './routes';
import type { KvStore } from './storage';
import { recordSystemWarning } from './system-warning';

/** The client's name for the fetch it is given (src/core/bounded-fetch.ts `FetchFn`). */
export type FetchLike = FetchFn;

export interface HttpDeps {
  fetch: FetchLike;
  now: () => number;
  limiter?: RateLimiter | undefined;
  /** Per-request timeout (default 30 s). */
  timeoutMs?: number | undefined;
  /** Where KSeF's `X-System-Warning` is kept, per environment (system-warning.ts). */
  warningStore?: KvStore;
}

/** The reads of KSeF's current limits; they never trigger a read themselves. */
const LIVE_LIMIT_ROUTES: ReadonlySet<RouteName> = new Set<RouteName>(['rateLimits', 'contextLimits']);

/**
 * Fetch options of every API operation. KSeF's API answers no operation with a redirect (the
 * official openapi.json lists no 3xx response), so one is an error, not something to follow: a
 * followed 307/308 would repeat an invoice POST somewhere else. With `redirect: 'error'` and no
 * window, fetch also sends the request as it is instead of copying it (and its body stream) first
 * in case a redirect has to repeat it (Fetch Standard, HTTP-network-or-cache fetch, step 1).
 */
const API_FETCH_INIT = { redirect: 'error', window: null } as const satisfies RequestInit;

/** Everything about one call except which operation it is (routes.ts names that, with its path parameters). */
export interface KsefCallOptions {
  query?: Record<string, string | number | undefined>;
  bearer?: string;
  json?: unknown;
  /** Raw body with its content type (XAdES XML). */
  body?: { data: string | Uint8Array<ArrayBuffer>; contentType: string };
  headers?: Record<string, string> | undefined;
  /** Statuses that count as success. */
  expect: number[];
  /** How to read a successful body (default json). */
  read?: 'json' | 'text' | 'none';
  timeoutMs?: number;
}

/** One call of a named KSeF operation: method, path and limit group all come from the route (routes.ts). */
export type KsefRequest = RouteTarget & KsefCallOptions;

/** A download whose body is kept as the exact bytes received. */
export type KsefBytesRequest = RouteTarget & Omit<KsefCallOptions, 'read' | 'json' | 'body'>;

export interface KsefResponse<T> {
  status: number;
  data: T;
  headers: Headers;
}

/** Retry-After: seconds or an HTTP date (RFC 9110 §10.2.3). Defaults to 60 s when absent or bad. */
export function parseRetryAfter(value: string | null, now: number): number {
  if (value) {
    const secs = Number(value.trim());
    if (Number.isFinite(secs) && secs >= 0) return now + Math.ceil(secs * 1000);
    const date = Date.parse(value);
    if (!Number.isNaN(date)) return Math.max(now, date);
  }
  return now + 60_000;
}

interface ErrorBody {
  exception?: {
    exceptionDetailList?: Array<{ exceptionCode?: number; exceptionDescription?: string; details?: string[] }>;
  };
  errors?: Array<{ code?: number; description?: string; details?: string[] }>;
  status?: { code?: number; description?: string; details?: string[] } | number;
  title?: string;
  detail?: string;
  reasonCode?: string;
}

export function parseExceptionDetails(body: unknown): KsefExceptionDetail[] {
  if (!body || typeof body !== 'object') return [];
  const b = body as ErrorBody;
  const legacy = b.exception?.exceptionDetailList;
  if (Array.isArray(legacy)) {
    return legacy.map((e) => ({
      code: e.exceptionCode ?? 0,
      description: e.exceptionDescription ?? '',
      details: Array.isArray(e.details) ? e.details : [],
    }));
  }
  if (Array.isArray(b.errors)) {
    return b.errors.map((e) => ({
      code: e.code ?? 0,
      description: e.description ?? '',
      details: Array.isArray(e.details) ? e.details : [],
    }));
  }
  return [];
}

function isHtml(res: FetchedReply, text: string): boolean {
  const ct = res.headers.get('content-type') ?? '';
  return ct.includes('text/html') || /^\s*<(!doctype\s+html|html)/i.test(text);
}

export class KsefHttp {
  private liveRefresh: Promise<void> | undefined;
  private lastWarning: string | undefined;

  constructor(
    readonly env: KsefEnvironment,
    private readonly deps: HttpDeps,
  ) {}

  get now(): () => number {
    return this.deps.now;
  }

  url(target: RouteTarget, query?: KsefCallOptions['query']): string {
    let u = this.env.apiBaseUrl + routePath(target);
    const q = Object.entries(query ?? {}).filter((e): e is [string, string | number] => e[1] !== undefined);
    if (q.length > 0)
      u += `?${q.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`).join('&')}`;
    return u;
  }

  async request<T>(req: KsefRequest): Promise<KsefResponse<T>> {
    // The first call with a context token (after login) reads KSeF's current limits, then daily.
    // Authentication calls carry handshake or refresh tokens, which cannot read limits.
    const route: KsefRoute = ROUTES[req.route];
    if (req.bearer && route.group !== 'auth' && !LIVE_LIMIT_ROUTES.has(req.route)) {
      await this.refreshLiveLimits(req.bearer);
    }
    await this.deps.limiter?.acquire(route.group);
    const headers: Record<string, string> = { Accept: 'application/json', ...req.headers };
    let body: BodyInit | undefined;
    if (req.json !== undefined) {
      headers['Content-Type'] = 'application/json';
      body = JSON.stringify(req.json);
    } else if (req.body) {
      headers['Content-Type'] = req.body.contentType;
      body = req.body.data;
    }
    if (req.bearer) headers.Authorization = `Bearer ${req.bearer}`;
    const res = await this.send(
      this.url(req, req.query),
      { method: route.method, headers, ...API_FETCH_INIT, ...(body === undefined ? {} : { body }) },
      {
        method: route.method,
        timeoutMs: req.timeoutMs,
      },
    );
    await this.noteWarning(res.headers.get('x-system-warning'));
    return this.interpret<T>(res, req, route);
  }

  private async noteWarning(text: string | null): Promise<void> {
    if (!text || !this.deps.warningStore || text === this.lastWarning) return;
    this.lastWarning = text;
    try {
      await recordSystemWarning(this.deps.warningStore, this.env.name, text, this.deps.now());
    } catch {
      this.lastWarning = undefined; // storage failed: try again with the next reply
    }
  }

  /** Reads `GET /rate-limits` and `GET /limits/context` into the limiter when due; never throws. */
  private async refreshLiveLimits(bearer: string): Promise<void> {
    const limiter = this.deps.limiter;
    if (!limiter) return;
    if (!this.liveRefresh) {
      if (!(await limiter.liveDue())) return;
      this.liveRefresh ??= (async () => {
        const now = this.deps.now();
        const prev = await limiter.liveState();
        try {
          const rates = parseRateLimits(
            (await this.request<unknown>({ route: 'rateLimits', bearer, expect: [200] })).data,
          );
          if (Object.keys(rates).length === 0) throw new ProtocolError('puste limity', 200);
          const context = await this.request<unknown>({ route: 'contextLimits', bearer, expect: [200] }).then(
            (r) => parseContextLimits(r.data),
            () => prev?.live?.context,
          );
          await limiter.setLive({ attemptedAt: now, live: { fetchedAt: now, rates, ...(context ? { context } : {}) } });
        } catch {
          await limiter.setLive({ ...prev, attemptedAt: now }).catch(() => undefined);
        }
      })().finally(() => {
        this.liveRefresh = undefined;
      });
    }
    await this.liveRefresh;
  }

  /**
   * Like `request`, but a successful body is returned as the exact bytes received (invoice files: decoding
   * them to text would drop a BOM and change their hash). Failures are mapped as in `request`.
   */
  async requestBytes(req: KsefBytesRequest): Promise<KsefResponse<Uint8Array>> {
    const route: KsefRoute = ROUTES[req.route];
    await this.deps.limiter?.acquire(route.group);
    const headers: Record<string, string> = { Accept: 'application/octet-stream', ...req.headers };
    if (req.bearer) headers.Authorization = `Bearer ${req.bearer}`;
    const res = await this.send(
      this.url(req, req.query),
      { method: route.method, headers, ...API_FETCH_INIT },
      {
        method: route.method,
        timeoutMs: req.timeoutMs,
      },
    );
    const type = res.headers.get('content-type') ?? '';
    if (req.expect.includes(res.status) && !/json|html/i.test(type)) {
      return { status: res.status, data: res.bytes, headers: res.headers };
    }
    return this.interpret<Uint8Array>(res, { ...req, expect: [] }, route);
  }

  /**
   * One exchange with a deadline over the whole answer, body included (src/core/bounded-fetch.ts);
   * transport failures become NetworkError. Used directly only for pre-signed URLs, which are not
   * API operations (routes.ts).
   */
  async send(
    url: string,
    init: RequestInit,
    req: { method: string; timeoutMs?: number | undefined },
  ): Promise<FetchedReply> {
    try {
      return await fetchWithin(this.deps.fetch, url, init, req.timeoutMs ?? this.deps.timeoutMs ?? 30_000);
    } catch (e) {
      // A GET changes nothing; for anything else the request may have been processed (lost answer),
      // also when its headers came and the body was then cut or stalled.
      const failure = e as FetchFailure;
      throw new NetworkError(req.method !== 'GET', failure.timedOut, failure.cause);
    }
  }

  private async interpret<T>(
    res: FetchedReply,
    req: Pick<KsefCallOptions, 'expect' | 'read'>,
    route: KsefRoute,
  ): Promise<KsefResponse<T>> {
    const group: LimitGroup = route.group;
    const text = res.text();
    const now = this.deps.now();
    if (req.expect.includes(res.status)) {
      if (isHtml(res, text) && req.read !== 'text') throw new UnavailableError(res.status, true, undefined);
      let data: unknown;
      if (req.read === 'text') data = text;
      else if (req.read === 'none' || text.length === 0) data = undefined;
      else {
        try {
          data = JSON.parse(text);
        } catch {
          throw new ProtocolError(`niepoprawny JSON z ${route.template}`, res.status);
        }
      }
      return { status: res.status, data: data as T, headers: res.headers };
    }
    if (isHtml(res, text)) {
      throw new UnavailableError(
        res.status,
        true,
        res.status === 503 ? parseRetryAfter(res.headers.get('retry-after'), now) : undefined,
      );
    }
    let parsed: unknown;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      parsed = undefined;
    }
    const details = parseExceptionDetails(parsed);
    if (res.status === 429) {
      const retryAt = parseRetryAfter(res.headers.get('retry-after'), now);
      await this.deps.limiter?.block(group, retryAt);
      const st = (parsed as ErrorBody | undefined)?.status;
      const msgs = typeof st === 'object' && Array.isArray(st.details) ? st.details : [];
      const pd = (parsed as ErrorBody | undefined)?.detail;
      throw new RateLimitedError(retryAt, group, 'server', pd ? [...msgs, pd] : msgs);
    }
    if (res.status === 401 || res.status === 403) {
      const b = parsed as ErrorBody | undefined;
      throw new UnauthorizedError(res.status, b?.reasonCode, b?.detail);
    }
    if (res.status === 410) throw new GoneError(route.template);
    if (res.status >= 500) {
      const retry = res.headers.get('retry-after');
      throw new UnavailableError(res.status, false, retry ? parseRetryAfter(retry, now) : undefined);
    }
    if (res.status === 400 || details.length > 0) {
      const first = details[0];
      throw new KsefRejectionError(
        first
          ? `KSeF odrzucił żądanie (kod ${first.code}): ${first.description}${first.details.length ? ` — ${first.details.join('; ')}` : ''}`
          : `KSeF odrzucił żądanie (HTTP ${res.status}).`,
        res.status,
        details,
      );
    }
    throw new ProtocolError(`HTTP ${res.status} z ${route.template}`, res.status);
  }
}
