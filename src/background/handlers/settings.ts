/**
 * Settings, secrets, connection check, series and the Offline certificate. Secrets go in encrypted
 * and never come back out: answers say only whether they exist. Requests arrive checked by the
 * router (REQUEST_CHECKS in src/messaging.ts); each command asks one service.
 */
import type { Handlers } from '../router';
import type { Services } from '../services';
import { orderExtraFields, sellerFromBase, seriesViews } from '../services/base-account';
import { checkConnection } from '../services/connection-check';
import { importOfflineKey, listOfflineCertificates, removeKey, unlockKey } from '../services/offline-certificates';
import { presence } from '../services/secrets-presence';
import { saveFromPage } from '../services/settings-save';
import { setBaseToken, setKsefToken } from '../services/tokens';

export function settingsHandlers(svc: Services): Handlers {
  return {
    'settings.get': async () => ({ settings: await svc.settings(), secrets: await presence(await svc.secrets()) }),
    'settings.save': async (req) => ({ settings: await saveFromPage(svc, req.patch) }),
    'secrets.setKsefToken': async (req) => ({ secrets: await setKsefToken(svc, req.token) }),
    'secrets.setBaseToken': async (req) => ({ secrets: await setBaseToken(svc, req.token) }),
    'connection.check': async () => checkConnection(svc),
    'seller.fromBase': async () => ({ seller: await sellerFromBase(svc) }),
    'series.list': async () => ({ series: await seriesViews(svc) }),
    'base.orderExtraFields': async () => ({ fields: await orderExtraFields(svc) }),
    'certs.listOffline': async () => ({ certificates: await listOfflineCertificates(svc) }),
    'certs.importKey': async (req) => importOfflineKey(svc, req),
    'certs.unlockKey': async (req) => unlockKey(svc, req.passphrase),
    'certs.removeKey': async () => removeKey(svc),
  };
}
