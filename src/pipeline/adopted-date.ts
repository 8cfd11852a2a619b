/**
 * The processing date of an invoice adopted from KSeF's 440 ("already in KSeF") answer, which
 * names the original's KSeF number and session but no date. The original's UPO says it; the
 * adoption fetches that UPO at once, and the hourly poll when KSeF could not serve it yet
 * (status.ts, links.ts).
 */
import { note } from '../outbox/transitions';
import type { OutboxRecord } from '../outbox/types';
import type { Engine } from './engine';

const DOKUMENT_RE = /<(?:[\w.-]+:)?Dokument\b[^>]*>([\s\S]*?)<\/(?:[\w.-]+:)?Dokument>/g;

function element(xml: string, name: string): string | undefined {
  return new RegExp(`<(?:[\\w.-]+:)?${name}>\\s*([^<]*?)\\s*</`).exec(xml)?.[1];
}

/**
 * When KSeF assigned `ksefNumber`, as the UPO confirming it says (`DataNadaniaNumeruKSeF`, "czas i
 * data wygenerowania numeru KSeF" in the UPO v4-3 schema): the same moment the invoice status gives
 * as `acquisitionDate` ("Data nadania numeru KSeF" in the KSeF OpenAPI). Undefined when the UPO
 * does not list that number or gives no usable date.
 */
export function upoAssignedAt(upo: string, ksefNumber: string): string | undefined {
  for (const m of upo.matchAll(DOKUMENT_RE)) {
    const doc = m[1] ?? '';
    if (element(doc, 'NumerKSeFDokumentu') !== ksefNumber) continue;
    const at = element(doc, 'DataNadaniaNumeruKSeF');
    return at && Number.isFinite(Date.parse(at)) ? at : undefined;
  }
  return undefined;
}

/**
 * A 440 answer names the original's KSeF number and session but no date; the original's UPO, which
 * the adoption fetches from that session, says when KSeF processed it. Without it the record (and
 * the printed stamp, "Data przetworzenia w KSeF") would have no processing date.
 */
export async function adoptedProcessedAt(e: Engine, rec: OutboxRecord): Promise<OutboxRecord> {
  if (!rec.duplicateAdopted || rec.processedAt || !rec.upo || !rec.ksefNumber) return rec;
  const at = upoAssignedAt(rec.upo, rec.ksefNumber);
  if (!at) return rec;
  return e.d.store.apply(rec, e.now(), note({ processedAt: at }, { event: 'processed-at', detail: 'upo' }));
}
