/**
 * Request checks: one per command, applied by the worker's router (src/background/router.ts)
 * before any handler runs. Declared beside the command table so a new command without a check is a
 * compile error. Re-exported by src/messaging.ts.
 */
import type { CommandName, Empty, Req } from './commands';
import type { Settings } from './settings';

/**
 * One command's request as its handler may take it, or null when it is malformed (the router
 * refuses it with `bad-request`). The types in commands.ts hold only for honest callers: requests come
 * from pages and from a content script next to a page the extension does not control, so their
 * shape is checked at run time, once, here.
 */
export type RequestCheck<T> = (req: unknown) => T | null;

/** How many rows one `invoices.view` resolves (the panel asks in parts of 200). */
export const MAX_VIEW_ROWS = 500;
/** A bulk action takes at most this many invoices per command (the page sends larger selections in parts). */
export const MAX_BULK = 200;

/** A Base id as the worker keeps it: Base's ids are positive integers. */
export function isBaseId(x: unknown): x is string {
  return typeof x === 'string' && /^\d{1,12}$/.test(x);
}

type Fields = Record<string, unknown>;
const fieldsOf = (req: unknown): Fields | null =>
  typeof req === 'object' && req !== null && !Array.isArray(req) ? (req as Fields) : null;
const isString = (x: unknown): x is string => typeof x === 'string';
const isStringList = (x: unknown): x is string[] => Array.isArray(x) && x.every(isString);
const isNumber = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x);

/** A command without data: any object (or none) is taken as `{}`, so nothing else reaches the handler. */
const empty: RequestCheck<Empty> = (req) => (req === undefined || req === null || fieldsOf(req) ? {} : null);

const oneInvoice: RequestCheck<{ invoiceId: string }> = (req) => {
  const id = fieldsOf(req)?.invoiceId;
  return isBaseId(id) ? { invoiceId: id } : null;
};

const manyInvoices: RequestCheck<{ invoiceIds: string[] }> = (req) => {
  const ids = fieldsOf(req)?.invoiceIds;
  return Array.isArray(ids) && ids.length <= MAX_BULK && ids.every(isBaseId) ? { invoiceIds: ids } : null;
};

const month: RequestCheck<{ month: string }> = (req) => {
  const m = fieldsOf(req)?.month;
  return isString(m) ? { month: m } : null;
};

const token: RequestCheck<{ token: string }> = (req) => {
  const t = fieldsOf(req)?.token;
  return isString(t) ? { token: t } : null;
};

/** The panel reads candidate ids and numbers off the page: those the worker cannot know are
 * dropped, not refused, so one odd row does not cost the page its badges. */
const viewRequest: RequestCheck<Req<'invoices.view'>> = (req) => {
  const f = fieldsOf(req);
  if (!f || !isStringList(f.invoiceIds) || !(f.numbers === undefined || isStringList(f.numbers))) return null;
  return {
    invoiceIds: f.invoiceIds.filter(isBaseId).slice(0, MAX_VIEW_ROWS),
    numbers: (f.numbers ?? []).filter((n) => n.length <= 256).slice(0, MAX_VIEW_ROWS),
  };
};

const importKey: RequestCheck<Req<'certs.importKey'>> = (req) => {
  const f = fieldsOf(req);
  if (!f || !isString(f.serialNumber) || !isString(f.fileBase64)) return null;
  if (!(f.fileName === undefined || isString(f.fileName))) return null;
  if (!(f.password === undefined || isString(f.password))) return null;
  if (!(f.passphrase === undefined || isString(f.passphrase))) return null;
  return {
    serialNumber: f.serialNumber,
    fileName: f.fileName ?? '',
    fileBase64: f.fileBase64,
    password: f.password ?? '',
    ...(f.passphrase ? { passphrase: f.passphrase } : {}),
  };
};

/** Every command's check; the mapped type makes a new command without one a compile error. */
export const REQUEST_CHECKS: { readonly [K in CommandName]: RequestCheck<Req<K>> } = {
  ping: empty,
  'invoices.view': viewRequest,
  'invoices.recent': (req) => {
    const f = fieldsOf(req);
    if (!f || !(f.limit === undefined || isNumber(f.limit))) return null;
    return f.limit === undefined ? {} : { limit: f.limit };
  },
  'invoices.forOrder': (req) => {
    const id = fieldsOf(req)?.orderId;
    return isBaseId(id) ? { orderId: id } : null;
  },
  'invoice.send': oneInvoice,
  'invoice.resend': oneInvoice,
  'invoice.qr': oneInvoice,
  'invoice.openPrint': oneInvoice,
  'panel.texts': empty,
  'page.layout': empty,
  'options.open': empty,
  'invoice.print': oneInvoice,
  'popup.summary': empty,
  'poll.now': empty,
  'invoice.check': oneInvoice,
  'invoice.markUnsent': oneInvoice,
  'outbox.inFlight': empty,
  'settings.get': empty,
  'settings.save': (req) => {
    const patch = fieldsOf(fieldsOf(req)?.patch);
    return patch ? { patch: patch as Partial<Settings> } : null;
  },
  'secrets.setKsefToken': token,
  'secrets.setBaseToken': token,
  'connection.check': empty,
  'seller.fromBase': empty,
  'certs.listOffline': empty,
  'certs.importKey': importKey,
  'certs.unlockKey': (req) => {
    const p = fieldsOf(req)?.passphrase;
    return isString(p) && p !== '' ? { passphrase: p } : null;
  },
  'certs.removeKey': empty,
  'series.list': empty,
  'export.count': month,
  'export.start': month,
  'export.progress': empty,
  'base.orderExtraFields': empty,
  'invoices.list': empty,
  'invoice.skip': (req) => {
    const f = fieldsOf(req);
    if (!f || !isBaseId(f.invoiceId) || !isString(f.reason)) return null;
    if (!(f.number === undefined || isString(f.number))) return null;
    return { invoiceId: f.invoiceId, reason: f.reason, ...(f.number === undefined ? {} : { number: f.number }) };
  },
  'invoice.unskip': oneInvoice,
  'invoice.file': (req) => {
    const f = fieldsOf(req);
    return f && isBaseId(f.invoiceId) && (f.kind === 'upo' || f.kind === 'xml')
      ? { invoiceId: f.invoiceId, kind: f.kind }
      : null;
  },
  'invoices.sendMany': manyInvoices,
  'invoices.checkMany': manyInvoices,
  'ksef.notices': empty,
  'ksef.dismissWarning': (req) => {
    const at = fieldsOf(req)?.at;
    return isString(at) ? { at } : null;
  },
  'purchases.summary': empty,
  'purchases.sync': (req) => {
    const f = fieldsOf(req);
    const m = f?.monthsBack;
    // The first sync reaches back 1 to 12 months (the purchases page offers no other choice).
    if (!f || !(m === undefined || (Number.isInteger(m) && (m as number) >= 1 && (m as number) <= 12))) return null;
    return m === undefined ? {} : { monthsBack: m as number };
  },
  'purchases.seen': empty,
  'export.cancel': empty,
};
