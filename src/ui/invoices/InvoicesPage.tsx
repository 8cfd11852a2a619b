/**
 * "Faktury w KSeF": every invoice the extension tracks, filtered by state, month and a search
 * (number, buyer, NIP, KSeF number), with details and actions per invoice and bulk actions on a
 * selection. The list is windowed (VirtualList), so 10,000 rows stay smooth.
 */
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { type InvoicesKey, invoicesText } from '../../i18n/invoices';
import type { BulkResult, InvoiceView } from '../../messaging';
import { errorText } from '../components/errors';
import { Notice, SelectField } from '../components/fields';
import { monthLabel } from '../components/months';
import { usePlatform } from '../components/platform';
import { useOutboxRevision } from '../components/use-revision';
import { useLang } from '../use-lang';
import { bulkRun, upoZip } from './bulk';
import { Details } from './Details';
import { saveBlob } from './files';
import { type Filter, filterInvoices, monthsOf, STATE_FILTERS, type StateFilter, searchKey } from './filter';
import { Row } from './Row';
import { VirtualList } from './VirtualList';

/** The list is read again at most this often while the outbox keeps changing (an export). */
const RELOAD_MIN_MS = 2000;

const FILTER_LABEL: Record<StateFilter, InvoicesKey> = {
  all: 'filterAll',
  attention: 'filterAttention',
  processing: 'filterProcessing',
  accepted: 'filterAccepted',
  rejected: 'filterRejected',
  offline: 'filterOffline',
  skipped: 'filterSkipped',
};

export function InvoicesPage(props: { initialInvoice?: string | null; initialState?: StateFilter }) {
  const platform = usePlatform();
  const { lang, t } = useLang();
  const x = invoicesText(lang);
  const [items, setItems] = useState<InvoiceView[] | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [filter, setFilter] = useState<Filter>({ state: props.initialState ?? 'all', query: '', month: '' });
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [openId, setOpenId] = useState<string | null>(props.initialInvoice ?? null);
  const [busy, setBusy] = useState(false);
  const [bulkNote, setBulkNote] = useState<{ ok: boolean; text: string; failures: BulkResult[] } | null>(null);
  const [height, setHeight] = useState(() => listHeight());
  const lastLoad = useRef(0);
  const reloadTimer = useRef<ReturnType<typeof setTimeout> | null>(null);

  const load = () => {
    lastLoad.current = Date.now();
    platform.send('invoices.list', {}).then(
      (r) => {
        setItems(r.items);
        setLoadError(null);
      },
      (e: unknown) => setLoadError(errorText(e, t)),
    );
  };
  // Deliberate dependencies: load once; later loads follow the outbox revision
  useEffect(load, [platform]);
  useOutboxRevision(() => {
    if (reloadTimer.current) return;
    const wait = Math.max(0, lastLoad.current + RELOAD_MIN_MS - Date.now());
    reloadTimer.current = setTimeout(() => {
      reloadTimer.current = null;
      load();
    }, wait);
  });
  useEffect(() => {
    const onResize = () => setHeight(listHeight());
    addEventListener('resize', onResize);
    return () => {
      removeEventListener('resize', onResize);
      if (reloadTimer.current) clearTimeout(reloadTimer.current);
    };
  }, []);

  const keys = useMemo(() => (items ?? []).map(searchKey), [items]);
  const shown = useMemo(() => filterInvoices(items ?? [], keys, filter), [items, keys, filter]);
  const months = useMemo(() => monthsOf(items ?? []), [items]);
  const open = openId ? (items?.find((i) => i.invoiceId === openId) ?? null) : null;
  const selectedIds = (items ?? []).filter((i) => selected.has(i.invoiceId)).map((i) => i.invoiceId);
  const allShownSelected = shown.length > 0 && shown.every((i) => selected.has(i.invoiceId));

  const replace = (item: InvoiceView) =>
    setItems((cur) => (cur ? cur.map((i) => (i.invoiceId === item.invoiceId ? item : i)) : cur));

  const toggle = (id: string) =>
    setSelected((cur) => {
      const next = new Set(cur);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });

  const bulk = async (cmd: 'invoices.sendMany' | 'invoices.checkMany') => {
    setBusy(true);
    setBulkNote(null);
    try {
      const results = await bulkRun(platform.send, cmd, selectedIds);
      for (const r of results) if (r.item) replace(r.item);
      const failures = results.filter((r) => !r.ok);
      setBulkNote({
        ok: failures.length === 0,
        text: x('bulkDone', { ok: results.length - failures.length, failed: failures.length }),
        failures,
      });
    } catch (err) {
      setBulkNote({ ok: false, text: errorText(err, t), failures: [] });
    } finally {
      setBusy(false);
    }
  };

  const zip = async () => {
    setBusy(true);
    setBulkNote(null);
    try {
      const r = await upoZip(platform.send, selectedIds);
      if (!r.zip) setBulkNote({ ok: false, text: x('zipNone'), failures: [] });
      else {
        saveBlob(new Blob([r.zip as Uint8Array<ArrayBuffer>], { type: 'application/zip' }), 'UPO-KSeF.zip');
        setBulkNote({ ok: r.missing === 0, text: x('zipSome', { n: r.n, missing: r.missing }), failures: [] });
      }
    } finally {
      setBusy(false);
    }
  };

  const numberOf = (id: string) => items?.find((i) => i.invoiceId === id)?.number || id;

  return (
    <main class="invoices-page">
      <header class="invoices-head">
        <h1>{x('title')}</h1>
        <p class="text-muted">{x('intro')}</p>
      </header>
      <div class="invoices-filters">
        <SelectField<StateFilter>
          id="stateFilter"
          label={x('filterState')}
          value={filter.state}
          options={STATE_FILTERS.map((f) => ({ value: f, label: x(FILTER_LABEL[f]) }))}
          onChange={(state) => setFilter({ ...filter, state })}
        />
        <div class="form-group">
          <label for="invoiceSearch">{x('search')}</label>
          <input
            id="invoiceSearch"
            type="search"
            class="form-control"
            value={filter.query}
            placeholder={x('searchHint')}
            onInput={(e) => setFilter({ ...filter, query: (e.currentTarget as HTMLInputElement).value })}
          />
        </div>
        <SelectField<string>
          id="monthFilter"
          label={x('month')}
          value={filter.month}
          options={[
            { value: '', label: x('anyMonth') },
            ...months.map((m) => ({ value: m, label: monthLabel(m, lang) })),
          ]}
          onChange={(month) => setFilter({ ...filter, month })}
        />
      </div>
      {loadError && <Notice kind="danger">{loadError}</Notice>}
      {items === null ? (
        !loadError && <p>{t('loading')}</p>
      ) : (
        <>
          <div class="invoices-toolbar">
            <label class="checkbox-inline">
              <input
                type="checkbox"
                checked={allShownSelected}
                onChange={() => setSelected(allShownSelected ? new Set() : new Set(shown.map((i) => i.invoiceId)))}
              />{' '}
              {x('selectAll')}
            </label>
            <span data-testid="invoices-count">{x('count', { shown: shown.length, total: items.length })}</span>
            <span>{x('selected', { n: selectedIds.length })}</span>
            <button
              type="button"
              class="btn primary"
              disabled={busy || selectedIds.length === 0}
              onClick={() => void bulk('invoices.sendMany')}
            >
              {x('bulkSend', { n: selectedIds.length })}
            </button>
            <button
              type="button"
              class="btn"
              disabled={busy || selectedIds.length === 0}
              onClick={() => void bulk('invoices.checkMany')}
            >
              {x('bulkCheck', { n: selectedIds.length })}
            </button>
            <button type="button" class="btn" disabled={busy || selectedIds.length === 0} onClick={() => void zip()}>
              {x('bulkUpo')}
            </button>
          </div>
          {bulkNote && (
            <Notice kind={bulkNote.ok ? 'success' : 'warning'}>
              {bulkNote.text}
              {bulkNote.failures.length > 0 && (
                <ul class="bulk-failures">
                  {bulkNote.failures.map((f) => (
                    <li key={f.invoiceId}>
                      {x('bulkFailedItem', { number: numberOf(f.invoiceId), message: f.message ?? '' })}
                    </li>
                  ))}
                </ul>
              )}
            </Notice>
          )}
          <div class={`invoices-body${open ? ' with-details' : ''}`}>
            <div class="invoices-table">
              <div class="vrow vhead">
                <span class="c-check" />
                <span class="c-number">{x('colNumber')}</span>
                <span class="c-buyer">{x('colBuyer')}</span>
                <span class="c-date">{x('colDate')}</span>
                <span class="c-state">{x('colState')}</span>
                <span class="c-ksef">{x('colKsef')}</span>
              </div>
              {shown.length === 0 ? (
                <p class="text-muted invoices-empty">{items.length === 0 ? x('none') : x('empty')}</p>
              ) : (
                <VirtualList
                  items={shown}
                  height={height}
                  label={x('title')}
                  rowKey={(i) => i.invoiceId}
                  renderRow={(i) => (
                    <Row
                      item={i}
                      selected={selected.has(i.invoiceId)}
                      open={i.invoiceId === openId}
                      onToggle={() => toggle(i.invoiceId)}
                      onOpen={() => setOpenId(i.invoiceId)}
                    />
                  )}
                />
              )}
            </div>
            {open && <Details key={open.invoiceId} item={open} onClose={() => setOpenId(null)} onChanged={replace} />}
          </div>
        </>
      )}
    </main>
  );
}

function listHeight(): number {
  return Math.max(280, (globalThis.innerHeight || 800) - 300);
}
