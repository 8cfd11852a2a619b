/** Sync errors: a code and a cause with parameters stored, the words chosen by the worker in the UI language. */
import { describe, expect, it } from 'vitest';
import { syncErrorText } from '../../src/background/purchase-texts';
import {
  GoneError,
  KsefRejectionError,
  SessionNotHeldError,
  UnauthorizedError,
  UnknownPublicKeyError,
  UntrustedUploadHostError,
} from '../../src/ksef/errors';
import { IntegrityError } from '../../src/purchase';
import { failureOf } from '../../src/purchase/errors';
import { polishIn } from '../i18n/polish';

const NOW = Date.parse('2026-12-04T10:00:00Z');
const stored = (e: unknown) => failureOf(e, NOW).error;

describe('purchase sync errors', () => {
  it('store a code and a cause with parameters, keeping the Polish message for logs', () => {
    expect(stored(new Error('boom'))).toEqual({
      code: 'failed',
      message: 'Nieoczekiwany błąd synchronizacji faktur zakupowych.',
      cause: { code: 'unexpected' },
    });
    const rejected = new KsefRejectionError('KSeF odrzucił żądanie (kod 21405): Błąd walidacji', 400, [
      { code: 21405, description: 'Błąd walidacji danych wejściowych.', details: ['dateFrom'] },
    ]);
    expect(stored(rejected).cause).toEqual({
      code: 'ksef.rejected',
      params: { code: 21405, description: 'Błąd walidacji danych wejściowych. — dateFrom' },
    });
    expect(stored(new SessionNotHeldError('20261204-SO-1')).cause).toEqual({
      code: 'ksef.session-not-held',
      params: { ref: '20261204-SO-1' },
    });
    expect(stored(new UnauthorizedError(403, 'missing-permissions', undefined)).code).toBe('no-permission');
    expect(stored(new IntegrityError('skrót się nie zgadza')).code).toBe('integrity');
  });

  it('read in Polish as before', () => {
    expect(syncErrorText(stored(new Error('boom')), 'pl')).toBe(
      'Synchronizacja faktur zakupowych nie powiodła się: Nieoczekiwany błąd synchronizacji faktur zakupowych.',
    );
    const gone = new GoneError('/v2/invoices/exports/x');
    expect(syncErrorText(stored(gone), 'pl')).toBe(
      `Synchronizacja faktur zakupowych nie powiodła się: ${gone.message}`,
    );
    const host = new UntrustedUploadHostError('evil.example');
    expect(syncErrorText(stored(host), 'pl')).toBe(
      `Synchronizacja faktur zakupowych nie powiodła się: ${host.message}`,
    );
  });

  it('read in English with no Polish, with their parameters', () => {
    const cases: Array<[unknown, RegExp]> = [
      [new Error('boom'), /^Syncing purchase invoices failed: an unexpected error occurred\.$/],
      [new UnknownPublicKeyError('k'), /public key/],
      [new GoneError('/x'), /expired/],
      [new SessionNotHeldError('20261204-SO-1'), /Session 20261204-SO-1 /],
      [new UntrustedUploadHostError('evil.example'), /\(evil\.example\)/],
      [
        new KsefRejectionError('x', 400, [{ code: 21405, description: 'Invalid input', details: [] }]),
        /KSeF refused the request \(code 21405\): Invalid input$/,
      ],
      [new UnauthorizedError(401, undefined, undefined), /did not accept the login/],
      [new IntegrityError('skrót pliku się nie zgadza'), /inconsistent/],
    ];
    for (const [e, re] of cases) {
      const text = syncErrorText(stored(e), 'en');
      expect(text).toMatch(re);
      expect(polishIn(text), text).toBeNull();
    }
  });

  it('an error stored by an older version (a message, no cause) still shows its message', () => {
    const old = { code: 'failed' as const, message: 'Nieoczekiwany błąd synchronizacji faktur zakupowych.' };
    expect(syncErrorText(old, 'pl')).toBe(
      'Synchronizacja faktur zakupowych nie powiodła się: Nieoczekiwany błąd synchronizacji faktur zakupowych.',
    );
    expect(syncErrorText(old, 'en')).toBe(
      'Syncing purchase invoices failed: Nieoczekiwany błąd synchronizacji faktur zakupowych.',
    );
    expect(syncErrorText({ code: 'integrity', message: 'Paczka faktur z KSeF była niespójna (x)' }, 'en')).toMatch(
      /^The invoice package from KSeF was inconsistent/,
    );
  });
});
