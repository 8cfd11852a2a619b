/**
 * Secrets at rest in the real extension: KSeF access and refresh tokens are kept in
 * `chrome.storage.session` (memory only), never in IndexedDB or `chrome.storage.local`.
 */
import type { Worker } from '@playwright/test';
import { expect, test } from './fixtures';
import { addBaseInvoice, command, configuredWorld, type World } from './helpers';

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
