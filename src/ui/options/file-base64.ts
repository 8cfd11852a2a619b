import { bytesToBase64 } from '../../core/base64';

/** Reads a chosen file as base64 for `certs.importKey` (the key file crosses the message boundary
 * as text; the worker decodes and decrypts it). Chunked so large inputs do not overflow the stack. */
export async function fileToBase64(file: Blob): Promise<string> {
  return bytesToBase64(new Uint8Array(await file.arrayBuffer()));
}

/** A private key file (PEM or DER) is a few kilobytes; anything much bigger is the wrong file. */
export const MAX_KEY_FILE_BYTES = 64 * 1024;
