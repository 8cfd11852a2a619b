/** "Połączenie": environment, tokens, NIP, seller data (Podmiot1), connection check. */
import { useState } from 'preact/hooks';
import { fieldMessage } from '../../i18n/settings';
import type { ConnectionCheck, KsefEnv, Settings } from '../../messaging';
import { baseTokenError, ksefTokenError, nipError, normaliseNip, settingsErrors } from '../../settings/validate';
import { errorText } from '../components/errors';
import { Notice, SelectField, TextField } from '../components/fields';
import { usePlatform } from '../components/platform';
import { useLang } from '../use-lang';
import { ContextChangeWarning } from './ContextChangeWarning';
import type { Loaded } from './loaded';

type Seller = Settings['seller'];
type Status = { kind: 'success' | 'danger' | 'info'; text: string } | null;

export function ConnectionTab(p: { loaded: Loaded; onChange: (patch: Partial<Loaded>) => void }) {
  const platform = usePlatform();
  const { lang, t } = useLang();
  const { settings, secrets } = p.loaded;

  const [env, setEnv] = useState<KsefEnv>(settings.env);
  const [nip, setNip] = useState(settings.nip);
  const [seller, setSeller] = useState<Seller>(settings.seller);
  const [ksefToken, setKsefToken] = useState('');
  const [baseToken, setBaseToken] = useState('');
  // Errors show once a field was touched, so an empty form does not greet the user in red.
  const [touched, setTouched] = useState<Record<string, boolean>>({});
  const [status, setStatus] = useState<Status>(null);
  const [working, setWorking] = useState<'save' | 'check' | 'other' | null>(null);
  const busy = working !== null;
  const [check, setCheck] = useState<ConnectionCheck | null>(null);

  const touch = (f: string) => setTouched((cur) => (cur[f] ? cur : { ...cur, [f]: true }));
  const sellerChanged = JSON.stringify(seller) !== JSON.stringify(settings.seller);
  const nipChanged = normaliseNip(nip) !== settings.nip;

  const patch: Partial<Settings> = {};
  if (env !== settings.env) patch.env = env;
  if (nipChanged) patch.nip = nip;
  if (sellerChanged) patch.seller = seller;

  const errs: Record<string, string> = {};
  for (const e of settingsErrors(patch)) errs[e.field] ??= fieldMessage(e, lang);
  // An unchanged but empty NIP is still worth a hint, but it does not block saving other fields.
  const kErr = ksefTokenError(ksefToken, env);
  if (kErr) errs.ksefToken = fieldMessage(kErr, lang);
  const bErr = baseTokenError(baseToken);
  if (bErr) errs.baseToken = fieldMessage(bErr, lang);
  const shown = (f: string) => (touched[f] ? (errs[f] ?? null) : null);
  const nipFault = touched.nip ? nipError(nip) : null;
  const nipShownError = nipFault ? fieldMessage(nipFault, lang) : null;

  const dirty = Object.keys(patch).length > 0 || ksefToken.trim() !== '' || baseToken.trim() !== '';

  const save = async (e: Event) => {
    e.preventDefault();
    setTouched({
      nip: nipChanged,
      'seller.name': sellerChanged,
      'seller.addressL1': sellerChanged,
      'seller.addressL2': sellerChanged,
      'seller.countryCode': sellerChanged,
      ksefToken: true,
      baseToken: true,
    });
    if (Object.keys(errs).length) {
      setStatus({ kind: 'danger', text: t('fixErrors') });
      return;
    }
    if (!dirty) {
      const missing = requiredMissing(settings, secrets, t);
      setStatus(
        missing.length
          ? { kind: 'danger', text: t('requiredMissing', { fields: missing.join(', ') }) }
          : { kind: 'info', text: t('nothingToSave') },
      );
      return;
    }
    // A check of the old tokens says nothing about the new ones.
    setCheck(null);
    setWorking('save');
    setStatus(null);
    let saved = false;
    const connectionChanged =
      ksefToken.trim() !== '' || baseToken.trim() !== '' || patch.env !== undefined || patch.nip !== undefined;
    try {
      // Settings first: the token check depends on the environment the worker has.
      if (Object.keys(patch).length) {
        const { settings: next } = await platform.send('settings.save', { patch });
        p.onChange({ settings: next });
        setNip(next.nip);
        setSeller(next.seller);
      }
      if (ksefToken.trim()) {
        const { secrets: s } = await platform.send('secrets.setKsefToken', { token: ksefToken.trim() });
        p.onChange({ secrets: s });
        setKsefToken('');
      }
      if (baseToken.trim()) {
        const { secrets: s } = await platform.send('secrets.setBaseToken', { token: baseToken.trim() });
        p.onChange({ secrets: s });
        setBaseToken('');
      }
      setTouched({});
      setStatus({ kind: 'success', text: t('saved') });
      saved = true;
    } catch (err) {
      setStatus({ kind: 'danger', text: errorText(err, t) });
    } finally {
      setWorking(null);
    }
    // New tokens, NIP or environment are checked at once (a real KSeF login and a Base call), so
    // a wrong or read-only token shows here, not at the first send.
    if (saved && connectionChanged) await runCheck(false);
  };

  const removeToken = async (which: 'ksef' | 'base') => {
    setWorking('other');
    try {
      const { secrets: s } =
        which === 'ksef'
          ? await platform.send('secrets.setKsefToken', { token: '' })
          : await platform.send('secrets.setBaseToken', { token: '' });
      p.onChange({ secrets: s });
      setStatus({ kind: 'success', text: t('tokenRemoved') });
    } catch (err) {
      setStatus({ kind: 'danger', text: errorText(err, t) });
    } finally {
      setWorking(null);
    }
  };

  const prefill = async () => {
    setWorking('other');
    try {
      const { seller: s } = await platform.send('seller.fromBase', {});
      setSeller({ name: s.name, addressL1: s.addressL1, addressL2: s.addressL2, countryCode: s.countryCode || 'PL' });
      if (s.nip && normaliseNip(nip) === '') setNip(s.nip);
      setTouched((cur) => ({ ...cur, 'seller.name': true, 'seller.addressL1': true, 'seller.countryCode': true }));
      setStatus({ kind: 'info', text: t('prefilled') });
    } catch (err) {
      setStatus({ kind: 'danger', text: errorText(err, t) });
    } finally {
      setWorking(null);
    }
  };

  const runCheck = async (clearStatus = true) => {
    setWorking('check');
    setCheck(null);
    if (clearStatus) setStatus(null);
    try {
      setCheck(await platform.send('connection.check', {}));
    } catch (err) {
      setStatus({ kind: 'danger', text: errorText(err, t) });
    } finally {
      setWorking(null);
    }
  };

  const setSellerField = (k: keyof Seller, f: string) => (v: string) => {
    setSeller((cur) => ({ ...cur, [k]: k === 'countryCode' ? v.toUpperCase() : v }));
    touch(f);
  };

  return (
    <form onSubmit={save} noValidate>
      <SelectField<KsefEnv>
        id="env"
        label={t('envLabel')}
        value={env}
        options={[
          { value: 'test', label: t('envTest') },
          { value: 'demo', label: t('envDemo') },
          { value: 'prod', label: t('envProd') },
        ]}
        onChange={(v) => {
          setEnv(v);
          touch('ksefToken');
        }}
      />
      <ContextChangeWarning saved={settings} envChanged={env !== settings.env} nipChanged={nipChanged} />
      {env === 'prod' ? (
        <Notice kind="info">{t('envProdNote')}</Notice>
      ) : (
        <Notice kind="warning">{t('envWarning')}</Notice>
      )}

      <TextField
        id="ksefToken"
        type="password"
        label={t('ksefTokenLabel')}
        value={ksefToken}
        autoComplete="new-password"
        error={shown('ksefToken')}
        onInput={(v) => {
          setKsefToken(v);
          touch('ksefToken');
        }}
        hint={
          <>
            <span data-testid="ksef-token-state">
              {t('tokenStatus', { state: secrets.ksefToken ? t('tokenStored') : t('tokenMissing') })}
            </span>
            {'. '}
            {secrets.ksefToken ? t('tokenReplaceHint') : t('ksefTokenHint')}
          </>
        }
      />
      {secrets.ksefToken && (
        <p>
          <button type="button" class="btn btn-xs" disabled={busy} onClick={() => void removeToken('ksef')}>
            {t('removeKsefToken')}
          </button>
        </p>
      )}

      <TextField
        id="nip"
        label={t('nipLabel')}
        value={nip}
        maxLength={16}
        error={nipShownError}
        hint={t('nipHint')}
        onInput={(v) => {
          setNip(v);
          touch('nip');
        }}
      />

      <TextField
        id="baseToken"
        type="password"
        label={t('baseTokenLabel')}
        value={baseToken}
        autoComplete="new-password"
        error={shown('baseToken')}
        onInput={(v) => {
          setBaseToken(v);
          touch('baseToken');
        }}
        hint={
          <>
            <span data-testid="base-token-state">
              {t('tokenStatus', { state: secrets.baseToken ? t('tokenStored') : t('tokenMissing') })}
            </span>
            {'. '}
            {secrets.baseToken ? t('tokenReplaceHint') : t('baseTokenHint')}
          </>
        }
      />
      {secrets.baseToken && (
        <p>
          <button type="button" class="btn btn-xs" disabled={busy} onClick={() => void removeToken('base')}>
            {t('removeBaseToken')}
          </button>
        </p>
      )}

      <fieldset>
        <legend>{t('sellerHeading')}</legend>
        <p>
          <button type="button" class="btn" disabled={busy} onClick={() => void prefill()}>
            {t('prefillFromBase')}
          </button>
        </p>
        <TextField
          id="seller.name"
          label={t('sellerName')}
          value={seller.name}
          maxLength={512}
          error={shown('seller.name')}
          onInput={setSellerField('name', 'seller.name')}
        />
        <TextField
          id="seller.addressL1"
          label={t('sellerAddressL1')}
          value={seller.addressL1}
          maxLength={512}
          error={shown('seller.addressL1')}
          onInput={setSellerField('addressL1', 'seller.addressL1')}
        />
        <TextField
          id="seller.addressL2"
          label={t('sellerAddressL2')}
          value={seller.addressL2}
          maxLength={512}
          error={shown('seller.addressL2')}
          onInput={setSellerField('addressL2', 'seller.addressL2')}
        />
        <TextField
          id="seller.countryCode"
          label={t('sellerCountry')}
          value={seller.countryCode}
          maxLength={2}
          error={shown('seller.countryCode')}
          onInput={setSellerField('countryCode', 'seller.countryCode')}
        />
      </fieldset>

      <div class="form-actions">
        <button type="submit" class="btn primary" disabled={busy}>
          {working === 'save' ? t('saving') : t('save')}
        </button>
        <button type="button" class="btn" disabled={busy} onClick={() => void runCheck()}>
          {working === 'check' ? t('checking') : t('checkConnection')}
        </button>
      </div>
      {status && <Notice kind={status.kind}>{status.text}</Notice>}
      {check && (
        <div data-testid="connection-result">
          <Notice kind={check.ksef.ok ? (check.ksef.permissions?.missing.length ? 'warning' : 'success') : 'danger'}>
            {t('checkKsef', { message: check.ksef.message })}
          </Notice>
          <Notice kind={check.base.ok ? 'success' : 'danger'}>{t('checkBase', { message: check.base.message })}</Notice>
        </div>
      )}
      {/* What the sealing protects against, and what it does not (the local disk). */}
      <section class="help-block" data-testid="secrets-at-rest" aria-labelledby="secrets-at-rest-title">
        <h3 id="secrets-at-rest-title">{t('atRestTitle')}</h3>
        <p>{t('atRestBody')}</p>
      </section>
    </form>
  );
}

/** What a first save needs, in the order the form asks for it. */
function requiredMissing(settings: Settings, secrets: Loaded['secrets'], t: ReturnType<typeof useLang>['t']): string[] {
  const out: string[] = [];
  if (!secrets.ksefToken) out.push(t('ksefTokenLabel'));
  if (!settings.nip) out.push(t('nipLabel'));
  if (!secrets.baseToken) out.push(t('baseTokenLabel'));
  if (!settings.seller.name.trim()) out.push(t('sellerName'));
  if (!settings.seller.addressL1.trim()) out.push(t('sellerAddressL1'));
  return out;
}
