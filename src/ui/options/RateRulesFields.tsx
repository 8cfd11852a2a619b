/**
 * The VAT-rate rules on the "Przekazywanie dokumentów" tab: which zero rate a foreign buyer gets and
 * the exemption basis (P_19A/B/C). Pure view: the transfer form keeps the draft and saves it with
 * auto-send and OSS, so the three travel in one `settings.save`.
 */
import type { RateRulesSettings } from '../../messaging';
import { SelectField, TextField } from '../components/fields';
import { useLang } from '../use-lang';

export type ExemptionKind = 'none' | NonNullable<RateRulesSettings['exemption']>['kind'];

/** The fields as the form edits them; `toRateRules` turns them into what settings store. */
export interface RateRulesDraft {
  euZero: RateRulesSettings['euVatBuyerZero'];
  nonEuZero: RateRulesSettings['nonEuZero'];
  exKind: ExemptionKind;
  exText: string;
}

export function draftOf(r: RateRulesSettings): RateRulesDraft {
  return {
    euZero: r.euVatBuyerZero,
    nonEuZero: r.nonEuZero,
    exKind: r.exemption?.kind ?? 'none',
    exText: r.exemption?.text ?? '',
  };
}

export function toRateRules(d: RateRulesDraft): RateRulesSettings {
  return {
    euVatBuyerZero: d.euZero,
    nonEuZero: d.nonEuZero,
    exemption: d.exKind === 'none' ? null : { kind: d.exKind, text: d.exText },
  };
}

export function RateRulesFields(p: {
  draft: RateRulesDraft;
  /** The exemption text's error, already filtered by whether the user touched it. */
  exError: string | null;
  onChange: (patch: Partial<RateRulesDraft>) => void;
  onExTextInput: (text: string) => void;
}) {
  const { t } = useLang();
  const { euZero, nonEuZero, exKind, exText } = p.draft;
  return (
    <fieldset>
      <legend>{t('rateRulesHeading')}</legend>
      <SelectField<RateRulesSettings['euVatBuyerZero']>
        id="euVatBuyerZero"
        label={t('euVatBuyerZeroLabel')}
        value={euZero}
        options={[
          { value: '0 WDT', label: t('zeroWdt') },
          { value: '0 KR', label: t('zeroKr') },
        ]}
        onChange={(v) => p.onChange({ euZero: v })}
      />
      <SelectField<RateRulesSettings['nonEuZero']>
        id="nonEuZero"
        label={t('nonEuZeroLabel')}
        value={nonEuZero}
        options={[
          { value: '0 EX', label: t('zeroEx') },
          { value: '0 KR', label: t('zeroKr') },
        ]}
        onChange={(v) => p.onChange({ nonEuZero: v })}
      />
      <SelectField<ExemptionKind>
        id="exemptionKind"
        label={t('exemptionKindLabel')}
        value={exKind}
        options={[
          { value: 'none', label: t('exemptionNone') },
          { value: 'P_19A', label: t('exemptionA') },
          { value: 'P_19B', label: t('exemptionB') },
          { value: 'P_19C', label: t('exemptionC') },
        ]}
        onChange={(v) => p.onChange({ exKind: v })}
      />
      {exKind !== 'none' && (
        <TextField
          id="exemptionText"
          label={t('exemptionTextLabel')}
          value={exText}
          maxLength={256}
          error={p.exError}
          onInput={p.onExTextInput}
        />
      )}
    </fieldset>
  );
}
