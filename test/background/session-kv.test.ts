/** KSeF access/refresh tokens live in memory-only session storage; the rest stays on disk. */
import { describe, expect, it } from 'vitest';
import { TokensInSession } from '../../src/background/session-kv';
import { MemoryKvStore } from '../../src/ksef';

function memorySession() {
  const data: Record<string, unknown> = {};
  return {
    data,
    get: async (k: string) => (k in data ? { [k]: structuredClone(data[k]) } : {}),
    set: async (items: Record<string, unknown>) => {
      Object.assign(data, structuredClone(items));
    },
    remove: async (k: string) => {
      delete data[k];
    },
  };
}

const TOKENS = { accessToken: 'ACCESS-123', refreshToken: 'REFRESH-456', accessValidUntil: 1, refreshValidUntil: 2 };

describe('TokensInSession', () => {
  it('keeps the tokens in session storage only, everything else on disk', async () => {
    const disk = new MemoryKvStore();
    const session = memorySession();
    const kv = new TokensInSession(disk, session);
    await kv.set('ksef:test:5265877635:tokens', TOKENS);
    await kv.set('ksef:test:mf-keys', { a: 1 });
    expect(await kv.get('ksef:test:5265877635:tokens')).toEqual(TOKENS);
    expect(await kv.get('ksef:test:mf-keys')).toEqual({ a: 1 });
    expect([...disk.map.keys()]).toEqual(['ksef:test:mf-keys']);
    expect(JSON.stringify([...disk.map.values()])).not.toMatch(/ACCESS|REFRESH/);
    expect(Object.keys(session.data)).toEqual(['ksef:test:5265877635:tokens']);
    await kv.delete('ksef:test:5265877635:tokens');
    expect(session.data).toEqual({});
    expect(await kv.get('ksef:test:5265877635:tokens')).toBeUndefined();
  });

  it('drops tokens an older version left on disk', async () => {
    const disk = new MemoryKvStore();
    await disk.set('ksef:test:5265877635:tokens', TOKENS);
    const kv = new TokensInSession(disk, memorySession());
    expect(await kv.get('ksef:test:5265877635:tokens')).toBeUndefined();
    expect(disk.map.size).toBe(0);
  });
});
