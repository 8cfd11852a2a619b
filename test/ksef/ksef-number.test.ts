import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkKsefNumber, crc8Hex, isValidKsefNumber } from '../../src/ksef/ksef-number';

interface Vectors {
  valid: Array<{ ksefNumber: string; data32: string; crc8: string }>;
  invalid: Array<{ ksefNumber: string; reason: string }>;
  referenceNumbers: Record<string, unknown>;
}
const vectors = JSON.parse(
  readFileSync(new URL('../fixtures/ksef/ksef-number-vectors.json', import.meta.url), 'utf8'),
) as Vectors;

describe('KSeF number checksum (official vectors)', () => {
  it.each(vectors.valid)('accepts $ksefNumber', (v) => {
    expect(crc8Hex(v.data32)).toBe(v.crc8);
    const r = checkKsefNumber(v.ksefNumber);
    expect(r.valid).toBe(true);
    if (r.valid) expect(r.sellerNip).toBe(v.ksefNumber.slice(0, 10));
  });
  it.each(vectors.invalid)('rejects $ksefNumber ($reason)', (v) => {
    expect(isValidKsefNumber(v.ksefNumber)).toBe(false);
  });
  it('detects any single changed hex digit of the technical part', () => {
    const good = vectors.valid[0]!.ksefNumber;
    for (let i = 20; i < 32; i++) {
      const ch = good[i] === '0' ? '1' : '0';
      const bad = good.slice(0, i) + ch + good.slice(i + 1);
      expect(checkKsefNumber(bad)).toEqual({ valid: false, reason: 'checksum' });
    }
  });
  it('requires the hyphen before the checksum (unlike the C# quirk)', () => {
    const good = vectors.valid[0]!.ksefNumber;
    expect(isValidKsefNumber(`${good.slice(0, 32)}X${good.slice(33)}`)).toBe(false);
  });
});
