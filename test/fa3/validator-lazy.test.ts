/** The bundler path: schema text via Vite `?raw` imports (as in the extension) and the lazy loader. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { FA3_SCHEMA_SET } from '../../src/fa3/schema-raw';
import { getFa3Validator } from '../../src/fa3/validator-lazy';

describe('lazy FA(3) validator with the bundled schema', () => {
  it('compiles once from the ?raw schema texts, identical to the official files', async () => {
    const onDisk = readFileSync(new URL('../../src/fa3/schema/schemat_FA(3)_v1-0E.xsd', import.meta.url), 'utf8');
    expect(FA3_SCHEMA_SET.main).toBe(onDisk);
    const a = getFa3Validator(FA3_SCHEMA_SET, { preloadWasm: true });
    const b = getFa3Validator(FA3_SCHEMA_SET);
    expect(a).toBe(b);
    const v = await a;
    const sample = readFileSync(new URL('../fixtures/ksef/samples/pdf-generator-invoice-fa3.xml', import.meta.url));
    expect(v.validate(new Uint8Array(sample)).valid).toBe(true);
    expect((globalThis as { __libxml2wasm?: unknown }).__libxml2wasm).toBeDefined();
  });
});
