import { useState } from 'preact/hooks';
import { useLang } from '../use-lang';
import { usePlatform } from './platform';

/** Copies a KSeF number; the button says "Skopiowano" for a moment so the user sees it worked. */
export function CopyButton(p: { text: string }) {
  const platform = usePlatform();
  const { t } = useLang();
  const [done, setDone] = useState(false);
  return (
    <button
      type="button"
      class="btn btn-xs"
      aria-label={t('copyKsefNumber', { number: p.text })}
      onClick={() =>
        void platform.copyText(p.text).then(() => {
          setDone(true);
          setTimeout(() => setDone(false), 1500);
        })
      }
    >
      {done ? t('copied') : t('copy')}
    </button>
  );
}
