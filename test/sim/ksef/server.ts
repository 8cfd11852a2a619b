// HTTP server: routes /v2 (KSeF API, official paths), /__storage (pre-signed URLs, no Authorization) and
// /__sim (control API); applies faults and rate limits and records every KSeF request.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import * as auth from './auth';
import * as batch from './batch';
import * as certificates from './certificates';
import { control } from './control';
import { type Ctx, type KsefSimOptions, type Reply, Sim } from './core';
import { badRequest, KsefHttpError, tooManyRequests, unauthorized, validationError } from './errors';
import * as exportsApi from './exports';
import { Faults, refusalText } from './faults';
import { RateLimiter } from './limits';
import * as listings from './listings';
import { checkParams } from './openapi';
import * as queries from './queries';
import * as sessions from './sessions';
import { certificateLimits, subjectLimits } from './subject-limits';
import { tokenStatus } from './tokens';
import { xadesAuth } from './xades';

type Handler = (sim: Sim, ctx: Ctx) => Reply | Promise<Reply>;
interface Route {
  method: string;
  template: string;
  re: RegExp;
  names: string[];
  handler: Handler;
}

function route(method: string, template: string, handler: Handler): Route {
  const names: string[] = [];
  const re = new RegExp(
    `^${template.replace(/\{(\w+)\}/g, (_, n: string) => {
      names.push(n);
      return '([^/]+)';
    })}$`,
  );
  return { method, template, re, names, handler };
}

export const routes: Route[] = [
  route('GET', '/security/public-key-certificates', (sim) => auth.publicKeyCertificates(sim)),
  route('POST', '/auth/challenge', auth.challenge),
  route('POST', '/auth/ksef-token', auth.ksefTokenAuth),
  route('POST', '/auth/xades-signature', xadesAuth),
  route('GET', '/auth/{referenceNumber}', auth.authStatus),
  route('POST', '/auth/token/redeem', auth.redeem),
  route('POST', '/auth/token/refresh', auth.refresh),
  route('POST', '/sessions/online', sessions.openOnline),
  route('POST', '/sessions/online/{referenceNumber}/invoices', sessions.sendInvoice),
  route('POST', '/sessions/online/{referenceNumber}/close', sessions.closeOnline),
  route('POST', '/sessions/batch', batch.openBatch),
  route('POST', '/sessions/batch/{referenceNumber}/close', batch.closeBatch),
  route('GET', '/sessions/{referenceNumber}', sessions.getSession),
  route('GET', '/sessions/{referenceNumber}/invoices', (sim, ctx) => sessions.listInvoices(sim, ctx, false)),
  route('GET', '/sessions/{referenceNumber}/invoices/failed', (sim, ctx) => sessions.listInvoices(sim, ctx, true)),
  route('GET', '/sessions/{referenceNumber}/invoices/{invoiceReferenceNumber}', sessions.getInvoice),
  route('GET', '/sessions/{referenceNumber}/invoices/{invoiceReferenceNumber}/upo', sessions.invoiceUpoByRef),
  route('GET', '/sessions/{referenceNumber}/invoices/ksef/{ksefNumber}/upo', sessions.invoiceUpoByKsef),
  route('GET', '/sessions/{referenceNumber}/upo/{upoReferenceNumber}', sessions.sessionUpoByRef),
  route('GET', '/sessions', listings.listSessions),
  route('GET', '/rate-limits', listings.rateLimits),
  route('GET', '/limits/context', listings.contextLimits),
  route('GET', '/limits/subject', subjectLimits),
  route('GET', '/certificates/limits', certificateLimits),
  route('GET', '/invoices/ksef/{ksefNumber}', listings.downloadInvoice),
  route('POST', '/invoices/query/metadata', queries.queryMetadata),
  route('POST', '/invoices/exports', exportsApi.startExport),
  route('GET', '/invoices/exports/{referenceNumber}', exportsApi.exportStatus),
  route('GET', '/auth/sessions', listings.listAuthSessions),
  route('DELETE', '/auth/sessions/current', listings.revokeCurrent),
  route('DELETE', '/auth/sessions/{referenceNumber}', listings.revokeOther),
  route('POST', '/certificates/query', certificates.queryCertificates),
  route('POST', '/certificates/retrieve', certificates.retrieveCertificates),
  route('POST', '/certificates/{certificateSerialNumber}/revoke', certificates.revokeCertificate),
  route('GET', '/tokens/{referenceNumber}', tokenStatus),
];

/** Literal segments win over parameters (/auth/sessions before /auth/{referenceNumber}). */
function match(method: string, path: string): { r: Route; params: Record<string, string> } | undefined {
  const candidates = routes.filter((r) => r.method === method).sort((a, b) => a.names.length - b.names.length);
  for (const r of candidates) {
    const m = r.re.exec(path);
    if (m) return { r, params: Object.fromEntries(r.names.map((n, i) => [n, decodeURIComponent(m[i + 1]!)])) };
  }
  return undefined;
}

/**
 * URLs the simulator hands out use the origin the request came to (§1.1: "URLs returned by the API point at the
 * host of the environment that was called"). A non-local Host (a test routing api-test.ksef.mf.gov.pl here) is
 * taken as https unless X-Forwarded-Proto says otherwise; X-Forwarded-Host wins over Host (proxies).
 */
function originOf(req: IncomingMessage): string {
  const fwdHost = req.headers['x-forwarded-host'];
  const host = (typeof fwdHost === 'string' && fwdHost.split(',')[0]!.trim()) || req.headers.host || '127.0.0.1';
  const fwd = req.headers['x-forwarded-proto'];
  const local = /^(localhost|127\.|\[::1\]|0\.0\.0\.0|\d+\.\d+\.\d+\.\d+)/.test(host);
  const proto = typeof fwd === 'string' ? fwd.split(',')[0]!.trim() : local ? 'http' : 'https';
  return `${proto}://${host}`;
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

const WAF_HTML =
  '<html><head><title>Request Rejected</title></head><body><h1>Incapsula incident</h1>' +
  '<p>Request unsuccessful. Incapsula incident ID: 0-0000000000000000</p></body></html>';

/** The reply's headers and body bytes, as they go on the wire. */
function encode(reply: Reply, problem: boolean): { headers: Record<string, string>; payload: Buffer } {
  const headers: Record<string, string> = { ...reply.headers };
  let payload: Buffer = Buffer.alloc(0);
  if (reply.json !== undefined) {
    headers['content-type'] ??= problem ? 'application/problem+json' : 'application/json; charset=utf-8';
    payload = Buffer.from(JSON.stringify(reply.json));
  } else if (reply.xml !== undefined) {
    headers['content-type'] ??= 'application/xml; charset=utf-8';
    payload = Buffer.from(reply.xml);
  } else if (reply.bytes) {
    payload = Buffer.from(reply.bytes.buffer, reply.bytes.byteOffset, reply.bytes.byteLength); // no copy
  }
  return { headers, payload };
}

function send(res: ServerResponse, reply: Reply, problem: boolean): void {
  const { headers, payload } = encode(reply, problem);
  res.writeHead(reply.status, headers);
  res.end(payload);
}

/** Writes the head and the first half of the body, then goes quiet with the socket open. */
function stall(res: ServerResponse, reply: Reply): void {
  const { headers, payload } = encode(reply, false);
  res.writeHead(reply.status, { ...headers, 'content-length': String(payload.length) });
  res.write(payload.subarray(0, Math.floor(payload.length / 2)));
}

function who(ctx: { req: IncomingMessage; ip: string }): string {
  // Limits apply per (context, IP) pair; open endpoints per IP (§8.1). The context is read from the bearer token
  // payload without verification: a forged token only moves the caller to another bucket.
  const m = /^Bearer\s+[^.]+\.([^.]+)\./i.exec(ctx.req.headers.authorization ?? '');
  let context = '';
  if (m) {
    try {
      const claims = JSON.parse(Buffer.from(m[1]!, 'base64url').toString());
      context = String(claims.civ ?? claims.arn ?? '');
    } catch {
      context = '';
    }
  }
  return `${ctx.ip}|${context}`;
}

export function createSimServer(sim: Sim): Server {
  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://sim');
    const method = (req.method ?? 'GET').toUpperCase();
    const path = url.pathname;
    const at = sim.now();
    const log = (status: number) => sim.store.requests.push({ method, path, status, at });
    const problem = (req.headers['x-error-format'] ?? '') === 'problem-details';
    try {
      const body = await readBody(req);
      if (path.startsWith('/__sim/')) {
        send(res, await control(sim, method, path, url.searchParams, body), false);
        return;
      }
      if (path.startsWith('/__storage/')) {
        const reply =
          method === 'GET' && path.startsWith('/__storage/upo/')
            ? sessions.storageUpo(sim, path.slice('/__storage/upo/'.length))
            : (batch.storageBatch(sim, method, path, url.searchParams, body) ??
              exportsApi.storageExport(sim, method, path, url.searchParams));
        const r = reply ?? { status: 404, json: { error: 'Nie znaleziono.' } };
        log(r.status);
        send(res, r, false);
        return;
      }
      // TEST's documented echo (SystemWarning schema): X-Test-System-Warning comes back as X-System-Warning.
      const warning = req.headers['x-test-system-warning'] ?? sim.store.systemWarning ?? undefined;
      if (typeof warning === 'string' && warning && path.startsWith('/v2/')) res.setHeader('x-system-warning', warning);
      if (!path.startsWith('/v2/')) {
        log(404);
        send(res, { status: 404, json: { error: 'Nie znaleziono.' } }, false);
        return;
      }
      const found = match(method, path.slice(3));
      if (!found) {
        log(404);
        send(res, { status: 404, json: { title: 'Not Found', status: 404, detail: `${method} ${path}` } }, true);
        return;
      }
      const ctx: Ctx = {
        req,
        method,
        template: found.r.template,
        params: found.params,
        query: url.searchParams,
        body,
        origin: originOf(req),
        ip: req.socket.remoteAddress ?? '127.0.0.1',
      };
      const params = checkParams(method, found.r.template, found.params, url.searchParams);
      const fault = sim.faults.take(method, found.r.template);
      if (fault?.kind === 'hang') {
        log(0); // never answered; the socket stays open until the client gives up or the server closes
        return;
      }
      if (fault?.kind === 'http500' || fault?.kind === 'http503') {
        const status = fault.kind === 'http500' ? 500 : 503;
        log(status);
        send(
          res,
          { status, json: { title: status === 500 ? 'Internal Server Error' : 'Service Unavailable', status } },
          true,
        );
        return;
      }
      if (fault?.kind === 'html') {
        const status = fault.status ?? 200;
        log(status);
        send(
          res,
          { status, bytes: new TextEncoder().encode(WAF_HTML), headers: { 'content-type': 'text/html' } },
          false,
        );
        return;
      }
      if (fault?.kind === 'http429') {
        throw tooManyRequests(fault.status ?? 2, 'symulowany');
      }
      // Refused before anything happened: 401 (e.g. the access token ran out) or 400 with a code.
      if (fault?.kind === 'http401') throw unauthorized('Token wygasł.');
      if (fault?.kind === 'refuse') {
        const code = fault.status ?? 21405;
        throw badRequest(code, refusalText(code), ['Odmowa wywołana przez symulator (POST /__sim/faults).']);
      }
      const limited = sim.limiter.hit(method, found.r.template, who(ctx), sim.now());
      if (limited) throw tooManyRequests(limited.retryAfterS, limited.text);
      if (!params.ok) throw validationError(params.errors);
      const reply = await found.r.handler(sim, ctx);
      if (fault?.kind === 'drop-after-accept') {
        log(0); // processed in full, then the connection dies without an answer
        req.socket.destroy();
        return;
      }
      if (fault?.kind === 'stall-after-headers') {
        log(0); // processed in full; the status, headers and half the body go out, the rest never does
        stall(res, reply);
        return;
      }
      log(reply.status);
      // X-Error-Format changes error replies only; a success stays application/json.
      send(res, reply, problem && reply.status >= 400);
    } catch (e) {
      if (e instanceof KsefHttpError) {
        const out = e.body(problem, path, sim.iso());
        const headers: Record<string, string> = {};
        if (e.status === 429) headers['retry-after'] = String(/po (\d+) sekundach/.exec(e.message)?.[1] ?? 1);
        log(e.status);
        send(res, { status: e.status, json: out.json, headers }, out.problem);
        return;
      }
      log(500);
      console.error('KSeF simulator: unexpected error', (e as Error).stack);
      if (!res.headersSent) send(res, { status: 500, json: { title: 'Internal Server Error', status: 500 } }, true);
      else res.end();
    }
  });
  return server;
}

export async function listen(opts: KsefSimOptions) {
  const sim = new Sim(opts);
  sim.faults = new Faults();
  sim.limiter = new RateLimiter(opts.rateLimits ?? false);
  await sim.keys.rotate(sim.now());
  const server = createSimServer(sim);
  const sockets = new Set<Socket>();
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(opts.port ?? 0, opts.host ?? '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const host = opts.host ?? '127.0.0.1';
  const close = () =>
    new Promise<void>((resolve) => {
      for (const s of sockets) s.destroy(); // hanging requests included
      server.close(() => resolve());
    });
  return { sim, server, origin: `http://${host.includes(':') ? `[${host}]` : host}:${port}`, close };
}
