/**
 * The outcome of "Sprawdź połączenie" on the "Połączenie" tab: one line for KSeF (a warning when
 * the login works but permissions are missing) and one for Base.
 */
import type { ConnectionCheck } from '../../messaging';
import { Notice } from '../components/fields';
import { useLang } from '../use-lang';

export function ConnectionCheckResult(p: { check: ConnectionCheck }) {
  const { t } = useLang();
  const { check } = p;
  return (
    <div data-testid="connection-result">
      <Notice kind={check.ksef.ok ? (check.ksef.permissions?.missing.length ? 'warning' : 'success') : 'danger'}>
        {t('checkKsef', { message: check.ksef.message })}
      </Notice>
      <Notice kind={check.base.ok ? 'success' : 'danger'}>{t('checkBase', { message: check.base.message })}</Notice>
    </div>
  );
}
