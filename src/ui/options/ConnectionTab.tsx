/**
 * "Połączenie": KSeF environment, the two tokens, NIP and the seller's data (Podmiot1), saved
 * together, then a connection check. The view: the form's state and actions are
 * use-connection-form.ts, the sections are views in their own modules.
 */
import { Notice, TextField } from '../components/fields';
import { useLang } from '../use-lang';
import { ConnectionCheckResult } from './ConnectionCheckResult';
import { EnvironmentField } from './EnvironmentField';
import type { Loaded, LoadedUpdate } from './loaded';
import { SellerFields } from './SellerFields';
import { TokenField } from './TokenField';
import { useConnectionForm } from './use-connection-form';

export function ConnectionTab(p: { loaded: Loaded; onChange: LoadedUpdate }) {
  const { t } = useLang();
  const f = useConnectionForm(p.loaded, p.onChange);
  const { settings, secrets } = p.loaded;

  return (
    <form onSubmit={f.save} noValidate>
      <EnvironmentField
        env={f.env}
        saved={settings}
        nipChanged={f.nipChanged}
        onChange={(v) => {
          f.setEnv(v);
          f.touch('ksefToken');
        }}
      />

      <TokenField
        id="ksefToken"
        label="ksefTokenLabel"
        missingHint="ksefTokenHint"
        removeLabel="removeKsefToken"
        stateTestId="ksef-token-state"
        stored={secrets.ksefToken}
        value={f.ksefToken}
        error={f.shown('ksefToken')}
        busy={f.busy}
        onInput={(v) => {
          f.setKsefToken(v);
          f.touch('ksefToken');
        }}
        onRemove={() => void f.removeToken('ksef')}
      />

      <TextField
        id="nip"
        label={t('nipLabel')}
        value={f.nip}
        maxLength={16}
        error={f.nipShownError}
        hint={t('nipHint')}
        onInput={(v) => {
          f.setNip(v);
          f.touch('nip');
        }}
      />

      <TokenField
        id="baseToken"
        label="baseTokenLabel"
        missingHint="baseTokenHint"
        removeLabel="removeBaseToken"
        stateTestId="base-token-state"
        stored={secrets.baseToken}
        value={f.baseToken}
        error={f.shown('baseToken')}
        busy={f.busy}
        onInput={(v) => {
          f.setBaseToken(v);
          f.touch('baseToken');
        }}
        onRemove={() => void f.removeToken('base')}
      />

      <SellerFields
        seller={f.seller}
        busy={f.busy}
        shown={f.shown}
        onField={f.setSellerField}
        onPrefill={() => void f.prefill()}
      />

      <div class="form-actions">
        <button type="submit" class="btn primary" disabled={f.busy}>
          {f.working === 'save' ? t('saving') : t('save')}
        </button>
        <button type="button" class="btn" disabled={f.busy} onClick={() => void f.runCheck()}>
          {f.working === 'check' ? t('checking') : t('checkConnection')}
        </button>
      </div>
      {f.status && <Notice kind={f.status.kind}>{f.status.text}</Notice>}
      {f.check && <ConnectionCheckResult check={f.check} />}
      {/* What the sealing protects against, and what it does not (the local disk). */}
      <section class="help-block" data-testid="secrets-at-rest" aria-labelledby="secrets-at-rest-title">
        <h3 id="secrets-at-rest-title">{t('atRestTitle')}</h3>
        <p>{t('atRestBody')}</p>
      </section>
    </form>
  );
}
