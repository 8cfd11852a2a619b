/**
 * `cli -- key-check --key <file> [--password <p>]`
 * Reports the key type (`EC P-256` or `RSA <bits>`) with exit code 0, or the Polish error
 * (wrong password, malformed file, unsupported algorithm…) on stderr with exit code 1.
 * Reads the file exactly as the extension's key import does (src/secrets). No network.
 */
import { readFile } from 'node:fs/promises';
import { importSigningKeyFile, isKeyImportError } from '../../secrets';
import { parseArgs, required } from '../args';

export async function run(argv: string[]): Promise<number> {
  try {
    const { opts } = parseArgs(argv);
    const path = required(opts, 'key');
    const bytes = await readFile(path).catch(() => {
      throw new Error(`nie można odczytać pliku klucza „${path}”`);
    });
    const password = typeof opts.password === 'string' ? opts.password : undefined;
    const key = await importSigningKeyFile(new Uint8Array(bytes), password);
    process.stdout.write(`${key.description}${key.encrypted ? ' (zaszyfrowany, hasło poprawne)' : ''}\n`);
    return 0;
  } catch (e) {
    const code = isKeyImportError(e) ? ` [${e.code}]` : '';
    process.stderr.write(`Błąd${code}: ${(e as Error).message}\n`);
    return 1;
  }
}
