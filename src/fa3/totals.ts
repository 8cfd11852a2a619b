/**
 * Per-rate totals of an FA(3) invoice (P_13_x, P_14_x) from its lines, under the rounding methods
 * Base may have used (art. 106e ust. 7–8), so the builder can pick the one that agrees with Base's
 * own totals to the grosz.
 */
import type { BaseInvoiceItem } from '../base/api/types';
import { vatFromGross, vatFromNet } from './money';
import type { RateClass } from './rates';

export interface Line {
  item: BaseInvoiceItem;
  index: number;
  cls: RateClass;
  name: string;
  grossG: number;
  netG: number;
}

export interface Group {
  cls: RateClass;
  gross: number;
  net: number;
  vat: number;
}

export type Method = 'gross' | 'net' | 'lines' | 'base';

/** Per-rate group sums under one rounding method (art. 106e ust. 7–8 allows computing from gross). */
export function groupTotals(lines: Line[], method: Method): Map<string, Group> {
  const groups = new Map<string, Group>();
  for (const l of lines) {
    const key = keyOf(l.cls);
    const g = groups.get(key) ?? { cls: l.cls, gross: 0, net: 0, vat: 0 };
    g.gross += l.grossG;
    g.net += l.netG;
    groups.set(key, g);
  }
  for (const g of groups.values()) {
    if (method === 'gross') {
      g.vat = vatFromGross(g.gross, g.cls.rate);
      g.net = g.gross - g.vat;
    } else if (method === 'net') {
      g.vat = vatFromNet(g.net, g.cls.rate);
      g.gross = g.net + g.vat;
    } else g.vat = g.gross - g.net;
  }
  return groups;
}

const keyOf = (cls: RateClass) => (cls.margin ? 'margin' : (cls.p12 ?? `oss:${cls.ossRate}`));

/**
 * Last resort when Base rounded in a way none of the methods reproduces (e.g. the net total rounded
 * once over unrounded 4-decimal line nets): with a single taxed rate, take Base's own totals for it.
 * Accepted only when the gross of that rate equals its lines' gross exactly and the implied VAT is
 * within the drift that rounding unit prices can cause, so a real inconsistency is still refused.
 */
export function baseTotals(lines: Line[], wantGross: number, wantNet: number): Map<string, Group> | undefined {
  const groups = groupTotals(lines, 'lines');
  const taxed = [...groups.values()].filter((g) => g.cls.rate > 0);
  if (taxed.length !== 1) return undefined;
  const t = taxed[0]!;
  let otherGross = 0;
  for (const g of groups.values()) {
    if (g === t) continue;
    g.net = g.gross;
    g.vat = 0;
    otherGross += g.gross;
  }
  if (otherGross + t.gross !== wantGross) return undefined;
  const net = wantNet - otherGross;
  const vat = t.gross - net;
  // Unit gross prices are rounded to the grosz, so the exact VAT can drift by ½ grosz per unit.
  const slack =
    1 +
    lines
      .filter((l) => keyOf(l.cls) === keyOf(t.cls))
      .reduce((a, l) => a + Math.ceil(Math.abs(l.item.quantity) / 2), 0);
  if (Math.abs(vat - vatFromNet(net, t.cls.rate)) > slack) return undefined;
  t.net = net;
  t.vat = vat;
  return groups;
}

export function sum(groups: Map<string, Group>, k: 'gross' | 'net'): number {
  let s = 0;
  for (const g of groups.values()) s += g[k];
  return s;
}
