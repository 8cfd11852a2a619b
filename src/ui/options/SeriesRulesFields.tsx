/**
 * One series' FA(3) rules on the "Serie numeracji" tab: split payment (P_18A) and the VAT-margin
 * scheme (P_PMarzy_*). Pure view: the tab keeps the state and saves it with the series list.
 */

import type { MessageKey } from '../../i18n/pages';
import type { SeriesRules } from '../../messaging';
import { useLang } from '../use-lang';

type Split = NonNullable<SeriesRules['splitPayment']>;
type Margin = NonNullable<SeriesRules['margin']> | '';

const SPLIT: [Split, MessageKey][] = [
  ['never', 'seriesSplitNever'],
  ['over-15000', 'seriesSplitOver'],
  ['always', 'seriesSplitAlways'],
];
const MARGIN: [Margin, MessageKey][] = [
  ['', 'seriesMarginNone'],
  ['used', 'seriesMarginUsed'],
  ['art', 'seriesMarginArt'],
  ['antiques', 'seriesMarginAntiques'],
  ['travel', 'seriesMarginTravel'],
];

/** Drops default values, so a series without special rules stores nothing. */
export function cleanRules(r: SeriesRules): SeriesRules | undefined {
  const out: SeriesRules = {};
  if (r.splitPayment && r.splitPayment !== 'never') out.splitPayment = r.splitPayment;
  if (r.margin) out.margin = r.margin;
  return Object.keys(out).length ? out : undefined;
}

export function SeriesRulesFields(p: { id: string; rules: SeriesRules; onChange: (r: SeriesRules) => void }) {
  const { t } = useLang();
  const set = (patch: SeriesRules) => p.onChange({ ...p.rules, ...patch });
  return (
    <div class="series-rules">
      <label for={`split-${p.id}`}>{t('seriesSplitLabel')}</label>{' '}
      <select
        id={`split-${p.id}`}
        class="form-control input-sm"
        value={p.rules.splitPayment ?? 'never'}
        onChange={(e) => set({ splitPayment: (e.currentTarget as HTMLSelectElement).value as Split })}
      >
        {SPLIT.map(([v, k]) => (
          <option key={v} value={v}>
            {t(k)}
          </option>
        ))}
      </select>{' '}
      <label for={`margin-${p.id}`}>{t('seriesMarginLabel')}</label>{' '}
      <select
        id={`margin-${p.id}`}
        class="form-control input-sm"
        value={p.rules.margin ?? ''}
        onChange={(e) => {
          const v = (e.currentTarget as HTMLSelectElement).value as Margin;
          const { margin: _, ...rest } = p.rules;
          p.onChange(v ? { ...rest, margin: v } : rest);
        }}
      >
        {MARGIN.map(([v, k]) => (
          <option key={v} value={v}>
            {t(k)}
          </option>
        ))}
      </select>
    </div>
  );
}
