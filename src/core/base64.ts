/**
 * Base64 (RFC 4648 §4, padded: what the KSeF API and the message boundary carry) and base64url
 * (§5, unpadded: the QR links, docs/ksef-protocol.md §6.1). Built on btoa/atob, so the same code
 * runs in Node, the pages and the service worker.
 */

/** Chunked, so a file of megabytes does not overflow the argument list of `String.fromCharCode`. */
export function bytesToBase64(bytes: Uint8Array): string {
  let bin = '';
  for (let i = 0; i < bytes.length; i += 0x8000) {
    bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return btoa(bin);
}

/** Standard Base64 to bytes; whitespace (line-wrapped PEM bodies) is ignored. Throws on other
 * characters outside the alphabet (atob's `InvalidCharacterError`). */
export function base64ToBytes(b64: string): Uint8Array<ArrayBuffer> {
  return binaryToBytes(atob(b64.replace(/\s+/g, '')));
}

/** Standard Base64 → unpadded base64url. */
export function base64ToBase64Url(b64: string): string {
  return b64.replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export function bytesToBase64Url(bytes: Uint8Array): string {
  return base64ToBase64Url(bytesToBase64(bytes));
}

/**
 * Base64 or base64url, padded or not, to bytes. Lenient about the unused bits of the last
 * character, as KSeF's own QR verifier is (https://github.com/CIRFMF/ksef-api/issues/614); throws a `TypeError` on a
 * character outside both alphabets or an impossible length.
 */
export function base64UrlToBytes(s: string): Uint8Array<ArrayBuffer> {
  const std = s.replace(/-/g, '+').replace(/_/g, '/').replace(/=+$/, '');
  if (!/^[A-Za-z0-9+/]*$/.test(std) || std.length % 4 === 1) throw new TypeError('invalid base64');
  return binaryToBytes(atob(std + '='.repeat((4 - (std.length % 4)) % 4)));
}

/** UTF-8 text as standard Base64 (`btoa` alone accepts only Latin-1). */
export function textToBase64(text: string): string {
  return bytesToBase64(new TextEncoder().encode(text));
}

function binaryToBytes(bin: string): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}
