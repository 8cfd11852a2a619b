/** "Serie numeracji": Base's numbering series with checkboxes; saving writes `enabledSeries`
 * (only checked series are ever sent) and each series' FA(3) rules (`seriesRules`). */
import { useEffect, useState } from 'preact/hooks';
import type { SeriesRules, SeriesView, Settings } from '../../messaging';
import { errorText } from '../components/errors';
import { Notice } from '../components/fields';
import { usePlatform } from '../components/platform';
import { useLang } from '../use-lang';
import type { Loaded } from './loaded';
import { cleanRules, SeriesRulesFields } from './SeriesRulesFields';
import { useSaveAction } from './use-save-action';

export function SeriesTab(p: { settings: Settings; onChange: (patch: Partial<Loaded>) => void }) {
  const platform = usePlatform();
  const { t } = useLang();
  const [series, setSeries] = useState<SeriesView[] | null>(null);
  const [checked, setChecked] = useState<Set<string>>(new Set());
  const [loadError, setLoadError] = useState<string | null>(null);
  const { status, busy, run } = useSaveAction();
  const [rules, setRules] = useState<Record<string, SeriesRules>>(p.settings.seriesRules ?? {});

  const load = () => {
    setLoadError(null);
    platform.send('series.list', {}).then(
      (r) => {
        setSeries(r.series);
        setChecked(new Set(r.series.filter((s) => s.enabled).map((s) => s.id)));
      },
      (e: unknown) => setLoadError(errorText(e, t)),
    );
  };
  // Deliberate dependencies: loaded once when the tab opens
  useEffect(load, [platform]);

  const toggle = (id: string, on: boolean) =>
    setChecked((cur) => {
      const next = new Set(cur);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });

  const save = async (e: Event) => {
    e.preventDefault();
    if (!series) return;
    await run(async () => {
      // Kept in Base's order so the stored list is stable.
      const enabledSeries = series.filter((s) => checked.has(s.id)).map((s) => s.id);
      const seriesRules: Record<string, SeriesRules> = {};
      for (const [id, r] of Object.entries(rules)) {
        const clean = cleanRules(r);
        if (clean) seriesRules[id] = clean;
      }
      const { settings } = await platform.send('settings.save', { patch: { enabledSeries, seriesRules } });
      p.onChange({ settings });
      return t('saved');
    });
  };

  if (loadError)
    return (
      <Notice kind="danger">
        {loadError}{' '}
        <button type="button" class="btn btn-xs" onClick={load}>
          {t('retry')}
        </button>
      </Notice>
    );
  if (!series) return <p>{t('loading')}</p>;

  return (
    <form onSubmit={save}>
      <p>{t('seriesIntro')}</p>
      <p class="text-muted">{t('seriesRulesIntro')}</p>
      {p.settings.enabledSeries === null && <Notice kind="info">{t('seriesAllNew')}</Notice>}
      {series.length === 0 ? (
        <p>{t('seriesEmpty')}</p>
      ) : (
        <fieldset>
          <legend class="sr-only">{t('tabSeries')}</legend>
          {series.map((s) => (
            <div class="checkbox" key={s.id}>
              <label>
                <input
                  type="checkbox"
                  name="series"
                  value={s.id}
                  checked={checked.has(s.id)}
                  onChange={(e) => toggle(s.id, (e.currentTarget as HTMLInputElement).checked)}
                />{' '}
                {s.name}
                {s.format && <span class="text-muted"> ({s.format})</span>}
              </label>
              <SeriesRulesFields
                id={s.id}
                rules={rules[s.id] ?? {}}
                onChange={(r) => setRules((cur) => ({ ...cur, [s.id]: r }))}
              />
            </div>
          ))}
        </fieldset>
      )}
      {series.length > 0 && checked.size === 0 && <Notice kind="warning">{t('seriesNoneChecked')}</Notice>}
      <div class="form-actions">
        <button type="submit" class="btn primary" disabled={busy || series.length === 0}>
          {t('saveSeries')}
        </button>
      </div>
      {status && <Notice kind={status.kind}>{status.text}</Notice>}
    </form>
  );
}
