// InvoiceMetadata (openapi.json) of an invoice the simulator accepted: read once from its FA(3) XML and the
// record's dates, cached per record. Used by the metadata query, the export's _metadata.json and its filters.
import { XMLParser } from 'fast-xml-parser';
import type { Sim } from './core';
import type { InvoiceRec, SessionRec } from './store';

export interface InvoiceMetadata {
  ksefNumber: string;
  invoiceNumber: string;
  issueDate: string;
  invoicingDate: string;
  acquisitionDate: string;
  permanentStorageDate: string;
  seller: { nip: string; name?: string | null };
  buyer: { identifier: { type: 'Nip' | 'VatUe' | 'Other' | 'None'; value?: string | null }; name?: string | null };
  netAmount: number;
  grossAmount: number;
  vatAmount: number;
  currency: string;
  invoicingMode: 'Online' | 'Offline';
  invoiceType: string;
  formCode: { systemCode: string; schemaVersion: string; value: string };
  isSelfInvoicing: boolean;
  hasAttachment: boolean;
  invoiceHash: string;
  hashOfCorrectedInvoice?: string | null;
  thirdSubjects: { identifier: { type: string; value?: string | null }; name?: string | null; role: number }[];
}

/** What the filters need besides the metadata itself. */
export interface MetaEntry {
  meta: InvoiceMetadata;
  rec: InvoiceRec;
  /** Dates as ms for sorting and ranges. */
  permanentMs: number;
  invoicingMs: number;
  /** NIPs of Podmiot3 (Subject3). */
  thirdNips: string[];
}

const parser = new XMLParser({ ignoreAttributes: true, removeNSPrefix: true, parseTagValue: false, trimValues: true });

const TYPES: Record<string, string> = {
  VAT: 'Vat',
  ZAL: 'Zal',
  KOR: 'Kor',
  ROZ: 'Roz',
  UPR: 'Upr',
  KOR_ZAL: 'KorZal',
  KOR_ROZ: 'KorRoz',
};

type Node = Record<string, unknown>;
const obj = (x: unknown): Node => (x && typeof x === 'object' && !Array.isArray(x) ? (x as Node) : {});
const list = (x: unknown): Node[] => (Array.isArray(x) ? x.map(obj) : x === undefined ? [] : [obj(x)]);
const str = (x: unknown): string => (typeof x === 'string' ? x : x === undefined || x === null ? '' : String(x));
const num = (x: unknown): number => (str(x) === '' ? 0 : Number(str(x)));
const round2 = (n: number) => Math.round(n * 100) / 100;

const NET_FIELDS = [
  'P_13_1',
  'P_13_2',
  'P_13_3',
  'P_13_4',
  'P_13_5',
  'P_13_6_1',
  'P_13_6_2',
  'P_13_6_3',
  'P_13_7',
  'P_13_8',
  'P_13_9',
  'P_13_10',
  'P_13_11',
];

function buyerOf(p2: Node): InvoiceMetadata['buyer'] {
  const id = obj(p2.DaneIdentyfikacyjne);
  const name = str(id.Nazwa) || null;
  if (str(id.NIP)) return { identifier: { type: 'Nip', value: str(id.NIP) }, name };
  if (str(id.NrVatUE)) return { identifier: { type: 'VatUe', value: `${str(id.KodUE)}${str(id.NrVatUE)}` }, name };
  if (str(id.NrID)) return { identifier: { type: 'Other', value: str(id.NrID) }, name };
  return { identifier: { type: 'None', value: null }, name };
}

function parse(rec: InvoiceRec, sim: Sim): MetaEntry {
  const doc = obj(parser.parse(new TextDecoder().decode(rec.xml)));
  const f = obj(doc.Faktura);
  const fa = obj(f.Fa);
  const p1 = obj(obj(f.Podmiot1).DaneIdentyfikacyjne);
  const net = NET_FIELDS.reduce((s, k) => s + num(fa[k]), 0);
  // VAT in PLN: the W fields carry the PLN value of a foreign-currency invoice.
  let vat = 0;
  for (const i of ['1', '2', '3', '4'])
    vat += fa[`P_14_${i}W`] !== undefined ? num(fa[`P_14_${i}W`]) : num(fa[`P_14_${i}`]);
  vat += num(fa.P_14_5);
  const third = list(f.Podmiot3);
  const permanentMs = rec.permanentMs ?? rec.tFinal;
  const meta: InvoiceMetadata = {
    ksefNumber: rec.ksefNumber!,
    invoiceNumber: str(fa.P_2),
    issueDate: str(fa.P_1),
    invoicingDate: sim.iso(rec.invoicingMs),
    acquisitionDate: sim.iso(rec.tFinal),
    permanentStorageDate: sim.iso(permanentMs),
    seller: { nip: str(p1.NIP), name: str(p1.Nazwa) || null },
    buyer: buyerOf(obj(f.Podmiot2)),
    netAmount: round2(net),
    grossAmount: round2(num(fa.P_15)),
    vatAmount: round2(vat),
    currency: str(fa.KodWaluty) || 'PLN',
    invoicingMode: rec.invoicingMode ?? 'Online',
    invoiceType: TYPES[str(fa.RodzajFaktury)] ?? 'Vat',
    formCode: { systemCode: 'FA (3)', schemaVersion: '1-0E', value: 'FA' },
    isSelfInvoicing: str(obj(fa.Adnotacje).P_17) === '1',
    hasAttachment: f.Zalacznik !== undefined,
    invoiceHash: rec.invoiceHash,
    hashOfCorrectedInvoice: rec.correctedHash ?? null,
    thirdSubjects: third.map((p) => {
      const id = obj(p.DaneIdentyfikacyjne);
      return {
        identifier: str(id.NIP) ? { type: 'Nip', value: str(id.NIP) } : { type: 'None', value: null },
        name: str(id.Nazwa) || null,
        role: num(p.Rola) || 0,
      };
    }),
  };
  const thirdNips = third.map((p) => str(obj(p.DaneIdentyfikacyjne).NIP)).filter(Boolean);
  return { meta, rec, permanentMs, invoicingMs: rec.invoicingMs, thirdNips };
}

const cache = new WeakMap<InvoiceRec, MetaEntry>();

/** Seeds the cache (the seeding control call knows the facts without parsing). */
export function rememberMeta(rec: InvoiceRec, entry: MetaEntry): void {
  cache.set(rec, entry);
}

/**
 * Every invoice in permanent storage (only then can it be downloaded or listed, CIRFMF/ksef-api#96), with its
 * metadata. Order is unspecified.
 */
export function storedInvoices(sim: Sim): MetaEntry[] {
  const now = sim.now();
  const out: MetaEntry[] = [];
  for (const s of sim.store.sessions.values() as Iterable<SessionRec>) {
    for (const rec of s.invoices) {
      if (rec.result.code !== 200 || !rec.ksefNumber || !rec.xml) continue;
      if ((rec.permanentMs ?? rec.tFinal) > now) continue;
      let e = cache.get(rec);
      if (!e) {
        e = parse(rec, sim);
        cache.set(rec, e);
      }
      out.push(e);
    }
  }
  return out;
}
