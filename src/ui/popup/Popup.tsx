import { browser } from '../../platform/browser';
import { useLang } from '../use-lang';

export function Popup() {
  const { t } = useLang();
  return (
    <main class="popup">
      <h1>{t('appName')}</h1>
      <p data-testid="popup-state">{t('popupNotConfigured')}</p>
      <button type="button" onClick={() => void browser.runtime.openOptionsPage()}>
        {t('openOptions')}
      </button>
    </main>
  );
}
