/**
 * Support command line: `npm run --silent cli -- <command> [options]`.
 * Each command is a module `src/cli/commands/<command>.ts` exporting `run(argv): Promise<number>`
 * (the exit code), so features add commands without touching this file. Never prompts, no network.
 */
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { polishError } from './errors';

const here = dirname(fileURLToPath(import.meta.url));

function available(): string[] {
  return readdirSync(join(here, 'commands'))
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))
    .map((f) => f.slice(0, -3))
    .sort();
}

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  const names = available();
  if (!name || !names.includes(name)) {
    process.stderr.write(`Użycie: npm run --silent cli -- <polecenie> [opcje]\nPolecenia: ${names.join(', ')}\n`);
    return 1;
  }
  const mod = (await import(join(here, 'commands', `${name}.ts`))) as { run: (a: string[]) => Promise<number> };
  return mod.run(rest);
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`Błąd: ${polishError(err)}\n`);
    process.exitCode = 1;
  },
);
