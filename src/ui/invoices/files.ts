/** Saving files from the invoices page: one XML, or many UPOs packed in a ZIP (fflate). */
import { strToU8, zipSync } from 'fflate';

export function saveBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.style.display = 'none';
  document.body.append(a);
  a.click();
  a.remove();
  // The download has started from the object URL; release it a moment later.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function saveXml(text: string, fileName: string): void {
  saveBlob(new Blob([text], { type: 'application/xml' }), fileName);
}

/** A ZIP of text files (names made unique), as bytes. */
export function zipTexts(files: readonly { fileName: string; text: string }[]): Uint8Array {
  const entries: Record<string, Uint8Array> = {};
  for (const f of files) {
    let name = f.fileName;
    for (let n = 2; name in entries; n++) name = f.fileName.replace(/(\.\w+)?$/, `-${n}$1`);
    entries[name] = strToU8(f.text);
  }
  return zipSync(entries, { level: 6 });
}
