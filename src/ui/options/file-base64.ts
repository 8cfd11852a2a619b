/** Reads a chosen file as base64 for `certs.importKey` (the key file crosses the message boundary
 * as text; the worker decodes and decrypts it). Chunked so large inputs do not overflow the stack. */
export async function fileToBase64(file: Blob): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let bin = '';
  for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(bin);
}

/** A private key file (PEM or DER) is a few kilobytes; anything much bigger is the wrong file. */
export const MAX_KEY_FILE_BYTES = 64 * 1024;
