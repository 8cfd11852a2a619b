/**
 * Playwright Test fixtures that drive the built Firefox extension (.output/firefox-mv3, made by
 * `npm run build:e2e:firefox`) in Debian's Firefox ESR through Puppeteer over WebDriver BiDi.
 * Each test gets a fresh profile (the throw-away CA trusted in it, all traffic through the test
 * proxy), the extension installed as a temporary add-on with its UUID pinned, the simulators
 * started and routed in at the production hosts, so the production code runs unchanged.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { test as base, expect } from '@playwright/test';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { FIREFOX_ADDON_ID } from '../../wxt.config';
import { type BaseDataset, type BaseSim, startBaseSim } from '../sim/base';
import { type KsefSim, startKsefSim } from '../sim/ksef';
import { startProxy, type TestProxy, trustCaInProfile } from './proxy';

export const EXTENSION_DIR = resolve(
  import.meta.dirname,
  '../..',
  process.env.KSEF_OUT_DIR ?? '.output',
  'firefox-mv3',
);
export const FIREFOX = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';
/** The add-on's internal UUID, pinned by a pref so the tests know its `moz-extension://` origin. */
export const ADDON_UUID = '6f1c9a52-0d3b-4e27-9a41-5c8e7b2d4f10';
export const EXT_ORIGIN = `moz-extension://${ADDON_UUID}`;

export const PANEL_HOST = 'panel-e.baselinker.com';
const KSEF_HOST = 'api-test.ksef.mf.gov.pl';
const ROUTED = [PANEL_HOST, 'api.baselinker.com', KSEF_HOST, 'api.nbp.pl'] as const;

export interface Firefox {
  browser: Browser;
  proxy: TestProxy;
  ksef: KsefSim;
  base: BaseSim;
  /** A blank page on 127.0.0.1, the only kind of page allowed to open the extension's pages. */
  launchPad: string;
}

async function startLaunchPad(): Promise<{ url: string; close(): Promise<void> }> {
  const srv = http.createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end('<!doctype html><title>pad</title>');
  });
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(srv.address() as AddressInfo).port}/`,
    close: () => new Promise<void>((r) => srv.close(() => r())),
  };
}

async function launch(proxy: TestProxy, profile: string): Promise<Browser> {
  await trustCaInProfile(profile, proxy.caPem);
  return puppeteer.launch({
    browser: 'firefox',
    executablePath: FIREFOX,
    headless: true,
    defaultViewport: { width: 1280, height: 720 },
    userDataDir: profile,
    extraPrefsFirefox: {
      'extensions.webextensions.uuids': JSON.stringify({ [FIREFOX_ADDON_ID]: ADDON_UUID }),
      'intl.locale.requested': 'pl',
      // `permissions.request` is granted without the doorhanger a user would click through.
      'extensions.webextOptionalPermissionPrompts': false,
      'intl.accept_languages': 'pl-PL, pl',
      // Everything through the test proxy; 127.0.0.1 (simulators, launch pad) stays direct.
      'network.proxy.type': 1,
      'network.proxy.ssl': '127.0.0.1',
      'network.proxy.ssl_port': proxy.port,
      'network.proxy.http': '127.0.0.1',
      'network.proxy.http_port': proxy.port,
      'network.proxy.no_proxies_on': '127.0.0.1',
      'network.proxy.allow_hijacking_localhost': false,
      'network.dns.disablePrefetch': true,
    },
  });
}

interface Fixtures {
  /** The Base fake's invoices (its demo dataset unless a test file sets one). */
  dataset: BaseDataset | undefined;
  ff: Firefox;
  /** Opens an extension page (`popup.html`, `options.html`, …) in a new tab. */
  openExtensionPage: (path: string) => Promise<Page>;
}

export const test = base.extend<Fixtures>({
  dataset: [undefined, { option: true }],
  ff: async ({ dataset }, use) => {
    if (!existsSync(join(EXTENSION_DIR, 'manifest.json'))) {
      throw new Error(`No built extension in ${EXTENSION_DIR}: run \`npm run build:e2e:firefox\` first.`);
    }
    const ksef = await startKsefSim({ env: 'test' });
    const baseSim = await startBaseSim(dataset ? { dataset } : {});
    const proxy = await startProxy(ROUTED);
    proxy.route(PANEL_HOST, { origin: baseSim.origin });
    proxy.route('api.baselinker.com', { origin: baseSim.origin });
    proxy.route(KSEF_HOST, { origin: ksef.origin });
    // The extension must never reach the NBP API in tests: "no rate" (404), deterministically.
    proxy.route('api.nbp.pl', { status: 404, body: 'Not Found' });
    const pad = await startLaunchPad();
    const profile = await mkdtemp(join(tmpdir(), 'ksef-ff-'));
    const browser = await launch(proxy, profile);
    try {
      await browser.installExtension(EXTENSION_DIR);
      await use({ browser, proxy, ksef, base: baseSim, launchPad: pad.url });
    } finally {
      await browser.close().catch(() => undefined);
      await Promise.all([proxy.close(), pad.close(), ksef.close(), baseSim.close()]);
      await rm(profile, { recursive: true, force: true });
    }
  },
  openExtensionPage: async ({ ff }, use) => {
    await use((path) => openExtensionPage(ff, path));
  },
});

/**
 * WebDriver BiDi will not navigate to `moz-extension://` URLs, but a page on 127.0.0.1 may, for
 * the pages the test build lists in `web_accessible_resources` (wxt.config.ts, Firefox branch).
 */
export async function openExtensionPage(ff: Firefox, path: string, page?: Page): Promise<Page> {
  const p = page ?? (await ff.browser.newPage());
  await p.goto(ff.launchPad);
  await p.evaluate((u) => {
    location.href = u;
  }, `${EXT_ORIGIN}/${path}`);
  // Puppeteer does not report this navigation: ask the tab until the extension page has loaded.
  await expect
    .poll(() => p.evaluate(() => `${location.origin} ${document.readyState}`).catch(() => 'navigating'), {
      timeout: 15_000,
    })
    .toBe(`${EXT_ORIGIN} complete`);
  return p;
}

export { expect };
