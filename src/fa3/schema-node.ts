/**
 * The official FA(3) schema set read from `src/fa3/schema/` with node:fs, for the CLI, scripts and
 * Node tests. Extension code uses `schema-raw.ts` instead (bundled text, no file access).
 */
import { readFileSync } from 'node:fs';
import { BAZOWE, type Fa3SchemaSet } from './validate';

export function loadFa3SchemaSetFromDisk(): Fa3SchemaSet {
  const dir = new URL('./schema/', import.meta.url);
  const read = (p: string) => new Uint8Array(readFileSync(new URL(p, dir)));
  const bazowe = {} as Record<(typeof BAZOWE)[number], Uint8Array>;
  for (const n of BAZOWE) bazowe[n] = read(`bazowe/${n}`);
  return { main: read('schemat_FA(3)_v1-0E.xsd'), bazowe };
}
