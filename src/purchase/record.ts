/**
 * A stored record from KSeF's metadata and the invoice file. The list needs a few facts the
 * metadata lacks (which invoice a correction corrects); they are read from the XML with a light
 * look-up of two elements, so 10,000 files are handled in well under a second. The full reading
 * for the invoice view is fa3-view.ts.
 */
import type { InvoiceMetadata } from '../ksef/invoice-query';
import type { PurchaseRecord, Scope } from './types';

const decoder = new TextDecoder();

function firstText(xml: string, tag: string): string | undefined {
  const m = new RegExp(`<(?:\\w+:)?${tag}>([^<]*)</(?:\\w+:)?${tag}>`).exec(xml);
  return m ? m[1]!.trim() : undefined;
}

export function toRecord(scope: Scope, meta: InvoiceMetadata, xml: Uint8Array, syncedAt: number): PurchaseRecord {
  const text = decoder.decode(xml);
  const corrected = text.includes('DaneFaKorygowanej')
    ? { ksef: firstText(text, 'NrKSeFFaKorygowanej'), number: firstText(text, 'NrFaKorygowanej') }
    : undefined;
  return {
    id: `${scope}|${meta.ksefNumber}`,
    scope,
    ksefNumber: meta.ksefNumber,
    invoiceNumber: meta.invoiceNumber,
    issueDate: meta.issueDate,
    month: meta.issueDate.slice(0, 7),
    sellerNip: meta.seller.nip,
    sellerName: meta.seller.name ?? '',
    net: meta.netAmount,
    vat: meta.vatAmount,
    gross: meta.grossAmount,
    currency: meta.currency,
    invoiceType: meta.invoiceType,
    permanentStorageDate: meta.permanentStorageDate,
    invoiceHash: meta.invoiceHash,
    ...(corrected?.ksef ? { correctedKsefNumber: corrected.ksef } : {}),
    ...(corrected?.number ? { correctedNumber: corrected.number } : {}),
    syncedAt,
    size: xml.length,
    meta,
  };
}
