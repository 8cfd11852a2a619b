/**
 * The body of one online invoice POST (`POST /sessions/online/{referenceNumber}/invoices`,
 * docs/ksef-protocol.md §3.3): the exact invoice bytes encrypted with the session's AES key (no IV
 * prefix, §3.1), with the SHA-256 and size of both the plaintext and the ciphertext.
 */
import { aesCbcEncrypt } from './crypto';
import { fromBase64, sha256Base64Sync, toBase64 } from './encoding';

export interface SendInvoiceOptions {
  /** Invoice issued in an offline mode (§5). */
  offlineMode?: boolean;
  /** Technical correction of a rejected offline invoice: Base64 SHA-256 of the rejected file (§5). */
  hashOfCorrectedInvoice?: string;
}

/** An invoice encrypted for one session, with the hashes and sizes KSeF checks. */
export interface SealedInvoice {
  /** Base64 SHA-256 of the exact bytes: the invoice's identity for reconciliation and KOD I. */
  invoiceHash: string;
  invoiceSize: number;
  ciphertext: Uint8Array;
  encryptedInvoiceHash: string;
}

/**
 * Encrypts the exact invoice bytes with the session's key and hashes both forms. WebCrypto encrypts
 * on a thread of its own, so the plaintext is hashed meanwhile rather than before or after.
 */
export async function sealInvoice(
  session: { aesKey: CryptoKey; ivB64: string },
  xml: Uint8Array,
): Promise<SealedInvoice> {
  const encrypting = aesCbcEncrypt(session.aesKey, fromBase64(session.ivB64), xml);
  const invoiceHash = sha256Base64Sync(xml);
  const ciphertext = await encrypting;
  return { invoiceHash, invoiceSize: xml.byteLength, ciphertext, encryptedInvoiceHash: sha256Base64Sync(ciphertext) };
}

/** The JSON body of the POST (`SendInvoiceRequest` in openapi.json). */
export function invoiceSendBody(sealed: SealedInvoice, opts: SendInvoiceOptions) {
  return {
    invoiceHash: sealed.invoiceHash,
    invoiceSize: sealed.invoiceSize,
    encryptedInvoiceHash: sealed.encryptedInvoiceHash,
    encryptedInvoiceSize: sealed.ciphertext.byteLength,
    encryptedInvoiceContent: toBase64(sealed.ciphertext),
    offlineMode: opts.offlineMode ?? false,
    ...(opts.hashOfCorrectedInvoice ? { hashOfCorrectedInvoice: opts.hashOfCorrectedInvoice } : {}),
  };
}
