/**
 * Instantiates libxml2-wasm without a top-level await (patched out at build time by
 * wxt.config.ts, docs/xsd-validation.md §3.3), then loads the FA(3) validator. Once per worker instance;
 * the compiled schema is reused for every invoice.
 */
import moduleLoader from 'libxml2-wasm/lib/libxml2raw.mjs';
import type { Fa3Validator } from '../fa3/validate';

let validator: Promise<Fa3Validator> | undefined;

export function fa3Validator(): Promise<Fa3Validator> {
  validator ??= (async () => {
    const g = globalThis as { __libxml2wasm?: unknown };
    g.__libxml2wasm ??= await (moduleLoader as () => Promise<unknown>)();
    const [{ compileFa3 }, { FA3_SCHEMA_SET }] = await Promise.all([
      import('../fa3/validate'),
      import('../fa3/schema-raw'),
    ]);
    return compileFa3(FA3_SCHEMA_SET);
  })();
  return validator;
}
