/**
 * PEM/DER input handling for key and certificate files. A file may arrive as text (PEM) or
 * bytes (PEM or DER); the PEM label decides what it is (RFC 7468).
 */

import { base64ToBytes } from '../core/base64';
import { PemError } from './errors';

export interface PemBlock {
  label: string;
  der: Uint8Array<ArrayBuffer>;
  /** Headers such as `Proc-Type` (legacy OpenSSL encryption) if present. */
  headers: boolean;
}

/**
 * The input as text when it holds a PEM block, else null (then it is DER). Text before the
 * block (e.g. OpenSSL's "Bag Attributes" lines) is allowed; DER always starts with 0x30.
 */
function asText(input: Uint8Array | string): string | null {
  const text = typeof input === 'string' ? input : input[0] === 0x30 ? null : new TextDecoder('utf-8').decode(input);
  return text?.includes('-----BEGIN ') ? text : null;
}

/**
 * The first PEM block of the input, or null when the input is not PEM text (then it is DER).
 * Throws a PemError when the text is PEM-like but broken (callers map it to their own code).
 */
export function readPem(input: Uint8Array | string): PemBlock | null {
  const text = asText(input);
  if (text === null) return null;
  const m = /-----BEGIN ([A-Z0-9 ]+)-----([\s\S]*?)-----END \1-----/.exec(text);
  if (!m) throw new PemError({ code: 'pem-incomplete' });
  const body = m[2]!;
  const headers = /^[ \t]*[A-Za-z-]+:/m.test(body);
  const b64 = body
    .split(/\r?\n/)
    .filter((l) => !/^[ \t]*[A-Za-z-]+:/.test(l))
    .join('')
    .replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/]+=*$/.test(b64)) throw new PemError({ code: 'pem-base64' });
  return { label: m[1]!, der: base64ToBytes(b64), headers };
}

export function toBytes(input: Uint8Array | string): Uint8Array<ArrayBuffer> {
  return typeof input === 'string' ? new TextEncoder().encode(input) : new Uint8Array(input);
}
