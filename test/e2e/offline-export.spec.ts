/**
 * Offline invoices with KOD II from an uploaded Offline-certificate key, secrets
 * at rest, auto-send and the monthly export through a batch session, in the real extension.
 */
import { createPrivateKey } from 'node:crypto';
import { DEMO_SELLER, makeMonthDataset } from '../sim/base';
import { expect, test } from './fixtures';
import {
  addBaseInvoice,
  command,
  configuredWorld,
  registeredInKsef,
  simGet,
  simPost,
  viewOf,
  type World,
  waitForState,
} from './helpers';

let world: World;
test.afterEach(async () => {
  await world?.close();
});

/** Starts and configures everything; the world is closed after each test. */
async function setUp(...args: Parameters<typeof configuredWorld>) {
  const ready = await configuredWorld(...args);
  world = ready.world;
  return ready.page;
}

const yesterday = () => Math.floor(Date.now() / 1000) - 86_400 - 3_600;

async function offlineCertificate(w: World, keyType: 'EC' | 'RSA', password: string) {
  const cert = (await simPost(w.ksef, '/__sim/certificates', {
    nip: DEMO_SELLER.nip,
    type: 'Offline',
    keyType,
    name: 'Certyfikat offline demo',
  })) as { serialNumber: string; certificatePem: string; privateKeyPkcs8Pem: string };
  // What the taxpayer application hands out: PKCS#8 encrypted with PBES2 (PBKDF2 + AES-256-CBC).
  const encrypted = createPrivateKey(cert.privateKeyPkcs8Pem).export({
    type: 'pkcs8',
    format: 'pem',
    cipher: 'aes-256-cbc',
    passphrase: password,
  }) as string;
  return { ...cert, encryptedKeyBase64: Buffer.from(encrypted).toString('base64') };
}

test('an uploaded encrypted Offline key survives a worker restart and signs KOD II of an offline invoice; nothing secret is readable in IndexedDB', async ({
  context,
  sw,
  stopWorker,
  openExtensionPage,
}) => {
  const page = await setUp(context, openExtensionPage);
  const cert = await offlineCertificate(world, 'EC', 'tajne-haslo-1');

  const listed = await command(page, 'certs.listOffline');
  expect(listed.ok, JSON.stringify(listed.error)).toBe(true);
  expect(listed.res.certificates.map((c: { serialNumber: string }) => c.serialNumber)).toContain(cert.serialNumber);

  // A wrong password is refused in Polish and configures nothing.
  const wrong = await command(page, 'certs.importKey', {
    serialNumber: cert.serialNumber,
    fileName: 'offline.key',
    fileBase64: cert.encryptedKeyBase64,
    password: 'zle-haslo',
  });
  expect(wrong.ok).toBe(false);
  expect(wrong.error.message).toMatch(/hasło/i);
  expect((await command(page, 'settings.get')).res.secrets.offlineKey).toBeNull();

  const ok = await command(page, 'certs.importKey', {
    serialNumber: cert.serialNumber,
    fileName: 'offline.key',
    fileBase64: cert.encryptedKeyBase64,
    password: 'tajne-haslo-1',
  });
  expect(ok.ok, JSON.stringify(ok.error)).toBe(true);
  expect(ok.res.secrets.offlineKey).toMatchObject({ serialNumber: cert.serialNumber, keyType: 'EC P-256' });

  await stopWorker();

  // Issued yesterday, sent today: offline mode (seed: "Obsługa Trybu Offline").
  const inv = await addBaseInvoice(world, { date_add: yesterday(), date_sell: yesterday() });
  const id = String(inv.invoice_id);
  const sent = await command(page, 'invoice.send', { invoiceId: id });
  expect(sent.ok, JSON.stringify(sent.error)).toBe(true);
  await waitForState(page, id, 'accepted', 30_000);
  const view = await viewOf(page, id);
  expect(view.offline).toBe(true);
  expect(view.offlineWithoutCertificate).toBeFalsy();
  expect(view.kod2Url).toMatch(
    new RegExp(
      `^https://qr-test\\.ksef\\.mf\\.gov\\.pl/certificate/Nip/${DEMO_SELLER.nip}/${DEMO_SELLER.nip}/${cert.serialNumber}/[\\w-]{43}/[\\w-]+$`,
    ),
  );
  const qr = await command(page, 'invoice.qr', { invoiceId: id });
  expect(qr.res.kod2Svg).toContain('CERTYFIKAT');
  const inKsef = await registeredInKsef(world);
  expect(inKsef.find((i) => i.invoiceNumber === inv.number)?.invoicingMode).toBe('Offline');

  // Everything IndexedDB holds, as the worker itself can read it: no token, no key material.
  const dump = await sw.evaluate(async () => {
    const out: string[] = [];
    for (const info of await indexedDB.databases()) {
      const db = await new Promise<IDBDatabase>((res, rej) => {
        const r = indexedDB.open(info.name!);
        r.onsuccess = () => res(r.result);
        r.onerror = () => rej(r.error);
      });
      for (const store of Array.from(db.objectStoreNames)) {
        const rows = await new Promise<unknown[]>((res) => {
          const r = db.transaction(store).objectStore(store).getAll();
          r.onsuccess = () => res(r.result);
        });
        const text = (v: unknown): string => {
          if (v instanceof ArrayBuffer) return new TextDecoder('latin1').decode(v);
          if (ArrayBuffer.isView(v)) return new TextDecoder('latin1').decode(v as Uint8Array);
          if (v instanceof CryptoKey) return `[CryptoKey extractable=${v.extractable}]`;
          if (v && typeof v === 'object') return Object.values(v).map(text).join(' ');
          return String(v);
        };
        out.push(...rows.map(text));
      }
      db.close();
    }
    return out.join('\n');
  });
  expect(dump).toContain('[CryptoKey extractable=false]');
  expect(dump).not.toContain('[CryptoKey extractable=true]');
  expect(dump).not.toContain(world.ksefToken);
  expect(dump).not.toContain(world.ksefToken.split('|')[2]!);
  expect(dump).not.toContain('SIMTOKEN');
  expect(dump).not.toContain('PRIVATE KEY');
});

test('an offline invoice without an Offline certificate is accepted but flagged in the popup', async ({
  context,
  openExtensionPage,
}) => {
  const page = await setUp(context, openExtensionPage);
  const inv = await addBaseInvoice(world, { date_add: yesterday(), date_sell: yesterday() });
  const id = String(inv.invoice_id);
  await command(page, 'invoice.send', { invoiceId: id });
  await waitForState(page, id, 'accepted', 30_000);
  const view = await viewOf(page, id);
  expect(view.offline).toBe(true);
  expect(view.offlineWithoutCertificate).toBe(true);
  const popup = await command(page, 'popup.summary');
  expect(popup.res.warnings.join(' ')).toMatch(/certyfikatu Offline: brak kodu KOD II/);
  const popupPage = await openExtensionPage('popup.html');
  await expect(popupPage.getByText(/certyfikatu Offline: brak kodu KOD II/)).toBeVisible();
  await expect(popupPage.getByTestId('popup-attention')).toContainText(inv.number);
});

function previousMonth(): string {
  const now = new Date();
  const prev = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 15));
  return `${prev.getUTCFullYear()}-${String(prev.getUTCMonth() + 1).padStart(2, '0')}`;
}

test('auto-send picks up a new invoice from Base and sends it the same day', async ({
  context,
  sw,
  openExtensionPage,
}) => {
  // Base holds only last month's invoices: auto-send starts from today, never from history.
  const page = await setUp(context, openExtensionPage, {
    dataset: makeMonthDataset(previousMonth(), 5),
    settings: { autoSend: true },
  });
  const fire = () => sw.evaluate(() => chrome.alarms.create('ksef-autosend', { when: Date.now(), periodInMinutes: 2 }));
  expect((await sw.evaluate(() => chrome.alarms.get('ksef-autosend')))?.periodInMinutes).toBe(2);
  await fire(); // the first tick marks where Base is now: history is the export's job
  await page.waitForTimeout(1500);
  const inv = await addBaseInvoice(world);
  await fire();
  await waitForState(page, String(inv.invoice_id), 'accepted', 30_000);
  const view = await viewOf(page, String(inv.invoice_id));
  expect(view.offline).toBeFalsy();
  // Only the new invoice went to KSeF.
  const inKsef = await registeredInKsef(world);
  expect(inKsef.map((i) => i.invoiceNumber)).toEqual([inv.number]);
});

test('a month export of 200 invoices goes through a batch session with progress', async ({
  context,
  sw,
  openExtensionPage,
}) => {
  test.setTimeout(180_000);
  const month = previousMonth();
  const page = await setUp(context, openExtensionPage, { dataset: makeMonthDataset(month, 200) });

  const count = await command(page, 'export.count', { month });
  expect(count.ok, JSON.stringify(count.error)).toBe(true);
  expect(count.res.notSent).toBeGreaterThan(150);
  const expected = count.res.notSent as number;

  const started = await command(page, 'export.start', { month });
  expect(started.ok, JSON.stringify(started.error)).toBe(true);
  await expect
    .poll(async () => (await command(page, 'export.progress')).res.progress?.state, { timeout: 120_000 })
    .toBe('done');
  const p = (await command(page, 'export.progress')).res.progress;
  const popupPage = await openExtensionPage('popup.html');
  await expect(popupPage.getByRole('progressbar')).toBeVisible();
  await expect(popupPage.locator('body')).toContainText(String(expected));
  expect(p.mode).toBe('batch');
  expect(p.accepted).toBe(expected);
  const reqs = await simGet<{ method: string; path: string }[]>(world.ksef, '/__sim/requests');
  expect(reqs.some((r) => r.method === 'POST' && r.path === '/v2/sessions/batch')).toBe(true);
  expect(reqs.filter((r) => r.method === 'POST' && /\/sessions\/online\/[^/]+\/invoices$/.test(r.path))).toHaveLength(
    0,
  );
  // 200 invoices' follow-ups wait behind one wake-up alarm (Chrome allows 500 alarms per extension).
  const alarms = await sw.evaluate(() => chrome.alarms.getAll());
  expect(alarms.map((a) => a.name).sort()).toEqual(expect.arrayContaining(['ksef-poll']));
  expect(alarms.length).toBeLessThanOrEqual(3);
  // Nothing left to export.
  expect((await command(page, 'export.count', { month })).res.notSent).toBe(0);
});
