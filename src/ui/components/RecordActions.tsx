/**
 * Per-invoice control in the lists: "Sprawdź teraz" (ask KSeF now) and "Oznacz jako niewysłaną",
 * which is offered only when KSeF's session list confirmed the invoice is not registered, and
 * asks for a confirmation first.
 */
import { useState } from 'preact/hooks';
import type { InvoiceView } from '../../messaging';
import { useLang } from '../use-lang';
import { errorText } from './errors';
import { Notice } from './fields';
import { stateLabel } from './format';
import { usePlatform } from './platform';

export function RecordActions(p: { item: InvoiceView; onChanged?: () => void }) {
  const platform = usePlatform();
  const { t } = useLang();
  const i = p.item;
  const [busy, setBusy] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [msg, setMsg] = useState<{ ok: boolean; text: string } | null>(null);
  if (!i.canCheck && !i.canMarkUnsent) return null;

  const run = async (cmd: 'invoice.check' | 'invoice.markUnsent') => {
    setBusy(true);
    setMsg(null);
    try {
      const r = await platform.send(cmd, { invoiceId: i.invoiceId });
      setMsg({ ok: true, text: t('checkedNow', { number: i.number, state: stateLabel(r.item.state, t) }) });
      p.onChanged?.();
    } catch (err) {
      setMsg({ ok: false, text: errorText(err, t) });
    } finally {
      setBusy(false);
      setConfirming(false);
    }
  };

  return (
    <div class="line-actions" data-testid="record-actions">
      {i.canCheck && (
        <button
          type="button"
          class="btn btn-xs"
          disabled={busy}
          aria-label={t('checkInvoiceLabel', { number: i.number })}
          data-testid="check-invoice"
          onClick={() => void run('invoice.check')}
        >
          {t('checkInvoice')}
        </button>
      )}
      {i.canMarkUnsent && !confirming && (
        <button
          type="button"
          class="btn btn-xs"
          disabled={busy}
          data-testid="mark-unsent"
          onClick={() => setConfirming(true)}
        >
          {t('markUnsent')}
        </button>
      )}
      {confirming && (
        <div class="confirm" role="alertdialog" data-testid="mark-unsent-confirm">
          <p>{t('markUnsentConfirm', { number: i.number })}</p>
          <button
            type="button"
            class="btn btn-xs danger"
            disabled={busy}
            data-testid="mark-unsent-yes"
            onClick={() => void run('invoice.markUnsent')}
          >
            {t('markUnsentYes')}
          </button>{' '}
          <button type="button" class="btn btn-xs" onClick={() => setConfirming(false)}>
            {t('confirmCancel')}
          </button>
        </div>
      )}
      {msg && <Notice kind={msg.ok ? 'success' : 'danger'}>{msg.text}</Notice>}
    </div>
  );
}
