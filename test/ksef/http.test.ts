import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { KSEF_ENVIRONMENTS, withApiBase } from '../../src/ksef/env';
import {
  GoneError,
  KsefRejectionError,
  NetworkError,
  RateLimitedError,
  UnauthorizedError,
  UnavailableError,
} from '../../src/ksef/errors';
import { KsefHttp, parseRetryAfter } from '../../src/ksef/http';
import { RateLimiter } from '../../src/ksef/limits';
import { MemoryKvStore } from '../../src/ksef/storage';

const NOW = Date.parse('2026-11-29T12:00:00Z');

function httpWith(res: () => Response | Promise<Response>, limiter?: RateLimiter) {
  return new KsefHttp(KSEF_ENVIRONMENTS.test, { fetch: async () => res(), now: () => NOW, limiter, timeoutMs: 200 });
}
const GET = { route: 'sessionStatus' as const, params: { referenceNumber: 'x' }, expect: [200] };
const POST = { route: 'onlineInvoiceSend' as const, params: { referenceNumber: 'x' }, expect: [202] };

describe('KsefHttp error mapping (docs/ksef-protocol.md §8)', () => {
  it('builds URLs on the environment base, each path parameter encoded as one segment', () => {
    expect(httpWith(() => new Response()).url({ route: 'authStatus', params: { referenceNumber: 'a/b' } })).toBe(
      'https://api-test.ksef.mf.gov.pl/v2/auth/a%2Fb',
    );
  });
  it('legacy 400 envelope → KsefRejectionError with verbatim codes', async () => {
    const body = {
      exception: {
        exceptionDetailList: [{ exceptionCode: 21470, exceptionDescription: 'Nieznany klucz', details: ['id=abc'] }],
      },
    };
    const err = (await httpWith(() => Response.json(body, { status: 400 }))
      .request(POST)
      .catch((e) => e)) as KsefRejectionError;
    expect(err).toBeInstanceOf(KsefRejectionError);
    expect(err.kind).toBe('rejected');
    expect(err.codes).toEqual([21470]);
    expect(err.errors[0]!.details).toEqual(['id=abc']);
  });
  it('Problem Details 400 envelope → codes as well', async () => {
    const body = {
      title: 'Bad Request',
      status: 400,
      errors: [{ code: 21405, description: 'Błąd walidacji', details: ['x'] }],
    };
    const err = (await httpWith(() => Response.json(body, { status: 400 }))
      .request(POST)
      .catch((e) => e)) as KsefRejectionError;
    expect(err.codes).toEqual([21405]);
  });
  it('429 → RateLimitedError at now + Retry-After, and the group is blocked in the limiter', async () => {
    const store = new MemoryKvStore();
    const limiter = new RateLimiter({ store, now: () => NOW, sleep: async () => {}, keyPrefix: 'p', maxWaitMs: 0 });
    const body = {
      status: { code: 429, description: 'Too Many Requests', details: ['Spróbuj ponownie po 30 sekundach.'] },
    };
    const http = httpWith(() => Response.json(body, { status: 429, headers: { 'Retry-After': '30' } }), limiter);
    const err = (await http.request(POST).catch((e) => e)) as RateLimitedError;
    expect(err).toBeInstanceOf(RateLimitedError);
    expect(err.retryAt).toBe(NOW + 30_000);
    expect(err.source).toBe('server');
    expect(err.details).toEqual(['Spróbuj ponownie po 30 sekundach.']);
    const next = (await http.request(POST).catch((e) => e)) as RateLimitedError;
    expect(next.source).toBe('client');
    expect(next.retryAt).toBe(NOW + 30_000);
  });
  it('Retry-After as an HTTP date', () => {
    expect(parseRetryAfter(new Date(NOW + 90_000).toUTCString(), NOW)).toBe(NOW + 90_000);
  });
  it('401/403/410/5xx/HTML map to their types', async () => {
    const e401 = await httpWith(() => Response.json({ title: 'Unauthorized', status: 401 }, { status: 401 }))
      .request(GET)
      .catch((e) => e);
    expect(e401).toBeInstanceOf(UnauthorizedError);
    const e403 = (await httpWith(() =>
      Response.json({ status: 403, reasonCode: 'missing-permissions' }, { status: 403 }),
    )
      .request(GET)
      .catch((e) => e)) as UnauthorizedError;
    expect(e403.reasonCode).toBe('missing-permissions');
    expect(
      await httpWith(() => new Response('', { status: 410 }))
        .request(GET)
        .catch((e) => e),
    ).toBeInstanceOf(GoneError);
    expect(
      await httpWith(() => new Response('', { status: 503 }))
        .request(GET)
        .catch((e) => e),
    ).toBeInstanceOf(UnavailableError);
    const html = (await httpWith(
      () =>
        new Response('<html><body>Request blocked</body></html>', {
          status: 200,
          headers: { 'content-type': 'text/html' },
        }),
    )
      .request(GET)
      .catch((e) => e)) as UnavailableError;
    expect(html).toBeInstanceOf(UnavailableError);
    expect(html.html).toBe(true);
  });
  it('transport failure: POST outcome unknown, GET not; timeouts flagged', async () => {
    const post = (await httpWith(() => Promise.reject(new TypeError('fetch failed')))
      .request(POST)
      .catch((e) => e)) as NetworkError;
    expect(post).toBeInstanceOf(NetworkError);
    expect(post.outcomeUnknown).toBe(true);
    const get = (await httpWith(() => Promise.reject(new TypeError('fetch failed')))
      .request(GET)
      .catch((e) => e)) as NetworkError;
    expect(get.outcomeUnknown).toBe(false);
    const hanging = new KsefHttp(KSEF_ENVIRONMENTS.test, {
      now: () => NOW,
      timeoutMs: 50,
      fetch: (_u, init) =>
        new Promise((_, reject) =>
          init?.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError'))),
        ),
    });
    const t = (await hanging.request(POST).catch((e) => e)) as NetworkError;
    expect(t.timedOut).toBe(true);
    expect(t.outcomeUnknown).toBe(true);
  });
  it('never follows a redirect: an invoice POST answered 307 is sent once, its outcome unknown', async () => {
    const seen: string[] = [];
    const server = createServer((req, res) => {
      seen.push(`${req.method} ${req.url}`);
      req.resume();
      if (req.url?.startsWith('/elsewhere')) res.writeHead(202, { 'content-type': 'application/json' }).end('{}');
      else res.writeHead(307, { location: '/elsewhere' }).end();
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    try {
      const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v2`;
      const http = new KsefHttp(withApiBase(KSEF_ENVIRONMENTS.test, base), {
        fetch: (u, init) => fetch(u, init),
        now: () => NOW,
      });
      const err = (await http.request({ ...POST, json: { invoiceHash: 'h' } }).catch((e) => e)) as NetworkError;
      expect(err).toBeInstanceOf(NetworkError);
      expect(err.outcomeUnknown).toBe(true);
      expect(seen).toEqual(['POST /v2/sessions/online/x/invoices']);
    } finally {
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
    }
  });
});
