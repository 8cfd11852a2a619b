/**
 * What the UI sees of an invoice (messaging.ts `InvoiceView`): the outbox record (if any) over the
 * Base summary (if known), with the reason in the UI language and why the send icon is disabled
 * (badges). Plain data: never the XML, the UPO or anything secret.
 */
import { dayText, warsawClock, warsawDayMonthClock } from '../core/warsaw';
import { isDocumentedStatus, ksefStatusText } from '../i18n/errors';
import { fill } from '../i18n/fill';
import { WAITING } from '../i18n/waiting';
import type { InvoiceView, Lang, SendBlock, Settings } from '../messaging';
import type { OutboxRecord } from '../outbox/types';
import { buildFailedReason } from './build-cause';
import { sendByFor } from './deadline';
import { storedErrorText } from './error-params';
import { govStatusName, isReasonCode, message } from './messages';
import type { BaseInvoiceSummary } from './ports';
import { isBaseOwned, isConfigured, isSeriesEnabled } from './rules';

/** Why a send would be refused now, or undefined when it may go (same rules as sendInvoice). */
export function blockFor(
  record: OutboxRecord | undefined,
  settings: Settings,
  summary?: Pick<BaseInvoiceSummary, 'govStatus' | 'govId' | 'seriesId'>,
): SendBlock | undefined {
  if (record?.state === 'accepted') return 'in-ksef';
  if (record?.state === 'sending' || record?.state === 'processing') return 'in-progress';
  if (summary ? isBaseOwned(summary) : record?.baseOwned) return 'base-owned';
  const seriesId = summary?.seriesId ?? record?.seriesId;
  if (seriesId !== undefined && !isSeriesEnabled(settings, seriesId)) return 'series-excluded';
  if (!isConfigured(settings)) return 'not-configured';
  return undefined;
}

/** Something to ask KSeF about: a status, a place in a session, or a UPO. */
export function canCheck(r: OutboxRecord): boolean {
  if (r.state === 'accepted') return r.upoMissing === 1;
  if (r.state === 'processing') return true;
  if (r.state === 'sending') return r.sessionRef !== undefined && r.invoiceRef === undefined && !r.batchJob;
  return r.state === 'needs-attention' && r.sessionRef !== undefined;
}

/** KSeF's session list said the invoice is not in the recorded session. */
export function canMarkUnsent(r: OutboxRecord): boolean {
  return r.reasonCode === 'not-registered' && r.sessionRef !== undefined && r.invoiceRef === undefined;
}

function reasonText(record: OutboxRecord, lang: Lang): string | undefined {
  // A failed build leads with its cause in a seller's words; the format's name comes last.
  if (record.reasonCode === 'build-failed' && record.problems?.length)
    return buildFailedReason(record.problems, lang) ?? record.reason;
  if (record.reasonCode && isReasonCode(record.reasonCode)) {
    const params = { ...(record.reasonParams ?? {}) };
    // The stored ISO time is for support; the user reads the time of the next attempt in Warsaw.
    if (record.reasonCode === 'rate-limited' && record.retryAt !== undefined)
      params.time = warsawDayMonthClock(record.retryAt);
    if (record.reasonCode === 'auto-send-overdue' && typeof params.sendBy === 'string')
      params.sendBy = dayText(params.sendBy, lang);
    // The failure behind the reason, stored by code, in the UI language (its stored Polish message
    // is for logs and for records older than codes, which keep showing it).
    const worded = storedErrorText(record.reasonParams, lang);
    if (worded !== undefined) {
      params.message = worded;
      params.explanation = worded;
    } else if (record.reasonCode === 'rejected' && isDocumentedStatus(record.ksefStatus?.code ?? 0)) {
      // Older rejections: a final status KSeF documents is explained in the UI language; any other
      // explanation (KSeF's own description, a synchronous refusal) is shown as it came.
      params.explanation = ksefStatusText(record.ksefStatus!.code, lang);
    }
    return message(record.reasonCode, params, lang);
  }
  return record.reason;
}

/** Why a queued invoice waits, in a few words (the full reason is `reason`). */
export function waitingText(record: OutboxRecord, lang: Lang): string | undefined {
  if (record.state !== 'queued') return undefined;
  const t = WAITING[lang];
  const service = record.reasonParams?.service ?? t.service;
  if (record.reasonCode === 'rate-limited' && record.retryAt !== undefined)
    return fill(t.limit, { service, time: warsawClock(record.retryAt) });
  if (record.reasonCode === 'unavailable') return fill(t.unavailable, { service });
  return undefined;
}

export function toView(
  record: OutboxRecord | undefined,
  settings: Settings,
  lang: Lang,
  summary?: BaseInvoiceSummary,
): InvoiceView {
  const view: InvoiceView = {
    invoiceId: record?.invoiceId ?? summary?.id ?? '',
    number: summary?.number || record?.number || '',
  };
  const copy = <K extends keyof InvoiceView>(k: K, v: InvoiceView[K] | undefined) => {
    if (v !== undefined && v !== '') view[k] = v;
  };
  copy('seriesId', summary?.seriesId ?? record?.seriesId);
  copy('issueDate', record?.issueDate ?? summary?.issueDate);
  copy('buyerName', summary?.buyerName ?? record?.buyerName);
  copy('buyerNip', summary?.buyerNip ?? record?.buyerNip);
  copy('totalGross', summary?.totalGross ?? record?.totalGross);
  copy('currency', summary?.currency ?? record?.currency);
  copy('orderId', summary?.orderId ?? record?.orderId);
  if (record) {
    view.state = record.state;
    copy('offline', record.offline);
    if (record.offlineWithoutCertificate) view.offlineWithoutCertificate = true;
    if (record.state === 'rejected' && record.correctionOf) view.technicalCorrection = true;
    copy('ksefNumber', record.ksefNumber);
    copy('processedAt', record.processedAt);
    copy('reason', reasonText(record, lang));
    copy('waiting', waitingText(record, lang));
    if (record.ksefStatus) {
      view.ksefStatus = {
        code: record.ksefStatus.code,
        description: record.ksefStatus.description,
        ...(record.ksefStatus.details ? { details: [...record.ksefStatus.details] } : {}),
      };
    }
    if (record.upo) view.hasUpo = true;
    if (record.xml || record.ksefNumber) view.hasXml = true;
    copy('kod1Url', record.kod1Url);
    copy('kod2Url', record.kod2Url);
    view.since = new Date(record.stateSince).toISOString();
    view.updatedAt = new Date(record.updatedAt).toISOString();
  } else if (summary && isBaseOwned(summary)) {
    // Never touched by the extension, but Base's own integration has it: say so.
    view.reason = message('base-owned', { govStatus: govStatusName(summary.govStatus, lang) }, lang);
    copy('ksefNumber', summary.govId);
  }
  copy('blocked', blockFor(record, settings, summary));
  copy('sendBy', sendByFor(view, settings));
  if (settings.env !== 'prod') view.env = settings.env;
  if (record && canCheck(record)) view.canCheck = true;
  if (record && canMarkUnsent(record)) view.canMarkUnsent = true;
  return view;
}
