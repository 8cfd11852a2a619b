/**
 * Saving the settings: validated by src/settings (nothing saved when anything is invalid), the
 * KSeF token kept for the context being left, clients rebuilt and alarms matched to auto-send.
 */
import { fieldMessage } from '../../i18n/settings';
import type { Settings } from '../../messaging';
import { SECRET_KSEF_TOKEN } from '../../secrets';
import { InvalidSettings, saveSettings } from '../../settings/store';
import { ensureAlarms } from '../alarms';
import { UserError } from '../router';
import { contextTokenName, type Services } from '../services';

/** Keeps the current KSeF token for the current context before the context changes: records sent
 * there are settled with it later (Services.ksefFor). */
async function keepTokenFor(svc: Services, before: Settings, patch: Partial<Settings>): Promise<void> {
  const envChanges = patch.env !== undefined && patch.env !== before.env;
  const nipChanges = patch.nip !== undefined && patch.nip !== before.nip;
  if (!envChanges && !nipChanges) return;
  const store = await svc.secrets();
  const token = await store.getSecret(SECRET_KSEF_TOKEN);
  if (token && /^\d{10}$/.test(before.nip)) await store.setSecret(contextTokenName(before), token);
}

export async function savePatch(svc: Services, patch: Partial<Settings>): Promise<Settings> {
  const lang = await svc.lang();
  try {
    await keepTokenFor(svc, await svc.settings(), patch);
    const s = await saveSettings(patch);
    svc.forgetClients();
    await ensureAlarms({ autoSend: s.autoSend });
    return s;
  } catch (e) {
    if (e instanceof InvalidSettings) {
      const t = await svc.t();
      const errors = e.errors.map((x) => fieldMessage(x, lang)).join(' ');
      throw new UserError(t('invalidSettings', { errors }), 'bad-request');
    }
    throw e;
  }
}

/** A patch from the options page: the certificate choice goes through the key import (it must match the key). */
export async function saveFromPage(svc: Services, patch: Partial<Settings>): Promise<Settings> {
  const { offlineCertificate: _ignored, ...rest } = patch;
  return savePatch(svc, rest);
}
