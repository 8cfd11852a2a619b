// API rate limits (docs/ksef-protocol.md §8.1): per (context or IP, group), sliding 1 s / 1 min / 1 h windows, all
// enforced; 429 with Retry-After. Values come from each operation's `x-rate-limits` in official/openapi.json;
// the grouping of operations follows ksef-docs limity-api.md as summarised in §8.1.
import { operation } from './openapi';

const WINDOWS = [
  { key: 'perSecond', ms: 1000, text: 'żądań na sekundę' },
  { key: 'perMinute', ms: 60_000, text: 'żądań na minutę' },
  { key: 'perHour', ms: 3_600_000, text: 'żądań na godzinę' },
] as const;

export function rateGroup(method: string, template: string): string {
  const m = method.toUpperCase();
  if (template.endsWith('/upo') || template.includes('/upo/')) return 'sessionMisc';
  if (m === 'GET' && template === '/sessions/{referenceNumber}') return 'sessionMisc';
  if (m === 'GET' && /^\/sessions\/\{referenceNumber\}\/invoices(\/failed)?$/.test(template))
    return 'sessionInvoiceList';
  if (m === 'GET' && template === '/sessions/{referenceNumber}/invoices/{invoiceReferenceNumber}')
    return 'invoiceStatus';
  if (template === '/sessions/online' || template === '/sessions/online/{referenceNumber}/close')
    return 'onlineSession';
  if (template === '/sessions/online/{referenceNumber}/invoices') return 'invoiceSend';
  if (template === '/sessions/batch' || template === '/sessions/batch/{referenceNumber}/close') return 'batchSession';
  if (m === 'GET' && template === '/sessions') return 'sessionList';
  if (template === '/invoices/ksef/{ksefNumber}') return 'invoiceDownload';
  if (template === '/invoices/query/metadata') return 'invoiceMetadata';
  if (template === '/invoices/exports') return 'invoiceExport';
  if (template === '/invoices/exports/{referenceNumber}') return 'invoiceExportStatus';
  // Open endpoints (auth handshake, MF keys) are limited per IP and per operation (60/s).
  if ((template.startsWith('/auth/') && !template.startsWith('/auth/sessions')) || template.startsWith('/security/')) {
    return `${m} ${template}`;
  }
  return 'other'; // tokens, certificates, permissions, limits, /auth/sessions… share one bucket (§8.1)
}

/** A representative operation per group, whose `x-rate-limits` give the group's values (GET /rate-limits). */
const GROUP_SOURCE: Record<string, [string, string]> = {
  onlineSession: ['post', '/sessions/online'],
  batchSession: ['post', '/sessions/batch'],
  invoiceSend: ['post', '/sessions/online/{referenceNumber}/invoices'],
  invoiceStatus: ['get', '/sessions/{referenceNumber}/invoices/{invoiceReferenceNumber}'],
  sessionList: ['get', '/sessions'],
  sessionInvoiceList: ['get', '/sessions/{referenceNumber}/invoices'],
  sessionMisc: ['get', '/sessions/{referenceNumber}'],
  invoiceMetadata: ['post', '/invoices/query/metadata'],
  invoiceExport: ['post', '/invoices/exports'],
  invoiceExportStatus: ['get', '/invoices/exports/{referenceNumber}'],
  invoiceDownload: ['get', '/invoices/ksef/{ksefNumber}'],
  other: ['post', '/certificates/query'],
};

export type GroupLimits = { perSecond: number; perMinute: number; perHour: number };

/** The groups GET /rate-limits reports (its required properties). */
export const RATE_GROUPS = Object.keys(GROUP_SOURCE);

export function effectiveRateLimits(overrides: Record<string, GroupLimits> = {}): Record<string, GroupLimits> {
  const out: Record<string, GroupLimits> = {};
  for (const [group, [method, template]] of Object.entries(GROUP_SOURCE)) {
    const l = operation(method, template)?.['x-rate-limits'] ?? {};
    out[group] = overrides[group] ?? {
      perSecond: l.perSecond ?? 0,
      perMinute: l.perMinute ?? 0,
      perHour: l.perHour ?? 0,
    };
  }
  return out;
}

export class RateLimiter {
  enabled: boolean;
  /** Per-group values that replace the spec's (control API), as an environment whose limits changed. */
  overrides: Record<string, GroupLimits> = {};
  private hits = new Map<string, number[]>();
  constructor(enabled: boolean) {
    this.enabled = enabled;
  }

  /** Records the call; returns undefined if allowed, else seconds to wait and the limit that was hit. */
  hit(method: string, template: string, who: string, now: number): { retryAfterS: number; text: string } | undefined {
    if (!this.enabled) return undefined;
    const group = rateGroup(method, template);
    const limits = this.overrides[group] ?? operation(method, template)?.['x-rate-limits'];
    if (!limits) return undefined;
    const key = `${who}|${group}`;
    const list = (this.hits.get(key) ?? []).filter((t) => t > now - 3_600_000);
    for (const w of WINDOWS) {
      const max = limits[w.key];
      if (max === undefined) continue;
      const inWindow = list.filter((t) => t > now - w.ms);
      if (inWindow.length >= max) {
        const oldest = inWindow[inWindow.length - max]!;
        this.hits.set(key, list);
        return { retryAfterS: Math.max(1, Math.ceil((oldest + w.ms - now) / 1000)), text: `${max} ${w.text}` };
      }
    }
    list.push(now);
    this.hits.set(key, list);
    return undefined;
  }

  reset(): void {
    this.hits.clear();
  }
}
