/**
 * Helpers for end-to-end tests that run the whole product: the KSeF simulator and the Base fake
 * started in the test process, the production hosts routed to them, and the extension configured
 * through its own commands (as the options page does).
 */
import { type BrowserContext, expect, type Page, type Worker } from '@playwright/test';
import type { BaseDataset } from '../sim/base';
import { type BaseSim, DEMO_SELLER, DEMO_SELLER_SETTINGS, SIM_TOKEN, startBaseSim } from '../sim/base';
import type { KsefSimOptions } from '../sim/ksef';
import { type KsefSim, startKsefSim } from '../sim/ksef';
import { PROD_HOSTS, routeOrigin } from './fixtures';

export interface World {
  ksef: KsefSim;
  base: BaseSim;
  ksefToken: string;
  close(): Promise<void>;
}

export async function startWorld(
  context: BrowserContext,
  opts: { ksef?: KsefSimOptions; dataset?: BaseDataset } = {},
): Promise<World> {
  const ksef = await startKsefSim({ env: 'test', ...opts.ksef });
  const base = await startBaseSim(opts.dataset ? { dataset: opts.dataset } : {});
  await routeOrigin(context, PROD_HOSTS.ksef[0], ksef.origin);
  await routeOrigin(context, PROD_HOSTS.baseApi, base.origin);
  // The extension must never reach the NBP API in tests: answer "no rate" (404) deterministically.
  await context.route('https://api.nbp.pl/**', (r) => r.fulfill({ status: 404, body: 'Not Found' }));
  const { token } = (await simPost(ksef, '/__sim/tokens', { nip: DEMO_SELLER.nip })) as { token: string };
  return {
    ksef,
    base,
    ksefToken: token,
    close: async () => {
      await ksef.close();
      await base.close();
    },
  };
}

export async function simPost(sim: { origin: string }, path: string, body: unknown): Promise<unknown> {
  const r = await fetch(`${sim.origin}${path}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!r.ok) throw new Error(`${path}: HTTP ${r.status} ${await r.text()}`);
  return r.json();
}

export async function simGet<T>(sim: { origin: string }, path: string): Promise<T> {
  const r = await fetch(`${sim.origin}${path}`);
  if (!r.ok) throw new Error(`${path}: HTTP ${r.status}`);
  return (await r.json()) as T;
}

/** Sends a command from an extension page and returns the reply envelope. */
export async function command(
  page: Page,
  cmd: string,
  req: unknown = {},
  // biome-ignore lint/suspicious/noExplicitAny: replies of any command; each test checks the fields it reads
): Promise<{ ok: boolean; res?: any; error?: any }> {
  return page.evaluate(([c, r]) => chrome.runtime.sendMessage({ ksef: 1, cmd: c, req: r }), [cmd, req] as const);
}

/** Configures the extension for the demo seller on TEST, as a user would in the options. */
export async function configure(page: Page, world: World, extra: Record<string, unknown> = {}): Promise<void> {
  const ok = async (cmd: string, req: unknown) => {
    const r = await command(page, cmd, req);
    if (!r.ok) throw new Error(`${cmd}: ${JSON.stringify(r.error)}`);
    return r.res;
  };
  await ok('settings.save', {
    patch: {
      env: 'test',
      ...DEMO_SELLER_SETTINGS,
      ...extra,
    },
  });
  await ok('secrets.setKsefToken', { token: world.ksefToken });
  await ok('secrets.setBaseToken', { token: SIM_TOKEN });
}

/** Fires the worker's hourly poll now: re-creates the same alarm to go off at once (test hook). */
export async function fireHourlyPoll(sw: Worker): Promise<void> {
  await sw.evaluate(() => chrome.alarms.create('ksef-poll', { when: Date.now(), periodInMinutes: 60 }));
}

export async function addBaseInvoice(
  world: World,
  partial: Record<string, unknown> = {},
): Promise<{ invoice_id: number; number: string }> {
  return (await simPost(world.base, '/__sim/invoices', partial)) as { invoice_id: number; number: string };
}

/** What the worker shows for one invoice (`invoices.view`). */
// biome-ignore lint/suspicious/noExplicitAny: an InvoiceView as the tests read it
export async function viewOf(page: Page, invoiceId: string | number): Promise<any> {
  return (await command(page, 'invoices.view', { invoiceIds: [String(invoiceId)] })).res.items[0];
}

/** Waits until the invoice reaches `state` (the worker's alarms and quick checks move it). */
export async function waitForState(
  page: Page,
  invoiceId: string | number,
  state: string,
  timeout = 30_000,
): Promise<Awaited<ReturnType<typeof viewOf>>> {
  await expect.poll(async () => (await viewOf(page, invoiceId)).state, { timeout }).toBe(state);
  return viewOf(page, invoiceId);
}

/** Every invoice the KSeF simulator registered for the demo seller. */
export function registeredInKsef(world: World): Promise<
  {
    invoiceNumber: string;
    ksefNumber: string | null;
    invoicingMode: string;
    status: number;
    invoiceHash: string;
    correctedHash: string | null;
  }[]
> {
  return simGet(world.ksef, `/__sim/invoices?nip=${DEMO_SELLER.nip}`);
}

/** The pipeline's pending wake-ups (`name → time`), kept behind one alarm by the worker. */
export async function pendingWakeups(sw: Worker): Promise<Record<string, number>> {
  return sw.evaluate(async () => ((await chrome.storage.local.get('wakeups')).wakeups ?? {}) as Record<string, number>);
}

/** Test hook: makes the pipeline's wake-ups whose name starts with `prefix` due now and fires them. */
export async function fireWakeups(sw: Worker, prefix = ''): Promise<void> {
  await sw.evaluate(async (p) => {
    const w = ((await chrome.storage.local.get('wakeups')).wakeups ?? {}) as Record<string, number>;
    for (const n of Object.keys(w)) if (n.startsWith(p)) w[n] = Date.now() - 1;
    await chrome.storage.local.set({ wakeups: w });
    await chrome.alarms.create('ksef-wake', { when: Date.now() });
  }, prefix);
}

/** The usual start of a product test: simulators up and routed, an extension page open, the
 * extension configured for the demo seller. */
export async function configuredWorld(
  context: BrowserContext,
  openExtensionPage: (path: string) => Promise<Page>,
  opts: { ksef?: KsefSimOptions; dataset?: BaseDataset; settings?: Record<string, unknown> } = {},
): Promise<{ world: World; page: Page }> {
  const world = await startWorld(context, opts);
  const page = await openExtensionPage('popup.html');
  await configure(page, world, opts.settings);
  return { world, page };
}

/** A Base panel host as the seller opens it; the content script runs there (src/platform/hosts.ts). */
export const PANEL = 'https://panel-e.baselinker.com';

/** `configuredWorld` plus the panel host routed to the Base fake's panel pages. */
export async function panelWorld(
  context: BrowserContext,
  openExtensionPage: (path: string) => Promise<Page>,
): Promise<{ world: World; page: Page }> {
  const ready = await configuredWorld(context, openExtensionPage);
  await routeOrigin(context, PANEL, ready.world.base.origin);
  return ready;
}

/** Waits until the invoice is accepted, making the worker's pending wake-ups and its hourly poll
 * due on every look (a restarted worker resumes on its next alarm, not on a clock we wait for). */
export async function acceptedAfterWakeups(page: Page, sw: Worker, invoiceId: string | number): Promise<void> {
  await expect
    .poll(
      async () => {
        const v = await viewOf(page, invoiceId);
        if (v.state !== 'accepted') {
          await fireWakeups(sw);
          await fireHourlyPoll(sw);
        }
        return v.state;
      },
      { timeout: 60_000, intervals: [2_000] },
    )
    .toBe('accepted');
}
