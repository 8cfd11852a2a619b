// A batch fed one invoice at a time (src/ksef/batch-source.ts over src/ksef/batch-package.ts): many
// invoices from an async generator across many small parts, read once to declare the parts and again
// to upload them; the parts decrypted and joined unzip to exactly the inputs under the reported names,
// the reported hashes are the invoices' own, and a source that gives other invoices on the second
// read is refused rather than uploaded.
import { unzipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import { PreparedPackage } from '../../src/ksef/batch-package';
import {
  type BatchFileEntry,
  type BatchInvoice,
  MAX_INVOICES_PER_SESSION,
  namedAndHashed,
  packageReader,
} from '../../src/ksef/batch-source';
import { aesCbcDecrypt } from '../../src/ksef/crypto';
import { sha256Base64 } from '../../src/ksef/encoding';
import { sample, withInvoiceNumber } from './sim-helpers';

let key: CryptoKey;
const iv = crypto.getRandomValues(new Uint8Array(16));
const mtime = Date.UTC(2026, 11, 1, 8, 0, 0);
const base = sample();

beforeAll(async () => {
  key = await crypto.subtle.importKey('raw', crypto.getRandomValues(new Uint8Array(32)), 'AES-CBC', false, [
    'encrypt',
    'decrypt',
  ]);
});

function invoiceAt(i: number): BatchInvoice {
  // Every 50th id repeats an earlier one: the archive names must still be unique.
  return { id: i % 50 === 49 ? `inv-${i - 1}` : `inv-${i}`, xml: withInvoiceNumber(base, `STREAM/${i + 1}`) };
}

describe('batch source read one invoice at a time', () => {
  it('many invoices across many parts: decrypted, joined and unzipped they are the inputs', async () => {
    const count = 300;
    let reads = 0;
    async function* fromStore() {
      reads++;
      for (let i = 0; i < count; i++) {
        if (i % 25 === 0) await new Promise((r) => setTimeout(r, 0)); // a page of the store
        yield invoiceAt(i);
      }
    }
    const files: BatchFileEntry[] = [];
    const pkg = await PreparedPackage.prepare(packageReader(fromStore, files), {
      key,
      iv,
      maxPartSize: 30_000,
      mtime,
      windowBytes: 8192,
    });
    expect(pkg.parts.length).toBeGreaterThan(5);
    expect(files).toHaveLength(count);
    expect(reads).toBe(1);

    const bodies = new Map<number, Uint8Array>();
    for (const p of pkg.uploadOrder(pkg.parts)) {
      const bytes = new Uint8Array(await (await pkg.body(p.ordinalNumber)).arrayBuffer());
      expect(await sha256Base64(bytes)).toBe(p.fileHash);
      bodies.set(p.ordinalNumber, bytes);
    }
    // The parts other than the last came from a second read of the source.
    expect(reads).toBe(2);
    const plain = await Promise.all(pkg.parts.map((p) => aesCbcDecrypt(key, iv, bodies.get(p.ordinalNumber)!)));
    const zip = new Uint8Array(plain.reduce((n, p) => n + p.byteLength, 0));
    let off = 0;
    for (const p of plain) {
      zip.set(p, off);
      off += p.byteLength;
    }
    expect(zip.byteLength).toBe(pkg.summary.zipSize);
    const unzipped = unzipSync(zip);
    expect(Object.keys(unzipped)).toEqual(files.map((f) => f.fileName));
    expect(new Set(files.map((f) => f.fileName)).size).toBe(count);
    for (const [i, f] of files.entries()) {
      const inv = invoiceAt(i);
      expect(f.id).toBe(inv.id);
      expect(Buffer.from(unzipped[f.fileName]!).equals(Buffer.from(inv.xml))).toBe(true);
      expect(f.invoiceHash).toBe(await sha256Base64(inv.xml));
    }
  });

  it('a source that gives other invoices on the second read is refused, not uploaded', async () => {
    let reads = 0;
    async function* shifting() {
      reads++;
      for (let i = 0; i < 60; i++) yield invoiceAt(reads === 1 ? i : i + 1);
    }
    const files: BatchFileEntry[] = [];
    const pkg = await PreparedPackage.prepare(packageReader(shifting, files), { key, iv, maxPartSize: 20_000, mtime });
    expect(pkg.parts.length).toBeGreaterThan(1);
    await expect(pkg.body(1)).rejects.toThrow(/inne faktury/);
  });

  it('a source with more invoices than a session may hold is refused while it is read', async () => {
    const tiny = new Uint8Array([60, 97, 47, 62]);
    function* tooMany() {
      for (let i = 0; i <= MAX_INVOICES_PER_SESSION; i++) yield { id: `t-${i}`, xml: tiny };
    }
    const files: BatchFileEntry[] = [];
    const drain = async () => {
      for await (const _ of namedAndHashed(tooMany(), files));
    };
    await expect(drain()).rejects.toMatchObject({ name: 'InternalError', internal: 'batch-too-large' });
    expect(files.length).toBeLessThanOrEqual(MAX_INVOICES_PER_SESSION);
  });
});
