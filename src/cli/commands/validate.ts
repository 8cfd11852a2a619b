/**
 * `npm run --silent cli -- validate --file <invoice.xml>`: checks an FA(3) file against the official
 * XSD (libxml2-wasm, no network) and the semantic checks (NIP checksums, sums, dates, empty lines).
 * Prints the result; exit code 1 when the file is invalid.
 */
import { readFileSync } from 'node:fs';
import { loadFa3SchemaSetFromDisk } from '../../fa3/schema-node';
import { checkFa3Xml } from '../../fa3/semantic';
import { invoiceSizeProblem } from '../../fa3/size-limit';
import { compileFa3 } from '../../fa3/validate';
import { parseArgs, required } from '../args';

export async function run(argv: string[]): Promise<number> {
  const { opts } = parseArgs(argv);
  const file = required(opts, 'file');
  let xml: Uint8Array;
  try {
    xml = new Uint8Array(readFileSync(file));
  } catch {
    throw new Error(`nie można odczytać pliku ${file}`);
  }
  const result = compileFa3(loadFa3SchemaSetFromDisk()).validate(xml);
  if (!result.valid) {
    process.stdout.write(`NIEPOPRAWNY: ${file} nie jest zgodny ze schematem FA(3):\n`);
    for (const e of result.errors) process.stdout.write(`- wiersz ${e.line}: ${e.messagePl}\n`);
    return 1;
  }
  const tooBig = invoiceSizeProblem(xml);
  const issues = [
    ...(tooBig ? [{ message: tooBig.message, path: '/Faktura', code: tooBig.code }] : []),
    ...checkFa3Xml(xml),
  ];
  if (issues.length) {
    process.stdout.write(`NIEPOPRAWNY: ${file} jest zgodny ze schematem FA(3), ale zawiera błędy merytoryczne:\n`);
    for (const i of issues) process.stdout.write(`- ${i.message} (${i.path}) [${i.code}]\n`);
    return 1;
  }
  process.stdout.write(`POPRAWNY: ${file} jest zgodny ze schematem FA(3) i przeszedł kontrole merytoryczne.\n`);
  return 0;
}
