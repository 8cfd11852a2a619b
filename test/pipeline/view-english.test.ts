// Records written after failures of the real KSeF and Base clients (their error classes, through
// the adapters that translate them) read in English with no Polish left in them; records written
// before codes existed keep showing their stored message.
import { describe, expect, it } from 'vitest';
import { toBasePortError } from '../../src/background/adapters/base-port';
import { toPortError } from '../../src/background/adapters/ksef-port';
import { BaseRetryLaterError, explainBaseError } from '../../src/base/api';
import { authStatusText } from '../../src/i18n/statuses';
import { KsefRejectionError, NetworkError, UnauthorizedError, UnavailableError } from '../../src/ksef/errors';
import { newRecord } from '../../src/outbox/store';
import { toView } from '../../src/pipeline/view';
import { SecretStoreError } from '../../src/secrets/store';
import { expectNoPolish } from '../adapters/no-polish';
import { live, NOW, newWorld, pipelineFor, rid, sendOnce, summary, type World } from './fakes';

const reasonIn = (rec: Parameters<typeof toView>[0], w: World, lang: 'pl' | 'en') =>
  toView(rec, w.settings, lang).reason;

describe('reasons from client failures, in English', () => {
  it.each([
    [
      'Base blocked the token',
      (w: World) =>
        w.base.failures.push(toBasePortError(new BaseRetryLaterError('ERROR_BLOCKED_TOKEN', NOW + 60_000)) as Error),
      'rate-limited',
      /^Request limit of Base exceeded/,
    ],
    [
      'Base refused the token',
      (w: World) => w.base.failures.push(toBasePortError(explainBaseError('ERROR_BAD_TOKEN', 'bad token')) as Error),
      'unauthorized',
      /^Access denied: Base refused the API token/,
    ],
    [
      'KSeF refused the token',
      (w: World) =>
        w.ksef.failNext.set('ensureSession', [toPortError(new UnauthorizedError(401, undefined, undefined)) as Error]),
      'unauthorized',
      /^Access denied: KSeF did not accept the authentication/,
    ],
    [
      'KSeF ended the authentication with status 450',
      (w: World) =>
        w.ksef.failNext.set('ensureSession', [
          toPortError(
            new KsefRejectionError(
              authStatusText(450, 'pl'),
              undefined,
              [{ code: 450, description: 'Uwierzytelnianie zakończone niepowodzeniem', details: [] }],
              450,
            ),
          ) as Error,
        ]),
      'unavailable',
      /The KSeF token is invalid, inactive or revoked/,
    ],
    [
      'the Base API token no longer decrypts in this profile',
      (w: World) => w.base.failures.push(toBasePortError(new SecretStoreError('undecryptable')) as Error),
      'unauthorized',
      /^Access denied: A stored secret cannot be decrypted .* Enter the token again in the settings\./,
    ],
    [
      'the KSeF token no longer decrypts in this profile',
      (w: World) => w.ksef.failNext.set('ensureSession', [toPortError(new SecretStoreError('undecryptable')) as Error]),
      'unauthorized',
      /^Access denied: A stored secret cannot be decrypted .* Enter the token again in the settings\./,
    ],
    [
      'KSeF unreachable',
      (w: World) => w.ksef.failNext.set('ensureSession', [toPortError(new NetworkError(false, false)) as Error]),
      'unavailable',
      /: No connection to KSeF\./,
    ],
    [
      'KSeF refused the invoice POST',
      (w: World) =>
        w.ksef.failNext.set('sendOnline', [
          toPortError(
            new KsefRejectionError('KSeF odrzucił żądanie (kod 21405): Invalid input', 400, [
              { code: 21405, description: 'Invalid input', details: [] },
            ]),
            true,
          ) as Error,
        ]),
      'rejected',
      /^KSeF rejected the invoice: KSeF refused the request \(code 21405\): Invalid input/,
    ],
    [
      'KSeF rejected the invoice with a status it does not document',
      (w: World) => {
        w.ksef.pendingChecks = 0;
        w.ksef.rejectNumbers.add('FV/1/2026');
        w.ksef.rejectCode = 499;
      },
      'rejected',
      /^KSeF rejected the invoice: KSeF rejected the invoice \(status 499\)\./,
    ],
  ])('%s', async (_name, arrange, reasonCode, english) => {
    const { w, rec } = await sendOnce(arrange);
    expect(rec.reasonCode).toBe(reasonCode);
    const en = reasonIn(rec, w, 'en');
    expect(en).toMatch(english);
    expectNoPolish(en);
    // The Polish page words the same code; the client's Polish message stays for logs.
    expect(reasonIn(rec, w, 'pl')).not.toBe(en);
    // The stored Polish words stay beside the code, for logs and older readers.
    expect(rec.reasonParams?.errorCode).toBeTruthy();
    expect(rec.reasonParams?.message ?? rec.reasonParams?.explanation).toBeTruthy();
  });

  it('a batch refused on open, and a batch session failed as a whole, read in English', async () => {
    const w = newWorld();
    for (let i = 0; i < 2; i++) w.base.add(summary(200 + i, { issueDate: `2026-10-0${i + 1}` }));
    w.ksef.failNext.set('openBatch', [
      toPortError(
        new KsefRejectionError('KSeF odrzucił żądanie (kod 21405): Invalid input', 400, [
          { code: 21405, description: 'Invalid input', details: [] },
        ]),
      ) as Error,
    ]);
    const { pipeline, store } = await pipelineFor(w, {}, { batchThreshold: 1 });
    await pipeline.startExport('2026-10');
    const refused = (await store.get(rid('200')))!;
    expect(refused.reasonCode).toBe('batch-refused');
    const en = reasonIn(refused, w, 'en');
    expect(en).toMatch(/^KSeF refused the export batch: KSeF refused the request \(code 21405\)/);
    expectNoPolish(en);

    const w2 = newWorld();
    for (let i = 0; i < 2; i++) w2.base.add(summary(230 + i, { issueDate: `2026-10-0${i + 1}` }));
    w2.ksef.batchSessionFailure = { code: 415, description: 'Błąd odszyfrowania klucza sesji' };
    const second = await pipelineFor(w2, {}, { batchThreshold: 1 });
    await second.pipeline.startExport('2026-10');
    await live(w2, second.pipeline, 5 * 60_000, 15_000);
    const failed = (await second.store.get(rid('230')))!;
    expect(failed.reasonCode).toBe('batch-refused');
    const en2 = reasonIn(failed, w2, 'en');
    expect(en2).toMatch(/KSeF could not decrypt the session key/);
    expectNoPolish(en2);
    expect(reasonIn(failed, w2, 'pl')).toMatch(/KSeF nie mógł odszyfrować klucza sesji/);
  });

  it("an export's job message reads in the UI language", async () => {
    const w = newWorld();
    w.settings = { ...w.settings, uiLang: 'en' };
    for (let i = 0; i < 2; i++) w.base.add(summary(300 + i, { issueDate: `2026-10-0${i + 1}` }));
    w.ksef.failNext.set('openBatch', [toPortError(new UnavailableError(503, false, undefined)) as Error]);
    const { pipeline } = await pipelineFor(w, {}, { batchThreshold: 1 });
    const waiting = await pipeline.startExport('2026-10');
    expect(waiting.state).toBe('waiting');
    expect(waiting.message).toBe('KSeF is temporarily unavailable (HTTP 503). Try again later.');
    w.settings = { ...w.settings, uiLang: 'pl' };
    expect((await pipeline.exportProgress())?.message).toBe(
      'KSeF jest chwilowo niedostępny (HTTP 503). Spróbuj ponownie później.',
    );
  });
});

describe('records written before codes', () => {
  it('keep showing their stored message', () => {
    const w = newWorld();
    const old = {
      ...newRecord(rid('7'), 'needs-attention', NOW, 'FV/7/2026'),
      reasonCode: 'unauthorized',
      reasonParams: { message: 'KSeF nie przyjął uwierzytelnienia.' },
    };
    expect(reasonIn(old, w, 'en')).toBe('Access denied: KSeF nie przyjął uwierzytelnienia.');
    const unavailable = {
      ...newRecord(rid('8'), 'queued', NOW, 'FV/8/2026'),
      reasonCode: 'unavailable',
      reasonParams: { service: 'KSeF', time: new Date(NOW).toISOString(), message: 'Brak połączenia z KSeF.' },
    };
    expect(reasonIn(unavailable, w, 'en')).toMatch(/: Brak połączenia z KSeF\. The next attempt/);
  });

  it('an unknown stored code falls back to the message too', () => {
    const w = newWorld();
    const odd = {
      ...newRecord(rid('9'), 'needs-attention', NOW, 'FV/9/2026'),
      reasonCode: 'unauthorized',
      reasonParams: { message: 'Stary komunikat', errorCode: 'ksef.no-such-code' },
    };
    expect(reasonIn(odd, w, 'en')).toBe('Access denied: Stary komunikat');
  });
});
