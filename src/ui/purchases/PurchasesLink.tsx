/** Link to "Faktury zakupowe" with the count of invoices new since the last visit (popup, options). */
import { useEffect, useState } from 'preact/hooks';
import { purchaseTexts } from '../../i18n/purchases';
import { PURCHASES_REVISION_KEY } from '../../messaging';
import { usePlatform } from '../components/platform';
import { useLang } from '../use-lang';

export function PurchasesLink() {
  const platform = usePlatform();
  const { lang } = useLang();
  const t = purchaseTexts(lang);
  const [count, setCount] = useState(0);
  useEffect(() => {
    const load = () =>
      void platform.send('purchases.summary', {}).then(
        (s) => setCount(s.newSinceVisit),
        () => setCount(0),
      );
    load();
    return platform.onStorageChanged((keys) => {
      if (keys.includes(PURCHASES_REVISION_KEY)) load();
    });
  }, [platform]);
  return (
    <a
      class="btn btn-link purchases-link"
      href="/purchases.html"
      target="_blank"
      rel="noopener"
      data-testid="purchases-link"
    >
      {count > 0 ? t('linkCount', { n: count }) : t('link')}
    </a>
  );
}
