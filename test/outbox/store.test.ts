import 'fake-indexeddb/auto';
import { openDB } from 'idb';
import { describe, expect, it } from 'vitest';
import { OUTBOX_DB_VERSION, openOutboxDb } from '../../src/outbox/db';
import { TransitionError } from '../../src/outbox/state-machine';
import { OutboxStore } from '../../src/outbox/store';
import { MAX_ATTEMPTS, type OutboxRecord } from '../../src/outbox/types';

let n = 0;
const dbName = () => `store-test-${process.pid}-${++n}`;
const T = Date.parse('2026-11-29T10:00:00Z');

describe('OutboxStore', () => {
  it('claims atomically: of two concurrent claims exactly one wins', async () => {
    const store = await OutboxStore.open(dbName());
    const opts = { now: T, leaseMs: 60_000, trigger: 'manual' as const };
    const [a, b] = await Promise.all([
      store.claim('1', { ...opts, owner: 'w1' }),
      store.claim('1', { ...opts, owner: 'w1' }),
    ]);
    expect([a.ok, b.ok].filter(Boolean)).toHaveLength(1);
    const loser = a.ok ? b : a;
    expect(loser.ok).toBe(false);
    if (!loser.ok) expect(loser.reason).toBe('in-progress');
    const rec = await store.get('1');
    expect(rec?.state).toBe('sending');
    expect(rec?.attempts.map((x) => x.event)).toEqual(['claimed']);
  });

  it('refuses accepted and processing invoices, takes over an expired lease', async () => {
    const store = await OutboxStore.open(dbName());
    await store.claim('1', { owner: 'w1', now: T, leaseMs: 1000, trigger: 'manual' });
    await store.patch('1', T, { state: 'processing', sessionRef: 'S', invoiceRef: 'I' });
    const p = await store.claim('1', { owner: 'w2', now: T, leaseMs: 1000, trigger: 'manual' });
    expect(p.ok ? 'ok' : p.reason).toBe('processing');
    await store.patch('1', T, { state: 'accepted', ksefNumber: 'K' });
    const a = await store.claim('1', { owner: 'w2', now: T, leaseMs: 1000, trigger: 'manual' });
    expect(a.ok ? 'ok' : a.reason).toBe('accepted');

    await store.claim('2', { owner: 'w1', now: T, leaseMs: 1000, trigger: 'auto' });
    const early = await store.claim('2', { owner: 'w2', now: T + 999, leaseMs: 1000, trigger: 'manual' });
    expect(early.ok).toBe(false);
    const late = await store.claim('2', { owner: 'w2', now: T + 1000, leaseMs: 1000, trigger: 'manual' });
    expect(late.ok && late.takenOver).toBe(true);
    // A dead worker's claim is taken over at once by resume() (takeOverForeign).
    await store.claim('3', { owner: 'dead', now: T, leaseMs: 60_000, trigger: 'auto' });
    const resumed = await store.claim('3', {
      owner: 'w2',
      now: T,
      leaseMs: 60_000,
      trigger: 'auto',
      takeOverForeign: true,
    });
    expect(resumed.ok && resumed.takenOver).toBe(true);
  });

  it('a record prepared for a batch belongs to its export job only', async () => {
    const store = await OutboxStore.open(dbName());
    await store.claim('1', { owner: 'w1', now: T, leaseMs: 0, trigger: 'export', batchJob: 'job' });
    const other = await store.claim('1', {
      owner: 'w2',
      now: T + 10,
      leaseMs: 1,
      trigger: 'manual',
      takeOverForeign: true,
    });
    expect(other.ok ? 'ok' : other.reason).toBe('batch');
    const same = await store.claim('1', { owner: 'w2', now: T + 10, leaseMs: 1, trigger: 'export', batchJob: 'job' });
    expect(same.ok).toBe(true);
  });

  it('refuses an illegal transition and leaves the record unchanged', async () => {
    const store = await OutboxStore.open(dbName());
    await store.patch('1', T, { state: 'needs-attention' });
    await expect(store.patch('1', T + 1, { state: 'accepted' })).rejects.toBeInstanceOf(TransitionError);
    expect((await store.get('1'))?.state).toBe('needs-attention');
  });

  it('release restores the previous record or removes a new one', async () => {
    const store = await OutboxStore.open(dbName());
    const c = await store.claim('1', { owner: 'w', now: T, leaseMs: 1000, trigger: 'manual' });
    expect(c.ok).toBe(true);
    await store.release('1', 'w', undefined);
    expect(await store.get('1')).toBeUndefined();

    await store.patch('2', T, { state: 'needs-attention', reason: 'x' });
    const c2 = await store.claim('2', { owner: 'w', now: T + 5, leaseMs: 1000, trigger: 'manual' });
    if (!c2.ok) throw new Error('claim failed');
    await store.release('2', 'w', c2.previous);
    expect((await store.get('2'))?.state).toBe('needs-attention');
  });

  it('tracks stateSince, keeps a bounded history and reports changes', async () => {
    const store = await OutboxStore.open(dbName());
    const seen: [string | undefined, string][] = [];
    store.onChange((r, prev) => seen.push([prev?.state, r.state]));
    await store.patch('1', T, { state: 'queued' }, { event: 'e0' });
    for (let i = 1; i <= MAX_ATTEMPTS + 5; i++) await store.patch('1', T + i, {}, { event: `e${i}` });
    const r = (await store.get('1'))!;
    expect(r.stateSince).toBe(T);
    expect(r.updatedAt).toBe(T + MAX_ATTEMPTS + 5);
    expect(r.attempts).toHaveLength(MAX_ATTEMPTS);
    expect(r.attempts.at(-1)?.event).toBe(`e${MAX_ATTEMPTS + 5}`);
    await store.patch('1', T + 100, { state: 'sending' });
    expect((await store.get('1'))!.stateSince).toBe(T + 100);
    expect(seen[0]).toEqual([undefined, 'queued']);
    expect(seen.at(-1)).toEqual(['queued', 'sending']);
  });

  it('stores the exact XML bytes', async () => {
    const store = await OutboxStore.open(dbName());
    const xml = new TextEncoder().encode('<Faktura>zażółć</Faktura>');
    await store.patch('1', T, { state: 'sending', xml, hash: 'h' });
    const back = (await store.get('1'))!.xml!;
    expect(Array.from(back)).toEqual(Array.from(xml));
  });

  it('lists the most recent records newest first', async () => {
    const store = await OutboxStore.open(dbName());
    for (let i = 1; i <= 5; i++)
      await store.patch(String(i), T + i * 10, { state: i % 2 ? 'needs-attention' : 'queued' });
    await store.patch('1', T + 100, {});
    expect((await store.recent(3)).map((r) => r.invoiceId)).toEqual(['1', '5', '4']);
    expect((await store.recent(10, (r) => r.state === 'queued')).map((r) => r.invoiceId)).toEqual(['4', '2']);
  });

  it('migrates a v2 database (adds the byUpdatedAt index, keeps records)', async () => {
    const name = dbName();
    const v2 = await openDB(name, 2, {
      upgrade(db) {
        const s = db.createObjectStore('invoices', { keyPath: 'invoiceId' });
        s.createIndex('byState', 'state');
        db.createObjectStore('meta');
      },
    });
    await v2.put('invoices', {
      schema: 2,
      invoiceId: '1',
      state: 'queued',
      number: 'A',
      createdAt: T,
      updatedAt: T,
      stateSince: T,
      attempts: [],
    });
    await v2.put('meta', 41, 'autoSend.highWater');
    v2.close();
    const store = new OutboxStore(await openOutboxDb(name));
    expect((await store.recent(5)).map((r) => r.invoiceId)).toEqual(['1']);
    expect(await store.getMeta('autoSend.highWater')).toBe(41);
  });

  it('migrates a v3 database (upoMissing true → 1, sparse byUpoMissing index)', async () => {
    const name = dbName();
    const v3 = await openDB(name, 3, {
      upgrade(db) {
        const s = db.createObjectStore('invoices', { keyPath: 'invoiceId' });
        s.createIndex('byState', 'state');
        s.createIndex('byUpdatedAt', 'updatedAt');
        db.createObjectStore('meta');
      },
    });
    const base = { schema: 2, number: 'A', createdAt: T, updatedAt: T, stateSince: T, attempts: [] };
    await v3.put('invoices', { ...base, invoiceId: '1', state: 'accepted', ksefNumber: 'K1', upoMissing: true });
    await v3.put('invoices', { ...base, invoiceId: '2', state: 'accepted', ksefNumber: 'K2', upo: '<Potwierdzenie/>' });
    v3.close();
    const store = new OutboxStore(await openOutboxDb(name));
    expect((await store.withoutUpo()).map((r) => [r.invoiceId, r.upoMissing])).toEqual([['1', 1]]);
    await store.patch('1', T + 1, { upo: '<Potwierdzenie/>' }, undefined, ['upoMissing']);
    expect(await store.withoutUpo()).toEqual([]);
  });

  it('an open connection does not block a newer version from upgrading', async () => {
    const name = dbName();
    const old = await openOutboxDb(name);
    const newer = await openDB(name, OUTBOX_DB_VERSION + 1, {
      upgrade(db) {
        db.createObjectStore('later');
      },
    });
    expect([...newer.objectStoreNames]).toContain('later');
    newer.close();
    old.close();
  });

  it('migrates a v1 database (history → attempts, state index, meta store)', async () => {
    const name = dbName();
    const v1 = await openDB(name, 1, {
      upgrade(db) {
        db.createObjectStore('invoices', { keyPath: 'invoiceId' });
      },
    });
    await v1.put('invoices', {
      invoiceId: '7',
      state: 'processing',
      number: 'FV/7',
      sessionRef: 'S',
      invoiceRef: 'I',
      updatedAt: T,
      history: [{ at: T, event: 'sent' }],
    });
    v1.close();

    const db = await openOutboxDb(name);
    expect(db.version).toBe(OUTBOX_DB_VERSION);
    expect([...db.objectStoreNames].sort()).toEqual(['invoices', 'meta']);
    const store = new OutboxStore(db);
    const rec = (await store.get('7')) as OutboxRecord & { history?: unknown };
    expect(rec.schema).toBe(2);
    expect(rec.attempts).toEqual([{ at: T, event: 'sent' }]);
    expect(rec.history).toBeUndefined();
    expect(rec.stateSince).toBe(T);
    expect(rec.sessionRef).toBe('S');
    expect((await store.byState('processing')).map((r) => r.invoiceId)).toEqual(['7']);
    await store.setMeta('k', 5);
    expect(await store.getMeta('k')).toBe(5);
  });
});
