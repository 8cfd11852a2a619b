/**
 * Import of the Offline certificate's private key (docs/ksef-protocol.md §7).
 *
 * Accepted: the taxpayer application's `.key` (PEM `ENCRYPTED PRIVATE KEY`, PKCS#8
 * EncryptedPrivateKeyInfo with PBES2 = PBKDF2-HMAC-SHA1/256(/384/512) + AES-128/192/256-CBC,
 * RFC 8018) and unencrypted PKCS#8 (PEM `PRIVATE KEY` or DER); EC P-256 and RSA ≥ 2048 keys.
 * Unencrypted "traditional" keys (PKCS#1 RSA, SEC 1 EC — what the official C# SDK writes,
 * §7) are wrapped into PKCS#8 first, since WebCrypto imports only PKCS#8.
 * The ASN.1 is parsed by @peculiar/asn1-schema/-pkcs8; the decryption and import are WebCrypto.
 * The result is a NON-extractable signing key: ECDSA P-256 (SHA-256) or RSA-PSS (SHA-256) as
 * KOD II wants (§6.2). The password is used once and not kept; decrypted key bytes are wiped.
 */

import { EncryptedPrivateKeyInfo, PrivateKey, PrivateKeyInfo } from '@peculiar/asn1-pkcs8';
import { AsnConvert } from '@peculiar/asn1-schema';
import { AlgorithmIdentifier } from '@peculiar/asn1-x509';
import { AesCbcIv, EcNamedCurve, EcPrivateKey, OID, PBES2Params, PBKDF2Params, RsaPrivateKey } from './asn1';
import { type KeyDetail, KeyImportError, PemError } from './errors';
import { type PemBlock, readPem } from './pem';

export type SigningKeyInfo = { kind: 'EC'; curve: 'P-256' } | { kind: 'RSA'; modulusBits: number };

export interface ImportedSigningKey {
  /** Non-extractable, usage `sign` only. */
  privateKey: CryptoKey;
  info: SigningKeyInfo;
  /** Human-readable type, e.g. `EC P-256` or `RSA 2048`. */
  description: string;
  /** Whether the file was password-protected. */
  encrypted: boolean;
}

export interface ImportOptions {
  subtle?: SubtleCrypto;
  /** Allow `extractable` keys: only for tests that must compare key material. Default false. */
  extractable?: boolean;
}

const PRF_HASH: Record<string, string> = {
  [OID.hmacWithSHA1]: 'SHA-1',
  [OID.hmacWithSHA256]: 'SHA-256',
  [OID.hmacWithSHA384]: 'SHA-384',
  [OID.hmacWithSHA512]: 'SHA-512',
};
const AES_KEY_BYTES: Record<string, number> = { [OID.aes128Cbc]: 16, [OID.aes192Cbc]: 24, [OID.aes256Cbc]: 32 };

/** KOD II RSA keys must be at least 2048 bits (docs/ksef-protocol.md §6.2). */
const MIN_RSA_BITS = 2048;
/** The OpenSSL command that re-encrypts a key the way the import reads it. */
const TO_AES256 = 'openssl pkcs8 -topk8 -v2 aes-256-cbc';

/** A stored .key file uses 100 000 iterations (§7); far beyond this is a broken or hostile file. */
const MAX_ITERATIONS = 10_000_000;

function parseAs<T>(der: BufferSource, type: new () => T): T | null {
  try {
    return AsnConvert.parse(der, type);
  } catch {
    return null;
  }
}

function describeKey(info: SigningKeyInfo): string {
  return info.kind === 'EC' ? 'EC P-256' : `RSA ${info.modulusBits}`;
}

/** Decrypts PBES2-encrypted PKCS#8 and returns the PrivateKeyInfo DER. */
async function decryptPbes2(
  epki: EncryptedPrivateKeyInfo,
  password: string | undefined,
  subtle: SubtleCrypto,
): Promise<Uint8Array<ArrayBuffer>> {
  const alg = epki.encryptionAlgorithm;
  if (alg.algorithm !== OID.pbes2) {
    throw new KeyImportError('unsupported-algorithm', { code: 'not-pbes2', params: { oid: alg.algorithm } });
  }
  const params = alg.parameters ? parseAs(alg.parameters, PBES2Params) : null;
  if (!params) throw new KeyImportError('malformed-key', { code: 'bad-pbes2' });
  const kdf = params.keyDerivationFunc;
  if (kdf.algorithm !== OID.pbkdf2) {
    throw new KeyImportError('unsupported-algorithm', { code: 'not-pbkdf2', params: { oid: kdf.algorithm } });
  }
  const pbkdf2 = kdf.parameters ? parseAs(kdf.parameters, PBKDF2Params) : null;
  if (!pbkdf2 || pbkdf2.salt.byteLength === 0) throw new KeyImportError('malformed-key', { code: 'bad-pbkdf2' });
  // RFC 8018 §A.2: an absent PRF means HMAC-SHA1.
  const prfOid = pbkdf2.prf?.algorithm ?? OID.hmacWithSHA1;
  const hash = PRF_HASH[prfOid];
  if (!hash) throw new KeyImportError('unsupported-algorithm', `PRF ${prfOid}`);
  const enc = params.encryptionScheme;
  const keyBytes = AES_KEY_BYTES[enc.algorithm];
  if (!keyBytes) throw new KeyImportError('unsupported-algorithm', { code: 'cipher', params: { oid: enc.algorithm } });
  if (pbkdf2.keyLength !== undefined && pbkdf2.keyLength !== keyBytes) {
    throw new KeyImportError('malformed-key', { code: 'key-length' });
  }
  if (pbkdf2.iterationCount < 1 || pbkdf2.iterationCount > MAX_ITERATIONS) {
    throw new KeyImportError('malformed-key', { code: 'iterations', params: { count: pbkdf2.iterationCount } });
  }
  const iv = enc.parameters ? parseAs(enc.parameters, AesCbcIv)?.iv : undefined;
  if (iv?.byteLength !== 16) throw new KeyImportError('malformed-key', { code: 'iv' });
  if (password === undefined || password === '') throw new KeyImportError('password-required');

  const pwBytes = new TextEncoder().encode(password);
  let aesKey: CryptoKey;
  try {
    const base = await subtle.importKey('raw', pwBytes, 'PBKDF2', false, ['deriveBits']);
    const bits = await subtle.deriveBits(
      { name: 'PBKDF2', salt: new Uint8Array(pbkdf2.salt), iterations: pbkdf2.iterationCount, hash },
      base,
      keyBytes * 8,
    );
    aesKey = await subtle.importKey('raw', bits, { name: 'AES-CBC' }, false, ['decrypt']);
    new Uint8Array(bits).fill(0);
  } catch (e) {
    // Chromium's WebCrypto has no 192-bit AES; Node does. Say so instead of blaming the password.
    throw new KeyImportError(
      'unsupported-algorithm',
      keyBytes === 24 ? { code: 'aes192', params: { command: TO_AES256 } } : (e as Error).name,
    );
  } finally {
    pwBytes.fill(0);
  }
  try {
    const plain = await subtle.decrypt(
      { name: 'AES-CBC', iv: new Uint8Array(iv) },
      aesKey,
      new Uint8Array(epki.encryptedData.buffer),
    );
    return new Uint8Array(plain);
  } catch {
    // A wrong password yields a wrong AES key, which shows up as bad PKCS#7 padding.
    throw new KeyImportError('wrong-password');
  }
}

/** Imports PrivateKeyInfo DER as a signing key. `fromEncrypted` turns garbage into wrong-password. */
async function importPkcs8(
  der: Uint8Array<ArrayBuffer>,
  fromEncrypted: boolean,
  opts: ImportOptions,
): Promise<ImportedSigningKey> {
  const subtle = opts.subtle ?? globalThis.crypto.subtle;
  // After a successful decryption with a wrong password (padding matched by chance, ~1/256),
  // the bytes are noise: report the password, not a broken file.
  const garbage = (why: KeyDetail) =>
    fromEncrypted ? new KeyImportError('wrong-password') : new KeyImportError('malformed-key', why);
  const pki = parseAs(der, PrivateKeyInfo);
  if (!pki) throw garbage({ code: 'not-pkcs8' });
  const alg = pki.privateKeyAlgorithm;
  let info: SigningKeyInfo;
  let params: EcKeyImportParams | RsaHashedImportParams;
  if (alg.algorithm === OID.ecPublicKey) {
    const curve = alg.parameters ? parseAs(alg.parameters, EcNamedCurve)?.namedCurve : undefined;
    if (!curve) throw garbage({ code: 'no-curve' });
    if (curve !== OID.prime256v1)
      throw new KeyImportError('unsupported-algorithm', { code: 'curve', params: { oid: curve } });
    info = { kind: 'EC', curve: 'P-256' };
    params = { name: 'ECDSA', namedCurve: 'P-256' };
  } else if (alg.algorithm === OID.rsaEncryption) {
    info = { kind: 'RSA', modulusBits: 0 };
    params = { name: 'RSA-PSS', hash: 'SHA-256' };
  } else {
    throw new KeyImportError('unsupported-algorithm', { code: 'key-algorithm', params: { oid: alg.algorithm } });
  }
  let key: CryptoKey;
  try {
    key = await subtle.importKey('pkcs8', der, params, opts.extractable ?? false, ['sign']);
  } catch {
    throw garbage({ code: 'webcrypto' });
  } finally {
    der.fill(0);
  }
  if (info.kind === 'RSA') {
    const bits = (key.algorithm as RsaHashedKeyAlgorithm).modulusLength;
    if (bits < MIN_RSA_BITS)
      throw new KeyImportError('unsupported-algorithm', { code: 'rsa-bits', params: { bits, min: MIN_RSA_BITS } });
    info = { kind: 'RSA', modulusBits: bits };
  }
  return { privateKey: key, info, description: describeKey(info), encrypted: fromEncrypted };
}

/** PKCS#1 / SEC 1 DER → PKCS#8 PrivateKeyInfo DER, or null when it is neither. */
function wrapTraditional(der: Uint8Array<ArrayBuffer>): Uint8Array<ArrayBuffer> | null {
  const wrap = (algorithm: string, parameters: ArrayBuffer) =>
    new Uint8Array(
      AsnConvert.serialize(
        new PrivateKeyInfo({
          privateKeyAlgorithm: new AlgorithmIdentifier({ algorithm, parameters }),
          privateKey: new PrivateKey(der),
        }),
      ),
    );
  const rsa = parseAs(der, RsaPrivateKey);
  if (rsa && rsa.version === 0 && rsa.modulus.byteLength > 0) {
    return wrap(OID.rsaEncryption, new Uint8Array([0x05, 0x00]).buffer); // parameters: NULL
  }
  const ec = parseAs(der, EcPrivateKey);
  if (ec && ec.version === 1 && ec.privateKey.byteLength > 0) {
    const curve = ec.parameters?.namedCurve;
    if (!curve) throw new KeyImportError('malformed-key', { code: 'ec-no-curve' });
    const named = new EcNamedCurve();
    named.namedCurve = curve;
    return wrap(OID.ecPublicKey, AsnConvert.serialize(named));
  }
  return null;
}

function classifyPem(block: PemBlock): 'encrypted' | 'plain' | 'traditional' {
  switch (block.label) {
    case 'ENCRYPTED PRIVATE KEY':
      return 'encrypted';
    case 'PRIVATE KEY':
      return 'plain';
    case 'RSA PRIVATE KEY':
    case 'EC PRIVATE KEY':
      if (block.headers) {
        throw new KeyImportError('unsupported-algorithm', { code: 'legacy-openssl', params: { command: TO_AES256 } });
      }
      return 'traditional';
    case 'CERTIFICATE':
      throw new KeyImportError('malformed-key', { code: 'certificate-not-key' });
    default:
      throw new KeyImportError('malformed-key', { code: 'pem-label', params: { label: block.label } });
  }
}

/**
 * Reads a private-key file (PEM text or PEM/DER bytes) and imports it as a non-extractable
 * KOD II signing key. Throws KeyImportError with a specific code on every failure.
 */
export async function importSigningKeyFile(
  file: Uint8Array | string,
  password?: string,
  opts: ImportOptions = {},
): Promise<ImportedSigningKey> {
  const subtle = opts.subtle ?? globalThis.crypto.subtle;
  let block: PemBlock | null;
  try {
    block = readPem(file);
  } catch (e) {
    throw new KeyImportError('malformed-key', e instanceof PemError ? e.why : (e as Error).message);
  }
  let der: Uint8Array<ArrayBuffer>;
  let kind: 'encrypted' | 'plain' | 'traditional';
  if (block) {
    kind = classifyPem(block);
    der = block.der;
  } else {
    if (typeof file === 'string') throw new KeyImportError('malformed-key', { code: 'no-pem' });
    if (file.length === 0) throw new KeyImportError('malformed-key', { code: 'empty' });
    der = new Uint8Array(file);
    // DER carries no label: try PrivateKeyInfo, then the traditional forms, then the encrypted form.
    kind = parseAs(der, PrivateKeyInfo) ? 'plain' : 'traditional';
  }
  if (kind === 'plain') return importPkcs8(der, false, opts);
  if (kind === 'traditional') {
    const wrapped = wrapTraditional(der);
    if (wrapped) {
      der.fill(0);
      return importPkcs8(wrapped, false, opts);
    }
    if (block) throw new KeyImportError('malformed-key', { code: 'damaged-block', params: { label: block.label } });
  }
  const epki = parseAs(der, EncryptedPrivateKeyInfo);
  if (!epki || epki.encryptedData.byteLength === 0) {
    throw new KeyImportError('malformed-key', { code: 'not-encrypted-pkcs8' });
  }
  const plain = await decryptPbes2(epki, password, subtle);
  return importPkcs8(plain, true, opts);
}
