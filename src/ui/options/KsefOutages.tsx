/**
 * "Niedostępność i awarie KSeF": what the Ministry announced (first and last day, kind). An invoice
 * issued during one may be sent later (src/time/deadlines.ts), so its deadline ("wyślij do …") moves
 * accordingly, or goes away for a total failure.
 */
import { useState } from 'preact/hooks';
import type { MessageKey } from '../../i18n/pages';
import { fieldMessage } from '../../i18n/settings';
import type { Settings } from '../../messaging';
import { settingsErrors } from '../../settings/validate';
import { OUTAGE_KINDS, type OutageKind } from '../../time/deadlines';
import { errorText } from '../components/errors';
import { Notice } from '../components/fields';
import { usePlatform } from '../components/platform';
import { useLang } from '../use-lang';

type Outage = NonNullable<Settings['ksefOutages']>[number];

const KIND_LABEL: Record<OutageKind, MessageKey> = {
  failure: 'outageKindFailure',
  unavailability: 'outageKindUnavailability',
  total: 'outageKindTotal',
};

export function KsefOutages(p: { settings: Settings; onSaved: (s: Settings) => void }) {
  const platform = usePlatform();
  const { lang, t } = useLang();
  const list = p.settings.ksefOutages ?? [];
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [kind, setKind] = useState<OutageKind>('failure');
  const [status, setStatus] = useState<{ ok: boolean; text: string } | null>(null);

  const save = async (next: Outage[]) => {
    const errs = settingsErrors({ ksefOutages: next });
    if (errs.length) {
      setStatus({ ok: false, text: fieldMessage(errs[0]!, lang) });
      return;
    }
    try {
      const { settings } = await platform.send('settings.save', { patch: { ksefOutages: next } });
      p.onSaved(settings);
      setStatus({ ok: true, text: t('saved') });
      setFrom('');
      setTo('');
    } catch (e) {
      setStatus({ ok: false, text: errorText(e, t) });
    }
  };

  return (
    <section data-testid="ksef-outages">
      <h2>{t('outagesHeading')}</h2>
      <p>{t('outagesIntro')}</p>
      {list.length === 0 ? (
        <p class="text-muted">{t('outagesNone')}</p>
      ) : (
        <ul>
          {list.map((o, i) => (
            <li key={`${o.from}-${o.to}-${o.kind ?? 'failure'}`}>
              {o.from} – {o.to}: {t(KIND_LABEL[o.kind ?? 'failure'])}{' '}
              <button
                type="button"
                class="btn btn-xs"
                onClick={() => void save(list.filter((_, j) => j !== i))}
                aria-label={t('outagesRemoveLabel', { from: o.from, to: o.to })}
              >
                {t('outagesRemove')}
              </button>
            </li>
          ))}
        </ul>
      )}
      <form
        class="form-inline"
        onSubmit={(e) => {
          e.preventDefault();
          void save([...list, { from, to: to || from, kind }]);
        }}
      >
        <label for="outage-from">{t('outagesFrom')}</label>{' '}
        <input
          id="outage-from"
          type="date"
          class="form-control"
          value={from}
          onInput={(e) => setFrom((e.currentTarget as HTMLInputElement).value)}
        />{' '}
        <label for="outage-to">{t('outagesTo')}</label>{' '}
        <input
          id="outage-to"
          type="date"
          class="form-control"
          value={to}
          onInput={(e) => setTo((e.currentTarget as HTMLInputElement).value)}
        />{' '}
        <label for="outage-kind">{t('outagesKind')}</label>{' '}
        <select
          id="outage-kind"
          class="form-control"
          value={kind}
          onChange={(e) => setKind((e.currentTarget as HTMLSelectElement).value as OutageKind)}
        >
          {OUTAGE_KINDS.map((k) => (
            <option key={k} value={k}>
              {t(KIND_LABEL[k])}
            </option>
          ))}
        </select>{' '}
        <button type="submit" class="btn" disabled={!from}>
          {t('outagesAdd')}
        </button>
      </form>
      {status && <Notice kind={status.ok ? 'success' : 'danger'}>{status.text}</Notice>}
    </section>
  );
}
