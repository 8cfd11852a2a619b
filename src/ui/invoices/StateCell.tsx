import { invoicesText } from '../../i18n/invoices';
import type { InvoiceView } from '../../messaging';
import { stateLabel } from '../components/format';
import { useLang } from '../use-lang';

/** The state of an invoice in words, with the offline and skip marks. */
export function StateCell(p: { item: InvoiceView }) {
  const { lang, t } = useLang();
  const x = invoicesText(lang);
  const i = p.item;
  const kind =
    i.state === 'rejected'
      ? 'label-danger'
      : i.state === 'needs-attention'
        ? 'label-warning'
        : i.state === 'accepted'
          ? 'label-success'
          : '';
  return (
    <span class="state-cell">
      {i.skipped ? (
        <span class="label label-muted">{x('stateSkipped')}</span>
      ) : (
        <span class={`label ${kind}`}>{i.state ? stateLabel(i.state, t) : x('notSent')}</span>
      )}
      {i.offline && <span class="label label-offline">{t('offline')}</span>}
      {i.waiting && !i.skipped && <span class="text-muted"> {i.waiting}</span>}
    </span>
  );
}
