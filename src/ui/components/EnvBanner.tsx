import type { KsefEnv } from '../../messaging';
import { useLang } from '../use-lang';

/** TEST/DEMO/PROD, with PROD in red so nobody mistakes real invoices for trials. */
export function EnvBanner(p: { env: KsefEnv }) {
  const { t } = useLang();
  return (
    <div class={`env-banner env-${p.env}`} data-testid="env-banner">
      {t('envBanner', { env: p.env.toUpperCase() })}
    </div>
  );
}
