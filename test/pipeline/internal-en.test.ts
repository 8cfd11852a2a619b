// A failure inside the extension on the way to KSeF (the signing key at login, the batch package,
// a crash of the FA(3) builder, any bug) leaves a record or an export job whose reason reads in the
// UI language, with no Polish in English; its raw message stays in the record, for logs.
import { describe, expect, it } from 'vitest';
import { toPortError } from '../../src/background/adapters/ksef-port';
import { InternalError } from '../../src/i18n/internal';
import { toView } from '../../src/pipeline/view';
import { expectNoPolish } from '../adapters/no-polish';
import { newWorld, pipelineFor, sendOnce, summary, type World } from './fakes';

const reasonIn = (rec: Parameters<typeof toView>[0], w: World, lang: 'pl' | 'en') =>
  toView(rec, w.settings, lang).reason;

const SIGNING_KEY = new InternalError(
  'signing-key',
  'Nieobsługiwany typ klucza podpisu: RSA-PSS. Użyj klucza ECDSA P-256 lub RSA (PKCS#1 v1.5).',
);
const BUG = new TypeError("Cannot read properties of undefined (reading 'referenceNumber')");

describe('a send stopped by a failure inside the extension', () => {
  it.each([
    [
      'the login signed with a key of a kind XAdES is not made with',
      SIGNING_KEY,
      /^The service is temporarily unavailable: The KSeF certificate's key is of a kind/,
      /^Usługa jest chwilowo niedostępna: Klucz certyfikatu KSeF jest rodzaju/,
    ],
    [
      'an exception nobody expected',
      BUG,
      /^The service is temporarily unavailable: An unexpected error occurred in the extension\./,
      /^Usługa jest chwilowo niedostępna: Wystąpił nieoczekiwany błąd rozszerzenia\./,
    ],
  ])('%s', async (_name, error, english, polish) => {
    const { w, rec } = await sendOnce((x) => x.ksef.failNext.set('ensureSession', [toPortError(error) as Error]));
    const en = reasonIn(rec, w, 'en');
    expect(en).toMatch(english);
    expectNoPolish(en);
    expect(reasonIn(rec, w, 'pl')).toMatch(polish);
    expect(en).not.toContain(error.message);
    // The raw message stays beside the code, for logs.
    expect(rec.reasonParams?.message).toBe(error.message);
  });
});

describe('an export whose batch package could not be made', () => {
  it('waits with a job message in the UI language', async () => {
    const w = newWorld();
    w.settings = { ...w.settings, uiLang: 'en' };
    for (let i = 0; i < 2; i++) w.base.add(summary(300 + i, { issueDate: `2026-10-0${i + 1}` }));
    const broken = new InternalError('batch-package', 'część 2 paczki wyszła inna niż zadeklarowana');
    w.ksef.failNext.set('openBatch', [toPortError(broken) as Error]);
    const { pipeline } = await pipelineFor(w, {}, { batchThreshold: 1 });
    const waiting = await pipeline.startExport('2026-10');
    expect(waiting.state).toBe('waiting');
    expect(waiting.message).toMatch(/^The invoice batch could not be prepared for sending/);
    expectNoPolish(waiting.message);
    w.settings = { ...w.settings, uiLang: 'pl' };
    expect((await pipeline.exportProgress())?.message).toMatch(/^Nie udało się przygotować paczki faktur do wysłania/);
  });
});

describe('a crash of the FA(3) builder', () => {
  it.each([
    ['a Polish note of ours', new Error('kwota poza zakresem: 1e30')],
    ["the runtime's error", new TypeError("Cannot read properties of undefined (reading 'items')")],
  ])('with %s reads as an unexpected error', async (_name, error) => {
    const { w, rec } = await sendOnce((x) => {
      x.fa3.build = async () => {
        throw error;
      };
    });
    expect(rec.reasonCode).toBe('build-failed');
    expect(rec.problems?.map((p) => p.code)).toEqual(['build-crashed']);
    const en = reasonIn(rec, w, 'en')!;
    expect(en).toMatch(/^The FA\(3\) file could not be made: an unexpected error occurred in the extension\./);
    expectNoPolish(en);
    expect(en).not.toContain(error.message);
    const pl = reasonIn(rec, w, 'pl')!;
    expect(pl).toMatch(/^Nie udało się utworzyć pliku FA\(3\): wystąpił nieoczekiwany błąd rozszerzenia\./);
    expect(pl).not.toContain(error.message);
    // The builder's own message stays with the problem, for logs.
    expect(rec.problems?.[0]?.message).toBe(error.message);
  });
});
