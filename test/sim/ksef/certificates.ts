// KSeF certificates (docs/ksef-protocol.md §7): seeded per NIP through the control API, issued by the simulator's own
// "KSeF CA" so that XAdES logins with them are trusted on every environment; query and retrieve endpoints.
import '@abraham/reflection';
import * as x509 from '@peculiar/x509';
import { jsonBody } from './auth';
import type { Ctx, Reply, Sim } from './core';
import { badRequest } from './errors';
import type { CertRec } from './store';

const subtle = globalThis.crypto.subtle;
let ca: Promise<{ keys: CryptoKeyPair; cert: x509.X509Certificate }> | undefined;

/** One CA per process is enough: it only has to be the same for seeding and for XAdES verification. */
export function ksefCa() {
  ca ??= (async () => {
    const keys = (await subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, false, [
      'sign',
      'verify',
    ])) as CryptoKeyPair;
    const cert = await x509.X509CertificateGenerator.createSelfSigned({
      serialNumber: '01',
      name: 'CN=Symulator KSeF - CA certyfikatów KSeF, O=Symulator KSeF, C=PL',
      keys,
      notBefore: new Date(Date.now() - 365 * 86_400_000),
      notAfter: new Date(Date.now() + 10 * 365 * 86_400_000),
      signingAlgorithm: { name: 'ECDSA', hash: 'SHA-256' },
      extensions: [new x509.BasicConstraintsExtension(true, undefined, true)],
    });
    return { keys, cert };
  })();
  return ca;
}

const pem = (label: string, der: ArrayBuffer) =>
  `-----BEGIN ${label}-----\n${Buffer.from(der)
    .toString('base64')
    .replace(/(.{64})/g, '$1\n')
    .replace(/\n$/, '')}\n-----END ${label}-----\n`;

export async function seedCertificate(
  sim: Sim,
  o: { nip: string; type: 'Authentication' | 'Offline'; keyType: 'EC' | 'RSA'; name: string },
) {
  const { keys: caKeys, cert: caCert } = await ksefCa();
  const alg =
    o.keyType === 'EC'
      ? { name: 'ECDSA', namedCurve: 'P-256' }
      : { name: 'RSASSA-PKCS1-v1_5', modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]), hash: 'SHA-256' };
  const keys = (await subtle.generateKey(alg, true, ['sign', 'verify'])) as CryptoKeyPair;
  const serialNumber = Buffer.from(sim.random(8)).toString('hex').toUpperCase().replace(/^./, '0');
  const now = sim.now();
  const suffix = o.type === 'Authentication' ? '(uwierzytelnienie)' : '(offline)'; // CIRFMF/ksef-api#378
  const commonName = `${o.name} ${suffix}`;
  const cert = await x509.X509CertificateGenerator.create({
    serialNumber,
    subject: [{ CN: [commonName] }, { O: [o.name] }, { '2.5.4.97': [`VATPL-${o.nip}`] }, { C: ['PL'] }],
    issuer: caCert.subject,
    notBefore: new Date(now - 60_000),
    notAfter: new Date(now + 2 * 365 * 86_400_000),
    publicKey: keys.publicKey,
    signingKey: caKeys.privateKey,
    signingAlgorithm: { name: 'ECDSA', hash: 'SHA-256' },
    extensions: [
      // Authentication: Digital Signature; Offline: Non-Repudiation (§7).
      new x509.KeyUsagesExtension(
        o.type === 'Authentication' ? x509.KeyUsageFlags.digitalSignature : x509.KeyUsageFlags.nonRepudiation,
        true,
      ),
    ],
  });
  const rec: CertRec = {
    serialNumber,
    name: o.name,
    type: o.type,
    commonName,
    nip: o.nip,
    certificateDer: new Uint8Array(cert.rawData),
    validFromMs: cert.notBefore.getTime(),
    validToMs: cert.notAfter.getTime(),
    requestMs: now,
    status: 'Active',
  };
  sim.store.certificates.set(serialNumber, rec);
  return {
    serialNumber,
    certificatePem: cert.toString('pem'),
    privateKeyPkcs8Pem: pem('PRIVATE KEY', await subtle.exportKey('pkcs8', keys.privateKey)),
  };
}

export function certStatus(sim: Sim, c: CertRec): CertRec['status'] {
  return c.status === 'Active' && c.validToMs < sim.now() ? 'Expired' : c.status;
}

interface QueryBody {
  certificateSerialNumber?: string | null;
  name?: string | null;
  type?: 'Authentication' | 'Offline' | null;
  status?: CertRec['status'] | null;
  expiresAfter?: string | null;
}

/** Lists the authenticated subject's certificates (not the context's, §7), sorted by requestDate desc. */
export function queryCertificates(sim: Sim, ctx: Ctx): Reply {
  const auth = sim.access(ctx);
  const q = jsonBody<QueryBody>(ctx) ?? {};
  const pageSize = Number(ctx.query.get('pageSize') ?? 10);
  const pageOffset = Number(ctx.query.get('pageOffset') ?? 0);
  const subjectNip = auth.subject.type === 'Nip' ? auth.subject.value : auth.contextValue;
  const all = [...sim.store.certificates.values()]
    .filter((c) => c.nip === subjectNip)
    .filter((c) => !q.certificateSerialNumber || c.serialNumber === q.certificateSerialNumber)
    .filter((c) => !q.name || c.name.toLowerCase().includes(q.name.toLowerCase()))
    .filter((c) => !q.type || c.type === q.type)
    .filter((c) => !q.status || certStatus(sim, c) === q.status)
    .filter((c) => !q.expiresAfter || c.validToMs > Date.parse(q.expiresAfter))
    .sort((a, b) => b.requestMs - a.requestMs);
  const page = all.slice(pageOffset * pageSize, (pageOffset + 1) * pageSize);
  return {
    status: 200,
    json: {
      certificates: page.map((c) => ({
        certificateSerialNumber: c.serialNumber,
        name: c.name,
        type: c.type,
        commonName: c.commonName,
        status: certStatus(sim, c),
        subjectIdentifier: { type: 'Nip', value: c.nip },
        validFrom: sim.iso(c.validFromMs),
        validTo: sim.iso(c.validToMs),
        lastUseDate: null,
        requestDate: sim.iso(c.requestMs),
      })),
      hasMore: (pageOffset + 1) * pageSize < all.length,
    },
  };
}

export function retrieveCertificates(sim: Sim, ctx: Ctx): Reply {
  sim.access(ctx);
  const body = jsonBody<{ certificateSerialNumbers: string[] }>(ctx);
  const certificates = body.certificateSerialNumbers
    .map((n) => sim.store.certificates.get(n))
    .filter((c): c is CertRec => !!c)
    .map((c) => ({
      certificate: Buffer.from(c.certificateDer).toString('base64'),
      certificateName: c.name,
      certificateSerialNumber: c.serialNumber,
      certificateType: c.type,
    }));
  return { status: 200, json: { certificates } };
}

/** POST /certificates/{serial}/revoke → 204; 25008 unknown, 25009 not active (openapi.json). */
export function revokeCertificate(sim: Sim, ctx: Ctx): Reply {
  const auth = sim.access(ctx);
  jsonBody<{ revocationReason?: string | null }>(ctx);
  const subjectNip = auth.subject.type === 'Nip' ? auth.subject.value : auth.contextValue;
  const c = sim.store.certificates.get(ctx.params.certificateSerialNumber!);
  if (!c || c.nip !== subjectNip) throw badRequest(25008, 'Certyfikat o podanym numerze seryjnym nie istnieje.');
  if (certStatus(sim, c) !== 'Active') {
    throw badRequest(
      25009,
      'Nie można odwołać wskazanego certyfikatu, ponieważ jest już odwołany, zablokowany lub nieważny.',
    );
  }
  c.status = 'Revoked';
  return { status: 204 };
}
