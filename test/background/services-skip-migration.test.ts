/**
 * The worker moves "Pomiń" marks stored before they had a context (src/skip/store.ts) to the
 * settings' context when it opens the outbox (src/background/services.ts), and keeps them when no
 * NIP is set yet.
 */
import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Settings } from '../../src/messaging';
import { OutboxStore } from '../../src/outbox/store';
import { LEGACY_SKIP_LIST_KEY, readSkipList } from '../../src/skip/store';
import { CTX, settingsWith } from '../pipeline/fakes';

const current = vi.hoisted(() => ({ settings: undefined as unknown as Settings }));
vi.mock('../../src/platform/browser', () => ({ browser: {} }));
vi.mock('../../src/settings/store', () => ({ loadSettings: async () => current.settings }));

const { Services } = await import('../../src/background/services');

const mark = { invoiceId: '5', number: 'FV/5/2026', reason: 'Wystawiona w KSeF ręcznie', at: 1 };

beforeEach(async () => {
  // The worker's own database name: a fresh one per test.
  await new Promise((done) => {
    const req = indexedDB.deleteDatabase('ksef-outbox');
    req.onsuccess = req.onerror = req.onblocked = done;
  });
  const old = await OutboxStore.open();
  await old.setMeta(LEGACY_SKIP_LIST_KEY, { '5': mark });
  old.close();
});

describe('skip marks at worker start', () => {
  it('go to the settings’ context, and no longer apply to another', async () => {
    current.settings = settingsWith();
    const store = await new Services().outbox();
    expect(await store.getMeta(LEGACY_SKIP_LIST_KEY)).toBeUndefined();
    expect(await readSkipList(store, CTX)).toEqual({ '5': mark });
    expect(await readSkipList(store, { env: 'prod', nip: CTX.nip })).toEqual({});
    store.close();
  });

  it('stay as they were while no NIP is set', async () => {
    current.settings = settingsWith({ nip: '' });
    const store = await new Services().outbox();
    expect(await store.getMeta(LEGACY_SKIP_LIST_KEY)).toEqual({ '5': mark });
    expect(await readSkipList(store, CTX)).toEqual({ '5': mark });
    store.close();
  });
});
