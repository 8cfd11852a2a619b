/**
 * Acceptance: every demo-dataset invoice either produces XSD-valid FA(3) whose totals
 * match Base's, or fails with the specific error the case was built to trigger.
 */
import { describe, expect, it } from 'vitest';
import { buildFa3 } from '../../src/fa3/build';
import { toGrosz } from '../../src/fa3/money';
import { checkFa3Xml } from '../../src/fa3/semantic';
import { demo, fa3Validator, inputFor, tag, tags, text } from './helpers';

const { byId, cases } = demo();

describe('demo dataset → FA(3)', () => {
  it('has about 50 invoices covering every case of the issue', () => {
    expect(cases.length).toBeGreaterThanOrEqual(45);
    const kinds = new Set(cases.map((c) => c.kind));
    for (const k of [
      'pl-b2b',
      'pl-b2c',
      'eu-wdt',
      'export-ex',
      'oss-de',
      'oss-fr',
      'eur-base-rate',
      'eur-nbp-rate',
      'correction-of-base-ksef',
      'zw-training',
      'np-service-eu',
      'oo-reverse-charge',
      'base-ksef-accepted',
      'base-ksef-sent',
      'base-ksef-offline',
    ])
      expect(kinds, k).toContain(k);
    const statuses = [...byId.values()].map((i) => i.gov?.govStatus);
    expect(statuses).toEqual(expect.arrayContaining([1, 2, 5]));
  });

  for (const c of cases) {
    if (c.expectError) {
      it(`${c.invoiceId} ${c.kind}: refused with ${c.expectError}`, () => {
        const r = buildFa3(inputFor(c, byId));
        expect(r.ok).toBe(false);
        if (r.ok) return;
        expect(r.errors.map((e) => e.code)).toContain(c.expectError);
        for (const e of r.errors) {
          expect(e.message).toMatch(/[a-ząęłńóśźż]/i);
          expect(e.field).not.toBe('');
        }
      });
      continue;
    }
    it(`${c.invoiceId} ${c.kind}: XSD-valid, totals equal Base's`, () => {
      const inv = byId.get(c.invoiceId)!;
      const r = buildFa3(inputFor(c, byId));
      if (!r.ok) throw new Error(JSON.stringify(r.errors));
      const v = fa3Validator().validate(r.xml);
      expect(v.errors).toEqual([]);
      expect(v.valid).toBe(true);
      expect(checkFa3Xml(r.xml)).toEqual([]);
      const xml = text(r.xml);
      // P_15 equals Base's gross total; the sum of P_13_x equals Base's net total, to the grosz.
      expect(toGrosz(Number(tag(xml, 'P_15')))).toBe(toGrosz(inv.totalPriceBrutto));
      const p13 = [...xml.matchAll(/<(P_13_[0-9_]+)>([^<]*)</g)].reduce((s, m) => s + toGrosz(Number(m[2])), 0);
      expect(p13).toBe(toGrosz(inv.totalPriceNetto));
      expect(tags(xml, 'NrWierszaFa')).toHaveLength(inv.items.length);
      expect(tag(xml, 'P_2')).toBe(inv.number);
    });
  }
});
