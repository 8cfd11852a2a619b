// Batch archives (docs/ksef-protocol.md §4.1): ZIP through fflate; tar.gz (compressionType TarGz, API 2.6.0) through
// fflate's gunzip plus a reader of the ustar headers (plain 512-byte records: name, octal size, type flag).
import { gunzipSync, unzipSync } from 'fflate';

export interface ArchiveFile {
  name: string;
  data: Uint8Array;
}

export function readZip(bytes: Uint8Array): ArchiveFile[] {
  const files = unzipSync(bytes);
  return Object.entries(files)
    .filter(([name]) => !name.endsWith('/'))
    .map(([name, data]) => ({ name, data }));
}

export function readTarGz(bytes: Uint8Array): ArchiveFile[] {
  const tar = gunzipSync(bytes);
  const out: ArchiveFile[] = [];
  const text = (from: number, len: number) =>
    new TextDecoder().decode(tar.subarray(from, from + len)).replace(/\0.*$/s, '');
  for (let off = 0; off + 512 <= tar.length; ) {
    const name = text(off, 100);
    if (!name) break; // two zero records end the archive
    const size = Number.parseInt(text(off + 124, 12).trim() || '0', 8);
    if (!Number.isFinite(size) || size < 0 || off + 512 + size > tar.length) throw new Error('uszkodzone archiwum tar');
    const type = String.fromCharCode(tar[off + 156] ?? 48);
    const prefix = text(off + 345, 155);
    if (type === '0' || type === '\0') {
      out.push({ name: prefix ? `${prefix}/${name}` : name, data: tar.slice(off + 512, off + 512 + size) });
    }
    off += 512 + Math.ceil(size / 512) * 512;
  }
  return out;
}
