/** NBP table A provider (fake fetch) and the rate resolution order: Base's rate, then NBP, never a guess. */
import { describe, expect, it, vi } from 'vitest';
import { decodeInvoice } from '../../src/base/api/decode';
import { buildFa3WithRates, nbpRateProvider, resolveExchangeRate, taxPointOf } from '../../src/fa3/currency';
import { Fa3ProblemError } from '../../src/fa3/problem';
import { fa3Text } from '../../src/i18n/fa3';
import { expectNoPolish } from '../adapters/no-polish';
import { DEMO_SELLER, makeDemoDataset } from '../sim/base/dataset';
import { fa3Validator, NOW, tag, text } from './helpers';

/** A fake NBP API serving table A EUR mid rates for business days only (no weekend tables). */
function fakeNbp(rates: Record<string, number>) {
  const calls: string[] = [];
  const f = (async (input: string | URL | Request) => {
    const url = String(input);
    calls.push(url);
    const m = /\/rates\/a\/([a-z]{3})\/(\d{4}-\d{2}-\d{2})\/(\d{4}-\d{2}-\d{2})\/\?format=json$/.exec(url);
    if (!m) return new Response('Bad Request', { status: 400 });
    const [, code, from, to] = m as unknown as [string, string, string, string];
    const list = Object.entries(rates)
      .filter(([d]) => d >= from && d <= to)
      .map(([d, mid], i) => ({ no: `${200 + i}/A/NBP/2026`, effectiveDate: d, mid }));
    if (!list.length) return new Response('404 NotFound - Not Found - Brak danych', { status: 404 });
    return Response.json({ table: 'A', currency: 'euro', code: code.toUpperCase(), rates: list });
  }) as typeof fetch;
  return { fetch: f, calls };
}

describe('NBP rate provider', () => {
  it('takes table A of the last business day BEFORE the tax point', async () => {
    // Tax point Monday 2026-11-16: Friday 13th's table applies (Saturday/Sunday have none).
    const nbp = fakeNbp({ '2026-11-12': 4.21, '2026-11-13': 4.2389, '2026-11-16': 4.3 });
    const provider = nbpRateProvider({ fetch: nbp.fetch });
    const r = await provider('EUR', '2026-11-16');
    expect(r).toMatchObject({ rate: 4.2389, date: '2026-11-13', source: 'nbp' });
    expect(r?.table).toMatch(/\/A\/NBP\/2026$/);
    expect(nbp.calls[0]).toBe('https://api.nbp.pl/api/exchangerates/rates/a/eur/2026-11-02/2026-11-15/?format=json');
  });

  it('returns null when NBP has no table (never guesses) and caches hits', async () => {
    const nbp = fakeNbp({ '2026-11-13': 4.2389 });
    const store = new Map<string, unknown>();
    const cache = { get: (k: string) => store.get(k) as never, set: (k: string, v: unknown) => void store.set(k, v) };
    const provider = nbpRateProvider({ fetch: nbp.fetch, cache });
    expect(await provider('USD', '2026-01-01')).toBeNull();
    await provider('EUR', '2026-11-16');
    await provider('EUR', '2026-11-16');
    expect(nbp.calls.filter((c) => c.includes('/eur/'))).toHaveLength(1);
  });

  it('fails loudly on NBP errors other than 404', async () => {
    const provider = nbpRateProvider({ fetch: (async () => new Response('x', { status: 503 })) as typeof fetch });
    await expect(provider('EUR', '2026-11-16')).rejects.toThrow(/503/);
  });

  it('no connection, a page that is not JSON, or an answer that stalls: NBP_UNREACHABLE, worded in both languages', async () => {
    const refused = (async () => {
      throw new TypeError('fetch failed');
    }) as typeof fetch;
    const html = (async () => new Response('<html>maintenance</html>', { status: 200 })) as typeof fetch;
    // Headers at once, then a body that never ends: only the deadline over the body ends it.
    const stalled = (async (_: unknown, init?: RequestInit) =>
      new Response(
        new ReadableStream({
          start(c) {
            c.enqueue(new TextEncoder().encode('{"rates":['));
            init?.signal?.addEventListener('abort', () => c.error(init.signal?.reason));
          },
        }),
      )) as typeof fetch;
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      for (const f of [refused, html, stalled]) {
        const p = nbpRateProvider({ fetch: f })('EUR', '2026-11-16').catch((e: unknown) => e);
        await vi.advanceTimersByTimeAsync(20_000);
        const e = (await p) as Fa3ProblemError;
        expect(e).toBeInstanceOf(Fa3ProblemError);
        expect(e.key).toBe('NBP_UNREACHABLE');
        expect(fa3Text(e.key, 'pl', e.params)).toMatch(/^Nie udało się pobrać kursu EUR z API NBP/);
        const en = fa3Text(e.key, 'en', e.params);
        expect(en).toMatch(/^The EUR rate could not be fetched from the NBP API/);
        expectNoPolish(en);
      }
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('rate resolution for the builder', () => {
  const ds = makeDemoDataset();
  const byKind = (k: string) =>
    decodeInvoice(ds.invoices.find((i) => ds.cases!.find((c) => c.invoiceId === i.invoice_id)?.kind === k)!);

  it('prefers Base’s own conversion and does not call NBP', async () => {
    const nbp = fakeNbp({ '2026-11-13': 9.99 });
    const r = await resolveExchangeRate(byKind('eur-base-rate'), nbpRateProvider({ fetch: nbp.fetch }));
    expect(r).toMatchObject({ rate: 4.2711, source: 'base', table: '221/A/NBP/2026' });
    expect(nbp.calls).toHaveLength(0);
  });

  it('fetches NBP for the sale date when Base did not convert, then builds valid FA(3)', async () => {
    const inv = byKind('eur-nbp-rate');
    expect(taxPointOf(inv)).toBe('2026-11-17');
    const nbp = fakeNbp({ '2026-11-16': 4.2389 });
    const r = await buildFa3WithRates({
      invoice: inv,
      seller: { ...DEMO_SELLER },
      now: NOW,
      rateProvider: nbpRateProvider({ fetch: nbp.fetch }),
    });
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    expect(fa3Validator().validate(r.xml).valid).toBe(true);
    expect(tag(text(r.xml), 'P_14_1W')).toBe('965.20'); // 227.70 EUR × 4.2389
    const none = await buildFa3WithRates({
      invoice: inv,
      seller: { ...DEMO_SELLER },
      now: NOW,
      rateProvider: nbpRateProvider({ fetch: fakeNbp({}).fetch }),
    });
    expect(none.ok ? [] : none.errors.map((e) => e.code)).toEqual(['EXCHANGE_RATE_MISSING']);
  });
});
