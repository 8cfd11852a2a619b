/** Files for the user: the original XML, the accountant's CSV, a ZIP of the XML files (fflate). */
import { zipSync } from 'fflate';
import { purchasesCsvBytes } from '../../purchase/csv';
import type { PurchaseRecord } from '../../purchase/types';
import type { PurchaseData } from './data';

export function saveFile(name: string, bytes: Uint8Array, type: string): void {
  const blob = new Blob([bytes as Uint8Array<ArrayBuffer>], { type });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** File-name-safe KSeF number (it is already: digits, letters and hyphens). */
export const xmlName = (r: PurchaseRecord) => `${r.ksefNumber}.xml`;

export function exportCsv(rows: PurchaseRecord[], label: string): void {
  saveFile(`faktury-zakupowe-${label}.csv`, purchasesCsvBytes(rows), 'text/csv;charset=utf-8');
}

export async function exportZip(rows: PurchaseRecord[], data: PurchaseData, label: string): Promise<void> {
  const files: Record<string, Uint8Array> = {};
  for (const r of rows) {
    const xml = await data.xml(r.id);
    if (xml) files[xmlName(r)] = xml;
  }
  // XML compresses well; level 6 keeps 10,000 files to a second or two.
  saveFile(`faktury-zakupowe-${label}.zip`, zipSync(files, { level: 6 }), 'application/zip');
}
