/**
 * Semantic checks of an FA(3) document beyond the XSD (which cannot check NIP checksums or sums):
 * NIP checksums, P_15 against the per-rate totals, line sums against the per-rate totals, dates,
 * and empty lines. Used by the `validate` CLI and before sending XML not produced by `build.ts`.
 */
import { XMLParser } from 'fast-xml-parser';
import { isValidNip } from '../core/nip';
import { warsawDay } from '../core/warsaw';
import { toGrosz } from './money';

/** The Warsaw day of DataWytworzeniaFa (an ISO date-time), or its date part if it cannot be read. */
function creationDay(value: string): string {
  if (!value) return '';
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? value.slice(0, 10) : warsawDay(ms);
}

export interface SemanticIssue {
  code: string;
  /** Element path in the FA(3) document. */
  path: string;
  message: string;
}

type Node = Record<string, unknown>;

const parser = new XMLParser({
  ignoreAttributes: true,
  removeNSPrefix: true,
  parseTagValue: false,
  trimValues: true,
  isArray: (name) => name === 'FaWiersz',
});

const text = (v: unknown): string => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '');
const obj = (v: unknown): Node => (typeof v === 'object' && v !== null ? (v as Node) : {});
const amount = (v: unknown): number | undefined => {
  const t = text(v);
  return t === '' ? undefined : toGrosz(Number(t));
};

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
const VAT_FIELDS = ['P_14_1', 'P_14_2', 'P_14_3', 'P_14_4', 'P_14_5'];

/** Checks a well-formed FA(3) document; returns [] when nothing is wrong. */
export function checkFa3Xml(xml: Uint8Array | string): SemanticIssue[] {
  const issues: SemanticIssue[] = [];
  const src = typeof xml === 'string' ? xml : new TextDecoder().decode(xml);
  let doc: Node;
  try {
    doc = obj(parser.parse(src));
  } catch (e) {
    return [
      {
        code: 'XML_MALFORMED',
        path: '/',
        message: `Plik XML jest uszkodzony: ${e instanceof Error ? e.message : String(e)}`,
      },
    ];
  }
  const f = obj(doc.Faktura);
  const p1 = obj(obj(f.Podmiot1).DaneIdentyfikacyjne);
  const sellerNip = text(p1.NIP);
  if (!isValidNip(sellerNip)) {
    issues.push({
      code: 'SELLER_NIP_INVALID',
      path: '/Faktura/Podmiot1/DaneIdentyfikacyjne/NIP',
      message: `NIP sprzedawcy ${sellerNip} ma błędną cyfrę kontrolną.`,
    });
  }
  const buyerNip = text(obj(obj(f.Podmiot2).DaneIdentyfikacyjne).NIP);
  if (buyerNip && !isValidNip(buyerNip)) {
    issues.push({
      code: 'BUYER_NIP_INVALID',
      path: '/Faktura/Podmiot2/DaneIdentyfikacyjne/NIP',
      message: `NIP nabywcy ${buyerNip} ma błędną cyfrę kontrolną.`,
    });
  }
  if (buyerNip && buyerNip === sellerNip) {
    issues.push({
      code: 'BUYER_IS_SELLER',
      path: '/Faktura/Podmiot2/DaneIdentyfikacyjne/NIP',
      message: 'NIP nabywcy jest taki sam jak NIP sprzedawcy.',
    });
  }
  const fa = obj(f.Fa);
  const p1Date = text(fa.P_1);
  // P_1 is a Warsaw calendar day; DataWytworzeniaFa an instant (UTC in our files): compare with
  // the Warsaw day of that instant, or every invoice issued between 00:00 and 01:00 (02:00 in
  // summer) Warsaw time would look issued after its file was made.
  const created = creationDay(text(obj(f.Naglowek).DataWytworzeniaFa));
  if (p1Date && created && p1Date > created) {
    issues.push({
      code: 'ISSUE_DATE_AFTER_CREATION',
      path: '/Faktura/Fa/P_1',
      message: `Data wystawienia ${p1Date} jest późniejsza niż data wytworzenia pliku ${created}.`,
    });
  }
  let sumNet = 0;
  let sumVat = 0;
  for (const k of NET_FIELDS) sumNet += amount(fa[k]) ?? 0;
  for (const k of VAT_FIELDS) sumVat += amount(fa[k]) ?? 0;
  const p15 = amount(fa.P_15);
  const rodzaj = text(fa.RodzajFaktury);
  if (p15 !== undefined && (rodzaj === 'VAT' || rodzaj === 'KOR') && sumNet + sumVat !== p15) {
    issues.push({
      code: 'TOTAL_MISMATCH',
      path: '/Faktura/Fa/P_15',
      message: `P_15 (${text(fa.P_15)}) nie jest równe sumie wartości netto i VAT ze wszystkich stawek (${((sumNet + sumVat) / 100).toFixed(2)}).`,
    });
  }
  const lines = Array.isArray(fa.FaWiersz) ? (fa.FaWiersz as unknown[]).map(obj) : [];
  // art. 106e ust. 11: foreign-currency VAT must also be stated in PLN (P_14_xW).
  const currency = text(fa.KodWaluty);
  if (currency && currency !== 'PLN') {
    for (const n of [1, 2, 3, 4]) {
      if (fa[`P_14_${n}`] !== undefined && fa[`P_14_${n}W`] === undefined) {
        issues.push({
          code: 'PLN_VAT_MISSING',
          path: `/Faktura/Fa/P_14_${n}W`,
          message: `Faktura w ${currency} nie podaje kwoty VAT w złotych (P_14_${n}W).`,
        });
      }
    }
  }
  // 0 % WDT requires the buyer's EU VAT number (KodUE + NrVatUE).
  const buyerIds = obj(obj(f.Podmiot2).DaneIdentyfikacyjne);
  if (lines.some((l) => text(l.P_12) === '0 WDT') && !text(buyerIds.NrVatUE)) {
    issues.push({
      code: 'WDT_WITHOUT_VAT_ID',
      path: '/Faktura/Podmiot2/DaneIdentyfikacyjne',
      message: 'Stawka 0% WDT wymaga numeru VAT UE nabywcy (KodUE i NrVatUE).',
    });
  }
  if ((rodzaj === 'VAT' || rodzaj === 'UPR') && lines.length === 0) {
    issues.push({ code: 'NO_LINES', path: '/Faktura/Fa', message: 'Faktura nie ma żadnych pozycji (FaWiersz).' });
  }
  let linesNet = 0;
  let linesGross = 0;
  let allNet = true;
  let allGross = true;
  lines.forEach((l, i) => {
    const path = `/Faktura/Fa/FaWiersz[${i + 1}]`;
    if (!text(l.P_7))
      issues.push({ code: 'LINE_NAME_MISSING', path: `${path}/P_7`, message: `Pozycja ${i + 1} nie ma nazwy.` });
    const qty = text(l.P_8B);
    if (qty !== '' && Number(qty) === 0)
      issues.push({ code: 'LINE_QUANTITY_ZERO', path: `${path}/P_8B`, message: `Pozycja ${i + 1} ma zerową ilość.` });
    const net = amount(l.P_11);
    const gross = amount(l.P_11A);
    if (net === undefined) allNet = false;
    else linesNet += net;
    if (gross === undefined) allGross = false;
    else linesGross += gross;
  });
  // Only a check when every line carries the same kind of value and there is no StanPrzed pairing.
  const hasBefore = lines.some((l) => text(l.StanPrzed) === '1');
  if (lines.length && !hasBefore && rodzaj === 'VAT') {
    if (allGross && p15 !== undefined && linesGross !== p15) {
      issues.push({
        code: 'LINES_GROSS_MISMATCH',
        path: '/Faktura/Fa/FaWiersz',
        message: `Suma wartości brutto pozycji (${(linesGross / 100).toFixed(2)}) różni się od P_15 (${text(fa.P_15)}).`,
      });
    } else if (!allGross && allNet && linesNet !== sumNet) {
      issues.push({
        code: 'LINES_NET_MISMATCH',
        path: '/Faktura/Fa/FaWiersz',
        message: `Suma wartości netto pozycji (${(linesNet / 100).toFixed(2)}) różni się od sumy P_13 (${(sumNet / 100).toFixed(2)}).`,
      });
    }
  }
  return issues;
}
