import { describe, expect, it } from 'vitest';
import { isValidNip } from '../../src/core/nip';
import { formatDecimal, formatGrosz, roundHalfAway, toGrosz, vatFromGross, vatFromNet } from '../../src/fa3/money';
import { normalizeTaxId } from '../../src/fa3/nip';

/** TKwotowy from the FA(3) XSD. */
const TKWOTOWY = /^-?([1-9]\d{0,15}|0)(\.\d{1,2})?$/;

describe('amounts', () => {
  it('converts decimals to grosze without binary noise, half away from zero', () => {
    expect(toGrosz(1.005)).toBe(101);
    expect(toGrosz(-1.005)).toBe(-101);
    expect(toGrosz(0.1 + 0.2)).toBe(30);
    expect(toGrosz(615)).toBe(61500);
    expect(toGrosz(1234567.895)).toBe(123456790);
    expect(toGrosz(-0.004)).toBe(0);
    expect(roundHalfAway(-2.5)).toBe(-3);
    expect(roundHalfAway(2.5)).toBe(3);
  });

  it('formats TKwotowy with two decimals, negatives and zero', () => {
    const cases: [number, string][] = [
      [0, '0.00'],
      [5, '0.05'],
      [-5, '-0.05'],
      [100, '1.00'],
      [-61500, '-615.00'],
      [123456790, '1234567.90'],
      [900719925474099, '9007199254740.99'],
    ];
    for (const [g, s] of cases) {
      expect(formatGrosz(g)).toBe(s);
      expect(s).toMatch(TKWOTOWY);
    }
    expect(formatGrosz(-0)).toBe('0.00');
    expect(() => formatGrosz(0.5)).toThrow();
  });

  it('formats unit prices and quantities without trailing zeros or exponents', () => {
    expect(formatDecimal(500, 8)).toBe('500');
    expect(formatDecimal(20.3333, 8)).toBe('20.3333');
    expect(formatDecimal(-24.6, 8)).toBe('-24.6');
    expect(formatDecimal(1e-7, 8)).toBe('0.0000001');
    expect(formatDecimal(-0.0000000001, 8)).toBe('0');
    expect(formatDecimal(4.2711, 6)).toBe('4.2711');
    expect(formatDecimal(1e21, 2)).toMatch(/^\d/);
  });

  it('computes VAT from gross and from net, symmetric for corrections', () => {
    expect(vatFromGross(12300, 23)).toBe(2300);
    expect(vatFromGross(-12300, 23)).toBe(-2300);
    expect(vatFromGross(1, 23)).toBe(0);
    expect(vatFromGross(1000, 0)).toBe(0);
    expect(vatFromNet(10000, 8)).toBe(800);
    expect(vatFromNet(-333, 23)).toBe(-77);
  });
});

describe('NIP', () => {
  it('accepts checksum-valid NIPs and rejects the rest', () => {
    for (const n of ['7251266236', '5261297912', '5265877635', '1111111111']) expect(isValidNip(n), n).toBe(true);
    for (const n of ['5261297913', '0123456789', '123456789', '52612979120', 'ABCDEFGHIJ', ''])
      expect(isValidNip(n), n).toBe(false);
  });
  it('normalises Base free-form tax IDs', () => {
    expect(normalizeTaxId('PL 525-000-00-00')).toBe('PL5250000000');
    expect(normalizeTaxId(' de 123.456.789 ')).toBe('DE123456789');
  });
});
