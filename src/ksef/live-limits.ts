/**
 * KSeF's own current limits (operations `GET /rate-limits` and `GET /limits/context`): they differ per
 * environment and have changed between API versions, so the limiter prefers them to the static
 * table once read. They are read with the first authenticated call after login and then daily, and
 * kept with the limiter's state in the client's storage. A failed read never fails the call that
 * triggered it: the table (or the last values read) stays in force and the read is tried again later.
 */
import type { LimitGroup, LimitRule } from './limits';

/** Per-session size and count limits of the context (`EffectiveContextLimits`). */
export interface SessionContextLimits {
  maxInvoiceSizeInMB: number;
  maxInvoiceWithAttachmentSizeInMB: number;
  maxInvoices: number;
}

export interface LiveLimits {
  /** When the values were read (ms). */
  fetchedAt: number;
  rates: Partial<Record<LimitGroup, Required<LimitRule>>>;
  context?: { onlineSession?: SessionContextLimits; batchSession?: SessionContextLimits };
}

/** What is stored: the values (if any were ever read) and the last attempt, for the retry pause. */
export interface LiveLimitsState {
  live?: LiveLimits;
  attemptedAt: number;
}

/** Where the limiter keeps this state, under the client's key prefix (context.ts `clientKeyPrefix`). */
export const liveLimitsKey = (keyPrefix: string) => `${keyPrefix}:ratelimit:live`;

export const LIVE_REFRESH_MS = 24 * 60 * 60_000;
/** After a failed read, the next try waits this long. */
export const LIVE_RETRY_MS = 60 * 60_000;

/** The limit groups `GET /rate-limits` reports; `auth` is not among them. */
const RATE_GROUPS: readonly LimitGroup[] = [
  'onlineSession',
  'batchSession',
  'invoiceSend',
  'invoiceStatus',
  'sessionList',
  'sessionInvoiceList',
  'sessionMisc',
  'invoiceMetadata',
  'invoiceExport',
  'invoiceExportStatus',
  'invoiceDownload',
  'other',
];

const positive = (x: unknown): x is number => typeof x === 'number' && Number.isInteger(x) && x > 0;

/** The groups of a `GET /rate-limits` answer whose three values are usable; others are left out. */
export function parseRateLimits(body: unknown): LiveLimits['rates'] {
  const out: LiveLimits['rates'] = {};
  if (!body || typeof body !== 'object') return out;
  for (const g of RATE_GROUPS) {
    const v = (body as Record<string, unknown>)[g] as Record<string, unknown> | undefined;
    if (v && positive(v.perSecond) && positive(v.perMinute) && positive(v.perHour)) {
      out[g] = { perSecond: v.perSecond, perMinute: v.perMinute, perHour: v.perHour };
    }
  }
  return out;
}

function sessionLimits(v: unknown): SessionContextLimits | undefined {
  if (!v || typeof v !== 'object') return undefined;
  const o = v as Record<string, unknown>;
  const num = (x: unknown) => typeof x === 'number' && Number.isFinite(x) && x > 0;
  if (!num(o.maxInvoiceSizeInMB) || !num(o.maxInvoiceWithAttachmentSizeInMB) || !positive(o.maxInvoices))
    return undefined;
  return {
    maxInvoiceSizeInMB: o.maxInvoiceSizeInMB as number,
    maxInvoiceWithAttachmentSizeInMB: o.maxInvoiceWithAttachmentSizeInMB as number,
    maxInvoices: o.maxInvoices as number,
  };
}

/** A `GET /limits/context` answer, or undefined when it has neither session kind. */
export function parseContextLimits(body: unknown): LiveLimits['context'] {
  if (!body || typeof body !== 'object') return undefined;
  const b = body as Record<string, unknown>;
  const onlineSession = sessionLimits(b.onlineSession);
  const batchSession = sessionLimits(b.batchSession);
  if (!onlineSession && !batchSession) return undefined;
  return { ...(onlineSession ? { onlineSession } : {}), ...(batchSession ? { batchSession } : {}) };
}

/** Whether it is time to read the limits again. */
export function liveLimitsDue(state: LiveLimitsState | undefined, now: number): boolean {
  if (!state) return true;
  if (now - state.attemptedAt < LIVE_RETRY_MS && state.attemptedAt > (state.live?.fetchedAt ?? -1)) return false;
  return !state.live || now - state.live.fetchedAt >= LIVE_REFRESH_MS;
}
