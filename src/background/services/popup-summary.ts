/**
 * The popup: pending, needing attention and recently accepted invoices, the export's progress,
 * and the warnings above them (not configured first).
 */
import type { Res } from '../../messaging';
import { popupLists } from '../../pipeline';
import { SECRET_BASE_API_TOKEN, SECRET_KSEF_TOKEN } from '../../secrets';
import type { Services } from '../services';
import type { InvoiceViews } from './invoice-views';

export async function popupSummary(svc: Services, views: InvoiceViews): Promise<Res<'popup.summary'>> {
  const [settings, t, secrets, store] = await Promise.all([svc.settings(), svc.t(), svc.secrets(), svc.outbox()]);
  const hasNip = /^\d{10}$/.test(settings.nip);
  const configured =
    hasNip && (await secrets.hasSecret(SECRET_KSEF_TOKEN)) && (await secrets.hasSecret(SECRET_BASE_API_TOKEN));
  const lists = await popupLists(store, settings, settings.uiLang);
  // The lists' own "not configured" line (first, when the NIP is missing) gives way to ours,
  // which also covers the tokens.
  const fromLists = hasNip ? lists.warnings : lists.warnings.slice(1);
  return {
    env: settings.env,
    configured,
    pending: await views.named(lists.pending),
    attention: await views.named(lists.attention),
    accepted: lists.accepted,
    export: await (await svc.pipeline()).exportProgress(),
    warnings: configured ? fromLists : [t('warnNotConfigured'), ...fromLists],
  };
}
