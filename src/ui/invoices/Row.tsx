import { invoicesText } from '../../i18n/invoices';
import type { InvoiceView } from '../../messaging';
import { useLang } from '../use-lang';
import { StateCell } from './StateCell';

/** One row of the windowed list: a tick box, the number (opens the details), buyer, date, state, KSeF number. */
export function Row(p: {
  item: InvoiceView;
  selected: boolean;
  open: boolean;
  onToggle: () => void;
  onOpen: () => void;
}) {
  const { lang } = useLang();
  const x = invoicesText(lang);
  const i = p.item;
  return (
    <>
      <span class="c-check">
        <input
          type="checkbox"
          checked={p.selected}
          aria-label={x('selectRow', { number: i.number || i.invoiceId })}
          onChange={p.onToggle}
        />
      </span>
      <span class="c-number">
        <button type="button" class={`btn-link row-open${p.open ? ' is-open' : ''}`} onClick={p.onOpen}>
          {i.number || i.invoiceId}
        </button>
      </span>
      <span class="c-buyer" title={i.buyerName}>
        {i.buyerName}
        {i.buyerNip && <span class="text-muted"> · {i.buyerNip}</span>}
      </span>
      <span class="c-date">{i.issueDate}</span>
      <span class="c-state" title={i.reason}>
        <StateCell item={i} />
      </span>
      <span class="c-ksef">{i.ksefNumber && <code class="ksef-number">{i.ksefNumber}</code>}</span>
    </>
  );
}
