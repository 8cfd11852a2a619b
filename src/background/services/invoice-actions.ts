/**
 * Sending and checking one invoice on the seller's request: the panel's send icon, "Sprawdź teraz"
 * and "Oznacz jako niewysłaną". The pipeline does the work; this decides which of its calls the
 * seller's click means, and turns its refusals into the user's words.
 */
import type { OutboxRecord } from '../../outbox';
import { requireHostAccess } from '../host-access-guard';
import { retriesNow, retryQueuedNow } from '../retry-queued';
import type { Services } from '../services';
import type { InvoiceViews } from './invoice-views';
import { refusals } from './refusals';

/** KSeF usually decides within seconds of a send: one look after this long. */
const QUICK_CHECK_MS = 1500;

export class InvoiceActions {
  constructor(
    private readonly svc: Services,
    private readonly views: InvoiceViews,
  ) {}

  /**
   * A manual send, then one quick status check: KSeF usually decides within seconds, and the seed
   * shows "W przetwarzaniu" only when it has not answered right after sending. Later checks are
   * the pipeline's alarms.
   */
  async sendNow(id: string): Promise<OutboxRecord> {
    await requireHostAccess(() => this.svc.lang());
    const pipeline = await this.svc.pipeline();
    let rec = await refusals(this.svc, () => pipeline.sendInvoice(id, { trigger: 'manual' }));
    if (rec.state === 'sending' && rec.reasonCode === 'unknown-outcome') {
      // The answer was lost: the seller is waiting, so the session's list is asked at once.
      rec = (await pipeline.checkNow(id).catch(() => undefined)) ?? rec;
    }
    if (rec.state === 'processing') {
      await new Promise((r) => setTimeout(r, QUICK_CHECK_MS));
      rec = (await pipeline.checkOne(id).catch(() => undefined)) ?? rec;
    }
    return rec;
  }

  /** A send as one of many on the "Faktury w KSeF" page: no quick look, the list follows the revision. */
  async sendOne(id: string): Promise<OutboxRecord> {
    const pipeline = await this.svc.pipeline();
    return refusals(this.svc, () => pipeline.sendInvoice(id, { trigger: 'manual' }));
  }

  /** "Sprawdź teraz" on one invoice: its status, its place in the session or its UPO, now. */
  async checkNow(id: string): Promise<OutboxRecord | undefined> {
    const pipeline = await this.svc.pipeline();
    const cur = await this.views.recordOf(id);
    // Waiting for Base or KSeF to come back: "Sprawdź teraz" tries the send now.
    return refusals(this.svc, () =>
      cur && retriesNow(cur) ? pipeline.sendInvoice(id, { trigger: cur.trigger ?? 'manual' }) : pipeline.checkNow(id),
    );
  }

  async markUnsent(id: string): Promise<OutboxRecord> {
    const pipeline = await this.svc.pipeline();
    return refusals(this.svc, () => pipeline.markUnsent(id));
  }

  /** "Sprawdź teraz" in the popup: every pending invoice, and the ones waiting for Base or KSeF retried. */
  async pollAll(): Promise<number> {
    const retried = await retryQueuedNow(this.svc);
    const { checked } = await (await this.svc.pipeline()).pollPending();
    return checked + retried;
  }
}
