/**
 * "Faktury zakupowe": the received invoices of the configured environment and NIP, read from the
 * worker's purchase database; month filter, search, sorting, "new since the last visit", CSV and
 * ZIP for the accountant, and one invoice rendered readably (InvoiceDetail).
 */
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { isKsefEnv, type KsefEnv } from '../../core/env';
import { translator } from '../../i18n/pages';
import { purchaseTexts } from '../../i18n/purchases';
import type { PurchaseSummary } from '../../messaging';
import { PURCHASES_REVISION_KEY } from '../../messaging';
import { applyQuery, type SortKey } from '../../purchase/list';
import type { PurchaseRecord } from '../../purchase/types';
import { EnvBanner } from '../components/EnvBanner';
import { errorText } from '../components/errors';
import { Notice } from '../components/fields';
import { exportMonths, monthLabel } from '../components/months';
import { usePlatform } from '../components/platform';
import { useLang } from '../use-lang';
import type { PurchaseData } from './data';
import { exportCsv, exportZip } from './download';
import { InvoiceDetail } from './InvoiceDetail';
import { PurchaseTable } from './PurchaseTable';
import { SyncBar } from './SyncBar';

const ksefFromHash = () => /^#ksef=([\w-]+)$/.exec(location.hash)?.[1] ?? null;

export function PurchasesPage(props: { data: PurchaseData }) {
  const platform = usePlatform();
  const { lang } = useLang();
  const t = purchaseTexts(lang);
  const [summary, setSummary] = useState<PurchaseSummary | null>(null);
  const [rows, setRows] = useState<PurchaseRecord[]>([]);
  const [month, setMonth] = useState('');
  const [search, setSearch] = useState('');
  const [sort, setSort] = useState<{ key: SortKey; desc: boolean }>({ key: 'issueDate', desc: true });
  const [open, setOpen] = useState<string | null>(ksefFromHash());
  const [error, setError] = useState<string | null>(null);
  const [syncing, setSyncing] = useState(false);
  /** The previous visit, frozen for this one: what was stored after it is counted and marked new. */
  const visit = useRef<{ at: number } | null>(null);

  const loadRows = async (s: PurchaseSummary | null, m: string) => {
    if (!s?.scope) return;
    try {
      setRows(await props.data.list(s.scope, m || undefined));
    } catch (e) {
      setError(t('loadFailed', { message: e instanceof Error ? e.message : String(e) }));
    }
  };

  const loadSummary = async () => {
    try {
      const s = await platform.send('purchases.summary', {});
      setSummary(s);
      return s;
    } catch (e) {
      setError(errorText(e, translator(lang)));
      return null;
    }
  };

  // Deliberate dependencies: load once, then follow the worker's revision key
  useEffect(() => {
    void (async () => {
      const s = await loadSummary();
      if (!s?.scope) return;
      visit.current = { at: s.lastVisitAt };
      await loadRows(s, month);
      await platform.send('purchases.seen', {}).catch(() => undefined);
      // Opening the page syncs when the last sync is older than 10 minutes: the metadata query
      // allows 20 requests an hour, and the hourly poll needs its share.
      if (!s.neverSynced && platform.now() - (s.lastSyncAt ?? 0) > 10 * 60_000) {
        setSyncing(true);
        const next = await platform.send('purchases.sync', {}).catch(() => null);
        setSyncing(false);
        if (next) setSummary(next);
      }
    })();
    const off = platform.onStorageChanged((keys) => {
      if (keys.includes(PURCHASES_REVISION_KEY)) void loadSummary().then((s) => loadRows(s, monthRef.current));
    });
    const onHash = () => setOpen(ksefFromHash());
    window.addEventListener('hashchange', onHash);
    return () => {
      off();
      window.removeEventListener('hashchange', onHash);
    };
  }, [platform]);
  const monthRef = useRef(month);
  monthRef.current = month;

  const shown = useMemo(() => applyQuery(rows, { search, sort: sort.key, desc: sort.desc }), [rows, search, sort]);
  const newAfter = visit.current?.at ?? Number.POSITIVE_INFINITY;
  const newCount = useMemo(() => rows.filter((r) => r.syncedAt > newAfter).length, [rows, newAfter]);
  const months = useMemo(() => exportMonths(platform.now()), [platform]);

  const scopeEnv = summary?.scope?.split('|')[0];
  const env: KsefEnv = isKsefEnv(scopeEnv) ? scopeEnv : 'test';
  const nip = summary?.scope?.split('|')[1] ?? '';
  const go = (ksef: string | null) => {
    location.hash = ksef ? `ksef=${ksef}` : '';
    setOpen(ksef);
  };
  const openRecord = open && summary?.scope ? rows.find((r) => r.ksefNumber === open) : undefined;
  const [detail, setDetail] = useState<PurchaseRecord | undefined>(undefined);
  useEffect(() => {
    if (!open || !summary?.scope) return setDetail(undefined);
    if (openRecord) return setDetail(openRecord);
    void props.data.get(`${summary.scope}|${open}`).then(setDetail);
  }, [open, summary?.scope, openRecord]);

  if (!summary) {
    return <main class="purchases">{error ? <Notice kind="danger">{error}</Notice> : <p>…</p>}</main>;
  }
  if (!summary.scope) {
    return (
      <main class="purchases">
        <h1>{t('title')}</h1>
        <Notice kind="warning">{t('notConfigured')}</Notice>
        <button type="button" class="btn" onClick={() => platform.openOptions()}>
          {translator(lang)('openOptions')}
        </button>
      </main>
    );
  }
  if (open && detail) {
    return (
      <main class="purchases">
        <InvoiceDetail
          record={detail}
          env={env}
          data={props.data}
          lang={lang}
          t={t}
          onBack={() => go(null)}
          onOpenKsef={(n) => go(n)}
          isStored={async (n) => (await props.data.get(`${summary.scope}|${n}`)) !== undefined}
        />
      </main>
    );
  }
  const label = month || 'wszystkie';
  return (
    <main class="purchases">
      <header class="purchases-header no-print">
        <h1>{t('title')}</h1>
        <p class="text-muted">{t('subtitle', { nip, env: env.toUpperCase() })}</p>
      </header>
      <EnvBanner env={env} />
      <SyncBar summary={summary} lang={lang} t={t} syncing={syncing} setSyncing={setSyncing} onSynced={setSummary} />
      {error && <Notice kind="danger">{error}</Notice>}
      <div class="purchase-filters no-print">
        <label>
          {t('month')}{' '}
          <select
            data-testid="purchase-month"
            value={month}
            onChange={(e) => {
              const m = (e.currentTarget as HTMLSelectElement).value;
              setMonth(m);
              void loadRows(summary, m);
            }}
          >
            <option value="">{t('allMonths')}</option>
            {months.map((m) => (
              <option key={m} value={m}>
                {monthLabel(m, lang)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('search')}{' '}
          <input
            type="search"
            data-testid="purchase-search"
            placeholder={t('searchPlaceholder')}
            value={search}
            onInput={(e) => setSearch((e.currentTarget as HTMLInputElement).value)}
          />
        </label>
        <button type="button" class="btn" disabled={shown.length === 0} onClick={() => exportCsv(shown, label)}>
          {t('exportCsv')}
        </button>
        <button
          type="button"
          class="btn"
          disabled={shown.length === 0}
          onClick={() => void exportZip(shown, props.data, label)}
        >
          {t('exportZip')}
        </button>
      </div>
      <p class="purchase-counts" data-testid="purchase-counts">
        {t('shown', { n: shown.length, total: rows.length })} · {t('total', { n: summary.total })} ·{' '}
        <strong data-testid="purchase-new">{t('newSince', { n: newCount })}</strong>
      </p>
      {shown.length === 0 ? (
        <p class="text-muted">{t('empty')}</p>
      ) : (
        <PurchaseTable
          rows={shown}
          lang={lang}
          t={t}
          sort={sort.key}
          desc={sort.desc}
          onSort={(key) => setSort((s) => ({ key, desc: s.key === key ? !s.desc : key === 'issueDate' }))}
          onOpen={(r) => go(r.ksefNumber)}
          newAfter={newAfter}
        />
      )}
    </main>
  );
}
