/**
 * Offline deadlines in the worker: a notification once on the day invoices must reach KSeF (checked
 * with every hourly wake). The toolbar badge counts the overdue ones itself (notify.ts).
 */

import { warsawDay } from '../core/warsaw';
import { scanDeadlines } from '../pipeline/deadline-scan';
import { browser } from '../platform/browser';
import type { Services } from './services';

const NOTIFIED_KEY = 'deadlineNotified';

/** Notifies once a day when some invoices have their last day to be sent today. */
export async function notifyDeadlinesDue(svc: Services): Promise<void> {
  const today = warsawDay(Date.now());
  const got = await browser.storage.local.get(NOTIFIED_KEY);
  if (got[NOTIFIED_KEY] === today) return;
  const scan = await scanDeadlines(await svc.outbox(), await svc.settings(), today);
  if (scan.dueToday.length === 0) return;
  const t = await svc.t();
  const shown = scan.dueToday.slice(0, 5).join(', ') + (scan.dueToday.length > 5 ? ', …' : '');
  await browser.notifications.create('ksef-deadline', {
    type: 'basic',
    iconUrl: browser.runtime.getURL('/icon/128.png'),
    title: t('notifDeadlineTitle', { n: scan.dueToday.length }),
    message: t('notifDeadlineBody', { numbers: shown }),
  });
  await browser.storage.local.set({ [NOTIFIED_KEY]: today });
}
