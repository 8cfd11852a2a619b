import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { EncryptedKv } from '../../src/background/encrypted-kv';

async function rawDump(dbName: string): Promise<string> {
  const { openDB } = await import('idb');
  const db = await openDB(dbName);
  const rows = await db.getAll('kv');
  db.close();
  // Everything that is at rest, as bytes we can search.
  return rows.map((r: { data: ArrayBuffer }) => Buffer.from(new Uint8Array(r.data)).toString('latin1')).join('|');
}

describe('EncryptedKv', () => {
  it('round-trips JSON, bytes and non-extractable keys across reopen, with nothing readable at rest', async () => {
    const name = `kv-${Math.random()}`;
    const kv = await EncryptedKv.open(name);
    const key = await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, false, ['sign', 'verify']);
    const value = {
      accessToken: 'eyJhbGciOiJSUzI1NiJ9.SECRET-ACCESS-TOKEN',
      validUntil: 1_764_000_000_000,
      der: new Uint8Array([1, 2, 3, 250]),
      privateKey: key.privateKey,
    };
    await kv.set('tokens', value);

    const again = await EncryptedKv.open(name);
    const got = await again.get<typeof value>('tokens');
    expect(got?.accessToken).toBe(value.accessToken);
    expect(got?.validUntil).toBe(value.validUntil);
    expect(Array.from(got?.der ?? [])).toEqual([1, 2, 3, 250]);
    expect(got?.privateKey).toBeInstanceOf(CryptoKey);
    expect(got?.privateKey.extractable).toBe(false);
    // The key still signs after the round trip.
    const data = new TextEncoder().encode('x');
    const sig = await crypto.subtle.sign({ name: 'ECDSA', hash: 'SHA-256' }, got!.privateKey, data);
    expect(await crypto.subtle.verify({ name: 'ECDSA', hash: 'SHA-256' }, key.publicKey, sig, data)).toBe(true);

    expect(await rawDump(name)).not.toContain('SECRET-ACCESS-TOKEN');
    await again.delete('tokens');
    expect(await again.get('tokens')).toBeUndefined();
  });

  it('a value sealed under another database key cannot be read', async () => {
    const a = await EncryptedKv.open(`kv-a-${Math.random()}`);
    const b = await EncryptedKv.open(`kv-b-${Math.random()}`);
    await a.set('x', { t: 'secret' });
    // Copy a's sealed record into b: b's key must refuse it (AES-GCM authentication).
    const { openDB } = await import('idb');
    const rec = await (await openDB((a as unknown as { db: { name: string } }).db.name)).get('kv', 'x');
    await (await openDB((b as unknown as { db: { name: string } }).db.name)).put('kv', rec, 'x');
    await expect(b.get('x')).rejects.toThrow();
  });
});
