/**
 * fetchWithin against a real HTTP server on loopback and Node's own fetch: the deadline covers the
 * body, not only the headers, and every way an answer can fail is told apart.
 */
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FetchFailure, fetchWithin } from '../../src/core/bounded-fetch';

let server: Server;
let origin = '';
const open = new Set<ServerResponse>();

beforeAll(async () => {
  server = createServer((req, res) => {
    const body = Buffer.from('\uFEFF{"zażółć":"gęślą jaźń"}');
    if (req.url === '/whole') {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(body.length) });
      res.end(body);
    } else if (req.url === '/stall') {
      // Head and half the body, then silence with the socket open.
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(body.length) });
      res.write(body.subarray(0, 5));
      open.add(res);
    } else if (req.url === '/cut') {
      res.writeHead(200, { 'content-length': String(body.length) });
      res.write(body.subarray(0, 5), () => res.socket?.destroy());
    } else if (req.url === '/silent') {
      open.add(res); // not even a status line
    } else if (req.url === '/slow-whole') {
      res.writeHead(200, { 'content-length': String(body.length) });
      res.write(body.subarray(0, 5));
      setTimeout(() => res.end(body.subarray(5)), 150);
    }
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
});

const get = (path: string, ms: number) => fetchWithin(fetch, origin + path, { method: 'GET' }, ms);

async function failure(p: Promise<unknown>): Promise<FetchFailure> {
  const e = await p.then(
    () => undefined,
    (x: unknown) => x,
  );
  expect(e).toBeInstanceOf(FetchFailure);
  return e as FetchFailure;
}

describe('fetchWithin', () => {
  it('reads the whole answer: status, headers, exact bytes, and text without the BOM as Response.text() does', async () => {
    const r = await get('/whole', 2_000);
    expect(r.status).toBe(200);
    expect(r.ok).toBe(true);
    expect(r.headers.get('content-type')).toBe('application/json');
    expect(r.bytes.subarray(0, 3)).toEqual(new Uint8Array([0xef, 0xbb, 0xbf]));
    expect(r.text()).toBe('{"zażółć":"gęślą jaźń"}');
    expect(r.text()).toBe(await (await fetch(`${origin}/whole`)).text());
  });

  it('a body that stalls after the headers ends at the deadline, flagged as timed out after an answer began', async () => {
    const f = await failure(get('/stall', 200));
    expect(f.timedOut).toBe(true);
    expect(f.answered).toBe(true);
  });

  it('no answer at all ends at the deadline, with nothing answered', async () => {
    const f = await failure(get('/silent', 200));
    expect(f.timedOut).toBe(true);
    expect(f.answered).toBe(false);
  });

  it('a body cut by the server is a transport failure, not a timeout', async () => {
    const f = await failure(get('/cut', 5_000));
    expect(f.timedOut).toBe(false);
    expect(f.answered).toBe(true);
  });

  it('a refused connection is a transport failure before any answer', async () => {
    const closed = createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((r) => closed.close(r));
    const f = await failure(fetchWithin(fetch, `http://127.0.0.1:${port}/`, {}, 2_000));
    expect(f).toMatchObject({ timedOut: false, answered: false });
  });

  it('a body that comes slowly but within the deadline is read whole', async () => {
    const r = await get('/slow-whole', 3_000);
    expect(r.text()).toBe('{"zażółć":"gęślą jaźń"}');
  });
});
