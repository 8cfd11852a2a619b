/**
 * The worker's wiring: listeners are registered synchronously when the worker starts (an MV3
 * worker woken by an event must have its listener in place before the first await), and
 * handlers do the async work (docs/architecture.md practice 1).
 */

import { workerTexts } from '../i18n/worker';
import { browser, type Runtime } from '../platform/browser';
import { isPanelUrl } from '../platform/panel-url';
import { ensureAlarms, rearmWakeups, takeDueWakeups, WAKE_ALARM } from './alarms';
import { runWriteBack, WRITEBACK_ALARM, watchWriteBack } from './base-writeback';
import { notifyDeadlinesDue } from './deadline-notify';
import { exportHandlers } from './handlers/export';
import { invoicePageHandlers } from './handlers/invoice-page';
import { invoiceHandlers } from './handlers/invoices';
import { ksefNoticeHandlers } from './handlers/ksef-notices';
import { pageLayoutHandlers } from './handlers/page-layout';
import { purchaseHandlers } from './handlers/purchases';
import { settingsHandlers } from './handlers/settings';
import { bumpRevision, notifyExportIfDone, watchOutbox } from './notify';
import { PurchaseService } from './purchases';
import { createRouter, type Handlers } from './router';
import { Services } from './services';
import { Summaries } from './summaries';
import { TabGrants } from './tab-grants';
import { openWelcomeOnInstall } from './welcome';

export function startBackground(): void {
  const svc = new Services();
  const purchases = new PurchaseService(svc);
  const summaries = new Summaries(
    () => svc.outbox(),
    () => svc.base(),
    () => bumpRevision(),
  );
  const handlers: Handlers = {
    ping: async (_req, ctx) => ({ version: browser.runtime.getManifest().version, tier: ctx.tier }),
    ...invoiceHandlers(svc, summaries),
    ...settingsHandlers(svc),
    ...exportHandlers(svc),
    ...invoicePageHandlers(svc, summaries),
    ...ksefNoticeHandlers(svc),
    ...purchaseHandlers(svc, purchases),
    ...pageLayoutHandlers(svc),
  };
  const self = { id: browser.runtime.id, origin: new URL(browser.runtime.getURL('/')).origin };
  // What each panel tab may send: only invoices the worker resolved for it (tab-grants.ts).
  const grants = new TabGrants({ session: browser.storage.session });
  browser.tabs.onRemoved.addListener((tabId) => void grants.forgetTab(tabId));

  // Refusal texts follow the user's language, read per message.
  const route = async (msg: unknown, sender: Runtime.MessageSender) => {
    const t = workerTexts(await svc.lang());
    const router = createRouter(handlers, {
      self,
      isPanelUrl,
      texts: {
        forbidden: t('forbidden'),
        unknown: t('unknown'),
        failed: t('failed'),
        badRequest: t('badRequest'),
        notGranted: t('notGranted'),
        sendRate: t('sendRate'),
      },
      grants,
      onRefused: (cmd, why) => console.warn(`[ksef] ${cmd} from a panel tab refused: ${why}`),
      // Only the command name and error class: never request bodies, which may hold secrets.
      onUnexpected: (cmd, err) =>
        console.error(`[ksef] ${cmd} failed:`, err instanceof Error ? `${err.name}: ${err.message}` : 'error'),
    });
    return router(msg, sender);
  };

  browser.runtime.onMessage.addListener((msg: unknown, sender: Runtime.MessageSender) => {
    // Returning undefined leaves foreign messages alone; a promise is the reply.
    if (typeof msg !== 'object' || msg === null || (msg as { ksef?: unknown }).ksef !== 1) return undefined;
    return route(msg, sender);
  });

  browser.alarms.onAlarm.addListener((alarm) => {
    void (async () => {
      await ready;
      // "Numer KSeF w Base" has its own alarm, apart from the KSeF flow.
      if (alarm.name === WRITEBACK_ALARM) return void (await runWriteBack(svc).catch(() => undefined));
      const pipeline = await svc.pipeline();
      // The pipeline's own wake-ups share one alarm (alarms.ts); the periodic ones have their own.
      const names = alarm.name === WAKE_ALARM ? await takeDueWakeups() : [alarm.name];
      for (const name of names) {
        try {
          await pipeline.wake(name);
        } catch (err) {
          console.error(`[ksef] wake ${name.split(':')[0]} failed:`, err instanceof Error ? err.name : 'error');
        }
      }
      await notifyExportIfDone(svc).catch(() => undefined);
      await notifyDeadlinesDue(svc).catch(() => undefined);
      // Received invoices: the hourly poll and the purchase sync's own wake-ups.
      await purchases
        .onAlarms(names)
        .catch((err) => console.error('[ksef] purchases failed:', err instanceof Error ? err.name : 'error'));
    })();
  });

  // Every start of the worker (install, browser start, any wake): alarms ensured idempotently,
  // and work left by a killed worker resumed (state is written before every step).
  const ready = (async () => {
    watchOutbox(svc);
    watchWriteBack(svc);
    const settings = await svc.settings();
    await ensureAlarms({ autoSend: settings.autoSend });
    await rearmWakeups();
    try {
      await (await svc.pipeline()).resume();
    } catch (err) {
      console.error('[ksef] resume failed:', err instanceof Error ? err.name : 'error');
    }
  })();
  browser.runtime.onInstalled.addListener(() => void ready);
  openWelcomeOnInstall();
  browser.runtime.onStartup.addListener(() => void ready);
}
