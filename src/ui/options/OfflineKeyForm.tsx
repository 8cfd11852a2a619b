/**
 * The Offline key form of the "Przekazywanie dokumentów" tab: choose the Offline certificate, upload
 * its private key (with the file's password and an optional passphrase to seal it), and unlock or
 * remove a stored key. It holds the state the parts share (busy flag, status, the chosen serial)
 * and runs the `certs.*` messages; the parts are views.
 */
import { useState } from 'preact/hooks';
import { Notice, TextField } from '../components/fields';
import { usePlatform } from '../components/platform';
import { useLang } from '../use-lang';
import { fileToBase64, MAX_KEY_FILE_BYTES } from './file-base64';
import { KeyFileField } from './KeyFileField';
import type { Loaded, LoadedUpdate } from './loaded';
import { OfflineCertSelect } from './OfflineCertSelect';
import { OfflineKeyState } from './OfflineKeyState';
import { useSaveAction } from './use-save-action';

export function OfflineKeyForm(p: { loaded: Loaded; onChange: LoadedUpdate }) {
  const platform = usePlatform();
  const { t } = useLang();
  const { settings, secrets } = p.loaded;
  const [serial, setSerial] = useState(settings.offlineCertificate?.serialNumber ?? '');
  const [file, setFile] = useState<File | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const [password, setPassword] = useState('');
  const [passphrase, setPassphrase] = useState('');
  const [tried, setTried] = useState(false);
  // Each `certs.*` call runs with the busy flag up; its work returns the success text.
  const { status, setStatus, busy, run } = useSaveAction();

  const serialError = tried && !serial ? t('errCertRequired') : null;
  const missingFile = tried && !file && !fileError ? t('errKeyFileRequired') : null;

  const onFile = (input: HTMLInputElement) => {
    const f = input.files?.[0] ?? null;
    setStatus(null);
    if (f && f.size > MAX_KEY_FILE_BYTES) {
      setFile(null);
      setFileError(t('errKeyFileTooBig'));
      return;
    }
    setFileError(null);
    setFile(f);
  };

  const importKey = async (e: Event) => {
    e.preventDefault();
    setTried(true);
    if (!serial || !file || fileError) {
      setStatus({ kind: 'danger', text: t('fixErrors') });
      return;
    }
    setStatus({ kind: 'info', text: t('importingKey') });
    const pw = password;
    const guard = passphrase;
    // The password is used for this one attempt only and never kept, whatever the outcome.
    setPassword('');
    setPassphrase('');
    await run(async () => {
      const fileBase64 = await fileToBase64(file);
      const r = await platform.send('certs.importKey', {
        serialNumber: serial,
        fileName: file.name,
        fileBase64,
        password: pw,
        ...(guard ? { passphrase: guard } : {}),
      });
      p.onChange({ secrets: r.secrets, settings: r.settings });
      setTried(false);
      return t('keyImported');
    });
  };

  const unlockKey = (guard: string) =>
    run(async () => {
      const r = await platform.send('certs.unlockKey', { passphrase: guard });
      p.onChange({ secrets: r.secrets });
      return t('keyUnlocked');
    });

  const removeKey = () =>
    run(async () => {
      const r = await platform.send('certs.removeKey', {});
      p.onChange({ secrets: r.secrets, settings: r.settings });
      return t('keyRemoved');
    });

  return (
    <form onSubmit={importKey} noValidate>
      <OfflineKeyState
        settings={settings}
        secrets={secrets}
        busy={busy}
        onRemove={() => void removeKey()}
        onUnlock={(guard) => void unlockKey(guard)}
      />
      <OfflineCertSelect settings={settings} serial={serial} onSerial={setSerial} error={serialError} />
      <KeyFileField error={fileError ?? missingFile} onFile={onFile} />
      <TextField
        id="keyPassword"
        type="password"
        label={t('keyPasswordLabel')}
        value={password}
        autoComplete="off"
        hint={t('keyPasswordHint')}
        onInput={setPassword}
      />
      <TextField
        id="keyPassphrase"
        type="password"
        label={t('keyPassphraseLabel')}
        value={passphrase}
        autoComplete="new-password"
        hint={t('keyPassphraseHint')}
        onInput={setPassphrase}
      />
      <div class="form-actions">
        <button type="submit" class="btn primary" disabled={busy}>
          {busy ? t('importingKey') : t('importKey')}
        </button>
      </div>
      {status && <Notice kind={status.kind}>{status.text}</Notice>}
    </form>
  );
}
