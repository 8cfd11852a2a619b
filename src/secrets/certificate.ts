/**
 * The chosen Offline certificate (docs/ksef-protocol.md §7: `POST /v2/certificates/retrieve` returns
 * it as DER Base64). Parsed with @peculiar/asn1-x509 alone, which needs no Reflect polyfill and
 * keeps the worker small (docs/harness.md §5 point 1), to get the public key, serial and validity.
 */
import { AsnConvert } from '@peculiar/asn1-schema';
import { Certificate, id_ce_keyUsage, KeyUsage, KeyUsageFlags } from '@peculiar/asn1-x509';
import { base64ToBytes } from '../core/base64';
import { kod2SignatureParams } from '../qr/kod2';
import { type KeyDetail, KeyImportError, PemError } from './errors';
import { readPem } from './pem';

export interface CertificateInfo {
  der: Uint8Array<ArrayBuffer>;
  /** SubjectPublicKeyInfo DER. */
  spki: Uint8Array<ArrayBuffer>;
  /** Serial as KSeF prints it: upper-case hex without DER sign padding (e.g. 01D1732E43B9345E). */
  serialHex: string;
  notBefore: Date;
  notAfter: Date;
  /** Key-usage flags, when the certificate has the extension. KSeF Offline certificates carry
   * Non-Repudiation, Authentication ones Digital Signature (docs/ksef-protocol.md §7). */
  keyUsage?: { nonRepudiation: boolean; digitalSignature: boolean };
}

function hex(bytes: Uint8Array): string {
  return [...bytes]
    .map((b) => b.toString(16).padStart(2, '0'))
    .join('')
    .toUpperCase();
}

/** The bare DER Base64 the KSeF API returns, or null when the text is not Base64 at all. */
function derFromBase64(b64: string): Uint8Array<ArrayBuffer> | null {
  return /^[A-Za-z0-9+/]+=*$/.test(b64) ? base64ToBytes(b64) : null;
}

/** Accepts DER bytes, PEM (text or bytes) or the bare DER Base64 that the KSeF API returns. */
export function parseCertificate(input: Uint8Array | string): CertificateInfo {
  let der: Uint8Array<ArrayBuffer> | null = null;
  try {
    const pem = readPem(input);
    if (pem) {
      if (pem.label !== 'CERTIFICATE')
        throw new PemError({ code: 'certificate-pem-label', params: { label: pem.label } });
      der = pem.der;
    } else if (typeof input === 'string') {
      der = derFromBase64(input.replace(/\s+/g, ''));
    } else {
      der = new Uint8Array(input);
    }
    if (!der) throw new PemError({ code: 'base64' });
    const cert = AsnConvert.parse(der, Certificate);
    const tbs = cert.tbsCertificate;
    let serial = new Uint8Array(tbs.serialNumber);
    if (serial.length > 1 && serial[0] === 0 && (serial[1]! & 0x80) !== 0) serial = serial.subarray(1);
    const ku = tbs.extensions?.find((x) => x.extnID === id_ce_keyUsage);
    const flags = ku ? AsnConvert.parse(ku.extnValue, KeyUsage).toNumber() : undefined;
    return {
      der,
      spki: new Uint8Array(AsnConvert.serialize(tbs.subjectPublicKeyInfo)),
      serialHex: hex(serial),
      notBefore: tbs.validity.notBefore.getTime(),
      notAfter: tbs.validity.notAfter.getTime(),
      ...(flags === undefined
        ? {}
        : {
            keyUsage: {
              nonRepudiation: (flags & KeyUsageFlags.nonRepudiation) !== 0,
              digitalSignature: (flags & KeyUsageFlags.digitalSignature) !== 0,
            },
          }),
    };
  } catch (e) {
    if (e instanceof KeyImportError) throw e;
    // The ASN.1 parser's own message is technical English, kept as it is.
    const why: KeyDetail | string = e instanceof PemError ? e.why : (e as Error).message;
    throw new KeyImportError('malformed-certificate', why);
  }
}

/**
 * Whether the private key belongs to the certificate. The key is non-extractable, so instead
 * of comparing key bytes we sign a random challenge and verify it with the certificate's public
 * key: only the matching key pair verifies. A key of another type cannot even be imported with
 * the same algorithm, which also means "no match".
 */
export async function keyMatchesCertificate(
  privateKey: CryptoKey,
  spki: Uint8Array<ArrayBuffer>,
  subtle: SubtleCrypto = globalThis.crypto.subtle,
  random: (n: number) => Uint8Array<ArrayBuffer> = (n) => globalThis.crypto.getRandomValues(new Uint8Array(n)),
): Promise<boolean> {
  const params = kod2SignatureParams(privateKey);
  const importParams: EcKeyImportParams | RsaHashedImportParams =
    params.name === 'ECDSA' ? { name: 'ECDSA', namedCurve: 'P-256' } : { name: 'RSA-PSS', hash: 'SHA-256' };
  let pub: CryptoKey;
  try {
    pub = await subtle.importKey('spki', spki, importParams, false, ['verify']);
  } catch {
    return false;
  }
  const challenge = random(32);
  const sig = await subtle.sign(params, privateKey, challenge);
  return subtle.verify(params, pub, sig, challenge);
}
