// The adapters are the only translators from client errors to the port taxonomy (PortErrorKind);
// one row per client error and call, with the kind and retry time the pipeline acts on.
import { describe, expect, it } from 'vitest';
import { toBasePortError } from '../../src/background/adapters/base-port';
import { toPortError } from '../../src/background/adapters/ksef-port';
import { ERROR_INFO_CODE } from '../../src/background/error-info';
import { BaseApiError, BaseRetryLaterError, BaseTransportError, explainBaseError } from '../../src/base/api';
import {
  GoneError,
  KsefRejectionError,
  NetworkError,
  ProtocolError,
  RateLimitedError,
  SessionNotHeldError,
  UnauthorizedError,
  UnavailableError,
  UnknownPublicKeyError,
  UntrustedUploadHostError,
} from '../../src/ksef/errors';
import { PipelineError, PortError } from '../../src/pipeline';
import { PORT_REASON } from '../../src/pipeline/errors';

const rejection = (code: number) => new KsefRejectionError('x', 400, [{ code, description: 'd', details: [] }]);
type Call = 'send' | 'lookup' | 'other';
const call = (c: Call): [boolean, boolean] => [c === 'send', c === 'lookup'];

const KSEF_ROWS: [string, () => Error, Call, string, number | undefined][] = [
  ['429', () => new RateLimitedError(123, 'g', 'server'), 'other', 'rate-limited', 123],
  ['client limiter', () => new RateLimitedError(456, 'g', 'client'), 'send', 'rate-limited', 456],
  ['401', () => new UnauthorizedError(401, undefined, undefined), 'send', 'unauthorized', undefined],
  ['403', () => new UnauthorizedError(403, 'x', undefined), 'other', 'unauthorized', undefined],
  ['unknown MF key on a POST', () => new UnknownPublicKeyError('k'), 'send', 'unknown-outcome', undefined],
  ['unknown MF key', () => new UnknownPublicKeyError('k'), 'other', 'unavailable', undefined],
  ['410 gone', () => new GoneError('/p'), 'other', 'unavailable', undefined],
  ['410 gone on a POST', () => new GoneError('/p'), 'send', 'unknown-outcome', undefined],
  ['session not held', () => new SessionNotHeldError('ref'), 'send', 'session-gone', undefined],
  ['dropped after sending', () => new NetworkError(true, false), 'send', 'unknown-outcome', undefined],
  ['refused before sending', () => new NetworkError(false, false), 'send', 'unavailable', undefined],
  ['dropped, not a POST', () => new NetworkError(true, true), 'other', 'unavailable', undefined],
  ['5xx on a POST', () => new UnavailableError(503, false, 789), 'send', 'unknown-outcome', 789],
  ['5xx', () => new UnavailableError(503, false, 789), 'other', 'unavailable', 789],
  ['WAF page', () => new UnavailableError(403, true, undefined), 'other', 'unavailable', undefined],
  ['21173 on a look-up', () => rejection(21173), 'lookup', 'not-found', undefined],
  ['21173 on a POST', () => rejection(21173), 'send', 'session-gone', undefined],
  ['21180 on a POST', () => rejection(21180), 'send', 'session-gone', undefined],
  ['21155 on a POST', () => rejection(21155), 'send', 'session-gone', undefined],
  ['other 400 on a POST', () => rejection(21405), 'send', 'rejected', undefined],
  ['404 rejection on a look-up', () => new KsefRejectionError('x', 404, []), 'lookup', 'not-found', undefined],
  ['protocol 404 on a look-up', () => new ProtocolError('HTTP 404', 404), 'lookup', 'not-found', undefined],
  ['protocol on a POST', () => new ProtocolError('json'), 'send', 'unknown-outcome', undefined],
  ['protocol', () => new ProtocolError('json'), 'other', 'unavailable', undefined],
  ['foreign upload host', () => new UntrustedUploadHostError('evil.example'), 'other', 'unavailable', undefined],
];

describe('toPortError (KSeF adapter)', () => {
  it.each(KSEF_ROWS)('%s → %s', (_name, make, c, kind, retryAt) => {
    const out = toPortError(make(), ...call(c));
    expect(out).toBeInstanceOf(PortError);
    expect([(out as PortError).kind, (out as PortError).retryAt]).toEqual([kind, retryAt]);
  });

  it('a rejection carries KSeF first exception as its status, verbatim', () => {
    const out = toPortError(rejection(21405), true) as PortError;
    expect(out.extra.status).toEqual({ code: 21405, description: 'd' });
  });

  it('lets anything that is not a KSeF client error through unchanged', () => {
    const own = new PortError('not-found', 'x');
    const bug = new TypeError('bug');
    expect(toPortError(own)).toBe(own);
    expect(toPortError(bug, true)).toBe(bug);
  });
});

const BASE_ROWS: [string, () => Error, string, number | undefined][] = [
  ['our limiter', () => new BaseRetryLaterError('BASE_RATE_LIMIT', 100), 'rate-limited', 100],
  ['blocked token', () => new BaseRetryLaterError('ERROR_BLOCKED_TOKEN', 200, 'blocked'), 'rate-limited', 200],
  ['no token', () => new BaseApiError('BASE_NO_TOKEN', 'x'), 'unauthorized', undefined],
  ['bad token', () => explainBaseError('ERROR_BAD_TOKEN', 'bad'), 'unauthorized', undefined],
  ['user token', () => explainBaseError('ERROR_USER_TOKEN', 'bad'), 'unauthorized', undefined],
  ['unknown Base code', () => explainBaseError('ERROR_SOMETHING_AUTH_LIKE', 'x'), 'unavailable', undefined],
  ['invoice not found', () => explainBaseError('ERROR_INVOICE_NOT_FOUND', 'x'), 'unavailable', undefined],
  ['HTTP 5xx', () => new BaseTransportError('BASE_HTTP', 'x', 502), 'unavailable', undefined],
  ['no connection', () => new BaseTransportError('BASE_NETWORK', 'x'), 'unavailable', undefined],
  ['bad response', () => new BaseTransportError('BASE_BAD_RESPONSE', 'x'), 'unavailable', undefined],
];

describe('toBasePortError (Base adapter)', () => {
  it.each(BASE_ROWS)('%s → %s', (_name, make, kind, retryAt) => {
    const out = toBasePortError(make());
    expect(out).toBeInstanceOf(PortError);
    expect([(out as PortError).kind, (out as PortError).retryAt]).toEqual([kind, retryAt]);
  });

  it('lets a PortError and anything unknown through unchanged', () => {
    const own = new PortError('not-found', 'x');
    const bug = new TypeError('bug');
    expect(toBasePortError(own)).toBe(own);
    expect(toBasePortError(bug)).toBe(bug);
  });
});

describe('ERROR_INFO_CODE (what a page receives)', () => {
  it.each([
    ['in-progress', 'busy'],
    ['export-running', 'busy'],
    ['cannot-confirm', 'busy'],
    ['not-configured', 'not-configured'],
    ['bad-month', 'bad-request'],
    ['month-out-of-range', 'bad-request'],
    ['already-accepted', 'bad-request'],
    ['skipped', 'bad-request'],
    ['not-linked', 'bad-request'],
  ] as const)('refusal %s → %s', (code, info) => {
    expect(ERROR_INFO_CODE[new PipelineError(code).code]).toBe(info);
  });

  it.each([
    ['unauthorized', 'not-configured'],
    ['rate-limited', 'unavailable'],
    ['unavailable', 'unavailable'],
    ['rejected', 'unavailable'],
  ] as const)('port failure %s → %s', (kind, info) => {
    expect(ERROR_INFO_CODE[new PortError(kind, 'x').kind]).toBe(info);
  });
});

describe('PORT_REASON (what a record carries after a failure before sending)', () => {
  it.each([
    ['rate-limited', 'rate-limited'],
    ['unauthorized', 'unauthorized'],
    ['unavailable', 'unavailable'],
    ['session-gone', 'unavailable'],
  ] as const)('%s → %s', (kind, reason) => {
    expect(PORT_REASON[kind]).toBe(reason);
  });
});
