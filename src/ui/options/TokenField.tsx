/**
 * One secret token on the "Połączenie" tab (KSeF or Base): a write-only field that never shows the
 * stored value, a line saying whether one is stored, and a button to remove it. Both tokens share
 * this shape, so it is one component told which texts and test id to use.
 */
import type { MessageKey } from '../../i18n/pages';
import { TextField } from '../components/fields';
import { useLang } from '../use-lang';

export function TokenField(p: {
  id: 'ksefToken' | 'baseToken';
  label: MessageKey;
  /** The hint shown while no token is stored: where to get one. */
  missingHint: MessageKey;
  removeLabel: MessageKey;
  stateTestId: string;
  stored: boolean;
  value: string;
  error: string | null;
  busy: boolean;
  onInput: (v: string) => void;
  onRemove: () => void;
}) {
  const { t } = useLang();
  return (
    <>
      <TextField
        id={p.id}
        type="password"
        label={t(p.label)}
        value={p.value}
        autoComplete="new-password"
        error={p.error}
        onInput={p.onInput}
        hint={
          <>
            <span data-testid={p.stateTestId}>
              {t('tokenStatus', { state: p.stored ? t('tokenStored') : t('tokenMissing') })}
            </span>
            {'. '}
            {p.stored ? t('tokenReplaceHint') : t(p.missingHint)}
          </>
        }
      />
      {p.stored && (
        <p>
          <button type="button" class="btn btn-xs" disabled={p.busy} onClick={p.onRemove}>
            {t(p.removeLabel)}
          </button>
        </p>
      )}
    </>
  );
}
