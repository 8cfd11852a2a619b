/**
 * "Pomiń / wystawiona poza KSeF": the seller marks an invoice issued outside KSeF, with a reason
 * (src/skip/store.ts). Refused for an invoice already in KSeF or on its way there.
 */
import { refOf } from '../../outbox/types';
import { addSkip, MAX_SKIP_REASON, removeSkip } from '../../skip/store';
import { bumpRevision } from '../notify';
import { UserError } from '../router';
import type { Services } from '../services';
import type { Summaries } from '../summaries';

/** The longest invoice number kept with a mark (Base's numbers are far shorter). */
const MAX_NUMBER = 256;

export async function skipInvoice(
  svc: Services,
  summaries: Summaries,
  req: { invoiceId: string; reason: string; number?: string },
): Promise<void> {
  const t = await svc.t();
  const reason = req.reason.trim();
  if (!reason) throw new UserError(t('skipNoReason'), 'bad-request');
  if (reason.length > MAX_SKIP_REASON)
    throw new UserError(t('skipReasonTooLong', { max: MAX_SKIP_REASON }), 'bad-request');
  const [store, settings] = await Promise.all([svc.outbox(), svc.settings()]);
  const rec = await store.get(refOf(settings, req.invoiceId));
  if (rec && ['accepted', 'processing', 'sending'].includes(rec.state))
    throw new UserError(t('skipInKsef'), 'bad-request');
  const given = (req.number ?? '').slice(0, MAX_NUMBER);
  const number = rec?.number || (await summaries.get(req.invoiceId))?.number || given;
  await addSkip(store, settings, { invoiceId: req.invoiceId, number, reason, at: Date.now() });
  bumpRevision();
}

export async function unskipInvoice(svc: Services, id: string): Promise<void> {
  const [store, settings] = await Promise.all([svc.outbox(), svc.settings()]);
  await removeSkip(store, settings, id);
  bumpRevision();
}
