/**
 * The received-invoice table, windowed: only the rows in view (and a few around) are in the DOM,
 * absolutely placed in a spacer as tall as all rows, so 10,000 rows scroll within a frame
 * (`npm run bench -- purchase`). Rows have one fixed height; the header stays put.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { Lang } from '../../messaging';
import type { SortKey } from '../../purchase/list';
import type { PurchaseRecord } from '../../purchase/types';
import { formatMoney } from './format';
import type { PTranslate, PurchaseKey } from './i18n';

export const ROW_HEIGHT = 32;
const OVERSCAN = 8;

const COLUMNS: { key: SortKey | 'sellerNip' | 'currency'; label: PurchaseKey; num?: boolean }[] = [
  { key: 'issueDate', label: 'colDate' },
  { key: 'sellerName', label: 'colSupplier' },
  { key: 'sellerNip', label: 'colNip' },
  { key: 'invoiceNumber', label: 'colNumber' },
  { key: 'ksefNumber', label: 'colKsef' },
  { key: 'net', label: 'colNet', num: true },
  { key: 'vat', label: 'colVat', num: true },
  { key: 'gross', label: 'colGross', num: true },
  { key: 'currency', label: 'colCurrency' },
];

export interface TableProps {
  rows: PurchaseRecord[];
  lang: Lang;
  t: PTranslate;
  sort: SortKey;
  desc: boolean;
  onSort: (key: SortKey) => void;
  onOpen: (row: PurchaseRecord) => void;
  /** Rows stored after this time (ms) are marked new. */
  newAfter: number;
}

export function PurchaseTable(p: TableProps) {
  const box = useRef<HTMLDivElement>(null);
  const [top, setTop] = useState(0);
  const [height, setHeight] = useState(600);
  const frame = useRef(0);

  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const measure = () => setHeight(el.clientHeight || 600);
    measure();
    const ro = typeof ResizeObserver === 'function' ? new ResizeObserver(measure) : undefined;
    ro?.observe(el);
    return () => ro?.disconnect();
  }, []);

  const onScroll = () => {
    if (frame.current) return;
    frame.current = requestAnimationFrame(() => {
      frame.current = 0;
      setTop(box.current?.scrollTop ?? 0);
    });
  };

  const first = Math.max(0, Math.floor(top / ROW_HEIGHT) - OVERSCAN);
  const last = Math.min(p.rows.length, Math.ceil((top + height) / ROW_HEIGHT) + OVERSCAN);
  const visible = p.rows.slice(first, last);
  const pool = Math.ceil(height / ROW_HEIGHT) + 2 * OVERSCAN + 2;

  return (
    <div class="ptable-body" ref={box} onScroll={onScroll} data-testid="purchase-scroll">
      <table class="ptable" aria-rowcount={p.rows.length + 1} data-testid="purchase-table">
        <thead>
          <tr class="ptable-row ptable-head">
            {COLUMNS.map((c) => {
              const sortable = c.key !== 'sellerNip' && c.key !== 'currency';
              const active = p.sort === c.key;
              return (
                <th
                  key={c.key}
                  scope="col"
                  class={c.num ? 'num' : ''}
                  aria-sort={active ? (p.desc ? 'descending' : 'ascending') : undefined}
                >
                  {sortable ? (
                    <button type="button" class="btn-link" onClick={() => p.onSort(c.key as SortKey)}>
                      {p.t(c.label)}
                      {active ? (p.desc ? ' ▼' : ' ▲') : ''}
                    </button>
                  ) : (
                    p.t(c.label)
                  )}
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody style={{ height: `${p.rows.length * ROW_HEIGHT}px` }}>
          {visible.map((r, i) => (
            <tr
              // A row keeps its element while it stays in view; one leaving hands its element to one
              // coming in (key = position modulo the window), so scrolling updates a few rows' text.
              key={(first + i) % pool}
              aria-rowindex={first + i + 2}
              class={`ptable-row${r.syncedAt > p.newAfter ? ' is-new' : ''}`}
              style={{ transform: `translateY(${(first + i) * ROW_HEIGHT}px)` }}
              data-ksef={r.ksefNumber}
            >
              <td>{r.issueDate}</td>
              <td class="ellipsis" title={r.sellerName}>
                {r.syncedAt > p.newAfter && <span class="label label-new">{p.t('newBadge')}</span>} {r.sellerName}
              </td>
              <td>{r.sellerNip}</td>
              <td class="ellipsis" title={r.invoiceNumber}>
                <a
                  href={`#ksef=${r.ksefNumber}`}
                  onClick={(e) => {
                    e.preventDefault();
                    p.onOpen(r);
                  }}
                >
                  {r.invoiceNumber}
                </a>
              </td>
              <td class="ellipsis mono">{r.ksefNumber}</td>
              <td class="num">{formatMoney(r.net, p.lang)}</td>
              <td class="num">{formatMoney(r.vat, p.lang)}</td>
              <td class="num">{formatMoney(r.gross, p.lang)}</td>
              <td>{r.currency}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
