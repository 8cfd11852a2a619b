/**
 * Base64 and base64url for the QR links (docs/ksef-protocol.md §6.1: the URL carries the invoice
 * hash and the KOD II signature as unpadded base64url). The one implementation is src/core/base64.ts;
 * this path stays for the QR module's public surface (`src/qr/index.ts`).
 */
export { base64ToBase64Url, base64UrlToBytes, bytesToBase64, bytesToBase64Url } from '../core/base64';
