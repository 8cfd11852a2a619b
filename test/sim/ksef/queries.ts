// POST /invoices/query/metadata (openapi.json "Pobranie listy metadanych faktur"): filters, sorting by the date
// type of the filter, paging, the technical limit of 10 000 records per filter set (isTruncated), and the
// permanent-storage high-water mark (permanentStorageHwmDate, restrictToPermanentStorageHwmDate → 21183).
import { jsonBody } from './auth';
import type { Ctx, Reply, Sim } from './core';
import { badRequest, validationError } from './errors';
import { type MetaEntry, storedInvoices } from './invoice-meta';

export const READ = ['InvoiceRead'];

export interface InvoiceQueryFilters {
  subjectType: 'Subject1' | 'Subject2' | 'Subject3' | 'SubjectAuthorized';
  dateRange: {
    dateType: 'Issue' | 'Invoicing' | 'PermanentStorage';
    from: string;
    to?: string | null;
    restrictToPermanentStorageHwmDate?: boolean | null;
  };
  ksefNumber?: string | null;
  invoiceNumber?: string | null;
  amount?: { type: 'Brutto' | 'Netto' | 'Vat'; from?: number | null; to?: number | null } | null;
  sellerNip?: string | null;
  buyerIdentifier?: { type: string; value?: string | null } | null;
  currencyCodes?: string[] | null;
  invoicingMode?: 'Online' | 'Offline' | null;
  isSelfInvoicing?: boolean | null;
  formType?: string | null;
  invoiceTypes?: string[] | null;
  hasAttachment?: boolean | null;
}

/** The date an entry is sorted and ranged by, per the filter's date type. */
export function dateOf(e: MetaEntry, type: InvoiceQueryFilters['dateRange']['dateType']): number {
  if (type === 'PermanentStorage') return e.permanentMs;
  if (type === 'Invoicing') return e.invoicingMs;
  return Date.parse(`${e.meta.issueDate}T00:00:00Z`);
}

function addMonths(ms: number, n: number): number {
  const d = new Date(ms);
  d.setUTCMonth(d.getUTCMonth() + n);
  return d.getTime();
}

/** A date without an offset is Warsaw local time (openapi: dateRange). */
function parseDate(s: string): number {
  if (/[zZ]|[+-]\d{2}:?\d{2}$/.test(s)) return Date.parse(s);
  const asUtc = Date.parse(`${s}Z`);
  // Warsaw is UTC+1 or UTC+2: take the offset that maps back to the same wall clock.
  for (const h of [1, 2]) {
    const ms = asUtc - h * 3600_000;
    const wall = new Intl.DateTimeFormat('sv-SE', {
      timeZone: 'Europe/Warsaw',
      hour: '2-digit',
      hourCycle: 'h23',
    }).format(new Date(ms));
    if (Number(wall) === new Date(asUtc).getUTCHours()) return ms;
  }
  return asUtc - 3600_000;
}

export interface Selection {
  /** Sorted matching entries (before the technical limit). */
  entries: MetaEntry[];
  /** For PermanentStorage: the mark below which the data is complete; null for other date types. */
  hwmMs: number | null;
  /** dateRange.from is past the HWM while restricted to it (21183 / export status 420). */
  beyondHwm: boolean;
}

/** Applies the filters for the caller's context; throws 21405 for an invalid range. */
export function select(sim: Sim, contextNip: string, f: InvoiceQueryFilters, order: 'Asc' | 'Desc'): Selection {
  const from = parseDate(f.dateRange.from);
  const now = sim.now();
  let to = f.dateRange.to ? parseDate(f.dateRange.to) : now;
  if (Number.isNaN(from) || Number.isNaN(to)) throw validationError(['dateRange: nieprawidłowa data.']);
  const type = f.dateRange.dateType;
  // Everything stored up to "now" is known to the simulator, so the mark is the query's end, capped at now.
  const hwmMs = type === 'PermanentStorage' ? Math.min(to, now) : null;
  const restrict = type === 'PermanentStorage' && f.dateRange.restrictToPermanentStorageHwmDate === true;
  if (restrict && hwmMs !== null && from > hwmMs) return { entries: [], hwmMs, beyondHwm: true };
  if (to < from) throw validationError(['dateRange.to jest wcześniejsza niż dateRange.from.']);
  if (to > addMonths(from, 3)) throw validationError(['Maksymalny dozwolony okres dateRange wynosi 3 miesiące.']);
  if (restrict && hwmMs !== null) to = hwmMs;
  const entries = storedInvoices(sim).filter((e) => {
    const m = e.meta;
    const d = dateOf(e, type);
    if (d < from || d > to) return false;
    if (f.subjectType === 'Subject1' && m.seller.nip !== contextNip) return false;
    if (f.subjectType === 'Subject2' && !(m.buyer.identifier.type === 'Nip' && m.buyer.identifier.value === contextNip))
      return false;
    if (f.subjectType === 'Subject3' && !e.thirdNips.includes(contextNip)) return false;
    if (f.subjectType === 'SubjectAuthorized') return false; // no authorised subjects in the simulator
    if (f.ksefNumber && m.ksefNumber !== f.ksefNumber) return false;
    if (f.invoiceNumber && m.invoiceNumber !== f.invoiceNumber) return false;
    if (f.sellerNip && m.seller.nip !== f.sellerNip) return false;
    if (f.buyerIdentifier) {
      const b = m.buyer.identifier;
      if (b.type !== f.buyerIdentifier.type) return false;
      if (f.buyerIdentifier.value && b.value !== f.buyerIdentifier.value) return false;
    }
    if (f.currencyCodes?.length && !f.currencyCodes.includes(m.currency)) return false;
    if (f.invoicingMode && m.invoicingMode !== f.invoicingMode) return false;
    if (f.isSelfInvoicing != null && m.isSelfInvoicing !== f.isSelfInvoicing) return false;
    if (f.formType && f.formType !== 'FA') return false;
    if (f.invoiceTypes?.length && !f.invoiceTypes.includes(m.invoiceType)) return false;
    if (f.hasAttachment != null && m.hasAttachment !== f.hasAttachment) return false;
    if (f.amount) {
      const v = f.amount.type === 'Brutto' ? m.grossAmount : f.amount.type === 'Netto' ? m.netAmount : m.vatAmount;
      if (f.amount.from != null && v < f.amount.from) return false;
      if (f.amount.to != null && v > f.amount.to) return false;
    }
    return true;
  });
  const sign = order === 'Desc' ? -1 : 1;
  entries.sort(
    (a, b) => sign * (dateOf(a, type) - dateOf(b, type)) || (a.meta.ksefNumber < b.meta.ksefNumber ? -1 : 1),
  );
  return { entries, hwmMs, beyondHwm: false };
}

export function beyondHwmError() {
  return badRequest(21183, 'Zakres filtrowania wykracza poza dostępny zakres danych.', [
    'Parametr dateRange.from jest późniejszy niż PermanentStorageHwmDate przy włączonym restrictToPermanentStorageHwmDate.',
  ]);
}

export function queryMetadata(sim: Sim, ctx: Ctx): Reply {
  const auth = sim.access(ctx, READ);
  const filters = jsonBody<InvoiceQueryFilters>(ctx);
  const order = ctx.query.get('sortOrder') === 'Desc' ? 'Desc' : 'Asc';
  const pageSize = Number(ctx.query.get('pageSize') ?? 10);
  const pageOffset = Number(ctx.query.get('pageOffset') ?? 0);
  const sel = select(sim, auth.contextValue, filters, order);
  if (sel.beyondHwm) throw beyondHwmError();
  const max = sim.store.purchases.maxQueryRecords;
  const capped = sel.entries.slice(0, max);
  const start = pageOffset * pageSize;
  const end = start + pageSize;
  const page = capped.slice(start, end);
  return {
    status: 200,
    json: {
      hasMore: end < sel.entries.length,
      // The technical limit is reached on the page that ends at it while more records match.
      isTruncated: sel.entries.length > max && end >= max,
      ...(sel.hwmMs !== null ? { permanentStorageHwmDate: sim.iso(sel.hwmMs) } : {}),
      invoices: page.map((e) => e.meta),
    },
  };
}
