/**
 * One lazily compiled FA(3) validator per JS realm (page, worker, Node process), for code that must
 * not pay the wasm + schema cost (~100–250 ms cold, docs/xsd-validation.md §4) until the first validation.
 *
 * Service worker (docs/xsd-validation.md §3.3, pitfall 1): libxml2-wasm's `lib/libxml2.mjs` starts with a
 * top-level await, which a classic MV3 worker cannot contain. The worker build must replace that line
 * with `const libxml2 = globalThis.__libxml2wasm` (Vite plugin in docs/xsd-validation.md §3.3) and call
 * `getFa3Validator(FA3_SCHEMA_SET, { preloadWasm: true })`: this instantiates the wasm with the raw
 * Emscripten factory first, sets `globalThis.__libxml2wasm`, and only then loads `validate.ts`
 * (a dynamic import that the IIFE build inlines as a lazy init). Node and pages need no patch and
 * should leave `preloadWasm` off (the unpatched module instantiates its own copy).
 */
import type { Fa3SchemaSet, Fa3Validator } from './validate';

let ready: Promise<Fa3Validator> | undefined;

export function getFa3Validator(schema: Fa3SchemaSet, opts: { preloadWasm?: boolean } = {}): Promise<Fa3Validator> {
  ready ??= (async () => {
    const g = globalThis as { __libxml2wasm?: unknown };
    if (opts.preloadWasm && !g.__libxml2wasm) {
      const { default: moduleLoader } = await import('libxml2-wasm/lib/libxml2raw.mjs');
      g.__libxml2wasm = await moduleLoader();
    }
    const { compileFa3 } = await import('./validate');
    return compileFa3(schema);
  })().catch((e: unknown) => {
    // A failed start (e.g. CSP without 'wasm-unsafe-eval') must not poison every later attempt.
    ready = undefined;
    throw e;
  });
  return ready;
}
