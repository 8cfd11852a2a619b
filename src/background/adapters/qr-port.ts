/**
 * The pipeline's QR port: KOD I for every invoice, KOD II (signed with the Offline certificate's
 * non-extractable key) for offline ones (docs/ksef-protocol.md §6). No key → null, and the pipeline
 * flags the invoice "offline without certificate".
 */
import type { KsefEnv } from '../../messaging';
import type { QrPort } from '../../pipeline';
import { buildKod1Url, qrBaseFor } from '../../qr';
import { buildOfflineKod2Url, type SecretStore, type UnlockSession } from '../../secrets';

/**
 * `unlock`: where this browser session keeps what unlocks the Offline key (the worker passes
 * `offlineKeySession`, over chrome.storage.session); passed in so the adapter runs outside the
 * extension too (the real-parts tests in Node).
 */
export function qrPort(secrets: () => Promise<SecretStore>, unlock: () => UnlockSession): QrPort {
  return {
    kod1: ({ env, sellerNip, issueDate, hash }) => buildKod1Url({ qrBase: qrBaseFor(env), sellerNip, issueDate, hash }),
    async kod2({ env, sellerNip, hash }) {
      const store = await secrets();
      try {
        const { url } = await buildOfflineKod2Url(
          store,
          {
            qrBase: qrBaseFor(env as KsefEnv),
            // The extension logs in with the seller's NIP as the context (docs/ksef-protocol.md §6.2).
            contextType: 'Nip',
            contextValue: sellerNip,
            sellerNip,
            hash,
          },
          undefined,
          undefined,
          unlock(),
        );
        return url;
      } catch (e) {
        // A key under a passphrase not given in this browser session signs nothing, like no key.
        const code = (e as { code?: string }).code;
        if (code === 'not-configured' || code === 'locked') return null;
        throw e;
      }
    },
  };
}
