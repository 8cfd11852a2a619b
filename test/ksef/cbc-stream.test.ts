// AES-CBC as a stream with WebCrypto (src/ksef/cbc-stream.ts): the ciphertext of data written in
// any pieces, window by window, must be byte for byte the one-shot AES-256-CBC/PKCS#7 ciphertext
// of the whole, and decrypt back to it.
import { describe, expect, it } from 'vitest';
import { CbcEncryptStream } from '../../src/ksef/cbc-stream';
import { aesCbcDecrypt, aesCbcEncrypt } from '../../src/ksef/crypto';

async function key(): Promise<CryptoKey> {
  return crypto.subtle.importKey('raw', crypto.getRandomValues(new Uint8Array(32)), 'AES-CBC', false, [
    'encrypt',
    'decrypt',
  ]);
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.byteLength, 0));
  let off = 0;
  for (const p of parts) {
    out.set(p, off);
    off += p.byteLength;
  }
  return out;
}

async function streamed(k: CryptoKey, iv: Uint8Array, data: Uint8Array, window: number, piece: number) {
  const out: Uint8Array[] = [];
  const s = new CbcEncryptStream(k, iv, (c) => out.push(c), window);
  for (let off = 0; off < data.byteLength; off += piece) await s.write(data.subarray(off, off + piece));
  await s.end();
  return concat(out);
}

describe('CbcEncryptStream', () => {
  it('equals one-shot encryption for lengths around block and window edges, in any pieces', async () => {
    const k = await key();
    const iv = crypto.getRandomValues(new Uint8Array(16));
    const window = 64;
    for (const len of [0, 1, 15, 16, 17, 63, 64, 65, 128, 200, 1000]) {
      const data = crypto.getRandomValues(new Uint8Array(len));
      const oneShot = await aesCbcEncrypt(k, iv, data);
      for (const piece of [1, 7, 16, 64, 333]) {
        const ct = await streamed(k, iv, data, window, piece);
        expect(ct, `len ${len}, piece ${piece}`).toEqual(oneShot);
      }
      expect(await aesCbcDecrypt(k, iv, oneShot)).toEqual(data);
    }
  });

  it('equals one-shot encryption over several default (1 MiB) windows', async () => {
    const k = await key();
    const iv = crypto.getRandomValues(new Uint8Array(16));
    const data = new Uint8Array(3 * 2 ** 20 + 12_345);
    for (let off = 0; off < data.byteLength; off += 65_536) crypto.getRandomValues(data.subarray(off, off + 65_536));
    const out: Uint8Array[] = [];
    const s = new CbcEncryptStream(k, iv, (c) => out.push(c));
    for (let off = 0; off < data.byteLength; off += 100_000) await s.write(data.subarray(off, off + 100_000));
    await s.end();
    expect(out.length).toBe(4);
    // Buffer.equals: a deep toEqual over megabytes is far too slow.
    expect(Buffer.from(concat(out)).equals(await aesCbcEncrypt(k, iv, data))).toBe(true);
  });

  it('shows each window of plaintext once, in order, before its ciphertext', async () => {
    const k = await key();
    const iv = crypto.getRandomValues(new Uint8Array(16));
    const data = crypto.getRandomValues(new Uint8Array(1000));
    const seen: Uint8Array[] = [];
    const events: string[] = [];
    const s = new CbcEncryptStream(
      k,
      iv,
      () => events.push('ciphertext'),
      64,
      (p) => {
        seen.push(p.slice());
        events.push('plaintext');
      },
    );
    for (let off = 0; off < data.byteLength; off += 7) await s.write(data.subarray(off, off + 7));
    await s.end();
    expect(concat(seen)).toEqual(data);
    expect(seen.slice(0, -1).every((p) => p.byteLength === 64)).toBe(true);
    expect(events).toEqual(seen.flatMap(() => ['plaintext', 'ciphertext']));
  });

  it('does not change the caller IV and refuses windows that are not whole blocks', async () => {
    const k = await key();
    const iv = new Uint8Array(16).fill(7);
    await streamed(k, iv, new Uint8Array(100), 32, 10);
    expect(iv).toEqual(new Uint8Array(16).fill(7));
    expect(() => new CbcEncryptStream(k, iv, () => {}, 40)).toThrow(RangeError);
  });
});
