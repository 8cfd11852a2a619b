/**
 * A 440-adopted invoice takes its processing date from the original's UPO (`DataNadaniaNumeruKSeF`):
 * the 440 answer itself carries none, and the printed stamp shows "Data przetworzenia w KSeF".
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { OutboxRecord } from '../../src/outbox/types';
import { upoAssignedAt } from '../../src/pipeline/adopted-date';
import { live, NIP, newWorld, pipelineFor, rid, summary } from './fakes';

const TODAY = '2026-11-29';

const SAMPLE = readFileSync(
  new URL('../fixtures/ksef/samples/upo/upo-faktura-kontekst-id-nip.xml', import.meta.url),
  'utf8',
);
const SAMPLE_NUMBER = '5265877635-20250916-0200A0D6723E-C2';

/** The official sample UPO, confirming `ksefNumber` instead of the sample's own number. */
function upoFor(ksefNumber: string): string {
  return SAMPLE.replace(SAMPLE_NUMBER, ksefNumber);
}

describe('440 adoption: processing date from the original UPO', () => {
  it('reads DataNadaniaNumeruKSeF of the document with that KSeF number only', () => {
    expect(upoAssignedAt(SAMPLE, SAMPLE_NUMBER)).toBe('2025-09-16T11:05:41.045+02:00');
    expect(upoAssignedAt(SAMPLE, `${NIP}-20250916-0000000000AA-11`)).toBeUndefined();
    expect(upoAssignedAt(SAMPLE.replace('2025-09-16T11:05:41.045+02:00', 'jutro'), SAMPLE_NUMBER)).toBeUndefined();
    const prefixed = SAMPLE.replace(/<(\/?)(\w+)>/g, '<$1upo:$2>');
    expect(upoAssignedAt(prefixed, SAMPLE_NUMBER)).toBe('2025-09-16T11:05:41.045+02:00');
  });

  it('an adopted invoice gets the date KSeF gave the original', async () => {
    const asked: string[] = [];
    const { original, adopted } = await adopt(501, async (sessionRef, n) => {
      asked.push(`${sessionRef}|${n}`);
      return upoFor(n);
    });
    expect(adopted.state).toBe('accepted');
    expect(adopted.duplicateAdopted).toBe(true);
    expect(adopted.ksefNumber).toBe(original.ksefNumber);
    expect(adopted.processedAt).toBe('2025-09-16T11:05:41.045+02:00');
    // The date comes from the UPO the adoption fetches anyway: no extra request.
    expect(asked).toEqual([`${original.sessionRef}|${original.ksefNumber}`]);
  });

  it('a UPO KSeF cannot serve at adoption time fills the date when the hourly poll gets it', async () => {
    let ready = false;
    const { adopted, later } = await adopt(503, async (_, n) => {
      if (!ready) throw new Error('UPO not there yet');
      return upoFor(n);
    });
    expect(adopted.state).toBe('accepted');
    expect(adopted.upo).toBeUndefined();
    expect(adopted.processedAt).toBeUndefined();
    ready = true;
    const polled = await later();
    expect(polled.upo).toBeDefined();
    expect(polled.processedAt).toBe('2025-09-16T11:05:41.045+02:00');
  });

  it('no date is made up when the UPO does not confirm the original number', async () => {
    const { adopted } = await adopt(502, async () => SAMPLE);
    expect(adopted.duplicateAdopted).toBe(true);
    expect(adopted.upo).toBe(SAMPLE);
    expect(adopted.processedAt).toBeUndefined();
  });
});

/** Invoice `id` sent and accepted by one install, then sent by another one: KSeF answers 440. */
async function adopt(
  id: number,
  upoByKsefNumber: (sessionRef: string, ksefNumber: string) => Promise<string>,
): Promise<{ original: OutboxRecord; adopted: OutboxRecord; later: () => Promise<OutboxRecord> }> {
  const w = newWorld();
  w.ksef.pendingChecks = 0;
  w.base.add(summary(id, { issueDate: TODAY }));
  const a = await pipelineFor(w);
  await a.pipeline.sendInvoice(String(id), { trigger: 'manual' });
  await live(w, a.pipeline, 20_000);
  const original = (await a.store.get(rid(id)))!;
  expect(original.state).toBe('accepted');
  const other = newWorld();
  Object.assign(other, { ksef: w.ksef, clock: w.clock, scheduler: w.scheduler });
  Object.assign(w.ksef, { upoByKsefNumber });
  other.base.add(summary(id, { issueDate: TODAY, raw: { number: `FV/${id}/2026`, issueDate: TODAY, version: 2 } }));
  const b = await pipelineFor(other);
  await b.pipeline.sendInvoice(String(id), { trigger: 'manual' });
  await live(other, b.pipeline, 20_000);
  const later = async () => {
    await b.pipeline.pollPending();
    return (await b.store.get(rid(id)))!;
  };
  return { original, adopted: (await b.store.get(rid(id)))!, later };
}
