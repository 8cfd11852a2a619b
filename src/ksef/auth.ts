/**
 * Authentication (docs/ksef-protocol.md §2): challenge → KSeF token (RSA-OAEP of `token|timestampMs`)
 * or XAdES-signed AuthTokenRequest → status polling → redeem → access + refresh tokens. Tokens are
 * kept in the injected storage (the worker may restart between sends); the access token is
 * refreshed before it expires and a full login happens when the refresh token is gone. Token
 * lifetimes come from `validUntil` only: JWT claims are undocumented (§2.7).
 */

import type { KsefEnv } from '../core/env';
import { authStatusText } from '../i18n/statuses';
import type { KsefContext } from './context';
import { rsaOaepEncrypt } from './crypto';
import { sha256Base64, toBase64, utf8 } from './encoding';
import { KsefRejectionError, ProtocolError, TestLoginOutsideTestError, UnauthorizedError } from './errors';
import { testSignerFor } from './test-certificate';
import { buildAuthTokenRequest, signXadesEnveloped, type XadesSigner } from './xades';

export type KsefCredential =
  | { kind: 'token'; token: string }
  /** Self-signed certificate generated for the NIP; TEST only (§1.2). */
  | { kind: 'xades-test' }
  /** The user's own certificate and key (qualified, or a KSeF Authentication certificate). */
  | { kind: 'xades'; signer: XadesSigner };

/**
 * What the user typed in the token field. On TEST the word `test` means "log in with a generated
 * self-signed certificate"; elsewhere it is treated as a token like any other.
 */
export function credentialFromUserToken(env: KsefEnv, token: string): KsefCredential {
  if (env === 'test' && token.trim().toLowerCase() === 'test') return { kind: 'xades-test' };
  return { kind: 'token', token: token.trim() };
}

interface TokenInfo {
  token: string;
  validUntil: string;
}

export interface StoredTokens {
  credentialId: string;
  referenceNumber: string;
  accessToken: string;
  accessValidUntil: number;
  refreshToken: string;
  refreshValidUntil: number;
}

/** Refresh this long before `validUntil`, so a token never expires in flight. */
const EXPIRY_MARGIN_MS = 60_000;
/** Give up polling the authentication status after this long (OCSP checks on DEMO/PROD, §1.2). */
const AUTH_POLL_LIMIT_MS = 120_000;

export class KsefAuth {
  private memo: StoredTokens | undefined;
  private inflight: Promise<StoredTokens> | undefined;
  private credentialIdMemo: Promise<string> | undefined;

  constructor(
    private readonly ctx: KsefContext,
    private readonly credential: KsefCredential,
  ) {}

  private get storeKey(): string {
    return `${this.ctx.keyPrefix}:tokens`;
  }

  /** Identifies the credential without storing it: a changed token must not reuse old sessions.
   * Computed once: the credential never changes for this object, and every request asks. */
  private credentialId(): Promise<string> {
    this.credentialIdMemo ??= this.computeCredentialId();
    return this.credentialIdMemo;
  }

  private async computeCredentialId(): Promise<string> {
    const c = this.credential;
    if (c.kind === 'token') return `token:${(await sha256Base64(utf8(c.token))).slice(0, 16)}`;
    if (c.kind === 'xades') return `xades:${(await sha256Base64(c.signer.certificateDer)).slice(0, 16)}`;
    return 'xades-test';
  }

  private async load(): Promise<StoredTokens | undefined> {
    const t = this.memo ?? (await this.ctx.store.get<StoredTokens>(this.storeKey));
    if (t && t.credentialId === (await this.credentialId())) {
      this.memo = t;
      return t;
    }
    return undefined;
  }

  private async save(t: StoredTokens): Promise<void> {
    this.memo = t;
    await this.ctx.store.set(this.storeKey, t);
  }

  /** Forgets the access token (KSeF answered 401 with it); the refresh token is tried next. */
  async invalidateAccess(): Promise<void> {
    const t = await this.load();
    if (t) await this.save({ ...t, accessValidUntil: 0 });
  }

  /** Forgets everything (logout or a refused refresh token). */
  async forget(): Promise<void> {
    this.memo = undefined;
    await this.ctx.store.delete(this.storeKey);
  }

  /** A valid access token: cached, refreshed, or from a new login — in that order. */
  accessToken(): Promise<string> {
    this.inflight ??= this.ensure().finally(() => {
      this.inflight = undefined;
    });
    return this.inflight.then((t) => t.accessToken);
  }

  private async ensure(): Promise<StoredTokens> {
    const now = this.ctx.now();
    const t = await this.load();
    if (t && t.accessValidUntil - now > EXPIRY_MARGIN_MS) return t;
    if (t && t.refreshValidUntil - now > EXPIRY_MARGIN_MS) {
      try {
        return await this.refresh(t);
      } catch (e) {
        // Refresh token revoked or unknown: fall through to a full login (§2.6).
        if (!(e instanceof UnauthorizedError) && !(e instanceof KsefRejectionError)) throw e;
      }
    }
    return this.login();
  }

  private async refresh(t: StoredTokens): Promise<StoredTokens> {
    const res = await this.ctx.http.request<{ accessToken: TokenInfo }>({
      route: 'authTokenRefresh',
      bearer: t.refreshToken,
      expect: [200],
    });
    const access = res.data?.accessToken;
    if (!access?.token) throw new ProtocolError('brak accessToken w odświeżeniu', res.status);
    const next = { ...t, accessToken: access.token, accessValidUntil: Date.parse(access.validUntil) };
    await this.save(next);
    return next;
  }

  /**
   * Runs `op` with an access token; if KSeF answers 401 (token expired or revoked earlier than its
   * `validUntil` suggested — e.g. clock skew), gets a fresh token and runs it once more. A 401 means
   * the request was not processed, so repeating is safe even for invoice POSTs.
   */
  async withAccess<T>(op: (accessToken: string) => Promise<T>): Promise<T> {
    const token = await this.accessToken();
    try {
      return await op(token);
    } catch (e) {
      if (!(e instanceof UnauthorizedError) || e.httpStatus !== 401) throw e;
    }
    await this.invalidateAccess();
    return op(await this.accessToken());
  }

  /** Full login with the configured credential (§2.1–§2.5). */
  async login(): Promise<StoredTokens> {
    const init = await this.ctx.publicKeys.withKey('KsefTokenEncryption', async (key) => {
      const challenge = await this.challenge();
      return this.initiate(challenge, key.key, key.publicKeyId);
    });
    await this.waitForAuth(init.referenceNumber, init.authenticationToken.token);
    const res = await this.ctx.http.request<{ accessToken: TokenInfo; refreshToken: TokenInfo }>({
      route: 'authTokenRedeem',
      bearer: init.authenticationToken.token,
      expect: [200],
    });
    const { accessToken, refreshToken } = res.data ?? {};
    if (!accessToken?.token || !refreshToken?.token) throw new ProtocolError('brak tokenów po redeem', res.status);
    const tokens: StoredTokens = {
      credentialId: await this.credentialId(),
      referenceNumber: init.referenceNumber,
      accessToken: accessToken.token,
      accessValidUntil: Date.parse(accessToken.validUntil),
      refreshToken: refreshToken.token,
      refreshValidUntil: Date.parse(refreshToken.validUntil),
    };
    await this.save(tokens);
    return tokens;
  }

  private async challenge(): Promise<{ challenge: string; timestampMs: number }> {
    const res = await this.ctx.http.request<{ challenge: string; timestamp: string; timestampMs?: number }>({
      route: 'authChallenge',
      expect: [200],
    });
    const d = res.data;
    if (!d?.challenge) throw new ProtocolError('brak challenge', res.status);
    // Use timestampMs as given; deriving it from `timestamp` by rounding gives 450 (§2.2 pitfall).
    const timestampMs = d.timestampMs ?? Math.trunc(Date.parse(d.timestamp));
    return { challenge: d.challenge, timestampMs };
  }

  private async initiate(
    ch: { challenge: string; timestampMs: number },
    tokenKey: CryptoKey,
    publicKeyId: string | undefined,
  ): Promise<{ referenceNumber: string; authenticationToken: TokenInfo }> {
    const c = this.credential;
    let res: { data: { referenceNumber: string; authenticationToken: TokenInfo }; status: number };
    if (c.kind === 'token') {
      const encrypted = await rsaOaepEncrypt(tokenKey, utf8(`${c.token}|${ch.timestampMs}`));
      res = await this.ctx.http.request({
        route: 'authKsefToken',
        json: {
          challenge: ch.challenge,
          contextIdentifier: { type: 'Nip', value: this.ctx.nip },
          encryptedToken: toBase64(encrypted),
          ...(publicKeyId ? { publicKeyId } : {}),
        },
        expect: [202],
      });
    } else {
      if (c.kind === 'xades-test' && this.ctx.env.name !== 'test') {
        // Self-signed certificates are accepted only on TEST (§1.2).
        throw new TestLoginOutsideTestError();
      }
      const signer =
        c.kind === 'xades'
          ? c.signer
          : await testSignerFor(
              this.ctx.store,
              `${this.ctx.keyPrefix}:test-certificate`,
              this.ctx.nip,
              this.ctx.now(),
              this.ctx.random,
            );
      const unsigned = buildAuthTokenRequest(ch.challenge, { type: 'Nip', value: this.ctx.nip });
      // SigningTime now − 1 min against clock skew, as the C# client (docs/xades.md §7.10).
      const signed = await signXadesEnveloped(unsigned, signer, new Date(this.ctx.now() - 60_000));
      res = await this.ctx.http.request({
        route: 'authXadesSignature',
        body: { data: signed, contentType: 'application/xml' },
        expect: [202],
      });
    }
    if (!res.data?.referenceNumber || !res.data.authenticationToken?.token)
      throw new ProtocolError('brak referenceNumber/authenticationToken', res.status);
    return res.data;
  }

  private async waitForAuth(referenceNumber: string, authToken: string): Promise<void> {
    const deadline = this.ctx.now() + AUTH_POLL_LIMIT_MS;
    // Bounded by attempts too: an injected clock may stand still.
    const maxAttempts = Math.ceil(AUTH_POLL_LIMIT_MS / Math.max(this.ctx.pollIntervalMs, 1)) + 1;
    for (let attempt = 1; ; attempt++) {
      const res = await this.ctx.http.request<{ status: { code: number; description: string; details?: string[] } }>({
        route: 'authStatus',
        params: { referenceNumber },
        bearer: authToken,
        expect: [200],
      });
      const st = res.data?.status;
      if (!st) throw new ProtocolError('brak statusu uwierzytelnienia', res.status);
      if (st.code === 200) return;
      if (st.code !== 100) {
        // The status code travels with the error; pages word it in their language (src/i18n/statuses.ts).
        throw new KsefRejectionError(
          authStatusText(st.code, 'pl'),
          undefined,
          [{ code: st.code, description: st.description, details: st.details ?? [] }],
          st.code,
        );
      }
      if (this.ctx.now() > deadline || attempt >= maxAttempts)
        throw new ProtocolError('uwierzytelnianie trwa zbyt długo');
      await this.ctx.sleep(this.ctx.pollIntervalMs);
    }
  }
}
