/**
 * How src/fa3 states a problem: a stable code, the Base field to fix, the parameters, and a Polish
 * `message` worded from the fa3 slice of src/i18n (the one place the words live). The UI words the
 * same problem in its own language from the key and parameters (src/pipeline/build-cause.ts).
 */
import { type Fa3Key, fa3Text } from '../i18n/fa3';
import type { Params } from '../i18n/fill';
import type { Fa3Error } from './types';

/** The Polish words of a problem: for logs, tests, the CLI and the stored `message`. */
export function fa3Pl(key: Fa3Key, params: Params = {}): string {
  return fa3Text(key, 'pl', params);
}

/** A problem worded by its code, or by `key` when the code is worded in more than one way. */
export function fa3Problem(code: Fa3Key, field: string, params?: Params): Fa3Error;
export function fa3Problem(code: string, field: string, params: Params, key: Fa3Key): Fa3Error;
export function fa3Problem(code: string, field: string, params: Params = {}, key?: Fa3Key): Fa3Error {
  const k = key ?? (code as Fa3Key);
  return { code, field, params, ...(k !== code ? { key: k } : {}), message: fa3Pl(k, params) };
}

/** A failure thrown out of src/fa3 (e.g. the NBP rate lookup) that still carries its words' key. */
export class Fa3ProblemError extends Error {
  constructor(
    readonly key: Fa3Key,
    readonly params: Params,
  ) {
    super(fa3Pl(key, params));
    this.name = 'Fa3ProblemError';
  }
}
