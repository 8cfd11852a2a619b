/**
 * Self-signed certificate for XAdES login on TEST (docs/ksef-protocol.md §1.3: TEST accepts
 * self-signed certificates; subject carries the NIP as `serialNumber = TINPL-<NIP>`, personal
 * style, valid now − 61 min … + 2 years, like the C# `SelfSignedCertificateForSignatureBuilder`).
 * The ECDSA P-256 private key is generated NON-extractable and kept (as a CryptoKey) in the
 * injected storage, so it is generated once per NIP and survives worker restarts.
 */
import '@abraham/reflection';
import * as x509 from '@peculiar/x509';
import type { RandomBytes } from './crypto';
import type { KvStore } from './storage';
import type { XadesSigner } from './xades';

export interface StoredTestCertificate {
  privateKey: CryptoKey;
  certificateDer: Uint8Array;
  nip: string;
}

function hex(bytes: Uint8Array): string {
  return [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
}

export async function createTestCertificate(
  nip: string,
  now: number,
  random: RandomBytes,
): Promise<StoredTestCertificate> {
  const keys = (await globalThis.crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, false, [
    'sign',
    'verify',
  ])) as CryptoKeyPair;
  const cert = await x509.X509CertificateGenerator.createSelfSigned({
    // Positive serial: leading 0x01 keeps the DER INTEGER from being read as negative.
    serialNumber: `01${hex(random(15))}`,
    name: [
      { '2.5.4.42': ['Jan'] },
      { '2.5.4.4': ['Testowy'] },
      { '2.5.4.5': [`TINPL-${nip}`] },
      { CN: ['Jan Testowy'] },
      { C: ['PL'] },
    ],
    keys,
    notBefore: new Date(now - 61 * 60_000),
    notAfter: new Date(now + 2 * 365 * 86_400_000),
    signingAlgorithm: { name: 'ECDSA', hash: 'SHA-256' },
    extensions: [
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.nonRepudiation, true),
    ],
  });
  return { privateKey: keys.privateKey, certificateDer: new Uint8Array(cert.rawData), nip };
}

/** The TEST signer for `nip`: loaded from storage, or generated once and stored. */
export async function testSignerFor(
  store: KvStore,
  storeKey: string,
  nip: string,
  now: number,
  random: RandomBytes,
): Promise<XadesSigner> {
  const existing = await store.get<StoredTestCertificate>(storeKey);
  if (existing && existing.nip === nip) return existing;
  const created = await createTestCertificate(nip, now, random);
  await store.set(storeKey, created);
  return created;
}
