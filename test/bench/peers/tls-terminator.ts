// A local TLS terminator in front of the KSeF simulator, for `npm run bench -- peers`: production
// KSeF is HTTPS with keep-alive, so the clients are also measured over TLS. The certificate is
// self-signed, made at run time with WebCrypto + @peculiar/x509 (ECDSA P-256, SAN 127.0.0.1 and
// localhost); the clients trust it through NODE_EXTRA_CA_CERTS in their own processes. Requests
// are forwarded over kept-alive HTTP connections to the simulator with X-Forwarded-Proto/Host, so
// the URLs the simulator returns point at the terminator. Not a test file.
import '@abraham/reflection';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as x509 from '@peculiar/x509';

export interface TlsTerminator {
  /** https://127.0.0.1:<port> */
  origin: string;
  /** PEM file of the self-signed certificate (for NODE_EXTRA_CA_CERTS). */
  caFile: string;
  /** TLS handshakes completed so far (a client that reuses its connection adds ~1). */
  handshakes(): number;
  stop(): Promise<void>;
}

const pem = (label: string, der: ArrayBuffer) =>
  `-----BEGIN ${label}-----\n${Buffer.from(der)
    .toString('base64')
    .replace(/(.{64})/g, '$1\n')
    .replace(/\n$/, '')}\n-----END ${label}-----\n`;

async function selfSigned(): Promise<{ certPem: string; keyPem: string }> {
  const keys = (await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, [
    'sign',
    'verify',
  ])) as CryptoKeyPair;
  const now = Date.now();
  const cert = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: `01${Buffer.from(crypto.getRandomValues(new Uint8Array(15))).toString('hex')}`,
    name: 'CN=localhost',
    keys,
    notBefore: new Date(now - 60_000),
    notAfter: new Date(now + 86_400_000),
    signingAlgorithm: { name: 'ECDSA', hash: 'SHA-256' },
    extensions: [
      new x509.SubjectAlternativeNameExtension([
        { type: 'ip', value: '127.0.0.1' },
        { type: 'dns', value: 'localhost' },
      ]),
      new x509.BasicConstraintsExtension(true, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.keyCertSign, true),
      new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth]),
    ],
  });
  return {
    certPem: cert.toString('pem'),
    keyPem: pem('PRIVATE KEY', await crypto.subtle.exportKey('pkcs8', keys.privateKey)),
  };
}

const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'proxy-connection', 'transfer-encoding', 'upgrade']);

export async function startTlsTerminator(upstreamOrigin: string): Promise<TlsTerminator> {
  const { certPem, keyPem } = await selfSigned();
  const dir = mkdtempSync(join(tmpdir(), 'ksef-peers-'));
  const caFile = join(dir, 'ca.pem');
  writeFileSync(caFile, certPem);
  const upstream = new URL(upstreamOrigin);
  const agent = new http.Agent({ keepAlive: true, maxSockets: 16 });
  let handshakes = 0;
  const server = https.createServer({ key: keyPem, cert: certPem, keepAliveTimeout: 30_000 }, (req, res) => {
    const headers: http.OutgoingHttpHeaders = {};
    for (const [k, v] of Object.entries(req.headers)) if (!HOP_BY_HOP.has(k)) headers[k] = v;
    headers['x-forwarded-proto'] = 'https';
    headers['x-forwarded-host'] = req.headers.host;
    const up = http.request(
      { host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers, agent },
      (upRes) => {
        const out: http.OutgoingHttpHeaders = {};
        for (const [k, v] of Object.entries(upRes.headers)) if (!HOP_BY_HOP.has(k)) out[k] = v;
        res.writeHead(upRes.statusCode ?? 502, out);
        upRes.pipe(res);
      },
    );
    up.on('error', () => res.destroy());
    req.pipe(up);
  });
  server.on('secureConnection', () => handshakes++);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `https://127.0.0.1:${port}`,
    caFile,
    handshakes: () => handshakes,
    stop: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      agent.destroy();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
