/**
 * `export.count` after an export: the Eksport tab asks again on every outbox change, so the count
 * must come from what the extension knows, with Base's month list asked at most once a minute.
 */
import { describe, expect, it } from 'vitest';
import { COUNT_LIST_TTL_MS } from '../../src/pipeline/export';
import { newWorld, pipelineFor, summary } from './fakes';

describe('export count', () => {
  it('asks Base for the month once a minute however often it is asked, and counts sends from the outbox', async () => {
    const w = newWorld();
    w.ksef.pendingChecks = 0;
    for (let i = 0; i < 5; i++) w.base.add(summary(1000 + i, { issueDate: `2026-10-0${i + 1}` }));
    const { pipeline } = await pipelineFor(w);
    const monthCalls = () => w.base.calls.filter((c) => c === 'month:2026-10').length;

    expect(await pipeline.exportCount('2026-10')).toBe(5);
    await pipeline.sendInvoice('1000', { trigger: 'manual' });
    await pipeline.sendInvoice('1001', { trigger: 'manual' });
    // 50 recounts (one per outbox change during an export) cost no further Base call.
    for (let i = 0; i < 50; i++) expect(await pipeline.exportCount('2026-10')).toBe(3);
    expect(monthCalls()).toBe(1);

    // After a minute Base is asked again (new invoices in Base show up).
    w.base.add(summary(1010, { issueDate: '2026-10-20' }));
    w.clock.advance(COUNT_LIST_TTL_MS + 1);
    expect(await pipeline.exportCount('2026-10')).toBe(4);
    expect(monthCalls()).toBe(2);
  });
});

describe('export result', () => {
  it('names the invoices that did not make it, with why', async () => {
    const w = newWorld();
    w.ksef.pendingChecks = 0;
    for (let i = 0; i < 4; i++) w.base.add(summary(2000 + i, { issueDate: `2026-10-0${i + 1}` }));
    w.ksef.rejectNumbers.add(w.base.invoices.get('2002')!.number);
    const { pipeline } = await pipelineFor(w);
    await pipeline.startExport('2026-10');
    for (let i = 0; i < 10 && (await pipeline.exportProgress())?.state !== 'done'; i++) {
      w.clock.advance(60_000);
      await pipeline.pollPending();
      await pipeline.resumeExport();
    }
    const p = (await pipeline.exportProgress())!;
    expect(p.rejected).toBe(1);
    expect(p.problems).toEqual([
      {
        invoiceId: '2002',
        number: w.base.invoices.get('2002')!.number,
        state: 'rejected',
        reason: expect.stringContaining('KSeF odrzucił fakturę'),
      },
    ]);
  });
});
