import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { crc8, isValidKsefNumber, ksefNumber, referenceNumber } from './numbers';
import { warsawDate, warsawIso } from './warsaw';

const vectors = JSON.parse(
  readFileSync(new URL('../../fixtures/ksef/ksef-number-vectors.json', import.meta.url), 'utf8'),
) as {
  valid: { ksefNumber: string; data32: string; crc8: string }[];
  invalid: { ksefNumber: string }[];
  referenceNumbers: { matching: { referenceNumber: string; crc8: string }[] };
};
const hex = (n: number) => n.toString(16).toUpperCase().padStart(2, '0');
const rnd = (n: number) => new Uint8Array(globalThis.crypto.getRandomValues(new Uint8Array(n)));

describe('KSeF and reference numbers', () => {
  it('computes the CRC-8 of the official KSeF number vectors', () => {
    for (const v of vectors.valid) {
      expect(hex(crc8(v.data32))).toBe(v.crc8);
      expect(isValidKsefNumber(v.ksefNumber)).toBe(true);
    }
    for (const v of vectors.invalid) expect(isValidKsefNumber(v.ksefNumber)).toBe(false);
  });

  it('matches the checksum observed on official reference numbers', () => {
    for (const v of vectors.referenceNumbers.matching) expect(hex(crc8(v.referenceNumber.slice(0, 33)))).toBe(v.crc8);
  });

  it('mints KSeF numbers with the seller NIP, the Warsaw acceptance day and a valid checksum', () => {
    // 2026-03-28T23:30Z is already 29 March in Warsaw (UTC+1 before the DST switch that night).
    const at = Date.parse('2026-03-28T23:30:00Z');
    const n = ksefNumber('5265877635', at, rnd);
    expect(n).toMatch(/^5265877635-20260329-[0-9A-F]{12}-[0-9A-F]{2}$/);
    expect(isValidKsefNumber(n)).toBe(true);
    expect(warsawDate(Date.parse('2026-07-01T21:59:59Z'))).toBe('2026-07-01');
    expect(warsawDate(Date.parse('2026-07-01T22:00:00Z'))).toBe('2026-07-02');
    // UPO timestamps: Warsaw local time with the offset of that instant (summer +02:00, winter +01:00).
    expect(warsawIso(Date.parse('2025-09-16T09:05:40.841Z'))).toBe('2025-09-16T11:05:40.841+02:00');
    expect(warsawIso(Date.parse('2026-11-29T23:30:00.005Z'))).toBe('2026-11-30T00:30:00.005+01:00');
  });

  it('mints reference numbers in the 36-char official format', () => {
    const r = referenceNumber('SO', Date.parse('2026-11-29T12:00:00Z'), rnd);
    expect(r).toMatch(/^20261129-SO-[0-9A-F]{10}-[0-9A-F]{10}-[0-9A-F]{2}$/);
    expect(r.slice(34)).toBe(hex(crc8(r.slice(0, 33))));
  });
});
