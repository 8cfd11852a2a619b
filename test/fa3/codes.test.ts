import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { FA3_COUNTRY_CODES, FA3_CURRENCY_CODES } from '../../src/fa3/codes';

const schema = (p: string) => readFileSync(new URL(`../../src/fa3/schema/${p}`, import.meta.url), 'utf8');
function enumeration(xsd: string, type: string): string[] {
  const start = xsd.indexOf(`simpleType name="${type}"`);
  const body = xsd.slice(start, xsd.indexOf('</xsd:simpleType>', start));
  return [...body.matchAll(/<xsd:enumeration value="([^"]+)"/g)].map((m) => m[1]!);
}

describe('FA(3) code lists', () => {
  it('equal the enumerations of the official schema', () => {
    expect([...FA3_COUNTRY_CODES].sort()).toEqual(
      enumeration(schema('bazowe/KodyKrajow_v10-0E.xsd'), 'TKodKraju').sort(),
    );
    expect([...FA3_CURRENCY_CODES].sort()).toEqual(enumeration(schema('schemat_FA(3)_v1-0E.xsd'), 'TKodWaluty').sort());
  });
});
