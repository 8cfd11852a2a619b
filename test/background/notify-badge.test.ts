/**
 * The toolbar badge (src/background/notify.ts): the number of invoices the popup asks the user to
 * deal with, for the settings' environment and NIP only, without the ones marked "Pomiń".
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { refreshActionBadge } from '../../src/background/notify';
import type { Services } from '../../src/background/services';
import type { Settings } from '../../src/messaging';
import { newRecord, type OutboxStore } from '../../src/outbox/store';
import type { OutboxContext, OutboxRecord } from '../../src/outbox/types';
import { addSkip } from '../../src/skip/store';
import { CTX, NOW, newWorld, pipelineFor, settingsWith } from '../pipeline/fakes';

const fake = vi.hoisted(() => {
  const badge = { text: '' };
  return {
    badge,
    browser: {
      action: {
        setBadgeText: async (o: { text: string }) => {
          badge.text = o.text;
        },
        setBadgeBackgroundColor: async () => undefined,
      },
    },
  };
});
vi.mock('../../src/platform/browser', () => ({ browser: fake.browser }));

async function put(
  store: OutboxStore,
  ctx: OutboxContext,
  id: string,
  state: OutboxRecord['state'],
  issueDate: string,
) {
  await store.db.put('invoices', { ...newRecord({ ...ctx, invoiceId: id }, state, NOW, `FV/${id}/2026`), issueDate });
}

function services(store: OutboxStore, settings: Settings): Services {
  return { outbox: async () => store, settings: async () => settings } as unknown as Services;
}

beforeEach(() => {
  // Tuesday 1 December 2026 in Warsaw: invoices issued on Friday 27 November are overdue.
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(Date.parse('2026-12-01T10:00:00Z'));
  fake.badge.text = 'unset';
});
afterEach(() => {
  vi.useRealTimers();
});

describe('toolbar badge', () => {
  it('counts only the current context and leaves out skipped invoices', async () => {
    const { store } = await pipelineFor(newWorld());
    await put(store, CTX, '1', 'rejected', '2026-11-27');
    await put(store, CTX, '2', 'queued', '2026-11-27');
    await put(store, CTX, '3', 'rejected', '2026-11-27');
    await put(store, CTX, '4', 'needs-attention', '2026-11-27');
    await put(store, CTX, '5', 'queued', '2026-11-27');
    for (const id of ['3', '4', '5']) {
      await addSkip(store, CTX, { invoiceId: id, number: `FV/${id}/2026`, reason: 'Poza KSeF', at: 1 });
    }
    const prod = { env: 'prod', nip: CTX.nip } as const;
    await put(store, prod, '11', 'rejected', '2026-11-27');
    await put(store, prod, '12', 'needs-attention', '2026-11-27');

    await refreshActionBadge(services(store, settingsWith()));
    expect(fake.badge.text).toBe('2');
    await refreshActionBadge(services(store, settingsWith({ env: 'prod' })));
    expect(fake.badge.text).toBe('2');
    await refreshActionBadge(services(store, settingsWith({ nip: '1111111111' })));
    expect(fake.badge.text).toBe('');
  });
});
