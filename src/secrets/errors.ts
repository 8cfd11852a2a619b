/**
 * Typed errors of the Offline-certificate key import: each failure has its own code for programs
 * and tests; the words for the user are chosen at the edge (src/i18n/errors.ts `keyImportText`).
 * `message` is the Polish text, for logs and tests. Never contains the password or key material.
 */
import { type KeyImportCode, keyImportText } from '../i18n/errors';

export type KeyImportErrorCode = KeyImportCode;

export class KeyImportError extends Error {
  override readonly name = 'KeyImportError';
  constructor(
    readonly code: KeyImportErrorCode,
    /** Optional language-neutral detail (a serial, a date), appended to the text; never secret. */
    readonly detail?: string,
  ) {
    super(keyImportText(code, 'pl', detail));
  }
}

export function isKeyImportError(e: unknown): e is KeyImportError {
  return e instanceof KeyImportError;
}
