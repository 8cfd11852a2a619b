/**
 * AES-256-CBC/PKCS#7 over data that arrives in pieces, with WebCrypto only. WebCrypto encrypts a
 * whole message per call, so the plaintext is cut into windows (multiples of the 16-byte block):
 * each window is encrypted with the last ciphertext block of the previous one as its IV, which is
 * exactly what CBC does inside one message, and the padding block WebCrypto appends is dropped from
 * every window but the last. The concatenated output therefore equals the one-shot encryption of
 * the whole plaintext (test/ksef/cbc-stream.test.ts checks this), while only one window is held.
 */
import { ownBytes } from './encoding';

const BLOCK = 16;
/** Plaintext bytes per WebCrypto call: large enough that the per-call cost vanishes. */
export const CBC_WINDOW_BYTES = 1 << 20;

export class CbcEncryptStream {
  private iv: Uint8Array<ArrayBuffer>;
  private readonly window: Uint8Array<ArrayBuffer>;
  private filled = 0;
  private ended = false;

  /**
   * @param emit receives each piece of ciphertext in order (a fresh array it may keep).
   * @param seePlaintext receives each window's plaintext, in order, just before it is encrypted (a
   *   view valid only during the call): a hash of the plaintext can ride on the window instead of
   *   being fed the caller's many small writes.
   */
  constructor(
    private readonly key: CryptoKey,
    iv: Uint8Array,
    private readonly emit: (ciphertext: Uint8Array<ArrayBuffer>) => void,
    windowBytes = CBC_WINDOW_BYTES,
    private readonly seePlaintext?: (plaintext: Uint8Array) => void,
  ) {
    if (windowBytes <= 0 || windowBytes % BLOCK !== 0) throw new RangeError('window must be whole AES blocks');
    this.iv = ownBytes(iv);
    this.window = new Uint8Array(windowBytes);
  }

  /** Adds plaintext; encrypts every window it fills. `bytes` may be reused by the caller afterwards. */
  async write(bytes: Uint8Array): Promise<void> {
    if (this.ended) throw new Error('CBC stream already ended');
    for (let off = 0; off < bytes.byteLength; ) {
      const n = Math.min(bytes.byteLength - off, this.window.byteLength - this.filled);
      this.window.set(bytes.subarray(off, off + n), this.filled);
      this.filled += n;
      off += n;
      if (this.filled === this.window.byteLength) await this.encryptWindow(false);
    }
  }

  /** Encrypts the rest with PKCS#7 padding (a whole padding block if the rest is empty). */
  async end(): Promise<void> {
    if (this.ended) return;
    this.ended = true;
    await this.encryptWindow(true);
  }

  private async encryptWindow(last: boolean): Promise<void> {
    const plain = this.window.subarray(0, this.filled);
    this.seePlaintext?.(plain);
    const out = new Uint8Array(
      await globalThis.crypto.subtle.encrypt({ name: 'AES-CBC', iv: this.iv }, this.key, plain),
    );
    this.filled = 0;
    if (last) {
      this.emit(out);
      return;
    }
    // A full window is whole blocks: drop the padding block, chain on the last real block.
    const body = out.subarray(0, plain.byteLength);
    this.iv = out.slice(plain.byteLength - BLOCK, plain.byteLength);
    this.emit(body);
  }
}
