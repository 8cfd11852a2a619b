/** The Base API client against the Base fake (test/sim/base), over real HTTP. */
import { PDFDocument } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBaseClient } from '../../src/base/api/client';
import { BaseApiError, BaseRetryLaterError, BaseTransportError } from '../../src/base/api/errors';
import { RateLimiter } from '../../src/base/api/limiter';
import { buildFa3 } from '../../src/fa3/build';
import { fa3Validator } from '../fa3/helpers';
import {
  type BaseSim,
  DEMO_GOV_IDS,
  DEMO_SELLER,
  makeDemoDataset,
  makeMonthDataset,
  SIM_TOKEN,
  startBaseSim,
} from '../sim/base';

let sim: BaseSim;
let month: BaseSim;
beforeAll(async () => {
  sim = await startBaseSim();
  month = await startBaseSim({ dataset: makeMonthDataset('2026-10', 250) });
});
afterAll(async () => {
  await sim.close();
  await month.close();
});

const fault = (s: BaseSim, body: object) =>
  fetch(`${s.origin}/__sim/faults`, { method: 'POST', body: JSON.stringify(body) }).then((r) => r.json());

/** A client whose sleeps only advance a fake clock, so tests never wait. */
function client(s: BaseSim, wait: 'sleep' | 'report' = 'report', extra: { limiter?: RateLimiter } = {}) {
  let clock = Date.now();
  const slept: number[] = [];
  const c = createBaseClient({
    token: SIM_TOKEN,
    fetch,
    apiUrl: s.apiUrl,
    wait,
    now: () => clock,
    sleep: async (ms) => {
      slept.push(ms);
      clock += ms;
    },
    ...extra,
  });
  return { c, slept };
}

describe('Base API client', () => {
  it('reads series and one invoice with government data, decoded', async () => {
    const { c } = client(sim);
    const series = await c.getSeries();
    expect(series.map((s) => s.id)).toContain(3001);
    expect(typeof series[0]!.id).toBe('number');
    const demo = makeDemoDataset();
    const accepted = demo.cases!.find((x) => x.kind === 'base-ksef-accepted')!.invoiceId;
    const inv = await c.getInvoice(accepted);
    expect(inv?.gov).toEqual({ govId: DEMO_GOV_IDS.accepted, govDate: expect.any(Number), govStatus: 2 });
    const noGov = await c.getInvoice(accepted, false);
    expect(noGov?.gov).toBeUndefined();
    const byOrder = await c.getInvoicesByOrder(inv!.orderId);
    expect(byOrder.map((i) => i.invoiceId)).toEqual([accepted]);
    const quirky = demo.cases!.find((x) => x.kind === 'pl-b2b-string-numbers')!.invoiceId;
    const q = await c.getInvoice(quirky);
    expect(q?.items[0]?.priceBrutto).toBe(1599);
    expect(q?.totalPriceBrutto).toBe(1678);
  });

  it('pages a whole month by id_from (100 per call) and filters by series', async () => {
    const { c } = client(month);
    const before = (await fetch(`${month.origin}/__sim/requests`).then((r) => r.json())) as {
      byMethod: Record<string, number>;
    };
    const all = await c.getMonthInvoices('2026-10');
    expect(all).toHaveLength(250);
    expect(new Set(all.map((i) => i.invoiceId)).size).toBe(250);
    const after = (await fetch(`${month.origin}/__sim/requests`).then((r) => r.json())) as {
      byMethod: Record<string, number>;
    };
    expect((after.byMethod.getInvoices ?? 0) - (before.byMethod.getInvoices ?? 0)).toBe(3);
    expect(await c.getMonthInvoices('2026-09')).toHaveLength(0);
    const pages: number[] = [];
    for await (const p of c.listInvoices({ seriesId: 3001 })) pages.push(p.length);
    expect(pages).toEqual([100, 100, 50]);
  });

  it('downloads the invoice PDF (data:-prefixed base64) as real PDF bytes', async () => {
    const { c } = client(sim);
    const id = makeDemoDataset().invoices[5]!;
    const f = await c.getInvoiceFile(id.invoice_id);
    expect(f.invoiceNumber).toBe(id.number);
    expect(new TextDecoder().decode(f.pdf.slice(0, 5))).toBe('%PDF-');
    const doc = await PDFDocument.load(f.pdf);
    expect(doc.getTitle()).toContain(id.number);
    expect(doc.getPageCount()).toBeGreaterThanOrEqual(1);
  });

  it('explains a wrong token in Polish with a typed error', async () => {
    const c = createBaseClient({ token: 'wrong', fetch, apiUrl: sim.apiUrl });
    const e = await c.getSeries().catch((x: unknown) => x);
    expect(e).toBeInstanceOf(BaseApiError);
    expect((e as BaseApiError).code).toBe('ERROR_BAD_TOKEN');
    expect((e as Error).message).toMatch(/token API/);
    expect((e as Error).message).not.toContain(SIM_TOKEN);
    expect(() => createBaseClient({ token: ' ', fetch })).toThrow(/Brak tokenu/);
  });

  it('ERROR_BLOCKED_TOKEN: reports retry-at from the message, or waits until then and retries', async () => {
    await fault(sim, { method: 'getSeries', count: 1, kind: 'blocked' });
    const { c } = client(sim, 'report');
    const before = Date.now();
    const e = (await c.getSeries().catch((x: unknown) => x)) as BaseRetryLaterError;
    const after = Date.now();
    expect(e).toBeInstanceOf(BaseRetryLaterError);
    expect(e.code).toBe('ERROR_BLOCKED_TOKEN');
    // The sim blocks for 60 s from when it answered; the stamp has whole seconds.
    expect(e.retryAt).toBeGreaterThanOrEqual(before + 60_000 - 1000);
    expect(e.retryAt).toBeLessThanOrEqual(after + 60_000);
    // The limiter remembers the block: the next call is refused locally without touching Base.
    await expect(c.getSeries()).rejects.toMatchObject({ code: 'BASE_RATE_LIMIT', retryAt: e.retryAt });

    await fault(sim, { method: 'getSeries', count: 1, kind: 'blocked' });
    const s = client(sim, 'sleep');
    const series = await s.c.getSeries();
    expect(series.length).toBeGreaterThan(0);
    expect(s.slept).toHaveLength(1);
    // Slept (on the fake clock) until Base's stamp, about a minute.
    expect(s.slept[0]!).toBeGreaterThan(30_000);

    // A token that stays blocked is not waited on forever.
    await fault(sim, { method: 'getSeries', count: 5, kind: 'blocked' });
    const stuck = client(sim, 'sleep');
    await expect(stuck.c.getSeries()).rejects.toMatchObject({ code: 'ERROR_BLOCKED_TOKEN' });
    expect(stuck.slept).toHaveLength(3);
    await fault(sim, { method: 'getSeries', count: 0, kind: 'blocked' });
  });

  it('stays under the limit: with 3/min the 4th call is reported or slept through', async () => {
    const r = client(sim, 'report', { limiter: new RateLimiter(3) });
    for (let i = 0; i < 3; i++) await r.c.getSeries();
    await expect(r.c.getSeries()).rejects.toBeInstanceOf(BaseRetryLaterError);
    const s = client(sim, 'sleep', { limiter: new RateLimiter(3) });
    for (let i = 0; i < 4; i++) await s.c.getSeries();
    expect(s.slept).toHaveLength(1);
    expect(s.slept[0]!).toBeGreaterThan(59_000);
  });

  it('retries transient failures when sleeping, reports them otherwise', async () => {
    await fault(sim, { method: 'getSeries', count: 1, kind: 'http500' });
    const s = client(sim, 'sleep');
    expect((await s.c.getSeries()).length).toBeGreaterThan(0);
    expect(s.slept).toEqual([1000]);
    await fault(sim, { method: 'getSeries', count: 1, kind: 'down' });
    const r = client(sim, 'report');
    const e = await r.c.getSeries().catch((x: unknown) => x);
    expect(e).toBeInstanceOf(BaseTransportError);
    expect((e as BaseTransportError).code).toBe('BASE_NETWORK');
    await fault(sim, { method: 'getSeries', count: 1, kind: 'http500' });
    await expect(r.c.getSeries()).rejects.toMatchObject({ code: 'BASE_HTTP', status: 500 });
  });

  it('sees an invoice added to the fake at run time (auto-send pickup)', async () => {
    const { c } = client(sim);
    const added = (await fetch(`${sim.origin}/__sim/invoices`, {
      method: 'POST',
      body: JSON.stringify({ invoice_company: 'Nowy Klient Sp. z o.o.' }),
    }).then((r) => r.json())) as { invoice_id: number };
    const inv = await c.getInvoice(added.invoice_id);
    expect(inv?.invoiceCompany).toBe('Nowy Klient Sp. z o.o.');
    expect(inv?.gov?.govStatus).toBe(0);
    // What auto-send would do with it: valid FA(3) with the fake's totals.
    const built = buildFa3({ invoice: inv!, seller: { ...DEMO_SELLER } });
    if (!built.ok) throw new Error(JSON.stringify(built.errors));
    expect(fa3Validator().validate(built.xml).valid).toBe(true);
    expect(built.totals.P_15).toBe(12300);
    const last = makeDemoDataset().invoices.at(-1)!.invoice_id;
    const newer: number[] = [];
    for await (const p of c.listInvoices({ dateFrom: 0 }))
      newer.push(...p.filter((i) => i.invoiceId > last).map((i) => i.invoiceId));
    expect(newer).toContain(added.invoice_id);
  });
});
