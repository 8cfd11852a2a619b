/**
 * Secrets at rest in the real extension: KSeF access and refresh tokens are kept in
 * `chrome.storage.session` (memory only), never in IndexedDB or `chrome.storage.local`; the
 * Offline certificate key can be put under a passphrase, asked once per browser session.
 */
import { createPrivateKey } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Worker } from '@playwright/test';
import { DEMO_SELLER } from '../sim/base';
import { expect, test } from './fixtures';
import { addBaseInvoice, command, configuredWorld, simPost, viewOf, type World, waitForState } from './helpers';

let world: World;
test.afterEach(async () => {
  await world?.close();
});

/** Everything the extension keeps on disk, as searchable text: every IndexedDB database and
 * store (the KSeF client's sealed store decrypted with its own key, as an attacker with the
 * worker's powers could), and all of chrome.storage.local. */
async function everythingOnDisk(sw: Worker): Promise<{ text: string; kvKeys: string[] }> {
  return sw.evaluate(async () => {
    const req = <T>(r: IDBRequest<T>) =>
      new Promise<T>((res, rej) => {
        r.onsuccess = () => res(r.result);
        r.onerror = () => rej(r.error);
      });
    const bytes = (b: ArrayBuffer | ArrayBufferView) =>
      Array.from(new Uint8Array(b instanceof ArrayBuffer ? b : b.buffer), (c) => String.fromCharCode(c)).join('');
    const show = (v: unknown): string =>
      JSON.stringify(v, (_k, x) =>
        x instanceof ArrayBuffer || ArrayBuffer.isView(x)
          ? bytes(x as ArrayBuffer)
          : x instanceof CryptoKey
            ? 'key'
            : x,
      );
    let text = '';
    let kvKeys: string[] = [];
    for (const info of await indexedDB.databases()) {
      if (!info.name) continue;
      const db = await req(indexedDB.open(info.name));
      for (const store of db.objectStoreNames) {
        const tx = db.transaction(store, 'readonly');
        const keys = await req(tx.objectStore(store).getAllKeys());
        const values = await req(tx.objectStore(store).getAll());
        text += `\n${info.name}/${store}: ${show(keys)} ${show(values)}`;
        if (info.name === 'ksef-kv' && store === 'kv') {
          kvKeys = keys.map(String);
          const seal = (await req(db.transaction('meta').objectStore('meta').get('seal-key'))) as CryptoKey;
          for (const v of values as { iv: Uint8Array<ArrayBuffer>; data: ArrayBuffer }[]) {
            const plain = await crypto.subtle.decrypt({ name: 'AES-GCM', iv: v.iv }, seal, v.data);
            text += `\n${new TextDecoder().decode(plain)}`;
          }
        }
      }
      db.close();
    }
    text += `\nstorage.local: ${show(await chrome.storage.local.get(null))}`;
    return { text, kvKeys };
  });
}

test('KSeF access and refresh tokens are only in session storage, not in IndexedDB or storage.local', async ({
  context,
  sw,
  openExtensionPage,
}) => {
  const ready = await configuredWorld(context, openExtensionPage);
  world = ready.world;
  // A real login and send, so the client has tokens and its other state on disk.
  const inv = await addBaseInvoice(world);
  const sent = await command(ready.page, 'invoice.send', { invoiceId: String(inv.invoice_id) });
  expect(sent.ok, JSON.stringify(sent.error)).toBe(true);

  const session = await sw.evaluate(() => chrome.storage.session.get(null));
  const entries = Object.entries(session).filter(([k]) => k.endsWith(':tokens'));
  expect(entries).toHaveLength(1);
  const tokens = entries[0]?.[1] as { accessToken: string; refreshToken: string };
  expect(tokens.accessToken.length).toBeGreaterThan(20);
  expect(tokens.refreshToken.length).toBeGreaterThan(20);

  const disk = await everythingOnDisk(sw);
  // The search reaches the sealed store's contents (the MF key cache is there) …
  expect(disk.kvKeys.length).toBeGreaterThan(0);
  expect(disk.text).toContain('ksef-outbox');
  // … and finds neither token, nor a token entry.
  expect(disk.kvKeys.filter((k) => k.endsWith(':tokens'))).toEqual([]);
  expect(disk.text).not.toContain(tokens.accessToken);
  expect(disk.text).not.toContain(tokens.refreshToken);
});

test('an Offline key uploaded with a passphrase signs KOD II after a worker restart; a new session asks for the passphrase once', async ({
  context,
  sw,
  stopWorker,
  openExtensionPage,
}) => {
  // Two offline sends, two worker restarts and PBKDF2 on a shared 2-core machine: a generous budget.
  test.setTimeout(180_000);
  const ready = await configuredWorld(context, openExtensionPage);
  world = ready.world;
  const dir = mkdtempSync(join(tmpdir(), 'ksef-e2e-guard-'));
  try {
    const cert = (await simPost(world.ksef, '/__sim/certificates', {
      nip: DEMO_SELLER.nip,
      type: 'Offline',
      name: 'Certyfikat offline',
    })) as { serialNumber: string; privateKeyPkcs8Pem: string };
    const keyFile = join(dir, 'offline.key');
    writeFileSync(
      keyFile,
      createPrivateKey(cert.privateKeyPkcs8Pem).export({
        type: 'pkcs8',
        format: 'pem',
        cipher: 'aes-256-cbc',
        passphrase: 'haslo-klucza-1',
      }),
    );

    // The seller uploads the key on the options page and sets a passphrase over it.
    const page = await openExtensionPage('options.html');
    await expect(page.getByTestId('secrets-at-rest')).toContainText('Nie chroni przed kimś, kto może odczytać dysk');
    await page.getByRole('tab', { name: 'Przekazywanie dokumentów' }).click();
    const serial = page.getByLabel('Numer seryjny certyfikatu');
    await expect(serial.locator('option', { hasText: cert.serialNumber })).toHaveCount(1, { timeout: 30_000 });
    await serial.selectOption(cert.serialNumber);
    await page.getByLabel('Prywatny klucz certyfikatu').setInputFiles(keyFile);
    await page.getByLabel('Hasło do prywatnego klucza certyfikatu').fill('haslo-klucza-1');
    await page.getByLabel('Hasło chroniące klucz w przeglądarce (opcjonalne)').fill('moja fraza KOD II');
    await page.getByRole('button', { name: 'Wczytaj klucz' }).click();
    await expect(page.getByText('Klucz wczytany i zapisany w zaszyfrowanej postaci.')).toBeVisible({ timeout: 30_000 });
    await expect(page.getByTestId('offline-key-state')).toContainText('Klucz jest chroniony hasłem.');
    // Nothing of the key is a CryptoKey at rest any more: only the sealed wrapped form.
    expect(
      await sw.evaluate(async () => {
        const db = await new Promise<IDBDatabase>((res, rej) => {
          const r = indexedDB.open('ksef-secrets');
          r.onsuccess = () => res(r.result);
          r.onerror = () => rej(r.error);
        });
        const keys = await new Promise<IDBValidKey[]>((res) => {
          const r = db.transaction('keys').objectStore('keys').getAllKeys();
          r.onsuccess = () => res(r.result);
        });
        db.close();
        return keys.map(String);
      }),
    ).not.toContain('offline-certificate');

    // The worker is stopped (as Chrome does after 30 s idle); in the same browser session an
    // offline invoice still gets KOD II, without asking again.
    await stopWorker();
    const yesterday = Math.floor(Date.now() / 1000) - 86_400 - 3_600;
    const first = await addBaseInvoice(world, { date_add: yesterday, date_sell: yesterday });
    const sent = await command(ready.page, 'invoice.send', { invoiceId: String(first.invoice_id) });
    expect(sent.ok, JSON.stringify(sent.error)).toBe(true);
    await waitForState(ready.page, first.invoice_id, 'accepted', 30_000);
    const kod2 = new RegExp(
      `^https://qr-test\\.ksef\\.mf\\.gov\\.pl/certificate/Nip/${DEMO_SELLER.nip}/${DEMO_SELLER.nip}/${cert.serialNumber}/`,
    );
    expect((await viewOf(ready.page, first.invoice_id)).kod2Url).toMatch(kod2);

    // A new browser session (session storage is memory only: emptied here as a browser restart
    // does) and a new worker: the key is locked until the seller gives the passphrase once.
    await sw.evaluate(() => chrome.storage.session.clear());
    await stopWorker();
    await page.reload();
    await page.getByRole('tab', { name: 'Przekazywanie dokumentów' }).click();
    const locked = page.getByTestId('offline-key-locked');
    await expect(locked).toContainText('Klucz jest chroniony hasłem: podaj je');
    await locked.getByLabel('Hasło chroniące klucz w przeglądarce (opcjonalne)').fill('zła fraza');
    await page.getByRole('button', { name: 'Odblokuj klucz' }).click();
    await expect(page.getByRole('alert')).toContainText('Nieprawidłowe hasło chroniące klucz certyfikatu Offline.', {
      timeout: 30_000,
    });
    await locked.getByLabel('Hasło chroniące klucz w przeglądarce (opcjonalne)').fill('moja fraza KOD II');
    await page.getByRole('button', { name: 'Odblokuj klucz' }).click();
    await expect(page.getByText('Klucz odblokowany do końca tej sesji przeglądarki.')).toBeVisible({ timeout: 30_000 });
    await expect(locked).toHaveCount(0);

    await stopWorker();
    const second = await addBaseInvoice(world, { date_add: yesterday, date_sell: yesterday });
    const again = await command(ready.page, 'invoice.send', { invoiceId: String(second.invoice_id) });
    expect(again.ok, JSON.stringify(again.error)).toBe(true);
    await waitForState(ready.page, second.invoice_id, 'accepted', 30_000);
    expect((await viewOf(ready.page, second.invoice_id)).kod2Url).toMatch(kod2);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
