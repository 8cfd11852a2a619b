/**
 * Commands of the "Faktury w KSeF" page: the whole list, one invoice's status check, the skip
 * mark, the stored UPO and invoice XML, and bulk send / re-check on a selection.
 */
import type { BulkResult, InvoiceView, Lang, Settings } from '../../messaging';
import type { OutboxRecord, OutboxStore } from '../../outbox';
import { refOf, sameContext } from '../../outbox/types';
import { message, PipelineError, toView } from '../../pipeline';
import { addSkip, MAX_SKIP_REASON, readSkipList, removeSkip, type SkipList } from '../../skip/store';
import { bumpRevision } from '../notify';
import { retriesNow } from '../retry-queued';
import type { Handlers } from '../router';
import { UserError } from '../router';
import type { Services } from '../services';
import { withSkip } from '../skip-view';
import type { Summaries } from '../summaries';

/** A bulk action takes at most this many invoices per command (the page sends larger selections in parts). */
export const MAX_BULK = 200;

/** Every record, newest change first, read with a cursor (records carry their XML). */
async function allViews(store: OutboxStore, settings: Settings, lang: Lang, skips: SkipList): Promise<InvoiceView[]> {
  const out: InvoiceView[] = [];
  const seen = new Set<string>();
  let cursor = await store.db.transaction('invoices').store.index('byUpdatedAt').openCursor(null, 'prev');
  while (cursor) {
    // Records of another environment or NIP are not this seller's list (they wait for their own settings).
    if (sameContext(cursor.value, settings)) {
      seen.add(cursor.value.invoiceId);
      out.push(withSkip(toView(cursor.value, settings, lang), skips));
    }
    cursor = await cursor.continue();
  }
  // Skipped before the extension ever touched them: shown from the mark alone.
  for (const s of Object.values(skips)) {
    if (!seen.has(s.invoiceId)) out.push(withSkip({ invoiceId: s.invoiceId, number: s.number }, skips));
  }
  return out;
}

function validId(id: unknown): id is string {
  return typeof id === 'string' && /^\d{1,12}$/.test(id);
}

function fileSafe(s: string): string {
  return s.replace(/[^\w.-]+/g, '_');
}

export function invoicePageHandlers(svc: Services, summaries: Summaries): Handlers {
  async function viewOf(id: string, rec?: OutboxRecord): Promise<InvoiceView> {
    const [settings, store] = await Promise.all([svc.settings(), svc.outbox()]);
    const record = rec ?? (await store.get(refOf(settings, id)));
    const summary = await summaries.get(id);
    const v = toView(record, settings, settings.uiLang, summary ? { ...summary, raw: undefined } : undefined);
    return withSkip({ ...v, invoiceId: id }, await readSkipList(store));
  }

  async function checkedId(id: unknown): Promise<string> {
    if (!validId(id)) throw new UserError((await svc.t())('badRequest'), 'bad-request');
    return id;
  }

  async function bulk(list: unknown, act: (id: string) => Promise<InvoiceView>): Promise<{ results: BulkResult[] }> {
    if (!Array.isArray(list) || list.length > MAX_BULK || !list.every(validId))
      throw new UserError((await svc.t())('badRequest'), 'bad-request');
    const results: BulkResult[] = [];
    for (const id of new Set(list)) {
      try {
        const item = await act(id);
        // A send that ended needing the seller (bad data, Base down) did not happen: say why.
        if (item.state === 'needs-attention' && !item.skipped)
          results.push({ invoiceId: id, ok: false, item, message: item.reason ?? '' });
        else results.push({ invoiceId: id, ok: true, item });
      } catch (e) {
        const lang = await svc.lang();
        const text =
          e instanceof PipelineError
            ? message(e.code, e.params, lang)
            : e instanceof UserError || e instanceof Error
              ? e.message
              : String(e);
        results.push({ invoiceId: id, ok: false, message: text, item: await viewOf(id).catch(() => undefined) });
      }
    }
    return { results };
  }

  async function send(id: string): Promise<InvoiceView> {
    const rec = await (await svc.pipeline()).sendInvoice(id, { trigger: 'manual' });
    return viewOf(id, rec);
  }

  async function check(id: string): Promise<InvoiceView> {
    const [store, settings, pipeline] = await Promise.all([svc.outbox(), svc.settings(), svc.pipeline()]);
    const cur = await store.get(refOf(settings, id));
    // Waiting for Base or KSeF to come back: "Sprawdź teraz" tries the send now.
    if (cur && retriesNow(cur)) return viewOf(id, await pipeline.sendInvoice(id, { trigger: cur.trigger ?? 'manual' }));
    return viewOf(id, await pipeline.checkNow(id));
  }

  return {
    'invoices.list': async () => {
      const [settings, store] = await Promise.all([svc.settings(), svc.outbox()]);
      return { items: await allViews(store, settings, settings.uiLang, await readSkipList(store)) };
    },

    'invoice.skip': async (req) => {
      const id = await checkedId(req.invoiceId);
      const t = await svc.t();
      const reason = typeof req.reason === 'string' ? req.reason.trim() : '';
      if (!reason) throw new UserError(t('skipNoReason'), 'bad-request');
      if (reason.length > MAX_SKIP_REASON)
        throw new UserError(t('skipReasonTooLong', { max: MAX_SKIP_REASON }), 'bad-request');
      const [store, settings] = await Promise.all([svc.outbox(), svc.settings()]);
      const rec = await store.get(refOf(settings, id));
      if (rec && ['accepted', 'processing', 'sending'].includes(rec.state))
        throw new UserError(t('skipInKsef'), 'bad-request');
      const given = typeof req.number === 'string' ? req.number.slice(0, 256) : '';
      const number = rec?.number || (await summaries.get(id))?.number || given;
      await addSkip(store, { invoiceId: id, number, reason, at: Date.now() });
      bumpRevision();
      return { item: await viewOf(id) };
    },

    'invoice.unskip': async (req) => {
      const id = await checkedId(req.invoiceId);
      await removeSkip(await svc.outbox(), id);
      bumpRevision();
      return { item: await viewOf(id) };
    },

    'invoice.file': async (req) => {
      const id = await checkedId(req.invoiceId);
      const t = await svc.t();
      const [store, settings] = await Promise.all([svc.outbox(), svc.settings()]);
      const rec = await store.get(refOf(settings, id));
      const name = fileSafe(rec?.ksefNumber || rec?.number || id);
      if (req.kind === 'upo') {
        if (!rec?.upo) throw new UserError(t('noUpo'), 'bad-request');
        return { fileName: `UPO-${name}.xml`, text: rec.upo };
      }
      if (req.kind === 'xml') {
        // The bytes sent are kept until the UPO comes; after that KSeF's own copy is fetched.
        const bytes = rec?.xml ?? (rec?.ksefNumber ? await (await svc.ksef()).storedInvoice(rec.ksefNumber) : null);
        if (!bytes) throw new UserError(t(rec?.ksefNumber ? 'xmlNotYet' : 'noXml'), 'bad-request');
        return { fileName: `${name}.xml`, text: new TextDecoder().decode(bytes) };
      }
      throw new UserError(t('badRequest'), 'bad-request');
    },

    'invoices.sendMany': async (req) => bulk(req.invoiceIds, send),
    'invoices.checkMany': async (req) => bulk(req.invoiceIds, check),
  };
}
