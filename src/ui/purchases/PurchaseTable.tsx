/**
 * The received-invoice table, windowed: only the rows in view (and a few around) are in the DOM, so
 * 10,000 rows scroll within a frame (`npm run bench -- purchase`, test/bench/RESULTS.md). The table is
 * as tall as all rows; the window's rows sit in normal flow inside the tbody, and the tbody alone is
 * moved with one CSS transform to where the window starts. A scroll frame therefore changes one
 * transform and adds or drops the rows entering or leaving the window; the rows that stay are not
 * re-rendered (memoised) nor re-placed. Rows have one fixed height; the header stays put (sticky).
 */
import { Component } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { PTranslate, PurchaseKey } from '../../i18n/purchases';
import type { Lang } from '../../messaging';
import type { SortKey } from '../../purchase/list';
import type { PurchaseRecord } from '../../purchase/types';
import { formatMoney } from './format';

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

  return (
    <div class="ptable-body" ref={box} onScroll={onScroll} data-testid="purchase-scroll">
      <table
        class="ptable"
        aria-rowcount={p.rows.length + 1}
        data-testid="purchase-table"
        // The header row plus every row: the scroll range, fixed while the window moves.
        style={{ height: `${(p.rows.length + 1) * ROW_HEIGHT}px` }}
      >
        <Head sort={p.sort} desc={p.desc} onSort={p.onSort} t={p.t} />
        <tbody style={{ transform: `translateY(${first * ROW_HEIGHT}px)` }} data-first={first}>
          {visible.map((r, i) => (
            // Keyed by position in the whole list: a row staying in the window keeps its element.
            <Row
              key={first + i}
              r={r}
              index={first + i}
              isNew={r.syncedAt > p.newAfter}
              lang={p.lang}
              t={p.t}
              onOpen={p.onOpen}
            />
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Re-renders only when a prop changed (what `memo` of preact/compat does, without pulling compat in). */
abstract class Pure<P extends object> extends Component<P> {
  override shouldComponentUpdate(next: P): boolean {
    const prev = this.props as Record<string, unknown>;
    return Object.entries(next).some(([k, v]) => prev[k] !== v);
  }
}

type HeadProps = Pick<TableProps, 'sort' | 'desc' | 'onSort' | 't'>;

class Head extends Pure<HeadProps> {
  override render(p: HeadProps) {
    return (
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
    );
  }
}

interface RowProps {
  r: PurchaseRecord;
  index: number;
  isNew: boolean;
  lang: Lang;
  t: PTranslate;
  onOpen: (row: PurchaseRecord) => void;
}

class Row extends Pure<RowProps> {
  override render({ r, index, isNew, lang, t, onOpen }: RowProps) {
    return (
      <tr aria-rowindex={index + 2} class={`ptable-row${isNew ? ' is-new' : ''}`} data-ksef={r.ksefNumber}>
        <td>{r.issueDate}</td>
        <td class="ellipsis" title={r.sellerName}>
          {isNew && <span class="label label-new">{t('newBadge')}</span>} {r.sellerName}
        </td>
        <td>{r.sellerNip}</td>
        <td class="ellipsis" title={r.invoiceNumber}>
          <a
            href={`#ksef=${r.ksefNumber}`}
            onClick={(e) => {
              e.preventDefault();
              onOpen(r);
            }}
          >
            {r.invoiceNumber}
          </a>
        </td>
        <td class="ellipsis mono">{r.ksefNumber}</td>
        <td class="num">{formatMoney(r.net, lang)}</td>
        <td class="num">{formatMoney(r.vat, lang)}</td>
        <td class="num">{formatMoney(r.gross, lang)}</td>
        <td>{r.currency}</td>
      </tr>
    );
  }
}
