/**
 * The Offline certificate: the account's certificates listed from KSeF, the private key imported
 * for the chosen one (its password used once), unlocked for this browser session, or removed.
 * The key itself never leaves the secret store.
 */
import { base64ToBytes } from '../../core/base64';
import { passphraseText } from '../../i18n/errors';
import { keyImportErrorText } from '../../i18n/secrets';
import type { OfflineCertificateInfo, Req, Res } from '../../messaging';
import {
  importOfflineCertificateKey,
  isKeyImportError,
  MIN_PASSPHRASE_LENGTH,
  PassphraseError,
  removeOfflineCertificateKey,
  unlockOfflineKey,
} from '../../secrets';
import { offlineKeySession } from '../offline-key-session';
import { UserError } from '../router';
import type { Services } from '../services';
import { failureText } from './secret-error-text';
import { presence } from './secrets-presence';
import { savePatch } from './settings-save';

/** A key file is a few kilobytes; anything near this (as Base64) is not one. */
const MAX_KEY_FILE_BASE64 = 90_000;

export async function listOfflineCertificates(svc: Services): Promise<OfflineCertificateInfo[]> {
  const t = await svc.t();
  try {
    const list = await (await svc.ksef()).queryCertificates({ type: 'Offline' });
    return list.map((c) => ({
      serialNumber: c.serialNumber,
      name: c.name,
      validFrom: c.validFrom,
      validTo: c.validTo,
      status: c.status,
    }));
  } catch (e) {
    if (e instanceof UserError) throw e;
    throw new UserError(t('certListFailed', { reason: failureText(e, await svc.lang()) }), 'unavailable');
  }
}

/** Key import errors and a wrong passphrase explain themselves to the seller. */
async function keyErrors<T>(svc: Services, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (e) {
    if (isKeyImportError(e)) throw new UserError(keyImportErrorText(e, await svc.lang()), 'bad-request');
    if (e instanceof PassphraseError)
      throw new UserError(passphraseText(e.code, await svc.lang(), MIN_PASSPHRASE_LENGTH), 'bad-request');
    throw e;
  }
}

export async function importOfflineKey(svc: Services, req: Req<'certs.importKey'>): Promise<Res<'certs.importKey'>> {
  const [t, store] = await Promise.all([svc.t(), svc.secrets()]);
  if (req.fileBase64 === '') throw new UserError(t('keyFileEmpty'), 'bad-request');
  if (req.fileBase64.length > MAX_KEY_FILE_BASE64) throw new UserError(t('keyFileTooBig'), 'bad-request');
  const client = await svc.ksef();
  const list = await client.queryCertificates({ type: 'Offline' });
  const chosen = list.find((c) => c.serialNumber === req.serialNumber);
  const [retrieved] = chosen ? await client.retrieveCertificates([chosen.serialNumber]) : [];
  if (!chosen || !retrieved) throw new UserError(t('certNotFound', { serial: req.serialNumber }), 'bad-request');
  const passphrase = req.passphrase || null;
  await keyErrors(svc, () =>
    importOfflineCertificateKey(
      store,
      {
        keyFile: base64ToBytes(req.fileBase64),
        ...(req.password ? { password: req.password } : {}),
        certificate: retrieved.certificateDerB64,
        expectedSerial: chosen.serialNumber,
        certificateName: chosen.name,
      },
      undefined,
      undefined,
      passphrase ? { passphrase, session: offlineKeySession() } : undefined,
    ),
  );
  const settings = await savePatch(svc, {
    offlineCertificate: {
      serialNumber: chosen.serialNumber,
      name: chosen.name,
      validFrom: chosen.validFrom,
      validTo: chosen.validTo,
    },
  });
  return { secrets: await presence(store), settings };
}

export async function unlockKey(svc: Services, passphrase: string): Promise<Res<'certs.unlockKey'>> {
  const store = await svc.secrets();
  await keyErrors(svc, () => unlockOfflineKey(store, passphrase, offlineKeySession()));
  return { secrets: await presence(store) };
}

export async function removeKey(svc: Services): Promise<Res<'certs.removeKey'>> {
  const store = await svc.secrets();
  await removeOfflineCertificateKey(store, offlineKeySession());
  const settings = await savePatch(svc, { offlineCertificate: null });
  return { secrets: await presence(store), settings };
}
