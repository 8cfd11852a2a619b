/**
 * The toolbar badge and the deadline scan (src/pipeline/deadline-scan.ts) count what the popup
 * (summary.ts) lists under "Wymaga uwagi": only the settings' environment and NIP, never an invoice
 * marked "Pomiń" (src/skip/store.ts).
 */
import { describe, expect, it } from 'vitest';
import { newRecord, type OutboxStore } from '../../src/outbox/store';
import type { OutboxContext, OutboxRecord } from '../../src/outbox/types';
import { badgeCount, scanDeadlines } from '../../src/pipeline/deadline-scan';
import { popupLists } from '../../src/pipeline/summary';
import { addSkip } from '../../src/skip/store';
import { CTX, NOW, newWorld, pipelineFor, settingsWith } from './fakes';

const PROD: OutboxContext = { env: 'prod', nip: CTX.nip };
const OTHER_NIP: OutboxContext = { env: 'test', nip: '1111111111' };
/** Monday: the last day for Friday's invoices, Thursday's are overdue. */
const TODAY = '2026-11-30';

async function put(
  store: OutboxStore,
  ctx: OutboxContext,
  id: string,
  state: OutboxRecord['state'],
  issueDate = '2026-11-20',
): Promise<void> {
  await store.db.put('invoices', { ...newRecord({ ...ctx, invoiceId: id }, state, NOW, `FV/${id}/2026`), issueDate });
}

async function skip(store: OutboxStore, id: string): Promise<void> {
  await addSkip(store, CTX, { invoiceId: id, number: `FV/${id}/2026`, reason: 'Wystawiona w KSeF ręcznie', at: 1 });
}

/** In the test context: one of each kind counted, and the same kinds marked "Pomiń". */
async function outbox(): Promise<OutboxStore> {
  const { store } = await pipelineFor(newWorld());
  await put(store, CTX, '1', 'rejected');
  await put(store, CTX, '2', 'needs-attention');
  await put(store, CTX, '3', 'queued', '2026-11-26');
  await put(store, CTX, '4', 'queued', '2026-11-27');
  await put(store, CTX, '5', 'rejected');
  await put(store, CTX, '6', 'needs-attention');
  await put(store, CTX, '7', 'queued', '2026-11-26');
  await put(store, CTX, '8', 'queued', '2026-11-27');
  for (const id of ['5', '6', '7', '8']) await skip(store, id);
  // Other contexts: they wait for their own settings, the popup does not list them.
  await put(store, PROD, '21', 'rejected');
  await put(store, PROD, '22', 'needs-attention');
  await put(store, PROD, '23', 'queued', '2026-11-26');
  await put(store, PROD, '24', 'queued', '2026-11-27');
  // Invoice 5 also has a record on PROD: the TEST mark says nothing about it.
  await put(store, PROD, '5', 'rejected');
  await put(store, OTHER_NIP, '31', 'rejected');
  await put(store, OTHER_NIP, '33', 'queued', '2026-11-26');
  return store;
}

describe('deadline scan', () => {
  it('leaves out invoices marked "Pomiń" and records of other contexts', async () => {
    const store = await outbox();
    const scan = await scanDeadlines(store, settingsWith(), TODAY);
    expect(scan.dueToday).toEqual(['FV/4/2026']);
    expect(scan.overdue.sort()).toEqual(['FV/1/2026', 'FV/2/2026', 'FV/3/2026']);
  });
});

describe('toolbar badge', () => {
  it('counts rejected, needing attention and overdue queued invoices of this context, not the skipped ones', async () => {
    const store = await outbox();
    expect(await badgeCount(store, settingsWith(), TODAY)).toBe(3);
    // The same count as the popup's "Wymaga uwagi" list.
    const popup = await popupLists(store, settingsWith(), 'pl', { today: TODAY });
    expect(popup.attention.map((v) => v.invoiceId).sort()).toEqual(['1', '2', '3']);
  });

  it('counts each context for its own settings, with its own "Pomiń" marks', async () => {
    const store = await outbox();
    expect(await badgeCount(store, settingsWith({ env: 'prod' }), TODAY)).toBe(4);
    const prodScan = await scanDeadlines(store, settingsWith({ env: 'prod' }), TODAY);
    expect(prodScan.overdue.sort()).toEqual(['FV/21/2026', 'FV/22/2026', 'FV/23/2026', 'FV/5/2026']);
    expect(await badgeCount(store, settingsWith({ nip: OTHER_NIP.nip }), TODAY)).toBe(2);
  });

  it('is zero when nothing needs the user', async () => {
    const { store } = await pipelineFor(newWorld());
    await put(store, CTX, '4', 'queued', '2026-11-27');
    expect(await badgeCount(store, settingsWith(), TODAY)).toBe(0);
  });
});
