/**
 * Invoice commands: what the panel rows and the popup show, sending, printing.
 */

import type { InvoiceView } from '../../messaging';
import { type OutboxRecord, sameContext } from '../../outbox';
import { message, PipelineError, popupLists, toView } from '../../pipeline';
import { browser } from '../../platform/browser';
import { PrintError, stampInvoicePdf } from '../../print';
import { CERTIFICATE_LABEL, kod1Label, renderQrSvg } from '../../qr';
import { SECRET_BASE_API_TOKEN, SECRET_KSEF_TOKEN } from '../../secrets';
import { readSkipList } from '../../skip/store';
import { requireHostAccess } from '../host-access-guard';
import { printPending } from '../print-pending';
import { retriesNow, retryQueuedNow } from '../retry-queued';
import type { Handlers } from '../router';
import { UserError } from '../router';
import type { Services } from '../services';
import { withSkip } from '../skip-view';
import type { Summaries } from '../summaries';

const MAX_ROWS = 500;
const QUICK_CHECK_MS = 1500;

/** Runs a pipeline call, turning its refusals into user errors in the user's language. */
export async function refusals<T>(svc: Services, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (e) {
    if (e instanceof PipelineError) throw new UserError(message(e.code, e.params, await svc.lang()), e.errorInfoCode);
    throw e;
  }
}

function ids(list: unknown, max = MAX_ROWS): string[] {
  if (!Array.isArray(list)) return [];
  return list.filter((x): x is string => typeof x === 'string' && /^\d{1,12}$/.test(x)).slice(0, max);
}

export function invoiceHandlers(svc: Services, summaries: Summaries): Handlers {
  /** Settings are read once per command, not once per row (a panel page asks for 200 rows). */
  async function viewer(): Promise<(rec: OutboxRecord | undefined, id: string) => Promise<InvoiceView>> {
    const settings = await svc.settings();
    const skips = await readSkipList(await svc.outbox());
    return async (rec, id) => {
      const summary = await summaries.get(id);
      // An invoice not learnt yet still answers with its own id (the panel re-asks on the next revision).
      const v = toView(rec, settings, settings.uiLang, summary ? { ...summary, raw: undefined } : undefined);
      return withSkip({ ...v, invoiceId: id }, skips);
    };
  }

  async function view(rec: OutboxRecord | undefined, id: string): Promise<InvoiceView> {
    return (await viewer())(rec, id);
  }

  /** The record of a Base invoice in the settings' environment and NIP. */
  async function recordOf(id: string): Promise<OutboxRecord | undefined> {
    const [store, s] = await Promise.all([svc.outbox(), svc.settings()]);
    return store.get({ env: s.env, nip: s.nip, invoiceId: id });
  }

  async function viewsOf(idList: string[]): Promise<InvoiceView[]> {
    const v = await viewer();
    return Promise.all(idList.map(async (id) => v(await recordOf(id), id)));
  }

  /**
   * A manual send, then one quick status check: KSeF usually decides within seconds, and the seed
   * shows "W przetwarzaniu" only when it has not answered right after sending. Later checks are
   * the pipeline's alarms.
   */
  async function sendNow(id: string): Promise<{ item: InvoiceView }> {
    await requireHostAccess(() => svc.lang());
    const pipeline = await svc.pipeline();
    let rec = await refusals(svc, () => pipeline.sendInvoice(id, { trigger: 'manual' }));
    if (rec.state === 'sending' && rec.reasonCode === 'unknown-outcome') {
      // The answer was lost: the seller is waiting, so the session's list is asked at once.
      rec = (await pipeline.checkNow(id).catch(() => undefined)) ?? rec;
    }
    if (rec.state === 'processing') {
      await new Promise((r) => setTimeout(r, QUICK_CHECK_MS));
      rec = (await pipeline.checkOne(id).catch(() => undefined)) ?? rec;
    }
    return { item: await view(rec, id) };
  }

  /** A record made before Base answered has no number yet: the worker may know it from Base's list. */
  async function named(items: InvoiceView[]): Promise<InvoiceView[]> {
    return Promise.all(
      items.map(async (v) => (v.number ? v : { ...v, number: (await summaries.get(v.invoiceId))?.number ?? '' })),
    );
  }

  async function checkId(id: unknown): Promise<string> {
    if (typeof id !== 'string' || !/^\d{1,12}$/.test(id))
      throw new UserError((await svc.t())('badRequest'), 'bad-request');
    return id;
  }

  return {
    'invoices.view': async (req) => {
      const wanted = ids(req.invoiceIds);
      const numbers = Array.isArray(req.numbers)
        ? req.numbers.filter((n): n is string => typeof n === 'string' && n.length <= 256).slice(0, MAX_ROWS)
        : [];
      const unknownNumbers: string[] = [];
      for (const n of numbers) {
        const id = await summaries.idForNumber(n);
        if (id) wanted.push(id);
        else unknownNumbers.push(n);
      }
      const unique = [...new Set(wanted)];
      const items = await viewsOf(unique);
      const unknownIds = [];
      for (const it of items) if (!it.number) unknownIds.push(it.invoiceId);
      summaries.learn(unknownIds, unknownNumbers);
      return { items };
    },

    'invoices.recent': async (req) => {
      const limit = Math.min(Math.max(Number(req.limit) || 20, 1), 100);
      const [store, s] = await Promise.all([svc.outbox(), svc.settings()]);
      const records = await store.recent(limit, (r) => sameContext(r, s));
      const v = await viewer();
      const items = await Promise.all(records.map((r) => v(r, r.invoiceId)));
      if (items.length < limit) {
        // Also invoices from Base that the extension has not touched yet (fallback panel).
        try {
          const client = await svc.base();
          const since = Math.floor((Date.now() - 31 * 86_400_000) / 1000);
          const page = await client.getInvoices({ date_from: since, get_government_data: true });
          const { summarise } = await import('../adapters/base-port');
          const fresh = page.map(summarise).sort((a, b) => Number(b.id) - Number(a.id));
          await summaries.remember(fresh);
          for (const f of fresh) {
            if (items.length >= limit) break;
            if (items.some((i) => i.invoiceId === f.id)) continue;
            items.push(await v(await recordOf(f.id), f.id));
          }
        } catch {
          // Without Base the list shows what the extension knows.
        }
      }
      return { items };
    },

    'invoices.forOrder': async (req) => {
      if (typeof req.orderId !== 'string' || !/^\d{1,12}$/.test(req.orderId))
        throw new UserError((await svc.t())('badRequest'), 'bad-request');
      const client = await svc.base();
      const { summarise } = await import('../adapters/base-port');
      const list = (await client.getInvoicesByOrder(Number(req.orderId), true)).map(summarise);
      await summaries.remember(list);
      return { items: await viewsOf(list.map((s) => s.id)) };
    },

    'invoice.send': async (req) => sendNow(await checkId(req.invoiceId)),
    'invoice.resend': async (req) => sendNow(await checkId(req.invoiceId)),

    'invoice.qr': async (req) => {
      const id = await checkId(req.invoiceId);
      const rec = await recordOf(id);
      return {
        kod1Svg: rec?.kod1Url ? renderQrSvg(rec.kod1Url, kod1Label(rec.ksefNumber)) : null,
        kod2Svg: rec?.kod2Url ? renderQrSvg(rec.kod2Url, CERTIFICATE_LABEL) : null,
      };
    },

    'invoice.openPrint': async (req) => {
      const id = await checkId(req.invoiceId);
      await browser.tabs.create({ url: browser.runtime.getURL(`/print.html?invoice=${id}`) });
      return {};
    },

    'invoice.print': async (req) => {
      const id = await checkId(req.invoiceId);
      const rec = await recordOf(id);
      const item = await view(rec, id);
      const fileName = `${(item.number || id).replace(/[^\w.-]+/g, '_')}-KSeF.pdf`;
      if (!rec?.kod1Url) return printPending(svc, rec, item, fileName);
      const status =
        rec.state === 'accepted'
          ? 'accepted'
          : rec.offline
            ? 'offline'
            : rec.state === 'rejected'
              ? 'rejected'
              : 'pending';
      try {
        const file = await (await svc.base()).getInvoiceFile(Number(id));
        const pdf = await stampInvoicePdf({
          pdf: file.pdf,
          kod1Url: rec.kod1Url,
          ...(rec.kod2Url ? { kod2Url: rec.kod2Url } : {}),
          ksefNumber: rec.ksefNumber ?? null,
          processingDate: rec.processedAt ?? null,
          status,
        });
        let bin = '';
        for (let i = 0; i < pdf.length; i += 0x8000) bin += String.fromCharCode(...pdf.subarray(i, i + 0x8000));
        return { pdfBase64: btoa(bin), fileName, item };
      } catch (e) {
        const reason = e instanceof PrintError || e instanceof UserError || e instanceof Error ? e.message : String(e);
        return { pdfBase64: null, fileName, item, reason: (await svc.t())('printNoPdf', { reason }) };
      }
    },

    'popup.summary': async () => {
      const [settings, t, secrets, store] = await Promise.all([svc.settings(), svc.t(), svc.secrets(), svc.outbox()]);
      const configured =
        /^\d{10}$/.test(settings.nip) &&
        (await secrets.hasSecret(SECRET_KSEF_TOKEN)) &&
        (await secrets.hasSecret(SECRET_BASE_API_TOKEN));
      const lists = await popupLists(store, settings, settings.uiLang);
      // The lists' own "not configured" line (first, when the NIP is missing) gives way to ours,
      // which also covers the tokens.
      const fromLists = /^\d{10}$/.test(settings.nip) ? lists.warnings : lists.warnings.slice(1);
      return {
        env: settings.env,
        configured,
        pending: await named(lists.pending),
        attention: await named(lists.attention),
        accepted: lists.accepted,
        export: await (await svc.pipeline()).exportProgress(),
        warnings: configured ? fromLists : [t('warnNotConfigured'), ...fromLists],
      };
    },

    'poll.now': async () => {
      const retried = await retryQueuedNow(svc);
      const { checked } = await (await svc.pipeline()).pollPending();
      return { checked: checked + retried };
    },

    'invoice.check': async (req) => {
      const id = await checkId(req.invoiceId);
      const pipeline = await svc.pipeline();
      const cur = await recordOf(id);
      // Waiting for Base or KSeF to come back: "Sprawdź teraz" tries the send now.
      const rec = await refusals(svc, () =>
        cur && retriesNow(cur) ? pipeline.sendInvoice(id, { trigger: cur.trigger ?? 'manual' }) : pipeline.checkNow(id),
      );
      return { item: await view(rec, id) };
    },

    'invoice.markUnsent': async (req) => {
      const id = await checkId(req.invoiceId);
      const pipeline = await svc.pipeline();
      const rec = await refusals(svc, () => pipeline.markUnsent(id));
      return { item: await view(rec, id) };
    },

    'outbox.inFlight': async () => {
      const [store, s, pipeline] = await Promise.all([svc.outbox(), svc.settings(), svc.pipeline()]);
      const ctx = { env: s.env, nip: s.nip };
      const count = async (state: OutboxRecord['state']) => (await store.byState(state, ctx)).length;
      const linked = (await store.byState('needs-attention', ctx)).filter((r) => r.sessionRef).length;
      const p = await pipeline.exportProgress();
      return {
        ...ctx,
        sending: await count('sending'),
        processing: await count('processing'),
        queued: await count('queued'),
        linked,
        exportRunning: p !== null && !['done', 'failed', 'idle'].includes(p.state),
      };
    },
  };
}
