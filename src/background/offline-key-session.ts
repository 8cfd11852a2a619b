/**
 * Where this browser session keeps the bits derived from the Offline key's passphrase
 * (src/secrets/offline-lock.ts): `chrome.storage.session`, memory only, gone when the browser
 * closes, not readable by content scripts. A stopped and restarted worker still signs KOD II
 * without asking again; a new browser session asks once.
 */
import { browser } from '../platform/browser';
import type { UnlockSession } from '../secrets';

const KEY = 'offlineKeyUnlock';

export function offlineKeySession(): UnlockSession {
  return {
    get: async () => {
      const v = (await browser.storage.session.get(KEY))[KEY];
      return typeof v === 'string' ? v : undefined;
    },
    set: (bits) => browser.storage.session.set({ [KEY]: bits }),
    clear: () => browser.storage.session.remove(KEY),
  };
}
