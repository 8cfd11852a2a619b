// The streamed batch package (src/ksef/batch-package.ts): the parts, decrypted one by one with the
// session key and IV and joined, are the ZIP archive, which holds every invoice byte for byte; each
// part is the one-shot AES-CBC encryption of its slice of the archive; sizes and hashes are those of
// the bytes; a second pass gives the same parts, and parts are handed out one at a time in any order.
// Python's zipfile reads the archive as an independent check of its CRCs (fflate's unzip checks none).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join as joinPath } from 'node:path';
import { sha256 } from '@noble/hashes/sha2';
import { unzipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import { PackageStream, PreparedPackage, zipInMemory } from '../../src/ksef/batch-package';
import { aesCbcDecrypt, aesCbcEncrypt } from '../../src/ksef/crypto';
import { sha256Base64, toBase64 } from '../../src/ksef/encoding';
import { sample, withInvoiceNumber } from './sim-helpers';

let key: CryptoKey;
const iv = crypto.getRandomValues(new Uint8Array(16));
const mtime = Date.UTC(2026, 10, 30, 12, 0, 0);
const invoices = Array.from({ length: 120 }, (_, i) => ({
  fileName: `faktura-${i + 1}.xml`,
  xml: withInvoiceNumber(sample(), `PKG/${i + 1}`),
}));

beforeAll(async () => {
  key = await crypto.subtle.importKey('raw', crypto.getRandomValues(new Uint8Array(32)), 'AES-CBC', false, [
    'encrypt',
    'decrypt',
  ]);
});

const same = (a: Uint8Array, b: Uint8Array) => Buffer.from(a).equals(Buffer.from(b));

async function bytesOf(body: Promise<Blob>): Promise<Uint8Array> {
  return new Uint8Array(await (await body).arrayBuffer());
}

function join(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.byteLength, 0));
  let off = 0;
  for (const p of parts) {
    out.set(p, off);
    off += p.byteLength;
  }
  return out;
}

describe('PackageStream', () => {
  it('parts decrypt on their own to slices of ≤ maxPartSize that join to a ZIP of every invoice', async () => {
    const maxPartSize = 20_000;
    // A window smaller than a part, so parts are encrypted in several chained calls.
    const stream = new PackageStream(invoices, { key, iv, maxPartSize, mtime, windowBytes: 4096 });
    const plain: Uint8Array[] = [];
    const seen: number[] = [];
    for await (const p of stream.parts()) {
      seen.push(p.ordinalNumber);
      const bytes = new Uint8Array(await p.body.arrayBuffer());
      expect(p.fileSize).toBe(bytes.byteLength);
      expect(p.fileHash).toBe(await sha256Base64(bytes));
      const slice = await aesCbcDecrypt(key, iv, bytes);
      expect(slice.byteLength).toBeLessThanOrEqual(maxPartSize);
      // Each part is exactly the one-shot encryption of its slice (CBC restarted per part).
      expect(same(bytes, await aesCbcEncrypt(key, iv, slice))).toBe(true);
      plain.push(slice);
    }
    const zip = join(plain);
    expect(seen.length).toBeGreaterThan(2);
    expect(seen).toEqual(seen.map((_, i) => i + 1));
    expect(plain.slice(0, -1).every((p) => p.byteLength === maxPartSize)).toBe(true);
    expect(stream.summary).toEqual({ zipSize: zip.byteLength, zipHash: toBase64(sha256(zip)), partCount: seen.length });
    const files = unzipSync(zip);
    expect(Object.keys(files)).toEqual(invoices.map((i) => i.fileName));
    for (const inv of invoices) expect(same(files[inv.fileName]!, inv.xml)).toBe(true);
    // Deflated, not stored: well under the invoices' own size.
    expect(zip.byteLength).toBeLessThan(invoices.reduce((n, i) => n + i.xml.byteLength, 0) / 2);
    // The in-memory archive (fflate's deflate) holds the same entries.
    const inMemory = unzipSync(zipInMemory(invoices, mtime));
    expect(Object.keys(inMemory)).toEqual(Object.keys(files));
    for (const inv of invoices) expect(same(inMemory[inv.fileName]!, inv.xml)).toBe(true);
  });

  it('an independent reader (Python zipfile) checks every entry: names, sizes, CRC-32 and bytes', async () => {
    const stream = new PackageStream(invoices, { key, iv, maxPartSize: 1_000_000, mtime });
    const plain: Uint8Array[] = [];
    for await (const p of stream.parts())
      plain.push(await aesCbcDecrypt(key, iv, new Uint8Array(await p.body.arrayBuffer())));
    const dir = mkdtempSync(joinPath(tmpdir(), 'ksef-zip-'));
    try {
      const file = joinPath(dir, 'paczka.zip');
      writeFileSync(file, join(plain));
      // testzip() reads every entry and compares its CRC-32 with the archive's; the sizes and a
      // digest of each entry's bytes are printed for comparison with the invoices.
      const script = [
        'import hashlib, json, sys, zipfile',
        'z = zipfile.ZipFile(sys.argv[1])',
        'print(json.dumps({"bad": z.testzip(), "entries": [[i.filename, i.compress_type, i.file_size,',
        '  hashlib.sha256(z.read(i)).hexdigest()] for i in z.infolist()]}))',
      ].join('\n');
      const out = JSON.parse(execFileSync('python3', ['-c', script, file], { encoding: 'utf8' }));
      expect(out.bad).toBeNull();
      expect(out.entries).toEqual(
        invoices.map((i) => [i.fileName, 8, i.xml.byteLength, Buffer.from(sha256(i.xml)).toString('hex')]),
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('reads the invoices from an async source, afresh on every pass, with the same bytes as from an array', async () => {
    let passes = 0;
    async function* regenerated() {
      passes++;
      for (let i = 0; i < 40; i++) {
        // A page boundary, the way the export reads its store.
        if (i % 7 === 0) await new Promise((r) => setTimeout(r, 0));
        yield { fileName: `faktura-${i + 1}.xml`, xml: withInvoiceNumber(sample(), `PKG/${i + 1}`) };
      }
    }
    const opts = { key, iv, maxPartSize: 10_000, mtime };
    const fromArray = await PreparedPackage.prepare(() => invoices.slice(0, 40), opts);
    const fromIterable = await PreparedPackage.prepare(regenerated, opts);
    expect(fromIterable.summary).toEqual(fromArray.summary);
    expect(fromIterable.parts).toEqual(fromArray.parts);
    expect(fromIterable.parts.length).toBeGreaterThan(2);
    // The first part is made again from a second pass over the iterable.
    expect(await sha256Base64(await bytesOf(fromIterable.body(1)))).toBe(fromArray.parts[0]!.fileHash);
    expect(passes).toBe(2);
  });

  it('one part when the archive fits, and an archive ending exactly on a part boundary has no empty part', async () => {
    const one = new PackageStream(invoices.slice(0, 3), { key, iv, maxPartSize: 1_000_000, mtime });
    const parts = [];
    for await (const p of one.parts()) parts.push(p);
    expect(parts).toHaveLength(1);
    const zipSize = one.summary!.zipSize;

    const exact = new PackageStream(invoices.slice(0, 3), { key, iv, maxPartSize: zipSize, mtime });
    const again = [];
    for await (const p of exact.parts()) again.push(p);
    expect(again).toHaveLength(1);
    expect(again[0]!.fileHash).toBe(parts[0]!.fileHash);

    const halves = new PackageStream(invoices.slice(0, 3), { key, iv, maxPartSize: Math.ceil(zipSize / 2), mtime });
    const two = [];
    for await (const p of halves.parts()) two.push(p);
    expect(two).toHaveLength(2);
  });
});

describe('PreparedPackage', () => {
  it('declares what the parts are and hands out the same bytes again, last part first then ascending', async () => {
    const pkg = await PreparedPackage.prepare(() => invoices, {
      key,
      iv,
      maxPartSize: 15_000,
      mtime,
      windowBytes: 2048,
    });
    const n = pkg.parts.length;
    expect(n).toBeGreaterThan(3);
    const order = pkg.uploadOrder(pkg.parts.map((p) => ({ ordinalNumber: p.ordinalNumber })).reverse());
    expect(order.map((r) => r.ordinalNumber)).toEqual([n, ...Array.from({ length: n - 1 }, (_, i) => i + 1)]);
    const got = new Map<number, Uint8Array>();
    for (const r of order) got.set(r.ordinalNumber, await bytesOf(pkg.body(r.ordinalNumber)));
    for (const p of pkg.parts) {
      const bytes = got.get(p.ordinalNumber)!;
      expect(bytes.byteLength).toBe(p.fileSize);
      expect(await sha256Base64(bytes)).toBe(p.fileHash);
    }
    const zip = join(await Promise.all(pkg.parts.map((p) => aesCbcDecrypt(key, iv, got.get(p.ordinalNumber)!))));
    expect(zip.byteLength).toBe(pkg.summary.zipSize);
    expect(toBase64(sha256(zip))).toBe(pkg.summary.zipHash);
  });

  it('any order (and asking twice, concurrently) still gives the declared bytes', async () => {
    const pkg = await PreparedPackage.prepare(() => invoices, { key, iv, maxPartSize: 25_000, mtime });
    const asked = [2, 1, 3, pkg.parts.length, pkg.parts.length, 2];
    const got = await Promise.all(asked.map((o) => bytesOf(pkg.body(o))));
    for (const [i, o] of asked.entries()) expect(await sha256Base64(got[i]!)).toBe(pkg.parts[o - 1]!.fileHash);
    await expect(pkg.body(pkg.parts.length + 1)).rejects.toMatchObject({
      name: 'InternalError',
      internal: 'batch-package',
    });
  });
});
