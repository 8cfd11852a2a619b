// API rate limits (ksef-protocol.md §8.1): per (context or IP, group), sliding 1 s / 1 min / 1 h windows, all
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
  return `${m} ${template}`; // own bucket with the operation's own values (e.g. /auth/* 60/s)
}

export class RateLimiter {
  enabled: boolean;
  private hits = new Map<string, number[]>();
  constructor(enabled: boolean) {
    this.enabled = enabled;
  }

  /** Records the call; returns undefined if allowed, else seconds to wait and the limit that was hit. */
  hit(method: string, template: string, who: string, now: number): { retryAfterS: number; text: string } | undefined {
    if (!this.enabled) return undefined;
    const limits = operation(method, template)?.['x-rate-limits'];
    if (!limits) return undefined;
    const key = `${who}|${rateGroup(method, template)}`;
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
