/**
 * KSeF's own notices for the chosen environment: the latest `X-System-Warning` (planned maintenance,
 * coming changes) with the time it first came, dismissable; and KSeF's current limits (Pomoc tab).
 * Both come from `ksef.notices`; a page that cannot reach the worker simply shows nothing here.
 */
import { useEffect, useState } from 'preact/hooks';
import type { MessageKey } from '../../i18n/pages';
import { splitSystemWarning } from '../../ksef/system-warning';
import type { Res } from '../../messaging';
import { useLang } from '../use-lang';
import { formatDateTime } from './format';
import { usePlatform } from './platform';
import { useOutboxRevision } from './use-revision';

type Notices = Res<'ksef.notices'>;

function useNotices(): [Notices | null, () => void] {
  const platform = usePlatform();
  const [n, setN] = useState<Notices | null>(null);
  const load = () => void platform.send('ksef.notices', {}).then(setN, () => setN(null));
  // Deliberate dependencies: loaded once; again whenever the outbox changes (a send may bring a warning)
  useEffect(load, [platform]);
  useOutboxRevision(load);
  return [n, load];
}

export function SystemWarningNotice() {
  const platform = usePlatform();
  const { lang, t } = useLang();
  const [n, reload] = useNotices();
  const w = n?.warning;
  if (!w) return null;
  const dismiss = () => void platform.send('ksef.dismissWarning', { at: w.at }).then(reload, reload);
  return (
    <div class="alert alert-warning system-warning" role="status" data-testid="ksef-system-warning">
      <strong>{t('systemWarningTitle', { time: formatDateTime(w.at, lang) })}</strong>
      <ul>
        {splitSystemWarning(w.text).map((m) => (
          <li key={m.code + m.message}>
            {m.code && <code>{m.code}</code>} {m.message}
          </li>
        ))}
      </ul>
      <button type="button" class="btn btn-xs" onClick={dismiss}>
        {t('systemWarningDismiss')}
      </button>
    </div>
  );
}

const GROUP_LABEL: Record<string, MessageKey> = {
  onlineSession: 'limitOnlineSession',
  batchSession: 'limitBatchSession',
  invoiceSend: 'limitInvoiceSend',
  invoiceStatus: 'limitInvoiceStatus',
  sessionList: 'limitSessionList',
  sessionInvoiceList: 'limitSessionInvoiceList',
  sessionMisc: 'limitSessionMisc',
  invoiceMetadata: 'limitInvoiceMetadata',
  invoiceExport: 'limitInvoiceExport',
  invoiceExportStatus: 'limitInvoiceExportStatus',
  invoiceDownload: 'limitInvoiceDownload',
  other: 'limitOther',
};

export function LiveLimitsSection() {
  const { lang, t } = useLang();
  const [n] = useNotices();
  const l = n?.limits;
  return (
    <section class="help live-limits" data-testid="ksef-limits">
      <h2>{t('limitsTitle')}</h2>
      {!l ? (
        <p>{t('limitsNone')}</p>
      ) : (
        <>
          <p>{t('limitsRead', { time: formatDateTime(l.fetchedAt, lang), env: l.env.toUpperCase() })}</p>
          <table class="table table-condensed">
            <thead>
              <tr>
                <th scope="col">{t('limitsGroup')}</th>
                <th scope="col">{t('limitsPerSecond')}</th>
                <th scope="col">{t('limitsPerMinute')}</th>
                <th scope="col">{t('limitsPerHour')}</th>
              </tr>
            </thead>
            <tbody>
              {Object.entries(l.rates).map(([g, r]) => (
                <tr key={g}>
                  <th scope="row">{GROUP_LABEL[g] ? t(GROUP_LABEL[g]) : g}</th>
                  <td>{r.perSecond}</td>
                  <td>{r.perMinute}</td>
                  <td>{r.perHour}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {l.context?.onlineSession && (
            <p>
              {t('limitsSize', {
                size: l.context.onlineSession.maxInvoiceSizeInMB,
                withAttachment: l.context.onlineSession.maxInvoiceWithAttachmentSizeInMB,
                count: l.context.onlineSession.maxInvoices,
              })}
            </p>
          )}
        </>
      )}
    </section>
  );
}
