/**
 * What the Offline key form says about the current state: the saved certificate, the stored key
 * (with its remove button) and, when the key is sealed with a passphrase and locked, the field to
 * unlock it. The actions themselves run in the key form, which owns the shared busy flag and status.
 */
import { useState } from 'preact/hooks';
import type { SecretsPresence, Settings } from '../../messaging';
import { Notice, TextField } from '../components/fields';
import { useLang } from '../use-lang';
import { certDay } from './OfflineCertSelect';

export function OfflineKeyState(p: {
  settings: Settings;
  secrets: SecretsPresence;
  busy: boolean;
  onRemove: () => void;
  onUnlock: (passphrase: string) => void;
}) {
  const { lang, t } = useLang();
  const { settings, secrets, busy } = p;
  const [unlockWith, setUnlockWith] = useState('');

  const unlock = () => {
    // The passphrase leaves the field at once: it is used for this one attempt only.
    const guard = unlockWith;
    setUnlockWith('');
    p.onUnlock(guard);
  };

  return (
    <>
      {settings.offlineCertificate && (
        <p data-testid="offline-cert-current">
          {t('certCurrent', {
            serial: settings.offlineCertificate.serialNumber,
            name: settings.offlineCertificate.name,
            to: certDay(settings.offlineCertificate.validTo, lang),
          })}
        </p>
      )}
      {secrets.offlineKey && (
        <p data-testid="offline-key-state">
          {t('keyStored', { keyType: secrets.offlineKey.keyType, serial: secrets.offlineKey.serialNumber })}{' '}
          <button type="button" class="btn btn-xs" disabled={busy} onClick={p.onRemove}>
            {t('removeKey')}
          </button>
          {secrets.offlineKey.protected && !secrets.offlineKey.locked && <> {t('keyProtected')}</>}
        </p>
      )}
      {secrets.offlineKey?.locked && (
        <div class="form-group" data-testid="offline-key-locked">
          <Notice kind="info">{t('keyLocked')}</Notice>
          <TextField
            id="keyUnlock"
            type="password"
            label={t('keyPassphraseLabel')}
            value={unlockWith}
            autoComplete="off"
            onInput={setUnlockWith}
          />
          <button type="button" class="btn" disabled={busy || !unlockWith} onClick={unlock}>
            {t('unlockKey')}
          </button>
        </div>
      )}
    </>
  );
}
