/** The KSeF and Base API tokens: checked, stored encrypted ('' deletes), never given back. */

import { fieldMessage } from '../../i18n/settings';
import type { SecretsPresence } from '../../messaging';
import { SECRET_BASE_API_TOKEN, SECRET_KSEF_TOKEN } from '../../secrets';
import { baseTokenError, ksefTokenError } from '../../settings/validate';
import { UserError } from '../router';
import { contextTokenName, type Services } from '../services';
import { presence } from './secrets-presence';

/** 'test' (any case) means a certificate login on TEST. */
export async function setKsefToken(svc: Services, given: string): Promise<SecretsPresence> {
  const [settings, t, store, lang] = await Promise.all([svc.settings(), svc.t(), svc.secrets(), svc.lang()]);
  const token = given.trim();
  const err = ksefTokenError(token, settings.env);
  if (err) throw new UserError(t('tokenInvalid', { reason: fieldMessage(err, lang) }), 'bad-request');
  if (token === '') await store.deleteSecret(SECRET_KSEF_TOKEN);
  else {
    const value = token.toLowerCase() === 'test' ? 'test' : token;
    await store.setSecret(SECRET_KSEF_TOKEN, value);
    // Also kept for this environment and NIP: records sent here are settled with it later.
    if (/^\d{10}$/.test(settings.nip)) await store.setSecret(contextTokenName(settings), value);
  }
  svc.forgetClients();
  return presence(store);
}

export async function setBaseToken(svc: Services, given: string): Promise<SecretsPresence> {
  const [t, store, lang] = await Promise.all([svc.t(), svc.secrets(), svc.lang()]);
  const token = given.trim();
  const err = baseTokenError(token);
  if (err) throw new UserError(t('tokenInvalid', { reason: fieldMessage(err, lang) }), 'bad-request');
  if (token === '') await store.deleteSecret(SECRET_BASE_API_TOKEN);
  else await store.setSecret(SECRET_BASE_API_TOKEN, token);
  svc.forgetClients();
  return presence(store);
}
