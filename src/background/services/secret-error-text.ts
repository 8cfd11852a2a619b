/**
 * The secret store's refusals and key-import failures in the UI language: src/secrets emits codes
 * with parameters and keeps a Polish `message` for logs; the words are chosen here. Anything else
 * is left to the caller (src/background/error-text.ts for the KSeF and Base clients).
 */
import type { Lang } from '../../core/lang';
import { keyImportErrorText, secretStoreText } from '../../i18n/secrets';
import { isKeyImportError, SecretStoreError } from '../../secrets';
import { errorText } from '../error-text';

export function secretErrorText(e: unknown, lang: Lang): string | undefined {
  if (isKeyImportError(e)) return keyImportErrorText(e, lang);
  if (e instanceof SecretStoreError) return secretStoreText(e.code, lang, e.params);
  return undefined;
}

/** Any failure that may come from reading a secret (a token, the key) as well as from a client. */
export function failureText(e: unknown, lang: Lang): string {
  return secretErrorText(e, lang) ?? errorText(e, lang);
}
