// Authentication flows against the simulator: token and XAdES login, token reuse across a worker
// restart (state through the store), expired access token, lost refresh token, 21470 key rotation.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { authStatusText } from '../../src/i18n/statuses';
import { UnauthorizedError } from '../../src/ksef/errors';
import { MemoryKvStore } from '../../src/ksef/storage';
import { SimHarness } from './sim-helpers';

// A fresh simulator per test: some tests move its clock, which a reset does not undo.
let h: SimHarness;
beforeEach(async () => {
  h = await SimHarness.start();
});
afterEach(() => h.close());

const count = (reqs: Array<{ method: string; path: string }>, method: string, re: RegExp) =>
  reqs.filter((r) => r.method === method && re.test(r.path)).length;

describe('token authentication', () => {
  it('challenge → encrypted token → status → redeem gives an access token KSeF accepts', async () => {
    const client = h.client(await h.token());
    await client.login();
    const reqs = await h.requests();
    expect(
      reqs.map(
        (r) => `${r.method} ${r.path.replace(/\/v2/, '').replace(/\d{8}-[A-Z]{2}-[0-9A-F-]+/g, '{ref}')} ${r.status}`,
      ),
    ).toEqual([
      'GET /security/public-key-certificates 200',
      'POST /auth/challenge 200',
      'POST /auth/ksef-token 202',
      ...reqs.filter((r) => r.path.startsWith('/v2/auth/') && r.method === 'GET').map(() => 'GET /auth/{ref} 200'),
      'POST /auth/token/redeem 200',
    ]);
    // The token works for a protected call.
    const certs = await client.queryCertificates({ type: 'Offline' });
    expect(certs).toEqual([]);
  });

  it('a wrong token ends in a typed rejection with the KSeF status (450), not a string', async () => {
    const good = await h.token();
    const client = h.client(good.replace(/.$/, (c) => (c === '0' ? '1' : '0')));
    const err = await client.login().catch((e: unknown) => e);
    expect(err).toMatchObject({ kind: 'rejected' });
    expect((err as { statusCode?: number }).statusCode).toBe(450);
    // Polish for logs; the pages word the status code in their language (src/i18n/statuses.ts).
    expect((err as Error).message).toBe(authStatusText(450, 'pl'));
    expect(authStatusText(450, 'en')).toMatch(/^The KSeF token is invalid, inactive or revoked/);
  });

  it('tokens are reused from storage by a new client (worker restart): no second login', async () => {
    const store = new MemoryKvStore();
    const token = await h.token();
    await h.client(token, { store }).login();
    const before = count(await h.requests(), 'POST', /\/auth\/challenge$/);
    const restarted = h.client(token, { store });
    await restarted.queryCertificates();
    expect(count(await h.requests(), 'POST', /\/auth\/challenge$/)).toBe(before);
    // Nothing secret in clear besides what KSeF needs: the KSeF token itself is not stored.
    expect(JSON.stringify([...store.map.values()])).not.toContain(token);
  });

  it('refreshes the access token before it expires (client clock near validUntil)', async () => {
    let now = Date.now();
    const client = h.client(await h.token(), { now: () => now });
    await client.login();
    now += 14.5 * 60_000; // < 60 s left of the 15 min access token
    await h.ctl('POST', '/__sim/clock', { advanceMs: 14.5 * 60_000 });
    await client.queryCertificates();
    const reqs = await h.requests();
    expect(count(reqs, 'POST', /\/auth\/token\/refresh$/)).toBe(1);
    expect(count(reqs, 'POST', /\/auth\/challenge$/)).toBe(1);
  });

  it('expired access token (sim clock moved, client unaware): 401 → refresh → the call succeeds', async () => {
    const client = h.client(await h.token());
    await client.login();
    await h.ctl('POST', '/__sim/clock', { advanceMs: 16 * 60_000 });
    await expect(client.queryCertificates()).resolves.toEqual([]);
    const reqs = await h.requests();
    const certQueries = reqs.filter((r) => r.path.endsWith('/certificates/query'));
    expect(certQueries.map((r) => r.status)).toEqual([401, 200]);
    expect(count(reqs, 'POST', /\/auth\/token\/refresh$/)).toBe(1);
  });

  it('refresh token gone (8 days later): falls back to a full login', async () => {
    const client = h.client(await h.token());
    await client.login();
    await h.ctl('POST', '/__sim/clock', { advanceMs: 8 * 24 * 3600_000 });
    await expect(client.queryCertificates()).resolves.toEqual([]);
    const reqs = await h.requests();
    expect(reqs.filter((r) => r.path.endsWith('/auth/token/refresh')).map((r) => r.status)).toEqual([401]);
    expect(count(reqs, 'POST', /\/auth\/challenge$/)).toBe(2);
  });

  it('21470 after MF key rotation: refetch the keys and retry once', async () => {
    const store = new MemoryKvStore();
    const token = await h.token();
    await h.client(token, { store }).login();
    await h.ctl('POST', '/__sim/rotate-keys');
    // Fresh login with the cached (now withdrawn) MF key: the first attempt must fail with 21470.
    await store.delete(`ksef:test:5265877635:tokens`);
    await h.client(token, { store }).login();
    const reqs = await h.requests();
    expect(reqs.filter((r) => r.path.endsWith('/auth/ksef-token')).map((r) => r.status)).toEqual([202, 400, 202]);
    expect(count(reqs, 'GET', /public-key-certificates$/)).toBe(2);
  });

  it('when KSeF forgets the token, the automatic re-login fails with a typed rejection', async () => {
    const client = h.client(await h.token());
    await client.login();
    await h.ctl('POST', '/__sim/reset'); // KSeF forgets the token and the auth operation
    const err = await client.queryCertificates().catch((e: unknown) => e);
    expect(err).not.toBeInstanceOf(UnauthorizedError); // token unknown now → typed rejection from login
    expect(err).toMatchObject({ kind: 'rejected' });
  });
});

describe('XAdES authentication on TEST (token field = "test")', () => {
  it('generates a self-signed certificate once and logs in with an XAdES-signed AuthTokenRequest', async () => {
    const store = new MemoryKvStore();
    const client = h.client('test', { store });
    await client.login();
    const reqs = await h.requests();
    expect(reqs.filter((r) => r.path.endsWith('/auth/xades-signature')).map((r) => r.status)).toEqual([202]);
    const cert = await store.get<{ privateKey: CryptoKey }>('ksef:test:5265877635:test-certificate');
    expect(cert?.privateKey.extractable).toBe(false);
    await expect(client.queryCertificates()).resolves.toEqual([]);

    // A second login reuses the same stored key/certificate.
    await store.delete('ksef:test:5265877635:tokens');
    await h.client('test', { store }).login();
    const again = await store.get<{ privateKey: CryptoKey }>('ksef:test:5265877635:test-certificate');
    expect(again?.privateKey).toBe(cert?.privateKey);
  });

  it("logs in with a user's own KSeF Authentication certificate (RSA and EC key from the simulator)", async () => {
    for (const keyType of ['RSA', 'EC'] as const) {
      const seeded = await h.ctl<{ certificatePem: string; privateKeyPkcs8Pem: string }>(
        'POST',
        '/__sim/certificates',
        {
          nip: '5265877635',
          type: 'Authentication',
          keyType,
        },
      );
      const der = (pem: string) => Buffer.from(pem.replace(/-----[^-]+-----|\s+/g, ''), 'base64');
      const privateKey = await crypto.subtle.importKey(
        'pkcs8',
        der(seeded.privateKeyPkcs8Pem),
        keyType === 'RSA' ? { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' } : { name: 'ECDSA', namedCurve: 'P-256' },
        false,
        ['sign'],
      );
      const client = h.client({
        kind: 'xades',
        signer: { privateKey, certificateDer: new Uint8Array(der(seeded.certificatePem)) },
      });
      await client.login();
      await expect(client.queryCertificates({ type: 'Authentication' })).resolves.toHaveLength(
        keyType === 'RSA' ? 1 : 2,
      );
    }
  });
});
