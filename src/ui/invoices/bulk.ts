/** Bulk actions of the invoices page, in parts the worker accepts (MAX_BULK in src/messaging.ts). */
import type { BulkResult } from '../../messaging';
import type { Sender } from '../components/platform';
import { zipTexts } from './files';

export const BULK_PART = 200;

export async function bulkRun(
  send: Sender,
  cmd: 'invoices.sendMany' | 'invoices.checkMany',
  ids: readonly string[],
): Promise<BulkResult[]> {
  const out: BulkResult[] = [];
  for (let i = 0; i < ids.length; i += BULK_PART) {
    const { results } = await send(cmd, { invoiceIds: ids.slice(i, i + BULK_PART) });
    out.push(...results);
  }
  return out;
}

/** The UPOs of `ids` in one ZIP; ids without a UPO are counted, not fatal. */
export async function upoZip(
  send: Sender,
  ids: readonly string[],
): Promise<{ zip: Uint8Array | null; n: number; missing: number }> {
  const files: { fileName: string; text: string }[] = [];
  let missing = 0;
  for (const id of ids) {
    try {
      files.push(await send('invoice.file', { invoiceId: id, kind: 'upo' }));
    } catch {
      missing++;
    }
  }
  return { zip: files.length ? zipTexts(files) : null, n: files.length, missing };
}
