/**
 * The state and the actions of the "Połączenie" tab (src/ui/options/ConnectionTab.tsx): what the
 * seller typed, which fields were touched, the save (settings first, then each new token, then a
 * connection check), removing a token, filling the seller from Base and the check itself. Kept
 * apart from the view so each stays short enough to read in one go.
 */
import { useState } from 'preact/hooks';
import { fieldMessage } from '../../i18n/settings';
import type { ConnectionCheck, KsefEnv, Settings } from '../../messaging';
import { nipError, normaliseNip } from '../../settings/validate';
import { usePlatform } from '../components/platform';
import { useLang } from '../use-lang';
import { connectionErrors, requiredMissing } from './connection-form';
import type { FormStatus } from './form-status';
import type { Loaded, LoadedUpdate } from './loaded';
import type { Seller } from './SellerFields';
import { useSaveAction } from './use-save-action';

export function useConnectionForm(loaded: Loaded, onChange: LoadedUpdate) {
  const platform = usePlatform();
  const { lang, t } = useLang();
  const { settings, secrets } = loaded;

  const [env, setEnv] = useState<KsefEnv>(settings.env);
  const [nip, setNip] = useState(settings.nip);
  const [seller, setSeller] = useState<Seller>(settings.seller);
  const [ksefToken, setKsefToken] = useState('');
  const [baseToken, setBaseToken] = useState('');
  // Errors show once a field was touched, so an empty form does not greet the user in red.
  const [touched, setTouched] = useState<Record<string, boolean>>({});
  const { status, setStatus, working, busy, run } = useSaveAction<'save' | 'check' | 'other'>();
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

  /** Why the form cannot be saved as it is (shown as the status), or null when it can. */
  const refusal = (): FormStatus => {
    if (Object.keys(errs).length) return { kind: 'danger', text: t('fixErrors') };
    if (dirty) return null;
    const missing = requiredMissing(settings, secrets, t);
    return missing.length
      ? { kind: 'danger', text: t('requiredMissing', { fields: missing.join(', ') }) }
      : { kind: 'info', text: t('nothingToSave') };
  };

  /** Settings first (the token check depends on the environment the worker has), then each new
   * token. True when everything was saved. */
  const persist = (): Promise<boolean> =>
    run(async () => {
      if (Object.keys(patch).length) {
        const { settings: next } = await platform.send('settings.save', { patch });
        onChange({ settings: next });
        setNip(next.nip);
        setSeller(next.seller);
      }
      if (ksefToken.trim()) {
        const { secrets: s } = await platform.send('secrets.setKsefToken', { token: ksefToken.trim() });
        onChange({ secrets: s });
        setKsefToken('');
      }
      if (baseToken.trim()) {
        const { secrets: s } = await platform.send('secrets.setBaseToken', { token: baseToken.trim() });
        onChange({ secrets: s });
        setBaseToken('');
      }
      setTouched({});
      return t('saved');
    }, 'save');

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
    const refused = refusal();
    if (refused) {
      setStatus(refused);
      return;
    }
    // A check of the old tokens says nothing about the new ones.
    setCheck(null);
    setStatus(null);
    const connectionChanged =
      ksefToken.trim() !== '' || baseToken.trim() !== '' || patch.env !== undefined || patch.nip !== undefined;
    const saved = await persist();
    // New tokens, NIP or environment are checked at once (a real KSeF login and a Base call), so
    // a wrong or read-only token shows here, not at the first send.
    if (saved && connectionChanged) await runCheck(false);
  };

  const removeToken = (which: 'ksef' | 'base') =>
    run(async () => {
      const { secrets: s } =
        which === 'ksef'
          ? await platform.send('secrets.setKsefToken', { token: '' })
          : await platform.send('secrets.setBaseToken', { token: '' });
      onChange({ secrets: s });
      return t('tokenRemoved');
    }, 'other');

  const prefill = () =>
    run(async () => {
      const { seller: s } = await platform.send('seller.fromBase', {});
      setSeller({ name: s.name, addressL1: s.addressL1, addressL2: s.addressL2, countryCode: s.countryCode || 'PL' });
      if (s.nip && normaliseNip(nip) === '') setNip(s.nip);
      setTouched((cur) => ({ ...cur, 'seller.name': true, 'seller.addressL1': true, 'seller.countryCode': true }));
      return { kind: 'info', text: t('prefilled') };
    }, 'other');

  // The check's result shows in its own box; only a failure to run it becomes the status.
  const runCheck = async (clearStatus = true) => {
    setCheck(null);
    if (clearStatus) setStatus(null);
    await run(async () => {
      setCheck(await platform.send('connection.check', {}));
      return undefined;
    }, 'check');
  };

  const setSellerField = (k: keyof Seller, f: string) => (v: string) => {
    setSeller((cur) => ({ ...cur, [k]: k === 'countryCode' ? v.toUpperCase() : v }));
    touch(f);
  };

  return {
    env,
    setEnv,
    nip,
    setNip,
    seller,
    ksefToken,
    setKsefToken,
    baseToken,
    setBaseToken,
    status,
    working,
    busy,
    check,
    touch,
    shown,
    nipShownError,
    nipChanged,
    save,
    removeToken,
    prefill,
    runCheck,
    setSellerField,
  };
}
