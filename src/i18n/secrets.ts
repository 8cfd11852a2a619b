/**
 * The secrets slice: the secret store's refusals and what exactly is wrong with a key file. src/secrets
 * emits codes with parameters (OIDs, sizes, PEM labels: never key material); the words are chosen
 * here, in the UI language. The key-import failure itself is worded by the errors slice
 * (`keyImportText`); this slice adds its detail.
 */
import type { Lang } from '../core/lang';
import { type KeyImportCode, keyImportText } from './errors';
import { fill, type Params, type Texts } from './fill';

export { type SecretStoreCode, secretStoreText } from './secret-store';

/** What exactly is wrong with a key or certificate file, appended to the key-import text. */
export type KeyDetailCode =
  | 'not-pbes2'
  | 'bad-pbes2'
  | 'not-pbkdf2'
  | 'bad-pbkdf2'
  | 'cipher'
  | 'key-length'
  | 'iterations'
  | 'iv'
  | 'aes192'
  | 'not-pkcs8'
  | 'no-curve'
  | 'curve'
  | 'key-algorithm'
  | 'webcrypto'
  | 'rsa-bits'
  | 'ec-no-curve'
  | 'legacy-openssl'
  | 'certificate-not-key'
  | 'pem-label'
  | 'no-pem'
  | 'empty'
  | 'damaged-block'
  | 'not-encrypted-pkcs8'
  | 'pem-incomplete'
  | 'pem-base64'
  | 'certificate-pem-label'
  | 'base64';

export type SecretsKey = `detail.${KeyDetailCode}`;

const pl: Record<SecretsKey, string> = {
  'detail.not-pbes2': 'szyfrowanie {oid} zamiast PBES2',
  'detail.bad-pbes2': 'uszkodzone parametry PBES2',
  'detail.not-pbkdf2': 'funkcja wyprowadzania klucza {oid} zamiast PBKDF2',
  'detail.bad-pbkdf2': 'uszkodzone parametry PBKDF2',
  'detail.cipher': 'szyfr {oid} (obsługiwany jest AES-CBC)',
  'detail.key-length': 'długość klucza PBKDF2 nie zgadza się z szyfrem',
  'detail.iterations': 'liczba iteracji PBKDF2 {count}',
  'detail.iv': 'brak poprawnego IV dla AES-CBC',
  'detail.aes192': 'AES-192 nie jest dostępny w tej przeglądarce; zaszyfruj klucz ponownie AES-256, np. {command}',
  'detail.not-pkcs8': 'to nie jest PKCS#8 PrivateKeyInfo',
  'detail.no-curve': 'brak krzywej EC',
  'detail.curve': 'krzywa EC {oid}, wymagana P-256',
  'detail.key-algorithm': 'algorytm klucza {oid}',
  'detail.webcrypto': 'WebCrypto odrzucił klucz',
  'detail.rsa-bits': 'RSA {bits} bitów, wymagane co najmniej {min}',
  'detail.ec-no-curve': 'klucz EC bez oznaczenia krzywej',
  'detail.legacy-openssl': 'stary format szyfrowania OpenSSL; przekształć: {command}',
  'detail.certificate-not-key': 'to jest certyfikat, a nie klucz prywatny',
  'detail.pem-label': 'nieoczekiwany blok PEM „{label}”',
  'detail.no-pem': 'tekst nie zawiera bloku PEM',
  'detail.empty': 'pusty plik',
  'detail.damaged-block': 'uszkodzony blok „{label}”',
  'detail.not-encrypted-pkcs8': 'to nie jest PKCS#8 EncryptedPrivateKeyInfo',
  'detail.pem-incomplete': 'niekompletny blok PEM',
  'detail.pem-base64': 'niepoprawny Base64 w PEM',
  'detail.certificate-pem-label': 'blok PEM „{label}”',
  'detail.base64': 'niepoprawny Base64',
};

const en: Record<SecretsKey, string> = {
  'detail.not-pbes2': 'encryption {oid} instead of PBES2',
  'detail.bad-pbes2': 'damaged PBES2 parameters',
  'detail.not-pbkdf2': 'key derivation function {oid} instead of PBKDF2',
  'detail.bad-pbkdf2': 'damaged PBKDF2 parameters',
  'detail.cipher': 'cipher {oid} (AES-CBC is supported)',
  'detail.key-length': 'the PBKDF2 key length does not match the cipher',
  'detail.iterations': 'PBKDF2 iteration count {count}',
  'detail.iv': 'no valid IV for AES-CBC',
  'detail.aes192': 'AES-192 is not available in this browser; encrypt the key again with AES-256, e.g. {command}',
  'detail.not-pkcs8': 'not a PKCS#8 PrivateKeyInfo',
  'detail.no-curve': 'no EC curve',
  'detail.curve': 'EC curve {oid}, P-256 required',
  'detail.key-algorithm': 'key algorithm {oid}',
  'detail.webcrypto': 'WebCrypto refused the key',
  'detail.rsa-bits': 'RSA {bits} bits, at least {min} required',
  'detail.ec-no-curve': 'an EC key that does not name its curve',
  'detail.legacy-openssl': 'the old OpenSSL encryption format; convert it: {command}',
  'detail.certificate-not-key': 'this is a certificate, not a private key',
  'detail.pem-label': 'unexpected PEM block "{label}"',
  'detail.no-pem': 'the text holds no PEM block',
  'detail.empty': 'an empty file',
  'detail.damaged-block': 'a damaged "{label}" block',
  'detail.not-encrypted-pkcs8': 'not a PKCS#8 EncryptedPrivateKeyInfo',
  'detail.pem-incomplete': 'an incomplete PEM block',
  'detail.pem-base64': 'invalid Base64 in the PEM block',
  'detail.certificate-pem-label': 'PEM block "{label}"',
  'detail.base64': 'invalid Base64',
};

export const SECRETS_TEXTS: Texts<SecretsKey> = { pl, en };

/** A coded detail of a key-import failure: what src/secrets emits instead of words. */
export interface KeyDetail {
  code: KeyDetailCode;
  params?: Params;
}

export function keyDetailText(d: KeyDetail, lang: Lang): string {
  return fill(SECRETS_TEXTS[lang][`detail.${d.code}`], d.params ?? {});
}

/** A key-import failure in `lang`: its text, then its detail (coded, or language-neutral such as a
 * serial or a date). */
export function keyImportErrorText(
  e: { code: KeyImportCode; detail?: string | undefined; why?: KeyDetail | undefined },
  lang: Lang,
): string {
  return keyImportText(e.code, lang, e.why ? keyDetailText(e.why, lang) : e.detail);
}
