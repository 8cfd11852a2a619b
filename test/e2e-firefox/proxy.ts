/**
 * A local HTTPS-intercepting proxy for Firefox tests. WebDriver BiDi's network interception does
 * not see the requests of an extension's background page, so the test profile sends all traffic
 * through this proxy instead (Firefox prefs `network.proxy.*`). It terminates TLS for the
 * production hosts with a certificate from a throw-away CA (imported into the profile with
 * `certutil`), then forwards each request to the local server standing in for that host, keeping
 * the production `Host` header (the KSeF simulator builds the URLs it returns from it). Hosts
 * without a route are refused, so nothing reaches the real services.
 */
import '@abraham/reflection';
import { execFileSync } from 'node:child_process';
import { webcrypto } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import { join } from 'node:path';
import * as x509 from '@peculiar/x509';

/** A host's stand-in: a local origin to forward to, or a fixed answer. */
export type Target = { origin: string } | { status: number; body: string };

const EC = { name: 'ECDSA', namedCurve: 'P-256' } as const;
const SIGN = { name: 'ECDSA', hash: 'SHA-256' } as const;

async function pkcs8Pem(key: CryptoKey): Promise<string> {
  const der = Buffer.from(await webcrypto.subtle.exportKey('pkcs8', key));
  return `-----BEGIN PRIVATE KEY-----\n${der.toString('base64').replace(/(.{64})/g, '$1\n')}\n-----END PRIVATE KEY-----\n`;
}

/** A CA made for one test run, and one server certificate it signs for every routed host. */
async function makeCertificates(hosts: readonly string[]): Promise<{ caPem: string; certPem: string; keyPem: string }> {
  x509.cryptoProvider.set(webcrypto as unknown as Crypto);
  const notBefore = new Date(Date.now() - 3_600_000);
  const notAfter = new Date(Date.now() + 7 * 86_400_000);
  const caKeys = (await webcrypto.subtle.generateKey(EC, true, ['sign', 'verify'])) as CryptoKeyPair;
  const ca = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: '01',
    name: 'CN=KSeF dla Base test CA (throw-away)',
    notBefore,
    notAfter,
    keys: caKeys,
    signingAlgorithm: SIGN,
    extensions: [
      new x509.BasicConstraintsExtension(true, 0, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
    ],
  });
  const keys = (await webcrypto.subtle.generateKey(EC, true, ['sign', 'verify'])) as CryptoKeyPair;
  const cert = await x509.X509CertificateGenerator.create({
    serialNumber: '02',
    subject: `CN=${hosts[0]}`,
    issuer: ca.subject,
    notBefore,
    notAfter,
    publicKey: keys.publicKey,
    signingKey: caKeys.privateKey,
    signingAlgorithm: SIGN,
    extensions: [
      new x509.BasicConstraintsExtension(false, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
      new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth]),
      new x509.SubjectAlternativeNameExtension(hosts.map((h) => ({ type: 'dns' as const, value: h }))),
    ],
  });
  return { caPem: ca.toString('pem'), certPem: cert.toString('pem'), keyPem: await pkcs8Pem(keys.privateKey) };
}

/** Creates the profile's NSS database and trusts the CA in it (Debian's `libnss3-tools`). */
export async function trustCaInProfile(profileDir: string, caPem: string): Promise<void> {
  const file = join(profileDir, 'test-ca.pem');
  await writeFile(file, caPem);
  const db = `sql:${profileDir}`;
  execFileSync('certutil', ['-N', '-d', db, '--empty-password'], { stdio: 'pipe' });
  execFileSync('certutil', ['-A', '-d', db, '-n', 'ksef-test-ca', '-t', 'C,,', '-i', file], { stdio: 'pipe' });
}

export interface TestProxy {
  port: number;
  caPem: string;
  /** Every host Firefox asked to reach through the proxy (routed or not). */
  asked: Set<string>;
  /** Sets (or replaces) where a host's requests go. */
  route(host: string, target: Target): void;
  close(): Promise<void>;
}

/** Starts the proxy for `hosts`; each needs a `route` before the browser uses it. */
export async function startProxy(hosts: readonly string[]): Promise<TestProxy> {
  const { caPem, certPem, keyPem } = await makeCertificates(hosts);
  const routes = new Map<string, Target>();
  const asked = new Set<string>();
  const sockets = new Set<Socket>();

  const forward = (req: http.IncomingMessage, res: http.ServerResponse) => {
    const host = (req.headers.host ?? '').replace(/:\d+$/, '');
    const target = routes.get(host);
    if (!target) {
      res.writeHead(502).end(`no route for ${host}`);
      return;
    }
    if ('status' in target) {
      res.writeHead(target.status, { 'content-type': 'text/plain' }).end(target.body);
      return;
    }
    const up = http.request(
      `${target.origin}${req.url ?? '/'}`,
      { method: req.method, headers: { ...req.headers, host } },
      (upRes) => {
        res.writeHead(upRes.statusCode ?? 502, upRes.headers);
        upRes.pipe(res);
      },
    );
    up.on('error', () => res.destroy());
    req.pipe(up);
  };

  const tls = https.createServer({ cert: certPem, key: keyPem }, forward);
  const proxy = http.createServer((_req, res) => res.writeHead(405).end('CONNECT only'));
  proxy.on('connect', (req: http.IncomingMessage, socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
    const host = (req.url ?? '').replace(/:\d+$/, '');
    asked.add(host);
    if (!routes.has(host)) {
      socket.end('HTTP/1.1 403 Forbidden\r\n\r\n');
      return;
    }
    socket.write('HTTP/1.1 200 Connection Established\r\n\r\n');
    tls.emit('connection', socket);
  });
  await new Promise<void>((res) => proxy.listen(0, '127.0.0.1', res));
  return {
    port: (proxy.address() as AddressInfo).port,
    caPem,
    asked,
    route: (host, target) => {
      routes.set(host, target);
    },
    close: async () => {
      for (const s of sockets) s.destroy();
      tls.close();
      await new Promise<void>((res) => proxy.close(() => res()));
    },
  };
}
