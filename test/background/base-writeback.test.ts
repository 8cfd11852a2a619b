/**
 * Write-back to Base after acceptance (src/background/base-writeback.ts), the real code with the real
 * Base client against the Base fake: a failed write waits 1, 2 … minutes before it is tried again and
 * is not tried earlier; the stamped PDF goes into the file extra field as Base takes files, and a
 * failing PDF upload neither repeats the number already written nor is lost.
 */
import 'fake-indexeddb/auto';
import { randomBytes } from 'node:crypto';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { MAX_TRIES, onAccepted, runWriteBack, writeBackQueue } from '../../src/background/base-writeback';
import type { Services } from '../../src/background/services';
import { type BaseClient, createBaseClient, RateLimiter } from '../../src/base/api';
import type { Settings } from '../../src/messaging';
import { OutboxStore } from '../../src/outbox/store';
import type { OutboxRecord } from '../../src/outbox/types';
import { settingsWith } from '../pipeline/fakes';
import { pdfText } from '../print/poppler';
import { type BaseSim, makeDemoDataset, SIM_TOKEN, startBaseSim } from '../sim/base';

const alarms = vi.hoisted(() => [] as { name: string; when: number }[]);
vi.mock('../../src/platform/browser', () => ({
  browser: {
    alarms: {
      create: async (name: string, o: { when: number }) => {
        alarms.push({ name, when: o.when });
      },
    },
  },
}));

const MIN = 60_000;
const T0 = Date.parse('2026-12-04T10:00:00Z');
const inv = makeDemoDataset().invoices[0]!;
let sim: BaseSim;
let client: BaseClient;
let store: OutboxStore;
let settings: Settings;
let n = 0;

const svc = {
  settings: async () => settings,
  outbox: async () => store,
  base: async () => client,
} as unknown as Services;

async function control<T>(path: string, body?: unknown): Promise<T> {
  const r = await fetch(`${sim.origin}${path}`, body ? { method: 'POST', body: JSON.stringify(body) } : {});
  return (await r.json()) as T;
}
const calls = async (method: string) =>
  (await control<{ byMethod: Record<string, number> }>('/__sim/requests')).byMethod[method] ?? 0;
const fieldsOf = async (orderId: string) =>
  (await control<Record<string, Record<string, unknown>>>('/__sim/order-fields'))[orderId];

/** The record of Base invoice `inv` as the outbox holds it once KSeF accepted it. */
function accepted(): OutboxRecord {
  return {
    schema: 1,
    env: 'test',
    nip: settings.nip,
    invoiceId: String(inv.invoice_id),
    state: 'accepted',
    number: inv.number,
    orderId: String(inv.order_id),
    ksefNumber: '5265877635-20261204-0100000A1B2C-7F',
    processedAt: '2026-12-04T09:59:30Z',
    kod1Url: 'https://qr-test.ksef.mf.gov.pl/invoice/5265877635/04-12-2026/UtQp9Gpc51y-u3xApZjIjgkpZ01js-J8KflSPW8WzIE',
  } as OutboxRecord;
}

/** One firing of the write-back alarm at `ms`. */
async function runAt(ms: number): Promise<void> {
  vi.setSystemTime(ms);
  await runWriteBack(svc);
}

beforeAll(async () => {
  sim = await startBaseSim();
});
afterAll(async () => {
  await sim.close();
});
beforeEach(async () => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(T0);
  alarms.length = 0;
  store = await OutboxStore.open(`writeback-${process.pid}-${++n}`);
  client = createBaseClient({
    token: SIM_TOKEN,
    fetch: (i, o) => globalThis.fetch(i, o),
    apiUrl: sim.apiUrl,
    limiter: new RateLimiter(),
    wait: 'report',
  });
  await control('/__sim/faults', { method: '*', kind: 'http500', count: 0 });
});
afterEach(() => {
  vi.useRealTimers();
});

describe('KSeF number back to Base', () => {
  it('after Base fails, waits 1 minute, then 2, and is not tried earlier; then the number arrives', async () => {
    settings = settingsWith({ ksefNumberToBase: { fieldId: '1101', fieldName: 'Numer KSeF' } });
    const rec = accepted();
    await onAccepted(svc, rec, { ...rec, state: 'processing' });
    expect(alarms.at(-1)).toEqual({ name: 'ksef-base-writeback', when: T0 });
    await control('/__sim/faults', { method: 'setOrderFields', kind: 'http500', count: 2 });
    const before = await calls('setOrderFields');

    await runAt(T0);
    let entry = (await writeBackQueue(svc))[rec.invoiceId]!;
    expect(entry).toMatchObject({ tries: 1, nextAt: T0 + MIN });
    expect(entry.lastError).toContain('HTTP 500');
    expect(alarms.at(-1)!.when).toBe(T0 + MIN);

    // The alarm firing early (or another wake) does not call Base before the wait is over.
    await runAt(T0 + MIN - 1);
    expect(await calls('setOrderFields')).toBe(before + 1);

    await runAt(T0 + MIN);
    entry = (await writeBackQueue(svc))[rec.invoiceId]!;
    expect(entry).toMatchObject({ tries: 2, nextAt: T0 + 3 * MIN });
    expect(alarms.at(-1)!.when).toBe(T0 + 3 * MIN);
    await runAt(T0 + 3 * MIN - 1);
    expect(await calls('setOrderFields')).toBe(before + 2);
    expect(await fieldsOf(rec.orderId!)).toBeUndefined();

    await runAt(T0 + 3 * MIN);
    expect(await calls('setOrderFields')).toBe(before + 3);
    expect(await fieldsOf(rec.orderId!)).toEqual({ '1101': rec.ksefNumber });
    expect(await writeBackQueue(svc)).toEqual({});
    expect(await calls('addOrderInvoiceFile')).toBe(0);
  });
});

describe('stamped PDF to Base', () => {
  it('goes into the file field as Base takes files; a failed upload is retried without writing the number twice', async () => {
    settings = settingsWith({
      ksefNumberToBase: { fieldId: '1101', fieldName: 'Numer KSeF' },
      stampedPdfToBase: { fieldId: '1103', fieldName: 'Faktura KSeF (PDF)' },
    });
    const rec = accepted();
    await onAccepted(svc, rec, { ...rec, state: 'processing' });
    // Base cannot give its PDF the first time: the number is written, the PDF waits.
    await control('/__sim/faults', { method: 'getInvoiceFile', kind: 'http500', count: 1 });
    const before = await calls('setOrderFields');
    await runAt(T0);
    expect(await calls('setOrderFields')).toBe(before + 1);
    expect(await fieldsOf(rec.orderId!)).toEqual({ '1101': rec.ksefNumber });
    expect((await writeBackQueue(svc))[rec.invoiceId]).toMatchObject({ parts: ['pdf'], tries: 1, nextAt: T0 + MIN });

    await runAt(T0 + MIN);
    expect(await calls('setOrderFields')).toBe(before + 2);
    const title = `${inv.number.replace(/[^\w.-]+/g, '_')}-KSeF.pdf`;
    expect(await fieldsOf(rec.orderId!)).toMatchObject({ '1101': rec.ksefNumber, '1103': { title } });
    const file = await fetch(`${sim.origin}/__sim/order-files/${rec.orderId}/1103`);
    expect(decodeURIComponent(file.headers.get('x-file-title')!)).toBe(title);
    const pdf = new Uint8Array(await file.arrayBuffer());
    expect(Buffer.from(pdf.subarray(0, 5)).toString()).toBe('%PDF-');
    const text = pdfText(pdf).replace(/\s+/g, '');
    expect(text).toContain(rec.ksefNumber!);
    expect(text).toContain(inv.number.replace(/\s+/g, ''));
    expect(await writeBackQueue(svc)).toEqual({});
  });

  it('with only the PDF option on, only the file is written; with neither, nothing is queued', async () => {
    settings = settingsWith({ stampedPdfToBase: { fieldId: '1103', fieldName: 'Faktura KSeF (PDF)' } });
    const rec = accepted();
    await onAccepted(svc, rec, { ...rec, state: 'processing' });
    expect((await writeBackQueue(svc))[rec.invoiceId]!.parts).toEqual(['pdf']);
    await runAt(T0);
    expect(Object.keys((await fieldsOf(rec.orderId!)) ?? {})).toContain('1103');
    expect(await writeBackQueue(svc)).toEqual({});

    settings = settingsWith();
    await onAccepted(svc, { ...rec, invoiceId: '999' }, { ...rec, invoiceId: '999', state: 'processing' });
    expect(await writeBackQueue(svc)).toEqual({});
  });

  it('a file Base would refuse as too big is kept with its reason and not retried', async () => {
    settings = settingsWith({ stampedPdfToBase: { fieldId: '1103', fieldName: 'Faktura KSeF (PDF)' } });
    const real = client;
    // Base's own PDF of 2.5 MB (a scanned attachment, say): stamped, it is over Base's 2 MB.
    client = {
      ...real,
      getInvoiceFile: async (id: number) => {
        const f = await real.getInvoiceFile(id);
        const { PDFDocument } = await import('pdf-lib');
        const doc = await PDFDocument.load(f.pdf);
        doc.attach(
          new Uint8Array(randomBytes(2_500_000)), // random: it does not compress
          'scan.bin',
          { mimeType: 'application/octet-stream' },
        );
        return { ...f, pdf: new Uint8Array(await doc.save({ useObjectStreams: false })) };
      },
    };
    const rec = accepted();
    await onAccepted(svc, rec, { ...rec, state: 'processing' });
    const before = await calls('setOrderFields');
    await runAt(T0);
    const entry = (await writeBackQueue(svc))[rec.invoiceId]!;
    expect(entry.tries).toBe(MAX_TRIES);
    expect(entry.lastError).toContain('do 2 MB');
    expect(await calls('setOrderFields')).toBe(before);
    await runAt(T0 + 24 * 60 * MIN);
    expect(await calls('setOrderFields')).toBe(before);
  });
});
