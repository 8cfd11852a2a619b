/**
 * What the panel, the popup and the "Faktury w KSeF" page show about Base invoices: the outbox
 * record of the settings' environment and NIP, what the worker remembers from Base, and the skip
 * mark, made into one `InvoiceView`.
 */
import type { InvoiceView } from '../../messaging';
import type { OutboxRecord } from '../../outbox';
import { refOf } from '../../outbox/types';
import { toView } from '../../pipeline';
import { readSkipList } from '../../skip/store';
import type { Services } from '../services';
import { withSkip } from '../skip-view';
import type { Summaries } from '../summaries';

export type Viewer = (rec: OutboxRecord | undefined, id: string) => Promise<InvoiceView>;

export class InvoiceViews {
  constructor(
    private readonly svc: Services,
    private readonly summaries: Summaries,
  ) {}

  /** Settings and skip marks are read once per command, not once per row (a panel page asks for 200 rows). */
  async viewer(): Promise<Viewer> {
    const settings = await this.svc.settings();
    const skips = await readSkipList(await this.svc.outbox(), settings);
    return async (rec, id) => {
      const summary = await this.summaries.get(id);
      // An invoice not learnt yet still answers with its own id (the panel re-asks on the next revision).
      const v = toView(rec, settings, settings.uiLang, summary ? { ...summary, raw: undefined } : undefined);
      return withSkip({ ...v, invoiceId: id }, skips);
    };
  }

  /** The record of a Base invoice in the settings' environment and NIP. */
  async recordOf(id: string): Promise<OutboxRecord | undefined> {
    const [store, settings] = await Promise.all([this.svc.outbox(), this.svc.settings()]);
    return store.get(refOf(settings, id));
  }

  /** One invoice's view, from the record given or the stored one. */
  async viewOf(id: string, rec?: OutboxRecord): Promise<InvoiceView> {
    return (await this.viewer())(rec ?? (await this.recordOf(id)), id);
  }

  async viewsOf(ids: readonly string[]): Promise<InvoiceView[]> {
    const v = await this.viewer();
    return Promise.all(ids.map(async (id) => v(await this.recordOf(id), id)));
  }

  /** A record made before Base answered has no number yet: the worker may know it from Base's list. */
  async named(items: InvoiceView[]): Promise<InvoiceView[]> {
    return Promise.all(
      items.map(async (v) => (v.number ? v : { ...v, number: (await this.summaries.get(v.invoiceId))?.number ?? '' })),
    );
  }
}
