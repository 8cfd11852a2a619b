import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type KsefSim, startKsefSim } from './index';
import { Client, control, loginWithToken, mfKeys, rsaEncrypt, utf8 } from './test-client';

const NIP = '5265877635';
let sim: KsefSim;
let c: Client;

beforeAll(async () => {
  sim = await startKsefSim();
});
afterAll(async () => {
  await sim.close();
});
beforeEach(async () => {
  await control(sim.origin, 'POST', '/__sim/reset');
  c = new Client(sim.baseUrl);
});

const code = (r: { body: { exception: { exceptionDetailList: { exceptionCode: number }[] } } }) =>
  r.body.exception.exceptionDetailList[0]!.exceptionCode;

/** Token auth with a chosen plaintext; returns the final auth status. */
async function tokenAuth(
  plain: (token: string, ts: number) => string,
  opts: { nip?: string; usage?: 'KsefTokenEncryption' | 'SymmetricKeyEncryption' } = {},
) {
  const { token } = await control(sim.origin, 'POST', '/__sim/tokens', { nip: NIP });
  const keys = await mfKeys(c);
  const ch = await c.call('POST', '/auth/challenge', { template: '/auth/challenge' });
  const mf = keys[opts.usage ?? 'KsefTokenEncryption'];
  const init = await c.call('POST', '/auth/ksef-token', {
    template: '/auth/ksef-token',
    body: {
      challenge: ch.body.challenge,
      contextIdentifier: { type: 'Nip', value: opts.nip ?? NIP },
      encryptedToken: await rsaEncrypt(mf.key, utf8(plain(token, ch.body.timestampMs))),
    },
  });
  expect(init.status).toBe(202);
  const st = await c.call('GET', `/auth/${init.body.referenceNumber}`, {
    template: '/auth/{referenceNumber}',
    token: init.body.authenticationToken.token,
  });
  return { init, st };
}

describe('MF keys and challenge', () => {
  it('lists one RSA-2048 certificate per usage with publicKeyId = SHA-256 of the SPKI', async () => {
    const r = await c.call('GET', '/security/public-key-certificates', {
      template: '/security/public-key-certificates',
    });
    expect(r.status).toBe(200);
    const usages = r.body.flatMap((x: { usage: string[] }) => x.usage).sort();
    expect(usages).toEqual(['KsefTokenEncryption', 'SymmetricKeyEncryption']);
    const { X509Certificate } = await import('@peculiar/x509');
    for (const item of r.body) {
      const cert = new X509Certificate(item.certificate);
      const spki = new Uint8Array(cert.publicKey.rawData);
      expect(Buffer.from(await crypto.subtle.digest('SHA-256', spki)).toString('base64')).toBe(item.publicKeyId);
      const key = await crypto.subtle.importKey('spki', spki, { name: 'RSA-OAEP', hash: 'SHA-256' }, true, ['encrypt']);
      expect((key.algorithm as RsaHashedKeyAlgorithm).modulusLength).toBe(2048);
    }
  });

  it('issues challenges in the official format with timestampMs', async () => {
    const r = await c.call('POST', '/auth/challenge', { template: '/auth/challenge' });
    expect(r.body.challenge).toMatch(/^\d{8}-CR-[A-F0-9]{10}-[A-F0-9]{10}-[A-F0-9]{2}$/);
    expect(Date.parse(r.body.timestamp)).toBe(r.body.timestampMs);
  });

  it('answers an old publicKeyId after key rotation with 21470', async () => {
    const old = await mfKeys(c);
    await control(sim.origin, 'POST', '/__sim/rotate-keys');
    const ch = await c.call('POST', '/auth/challenge', { template: '/auth/challenge' });
    const r = await c.call('POST', '/auth/ksef-token', {
      template: '/auth/ksef-token',
      body: {
        challenge: ch.body.challenge,
        contextIdentifier: { type: 'Nip', value: NIP },
        encryptedToken: await rsaEncrypt(old.KsefTokenEncryption.key, utf8('x|1')),
        publicKeyId: old.KsefTokenEncryption.publicKeyId,
      },
    });
    expect(r.status).toBe(400);
    expect(code(r)).toBe(21470);
    const fresh = await mfKeys(c);
    expect(fresh.KsefTokenEncryption.publicKeyId).not.toBe(old.KsefTokenEncryption.publicKeyId);
  });
});

describe('KSeF token authentication', () => {
  it('succeeds with token|timestampMs and redeems exactly once', async () => {
    const { init, st } = await tokenAuth((t, ts) => `${t}|${ts}`);
    expect(st.body.status.code).toBe(200);
    const authToken = init.body.authenticationToken.token;
    const red = await c.call('POST', '/auth/token/redeem', { template: '/auth/token/redeem', token: authToken });
    expect(red.status).toBe(200);
    const again = await c.call('POST', '/auth/token/redeem', { template: '/auth/token/redeem', token: authToken });
    expect(again.status).toBe(400);
    expect(code(again)).toBe(21301);
  });

  it('reports a timestamp derived by rounding as 450 "Nieprawidłowy czas tokena"', async () => {
    const { st } = await tokenAuth((t, ts) => `${t}|${ts + 1}`);
    expect(st.body.status).toMatchObject({ code: 450, details: ['Nieprawidłowy czas tokena'] });
  });

  it('reports an unknown token and a token encrypted with the wrong MF certificate as 450 "Nieprawidłowy token"', async () => {
    const unknown = await tokenAuth((_t, ts) => `20261129-EC-0000000000-0000000000-00|nip-${NIP}|00|${ts}`);
    expect(unknown.st.body.status).toMatchObject({ code: 450, details: ['Nieprawidłowy token'] });
    const wrongCert = await tokenAuth((t, ts) => `${t}|${ts}`, { usage: 'SymmetricKeyEncryption' });
    expect(wrongCert.st.body.status).toMatchObject({ code: 450, details: ['Nieprawidłowy token'] });
  });

  it('reports a token used for another NIP context as 415', async () => {
    const { st } = await tokenAuth((t, ts) => `${t}|${ts}`, { nip: '1111111111' });
    expect(st.body.status.code).toBe(415);
  });

  it('rejects an unknown and a reused challenge with 21111 and an invalid body with 21405', async () => {
    const keys = await mfKeys(c);
    const body = async (challenge: string) => ({
      challenge,
      contextIdentifier: { type: 'Nip', value: NIP },
      encryptedToken: await rsaEncrypt(keys.KsefTokenEncryption.key, utf8('t|1')),
    });
    const unknown = await c.call('POST', '/auth/ksef-token', {
      template: '/auth/ksef-token',
      body: await body('20261129-CR-0000000000-0000000000-00'),
    });
    expect(code(unknown)).toBe(21111);
    const ch = await c.call('POST', '/auth/challenge', { template: '/auth/challenge' });
    const first = await c.call('POST', '/auth/ksef-token', {
      template: '/auth/ksef-token',
      body: await body(ch.body.challenge),
    });
    expect(first.status).toBe(202);
    const reused = await c.call('POST', '/auth/ksef-token', {
      template: '/auth/ksef-token',
      body: await body(ch.body.challenge),
    });
    expect(code(reused)).toBe(21111);
    const invalid = await c.call('POST', '/auth/ksef-token', {
      template: '/auth/ksef-token',
      body: { challenge: 'x' },
    });
    expect(code(invalid)).toBe(21405);
  });

  it('expires a challenge after 10 minutes (21111)', async () => {
    const keys = await mfKeys(c);
    const ch = await c.call('POST', '/auth/challenge', { template: '/auth/challenge' });
    await control(sim.origin, 'POST', '/__sim/clock', { advanceMs: 10 * 60_000 + 1 });
    const r = await c.call('POST', '/auth/ksef-token', {
      template: '/auth/ksef-token',
      body: {
        challenge: ch.body.challenge,
        contextIdentifier: { type: 'Nip', value: NIP },
        encryptedToken: await rsaEncrypt(keys.KsefTokenEncryption.key, utf8(`t|${ch.body.timestampMs}`)),
      },
    });
    expect(code(r)).toBe(21111);
  });
});

describe('token lifetimes and refresh', () => {
  it('issues 15-minute access, 7-day refresh and 45-minute authentication tokens', async () => {
    const t0 = Date.now();
    const { init } = await tokenAuth((t, ts) => `${t}|${ts}`);
    const authUntil = Date.parse(init.body.authenticationToken.validUntil);
    const red = await c.call('POST', '/auth/token/redeem', {
      template: '/auth/token/redeem',
      token: init.body.authenticationToken.token,
    });
    const accessUntil = Date.parse(red.body.accessToken.validUntil);
    const refreshUntil = Date.parse(red.body.refreshToken.validUntil);
    // validUntil is whole seconds after issue; the test's own clock bounds the issue instant.
    const within = (v: number, ms: number) => v >= t0 + ms - 1000 && v <= Date.now() + ms;
    expect(within(authUntil, 45 * 60_000)).toBe(true);
    expect(within(accessUntil, 15 * 60_000)).toBe(true);
    expect(within(refreshUntil, 7 * 24 * 3600_000)).toBe(true);
  });

  it('rejects an expired access token with 401 and refreshes it with the refresh token', async () => {
    const login = await loginWithToken(c, sim.origin, NIP);
    const before = await c.call('POST', '/certificates/query', { template: '/certificates/query', body: {} });
    expect(before.status).toBe(200);
    await control(sim.origin, 'POST', '/__sim/clock', { advanceMs: 15 * 60_000 + 1000 });
    const expired = await c.call('POST', '/certificates/query', { template: '/certificates/query', body: {} });
    expect(expired.status).toBe(401);
    const ref = await c.call('POST', '/auth/token/refresh', {
      template: '/auth/token/refresh',
      token: login.refreshToken,
    });
    expect(ref.status).toBe(200);
    c.access = ref.body.accessToken.token;
    const after = await c.call('POST', '/certificates/query', { template: '/certificates/query', body: {} });
    expect(after.status).toBe(200);
    // An access token cannot be used as a refresh token.
    const wrong = await c.call('POST', '/auth/token/refresh', { template: '/auth/token/refresh', token: c.access });
    expect(wrong.status).toBe(401);
  });

  it('answers 401 without a token and 403 without the needed permission', async () => {
    const noToken = await c.call('POST', '/sessions/online', { template: '/sessions/online', body: {}, token: null });
    expect(noToken.status).toBe(401);
    const { token } = await control(sim.origin, 'POST', '/__sim/tokens', { nip: NIP, permissions: ['InvoiceRead'] });
    const keys = await mfKeys(c);
    const ch = await c.call('POST', '/auth/challenge', { template: '/auth/challenge' });
    const init = await c.call('POST', '/auth/ksef-token', {
      template: '/auth/ksef-token',
      body: {
        challenge: ch.body.challenge,
        contextIdentifier: { type: 'Nip', value: NIP },
        encryptedToken: await rsaEncrypt(keys.KsefTokenEncryption.key, utf8(`${token}|${ch.body.timestampMs}`)),
      },
    });
    const red = await c.call('POST', '/auth/token/redeem', {
      template: '/auth/token/redeem',
      token: init.body.authenticationToken.token,
    });
    c.access = red.body.accessToken.token;
    const r = await c.call('POST', '/sessions/online', { template: '/sessions/online', body: {} });
    expect(r.status).toBe(403);
    expect(r.body.reasonCode).toBe('missing-permissions');
  });
});

describe('authorization policy', () => {
  it('enforces allowedIps on calls made with the access token (403 ip-not-allowed)', async () => {
    const results: number[] = [];
    for (const allowedIps of [
      { ip4Addresses: ['10.1.2.3'] },
      { ip4Masks: ['127.0.0.0/8'] },
      { ip4Ranges: ['127.0.0.1-127.0.0.9'] },
    ]) {
      const { token } = await control(sim.origin, 'POST', '/__sim/tokens', { nip: NIP });
      const keys = await mfKeys(c);
      const ch = await c.call('POST', '/auth/challenge', { template: '/auth/challenge' });
      const init = await c.call('POST', '/auth/ksef-token', {
        template: '/auth/ksef-token',
        body: {
          challenge: ch.body.challenge,
          contextIdentifier: { type: 'Nip', value: NIP },
          encryptedToken: await rsaEncrypt(keys.KsefTokenEncryption.key, utf8(`${token}|${ch.body.timestampMs}`)),
          authorizationPolicy: { allowedIps },
        },
      });
      const red = await c.call('POST', '/auth/token/redeem', {
        template: '/auth/token/redeem',
        token: init.body.authenticationToken.token,
      });
      c.access = red.body.accessToken.token;
      const r = await c.call('POST', '/certificates/query', { template: '/certificates/query', body: {} });
      results.push(r.status);
      if (r.status === 403) expect(r.body.reasonCode).toBe('ip-not-allowed');
    }
    expect(results).toEqual([403, 200, 200]);
  });
});
