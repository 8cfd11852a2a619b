/** Minimal `--name value` / `--flag` parsing for the support CLI (no prompts, no defaults hidden). */
export function parseArgs(argv: string[]): { opts: Record<string, string | true>; rest: string[] } {
  const opts: Record<string, string | true> = {};
  const rest: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a.startsWith('--')) {
      const next = argv[i + 1];
      if (next !== undefined && !next.startsWith('--')) {
        opts[a.slice(2)] = next;
        i++;
      } else opts[a.slice(2)] = true;
    } else rest.push(a);
  }
  return { opts, rest };
}

/** The value of a required `--name value` option, or an Error with a Polish message. */
export function required(opts: Record<string, string | true>, name: string): string {
  const v = opts[name];
  if (typeof v !== 'string' || v === '') throw new Error(`brak wymaganej opcji --${name}`);
  return v;
}
