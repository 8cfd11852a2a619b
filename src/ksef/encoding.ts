/**
 * Small pure helpers shared by the client: Base64 and SHA-256 in the form KSeF wants
 * (standard padded Base64, `Sha256HashBase64` in openapi.json; docs/ksef-protocol.md §0). The
 * Warsaw calendar day KSeF compares dates by is `warsawDay` in src/core/warsaw.ts.
 */
import { sha256 as nobleSha256 } from '@noble/hashes/sha2';
import { bytesToBase64 as toBase64 } from '../core/base64';

// The client's Base64 names, kept for its many callers; the one implementation is src/core/base64.ts.
export { base64ToBase64Url, base64ToBytes as fromBase64, bytesToBase64 as toBase64 } from '../core/base64';

export function utf8(text: string): Uint8Array<ArrayBuffer> {
  return new TextEncoder().encode(text) as Uint8Array<ArrayBuffer>;
}

/** Copies into a fresh ArrayBuffer-backed array, which WebCrypto's typings require. */
export function ownBytes(bytes: Uint8Array): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(bytes.byteLength);
  out.set(bytes);
  return out;
}

function asBufferSource(bytes: Uint8Array): Uint8Array<ArrayBuffer> {
  return bytes.buffer instanceof ArrayBuffer ? (bytes as Uint8Array<ArrayBuffer>) : ownBytes(bytes);
}

export async function sha256(bytes: Uint8Array): Promise<Uint8Array<ArrayBuffer>> {
  return new Uint8Array(await globalThis.crypto.subtle.digest('SHA-256', asBufferSource(bytes)));
}

/** SHA-256 of the exact bytes, standard padded Base64 (44 chars): `invoiceHash`, `fileHash`… */
export async function sha256Base64(bytes: Uint8Array): Promise<string> {
  return toBase64(await sha256(bytes));
}

/**
 * The same hash computed on the spot (@noble/hashes), for the few-kilobyte inputs of the send path:
 * an asynchronous WebCrypto digest costs a round trip to another thread, far more than hashing a
 * 3 KB invoice here. Equal to `sha256Base64` (test/ksef/encoding.test.ts).
 */
export function sha256Base64Sync(bytes: Uint8Array): string {
  return toBase64(nobleSha256(bytes));
}

export { asBufferSource };
