/**
 * Received ("purchase") invoices in the worker: one PurchaseSync per (environment, NIP) over the
 * KSeF client of the current settings, run by the hourly poll, by its own wake-ups (limits, an
 * export being prepared) and by the page; one notification per sync that stored something.
 */
import { wakeName } from '../core/wake';
import type { Lang, PurchaseSummary } from '../messaging';
import { PURCHASES_REVISION_KEY } from '../messaging';
import { browser } from '../platform/browser';
import { PurchaseStore, PurchaseSync, purchaseKsefPort, type SyncOutcome, scopeOf } from '../purchase';
import { POLL_ALARM, wakeAt } from './alarms';
import { newPurchasesBody, newPurchasesTitle, syncErrorText } from './purchase-texts';
import { UserError } from './router';
import type { Services } from './services';

/** The one-shot wake-up of the purchase sync (kept with the others, alarms.ts). */
export const PURCHASE_WAKE = wakeName({ kind: 'purchases' });

export class PurchaseService {
  private storeP?: Promise<PurchaseStore>;
  private syncCache?: { key: string; sync: PurchaseSync };

  constructor(private readonly svc: Services) {}

  store(): Promise<PurchaseStore> {
    this.storeP ??= PurchaseStore.open();
    return this.storeP;
  }

  private async syncFor(): Promise<PurchaseSync> {
    const s = await this.svc.settings();
    const key = `${s.env}|${s.nip}`;
    if (this.syncCache?.key !== key) {
      const store = await this.store();
      this.syncCache = {
        key,
        sync: new PurchaseSync({
          store,
          env: s.env,
          nip: s.nip,
          ksef: async () => purchaseKsefPort(await this.svc.ksef()),
          now: () => Date.now(),
          sleep: (ms) => new Promise((r) => setTimeout(r, ms)),
          scheduleAt: (when) => wakeAt(PURCHASE_WAKE, when),
        }),
      };
    }
    return this.syncCache.sync;
  }

  /** Runs a sync now; refusals (not configured) become user errors. */
  async run(monthsBack?: number): Promise<SyncOutcome> {
    const sync = await this.syncFor();
    await this.svc.ksef(); // throws the clear "configure first" refusal before anything starts
    const out = await sync.run(monthsBack);
    if (out.added > 0) await browser.storage.local.set({ [PURCHASES_REVISION_KEY]: Date.now() });
    if (out.state === 'done' && out.notify > 0) await this.notify(out.notify);
    return out;
  }

  private async notify(n: number): Promise<void> {
    const lang = await this.svc.lang();
    await browser.notifications.create('ksef-purchases', {
      type: 'basic',
      iconUrl: browser.runtime.getURL('/icon/128.png'),
      title: newPurchasesTitle(n, lang),
      message: newPurchasesBody(lang),
    });
  }

  /** The hourly poll and the sync's own wake-ups; quiet when the extension is not configured. */
  async onAlarms(names: string[]): Promise<void> {
    if (!names.includes(POLL_ALARM) && !names.includes(PURCHASE_WAKE)) return;
    try {
      await this.run();
    } catch (e) {
      if (!(e instanceof UserError)) throw e;
    }
  }

  async summary(lang: Lang): Promise<PurchaseSummary> {
    const s = await this.svc.settings();
    if (!/^\d{10}$/.test(s.nip)) {
      return { scope: null, total: 0, newSinceVisit: 0, lastVisitAt: 0, neverSynced: true };
    }
    const scope = scopeOf(s.env, s.nip);
    const store = await this.store();
    const [st, total, lastVisitAt] = await Promise.all([store.state(scope), store.count(scope), store.lastSeen(scope)]);
    return {
      scope,
      total,
      newSinceVisit: await store.countSince(scope, lastVisitAt),
      lastVisitAt,
      ...(st.lastSyncAt ? { lastSyncAt: st.lastSyncAt } : {}),
      ...(st.lastError ? { error: { code: st.lastError.code, message: syncErrorText(st.lastError, lang) } } : {}),
      ...(st.retryAt && st.retryAt > Date.now() ? { resumeAt: new Date(st.retryAt).toISOString() } : {}),
      neverSynced: !st.hwm,
    };
  }

  async markSeen(): Promise<void> {
    const s = await this.svc.settings();
    if (!/^\d{10}$/.test(s.nip)) return;
    await (await this.store()).markSeen(scopeOf(s.env, s.nip), Date.now());
    await browser.storage.local.set({ [PURCHASES_REVISION_KEY]: Date.now() });
  }
}
