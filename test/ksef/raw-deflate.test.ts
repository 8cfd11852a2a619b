// zlib in WebAssembly (src/ksef/raw-deflate.ts): every output inflates back to its input with
// independent inflaters (fflate and Node's own zlib), the CRC-32 is Node's, one stream serves many
// files in a row (deflateReset between them), memory grows for a large file and the stream still
// works for small ones after it, and the same input gives the same bytes on another instance (the
// two passes over a package rely on it).
import { inflateRawSync, crc32 as nodeCrc32 } from 'node:zlib';
import { inflateSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { RawDeflater } from '../../src/ksef/raw-deflate';
import { sample, withInvoiceNumber } from './sim-helpers';

function randomBytes(n: number): Uint8Array {
  const out = new Uint8Array(n);
  for (let off = 0; off < n; off += 65_536) crypto.getRandomValues(out.subarray(off, Math.min(n, off + 65_536)));
  return out;
}

const same = (a: Uint8Array, b: Uint8Array) => Buffer.from(a).equals(Buffer.from(b));

describe('RawDeflater', () => {
  it('round-trips files of every shape through one stream, with the CRC-32 of each', async () => {
    const d = await RawDeflater.create();
    const invoice = withInvoiceNumber(sample(), 'RD/1');
    const files = [
      new Uint8Array(0),
      new Uint8Array([0x41]),
      invoice,
      randomBytes(200_000), // incompressible: stored blocks
      new Uint8Array(3_000_000).fill(0x20), // one long run
      withInvoiceNumber(sample(), 'RD/2'),
    ];
    for (const input of files) {
      const { data, crc } = d.deflate(input);
      expect(same(inflateSync(data), input)).toBe(true);
      expect(same(inflateRawSync(data), input)).toBe(true);
      expect(crc).toBe(nodeCrc32(input));
    }
  });

  it('compresses XML to under half, and the same input the same way on another instance', async () => {
    const invoice = withInvoiceNumber(sample(), 'RD/3');
    const a = (await RawDeflater.create()).deflate(invoice).data;
    const other = await RawDeflater.create();
    other.deflate(randomBytes(5_000)); // a previous file must leave nothing behind
    const b = other.deflate(invoice).data;
    expect(same(a, b)).toBe(true);
    expect(a.byteLength).toBeLessThan(invoice.byteLength / 2);
  });

  it('returns arrays of its own: a later file does not overwrite an earlier result', async () => {
    const d = await RawDeflater.create();
    const first = withInvoiceNumber(sample(), 'RD/4');
    const out = d.deflate(first).data;
    d.deflate(randomBytes(100_000));
    expect(same(inflateSync(out), first)).toBe(true);
  });
});
