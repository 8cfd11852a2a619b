/** One invoice on the "Faktury w KSeF" page: KSeF's whole answer, and what can be done with it. */
import { useState } from 'preact/hooks';
import { invoicesText } from '../../i18n/invoices';
import type { InvoiceView } from '../../messaging';
import { errorText } from '../components/errors';
import { Notice, TextField } from '../components/fields';
import { formatDateTime } from '../components/format';
import { usePlatform } from '../components/platform';
import { useLang } from '../use-lang';
import { saveXml } from './files';
import { StateCell } from './StateCell';

export function Details(p: { item: InvoiceView; onClose: () => void; onChanged: (item: InvoiceView) => void }) {
  const platform = usePlatform();
  const { lang, t } = useLang();
  const x = invoicesText(lang);
  const i = p.item;
  const [busy, setBusy] = useState(false);
  const [note, setNote] = useState<{ ok: boolean; text: string } | null>(null);
  const [skipOpen, setSkipOpen] = useState(false);
  const [reason, setReason] = useState('');

  const run = async (action: () => Promise<InvoiceView | undefined>) => {
    setBusy(true);
    setNote(null);
    try {
      const item = await action();
      if (item) p.onChanged(item);
      setNote({ ok: true, text: x('done') });
    } catch (err) {
      setNote({ ok: false, text: errorText(err, t) });
    } finally {
      setBusy(false);
    }
  };

  const download = (kind: 'upo' | 'xml') =>
    run(async () => {
      const f = await platform.send('invoice.file', { invoiceId: i.invoiceId, kind });
      saveXml(f.text, f.fileName);
      return undefined;
    });

  const canSend = !i.blocked && i.state !== 'sending' && i.state !== 'processing';
  const canCheck = i.state === 'processing' || i.state === 'queued' || (i.state === 'accepted' && !i.hasUpo);
  const canPrint = i.state !== undefined && !i.skipped;
  const canSkip = !i.skipped && i.state !== 'accepted' && i.state !== 'processing' && i.state !== 'sending';

  return (
    <aside class="invoice-details" aria-label={x('details', { number: i.number || i.invoiceId })}>
      <header class="details-head">
        <h2>{i.number || i.invoiceId}</h2>
        <button type="button" class="btn btn-xs" onClick={p.onClose}>
          {x('close')}
        </button>
      </header>
      <p>
        <StateCell item={i} />
      </p>
      <dl class="details-list">
        {i.buyerName && (
          <>
            <dt>{x('colBuyer')}</dt>
            <dd>{i.buyerName}</dd>
          </>
        )}
        {i.buyerNip && (
          <>
            <dt>{x('buyerNip')}</dt>
            <dd>{i.buyerNip}</dd>
          </>
        )}
        {i.issueDate && (
          <>
            <dt>{x('issueDate')}</dt>
            <dd>{i.issueDate}</dd>
          </>
        )}
        {i.totalGross && (
          <>
            <dt>{x('total')}</dt>
            <dd>
              {i.totalGross} {i.currency}
            </dd>
          </>
        )}
        {i.ksefNumber && (
          <>
            <dt>{x('ksefNumber')}</dt>
            <dd>
              <code class="ksef-number">{i.ksefNumber}</code>
            </dd>
          </>
        )}
        {i.processedAt && (
          <>
            <dt>{x('processedAt')}</dt>
            <dd>{formatDateTime(i.processedAt, lang)}</dd>
          </>
        )}
      </dl>
      {i.skipped && (
        <Notice kind="info">
          {x('skippedBecause', { date: formatDateTime(i.skipped.at, lang), reason: i.skipped.reason })}
        </Notice>
      )}
      {i.reason && (
        <div data-testid="details-reason">
          <h3>{x('reason')}</h3>
          <p class="text-danger">{i.reason}</p>
        </div>
      )}
      {i.ksefStatus && (
        <div data-testid="details-ksef">
          <h3>{x('ksefStatus')}</h3>
          <p>
            {i.ksefStatus.code} {i.ksefStatus.description}
          </p>
          {i.ksefStatus.details && i.ksefStatus.details.length > 0 && (
            <>
              <h4>{x('ksefDetails')}</h4>
              <ul class="ksef-details">
                {i.ksefStatus.details.map((d) => (
                  <li key={d}>{d}</li>
                ))}
              </ul>
            </>
          )}
        </div>
      )}
      <div class="details-actions">
        {canSend && (
          <button
            type="button"
            class="btn primary"
            disabled={busy}
            onClick={() =>
              void run(async () => (await platform.send('invoice.resend', { invoiceId: i.invoiceId })).item)
            }
          >
            {i.state ? x('resend') : x('send')}
          </button>
        )}
        {canCheck && (
          <button
            type="button"
            class="btn"
            disabled={busy}
            onClick={() =>
              void run(async () => (await platform.send('invoice.check', { invoiceId: i.invoiceId })).item)
            }
          >
            {x('checkNow')}
          </button>
        )}
        {i.hasUpo && (
          <button type="button" class="btn" disabled={busy} onClick={() => void download('upo')}>
            {x('downloadUpo')}
          </button>
        )}
        {i.hasXml && (
          <button type="button" class="btn" disabled={busy} onClick={() => void download('xml')}>
            {x('downloadXml')}
          </button>
        )}
        {canPrint && (
          <button
            type="button"
            class="btn"
            disabled={busy}
            onClick={() =>
              void run(async () => {
                await platform.send('invoice.openPrint', { invoiceId: i.invoiceId });
                return undefined;
              })
            }
          >
            {x('print')}
          </button>
        )}
        {i.skipped ? (
          <button
            type="button"
            class="btn"
            disabled={busy}
            onClick={() =>
              void run(async () => (await platform.send('invoice.unskip', { invoiceId: i.invoiceId })).item)
            }
          >
            {x('unskip')}
          </button>
        ) : (
          canSkip && (
            <button type="button" class="btn" disabled={busy} onClick={() => setSkipOpen(!skipOpen)}>
              {x('skip')}
            </button>
          )
        )}
      </div>
      {skipOpen && !i.skipped && (
        <form
          class="skip-form"
          onSubmit={(e) => {
            e.preventDefault();
            void run(async () => {
              const r = await platform.send('invoice.skip', { invoiceId: i.invoiceId, reason, number: i.number });
              setSkipOpen(false);
              setReason('');
              return r.item;
            });
          }}
        >
          <TextField
            id="skipReason"
            label={x('skipReason')}
            value={reason}
            onInput={setReason}
            hint={x('skipReasonHint')}
            maxLength={200}
          />
          <button type="submit" class="btn primary" disabled={busy}>
            {x('skipConfirm')}
          </button>
        </form>
      )}
      {note && <Notice kind={note.ok ? 'success' : 'danger'}>{note.text}</Notice>}
    </aside>
  );
}
