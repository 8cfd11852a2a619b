/**
 * `cli -- qr-cert --env <env> --ctx-type <Nip|InternalId|NipVatUe|PeppolId> --ctx <value>
 *  --nip <sellerNIP> --serial <serial> --file <invoice.xml> --key <key file> [--password <p>]`
 * Prints the signed KOD II link (docs/ksef-protocol.md §6.2). The key file is read like the
 * extension reads it (src/secrets); the password is used once and not stored. No network.
 */
import { readFile } from 'node:fs/promises';
import { buildKod2Url, CONTEXT_TYPES, invoiceHash, isContextType, qrBaseFor } from '../../qr';
import { importSigningKeyFile } from '../../secrets';
import { parseArgs, required } from '../args';
import { checkedNip, polishError } from '../errors';

async function readInput(path: string, what: string): Promise<Uint8Array> {
  try {
    return new Uint8Array(await readFile(path));
  } catch {
    throw new Error(`nie można odczytać pliku ${what} „${path}”`);
  }
}

export async function run(argv: string[]): Promise<number> {
  try {
    const { opts } = parseArgs(argv);
    const qrBase = qrBaseFor(required(opts, 'env'));
    const contextType = required(opts, 'ctx-type');
    if (!isContextType(contextType)) {
      throw new Error(`nieznany typ kontekstu „${contextType}”: dozwolone ${CONTEXT_TYPES.join(', ')}`);
    }
    const ctx = required(opts, 'ctx');
    const contextValue = contextType === 'Nip' ? checkedNip(ctx, 'ctx') : ctx;
    const sellerNip = checkedNip(required(opts, 'nip'), 'nip');
    const certificateSerial = required(opts, 'serial');
    const invoice = await readInput(required(opts, 'file'), 'faktury');
    const keyFile = await readInput(required(opts, 'key'), 'klucza');
    const password = typeof opts.password === 'string' ? opts.password : undefined;
    const { privateKey } = await importSigningKeyFile(keyFile, password);
    const { base64Url } = await invoiceHash(invoice);
    const { url } = await buildKod2Url(
      { qrBase, contextType, contextValue, sellerNip, certificateSerial, hash: base64Url },
      privateKey,
    );
    process.stdout.write(`${url}\n`);
    return 0;
  } catch (e) {
    process.stderr.write(`Błąd: ${polishError(e)}\n`);
    return 1;
  }
}
