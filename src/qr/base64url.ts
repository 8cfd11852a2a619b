/**
 * Base64 and base64url (RFC 4648 §5, no padding) for the QR links: the URL carries the invoice
 * hash and the KOD II signature as base64url without `=` (docs/ksef-protocol.md §6.1: `+`→`-`,
 * `/`→`_`, no `=`). Built on btoa/atob so it runs the same in Node, pages and the worker.
 */

export function bytesToBase64(bytes: Uint8Array): string {
  let bin = '';
  for (let i = 0; i < bytes.length; i += 0x8000) {
    bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return btoa(bin);
}

export function bytesToBase64Url(bytes: Uint8Array): string {
  return base64ToBase64Url(bytesToBase64(bytes));
}

/** Standard Base64 (the API's `invoiceHash` form) → the unpadded base64url used in links. */
export function base64ToBase64Url(b64: string): string {
  return b64.replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/**
 * Decodes base64 or base64url, padded or not. Lenient on purpose: KSeF's own verifier ignores
 * the unused padding bits of the last character (docs/ksef-protocol.md §6.2, CIRFMF/ksef-api#614).
 * Throws on characters outside either alphabet.
 */
export function base64UrlToBytes(s: string): Uint8Array<ArrayBuffer> {
  const std = s.replace(/-/g, '+').replace(/_/g, '/').replace(/=+$/, '');
  if (!/^[A-Za-z0-9+/]*$/.test(std) || std.length % 4 === 1) throw new Error('niepoprawny zapis base64');
  const bin = atob(std + '='.repeat((4 - (std.length % 4)) % 4));
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}
