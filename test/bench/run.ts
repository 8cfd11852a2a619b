/**
 * `npm run bench`: runs every benchmark module in test/bench (each exports
 * `run(): Promise<Record<string, number | string>>`) and prints the figures with the machine they
 * ran on. Speed and memory are measured here, never asserted in tests (timings in a test would
 * fail on a busy machine and pass on a fast one without telling anything).
 * `npm run bench -- <name>` runs only the modules whose file name contains <name>.
 */
import { readdirSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';

const here = import.meta.dirname;
const filter = process.argv[2];
const modules = readdirSync(here)
  .filter((f) => f.endsWith('.ts') && f !== 'run.ts' && !f.endsWith('.test.ts'))
  .filter((f) => !filter || f.includes(filter))
  .sort();

const cpu = cpus()[0]?.model ?? 'unknown CPU';
process.stdout.write(
  `Machine: ${cpus().length} × ${cpu}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, ${new Date().toISOString()}\n`,
);
let failed = 0;
for (const f of modules) {
  process.stdout.write(`\n## ${f.replace(/\.ts$/, '')}\n`);
  try {
    const mod = (await import(join(here, f))) as { run: () => Promise<Record<string, number | string>> };
    const figures = await mod.run();
    for (const [k, v] of Object.entries(figures)) process.stdout.write(`  ${k}: ${v}\n`);
  } catch (err) {
    failed++;
    process.stdout.write(`  FAILED: ${err instanceof Error ? err.stack : String(err)}\n`);
  }
}
process.exitCode = failed ? 1 : 0;
