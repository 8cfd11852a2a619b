/**
 * ASN.1 shapes that @peculiar/asn1-pkcs8 lacks: PBES2-params and PBKDF2-params (RFC 8018
 * §A.2, §A.4) and the EC named-curve parameter (RFC 5480 §2.1.1). Declared by calling the
 * asn1-schema decorators as plain functions (docs/harness.md §5 point 3), so nothing depends on how
 * a bundler transpiles decorators.
 */
import {
  AsnIntegerArrayBufferConverter,
  AsnProp,
  AsnPropTypes,
  AsnType,
  AsnTypeTypes,
  BitString,
} from '@peculiar/asn1-schema';
import { AlgorithmIdentifier } from '@peculiar/asn1-x509';

export const OID = {
  pbes2: '1.2.840.113549.1.5.13',
  pbkdf2: '1.2.840.113549.1.5.12',
  hmacWithSHA1: '1.2.840.113549.2.7',
  hmacWithSHA256: '1.2.840.113549.2.9',
  hmacWithSHA384: '1.2.840.113549.2.10',
  hmacWithSHA512: '1.2.840.113549.2.11',
  aes128Cbc: '2.16.840.1.101.3.4.1.2',
  aes192Cbc: '2.16.840.1.101.3.4.1.22',
  aes256Cbc: '2.16.840.1.101.3.4.1.42',
  rsaEncryption: '1.2.840.113549.1.1.1',
  rsaPss: '1.2.840.113549.1.1.10',
  ecPublicKey: '1.2.840.10045.2.1',
  prime256v1: '1.2.840.10045.3.1.7',
} as const;

/** PBKDF2-params ::= SEQUENCE { salt OCTET STRING (the `specified` choice), iterationCount,
 * keyLength OPTIONAL, prf AlgorithmIdentifier DEFAULT hmacWithSHA1 } */
export class PBKDF2Params {
  salt: ArrayBuffer = new ArrayBuffer(0);
  iterationCount = 0;
  keyLength?: number;
  prf?: AlgorithmIdentifier;
}
AsnProp({ type: AsnPropTypes.OctetString })(PBKDF2Params.prototype, 'salt');
AsnProp({ type: AsnPropTypes.Integer })(PBKDF2Params.prototype, 'iterationCount');
AsnProp({ type: AsnPropTypes.Integer, optional: true })(PBKDF2Params.prototype, 'keyLength');
AsnProp({ type: AlgorithmIdentifier, optional: true })(PBKDF2Params.prototype, 'prf');

/** PBES2-params ::= SEQUENCE { keyDerivationFunc AlgorithmIdentifier, encryptionScheme AlgorithmIdentifier } */
export class PBES2Params {
  keyDerivationFunc = new AlgorithmIdentifier();
  encryptionScheme = new AlgorithmIdentifier();
}
AsnProp({ type: AlgorithmIdentifier })(PBES2Params.prototype, 'keyDerivationFunc');
AsnProp({ type: AlgorithmIdentifier })(PBES2Params.prototype, 'encryptionScheme');

/** ECParameters ::= CHOICE { namedCurve OBJECT IDENTIFIER, … } — only the named form is used by PKIX. */
export class EcNamedCurve {
  namedCurve?: string;
}
AsnProp({ type: AsnPropTypes.ObjectIdentifier })(EcNamedCurve.prototype, 'namedCurve');
AsnType({ type: AsnTypeTypes.Choice })(EcNamedCurve);

/** AES-CBC parameters: the IV as an OCTET STRING (RFC 3565 §4.1). */
export class AesCbcIv {
  iv?: ArrayBuffer;
}
AsnProp({ type: AsnPropTypes.OctetString })(AesCbcIv.prototype, 'iv');
AsnType({ type: AsnTypeTypes.Choice })(AesCbcIv);

/**
 * ECPrivateKey (SEC 1 / RFC 5915 §3): the "traditional" EC key that the C# SDK and
 * `openssl pkey -outform DER` write (docs/ksef-protocol.md §7). Only used to find the curve before
 * wrapping it as PKCS#8, which WebCrypto imports.
 */
export class EcPrivateKey {
  version = 1;
  privateKey: ArrayBuffer = new ArrayBuffer(0);
  parameters?: EcNamedCurve;
  publicKey?: BitString;
}
AsnProp({ type: AsnPropTypes.Integer })(EcPrivateKey.prototype, 'version');
AsnProp({ type: AsnPropTypes.OctetString })(EcPrivateKey.prototype, 'privateKey');
AsnProp({ type: EcNamedCurve, context: 0, optional: true })(EcPrivateKey.prototype, 'parameters');
AsnProp({ type: BitString, context: 1, optional: true })(EcPrivateKey.prototype, 'publicKey');

/** RSAPrivateKey (PKCS#1, RFC 8017 §A.1.2), the C# SDK's RSA key form; recognised, then wrapped. */
export class RsaPrivateKey {
  version = 0;
  modulus: ArrayBuffer = new ArrayBuffer(0);
  publicExponent: ArrayBuffer = new ArrayBuffer(0);
  privateExponent: ArrayBuffer = new ArrayBuffer(0);
  prime1: ArrayBuffer = new ArrayBuffer(0);
  prime2: ArrayBuffer = new ArrayBuffer(0);
  exponent1: ArrayBuffer = new ArrayBuffer(0);
  exponent2: ArrayBuffer = new ArrayBuffer(0);
  coefficient: ArrayBuffer = new ArrayBuffer(0);
}
AsnProp({ type: AsnPropTypes.Integer })(RsaPrivateKey.prototype, 'version');
for (const f of [
  'modulus',
  'publicExponent',
  'privateExponent',
  'prime1',
  'prime2',
  'exponent1',
  'exponent2',
  'coefficient',
] as const) {
  AsnProp({ type: AsnPropTypes.Integer, converter: AsnIntegerArrayBufferConverter })(RsaPrivateKey.prototype, f);
}
