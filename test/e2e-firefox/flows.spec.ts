/**
 * The seller's paths in Firefox ESR: the injected icon on Base's invoice list, the popup, an
 * offline invoice with both QR codes (certificate login with XAdES, ECDSA and RSA Offline keys),
 * the month export, and the background page reloaded in the middle of a send.
 */
import { createPrivateKey } from 'node:crypto';
import type { Page } from 'puppeteer-core';
import { DEMO_SELLER } from '../sim/base';
import { blockText, clickInBlock, inShadow, rowBlockHosts } from './closed-shadow';
import { expect, openExtensionPage as openIn, PANEL_HOST, test } from './fixtures';
import {
  addBaseInvoice,
  command,
  configure,
  fireHourlyPoll,
  registeredInKsef,
  simGet,
  simPost,
  viewOf,
  waitForState,
} from './helpers';

declare const browser: typeof chrome;

const yesterday = () => Math.floor(Date.now() / 1000) - 86_400 - 3_600;

/** Text of the first element matching a (Puppeteer, shadow-piercing) selector, '' when absent. */
async function textOf(page: Page, selector: string): Promise<string> {
  const el = await page.$(selector);
  return el ? ((await el.evaluate((e) => e.textContent)) ?? '') : '';
}

test('the injected icon sends an invoice to Zaakceptowana with its KSeF number and QR; the popup lists it', async ({
  ff,
  openExtensionPage,
}) => {
  const ext = await openExtensionPage('popup.html');
  await configure(ext, ff);
  const inv = await addBaseInvoice(ff);
  const panel = await ff.browser.newPage();
  await panel.goto(`https://${PANEL_HOST}/invoices.php`);
  // The layer and each block have their own closed shadow root (closed-shadow.ts reaches them).
  const id = inv.invoice_id;
  const label = () =>
    inShadow<string | null>(
      panel,
      rowBlockHosts(id),
      '(r) => r.querySelector("button.send")?.getAttribute("aria-label") ?? null',
    );
  // The icon's name says which invoice it sends once the worker has answered for the row.
  await expect.poll(label, { timeout: 30_000 }).toBe(`Wyślij do KSeF: ${inv.number}`);
  // A page script cannot see into the blocks.
  expect(await panel.evaluate(() => document.querySelector('[data-ksef-ext="layer"]')?.shadowRoot ?? null)).toBeNull();
  await clickInBlock(panel, id, 'button.send');

  const badge = () => blockText(panel, id, '.badge');
  await expect.poll(badge, { timeout: 30_000 }).toMatch(/W przetwarzaniu|Zaakcept/);
  if (!(await badge()).includes('Zaakceptowana')) await fireHourlyPoll(ext);
  await expect.poll(badge, { timeout: 30_000 }).toContain('Zaakceptowana');
  const ksefNumber = await blockText(panel, id, '.num');
  expect(ksefNumber).toMatch(new RegExp(`^${DEMO_SELLER.nip}-\\d{8}-[0-9A-F]{12}-[0-9A-F]{2}$`));
  expect(await inShadow(panel, rowBlockHosts(id), '(r) => r.querySelector("button.send").disabled')).toBe(true);
  // The QR preview opens inside the block; nothing of ours lands in Base's own document.
  await clickInBlock(panel, id, '[data-action="more"]');
  await clickInBlock(panel, id, '[data-action="qr"]');
  await expect.poll(() => blockText(panel, id, '.qr svg')).toContain(ksefNumber);
  expect(await panel.evaluate(() => document.querySelectorAll('svg').length)).toBe(0);

  const popup = await openExtensionPage('popup.html');
  await expect.poll(() => textOf(popup, '[data-testid="popup-accepted"]')).toContain(ksefNumber);
  expect((await registeredInKsef(ff)).filter((i) => i.invoiceNumber === inv.number)).toHaveLength(1);
});

async function offlineKey(ff: { ksef: { origin: string } }, keyType: 'EC' | 'RSA', password: string) {
  const cert = (await simPost(ff.ksef, '/__sim/certificates', {
    nip: DEMO_SELLER.nip,
    type: 'Offline',
    keyType,
    name: `Offline ${keyType}`,
  })) as { serialNumber: string; privateKeyPkcs8Pem: string };
  // What the taxpayer application hands out: PKCS#8 encrypted with PBES2 (PBKDF2 + AES-256-CBC).
  const pem = createPrivateKey(cert.privateKeyPkcs8Pem).export({
    type: 'pkcs8',
    format: 'pem',
    cipher: 'aes-256-cbc',
    passphrase: password,
  }) as string;
  return { serialNumber: cert.serialNumber, fileBase64: Buffer.from(pem).toString('base64') };
}

test('offline invoices carry KOD I and KOD II signed with an ECDSA and an RSA key; login by a XAdES-signed certificate', async ({
  ff,
  openExtensionPage,
}) => {
  const page = await openExtensionPage('options.html');
  await configure(page, ff);
  // "test" on TEST: a self-signed certificate and a XAdES-signed login, made by Firefox's WebCrypto.
  expect((await command(page, 'secrets.setKsefToken', { token: 'test' })).ok).toBe(true);
  const check = await command(page, 'connection.check');
  expect(check.res.ksef.ok, check.res.ksef.message).toBe(true);

  for (const keyType of ['EC', 'RSA'] as const) {
    const key = await offlineKey(ff, keyType, 'tajne-haslo');
    const imported = await command(page, 'certs.importKey', {
      ...key,
      fileName: 'offline.key',
      password: 'tajne-haslo',
    });
    expect(imported.ok, JSON.stringify(imported.error)).toBe(true);
    const inv = await addBaseInvoice(ff, { date_add: yesterday(), date_sell: yesterday() });
    const sent = await command(page, 'invoice.send', { invoiceId: String(inv.invoice_id) });
    expect(sent.ok, JSON.stringify(sent.error)).toBe(true);
    const view = await waitForState(page, inv.invoice_id, 'accepted');
    expect(view.offline).toBe(true);
    expect(view.kod1Url).toMatch(/^https:\/\/qr-test\.ksef\.mf\.gov\.pl\/invoice\//);
    expect(view.kod2Url).toContain(`/certificate/Nip/${DEMO_SELLER.nip}/${DEMO_SELLER.nip}/${key.serialNumber}/`);
    const qr = await command(page, 'invoice.qr', { invoiceId: String(inv.invoice_id) });
    expect(qr.res.kod1Svg).toContain(view.ksefNumber);
    expect(qr.res.kod2Svg).toContain('CERTYFIKAT');
    const inKsef = (await registeredInKsef(ff)).find((i) => i.invoiceNumber === inv.number);
    expect(inKsef?.invoicingMode).toBe('Offline');
  }
  const requests = await simGet<{ method: string; path: string }[]>(ff.ksef, '/__sim/requests');
  expect(requests.some((r) => r.method === 'POST' && r.path.startsWith('/v2/auth/xades-signature'))).toBe(true);
});

/** Opens an extension page in `tab` once the reloaded extension serves its pages again. */
async function reopen(ff: Parameters<typeof openIn>[0], path: string, tab: Page): Promise<Page> {
  const until = Date.now() + 60_000;
  for (;;) {
    try {
      return await openIn(ff, path, tab);
    } catch (err) {
      if (Date.now() > until) throw err;
    }
  }
}

test('background reloaded while KSeF holds the send: the invoice is accepted, in KSeF once', async ({
  ff,
  openExtensionPage,
}) => {
  let page = await openExtensionPage('options.html');
  await configure(page, ff);
  const inv = await addBaseInvoice(ff);
  const route = 'POST /v2/sessions/online/{referenceNumber}/invoices';
  await simPost(ff.ksef, '/__sim/faults', { route, kind: 'hang', count: 1 });
  // The send is in flight (KSeF holds the upload) when the whole background is reloaded.
  void command(page, 'invoice.send', { invoiceId: String(inv.invoice_id) }).catch(() => undefined);
  const posts = async () =>
    (await simGet<{ method: string; path: string }[]>(ff.ksef, '/__sim/requests')).filter(
      (r) => r.method === 'POST' && /\/sessions\/online\/[^/]+\/invoices$/.test(r.path),
    ).length;
  await expect.poll(posts, { timeout: 30_000 }).toBe(1);
  // A plain tab to come back with: the reload closes the extension's own pages.
  const spare = await ff.browser.newPage();
  await spare.goto(ff.launchPad);
  // storage.session lives as long as the extension runs: a marker in it shows the reload happened.
  await page.evaluate(() => browser.storage.session.set({ beforeReload: true }));
  await page.evaluate(() => browser.runtime.reload()).catch(() => undefined);

  // A new background resumes the claimed send; the extension's pages open again.
  page = await reopen(ff, 'popup.html', spare);
  expect(await page.evaluate(() => browser.storage.session.get('beforeReload'))).toEqual({});
  await waitForState(page, inv.invoice_id, 'accepted', 60_000);
  expect((await registeredInKsef(ff)).filter((i) => i.invoiceNumber === inv.number)).toHaveLength(1);
  expect((await viewOf(page, inv.invoice_id)).ksefNumber).toBeTruthy();
});
