import 'fake-indexeddb/auto';
import { openDB } from 'idb';
import { describe, expect, it } from 'vitest';
import { OUTBOX_DB_VERSION, openOutboxDb } from '../../src/outbox/db';
import { TransitionError } from '../../src/outbox/state-machine';
import { OutboxStore } from '../../src/outbox/store';
import { MAX_ATTEMPTS, type OutboxRecord, RECORD_SCHEMA } from '../../src/outbox/types';

let n = 0;
const dbName = () => `store-test-${process.pid}-${++n}`;
const T = Date.parse('2026-11-29T10:00:00Z');
const rid = (invoiceId: string) => ({ env: 'test' as const, nip: '5265877635', invoiceId });
const LEGACY = { env: 'test' as const, nip: '5265877635' };

describe('OutboxStore', () => {
  it('claims atomically: of two concurrent claims exactly one wins', async () => {
    const store = await OutboxStore.open(dbName());
    const opts = { now: T, leaseMs: 60_000, trigger: 'manual' as const };
    const [a, b] = await Promise.all([
      store.claim(rid('1'), { ...opts, owner: 'w1' }),
      store.claim(rid('1'), { ...opts, owner: 'w1' }),
    ]);
    expect([a.ok, b.ok].filter(Boolean)).toHaveLength(1);
    const loser = a.ok ? b : a;
    expect(loser.ok).toBe(false);
    if (!loser.ok) expect(loser.reason).toBe('in-progress');
    const rec = await store.get(rid('1'));
    expect(rec?.state).toBe('sending');
    expect(rec?.attempts.map((x) => x.event)).toEqual(['claimed']);
  });

  it('refuses accepted and processing invoices, takes over an expired lease', async () => {
    const store = await OutboxStore.open(dbName());
    await store.claim(rid('1'), { owner: 'w1', now: T, leaseMs: 1000, trigger: 'manual' });
    await store.patch(rid('1'), T, { state: 'processing', sessionRef: 'S', invoiceRef: 'I' });
    const p = await store.claim(rid('1'), { owner: 'w2', now: T, leaseMs: 1000, trigger: 'manual' });
    expect(p.ok ? 'ok' : p.reason).toBe('processing');
    await store.patch(rid('1'), T, { state: 'accepted', ksefNumber: 'K' });
    const a = await store.claim(rid('1'), { owner: 'w2', now: T, leaseMs: 1000, trigger: 'manual' });
    expect(a.ok ? 'ok' : a.reason).toBe('accepted');

    await store.claim(rid('2'), { owner: 'w1', now: T, leaseMs: 1000, trigger: 'auto' });
    const early = await store.claim(rid('2'), { owner: 'w2', now: T + 999, leaseMs: 1000, trigger: 'manual' });
    expect(early.ok).toBe(false);
    const late = await store.claim(rid('2'), { owner: 'w2', now: T + 1000, leaseMs: 1000, trigger: 'manual' });
    expect(late.ok && late.takenOver).toBe(true);
    // A dead worker's claim is taken over at once by resume() (takeOverForeign).
    await store.claim(rid('3'), { owner: 'dead', now: T, leaseMs: 60_000, trigger: 'auto' });
    const resumed = await store.claim(rid('3'), {
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
    await store.claim(rid('1'), { owner: 'w1', now: T, leaseMs: 0, trigger: 'export', batchJob: 'job' });
    const other = await store.claim(rid('1'), {
      owner: 'w2',
      now: T + 10,
      leaseMs: 1,
      trigger: 'manual',
      takeOverForeign: true,
    });
    expect(other.ok ? 'ok' : other.reason).toBe('batch');
    const same = await store.claim(rid('1'), {
      owner: 'w2',
      now: T + 10,
      leaseMs: 1,
      trigger: 'export',
      batchJob: 'job',
    });
    expect(same.ok).toBe(true);
  });

  it('refuses an illegal transition and leaves the record unchanged', async () => {
    const store = await OutboxStore.open(dbName());
    await store.patch(rid('1'), T, { state: 'queued' });
    await expect(store.patch(rid('1'), T + 1, { state: 'accepted' })).rejects.toBeInstanceOf(TransitionError);
    expect((await store.get(rid('1')))?.state).toBe('queued');
  });

  it('release restores the previous record or removes a new one', async () => {
    const store = await OutboxStore.open(dbName());
    const c = await store.claim(rid('1'), { owner: 'w', now: T, leaseMs: 1000, trigger: 'manual' });
    expect(c.ok).toBe(true);
    await store.release(rid('1'), 'w', undefined);
    expect(await store.get(rid('1'))).toBeUndefined();

    await store.patch(rid('2'), T, { state: 'needs-attention', reason: 'x' });
    const c2 = await store.claim(rid('2'), { owner: 'w', now: T + 5, leaseMs: 1000, trigger: 'manual' });
    if (!c2.ok) throw new Error('claim failed');
    await store.release(rid('2'), 'w', c2.previous);
    expect((await store.get(rid('2')))?.state).toBe('needs-attention');
  });

  it('tracks stateSince, keeps a bounded history and reports changes', async () => {
    const store = await OutboxStore.open(dbName());
    const seen: [string | undefined, string][] = [];
    store.onChange((r, prev) => seen.push([prev?.state, r.state]));
    await store.patch(rid('1'), T, { state: 'queued' }, { event: 'e0' });
    for (let i = 1; i <= MAX_ATTEMPTS + 5; i++) await store.patch(rid('1'), T + i, {}, { event: `e${i}` });
    const r = (await store.get(rid('1')))!;
    expect(r.stateSince).toBe(T);
    expect(r.updatedAt).toBe(T + MAX_ATTEMPTS + 5);
    expect(r.attempts).toHaveLength(MAX_ATTEMPTS);
    expect(r.attempts.at(-1)?.event).toBe(`e${MAX_ATTEMPTS + 5}`);
    await store.patch(rid('1'), T + 100, { state: 'sending' });
    expect((await store.get(rid('1')))!.stateSince).toBe(T + 100);
    expect(seen[0]).toEqual([undefined, 'queued']);
    expect(seen.at(-1)).toEqual(['queued', 'sending']);
  });

  it('stores the exact XML bytes', async () => {
    const store = await OutboxStore.open(dbName());
    const xml = new TextEncoder().encode('<Faktura>zażółć</Faktura>');
    await store.patch(rid('1'), T, { state: 'sending', xml, hash: 'h' });
    const back = (await store.get(rid('1')))!.xml!;
    expect(Array.from(back)).toEqual(Array.from(xml));
  });

  it('lists the most recent records newest first', async () => {
    const store = await OutboxStore.open(dbName());
    for (let i = 1; i <= 5; i++)
      await store.patch(rid(String(i)), T + i * 10, { state: i % 2 ? 'needs-attention' : 'queued' });
    await store.patch(rid('1'), T + 100, {});
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
    const store = new OutboxStore(await openOutboxDb(name, { legacyContext: LEGACY }));
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
    const store = new OutboxStore(await openOutboxDb(name, { legacyContext: LEGACY }));
    expect((await store.withoutUpo()).map((r) => [r.invoiceId, r.upoMissing])).toEqual([['1', 1]]);
    await store.patch(rid('1'), T + 1, { upo: '<Potwierdzenie/>' }, undefined, ['upoMissing']);
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

    const db = await openOutboxDb(name, { legacyContext: LEGACY });
    expect(db.version).toBe(OUTBOX_DB_VERSION);
    expect([...db.objectStoreNames].sort()).toEqual(['invoices', 'meta']);
    const store = new OutboxStore(db);
    const rec = (await store.get(rid('7'))) as OutboxRecord & { history?: unknown };
    expect(rec.schema).toBe(RECORD_SCHEMA);
    expect([rec.env, rec.nip]).toEqual(['test', '5265877635']);
    expect(rec.attempts).toEqual([{ at: T, event: 'sent' }]);
    expect(rec.history).toBeUndefined();
    expect(rec.stateSince).toBe(T);
    expect(rec.sessionRef).toBe('S');
    expect((await store.byState('processing')).map((r) => r.invoiceId)).toEqual(['7']);
    await store.setMeta('k', 5);
    expect(await store.getMeta('k')).toBe(5);
  });

  it('migrates a v4 database: records get the context of the settings, keyed by env + NIP + id', async () => {
    const name = dbName();
    const v4 = await openDB(name, 4, {
      upgrade(db) {
        const s = db.createObjectStore('invoices', { keyPath: 'invoiceId' });
        s.createIndex('byState', 'state');
        s.createIndex('byUpdatedAt', 'updatedAt');
        s.createIndex('byUpoMissing', 'upoMissing');
        db.createObjectStore('meta');
      },
    });
    const base = { schema: 2, number: 'A', createdAt: T, updatedAt: T, stateSince: T, attempts: [] };
    await v4.put('invoices', { ...base, invoiceId: '1', state: 'accepted', ksefNumber: 'K1', upoMissing: 1 });
    await v4.put('invoices', { ...base, invoiceId: '2', state: 'sending', sessionRef: 'S', hash: 'H' });
    v4.close();
    const store = new OutboxStore(await openOutboxDb(name, { legacyContext: LEGACY }));
    const one = await store.get(rid('1'));
    expect([one?.env, one?.nip, one?.state, one?.ksefNumber]).toEqual(['test', '5265877635', 'accepted', 'K1']);
    expect((await store.get(rid('2')))?.sessionRef).toBe('S');
    // Sent on TEST is not sent on PROD: the same Base invoice has no record there.
    expect(await store.get({ env: 'prod', nip: '5265877635', invoiceId: '1' })).toBeUndefined();
    expect((await store.withoutUpo()).map((r) => r.invoiceId)).toEqual(['1']);
    expect((await store.byState('sending', { env: 'prod', nip: '5265877635' })).length).toBe(0);
    expect((await store.byState('sending', LEGACY)).length).toBe(1);
  });

  it('keeps one record per context: the same invoice on TEST and PROD are two records', async () => {
    const store = await OutboxStore.open(dbName());
    const prod = { env: 'prod' as const, nip: '5265877635', invoiceId: '1' };
    await store.patch(rid('1'), T, { state: 'needs-attention', number: 'A' });
    await store.patch(prod, T, { state: 'queued', number: 'A' });
    expect((await store.get(rid('1')))?.state).toBe('needs-attention');
    expect((await store.get(prod))?.state).toBe('queued');
    const claimed = await store.claim(prod, { owner: 'w', now: T, leaseMs: 1000, trigger: 'manual' });
    expect(claimed.ok && claimed.record.env).toBe('prod');
    expect((await store.get(rid('1')))?.state).toBe('needs-attention');
  });
});
