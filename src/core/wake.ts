/**
 * Names of the worker's wake-ups, built and parsed in one place. A name is what is stored in the
 * wake-up map and what a periodic alarm is called (docs/architecture.md practice 7), so the code
 * that schedules and the code that dispatches must agree on it letter for letter.
 *
 * Fixed wake-ups are a bare name (`ksef-poll`); per-item ones are `ksef-<kind>:<key>`, where the key
 * is everything after the first colon (a batch key may itself contain `@` and `:`).
 */

const FIXED = {
  poll: 'ksef-poll',
  autoSend: 'ksef-autosend',
  export: 'ksef-export',
  purchases: 'ksef-purchases',
} as const;

const KEYED = {
  /** A status check of one sent invoice. */
  check: 'ksef-check',
  /** A new attempt to send one invoice. */
  send: 'ksef-send',
  /** A status check of one batch session (the key is its reference, possibly with `@env:nip`). */
  batch: 'ksef-batch',
  /** An adopted invoice still waiting for the stored file's hash (its KOD I). */
  kod1: 'ksef-kod1',
} as const;

export type FixedWake = keyof typeof FIXED;
export type KeyedWake = keyof typeof KEYED;
export type Wake = { kind: FixedWake } | { kind: KeyedWake; key: string };

export function wakeName(wake: Wake): string {
  if ('key' in wake) {
    if (wake.key === '') throw new RangeError(`wake-up ${wake.kind} needs a key`);
    return `${KEYED[wake.kind]}:${wake.key}`;
  }
  return FIXED[wake.kind];
}

/** The wake-up a name stands for, or null for a name this extension never builds. */
export function parseWake(name: string): Wake | null {
  for (const kind of Object.keys(FIXED) as FixedWake[]) {
    if (FIXED[kind] === name) return { kind };
  }
  const colon = name.indexOf(':');
  if (colon <= 0 || colon === name.length - 1) return null;
  const prefix = name.slice(0, colon);
  for (const kind of Object.keys(KEYED) as KeyedWake[]) {
    if (KEYED[kind] === prefix) return { kind, key: name.slice(colon + 1) };
  }
  return null;
}
