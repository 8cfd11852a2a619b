/**
 * Asks for the hosts the browser withholds (Firefox MV3: the user grants host permissions), shows
 * which are missing, and disappears once everything is granted. Chrome grants them at install,
 * so there it never shows.
 */
import { useEffect, useState } from 'preact/hooks';
import { hostOfPattern } from '../../platform/required-hosts';
import { usePlatform } from '../components/platform';
import { useLang } from '../use-lang';

export function HostAccessBanner() {
  const access = usePlatform().hostAccess;
  const { t } = useLang();
  const [missing, setMissing] = useState<string[]>([]);
  const [refused, setRefused] = useState(false);

  useEffect(() => {
    if (!access) return;
    let alive = true;
    const check = () =>
      void access.missing().then((m) => {
        if (alive) setMissing(m);
      });
    check();
    const off = access.onChanged(check);
    return () => {
      alive = false;
      off();
    };
  }, [access]);

  if (!access || missing.length === 0) return null;
  const grant = () => {
    // The request goes out synchronously in the click: Firefox drops it after an `await`.
    const asked = access.request(missing);
    void asked.then(
      async (ok) => {
        setRefused(!ok);
        setMissing(await access.missing());
      },
      () => setRefused(true),
    );
  };
  return (
    <div class="alert alert-warning host-access" role="alert" data-testid="host-access">
      <p>{t('hostAccessMissing')}</p>
      <ul>
        {missing.map((m) => (
          <li key={m}>{hostOfPattern(m)}</li>
        ))}
      </ul>
      <button type="button" class="btn" onClick={grant}>
        {t('hostAccessGrant')}
      </button>
      {refused && <p>{t('hostAccessRefused')}</p>}
    </div>
  );
}
