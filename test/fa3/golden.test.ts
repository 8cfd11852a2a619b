/**
 * Golden FA(3) files, one per demo case kind (test/fa3/golden/<kind>.xml). Each golden is also
 * validated against the official XSD, so a golden can never freeze an invalid document.
 * Regenerate after an intended change with `UPDATE_GOLDEN=1 npx vitest run test/fa3/golden.test.ts`
 * and review the diff.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildFa3 } from '../../src/fa3/build';
import { demo, fa3Validator, inputFor, text } from './helpers';

const { byId, cases } = demo();
const seen = new Set<string>();
const golden = cases.filter((c) => !c.expectError && !seen.has(c.kind) && seen.add(c.kind));
const dir = new URL('./golden/', import.meta.url);

describe('golden FA(3) per case', () => {
  it('covers every listed case', () => {
    expect(golden.map((c) => c.kind)).toEqual(
      expect.arrayContaining([
        'pl-b2b',
        'pl-b2c',
        'eu-wdt',
        'eu-wdt-greece',
        'export-ex',
        'oss-de',
        'oss-fr',
        'eur-base-rate',
        'eur-nbp-rate',
        'zw-training',
        'np-service-eu',
        'np-outside',
        'oo-reverse-charge',
        'correction-of-base-ksef',
        'correction-of-extension-invoice',
        'pl-b2b-long-names-many-lines',
      ]),
    );
  });
  for (const c of golden) {
    it(c.kind, () => {
      const r = buildFa3(inputFor(c, byId));
      if (!r.ok) throw new Error(JSON.stringify(r.errors));
      const file = new URL(`${c.kind}.xml`, dir);
      if (process.env.UPDATE_GOLDEN === '1' || !existsSync(file)) writeFileSync(file, r.xml);
      const expected = readFileSync(file);
      expect(fa3Validator().validate(new Uint8Array(expected)).valid).toBe(true);
      expect(text(r.xml)).toBe(expected.toString('utf8'));
    });
  }
});
