/**
 * A received FA(3) invoice read for people: parties, lines, the VAT summary per rate (with VAT in
 * PLN for a foreign currency), payment and bank accounts, annotations and correction data. Only
 * reads (fast-xml-parser); labels are the page's (src/ui/purchases/i18n.ts).
 */
import { XMLParser } from 'fast-xml-parser';

export interface Fa3Party {
  nip?: string;
  /** EU VAT number (country code + number) or another identifier. */
  otherId?: string;
  name: string;
  address: string[];
  country?: string;
  email?: string;
  phone?: string;
  /** Podmiot3 role code (FA(3) TRolaPodmiotu3). */
  role?: string;
}

export interface Fa3Line {
  no: string;
  name: string;
  unit: string;
  qty: string;
  unitNet: string;
  unitGross: string;
  net: string;
  gross: string;
  rate: string;
}

/** One rate of the VAT summary; `rate` is the FA(3) field suffix (1, 2, 3, 4, 5, 6_1…11). */
export interface Fa3VatRow {
  rate: string;
  net: number;
  vat?: number;
  vatPln?: number;
}

export interface Fa3View {
  number: string;
  kind: string;
  issueDate: string;
  place?: string;
  saleDate?: string;
  salePeriod?: [string, string];
  currency: string;
  exchangeRate?: string;
  seller: Fa3Party;
  buyer: Fa3Party;
  others: Fa3Party[];
  lines: Fa3Line[];
  vat: Fa3VatRow[];
  total: number;
  /** Annotation codes that apply (P_16 cash method, P_17 self-billing, P_18 reverse charge, P_18A split payment,
   * P_19 exemption, P_22 new means of transport, P_23 simplified triangular, PMarzy margin). */
  annotations: string[];
  exemptionBasis?: string;
  payment?:
    | {
        due: string[];
        form?: string;
        paid?: boolean;
        paidDate?: string;
        accounts: { number: string; bank?: string; description?: string }[];
      }
    | undefined;
  correction?: { reason?: string; type?: string; of: { number: string; issueDate: string; ksefNumber?: string }[] };
  notes: { key: string; value: string }[];
  footer: string[];
}

type Node = Record<string, unknown>;
const ARRAYS = new Set([
  'FaWiersz',
  'Podmiot3',
  'DaneFaKorygowanej',
  'TerminPlatnosci',
  'RachunekBankowy',
  'DodatkowyOpis',
  'Informacje',
]);
const parser = new XMLParser({
  ignoreAttributes: true,
  removeNSPrefix: true,
  parseTagValue: false,
  trimValues: true,
  isArray: (name) => ARRAYS.has(name),
});

const obj = (x: unknown): Node => (x && typeof x === 'object' && !Array.isArray(x) ? (x as Node) : {});
const arr = (x: unknown): Node[] => (Array.isArray(x) ? x.map(obj) : x === undefined ? [] : [obj(x)]);
const str = (x: unknown): string => (x === undefined || x === null || typeof x === 'object' ? '' : String(x));
const num = (x: unknown): number => Number(str(x) || 0);

function party(p: Node): Fa3Party {
  const id = obj(p.DaneIdentyfikacyjne);
  const a = obj(p.Adres);
  const c = obj(Array.isArray(p.DaneKontaktowe) ? p.DaneKontaktowe[0] : p.DaneKontaktowe);
  const otherId = str(id.NrVatUE) ? `${str(id.KodUE)}${str(id.NrVatUE)}` : str(id.NrID) || undefined;
  return {
    ...(str(id.NIP) ? { nip: str(id.NIP) } : {}),
    ...(otherId ? { otherId } : {}),
    name: str(id.Nazwa),
    address: [str(a.AdresL1), str(a.AdresL2)].filter(Boolean),
    ...(str(a.KodKraju) ? { country: str(a.KodKraju) } : {}),
    ...(str(c.Email) ? { email: str(c.Email) } : {}),
    ...(str(c.Telefon) ? { phone: str(c.Telefon) } : {}),
    ...(str(p.Rola) ? { role: str(p.Rola) } : {}),
  };
}

const VAT_RATES = ['1', '2', '3', '4', '5', '6_1', '6_2', '6_3', '7', '8', '9', '10', '11'];

function vatRows(fa: Node): Fa3VatRow[] {
  const pln = str(fa.KodWaluty) === 'PLN' || !str(fa.KodWaluty);
  const out: Fa3VatRow[] = [];
  for (const r of VAT_RATES) {
    if (fa[`P_13_${r}`] === undefined) continue;
    const row: Fa3VatRow = { rate: r, net: num(fa[`P_13_${r}`]) };
    if (fa[`P_14_${r}`] !== undefined) row.vat = num(fa[`P_14_${r}`]);
    if (fa[`P_14_${r}W`] !== undefined) row.vatPln = num(fa[`P_14_${r}W`]);
    else if (pln && row.vat !== undefined) row.vatPln = row.vat;
    out.push(row);
  }
  return out;
}

function annotations(a: Node): { list: string[]; basis?: string } {
  const list: string[] = [];
  for (const k of ['P_16', 'P_17', 'P_18', 'P_18A', 'P_23']) if (str(a[k]) === '1') list.push(k);
  const zw = obj(a.Zwolnienie);
  let basis: string | undefined;
  if (str(zw.P_19) === '1') {
    list.push('P_19');
    basis = str(zw.P_19A) || str(zw.P_19B) || str(zw.P_19C) || undefined;
  }
  if (str(obj(a.NoweSrodkiTransportu).P_22) === '1') list.push('P_22');
  const m = obj(a.PMarzy);
  if (str(m.P_PMarzy) === '1') list.push('PMarzy');
  return { list, ...(basis ? { basis } : {}) };
}

function payment(fa: Node): Fa3View['payment'] {
  const p = obj(fa.Platnosc);
  if (Object.keys(p).length === 0) return undefined;
  return {
    due: arr(p.TerminPlatnosci)
      .map((t) => str(t.Termin) || str(obj(t.TerminOpis).Ilosc))
      .filter(Boolean),
    ...(str(p.FormaPlatnosci) ? { form: str(p.FormaPlatnosci) } : {}),
    ...(str(p.Zaplacono) === '1' ? { paid: true, paidDate: str(p.DataZaplaty) } : {}),
    accounts: arr(p.RachunekBankowy).map((r) => ({
      number: str(r.NrRB),
      ...(str(r.NazwaBanku) ? { bank: str(r.NazwaBanku) } : {}),
      ...(str(r.OpisRachunku) ? { description: str(r.OpisRachunku) } : {}),
    })),
  };
}

export function readFa3(xml: Uint8Array | string): Fa3View {
  const text = typeof xml === 'string' ? xml : new TextDecoder().decode(xml);
  const f = obj(obj(parser.parse(text)).Faktura);
  const fa = obj(f.Fa);
  const ann = annotations(obj(fa.Adnotacje));
  const period = obj(fa.OkresFa);
  const corrected = arr(fa.DaneFaKorygowanej);
  return {
    number: str(fa.P_2),
    kind: str(fa.RodzajFaktury),
    issueDate: str(fa.P_1),
    ...(str(fa.P_1M) ? { place: str(fa.P_1M) } : {}),
    ...(str(fa.P_6) ? { saleDate: str(fa.P_6) } : {}),
    ...(str(period.P_6_Od) ? { salePeriod: [str(period.P_6_Od), str(period.P_6_Do)] as [string, string] } : {}),
    currency: str(fa.KodWaluty) || 'PLN',
    ...(str(fa.KursWalutyZ) ? { exchangeRate: str(fa.KursWalutyZ) } : {}),
    seller: party(obj(f.Podmiot1)),
    buyer: party(obj(f.Podmiot2)),
    others: arr(f.Podmiot3).map(party),
    lines: arr(fa.FaWiersz).map((w) => ({
      no: str(w.NrWierszaFa),
      name: str(w.P_7),
      unit: str(w.P_8A),
      qty: str(w.P_8B),
      unitNet: str(w.P_9A),
      unitGross: str(w.P_9B),
      net: str(w.P_11),
      gross: str(w.P_11A),
      rate: str(w.P_12),
    })),
    vat: vatRows(fa),
    total: num(fa.P_15),
    annotations: ann.list,
    ...(ann.basis ? { exemptionBasis: ann.basis } : {}),
    payment: payment(fa),
    ...(corrected.length || str(fa.PrzyczynaKorekty)
      ? {
          correction: {
            ...(str(fa.PrzyczynaKorekty) ? { reason: str(fa.PrzyczynaKorekty) } : {}),
            ...(str(fa.TypKorekty) ? { type: str(fa.TypKorekty) } : {}),
            of: corrected.map((d) => ({
              number: str(d.NrFaKorygowanej),
              issueDate: str(d.DataWystFaKorygowanej),
              ...(str(d.NrKSeFFaKorygowanej) ? { ksefNumber: str(d.NrKSeFFaKorygowanej) } : {}),
            })),
          },
        }
      : {}),
    notes: arr(fa.DodatkowyOpis).map((d) => ({ key: str(d.Klucz), value: str(d.Wartosc) })),
    footer: arr(obj(f.Stopka).Informacje)
      .map((i) => str(i.StopkaFaktury))
      .filter(Boolean),
  };
}
