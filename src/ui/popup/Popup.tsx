/** The toolbar popup: environment banner, pending / needing attention / recently accepted
 * invoices, "Sprawdź teraz", export progress; all from `popup.summary`, refreshed live. */
import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { dayText, warsawDay } from '../../core/warsaw';
import type { InvoiceView, Res } from '../../messaging';
import { deadlineStatus } from '../../time/deadlines';
import { CopyButton } from '../components/CopyButton';
import { EnvBanner } from '../components/EnvBanner';
import { ExportProgressView } from '../components/ExportProgressView';
import { errorText } from '../components/errors';
import { Notice } from '../components/fields';
import { formatAge, formatDateTime, stateLabel } from '../components/format';
import { SystemWarningNotice } from '../components/KsefNotices';
import { usePlatform } from '../components/platform';
import { RecordActions } from '../components/RecordActions';
import { useOutboxRevision } from '../components/use-revision';
import { PurchasesLink } from '../purchases/PurchasesLink';
import { useLang } from '../use-lang';

type Summary = Res<'popup.summary'>;

export function Popup() {
  const platform = usePlatform();
  const { t } = useLang();
  const [summary, setSummary] = useState<Summary | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [pollMsg, setPollMsg] = useState<{ ok: boolean; text: string } | null>(null);
  const [polling, setPolling] = useState(false);

  const load = () =>
    platform.send('popup.summary', {}).then(
      (s) => {
        setSummary(s);
        setError(null);
      },
      (e: unknown) => setError(errorText(e, t)),
    );
  // Deliberate dependencies: load once; later loads follow the outbox revision
  useEffect(() => void load(), [platform]);
  useOutboxRevision(() => void load());

  const pollNow = async () => {
    setPolling(true);
    setPollMsg(null);
    try {
      const r = await platform.send('poll.now', {});
      setPollMsg({ ok: true, text: t('polled', { n: r.checked }) });
      await load();
    } catch (err) {
      setPollMsg({ ok: false, text: errorText(err, t) });
    } finally {
      setPolling(false);
    }
  };

  const optionsButton = (
    <button type="button" class="btn" onClick={() => platform.openOptions()}>
      {t('openOptions')}
    </button>
  );

  if (!summary)
    return (
      <main class="popup">
        <h1>{t('appName')}</h1>
        {error ? (
          <>
            <p data-testid="popup-state">{t('summaryFailed', { message: error })}</p>
            {optionsButton}
          </>
        ) : (
          <p data-testid="popup-state">{t('loading')}</p>
        )}
      </main>
    );

  return (
    <main class="popup">
      <h1>{t('appName')}</h1>
      <EnvBanner env={summary.env} />
      <SystemWarningNotice />
      {!summary.configured ? (
        <>
          <p data-testid="popup-state">{t('popupNotConfigured')}</p>
          {optionsButton}
        </>
      ) : (
        <>
          <p data-testid="popup-state">
            {summary.pending.length === 0 && summary.attention.length === 0
              ? t('popupOk')
              : t('popupCounts', { pending: summary.pending.length, attention: summary.attention.length })}
          </p>
          {summary.warnings.map((w) => (
            <Notice key={w} kind="warning">
              {w}
            </Notice>
          ))}
          {error && <Notice kind="danger">{error}</Notice>}

          <section aria-labelledby="popup-attention" data-testid="popup-attention">
            <h2 id="popup-attention">{t('popupAttention')}</h2>
            <InvoiceList
              items={summary.attention}
              render={(i) => <AttentionLine item={i} onChanged={() => void load()} />}
            />
          </section>
          <section aria-labelledby="popup-pending" data-testid="popup-pending">
            <h2 id="popup-pending">{t('popupPending')}</h2>
            <InvoiceList
              items={summary.pending}
              render={(i) => <PendingLine item={i} onChanged={() => void load()} />}
            />
          </section>
          <section aria-labelledby="popup-accepted" data-testid="popup-accepted">
            <h2 id="popup-accepted">{t('popupAccepted')}</h2>
            <InvoiceList items={summary.accepted} render={(i) => <AcceptedLine item={i} />} />
          </section>

          {summary.export && summary.export.state !== 'idle' && <ExportProgressView progress={summary.export} />}

          <div class="popup-actions">
            <button type="button" class="btn primary" disabled={polling} onClick={() => void pollNow()}>
              {t('pollNow')}
            </button>
            <a class="btn btn-link" href="invoices.html" target="_blank" rel="noopener">
              {t('invoicesLink')}
            </a>
            <button type="button" class="btn btn-link" onClick={() => platform.openOptions()}>
              {t('settingsLink')}
            </button>
            <PurchasesLink />
          </div>
          {pollMsg && <Notice kind={pollMsg.ok ? 'success' : 'danger'}>{pollMsg.text}</Notice>}
        </>
      )}
    </main>
  );
}

function InvoiceList(p: { items: InvoiceView[]; render: (i: InvoiceView) => ComponentChildren }) {
  const { t } = useLang();
  if (p.items.length === 0) return <p class="text-muted">{t('popupNone')}</p>;
  return (
    <ul class="invoice-list">
      {p.items.map((i) => (
        <li key={i.invoiceId} data-invoice-id={i.invoiceId}>
          {p.render(i)}
        </li>
      ))}
    </ul>
  );
}

function Head(p: { item: InvoiceView }) {
  const { t } = useLang();
  return (
    <>
      <strong>{p.item.number || t('invoiceById', { id: p.item.invoiceId })}</strong>
      {p.item.buyerName && <span class="text-muted"> · {p.item.buyerName}</span>}
      {p.item.offline && <span class="label label-offline">{t('offline')}</span>}
    </>
  );
}

/** "Wyślij do …" for an invoice not yet in KSeF whose issue day is over (offline deadline). */
function SendBy(p: { item: InvoiceView }) {
  const platform = usePlatform();
  const { lang, t } = useLang();
  const { sendBy, issueDate } = p.item;
  const today = warsawDay(platform.now());
  if (!sendBy || !issueDate || issueDate >= today) return null;
  const status = deadlineStatus(sendBy, today);
  const date = dayText(sendBy, lang);
  const key = status === 'overdue' ? 'sendByOverdue' : status === 'today' ? 'sendByToday' : 'sendBy';
  return (
    <div class={`line-detail ${status === 'ahead' ? 'text-muted' : 'text-danger'}`} data-testid="send-by">
      {t(key, { date })}
    </div>
  );
}

function PendingLine(p: { item: InvoiceView; onChanged: () => void }) {
  const platform = usePlatform();
  const { t } = useLang();
  return (
    <>
      <Head item={p.item} />
      <div class="line-detail">
        {stateLabel(p.item.state, t)} {formatAge(p.item.since ?? p.item.updatedAt, platform.now(), t)}
        {p.item.waiting && <span data-testid="waiting"> · {p.item.waiting}</span>}
      </div>
      <SendBy item={p.item} />
      <RecordActions item={p.item} onChanged={p.onChanged} />
    </>
  );
}

function AttentionLine(p: { item: InvoiceView; onChanged: () => void }) {
  const { t } = useLang();
  const i = p.item;
  return (
    <>
      <Head item={i} />
      <span class={`label label-${i.state === 'rejected' ? 'danger' : 'warning'}`}>{stateLabel(i.state, t)}</span>
      {i.reason && <div class="line-detail text-danger">{i.reason}</div>}
      <SendBy item={i} />
      {i.offlineWithoutCertificate && <div class="line-detail text-warning">{t('offlineNoCert')}</div>}
      {i.ksefStatus && (
        <div class="line-detail text-muted">
          {i.ksefStatus.code} {i.ksefStatus.description}
        </div>
      )}
      {i.ksefStatus?.details?.map((d) => (
        <div key={d} class="line-detail text-muted" data-testid="ksef-detail">
          {d}
        </div>
      ))}
      <RecordActions item={i} onChanged={p.onChanged} />
    </>
  );
}

function AcceptedLine(p: { item: InvoiceView }) {
  const platform = usePlatform();
  const { lang, t } = useLang();
  const i = p.item;
  return (
    <>
      <Head item={i} />
      {i.ksefNumber && (
        <div class="line-detail">
          <code class="ksef-number">{i.ksefNumber}</code> <CopyButton text={i.ksefNumber} />{' '}
          <button
            type="button"
            class="btn btn-xs"
            aria-label={t('openPrintLabel', { number: i.number })}
            onClick={() => void platform.send('invoice.openPrint', { invoiceId: i.invoiceId }).catch(() => undefined)}
          >
            {t('openPrint')}
          </button>
        </div>
      )}
      {i.processedAt && <div class="line-detail text-muted">{formatDateTime(i.processedAt, lang)}</div>}
    </>
  );
}
