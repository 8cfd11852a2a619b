/**
 * Reactions to outbox changes: the revision counter that makes open panels and pages refresh
 * (badges update live), the toolbar badge with the number of invoices that need the
 * user, and notifications for rejections and a finished export.
 */
import { OUTBOX_REVISION_KEY } from '../messaging';
import type { OutboxRecord } from '../outbox';
import { browser } from '../platform/browser';
import { overdueCount } from './deadline-notify';
import type { Services } from './services';

let bumpQueued = false;

/** Bumps the revision once per burst of changes (an export changes hundreds of records). */
export function bumpRevision(): void {
  if (bumpQueued) return;
  bumpQueued = true;
  setTimeout(() => {
    bumpQueued = false;
    void browser.storage.local.set({ [OUTBOX_REVISION_KEY]: Date.now() });
    void refreshActionBadge(lastServices);
  }, 50);
}

let lastServices: Services | undefined;

/** Queued invoices past their offline deadline (rejected and needs-attention are counted already). */
async function overdueQueued(svc: Services): Promise<number> {
  return overdueCount(svc, ['queued']).catch(() => 0);
}

async function refreshActionBadge(svc: Services | undefined): Promise<void> {
  if (!svc) return;
  const store = await svc.outbox();
  const problems =
    (await store.byState('rejected')).length +
    (await store.byState('needs-attention')).length +
    (await overdueQueued(svc));
  await browser.action.setBadgeText({ text: problems ? String(problems) : '' });
  if (problems) await browser.action.setBadgeBackgroundColor({ color: '#d7141a' });
}

export function watchOutbox(svc: Services): void {
  lastServices = svc;
  void svc.outbox().then((store) =>
    store.onChange((rec: OutboxRecord, prev: OutboxRecord | undefined) => {
      bumpRevision();
      if (rec.state === 'rejected' && prev?.state !== 'rejected') void notifyRejected(svc, rec);
    }),
  );
}

async function notifyRejected(svc: Services, rec: OutboxRecord): Promise<void> {
  const t = await svc.t();
  await browser.notifications.create(`ksef-rejected-${rec.invoiceId}`, {
    type: 'basic',
    iconUrl: browser.runtime.getURL('/icon/128.png'),
    title: t('notifRejectedTitle', { number: rec.number || rec.invoiceId }),
    message: rec.reason ?? rec.ksefStatus?.description ?? '',
  });
}

const EXPORT_NOTIFIED_KEY = 'exportNotified';

/** Notifies once per finished export run. */
export async function notifyExportIfDone(svc: Services): Promise<void> {
  const p = await (await svc.pipeline()).exportProgress();
  if (!p || (p.state !== 'done' && p.state !== 'failed')) return;
  const stamp = `${p.month}|${p.state}|${p.sent}|${p.accepted}|${p.rejected}|${p.failed}`;
  const got = await browser.storage.local.get(EXPORT_NOTIFIED_KEY);
  if (got[EXPORT_NOTIFIED_KEY] === stamp) return;
  await browser.storage.local.set({ [EXPORT_NOTIFIED_KEY]: stamp });
  const t = await svc.t();
  await browser.notifications.create('ksef-export', {
    type: 'basic',
    iconUrl: browser.runtime.getURL('/icon/128.png'),
    title: t('notifExportTitle'),
    message: t('notifExportBody', { month: p.month, accepted: p.accepted, rejected: p.rejected, failed: p.failed }),
  });
}
