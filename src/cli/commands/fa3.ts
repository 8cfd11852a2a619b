/**
 * `npm run --silent cli -- fa3 --invoice <base-invoice.json> --seller <seller.json> [--oss]
 *   [--rules <rules.json>] [--rate <PLN per unit>] [--correction <ref.json>] [--now <ISO time>]`
 *
 * The invoice file is one element of `getInvoices().invoices` exactly as the Base API returns it; the
 * seller file is `{"nip","name","addressL1","addressL2","countryCode"}`. Prints FA(3) XML (checked
 * against the official XSD) to stdout, or Polish errors to stderr with exit code 1. No network:
 * a foreign-currency invoice that Base did not convert needs `--rate`. `--correction` gives the
 * corrected invoice of a KOR: `{"number","issueDate","ksefNumber"}` (or `"outsideKsef": true`).
 */
import { readFileSync } from 'node:fs';
import { decodeInvoice, isRecord } from '../../base/api/decode';
import { buildFa3 } from '../../fa3/build';
import { loadFa3SchemaSetFromDisk } from '../../fa3/schema-node';
import type { CorrectedInvoiceRef, ExchangeRate, RateRules, SellerSettings } from '../../fa3/types';
import { compileFa3 } from '../../fa3/validate';
import { parseArgs, required } from '../args';

function readJson(path: string, what: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw new Error(`nie można odczytać pliku ${what}: ${path}`);
  }
  try {
    return JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    throw new Error(`plik ${what} (${path}) nie jest poprawnym JSON-em: ${e instanceof Error ? e.message : String(e)}`);
  }
}

/** What to pass on the command line where the extension would look data up itself. */
const CLI_HINTS: Record<string, string> = {
  CORRECTION_ORIGINAL_MISSING:
    'W wierszu poleceń podaj fakturę korygowaną: --correction plik.json z {"number","issueDate","ksefNumber"}.',
  CORRECTION_KSEF_MISSING: 'W pliku --correction podaj "ksefNumber" albo "outsideKsef": true.',
  EXCHANGE_RATE_MISSING: 'W wierszu poleceń podaj kurs NBP: --rate <PLN za 1 jednostkę waluty>.',
  ZW_BASIS_MISSING: 'W pliku --rules podaj {"exemption":{"basis":"A","text":"art. … ustawy o VAT"}}.',
};

export async function run(argv: string[]): Promise<number> {
  const { opts } = parseArgs(argv);
  let raw = readJson(required(opts, 'invoice'), 'faktury');
  // Accept a whole getInvoices response holding exactly one invoice, too.
  if (isRecord(raw) && Array.isArray(raw.invoices) && raw.invoices.length === 1) raw = raw.invoices[0];
  const invoice = decodeInvoice(raw);
  const seller = readJson(required(opts, 'seller'), 'sprzedawcy') as SellerSettings;
  if (!isRecord(seller))
    throw new Error('plik sprzedawcy musi zawierać obiekt {"nip","name","addressL1","addressL2","countryCode"}');
  const rules = typeof opts.rules === 'string' ? (readJson(opts.rules, 'reguł') as RateRules) : undefined;
  const correctionOf =
    typeof opts.correction === 'string'
      ? (readJson(opts.correction, 'faktury korygowanej') as CorrectedInvoiceRef)
      : undefined;
  let exchangeRate: ExchangeRate | undefined;
  if (typeof opts.rate === 'string') {
    const rate = Number(opts.rate.replace(',', '.'));
    if (!(rate > 0))
      throw new Error(`--rate musi być dodatnią liczbą (kurs PLN za jednostkę waluty), a jest „${opts.rate}”`);
    exchangeRate = { rate, date: '', source: 'nbp' };
  }
  const now = typeof opts.now === 'string' ? new Date(opts.now) : new Date();
  if (Number.isNaN(now.getTime())) throw new Error(`--now nie jest poprawną datą: ${String(opts.now)}`);

  const result = buildFa3({
    invoice,
    seller,
    now,
    oss: opts.oss === true,
    ...(rules ? { rules } : {}),
    ...(correctionOf ? { correctionOf } : {}),
    ...(exchangeRate ? { exchangeRate } : {}),
  });
  if (!result.ok) {
    process.stderr.write(`Nie można utworzyć FA(3) dla faktury ${invoice.number || invoice.invoiceId}:\n`);
    for (const e of result.errors) {
      const hint = CLI_HINTS[e.code];
      process.stderr.write(`- ${e.message} [${e.code}, pole: ${e.field}]${hint ? `\n  ${hint}` : ''}\n`);
    }
    return 1;
  }
  const check = compileFa3(loadFa3SchemaSetFromDisk()).validate(result.xml);
  if (!check.valid) {
    process.stderr.write('Wygenerowany plik FA(3) nie przechodzi walidacji schematu (błąd rozszerzenia, zgłoś go):\n');
    for (const e of check.errors) process.stderr.write(`- ${e.messagePl}\n`);
    return 1;
  }
  // Built, but with data changed on the way: say what, on stderr (stdout stays the XML).
  for (const w of result.warnings ?? [])
    process.stderr.write(`Ostrzeżenie: ${w.message} [${w.code}, pole: ${w.field}]\n`);
  process.stdout.write(result.xml);
  return 0;
}
