/**
 * Typed errors of the Offline-certificate key import: each failure has its own code for programs
 * and tests, and what exactly is wrong with the file as a code with parameters (`why`); the words
 * for the user are chosen at the edge (src/i18n/secrets.ts `keyImportErrorText`). `message` is the
 * Polish text, for logs and tests. Never contains the password or key material.
 */
import { type KeyImportCode, keyImportText } from '../i18n/errors';
import { type KeyDetail, type KeyDetailCode, keyDetailText } from '../i18n/secrets';

export type KeyImportErrorCode = KeyImportCode;
export type { KeyDetail, KeyDetailCode };

export class KeyImportError extends Error {
  override readonly name = 'KeyImportError';
  /** A language-neutral detail (a serial, a date, an OID), appended to the text; never secret. */
  readonly detail?: string;
  /** A detail that needs words: a code with parameters. */
  readonly why?: KeyDetail;
  constructor(
    readonly code: KeyImportErrorCode,
    detail?: string | KeyDetail,
  ) {
    super(keyImportText(code, 'pl', typeof detail === 'object' ? keyDetailText(detail, 'pl') : detail));
    if (typeof detail === 'object') this.why = detail;
    else if (detail !== undefined) this.detail = detail;
  }
}

export function isKeyImportError(e: unknown): e is KeyImportError {
  return e instanceof KeyImportError;
}

/** A broken PEM block (src/secrets/pem.ts); key and certificate reading turn it into their own code. */
export class PemError extends Error {
  override readonly name = 'PemError';
  constructor(readonly why: KeyDetail) {
    super(keyDetailText(why, 'pl'));
  }
}
