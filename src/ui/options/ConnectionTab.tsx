/**
 * "Połączenie": KSeF environment, the two tokens, NIP and the seller's data (Podmiot1), saved
 * together, then a connection check. This module keeps the form's state and runs its messages;
 * the sections are views in their own modules.
 */
import { useState } from 'preact/hooks';
import { fieldMessage } from '../../i18n/settings';
import type { ConnectionCheck, KsefEnv, Settings } from '../../messaging';
import { nipError, normaliseNip } from '../../settings/validate';
import { errorText } from '../components/errors';
import { Notice, TextField } from '../components/fields';
import { usePlatform } from '../components/platform';
import { useLang } from '../use-lang';
import { ConnectionCheckResult } from './ConnectionCheckResult';
import { connectionErrors, requiredMissing } from './connection-form';
import { EnvironmentField } from './EnvironmentField';
import type { FormStatus } from './form-status';
import type { Loaded, LoadedUpdate } from './loaded';
import { type Seller, SellerFields } from './SellerFields';
import { TokenField } from './TokenField';

export function ConnectionTab(p: { loaded: Loaded; onChange: LoadedUpdate }) {
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
  const [status, setStatus] = useState<FormStatus>(null);
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

  const errs = connectionErrors(patch, { ksef: ksefToken, base: baseToken }, env, lang);
  const shown = (f: string) => (touched[f] ? (errs[f] ?? null) : null);
  // An unchanged but empty NIP is still worth a hint, but it does not block saving other fields.
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
      <EnvironmentField
        env={env}
        saved={settings}
        nipChanged={nipChanged}
        onChange={(v) => {
          setEnv(v);
          touch('ksefToken');
        }}
      />

      <TokenField
        id="ksefToken"
        label="ksefTokenLabel"
        missingHint="ksefTokenHint"
        removeLabel="removeKsefToken"
        stateTestId="ksef-token-state"
        stored={secrets.ksefToken}
        value={ksefToken}
        error={shown('ksefToken')}
        busy={busy}
        onInput={(v) => {
          setKsefToken(v);
          touch('ksefToken');
        }}
        onRemove={() => void removeToken('ksef')}
      />

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

      <TokenField
        id="baseToken"
        label="baseTokenLabel"
        missingHint="baseTokenHint"
        removeLabel="removeBaseToken"
        stateTestId="base-token-state"
        stored={secrets.baseToken}
        value={baseToken}
        error={shown('baseToken')}
        busy={busy}
        onInput={(v) => {
          setBaseToken(v);
          touch('baseToken');
        }}
        onRemove={() => void removeToken('base')}
      />

      <SellerFields
        seller={seller}
        busy={busy}
        shown={shown}
        onField={setSellerField}
        onPrefill={() => void prefill()}
      />

      <div class="form-actions">
        <button type="submit" class="btn primary" disabled={busy}>
          {working === 'save' ? t('saving') : t('save')}
        </button>
        <button type="button" class="btn" disabled={busy} onClick={() => void runCheck()}>
          {working === 'check' ? t('checking') : t('checkConnection')}
        </button>
      </div>
      {status && <Notice kind={status.kind}>{status.text}</Notice>}
      {check && <ConnectionCheckResult check={check} />}
      {/* What the sealing protects against, and what it does not (the local disk). */}
      <section class="help-block" data-testid="secrets-at-rest" aria-labelledby="secrets-at-rest-title">
        <h3 id="secrets-at-rest-title">{t('atRestTitle')}</h3>
        <p>{t('atRestBody')}</p>
      </section>
    </form>
  );
}
