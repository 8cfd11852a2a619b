// Client failures (src/ksef, src/base/api) keep a Polish default message; the worker words them in
// the UI language, with KSeF's and Base's own descriptions shown as they came.
import { describe, expect, it } from 'vitest';
import { errorText } from '../../src/background/error-text';
import { BaseApiError, BaseTransportError, explainBaseError } from '../../src/base/api';
import { KsefRejectionError, NetworkError, UnauthorizedError, UnavailableError } from '../../src/ksef/errors';

describe('errorText', () => {
  it.each([
    [new UnauthorizedError(401, undefined, undefined), /^KSeF did not accept the authentication/],
    [new UnauthorizedError(403, 'NoPermission', undefined), /^KSeF refused access \(NoPermission\): check/],
    [new NetworkError(false, true), /^KSeF did not answer in time/],
    [new UnavailableError(503, false, undefined), /^KSeF is temporarily unavailable \(HTTP 503\)/],
    [explainBaseError('ERROR_BAD_TOKEN', 'bad token'), /^Base refused the API token/],
    [new BaseTransportError('BASE_HTTP', 'x', 502), /^The Base API answered with HTTP error 502/],
  ])('%s reads in English', (e, expected) => {
    expect(errorText(e, 'en')).toMatch(expected);
    expect(e.message).not.toMatch(expected);
  });

  it('keeps the Polish wording of the client for a Polish UI', () => {
    const e = new UnauthorizedError(401, undefined, undefined);
    expect(errorText(e, 'pl')).toBe(e.message);
    const b = explainBaseError('ERROR_BAD_TOKEN', 'bad token');
    expect(errorText(b, 'pl')).toBe(b.message);
  });

  it("shows KSeF's and Base's own descriptions as they came", () => {
    const r = new KsefRejectionError('x', 400, [{ code: 21405, description: 'Błąd walidacji', details: [] }]);
    expect(errorText(r, 'en')).toBe('KSeF refused the request (code 21405): Błąd walidacji');
    expect(errorText(explainBaseError('ERROR_ODD', 'Odd thing'), 'en')).toBe(
      'Base returned error ERROR_ODD: Odd thing',
    );
  });

  it('leaves errors that name themselves by a code of ours with their message', () => {
    expect(errorText(new BaseApiError('NO_STAMP', 'Brak danych'), 'pl')).toBe('Brak danych');
  });

  it('words an exception nobody expected, never its message', () => {
    expect(errorText(new TypeError('bug'), 'en')).toBe(
      'An unexpected error occurred in the extension. Try again; if it keeps happening, report it.',
    );
    expect(errorText(new TypeError('bug'), 'pl')).toBe(
      'Wystąpił nieoczekiwany błąd rozszerzenia. Spróbuj ponownie; jeśli błąd się powtarza, zgłoś go.',
    );
  });
});
