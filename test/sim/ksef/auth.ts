// Authentication (docs/ksef-protocol.md §2): MF keys, challenge, KSeF-token auth, status, redeem, refresh.
import { type Ctx, LIFETIME_MS, type Reply, type Sim } from './core';
import { badRequest, unauthorized, validationError } from './errors';
import { checkRequest } from './openapi';
import type { AuthOp, StatusInfo } from './store';
import { ksefTimestamp } from './warsaw';

/** Parses and schema-checks a JSON body (openapi.json requestBody; invalid → 400 21405). */
export function jsonBody<T>(ctx: Ctx): T {
  let body: unknown;
  try {
    body = ctx.body.length ? JSON.parse(ctx.body.toString('utf8')) : undefined;
  } catch (e) {
    throw validationError([`Nieprawidłowy JSON: ${(e as Error).message}`]);
  }
  const check = checkRequest(ctx.method, ctx.template, body);
  if (check && !check.ok) throw validationError(check.errors);
  return body as T;
}

const b64decode = (s: string) => new Uint8Array(Buffer.from(s, 'base64'));

export function publicKeyCertificates(sim: Sim): Reply {
  return {
    status: 200,
    json: sim.keys.list().map((k) => ({
      certificate: Buffer.from(k.certificateDer).toString('base64'),
      certificateId: k.certificateId,
      publicKeyId: k.publicKeyId,
      validFrom: k.validFrom.toISOString(),
      validTo: k.validTo.toISOString(),
      usage: [k.usage],
    })),
  };
}

export function challenge(sim: Sim, ctx: Ctx): Reply {
  const now = sim.now();
  const challenge = sim.ref('CR', now);
  sim.store.challenges.set(challenge, { challenge, timestampMs: now, used: false });
  return {
    status: 200,
    json: { challenge, timestamp: ksefTimestamp(now), timestampMs: now, clientIp: ctx.ip.replace(/^::ffff:/, '') },
  };
}

/** Takes a challenge once; unknown, reused or older than 10 minutes → 400 21111 (§2.1). */
export function takeChallenge(sim: Sim, value: string) {
  const rec = sim.store.challenges.get(value);
  if (!rec || rec.used || sim.now() - rec.timestampMs > LIFETIME_MS.challenge) {
    throw badRequest(21111, 'Nieprawidłowe wyzwanie autoryzacyjne.', [
      rec ? 'Wyzwanie zostało już użyte lub wygasło.' : `Wyzwanie ${value} nie zostało wydane.`,
    ]);
  }
  rec.used = true;
  return rec;
}

export function unsupportedKey(keyId: string) {
  return badRequest(21470, 'Przesłany identyfikator klucza jest nieznany lub wskazuje na wycofany klucz.', [
    `Klucz o identyfikatorze ${keyId} nie jest wspierany.`,
  ]);
}

const SUCCESS: StatusInfo = { code: 200, description: 'Uwierzytelnianie zakończone sukcesem' };
const badToken = (detail: string): StatusInfo => ({
  code: 450,
  description: 'Uwierzytelnianie zakończone niepowodzeniem z powodu błędnego tokenu',
  details: [detail],
});

export function startAuth(sim: Sim, op: Omit<AuthOp, 'referenceNumber' | 'startMs' | 'redeemed' | 'revoked'>): Reply {
  const now = sim.now();
  const auth: AuthOp = { ...op, referenceNumber: sim.ref('AU', now), startMs: now, redeemed: false, revoked: false };
  sim.store.auths.set(auth.referenceNumber, auth);
  const authenticationToken = sim.issueJwt('AuthenticationToken', auth, LIFETIME_MS.authenticationToken);
  return { status: 202, json: { referenceNumber: auth.referenceNumber, authenticationToken } };
}

interface TokenAuthRequest {
  challenge: string;
  contextIdentifier: { type: AuthOp['contextType']; value: string };
  encryptedToken: string;
  publicKeyId?: string | null;
  authorizationPolicy?: {
    allowedIps?: { ip4Addresses?: string[] | null; ip4Ranges?: string[] | null; ip4Masks?: string[] | null } | null;
  } | null;
}

/** Keeps a policy only when it lists something; an empty policy restricts nothing. */
export function policy(addresses: string[], ranges: string[], masks: string[]): AuthOp['allowedIps'] {
  return addresses.length + ranges.length + masks.length > 0 ? { addresses, ranges, masks } : undefined;
}

export async function ksefTokenAuth(sim: Sim, ctx: Ctx): Promise<Reply> {
  const body = jsonBody<TokenAuthRequest>(ctx);
  if (!sim.keys.isKnownId(body.publicKeyId)) throw unsupportedKey(body.publicKeyId!);
  const ch = takeChallenge(sim, body.challenge);
  // Everything below is reported asynchronously as auth status, like KSeF (§2.4), not as HTTP errors.
  let result: StatusInfo = SUCCESS;
  let permissions: string[] = [];
  let tokenRef: string | undefined;
  const plain = await sim.keys.decrypt('KsefTokenEncryption', b64decode(body.encryptedToken));
  const text = plain ? new TextDecoder('utf-8', { fatal: false }).decode(plain) : '';
  const cut = text.lastIndexOf('|');
  const token = cut > 0 ? text.slice(0, cut) : '';
  const ts = cut > 0 ? text.slice(cut + 1) : '';
  const rec = token ? sim.store.tokens.get(token) : undefined;
  if (!plain || !rec) result = badToken('Nieprawidłowy token');
  else if (ts !== String(ch.timestampMs)) result = badToken('Nieprawidłowy czas tokena');
  else if (rec.revoked) result = badToken('Token unieważniony');
  else if (!tokenFitsContext(rec.nip, body.contextIdentifier)) {
    result = {
      code: 415,
      description: 'Uwierzytelnianie zakończone niepowodzeniem',
      details: ['Brak przypisanych uprawnień'],
    };
  } else {
    permissions = rec.permissions;
    tokenRef = rec.referenceNumber;
  }
  return startAuth(sim, {
    method: 'Token',
    authMethod: 'Token',
    contextType: body.contextIdentifier.type,
    contextValue: body.contextIdentifier.value,
    result,
    permissions,
    subject: { type: 'Nip', value: rec?.nip ?? body.contextIdentifier.value },
    tokenReferenceNumber: tokenRef,
    allowedIps: policy(
      body.authorizationPolicy?.allowedIps?.ip4Addresses ?? [],
      body.authorizationPolicy?.allowedIps?.ip4Ranges ?? [],
      body.authorizationPolicy?.allowedIps?.ip4Masks ?? [],
    ),
  });
}

/** Tokens exist only in Nip/InternalId contexts (§2.2); an InternalId is `<NIP>-<5 digits>`. */
function tokenFitsContext(nip: string, c: TokenAuthRequest['contextIdentifier']): boolean {
  if (c.type === 'Nip') return c.value === nip;
  return c.type === 'InternalId' && c.value.startsWith(`${nip}-`);
}

/** Status as the client sees it now: 100 until the first processing delay passed (§2.4). */
export function visibleAuthStatus(sim: Sim, auth: AuthOp): StatusInfo {
  if (auth.revoked) {
    return {
      code: 425,
      description: 'Uwierzytelnienie unieważnione',
      details: ['Uwierzytelnienie i powiązane refresh tokeny zostały unieważnione przez użytkownika'],
    };
  }
  if (sim.now() < auth.startMs + sim.delays[0]) return { code: 100, description: 'Uwierzytelnianie w toku' };
  return auth.result;
}

function methodInfo(auth: AuthOp) {
  return auth.method === 'Token'
    ? { category: 'Token', code: 'token.ksef', displayName: 'Token KSeF' }
    : auth.authMethod === 'InternalCertificate'
      ? { category: 'XadesSignature', code: 'certificate.ksef', displayName: 'Certyfikat KSeF' }
      : { category: 'XadesSignature', code: 'xades.selfsigned', displayName: 'Podpis XAdES' };
}

export function authStatus(sim: Sim, ctx: Ctx): Reply {
  const { auth } = sim.bearer(ctx, 'AuthenticationToken');
  const ref = ctx.params.referenceNumber!;
  if (ref !== auth.referenceNumber) {
    throw badRequest(21304, 'Brak uwierzytelnienia.', [
      `Operacja uwierzytelniania o numerze referencyjnym ${ref} nie została znaleziona.`,
    ]);
  }
  return {
    status: 200,
    json: {
      startDate: sim.iso(auth.startMs),
      authenticationMethod: auth.authMethod,
      authenticationMethodInfo: methodInfo(auth),
      status: visibleAuthStatus(sim, auth),
      isTokenRedeemed: auth.redeemed,
      lastTokenRefreshDate: auth.lastRefreshMs ? sim.iso(auth.lastRefreshMs) : null,
      refreshTokenValidUntil: auth.refreshValidUntilMs ? sim.iso(auth.refreshValidUntilMs) : null,
    },
  };
}

function accessClaims(auth: AuthOp) {
  // Claim names as observed in real tokens (§2.7); clients must not rely on them.
  return {
    cit: auth.contextType,
    civ: auth.contextValue,
    aum: auth.authMethod,
    sud: JSON.stringify({ subjectIdentifier: auth.subject }),
    per: JSON.stringify(auth.permissions),
  };
}

export function redeem(sim: Sim, ctx: Ctx): Reply {
  const { auth } = sim.bearer(ctx, 'AuthenticationToken');
  const status = visibleAuthStatus(sim, auth);
  if (auth.redeemed) {
    throw badRequest(21301, 'Brak autoryzacji.', [
      `Tokeny dla operacji uwierzytelniania ${auth.referenceNumber} zostały już pobrane.`,
    ]);
  }
  if (status.code !== 200) {
    throw badRequest(21301, 'Brak autoryzacji.', [
      `Status uwierzytelniania (${status.code}) nie pozwala na pobranie tokenów.`,
    ]);
  }
  auth.redeemed = true;
  const refreshToken = sim.issueJwt('RefreshToken', auth, LIFETIME_MS.refreshToken);
  auth.refreshValidUntilMs = Date.parse(refreshToken.validUntil);
  const accessToken = sim.issueJwt('ContextToken', auth, LIFETIME_MS.accessToken, accessClaims(auth));
  return { status: 200, json: { accessToken, refreshToken } };
}

export function refresh(sim: Sim, ctx: Ctx): Reply {
  const { auth } = sim.bearer(ctx, 'RefreshToken');
  if (auth.revoked) throw unauthorized('Uwierzytelnienie zostało unieważnione.');
  const status = visibleAuthStatus(sim, auth);
  if (status.code !== 200) {
    throw badRequest(21301, 'Brak autoryzacji.', [
      `Status uwierzytelniania (${status.code}) nie pozwala na odświeżenie tokenu dostępowego.`,
    ]);
  }
  auth.lastRefreshMs = sim.now();
  return {
    status: 200,
    json: { accessToken: sim.issueJwt('ContextToken', auth, LIFETIME_MS.accessToken, accessClaims(auth)) },
  };
}
