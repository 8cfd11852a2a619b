/** The first-run welcome on the options page: what to configure, in what order. */
import { translatorOf } from '../../i18n/fill';
import { HELP_TEXTS } from '../../i18n/help';
import type { Lang } from '../../messaging';

const STEPS = ['welcome1', 'welcome2', 'welcome3', 'welcome4'] as const;

export function Welcome(p: { lang: Lang }) {
  const t = translatorOf(HELP_TEXTS, p.lang);
  return (
    <section class="alert alert-info welcome" aria-labelledby="welcome-title" data-testid="welcome">
      <h2 id="welcome-title">{t('welcomeTitle')}</h2>
      <ol>
        {STEPS.map((k) => (
          <li key={k}>{t(k)}</li>
        ))}
      </ol>
    </section>
  );
}
