/**
 * Shared Playwright fixtures: the built extension in Debian Chromium (persistent context,
 * `--load-extension`, headless), its id and service worker, a worker-stop helper over the DevTools
 * protocol, and routing of the production hosts to local servers or fixtures (docs/harness.md §6), so
 * the production code runs unchanged.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { type BrowserContext, test as base, chromium, type Page, type Route, type Worker } from '@playwright/test';

export const EXTENSION_DIR = resolve(import.meta.dirname, '../..', process.env.KSEF_OUT_DIR ?? '.output', 'chrome-mv3');
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** The production hosts the extension talks to; tests point them at local servers. */
export const PROD_HOSTS = {
  ksef: ['https://api-test.ksef.mf.gov.pl', 'https://api-demo.ksef.mf.gov.pl', 'https://api.ksef.mf.gov.pl'],
  baseApi: 'https://api.baselinker.com',
} as const;

export async function launchExtension(opts: { headless?: boolean } = {}): Promise<{
  context: BrowserContext;
  userDataDir: string;
}> {
  if (!existsSync(join(EXTENSION_DIR, 'manifest.json'))) {
    throw new Error(`No built extension in ${EXTENSION_DIR}: run \`npm run build:e2e\` first.`);
  }
  const userDataDir = await mkdtemp(join(tmpdir(), 'ksef-e2e-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: opts.headless ?? true,
    locale: 'pl-PL',
    args: [
      `--disable-extensions-except=${EXTENSION_DIR}`,
      `--load-extension=${EXTENSION_DIR}`,
      '--no-sandbox', // we run as root
      '--disable-gpu',
      '--disable-background-networking', // the machine's network is closed (env: node.md)
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
  return { context, userDataDir };
}

export async function serviceWorkerOf(context: BrowserContext): Promise<Worker> {
  return context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
}

/** Forwards every request for `prodOrigin` to the same path on `localOrigin` (a test server). */
export async function routeOrigin(context: BrowserContext, prodOrigin: string, localOrigin: string): Promise<void> {
  await context.route(`${prodOrigin}/**`, async (route: Route) => {
    const u = new URL(route.request().url());
    try {
      // Keep the production Host: the KSeF simulator builds the URLs it returns (UPO, batch
      // uploads) from it, as the real service does.
      const response = await route.fetch({
        url: `${localOrigin}${u.pathname}${u.search}`,
        headers: { ...route.request().headers(), host: u.host },
        maxRetries: 0,
      });
      await route.fulfill({ response });
    } catch {
      await route.abort('connectionrefused');
    }
  });
}

/** Serves `html` at a real panel URL, so the content script injects exactly as on Base. */
export async function servePanelPage(context: BrowserContext, url: string, html: string): Promise<void> {
  await context.route(url, (route) => route.fulfill({ contentType: 'text/html; charset=utf-8', body: html }));
}

/**
 * Stops the extension's service worker through the DevTools protocol and waits until Chromium
 * reports it stopped (docs/harness.md §6: Playwright's `close` event never comes). The next extension
 * event starts it again; the Playwright `Worker` handle is reused.
 */
export async function stopServiceWorker(context: BrowserContext, extensionId: string): Promise<void> {
  const page = await context.newPage();
  try {
    await page.goto(`chrome-extension://${extensionId}/popup.html`);
    const cdp = await context.newCDPSession(page);
    const stopped = new Promise<void>((res) => {
      cdp.on('ServiceWorker.workerVersionUpdated', ({ versions }) => {
        if (
          versions.some(
            (v: { scriptURL: string; runningStatus: string }) =>
              v.scriptURL.startsWith(`chrome-extension://${extensionId}/`) && v.runningStatus === 'stopped',
          )
        )
          res();
      });
    });
    await cdp.send('ServiceWorker.enable');
    await cdp.send('ServiceWorker.stopAllWorkers');
    await stopped;
    await cdp.detach();
  } finally {
    await page.close();
  }
}

interface Fixtures {
  context: BrowserContext;
  sw: Worker;
  extensionId: string;
  /** Opens an extension page (`popup.html`, `options.html`, …) in a new tab. */
  openExtensionPage: (path: string) => Promise<Page>;
  stopWorker: () => Promise<void>;
}

export const test = base.extend<Fixtures>({
  // biome-ignore lint/correctness/noEmptyPattern: Playwright fixtures take their dependencies destructured
  context: async ({}, use) => {
    const { context, userDataDir } = await launchExtension();
    await use(context);
    await context.close();
    await rm(userDataDir, { recursive: true, force: true });
  },
  sw: async ({ context }, use) => {
    await use(await serviceWorkerOf(context));
  },
  extensionId: async ({ sw }, use) => {
    await use(new URL(sw.url()).host);
  },
  openExtensionPage: async ({ context, extensionId }, use) => {
    await use(async (path) => {
      const page = await context.newPage();
      await page.goto(`chrome-extension://${extensionId}/${path}`);
      return page;
    });
  },
  stopWorker: async ({ context, extensionId }, use) => {
    await use(() => stopServiceWorker(context, extensionId));
  },
});

export { expect } from '@playwright/test';
