/**
 * Reactions to outbox changes: the revision counter that makes open panels and pages refresh
 * (badges update live), the toolbar badge with the number of invoices that need the
 * user, and notifications for rejections and a finished export.
 */
import { warsawDay } from '../core/warsaw';
import { OUTBOX_REVISION_KEY } from '../messaging';
import type { OutboxRecord } from '../outbox';
import { badgeCount } from '../pipeline/deadline-scan';
import { browser } from '../platform/browser';
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

/** The badge counts what the popup asks the user to deal with, in the same context (deadline-scan.ts). */
export async function refreshActionBadge(svc: Services | undefined): Promise<void> {
  if (!svc) return;
  const [store, settings] = await Promise.all([svc.outbox(), svc.settings()]);
  const problems = await badgeCount(store, settings, warsawDay(Date.now()));
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
