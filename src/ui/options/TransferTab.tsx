/** "Przekazywanie dokumentów": auto-send, OSS, VAT-rate rules, Offline certificate and its key. */
import { useEffect, useState } from 'preact/hooks';
import { fieldMessage } from '../../i18n/settings';
import type { OfflineCertificateInfo, RateRulesSettings, Settings } from '../../messaging';
import { settingsErrors } from '../../settings/validate';
import { errorText } from '../components/errors';
import { Notice, SelectField, TextField } from '../components/fields';
import { formatDateTime } from '../components/format';
import { usePlatform } from '../components/platform';
import { useLang } from '../use-lang';
import { fileToBase64, MAX_KEY_FILE_BYTES } from './file-base64';
import type { Loaded } from './loaded';
import { WriteBackSection } from './WriteBackSection';

type Status = { kind: 'success' | 'danger' | 'info'; text: string } | null;
type ExemptionKind = 'none' | NonNullable<RateRulesSettings['exemption']>['kind'];

export function TransferTab(p: { loaded: Loaded; onChange: (patch: Partial<Loaded>) => void }) {
  const { t } = useLang();
  return (
    <div>
      <TransferForm {...p} />
      <hr />
      <h2>{t('offlineHeading')}</h2>
      <p>{t('offlineIntro')}</p>
      <OfflineKeyForm {...p} />
      <hr />
      <WriteBackSection {...p} />
    </div>
  );
}

function TransferForm(p: { loaded: Loaded; onChange: (patch: Partial<Loaded>) => void }) {
  const platform = usePlatform();
  const { lang, t } = useLang();
  const s = p.loaded.settings;
  const [autoSend, setAutoSend] = useState(s.autoSend);
  const [oss, setOss] = useState(s.oss);
  const [euZero, setEuZero] = useState(s.rateRules.euVatBuyerZero);
  const [nonEuZero, setNonEuZero] = useState(s.rateRules.nonEuZero);
  const [exKind, setExKind] = useState<ExemptionKind>(s.rateRules.exemption?.kind ?? 'none');
  const [exText, setExText] = useState(s.rateRules.exemption?.text ?? '');
  const [exTouched, setExTouched] = useState(false);
  const [status, setStatus] = useState<Status>(null);
  const [busy, setBusy] = useState(false);

  const rateRules: RateRulesSettings = {
    euVatBuyerZero: euZero,
    nonEuZero,
    exemption: exKind === 'none' ? null : { kind: exKind, text: exText },
  };
  const patch: Partial<Settings> = { autoSend, oss, rateRules };
  const errors = settingsErrors(patch);
  const exFault = errors.find((e) => e.field === 'rateRules.exemption');
  const exError = exFault ? fieldMessage(exFault, lang) : null;

  const save = async (e: Event) => {
    e.preventDefault();
    setExTouched(true);
    if (errors.length) {
      setStatus({ kind: 'danger', text: t('fixErrors') });
      return;
    }
    setBusy(true);
    try {
      const { settings } = await platform.send('settings.save', { patch });
      p.onChange({ settings });
      setStatus({ kind: 'success', text: t('saved') });
    } catch (err) {
      setStatus({ kind: 'danger', text: errorText(err, t) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <form onSubmit={save} noValidate>
      <fieldset>
        <legend>{t('autoSendLegend')}</legend>
        <div class="radio">
          <label>
            <input type="radio" name="autoSend" checked={autoSend} onChange={() => setAutoSend(true)} /> {t('yes')}
          </label>
          <p class="help-block">{t('autoSendYes')}</p>
        </div>
        <div class="radio">
          <label>
            <input type="radio" name="autoSend" checked={!autoSend} onChange={() => setAutoSend(false)} /> {t('no')}
          </label>
          <p class="help-block">{t('autoSendNo')}</p>
        </div>
      </fieldset>

      <div class="checkbox">
        <label>
          <input
            type="checkbox"
            name="oss"
            checked={oss}
            aria-describedby="oss-hint"
            onChange={(e) => setOss((e.currentTarget as HTMLInputElement).checked)}
          />{' '}
          {t('ossLabel')}
        </label>
        <p class="help-block" id="oss-hint">
          {t('ossHint')}
        </p>
      </div>

      <fieldset>
        <legend>{t('rateRulesHeading')}</legend>
        <SelectField<RateRulesSettings['euVatBuyerZero']>
          id="euVatBuyerZero"
          label={t('euVatBuyerZeroLabel')}
          value={euZero}
          options={[
            { value: '0 WDT', label: t('zeroWdt') },
            { value: '0 KR', label: t('zeroKr') },
          ]}
          onChange={setEuZero}
        />
        <SelectField<RateRulesSettings['nonEuZero']>
          id="nonEuZero"
          label={t('nonEuZeroLabel')}
          value={nonEuZero}
          options={[
            { value: '0 EX', label: t('zeroEx') },
            { value: '0 KR', label: t('zeroKr') },
          ]}
          onChange={setNonEuZero}
        />
        <SelectField<ExemptionKind>
          id="exemptionKind"
          label={t('exemptionKindLabel')}
          value={exKind}
          options={[
            { value: 'none', label: t('exemptionNone') },
            { value: 'P_19A', label: t('exemptionA') },
            { value: 'P_19B', label: t('exemptionB') },
            { value: 'P_19C', label: t('exemptionC') },
          ]}
          onChange={setExKind}
        />
        {exKind !== 'none' && (
          <TextField
            id="exemptionText"
            label={t('exemptionTextLabel')}
            value={exText}
            maxLength={256}
            error={exTouched ? exError : null}
            onInput={(v) => {
              setExText(v);
              setExTouched(true);
            }}
          />
        )}
      </fieldset>
      <div class="form-actions">
        <button type="submit" class="btn primary" disabled={busy}>
          {t('saveTransfer')}
        </button>
      </div>
      {status && <Notice kind={status.kind}>{status.text}</Notice>}
    </form>
  );
}

function OfflineKeyForm(p: { loaded: Loaded; onChange: (patch: Partial<Loaded>) => void }) {
  const platform = usePlatform();
  const { lang, t } = useLang();
  const { settings, secrets } = p.loaded;
  const [certs, setCerts] = useState<OfflineCertificateInfo[] | null>(null);
  const [certsError, setCertsError] = useState<string | null>(null);
  const [serial, setSerial] = useState(settings.offlineCertificate?.serialNumber ?? '');
  const [file, setFile] = useState<File | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const [password, setPassword] = useState('');
  const [passphrase, setPassphrase] = useState('');
  const [unlockWith, setUnlockWith] = useState('');
  const [tried, setTried] = useState(false);
  const [status, setStatus] = useState<Status>(null);
  const [busy, setBusy] = useState(false);

  const loadCerts = () => {
    setCertsError(null);
    platform.send('certs.listOffline', {}).then(
      (r) => {
        setCerts(r.certificates);
        // With exactly one certificate there is nothing to choose.
        if (!serial && r.certificates.length === 1 && r.certificates[0]) setSerial(r.certificates[0].serialNumber);
      },
      (e: unknown) => setCertsError(errorText(e, t)),
    );
  };
  // Deliberate dependencies: the list is loaded once when the tab opens
  useEffect(loadCerts, [platform]);

  const day = (iso: string) => formatDateTime(iso, lang).slice(0, 10);
  const serialError = tried && !serial ? t('errCertRequired') : null;
  const missingFile = tried && !file && !fileError ? t('errKeyFileRequired') : null;

  const options = [{ value: '', label: t('certChoose') }];
  for (const c of certs ?? [])
    options.push({
      value: c.serialNumber,
      label: t('certOption', { serial: c.serialNumber, name: c.name, from: day(c.validFrom), to: day(c.validTo) }),
    });
  // The saved choice stays visible even before (or without) KSeF's list.
  if (settings.offlineCertificate && !options.some((o) => o.value === settings.offlineCertificate?.serialNumber))
    options.push({
      value: settings.offlineCertificate.serialNumber,
      label: t('certOption', {
        serial: settings.offlineCertificate.serialNumber,
        name: settings.offlineCertificate.name,
        from: day(settings.offlineCertificate.validFrom),
        to: day(settings.offlineCertificate.validTo),
      }),
    });

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
    setBusy(true);
    setStatus({ kind: 'info', text: t('importingKey') });
    const pw = password;
    const guard = passphrase;
    // The password is used for this one attempt only and never kept, whatever the outcome.
    setPassword('');
    setPassphrase('');
    try {
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
      setStatus({ kind: 'success', text: t('keyImported') });
    } catch (err) {
      setStatus({ kind: 'danger', text: errorText(err, t) });
    } finally {
      setBusy(false);
    }
  };

  const unlockKey = async () => {
    const guard = unlockWith;
    setUnlockWith('');
    setBusy(true);
    try {
      const r = await platform.send('certs.unlockKey', { passphrase: guard });
      p.onChange({ secrets: r.secrets });
      setStatus({ kind: 'success', text: t('keyUnlocked') });
    } catch (err) {
      setStatus({ kind: 'danger', text: errorText(err, t) });
    } finally {
      setBusy(false);
    }
  };

  const removeKey = async () => {
    setBusy(true);
    try {
      const r = await platform.send('certs.removeKey', {});
      p.onChange({ secrets: r.secrets, settings: r.settings });
      setStatus({ kind: 'success', text: t('keyRemoved') });
    } catch (err) {
      setStatus({ kind: 'danger', text: errorText(err, t) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <form onSubmit={importKey} noValidate>
      {settings.offlineCertificate && (
        <p data-testid="offline-cert-current">
          {t('certCurrent', {
            serial: settings.offlineCertificate.serialNumber,
            name: settings.offlineCertificate.name,
            to: day(settings.offlineCertificate.validTo),
          })}
        </p>
      )}
      {secrets.offlineKey && (
        <p data-testid="offline-key-state">
          {t('keyStored', { keyType: secrets.offlineKey.keyType, serial: secrets.offlineKey.serialNumber })}{' '}
          <button type="button" class="btn btn-xs" disabled={busy} onClick={() => void removeKey()}>
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
          <button type="button" class="btn" disabled={busy || !unlockWith} onClick={() => void unlockKey()}>
            {t('unlockKey')}
          </button>
        </div>
      )}
      <div class={`form-group${serialError ? ' has-error' : ''}`}>
        <SelectField
          id="certSerial"
          label={t('certSerialLabel')}
          value={serial}
          options={options}
          onChange={setSerial}
        />
        {serialError && <p class="help-block field-error">{serialError}</p>}
        {certsError && <Notice kind="danger">{t('certsLoadFailed', { message: certsError })}</Notice>}
        {certs && certs.length === 0 && <Notice kind="info">{t('certsEmpty')}</Notice>}
        <button type="button" class="btn btn-xs" onClick={loadCerts}>
          {t('certsLoad')}
        </button>
      </div>
      <div class={`form-group${fileError || missingFile ? ' has-error' : ''}`}>
        <label for="keyFile">{t('keyFileLabel')}</label>
        <input
          id="keyFile"
          name="keyFile"
          type="file"
          accept=".key,.pem,.der,.p8,.pk8"
          aria-describedby="keyFile-hint"
          aria-invalid={fileError || missingFile ? 'true' : undefined}
          onChange={(e) => onFile(e.currentTarget as HTMLInputElement)}
        />
        {(fileError || missingFile) && <p class="help-block field-error">{fileError ?? missingFile}</p>}
        <p class="help-block" id="keyFile-hint">
          {t('keyFileHint')}
        </p>
      </div>
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
