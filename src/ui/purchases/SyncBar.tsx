/** Sync status and "Synchronizuj teraz" (with how far back a first sync reaches). */
import { useState } from 'preact/hooks';
import { translator } from '../../i18n/pages';
import type { PTranslate } from '../../i18n/purchases';
import type { Lang, PurchaseSummary } from '../../messaging';
import { errorText } from '../components/errors';
import { Notice } from '../components/fields';
import { formatDateTime, formatTime } from '../components/format';
import { usePlatform } from '../components/platform';

export function SyncBar(p: {
  summary: PurchaseSummary;
  lang: Lang;
  t: PTranslate;
  onSynced: (s: PurchaseSummary) => void;
  syncing: boolean;
  setSyncing: (b: boolean) => void;
}) {
  const platform = usePlatform();
  const { summary: s, t, lang } = p;
  const [monthsBack, setMonthsBack] = useState(2);
  const [msg, setMsg] = useState<{ ok: boolean; text: string } | null>(null);

  const sync = async () => {
    p.setSyncing(true);
    setMsg(null);
    const before = s.total;
    try {
      const next = await platform.send('purchases.sync', s.neverSynced ? { monthsBack } : {});
      p.onSynced(next);
      const added = next.total - before;
      if (!next.error) setMsg({ ok: true, text: added > 0 ? t('added', { n: added }) : t('upToDate') });
    } catch (e) {
      setMsg({ ok: false, text: errorText(e, translator(lang)) });
    } finally {
      p.setSyncing(false);
    }
  };

  return (
    <div class="purchase-sync no-print" data-testid="purchase-sync">
      <span class="text-muted">
        {s.lastSyncAt
          ? t('lastSync', { when: formatDateTime(new Date(s.lastSyncAt).toISOString(), lang) })
          : t('neverSynced')}
      </span>
      {s.neverSynced && (
        <label class="inline-field">
          {t('firstSyncFrom')}{' '}
          <select
            value={String(monthsBack)}
            onChange={(e) => setMonthsBack(Number((e.currentTarget as HTMLSelectElement).value))}
          >
            <option value="1">{t('monthsBack1')}</option>
            <option value="2">{t('monthsBack2')}</option>
            <option value="3">{t('monthsBack3')}</option>
            <option value="6">{t('monthsBack6')}</option>
          </select>
        </label>
      )}
      <button type="button" class="btn primary" disabled={p.syncing} onClick={() => void sync()}>
        {p.syncing ? t('syncing') : t('syncNow')}
      </button>
      {s.resumeAt && <span class="text-muted">{t('resumeAt', { time: formatTime(s.resumeAt, lang) })}</span>}
      {s.error && (
        <Notice kind="danger">
          <span data-testid="purchase-error">{s.error.message}</span>
        </Notice>
      )}
      {msg && <Notice kind={msg.ok ? 'success' : 'danger'}>{msg.text}</Notice>}
    </div>
  );
}
