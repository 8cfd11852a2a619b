/** Which secrets exist, never their values: what the options page may know about them. */
import type { SecretsPresence } from '../../messaging';
import {
  KEY_OFFLINE_CERTIFICATE,
  type OfflineCertificateMeta,
  protectedKeyStatus,
  SECRET_BASE_API_TOKEN,
  SECRET_KSEF_TOKEN,
  type SecretStore,
} from '../../secrets';
import { offlineKeySession } from '../offline-key-session';

export async function presence(store: SecretStore): Promise<SecretsPresence> {
  const plain = await store.getKey<OfflineCertificateMeta>(KEY_OFFLINE_CERTIFICATE);
  const guarded = plain ? undefined : await protectedKeyStatus(store, offlineKeySession());
  const meta = plain?.meta ?? guarded?.meta;
  return {
    ksefToken: await store.hasSecret(SECRET_KSEF_TOKEN),
    baseToken: await store.hasSecret(SECRET_BASE_API_TOKEN),
    offlineKey: meta
      ? {
          keyType: meta.keyDescription,
          serialNumber: meta.certificateSerial,
          ...(guarded ? { protected: true, locked: guarded.locked } : {}),
        }
      : null,
  };
}
