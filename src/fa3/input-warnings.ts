/**
 * What the FA(3) build changes in the seller's data without refusing it, said out loud:
 * characters XML 1.0 forbids (C0 controls other than TAB/LF/CR, lone surrogates, U+FFFE/U+FFFF)
 * are dropped (xml.ts, stripInvalidXmlChars) and a line break in the invoice number becomes a
 * space in `P_2` (xsd:token). The invoice is still built; each change is one warning naming the
 * Base field, so the seller can fix the source in Base.
 */
import type { BaseInvoice } from '../base/api/types';
import { fa3Problem } from './problem';
import type { Fa3Error } from './types';
import { stripInvalidXmlChars } from './xml';

/** `invoiceCompany` → `invoice_company`: the name of the field in the Base API. */
function baseField(key: string): string {
  return key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}

function scan(out: Fa3Error[], value: unknown, field: string): void {
  if (typeof value === 'string') {
    if (stripInvalidXmlChars(value) !== value) out.push(fa3Problem('INVALID_XML_CHARS_DROPPED', field, { field }));
    return;
  }
  if (Array.isArray(value)) {
    for (const [i, v] of value.entries()) scan(out, v, `${field}[${i}]`);
  } else if (value && typeof value === 'object')
    for (const [k, v] of Object.entries(value)) scan(out, v, field ? `${field}.${baseField(k)}` : baseField(k));
}

/** Warnings for a Base invoice (and the seller data from the settings) before it becomes FA(3). */
export function inputWarnings(invoice: BaseInvoice, seller?: object): Fa3Error[] {
  const out: Fa3Error[] = [];
  const { gov: _gov, ...fields } = invoice;
  scan(out, fields, '');
  if (seller) scan(out, seller, 'settings.seller');
  if (/[\r\n\t]/.test(invoice.number)) {
    const shown = stripInvalidXmlChars(invoice.number)
      .replace(/[\t\r\n ]+/g, ' ')
      .trim();
    out.push(fa3Problem('INVOICE_NUMBER_WHITESPACE', 'number', { number: shown }));
  }
  return out;
}
