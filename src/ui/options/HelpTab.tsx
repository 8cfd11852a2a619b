/**
 * "Pomoc": how to get each credential the extension needs. Written in our own words;
 * the taxpayer-application addresses are the official ones per environment (each environment
 * needs its own token: a TEST token does not work on DEMO or PROD). The words are the help slice
 * of src/i18n.
 */
import { KSEF_ENVS, KSEF_TAXPAYER_APPS } from '../../core/env';
import { translatorOf } from '../../i18n/fill';
import { HELP_TEXTS } from '../../i18n/help';
import type { Lang } from '../../messaging';

/** The taxpayer application per environment (declared in src/core/env.ts). */
export const TAXPAYER_APPS = KSEF_TAXPAYER_APPS;

/** Numbered keys of the lists, in the order they are shown. */
const STEPS = ['step1', 'step2', 'step3', 'step4', 'step5', 'step6'] as const;
const BASE_STEPS = ['baseStep1', 'baseStep2', 'baseStep3'] as const;
const OFFLINE_STEPS = ['offlineStep1', 'offlineStep2', 'offlineStep3', 'offlineStep4'] as const;
const STATUS = ['status1', 'status2', 'status3'] as const;

export function HelpTab(p: { lang: Lang }) {
  const t = translatorOf(HELP_TEXTS, p.lang);
  return (
    <article class="help">
      <h2>{t('tokenTitle')}</h2>
      <p>{t('tokenIntro')}</p>
      <dl class="env-list">
        {KSEF_ENVS.map((env) => (
          <div key={env} class={`env-item env-${env}`}>
            <dt>{t(`env.${env}`)}</dt>
            <dd>
              {t(`envNote.${env}`)} {t('appLink')}{' '}
              <a href={TAXPAYER_APPS[env]} target="_blank" rel="noopener noreferrer">
                {TAXPAYER_APPS[env]}
              </a>
            </dd>
          </div>
        ))}
      </dl>
      <ol>
        {STEPS.map((k) => (
          <li key={k}>{t(k)}</li>
        ))}
      </ol>
      <p class="alert alert-info">{t('testShortcut')}</p>
      <h2>{t('baseTitle')}</h2>
      <ol>
        {BASE_STEPS.map((k) => (
          <li key={k}>{t(k)}</li>
        ))}
      </ol>
      <h2>{t('offlineTitle')}</h2>
      <ol>
        {OFFLINE_STEPS.map((k) => (
          <li key={k}>{t(k)}</li>
        ))}
      </ol>
      <h2>{t('statusTitle')}</h2>
      {STATUS.map((k) => (
        <p key={k}>{t(k)}</p>
      ))}
    </article>
  );
}
