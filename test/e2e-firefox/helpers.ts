/**
 * The Chromium suite's product helpers (test/e2e/helpers.ts) for a Puppeteer page: commands sent
 * from an extension page, the demo seller's configuration, waiting for an invoice's state.
 */
import type { Page } from 'puppeteer-core';
import { simGet, simPost } from '../e2e/helpers';
import { DEMO_SELLER, DEMO_SELLER_SETTINGS, SIM_TOKEN } from '../sim/base';
import { expect, type Firefox } from './fixtures';

export { simGet, simPost };

// biome-ignore lint/suspicious/noExplicitAny: replies of any command; each test checks the fields it reads
export type Reply = { ok: boolean; res?: any; error?: any };

/** Sends a command from an extension page and returns the reply envelope. */
export async function command(page: Page, cmd: string, req: unknown = {}): Promise<Reply> {
  return page.evaluate(
    (c, r) =>
      (globalThis as unknown as { browser: typeof chrome }).browser.runtime.sendMessage({ ksef: 1, cmd: c, req: r }),
    cmd,
    req as object,
  ) as Promise<Reply>;
}

async function ok(page: Page, cmd: string, req: unknown = {}) {
  const r = await command(page, cmd, req);
  if (!r.ok) throw new Error(`${cmd}: ${JSON.stringify(r.error)}`);
  return r.res;
}

/** A KSeF token for the demo seller, made by the simulator. */
export async function ksefToken(ff: Firefox): Promise<string> {
  return ((await simPost(ff.ksef, '/__sim/tokens', { nip: DEMO_SELLER.nip })) as { token: string }).token;
}

/** Configures the extension for the demo seller on TEST, through its own commands. */
export async function configure(page: Page, ff: Firefox): Promise<void> {
  await ok(page, 'settings.save', {
    patch: {
      env: 'test',
      ...DEMO_SELLER_SETTINGS,
    },
  });
  await ok(page, 'secrets.setKsefToken', { token: await ksefToken(ff) });
  await ok(page, 'secrets.setBaseToken', { token: SIM_TOKEN });
}

export async function addBaseInvoice(
  ff: Firefox,
  partial: Record<string, unknown> = {},
): Promise<{ invoice_id: number; number: string }> {
  return (await simPost(ff.base, '/__sim/invoices', partial)) as { invoice_id: number; number: string };
}

// biome-ignore lint/suspicious/noExplicitAny: an InvoiceView as the tests read it
export async function viewOf(page: Page, invoiceId: string | number): Promise<any> {
  return (await ok(page, 'invoices.view', { invoiceIds: [String(invoiceId)] })).items[0];
}

export async function waitForState(page: Page, invoiceId: string | number, state: string, timeout = 30_000) {
  await expect.poll(async () => (await viewOf(page, invoiceId))?.state, { timeout }).toBe(state);
  return viewOf(page, invoiceId);
}

/** Fires the worker's hourly poll now (re-creates the same alarm to go off at once). */
export async function fireHourlyPoll(page: Page): Promise<void> {
  await page.evaluate(() =>
    (globalThis as unknown as { browser: typeof chrome }).browser.alarms.create('ksef-poll', {
      when: Date.now(),
      periodInMinutes: 60,
    }),
  );
}

/** Every invoice the KSeF simulator registered for the demo seller. */
export function registeredInKsef(
  ff: Firefox,
): Promise<{ invoiceNumber: string; ksefNumber: string | null; invoicingMode: string; status: number }[]> {
  return simGet(ff.ksef, `/__sim/invoices?nip=${DEMO_SELLER.nip}`);
}
