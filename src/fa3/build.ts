/**
 * Base invoice + seller settings + rules → FA(3) XML bytes (UTF-8, no BOM, element order of the
 * official XSD `schemat_FA(3)_v1-0E.xsd`, deterministic). Pure: no extension APIs, no clock or
 * network unless passed in. Every refusal is an `Fa3Error` in Polish naming the Base field to fix.
 */
import type { BaseInvoice } from '../base/api/types';
import { warsawDay } from '../core/warsaw';
import { adnotacje, marksSplitPayment } from './annotations';
import { FA3_CURRENCY_CODES } from './codes';
import { correctionElements } from './correction';
import { fa3Timestamp, INVALID_DAY, inFa3DateRange, invoiceDayOfUnix } from './dates';
import { inputWarnings } from './input-warnings';
import { formatDecimal, formatGrosz, roundHalfAway, toGrosz } from './money';
import { buildPodmiot1, buildPodmiot2, buildPodmiot3 } from './parties';
import { mapPayment } from './payment';
import { fa3Problem } from './problem';
import { classifyRate, rulesFor } from './rates';
import { invoiceSizeProblem } from './size-limit';
import { baseTotals, type Group, groupTotals, type Line, type Method, sum } from './totals';
import type { BuildInput, ExchangeRate, Fa3Error, Fa3Result, Fa3Totals } from './types';
import { collapse, el, serialize, type XmlNode } from './xml';

export const FA3_NAMESPACE = 'http://crd.gov.pl/wzor/2025/06/25/13775/';
export { KSEF_NUMBER_RE } from './correction';

/** Order of the per-rate fields in `Fa` (XSD sequence). */
const TOTAL_FIELDS = [
  'P_13_1',
  'P_14_1',
  'P_14_1W',
  'P_13_2',
  'P_14_2',
  'P_14_2W',
  'P_13_3',
  'P_14_3',
  'P_14_3W',
  'P_13_4',
  'P_14_4',
  'P_14_4W',
  'P_13_5',
  'P_14_5',
  'P_13_6_1',
  'P_13_6_2',
  'P_13_6_3',
  'P_13_7',
  'P_13_8',
  'P_13_9',
  'P_13_10',
  'P_13_11',
] as const;

const len = (s: string) => [...s].length;

/** Line value in grosze: unit price × quantity rounded ONCE, so a 4-decimal net price (Base keeps
 * `price_netto` to 4 places) is not rounded to the grosz before multiplying. `toFixed(6)` strips
 * binary noise (1.005 × 3 × 100 = 301.49999999999994). */
function lineAmount(price: number, qty: number): number {
  return roundHalfAway(Number((price * qty * 100).toFixed(6)));
}

/** The PLN rate for P_14_xW: Base's own conversion first, then the one passed in (NBP). */
export function baseExchangeRate(inv: BaseInvoice): ExchangeRate | undefined {
  if (inv.exchangeCurrency === 'PLN' && inv.exchangeRate !== null && inv.exchangeRate > 0) {
    return {
      rate: inv.exchangeRate,
      date: inv.exchangeDate,
      ...(inv.exchangeInfo ? { table: inv.exchangeInfo } : {}),
      source: 'base',
    };
  }
  return undefined;
}

/** A date outside FA(3)'s range; one no calendar can show is worded without its placeholder text. */
function outOfRange(what: 'ISSUE_DATE' | 'SALE_DATE', field: string, date: string): Fa3Error {
  const code = `${what}_OUT_OF_RANGE` as const;
  return date === INVALID_DAY ? fa3Problem(code, field, {}, `${what}_UNREADABLE`) : fa3Problem(code, field, { date });
}

export function buildFa3(input: BuildInput): Fa3Result {
  const inv = input.invoice;
  const rules = rulesFor(input.rules, inv.seriesId);
  const errors: Fa3Error[] = [];
  const now = input.now ?? new Date();

  const number = collapse(inv.number);
  if (!number) errors.push(fa3Problem('NUMBER_MISSING', 'number'));
  else if (len(number) > 256) errors.push(fa3Problem('NUMBER_TOO_LONG', 'number'));

  let issueDate = '';
  if (!(inv.dateAdd > 0)) errors.push(fa3Problem('ISSUE_DATE_MISSING', 'date_add'));
  else {
    issueDate = invoiceDayOfUnix(inv.dateAdd);
    if (!inFa3DateRange(issueDate)) errors.push(outOfRange('ISSUE_DATE', 'date_add', issueDate));
    else if (issueDate > warsawDay(now.getTime())) {
      // KSeF rejects P_1 later than the day of acceptance (docs/ksef-protocol.md §5).
      errors.push(fa3Problem('ISSUE_DATE_IN_FUTURE', 'date_add', { date: issueDate }));
    }
  }
  const saleDate = inv.dateSell > 0 ? invoiceDayOfUnix(inv.dateSell) : undefined;
  if (saleDate && !inFa3DateRange(saleDate)) errors.push(outOfRange('SALE_DATE', 'date_sell', saleDate));

  const currency = inv.currency || 'PLN';
  if (!FA3_CURRENCY_CODES.has(currency)) {
    errors.push(fa3Problem('CURRENCY_INVALID', 'currency', { currency: inv.currency }));
  }

  const podmiot1 = buildPodmiot1(input.seller, inv.seller, errors);
  const { node: podmiot2, kind: buyer } = buildPodmiot2(inv, input.buyer, errors);
  const podmiot3 = buildPodmiot3(input.buyer, errors);

  if (inv.items.length > 10_000) errors.push(fa3Problem('ITEMS_TOO_MANY', 'items', { count: inv.items.length }));
  if (inv.items.length === 0) errors.push(fa3Problem('ITEMS_EMPTY', 'items'));
  const lines: Line[] = [];
  inv.items.forEach((item, index) => {
    const f = `items[${index}]`;
    const name = collapse(item.name);
    const line = index + 1;
    if (!name) errors.push(fa3Problem('ITEM_NAME_MISSING', `${f}.name`, { line }));
    else if (len(name) > 512) {
      errors.push(fa3Problem('ITEM_NAME_TOO_LONG', `${f}.name`, { line, length: len(name) }));
    }
    if (!Number.isFinite(item.quantity) || item.quantity === 0) {
      errors.push(
        fa3Problem('ITEM_QUANTITY_INVALID', `${f}.quantity`, { line, name, quantity: String(item.quantity) }),
      );
    }
    const d = classifyRate(item.taxRate, buyer, rules, input.oss === true);
    if (!d.ok) {
      errors.push(fa3Problem(d.code, `${f}.tax_rate`, { line, name, ...d.params }, d.key));
      return;
    }
    lines.push({
      item,
      index,
      cls: d.cls,
      name,
      grossG: lineAmount(item.priceBrutto, item.quantity),
      netG: lineAmount(item.priceNetto, item.quantity),
    });
  });
  // Domestic reverse charge: the buyer (a Polish VAT payer) settles the VAT, so it must have a NIP.
  if (lines.some((l) => l.cls.p12 === 'oo') && buyer.country === 'PL' && !buyer.identified) {
    errors.push(fa3Problem('OO_WITHOUT_BUYER_NIP', 'invoice_nip'));
  }
  if (lines.some((l) => l.cls.p12 === 'zw') && !rules.exemption) {
    errors.push(fa3Problem('ZW_BASIS_MISSING', 'settings.rules.exemption'));
  }

  const isKor = inv.type === 'correcting';
  const correction = isKor ? correctionElements(inv, input.correctionOf, rules, errors) : [];
  if (errors.length) return { ok: false, errors };

  // Totals that agree with Base's to the grosz: try the methods Base may have used (art. 106e ust. 7).
  const wantGross = toGrosz(inv.totalPriceBrutto);
  const wantNet = toGrosz(inv.totalPriceNetto);
  let method: Method | undefined;
  let groups: Map<string, Group> | undefined;
  // Both methods often match; businesses get net-based lines (P_9A/P_11), consumers gross (P_9B/P_11A).
  // A margin invoice states gross values only (art. 106e ust. 3): Base's net total is not on it.
  const margin = rules.margin !== undefined;
  const order: Method[] = margin ? ['gross'] : buyer.identified ? ['net', 'gross', 'lines'] : ['gross', 'net', 'lines'];
  for (const m of order) {
    const g = groupTotals(lines, m);
    if (sum(g, 'gross') === wantGross && (margin || sum(g, 'net') === wantNet)) {
      method = m;
      groups = g;
      break;
    }
  }
  if ((!method || !groups) && !margin) {
    const g = baseTotals(lines, wantGross, wantNet);
    if (g) {
      method = 'base';
      groups = g;
    }
  }
  if (!method || !groups) {
    const g = groupTotals(lines, 'gross');
    const gotGross = sum(g, 'gross');
    const field = gotGross !== wantGross ? 'total_price_brutto' : 'total_price_netto';
    const amounts = {
      gotGross: formatGrosz(gotGross),
      gotNet: formatGrosz(sum(g, 'net')),
      currency,
      wantGross: formatGrosz(wantGross),
      wantNet: formatGrosz(wantNet),
    };
    return { ok: false, errors: [fa3Problem('TOTALS_MISMATCH', field, amounts)] };
  }

  const totals: Record<string, number> = {};
  for (const g of groups.values()) {
    totals[g.cls.netField] = (totals[g.cls.netField] ?? 0) + g.net;
    if (g.cls.vatField) totals[g.cls.vatField] = (totals[g.cls.vatField] ?? 0) + g.vat;
  }
  let rate: ExchangeRate | undefined;
  if (currency !== 'PLN') {
    rate = baseExchangeRate(inv) ?? input.exchangeRate;
    const needsPln = [...groups.values()].some((g) => g.cls.vatPlnField);
    if (needsPln && !(rate && rate.rate > 0)) {
      return { ok: false, errors: [fa3Problem('EXCHANGE_RATE_MISSING', 'exchange_rate', { currency })] };
    }
    if (needsPln && rate) {
      for (const g of groups.values()) {
        const f = g.cls.vatPlnField;
        if (f) totals[f] = (totals[f] ?? 0) + roundHalfAway(Number((g.vat * rate.rate).toFixed(6)));
      }
    }
  }
  const p15 = sum(groups, 'gross');
  const allTotals: Fa3Totals = Object.assign(totals, { P_15: p15 });
  const split = marksSplitPayment(rules, p15, currency === 'PLN' ? 1 : rate?.rate);
  if (split === undefined) {
    return { ok: false, errors: [fa3Problem('SPLIT_PAYMENT_RATE_MISSING', 'exchange_rate', { currency })] };
  }

  const fa: XmlNode[] = [el('KodWaluty', currency), el('P_1', issueDate), el('P_2', number)];
  if (saleDate) fa.push(el('P_6', saleDate));
  for (const f of TOTAL_FIELDS) if (totals[f] !== undefined) fa.push(el(f, formatGrosz(totals[f]!)));
  fa.push(el('P_15', formatGrosz(p15)));
  fa.push(
    adnotacje(
      rules,
      lines.map((l) => l.cls),
      split,
    ),
  );
  fa.push(el('RodzajFaktury', isKor ? 'KOR' : 'VAT'));
  fa.push(...correction);
  if (rate && currency !== 'PLN') {
    const src = rate.table ? `tabela ${rate.table}` : rate.source === 'nbp' ? 'NBP' : 'Base';
    fa.push(
      el('DodatkowyOpis', [
        el('Klucz', 'Kurs waluty'),
        el(
          'Wartosc',
          `1 ${currency} = ${formatDecimal(rate.rate, 6)} PLN (${src}${rate.date ? ` z ${rate.date}` : ''})`,
        ),
      ]),
    );
  }
  const remarks = collapse(inv.additionalInfo);
  if (remarks) {
    const short = [...remarks].length > 256 ? `${[...remarks].slice(0, 255).join('')}…` : remarks;
    fa.push(el('DodatkowyOpis', [el('Klucz', 'Uwagi'), el('Wartosc', short)]));
  }
  // Net lines (P_9A/P_11) when totals come from net; gross lines (P_9B/P_11A) otherwise, where gross is exact.
  const net = method === 'net' || method === 'lines';
  for (const [i, l] of lines.entries()) {
    const w: XmlNode[] = [el('NrWierszaFa', String(i + 1)), el('P_7', l.name)];
    const sku = collapse(l.item.sku);
    if (sku && len(sku) <= 50) w.push(el('Indeks', sku));
    const ean = collapse(l.item.ean);
    if (ean && len(ean) <= 20) w.push(el('GTIN', ean));
    w.push(el('P_8A', l.item.isShipment ? (rules.shippingUnit ?? 'usł.') : (rules.unit ?? 'szt.')));
    w.push(el('P_8B', formatDecimal(l.item.quantity, 6)));
    if (net) w.push(el('P_9A', formatDecimal(l.item.priceNetto, 8)));
    else w.push(el('P_9B', formatDecimal(l.item.priceBrutto, 8)));
    w.push(net ? el('P_11', formatGrosz(l.netG)) : el('P_11A', formatGrosz(l.grossG)));
    if (l.cls.p12) w.push(el('P_12', l.cls.p12));
    else if (!l.cls.margin) w.push(el('P_12_XII', formatDecimal(l.cls.ossRate ?? 0, 6)));
    if (rate && currency !== 'PLN') w.push(el('KursWaluty', formatDecimal(rate.rate, 6)));
    fa.push(el('FaWiersz', w));
  }
  const platnosc: XmlNode[] = [];
  if (inv.datePayTo > 0) {
    const due = invoiceDayOfUnix(inv.datePayTo);
    if (due >= '2016-07-01' && due <= '2050-01-01') platnosc.push(el('TerminPlatnosci', [el('Termin', due)]));
  }
  const pay = mapPayment(inv.payment);
  if (pay && 'forma' in pay) platnosc.push(el('FormaPlatnosci', String(pay.forma)));
  else if (pay) platnosc.push(el('PlatnoscInna', '1'), el('OpisPlatnosci', collapse(pay.inna)));
  const account = (input.seller.bankAccount ?? '').replace(/\s/g, '');
  if (pay && 'forma' in pay && pay.forma === 6 && account.length >= 10 && account.length <= 34) {
    platnosc.push(el('RachunekBankowy', [el('NrRB', account)]));
  }
  if (platnosc.length) fa.push(el('Platnosc', platnosc));

  const root = el(
    'Faktura',
    [
      el('Naglowek', [
        el('KodFormularza', 'FA', { kodSystemowy: 'FA (3)', wersjaSchemy: '1-0E' }),
        el('WariantFormularza', '3'),
        el('DataWytworzeniaFa', fa3Timestamp(now)),
        el('SystemInfo', collapse(input.systemInfo ?? 'KSeF dla Base.com')),
      ]),
      podmiot1,
      podmiot2,
      ...podmiot3,
      el('Fa', fa),
    ],
    { xmlns: FA3_NAMESPACE },
  );
  const xml = new TextEncoder().encode(serialize(root)) as Uint8Array<ArrayBuffer>;
  // Over KSeF's size limit: refused here, before anything is sent (size-limit.ts).
  const tooBig = invoiceSizeProblem(xml);
  if (tooBig) return { ok: false, errors: [tooBig] };
  const warnings = inputWarnings(inv, input.seller);
  return {
    ok: true,
    xml,
    invoiceNumber: number,
    issueDate,
    rodzaj: isKor ? 'KOR' : 'VAT',
    totals: allTotals,
    method,
    ...(warnings.length ? { warnings } : {}),
  };
}
