/**
 * The KSeF environment chooser of the "Połączenie" tab, with what goes with it: the warning that a
 * change of environment or NIP starts a new context, and the note on what the chosen one is for.
 */
import type { KsefEnv, Settings } from '../../messaging';
import { Notice, SelectField } from '../components/fields';
import { useLang } from '../use-lang';
import { ContextChangeWarning } from './ContextChangeWarning';

export function EnvironmentField(p: {
  env: KsefEnv;
  saved: Settings;
  nipChanged: boolean;
  onChange: (env: KsefEnv) => void;
}) {
  const { t } = useLang();
  return (
    <>
      <SelectField<KsefEnv>
        id="env"
        label={t('envLabel')}
        value={p.env}
        options={[
          { value: 'test', label: t('envTest') },
          { value: 'demo', label: t('envDemo') },
          { value: 'prod', label: t('envProd') },
        ]}
        onChange={p.onChange}
      />
      <ContextChangeWarning saved={p.saved} envChanged={p.env !== p.saved.env} nipChanged={p.nipChanged} />
      {p.env === 'prod' ? (
        <Notice kind="info">{t('envProdNote')}</Notice>
      ) : (
        <Notice kind="warning">{t('envWarning')}</Notice>
      )}
    </>
  );
}
