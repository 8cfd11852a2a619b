/**
 * KSeF's size limit for one invoice file: 1 MB (1,000,000 bytes) for an invoice, 3 MB
 * (3,000,000 bytes) for one with attachments (FA(3) `Zalacznik`), as the limits in the KSeF 2.0
 * documentation and `GET /v2/limits/context` (`maxInvoiceSizeInMB`,
 * `maxInvoiceWithAttachmentSizeInMB`) give them. A larger file would only be refused by KSeF after
 * sending: it is refused here, before anything is sent, by the build every sender uses.
 */
import { fa3Problem } from './problem';
import type { Fa3Error } from './types';

export const MAX_INVOICE_BYTES = 1_000_000;
export const MAX_INVOICE_WITH_ATTACHMENTS_BYTES = 3_000_000;

/** `<Zalacznik` as an element, with or without a namespace prefix. */
const ATTACHMENT = /<(?:[\w.-]+:)?Zalacznik[\s>/]/;

/** Null when the file is within KSeF's limit, else the refusal (Polish). */
export function invoiceSizeProblem(xml: Uint8Array | string): Fa3Error | null {
  const bytes = typeof xml === 'string' ? new TextEncoder().encode(xml) : xml;
  const text = typeof xml === 'string' ? xml : new TextDecoder().decode(bytes);
  const withAttachments = ATTACHMENT.test(text);
  const max = withAttachments ? MAX_INVOICE_WITH_ATTACHMENTS_BYTES : MAX_INVOICE_BYTES;
  if (bytes.length <= max) return null;
  // Numbers, not text: each language writes the decimals its own way (src/i18n/fa3.ts).
  const params = { size: bytes.length / 1_000_000, max: max / 1_000_000 };
  const key = withAttachments ? 'INVOICE_TOO_LARGE_ATTACHMENTS' : 'INVOICE_TOO_LARGE';
  return fa3Problem('INVOICE_TOO_LARGE', 'items', params, key);
}
