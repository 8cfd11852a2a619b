/**
 * `cli -- qr-invoice --env <test|demo|prod> --nip <NIP> --date <YYYY-MM-DD> --file <invoice.xml>`
 * Prints the KOD I link (docs/ksef-protocol.md §6.1) for the exact bytes of the invoice file.
 * No network, no prompts; a NIP whose checksum is wrong is refused.
 */
import { readFile } from 'node:fs/promises';
import { buildKod1Url, invoiceHash, qrBaseFor } from '../../qr';
import { parseArgs, required } from '../args';
import { checkedNip, polishError } from '../errors';

export async function run(argv: string[]): Promise<number> {
  try {
    const { opts } = parseArgs(argv);
    const qrBase = qrBaseFor(required(opts, 'env'));
    const sellerNip = checkedNip(required(opts, 'nip'), 'nip');
    const issueDate = required(opts, 'date');
    const file = required(opts, 'file');
    const bytes = await readFile(file).catch(() => {
      throw new Error(`nie można odczytać pliku faktury „${file}”`);
    });
    const { base64Url } = await invoiceHash(new Uint8Array(bytes));
    process.stdout.write(`${buildKod1Url({ qrBase, sellerNip, issueDate, hash: base64Url })}\n`);
    return 0;
  } catch (e) {
    process.stderr.write(`Błąd: ${polishError(e)}\n`);
    return 1;
  }
}
