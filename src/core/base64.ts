/**
 * Base64 (RFC 4648 §4, padded: what the KSeF API and the message boundary carry) and base64url
 * (§5, unpadded: the QR links, docs/ksef-protocol.md §6.1). Built on web platform APIs only (atob,
 * TextDecoder), so the same code runs in Node, the pages and the service worker.
 */

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const ALPHABET_CODES = Uint8Array.from(ALPHABET, (c) => c.charCodeAt(0));
/** The output is ASCII, which UTF-8 decodes unchanged. */
const asciiDecoder = new TextDecoder();

/**
 * The platform's `Uint8Array.prototype.toBase64` where it exists (TC39 "Uint8Array to/from
 * base64", https://tc39.es/proposal-arraybuffer-base64/), otherwise the alphabet's bytes written
 * into one array and decoded at once: several times cheaper than a binary string through `btoa`,
 * which matters on the online send path (every invoice's ciphertext is sent as Base64).
 */
export function bytesToBase64(bytes: Uint8Array): string {
  const native = (bytes as Uint8Array & { toBase64?: () => string }).toBase64;
  if (typeof native === 'function') return native.call(bytes);
  const out = new Uint8Array(Math.ceil(bytes.length / 3) * 4);
  const whole = bytes.length - (bytes.length % 3);
  let o = 0;
  for (let i = 0; i < whole; i += 3) {
    const v = (bytes[i]! << 16) | (bytes[i + 1]! << 8) | bytes[i + 2]!;
    out[o++] = ALPHABET_CODES[v >>> 18]!;
    out[o++] = ALPHABET_CODES[(v >>> 12) & 63]!;
    out[o++] = ALPHABET_CODES[(v >>> 6) & 63]!;
    out[o++] = ALPHABET_CODES[v & 63]!;
  }
  const rest = bytes.length - whole;
  if (rest > 0) {
    const v = (bytes[whole]! << 16) | (rest === 2 ? bytes[whole + 1]! << 8 : 0);
    out[o++] = ALPHABET_CODES[v >>> 18]!;
    out[o++] = ALPHABET_CODES[(v >>> 12) & 63]!;
    out[o++] = rest === 2 ? ALPHABET_CODES[(v >>> 6) & 63]! : 61; // '='
    out[o++] = 61;
  }
  return asciiDecoder.decode(out);
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
