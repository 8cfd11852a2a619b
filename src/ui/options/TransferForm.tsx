/**
 * The first form of the "Przekazywanie dokumentów" tab: auto-send, OSS and the VAT-rate rules,
 * saved together. Kept apart from the Offline key form because the two save different things
 * through different messages and show their own status.
 */
import { useState } from 'preact/hooks';
import { fieldMessage } from '../../i18n/settings';
import type { Settings } from '../../messaging';
import { settingsErrors } from '../../settings/validate';
import { Notice } from '../components/fields';
import { usePlatform } from '../components/platform';
import { useLang } from '../use-lang';
import type { Loaded, LoadedUpdate } from './loaded';
import { draftOf, type RateRulesDraft, RateRulesFields, toRateRules } from './RateRulesFields';
import { useSaveAction } from './use-save-action';

export function TransferForm(p: { loaded: Loaded; onChange: LoadedUpdate }) {
  const platform = usePlatform();
  const { lang, t } = useLang();
  const s = p.loaded.settings;
  const [autoSend, setAutoSend] = useState(s.autoSend);
  const [oss, setOss] = useState(s.oss);
  const [draft, setDraft] = useState<RateRulesDraft>(() => draftOf(s.rateRules));
  const [exTouched, setExTouched] = useState(false);
  const { status, setStatus, busy, run } = useSaveAction();

  const patch: Partial<Settings> = { autoSend, oss, rateRules: toRateRules(draft) };
  const errors = settingsErrors(patch);
  const exFault = errors.find((e) => e.field === 'rateRules.exemption');
  const exError = exFault ? fieldMessage(exFault, lang) : null;

  const save = async (e: Event) => {
    e.preventDefault();
    setExTouched(true);
    if (errors.length) {
      setStatus({ kind: 'danger', text: t('fixErrors') });
      return;
    }
    await run(async () => {
      const { settings } = await platform.send('settings.save', { patch });
      p.onChange({ settings });
      return t('saved');
    });
  };

  return (
    <form onSubmit={save} noValidate>
      <fieldset>
        <legend>{t('autoSendLegend')}</legend>
        <div class="radio">
          <label>
            <input type="radio" name="autoSend" checked={autoSend} onChange={() => setAutoSend(true)} /> {t('yes')}
          </label>
          <p class="help-block">{t('autoSendYes')}</p>
        </div>
        <div class="radio">
          <label>
            <input type="radio" name="autoSend" checked={!autoSend} onChange={() => setAutoSend(false)} /> {t('no')}
          </label>
          <p class="help-block">{t('autoSendNo')}</p>
        </div>
      </fieldset>

      <div class="checkbox">
        <label>
          <input
            type="checkbox"
            name="oss"
            checked={oss}
            aria-describedby="oss-hint"
            onChange={(e) => setOss((e.currentTarget as HTMLInputElement).checked)}
          />{' '}
          {t('ossLabel')}
        </label>
        <p class="help-block" id="oss-hint">
          {t('ossHint')}
        </p>
      </div>

      <RateRulesFields
        draft={draft}
        exError={exTouched ? exError : null}
        onChange={(change) => setDraft((cur) => ({ ...cur, ...change }))}
        onExTextInput={(v) => {
          setDraft((cur) => ({ ...cur, exText: v }));
          setExTouched(true);
        }}
      />
      <div class="form-actions">
        <button type="submit" class="btn primary" disabled={busy}>
          {t('saveTransfer')}
        </button>
      </div>
      {status && <Notice kind={status.kind}>{status.text}</Notice>}
    </form>
  );
}
