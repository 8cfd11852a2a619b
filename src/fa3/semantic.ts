/**
 * Semantic checks of an FA(3) document beyond the XSD (which cannot check NIP checksums or sums):
 * NIP checksums, P_15 against the per-rate totals, line sums against the per-rate totals, dates,
 * and empty lines. Used by the `validate` CLI and before sending XML not produced by `build.ts`.
 */
import { XMLParser } from 'fast-xml-parser';
import { isValidNip } from '../core/nip';
import { warsawDay } from '../core/warsaw';
import type { Fa3Key } from '../i18n/fa3';
import type { Params } from '../i18n/fill';
import { toGrosz } from './money';
import { fa3Pl } from './problem';

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
  /** Polish, worded from `key` (or `code`) and `params` by the fa3 slice of src/i18n. */
  message: string;
  params: Params;
  /** The fa3 text key when it is not `code`: the builder words the same code differently. */
  key?: Fa3Key;
}

/** An issue worded by its code, or by `key` where the builder uses the code with other words. */
function issue(code: Fa3Key, path: string, params?: Params): SemanticIssue;
function issue(code: string, path: string, params: Params, key: Fa3Key): SemanticIssue;
function issue(code: string, path: string, params: Params = {}, key?: Fa3Key): SemanticIssue {
  const k = key ?? (code as Fa3Key);
  return { code, path, params, ...(k !== code ? { key: k } : {}), message: fa3Pl(k, params) };
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
    return [issue('XML_MALFORMED', '/', { error: e instanceof Error ? e.message : String(e) })];
  }
  const f = obj(doc.Faktura);
  const p1 = obj(obj(f.Podmiot1).DaneIdentyfikacyjne);
  const sellerNip = text(p1.NIP);
  if (!isValidNip(sellerNip)) {
    const path = '/Faktura/Podmiot1/DaneIdentyfikacyjne/NIP';
    issues.push(issue('SELLER_NIP_INVALID', path, { nip: sellerNip }, 'SELLER_NIP_CHECKSUM'));
  }
  const buyerNip = text(obj(obj(f.Podmiot2).DaneIdentyfikacyjne).NIP);
  if (buyerNip && !isValidNip(buyerNip)) {
    const path = '/Faktura/Podmiot2/DaneIdentyfikacyjne/NIP';
    issues.push(issue('BUYER_NIP_INVALID', path, { nip: buyerNip }, 'BUYER_NIP_CHECKSUM'));
  }
  if (buyerNip && buyerNip === sellerNip) {
    issues.push(issue('BUYER_IS_SELLER', '/Faktura/Podmiot2/DaneIdentyfikacyjne/NIP'));
  }
  const fa = obj(f.Fa);
  const p1Date = text(fa.P_1);
  // P_1 is a Warsaw calendar day; DataWytworzeniaFa an instant (UTC in our files): compare with
  // the Warsaw day of that instant, or every invoice issued between 00:00 and 01:00 (02:00 in
  // summer) Warsaw time would look issued after its file was made.
  const created = creationDay(text(obj(f.Naglowek).DataWytworzeniaFa));
  if (p1Date && created && p1Date > created) {
    issues.push(issue('ISSUE_DATE_AFTER_CREATION', '/Faktura/Fa/P_1', { date: p1Date, created }));
  }
  let sumNet = 0;
  let sumVat = 0;
  for (const k of NET_FIELDS) sumNet += amount(fa[k]) ?? 0;
  for (const k of VAT_FIELDS) sumVat += amount(fa[k]) ?? 0;
  const p15 = amount(fa.P_15);
  const rodzaj = text(fa.RodzajFaktury);
  if (p15 !== undefined && (rodzaj === 'VAT' || rodzaj === 'KOR') && sumNet + sumVat !== p15) {
    const params = { p15: text(fa.P_15), sum: ((sumNet + sumVat) / 100).toFixed(2) };
    issues.push(issue('TOTAL_MISMATCH', '/Faktura/Fa/P_15', params));
  }
  const lines = Array.isArray(fa.FaWiersz) ? (fa.FaWiersz as unknown[]).map(obj) : [];
  // art. 106e ust. 11: foreign-currency VAT must also be stated in PLN (P_14_xW).
  const currency = text(fa.KodWaluty);
  if (currency && currency !== 'PLN') {
    for (const n of [1, 2, 3, 4]) {
      if (fa[`P_14_${n}`] !== undefined && fa[`P_14_${n}W`] === undefined) {
        const field = `P_14_${n}W`;
        issues.push(issue('PLN_VAT_MISSING', `/Faktura/Fa/${field}`, { currency, field }));
      }
    }
  }
  // 0 % WDT requires the buyer's EU VAT number (KodUE + NrVatUE).
  const buyerIds = obj(obj(f.Podmiot2).DaneIdentyfikacyjne);
  if (lines.some((l) => text(l.P_12) === '0 WDT') && !text(buyerIds.NrVatUE)) {
    issues.push(issue('WDT_WITHOUT_VAT_ID', '/Faktura/Podmiot2/DaneIdentyfikacyjne', {}, 'WDT_WITHOUT_NR_VAT_UE'));
  }
  if ((rodzaj === 'VAT' || rodzaj === 'UPR') && lines.length === 0) {
    issues.push(issue('NO_LINES', '/Faktura/Fa'));
  }
  let linesNet = 0;
  let linesGross = 0;
  let allNet = true;
  let allGross = true;
  lines.forEach((l, i) => {
    const path = `/Faktura/Fa/FaWiersz[${i + 1}]`;
    if (!text(l.P_7)) issues.push(issue('LINE_NAME_MISSING', `${path}/P_7`, { line: i + 1 }));
    const qty = text(l.P_8B);
    if (qty !== '' && Number(qty) === 0) issues.push(issue('LINE_QUANTITY_ZERO', `${path}/P_8B`, { line: i + 1 }));
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
      const params = { lines: (linesGross / 100).toFixed(2), p15: text(fa.P_15) };
      issues.push(issue('LINES_GROSS_MISMATCH', '/Faktura/Fa/FaWiersz', params));
    } else if (!allGross && allNet && linesNet !== sumNet) {
      const params = { lines: (linesNet / 100).toFixed(2), net: (sumNet / 100).toFixed(2) };
      issues.push(issue('LINES_NET_MISMATCH', '/Faktura/Fa/FaWiersz', params));
    }
  }
  return issues;
}
