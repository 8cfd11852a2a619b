/**
 * The extension in Firefox ESR: what differs from Chrome (event page, add-on id, host access the
 * user grants, storage.session), and the first run: the options page asks for the hosts, the
 * worker refuses to send until they are granted, then the invoice goes to KSeF.
 */
import { hostOfPattern, REQUIRED_HOST_ORIGINS } from '../../src/platform/required-hosts';
import { EXT_ORIGIN, expect, test } from './fixtures';
import { addBaseInvoice, command, configure, registeredInKsef, waitForState } from './helpers';

/** Page-side: the extension API (Firefox's own `browser`). Only for use inside `page.evaluate`. */
declare const browser: typeof chrome;

test('Firefox build: event page, fixed add-on id, storage.session and notifications available to the extension', async ({
  openExtensionPage,
}) => {
  const page = await openExtensionPage('popup.html');
  const facts = await page.evaluate(async () => {
    const b = browser;
    const m = b.runtime.getManifest() as chrome.runtime.ManifestV3 & {
      background: { scripts?: string[]; service_worker?: string };
      browser_specific_settings?: { gecko?: { id?: string } };
    };
    await b.storage.session.set({ probe: 1 });
    const session = (await b.storage.session.get('probe')).probe;
    await b.storage.session.remove('probe');
    return {
      background: m.background,
      id: m.browser_specific_settings?.gecko?.id,
      runtimeId: b.runtime.id,
      session,
      notifications: typeof b.notifications?.create,
      csp: m.content_security_policy?.extension_pages,
      version: (await b.runtime.sendMessage({ ksef: 1, cmd: 'ping', req: {} })) as { ok: boolean },
    };
  });
  // No service worker in Firefox MV3: the background runs as an event page.
  expect(facts.background.scripts).toEqual([`${EXT_ORIGIN}/background.js`]);
  expect(facts.background.service_worker ?? undefined).toBeUndefined();
  expect(facts.id).toBe('ksef-dla-base@ksef-base.pl');
  expect(facts.runtimeId).toBe(facts.id);
  expect(facts.session).toBe(1);
  expect(facts.notifications).toBe('function');
  expect(facts.csp).toContain("'wasm-unsafe-eval'");
  expect(facts.version.ok).toBe(true);
});

test('first run: the options page lists the withheld hosts, the worker refuses to send in Polish, a click grants them and the invoice goes through', async ({
  ff,
  openExtensionPage,
}) => {
  const page = await openExtensionPage('options.html');
  // A temporary add-on gets its host permissions at once; a user may withhold or revoke them.
  expect(await page.evaluate((o) => browser.permissions.remove({ origins: o }), [...REQUIRED_HOST_ORIGINS])).toBe(true);
  const banner = await page.waitForSelector('[data-testid="host-access"]');
  const listed = await banner!.evaluate((e) => [...e.querySelectorAll('li')].map((li) => li.textContent));
  expect(listed).toEqual(REQUIRED_HOST_ORIGINS.map(hostOfPattern));
  expect(listed).toEqual(expect.arrayContaining(['api-test.ksef.mf.gov.pl', 'api.baselinker.com', 'api.nbp.pl']));

  await configure(page, ff);
  const inv = await addBaseInvoice(ff);
  const refused = await command(page, 'invoice.send', { invoiceId: String(inv.invoice_id) });
  expect(refused.ok).toBe(false);
  expect(refused.error.code).toBe('not-configured');
  expect(refused.error.message).toMatch(/^Przeglądarka nie pozwala rozszerzeniu łączyć się z: api-test\.ksef/);
  expect(refused.error.message).toContain('Zezwól na połączenia');
  const exportRefused = await command(page, 'export.start', { month: '2026-10' });
  expect(exportRefused.error?.code).toBe('not-configured');
  // Refused before anything was written: the invoice is not in the outbox, KSeF saw nothing.
  expect((await command(page, 'invoices.view', { invoiceIds: [String(inv.invoice_id)] })).res.items[0].state).toBe(
    undefined,
  );
  expect(await registeredInKsef(ff)).toEqual([]);

  // The user's click asks the browser (its prompt is auto-accepted in this profile).
  const grant = await page.waitForSelector('[data-testid="host-access"] ::-p-text(Zezwól na połączenia)');
  await grant!.click();
  await page.waitForSelector('[data-testid="host-access"]', { hidden: true });
  expect(await page.evaluate((o) => browser.permissions.contains({ origins: o }), [...REQUIRED_HOST_ORIGINS])).toBe(
    true,
  );

  const sent = await command(page, 'invoice.send', { invoiceId: String(inv.invoice_id) });
  expect(sent.ok, JSON.stringify(sent.error)).toBe(true);
  await waitForState(page, inv.invoice_id, 'accepted');
  expect((await registeredInKsef(ff)).filter((i) => i.invoiceNumber === inv.number)).toHaveLength(1);
  // The KSeF access tokens went to storage.session (memory only) in Firefox too.
  const session = await page.evaluate(() => browser.storage.session.get(null));
  expect(Object.keys(session).some((k) => k.endsWith(':tokens'))).toBe(true);
});
