/**
 * PLN exchange rate for foreign-currency invoices (art. 106e ust. 11 → FA(3) P_14_xW): Base's own
 * conversion when the series converts, else the NBP table A mid rate of the last business day BEFORE
 * the tax point (art. 31a ust. 1; docs/base.md §1.2 notes). The fetch is injected: the worker passes its
 * fetch and a persistent cache, tests pass a fake. No rate → null, and the builder refuses with
 * EXCHANGE_RATE_MISSING; it never guesses.
 */

import type { BaseInvoice } from '../base/api/types';
import { type FetchedReply, fetchWithin } from '../core/bounded-fetch';
import { baseExchangeRate, buildFa3 } from './build';
import { addDays, invoiceDayOfUnix } from './dates';
import { Fa3ProblemError } from './problem';
import type { BuildInput, ExchangeRate, Fa3Result } from './types';

/** `taxPoint` is YYYY-MM-DD; the provider returns the rate applicable to it (i.e. from an earlier day). */
export type RateProvider = (currency: string, taxPoint: string) => Promise<ExchangeRate | null>;

export interface RateCache {
  get(key: string): Promise<ExchangeRate | null | undefined> | ExchangeRate | null | undefined;
  set(key: string, value: ExchangeRate): Promise<void> | void;
}

export const NBP_API = 'https://api.nbp.pl/api/exchangerates/rates/a';

interface NbpSeries {
  rates?: { no?: string; effectiveDate?: string; mid?: number }[];
}

/**
 * NBP Web API provider. One request per (currency, tax point): the table A series for the 14 days
 * before the tax point (long holiday weekends included), taking the latest one. 404 means "no table
 * in that range" (NBP's documented reply), which is reported as null.
 */
/** One NBP lookup, headers to last byte. */
const NBP_TIMEOUT_MS = 15_000;

export function nbpRateProvider(opts: { fetch: typeof fetch; cache?: RateCache; baseUrl?: string }): RateProvider {
  const base = opts.baseUrl ?? NBP_API;
  return async (currency, taxPoint) => {
    const code = currency.toUpperCase();
    const key = `${code}:${taxPoint}`;
    const hit = await opts.cache?.get(key);
    if (hit) return hit;
    const url = `${base}/${code.toLowerCase()}/${addDays(taxPoint, -14)}/${addDays(taxPoint, -1)}/?format=json`;
    let res: FetchedReply;
    try {
      // A deadline over the whole answer: a stalled NBP must not hold the invoice's send for ever.
      res = await fetchWithin(opts.fetch, url, { headers: { Accept: 'application/json' } }, NBP_TIMEOUT_MS);
    } catch {
      throw new Fa3ProblemError('NBP_UNREACHABLE', { currency: code });
    }
    if (res.status === 404) return null;
    if (!res.ok) throw new Fa3ProblemError('NBP_HTTP_ERROR', { status: res.status, currency: code });
    let body: NbpSeries;
    try {
      body = JSON.parse(res.text()) as NbpSeries;
    } catch {
      // Not NBP's JSON (a proxy's or a maintenance page): as good as no answer.
      throw new Fa3ProblemError('NBP_UNREACHABLE', { currency: code });
    }
    const rates = (body.rates ?? []).filter(
      (r) =>
        typeof r.mid === 'number' && r.mid > 0 && typeof r.effectiveDate === 'string' && r.effectiveDate < taxPoint,
    );
    rates.sort((a, b) => (a.effectiveDate! < b.effectiveDate! ? -1 : 1));
    const last = rates[rates.length - 1];
    if (!last) return null;
    const rate: ExchangeRate = {
      rate: last.mid!,
      date: last.effectiveDate!,
      ...(last.no ? { table: last.no } : {}),
      source: 'nbp',
    };
    await opts.cache?.set(key, rate);
    return rate;
  };
}

/** The tax point used for the NBP rate: the sale date when Base has one, else the issue date. */
export function taxPointOf(inv: BaseInvoice): string {
  return invoiceDayOfUnix(inv.dateSell > 0 ? inv.dateSell : inv.dateAdd);
}

/** Base's rate when present, else the provider's; undefined for PLN invoices or when nothing is found. */
export async function resolveExchangeRate(
  inv: BaseInvoice,
  provider?: RateProvider,
): Promise<ExchangeRate | undefined> {
  if (!inv.currency || inv.currency === 'PLN') return undefined;
  const fromBase = baseExchangeRate(inv);
  if (fromBase) return fromBase;
  if (!provider || !(inv.dateAdd > 0)) return undefined;
  return (await provider(inv.currency, taxPointOf(inv))) ?? undefined;
}

/** `buildFa3` with the exchange rate looked up first (the worker's entry point for foreign currency). */
export async function buildFa3WithRates(input: BuildInput & { rateProvider?: RateProvider }): Promise<Fa3Result> {
  const { rateProvider, ...rest } = input;
  const exchangeRate = rest.exchangeRate ?? (await resolveExchangeRate(rest.invoice, rateProvider));
  return buildFa3({ ...rest, ...(exchangeRate ? { exchangeRate } : {}) });
}
