// MF public-key certificates (docs/ksef-protocol.md §2.8): RSA-2048, one per usage (KsefTokenEncryption,
// SymmetricKeyEncryption), publicKeyId = Base64 SHA-256 of the SPKI DER, certificateId = Base64 SHA-256 of the
// certificate DER. Rotation replaces both; an old publicKeyId then answers 400 21470.
import '@abraham/reflection';
import * as x509 from '@peculiar/x509';

export type KeyUsage = 'KsefTokenEncryption' | 'SymmetricKeyEncryption';
export interface MfKey {
  usage: KeyUsage;
  privateKey: CryptoKey;
  certificateDer: Uint8Array<ArrayBuffer>;
  certificateId: string;
  publicKeyId: string;
  validFrom: Date;
  validTo: Date;
}

const subtle = globalThis.crypto.subtle;
const b64 = (b: ArrayBuffer | Uint8Array) =>
  Buffer.from(b instanceof Uint8Array ? b : new Uint8Array(b)).toString('base64');
const OAEP = { name: 'RSA-OAEP', modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]), hash: 'SHA-256' };

async function makeKey(usage: KeyUsage, nowMs: number, caKeys: CryptoKeyPair, caName: string): Promise<MfKey> {
  const keys = (await subtle.generateKey(OAEP, true, ['encrypt', 'decrypt'])) as CryptoKeyPair;
  const validFrom = new Date(nowMs - 24 * 3600_000);
  const validTo = new Date(nowMs + 2 * 365 * 24 * 3600_000);
  const serial = Buffer.from(globalThis.crypto.getRandomValues(new Uint8Array(8))).toString('hex');
  const cert = await x509.X509CertificateGenerator.create({
    serialNumber: `01${serial}`,
    subject: `CN=Ministerstwo Finansów, O=Ministerstwo Finansów, C=PL, 2.5.4.97=VATPL-5260250274`,
    issuer: caName,
    notBefore: validFrom,
    notAfter: validTo,
    publicKey: keys.publicKey,
    signingKey: caKeys.privateKey,
    signingAlgorithm: { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' },
    extensions: [new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyEncipherment | x509.KeyUsageFlags.dataEncipherment)],
  });
  const spki = await subtle.exportKey('spki', keys.publicKey);
  const der = new Uint8Array(cert.rawData);
  return {
    usage,
    privateKey: keys.privateKey,
    certificateDer: der,
    certificateId: b64(await subtle.digest('SHA-256', der)),
    publicKeyId: b64(await subtle.digest('SHA-256', spki)),
    validFrom,
    validTo,
  };
}

export class MfKeyring {
  private keys: MfKey[] = [];
  private retired = new Set<string>();

  async rotate(nowMs: number): Promise<void> {
    const caKeys = (await subtle.generateKey(
      { name: 'RSASSA-PKCS1-v1_5', modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]), hash: 'SHA-256' },
      false,
      ['sign', 'verify'],
    )) as CryptoKeyPair;
    const caName = 'CN=Symulator KSeF - kwalifikowany CA (nie do produkcji), C=PL';
    for (const k of this.keys) this.retired.add(k.publicKeyId);
    this.keys = [
      await makeKey('KsefTokenEncryption', nowMs, caKeys, caName),
      await makeKey('SymmetricKeyEncryption', nowMs, caKeys, caName),
    ];
  }

  list(): MfKey[] {
    return this.keys;
  }

  byUsage(usage: KeyUsage): MfKey {
    const k = this.keys.find((x) => x.usage === usage);
    if (!k) throw new Error(`no MF key for ${usage}`);
    return k;
  }

  /**
   * 'unknown' covers ids never issued and rotated-out ones (both answer 21470, openapi.json). A current id of the
   * other usage is accepted here on purpose: KSeF decrypts with the key of the endpoint's usage, so a client that
   * encrypted with the wrong certificate sees status 415/450 later (docs/ksef-protocol.md §2.8, CIRFMF/ksef-api#179).
   */
  isKnownId(publicKeyId: string | null | undefined): boolean {
    return publicKeyId == null || this.keys.some((k) => k.publicKeyId === publicKeyId);
  }

  wasRetired(publicKeyId: string): boolean {
    return this.retired.has(publicKeyId);
  }

  /** RSA-OAEP / SHA-256 / MGF1-SHA-256 / empty label (§2.2, §3.1). Undefined when the ciphertext does not decrypt. */
  async decrypt(usage: KeyUsage, ciphertext: Uint8Array<ArrayBuffer>): Promise<Uint8Array | undefined> {
    try {
      return new Uint8Array(await subtle.decrypt({ name: 'RSA-OAEP' }, this.byUsage(usage).privateKey, ciphertext));
    } catch {
      return undefined;
    }
  }
}
