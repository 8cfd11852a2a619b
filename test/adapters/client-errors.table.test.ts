// Every error class of the KSeF and Base clients gets a text code at the adapters (the only
// translators), the PortError they make carries it, and its words exist in both languages: the
// Polish ones are the client's own message (so logs and a Polish page read alike), the English
// ones hold no Polish.
import { describe, expect, it } from 'vitest';
import { toBasePortError } from '../../src/background/adapters/base-port';
import { clientErrorCode } from '../../src/background/adapters/client-errors';
import { toPortError, upoLater } from '../../src/background/adapters/ksef-port';
import { errorText } from '../../src/background/error-text';
import { BaseApiError, BaseRetryLaterError, BaseTransportError, explainBaseError } from '../../src/base/api';
import { warsawDayMonthClock } from '../../src/core/warsaw';
import { type CodedText, codedText } from '../../src/i18n/errors';
import { authStatusText } from '../../src/i18n/statuses';
import {
  GoneError,
  KsefRejectionError,
  NetworkError,
  ProtocolError,
  RateLimitedError,
  SessionNotHeldError,
  TestLoginOutsideTestError,
  UnauthorizedError,
  UnavailableError,
  UnknownPublicKeyError,
  UntrustedUploadHostError,
} from '../../src/ksef/errors';
import { PortError } from '../../src/pipeline/ports';
import { expectNoPolish } from './no-polish';

const AT = Date.parse('2026-12-06T09:30:00Z');
const authFailure = (code: number) =>
  new KsefRejectionError(
    authStatusText(code, 'pl'),
    undefined,
    [{ code, description: 'Opis KSeF', details: [] }],
    code,
  );

/** [name, error, expected code, the Polish words equal the client's message]. */
const KSEF_ROWS: [string, () => Error, CodedText, boolean][] = [
  [
    '429',
    () => new RateLimitedError(AT, 'invoiceSend', 'server'),
    { code: 'ksef.rate-limited', params: { group: 'invoiceSend', time: warsawDayMonthClock(AT) } },
    false, // the client names the time in ISO for logs; the pages in Warsaw time
  ],
  ['401', () => new UnauthorizedError(401, undefined, undefined), { code: 'ksef.unauthorized' }, true],
  [
    '403 with a reason',
    () => new UnauthorizedError(403, 'NoPermission', undefined),
    { code: 'ksef.forbidden', params: { code: ' (NoPermission)' } },
    true,
  ],
  [
    '403',
    () => new UnauthorizedError(403, undefined, undefined),
    { code: 'ksef.forbidden', params: { code: '' } },
    true,
  ],
  ['unknown MF key', () => new UnknownPublicKeyError('k'), { code: 'ksef.unknown-public-key' }, true],
  ['410', () => new GoneError('/p'), { code: 'ksef.gone' }, true],
  [
    'session not held',
    () => new SessionNotHeldError('20261206-SO-1'),
    { code: 'ksef.session-not-held', params: { ref: '20261206-SO-1' } },
    true,
  ],
  ['timeout', () => new NetworkError(true, true), { code: 'ksef.timeout' }, true],
  ['no connection', () => new NetworkError(false, false), { code: 'ksef.network' }, true],
  ['WAF page', () => new UnavailableError(403, true, undefined), { code: 'ksef.html' }, true],
  ['5xx', () => new UnavailableError(503, false, AT), { code: 'ksef.unavailable', params: { status: '503' } }, true],
  [
    '400 with an exception',
    () =>
      new KsefRejectionError('KSeF odrzucił żądanie (kod 21405): Invalid input', 400, [
        { code: 21405, description: 'Invalid input', details: [] },
      ]),
    { code: 'ksef.rejected', params: { code: '21405', description: 'Invalid input' } },
    true,
  ],
  [
    '400 without details',
    () => new KsefRejectionError('KSeF odrzucił żądanie (HTTP 400).', 400, []),
    { code: 'ksef.rejected-http', params: { status: '400' } },
    true,
  ],
  ['test login outside TEST', () => new TestLoginOutsideTestError(), { code: 'ksef.test-login-env' }, true],
  ['protocol', () => new ProtocolError('brak numeru sesji', 200), { code: 'ksef.protocol' }, true],
  [
    'foreign upload host',
    () => new UntrustedUploadHostError('evil.example'),
    { code: 'ksef.untrusted-host', params: { host: 'evil.example' } },
    true,
  ],
  // Authentication statuses (docs/ksef-protocol.md §2): each explained by its code.
  ...[415, 425, 450, 460, 470, 480, 500, 550].map((code): [string, () => Error, CodedText, boolean] => [
    `authentication status ${code}`,
    () => authFailure(code),
    { code: `authStatus.${code}` as CodedText['code'], params: { code: String(code) } },
    true,
  ]),
  [
    'undocumented authentication status',
    () => authFailure(499),
    { code: 'authStatus.other', params: { code: '499' } },
    true,
  ],
];

const BASE_ROWS: [string, () => Error, CodedText, boolean][] = [
  [
    'blocked token',
    () => new BaseRetryLaterError('ERROR_BLOCKED_TOKEN', AT, 'blocked'),
    { code: 'base.blocked-token', params: { time: warsawDayMonthClock(AT) } },
    false,
  ],
  [
    'own limiter',
    () => new BaseRetryLaterError('BASE_RATE_LIMIT', AT),
    { code: 'base.rate-limit', params: { time: warsawDayMonthClock(AT) } },
    false,
  ],
  [
    'HTTP',
    () => new BaseTransportError('BASE_HTTP', 'API Base odpowiedziało błędem HTTP 502.', 502),
    { code: 'base.http', params: { status: '502' } },
    false,
  ],
  ['network', () => new BaseTransportError('BASE_NETWORK', 'Brak połączenia'), { code: 'base.network' }, false],
  [
    'bad response',
    () => new BaseTransportError('BASE_BAD_RESPONSE', 'Base nie zwrócił pliku PDF faktury.'),
    { code: 'base.bad-response' },
    true,
  ],
  [
    'no token',
    () => new BaseApiError('BASE_NO_TOKEN', 'Brak tokenu API Base. Wklej token w ustawieniach rozszerzenia.'),
    { code: 'base.no-token' },
    true,
  ],
  ['bad token', () => explainBaseError('ERROR_BAD_TOKEN', 'bad'), { code: 'base.bad-token' }, true],
  ['user token', () => explainBaseError('ERROR_USER_TOKEN', 'bad'), { code: 'base.bad-token' }, true],
  ['no invoice', () => explainBaseError('ERROR_INVOICE_NOT_FOUND', 'x'), { code: 'base.invoice-not-found' }, true],
  ['unknown method', () => explainBaseError('ERROR_UNKNOWN_METHOD', 'x'), { code: 'base.unknown-method' }, true],
  ['parameters', () => explainBaseError('ERROR_PARAMETERS', 'x'), { code: 'base.parameters' }, true],
  [
    'undocumented Base code',
    () => explainBaseError('ERROR_ODD', 'Odd thing'),
    { code: 'base.other', params: { code: 'ERROR_ODD', message: 'Odd thing' } },
    true,
  ],
];

describe('clientErrorCode', () => {
  it.each([...KSEF_ROWS, ...BASE_ROWS])('%s', (_name, make, expected, samePolish) => {
    const e = make();
    const coded = clientErrorCode(e);
    expect(coded).toEqual(expected);
    expectNoPolish(codedText(coded!, 'en', e.message));
    if (samePolish) expect(codedText(coded!, 'pl', e.message)).toBe(e.message);
    else expect(codedText(coded!, 'pl', e.message)).not.toBe(codedText(coded!, 'en', e.message));
  });

  it('leaves errors of our own making without a code', () => {
    expect(clientErrorCode(new BaseApiError('NO_STAMP', 'Brak danych'))).toBeUndefined();
    expect(clientErrorCode(new TypeError('bug'))).toBeUndefined();
    expect(clientErrorCode('text')).toBeUndefined();
  });
});

describe('the PortErrors of the adapters carry the code', () => {
  it.each(KSEF_ROWS)('KSeF: %s', (_name, make, expected) => {
    for (const [sending, lookup] of [
      [false, false],
      [true, false],
      [false, true],
    ] as const) {
      const out = toPortError(make(), sending, lookup) as PortError;
      expect(out).toBeInstanceOf(PortError);
      expect(out.text).toEqual(expected);
      expectNoPolish(errorText(out, 'en'));
    }
  });

  it.each(BASE_ROWS)('Base: %s', (_name, make, expected) => {
    const out = toBasePortError(make()) as PortError;
    expect(out).toBeInstanceOf(PortError);
    expect(out.text).toEqual(expected);
    expectNoPolish(errorText(out, 'en'));
  });

  it('a UPO not there yet names the limit, or says it is not available yet', () => {
    const limited = new RateLimitedError(AT, 'upo', 'server');
    const byLimit = upoLater({
      state: 'try-later',
      reason: 'rate-limited',
      retryAt: AT,
      explanation: limited.message,
      cause: limited,
    });
    expect([byLimit.kind, byLimit.retryAt, byLimit.text?.code]).toEqual(['rate-limited', AT, 'ksef.rate-limited']);
    const notYet = upoLater({ state: 'try-later', reason: 'not-ready', retryAt: undefined, explanation: 'UPO nie…' });
    expect([notYet.kind, notYet.text?.code]).toEqual(['unavailable', 'ksef.upo-not-ready']);
    expectNoPolish(errorText(notYet, 'en'));
  });
});
