/**
 * KOD I: the invoice verification link printed on every invoice (docs/ksef-protocol.md §6.1):
 * `{qrBase}/invoice/{sellerNip}/{DD-MM-YYYY}/{base64url(SHA-256(invoice file bytes))}`.
 * The NIP is taken as given: some official vectors use NIPs that fail the checksum, and NIP
 * validation belongs to the settings.
 */
import { base64ToBase64Url, bytesToBase64, bytesToBase64Url } from '../core/base64';
import { InternalError } from '../i18n/internal';

export interface InvoiceHash {
  /** Standard Base64 with padding: the form of the API's `invoiceHash` fields. */
  base64: string;
  /** Unpadded base64url (always 43 chars): the form used in the links. */
  base64Url: string;
}

/** SHA-256 over the exact bytes of the invoice file as sent to KSeF (same hash as `invoiceHash`). */
export async function invoiceHash(
  invoiceBytes: Uint8Array,
  subtle: SubtleCrypto = globalThis.crypto.subtle,
): Promise<InvoiceHash> {
  const digest = new Uint8Array(await subtle.digest('SHA-256', new Uint8Array(invoiceBytes)));
  return { base64: bytesToBase64(digest), base64Url: bytesToBase64Url(digest) };
}

/** Accepts the hash either as API Base64 or as base64url and returns the unpadded base64url. */
export function normalizeHash(hash: string): string {
  const url = base64ToBase64Url(hash.trim());
  if (!/^[A-Za-z0-9_-]{43}$/.test(url)) {
    throw new InternalError('kod1-hash', 'Skrót faktury musi być SHA-256 zapisanym w Base64 (43 znaki base64url).');
  }
  return url;
}

/** `YYYY-MM-DD` (the FA(3) `P_1` form) → `DD-MM-YYYY` (the link form). */
export function formatIssueDate(p1: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(p1.trim());
  if (!m)
    throw new InternalError('kod1-date', `Data wystawienia „${p1}” musi mieć postać RRRR-MM-DD (pole P_1 faktury).`, {
      date: p1,
    });
  const [, y, mo, d] = m;
  const month = Number(mo);
  const day = Number(d);
  if (month < 1 || month > 12 || day < 1 || day > 31) {
    throw new InternalError('kod1-date', `Data wystawienia „${p1}” nie jest poprawną datą.`, { date: p1 });
  }
  return `${d}-${mo}-${y}`;
}

export interface Kod1Input {
  /** QR host, e.g. QR_BASE_URLS.test (no trailing slash needed). */
  qrBase: string;
  /** Podmiot1 NIP, as given. */
  sellerNip: string;
  /** Invoice `P_1` as `YYYY-MM-DD`. */
  issueDate: string;
  /** SHA-256 of the invoice file, Base64 or base64url. */
  hash: string;
}

export function buildKod1Url(input: Kod1Input): string {
  const base = input.qrBase.replace(/\/+$/, '');
  return `${base}/invoice/${input.sellerNip.trim()}/${formatIssueDate(input.issueDate)}/${normalizeHash(input.hash)}`;
}
