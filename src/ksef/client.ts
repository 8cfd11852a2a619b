/**
 * The KSeF client façade: one object per (environment, context NIP, credential), built from
 * injected dependencies so the same code runs in the MV3 service worker and in Node.
 */

import type { KsefEnv } from '../core/env';
import { credentialFromUserToken, KsefAuth, type KsefCredential } from './auth';
import { BatchSessions } from './batch-session';
import {
  type CertificateQuery,
  type KsefCertificateInfo,
  queryCertificates,
  type RetrievedCertificate,
  retrieveCertificates,
} from './certificates';
import { clientKeyPrefix, type KsefContext } from './context';
import { defaultRandomBytes, type RandomBytes } from './crypto';
import { KSEF_ENVIRONMENTS, type KsefEnvironment } from './env';
import { type FetchLike, KsefHttp } from './http';
import { storedInvoice, storedInvoiceHash } from './invoice-download';
import { fetchInvoiceStatus, type InvoiceOutcome, interpretInvoiceStatus } from './invoice-status';
import { type LimitGroup, type LimitRule, RateLimiter } from './limits';
import { OnlineSessions, type SendInvoiceOptions, type SentInvoice } from './online-session';
import { MfPublicKeys } from './public-keys';
import { fetchSessionUpo, type SessionUpo } from './session-upo';
import type { KvStore } from './storage';
import { fetchTokenPermissions, tokenReferenceNumber } from './token-permissions';
import { downloadInvoiceUpo, downloadInvoiceUpoByKsefNumber, type UpoResult } from './upo';

export interface KsefClientOptions {
  env: KsefEnv | KsefEnvironment;
  /** Context (seller) NIP. */
  nip: string;
  /** A credential, or the raw text of the token field (`test` on TEST = self-signed XAdES). */
  credential: KsefCredential | string;
  store: KvStore;
  fetch?: FetchLike | undefined;
  now?: () => number;
  random?: RandomBytes;
  sleep?: (ms: number) => Promise<void>;
  /** Client-side limiter (default on). */
  rateLimits?: boolean | { maxWaitMs?: number; marginMs?: number; rules?: Partial<Record<LimitGroup, LimitRule>> };
  timeoutMs?: number;
  pollIntervalMs?: number;
}

export interface KsefClient {
  readonly context: KsefContext;
  readonly auth: KsefAuth;
  readonly online: OnlineSessions;
  readonly batch: BatchSessions;
  /** Ensures a valid access token (login, refresh or cached). */
  login(): Promise<void>;
  /**
   * Convenience for the command line and benchmarks: send with the client's own look-up after a
   * lost answer. The extension's pipeline uses `online.postInvoice` and reconciles itself.
   */
  sendInvoice(xml: Uint8Array, opts?: SendInvoiceOptions): Promise<SentInvoice>;
  invoiceStatus(sessionReferenceNumber: string, invoiceReferenceNumber: string): Promise<InvoiceOutcome>;
  /**
   * Polls until a final status or `maxWaitMs` (default 60 s); returns `processing` if still not
   * final — the caller then continues from an alarm.
   */
  waitForInvoice(
    sessionReferenceNumber: string,
    invoiceReferenceNumber: string,
    maxWaitMs?: number,
  ): Promise<InvoiceOutcome>;
  /**
   * Reconciliation after a lost answer or a worker restart: the invoice's current outcome in the
   * session, looked up by its hash, or undefined if KSeF never registered it (then it is safe to send).
   */
  findInvoice(sessionReferenceNumber: string, invoiceHash: string): Promise<InvoiceOutcome | undefined>;
  /** Hash of the file KSeF stores under a KSeF number (KOD I of a 440-adopted invoice), or null. */
  storedInvoiceHash(ksefNumber: string): Promise<string | null>;
  /** The invoice file as KSeF stores it (`GET /invoices/ksef/{ksefNumber}`), or null while it cannot serve it. */
  storedInvoice(ksefNumber: string): Promise<Uint8Array | null>;
  downloadUpo(
    sessionReferenceNumber: string,
    invoiceReferenceNumber: string,
    upoDownloadUrl?: string,
  ): Promise<UpoResult>;
  /** The UPO of an invoice by its KSeF number in a session (a 440 duplicate's original). */
  downloadUpoByKsefNumber(sessionReferenceNumber: string, ksefNumber: string): Promise<UpoResult>;
  /** The session's UPO pages (one read per page, not per invoice), or `pending` until KSeF issues them. */
  sessionUpo(sessionReferenceNumber: string): Promise<SessionUpo>;
  closeOnlineSession(): Promise<string | undefined>;
  queryCertificates(query?: CertificateQuery): Promise<KsefCertificateInfo[]>;
  retrieveCertificates(serialNumbers: string[]): Promise<RetrievedCertificate[]>;
  /** The permissions of the KSeF token in use (`GET /tokens/{referenceNumber}`); null for a
   * certificate login, which acts as the owner. */
  tokenPermissions(): Promise<string[] | null>;
}

const defaultSleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export function createKsefClient(opts: KsefClientOptions): KsefClient {
  const env = typeof opts.env === 'string' ? KSEF_ENVIRONMENTS[opts.env] : opts.env;
  const now = opts.now ?? Date.now;
  const sleep = opts.sleep ?? defaultSleep;
  const fetchFn: FetchLike = opts.fetch ?? ((input, init) => globalThis.fetch(input, init));
  const keyPrefix = clientKeyPrefix(env.name, opts.nip);
  const rl = opts.rateLimits ?? true;
  const limiter =
    rl === false
      ? undefined
      : new RateLimiter({
          store: opts.store,
          now,
          sleep,
          keyPrefix,
          ...(typeof rl === 'object' ? rl : {}),
        });
  const http = new KsefHttp(env, { fetch: fetchFn, now, limiter, timeoutMs: opts.timeoutMs, warningStore: opts.store });
  const publicKeys = new MfPublicKeys(http, opts.store, `ksef:${env.name}:mf-public-keys`);
  const context: KsefContext = {
    env,
    nip: opts.nip,
    http,
    store: opts.store,
    now,
    random: opts.random ?? defaultRandomBytes,
    sleep,
    publicKeys,
    keyPrefix,
    pollIntervalMs: opts.pollIntervalMs ?? 1000,
  };
  const credential =
    typeof opts.credential === 'string' ? credentialFromUserToken(env.name, opts.credential) : opts.credential;
  const auth = new KsefAuth(context, credential);
  const online = new OnlineSessions(context, auth);
  const batch = new BatchSessions(context, auth);

  const invoiceStatus = async (s: string, i: string) =>
    interpretInvoiceStatus(await fetchInvoiceStatus(context, auth, s, i));

  return {
    context,
    auth,
    online,
    batch,
    login: async () => {
      await auth.accessToken();
    },
    sendInvoice: (xml, o) => online.sendInvoice(xml, o),
    invoiceStatus,
    waitForInvoice: async (s, i, maxWaitMs = 60_000) => {
      const maxAttempts = Math.ceil(maxWaitMs / Math.max(context.pollIntervalMs, 1)) + 1;
      for (let attempt = 1; ; attempt++) {
        const outcome = await invoiceStatus(s, i);
        if (outcome.state !== 'processing' || attempt >= maxAttempts) return outcome;
        await sleep(context.pollIntervalMs);
      }
    },
    findInvoice: async (s, hash) => {
      const found = await online.findByHash(s, hash);
      return found ? interpretInvoiceStatus(found) : undefined;
    },
    downloadUpo: (s, i, url) => downloadInvoiceUpo(context, auth, s, i, url),
    downloadUpoByKsefNumber: (s, n) => downloadInvoiceUpoByKsefNumber(context, auth, s, n),
    sessionUpo: (s) => fetchSessionUpo(context, auth, s),
    storedInvoiceHash: (n) => storedInvoiceHash(context, auth, n),
    storedInvoice: (n) => storedInvoice(context, auth, n),
    closeOnlineSession: () => online.close(),
    queryCertificates: (q) => queryCertificates(context, auth, q),
    retrieveCertificates: (serials) => retrieveCertificates(context, auth, serials),
    tokenPermissions: async () => {
      if (credential.kind !== 'token') return null;
      const ref = tokenReferenceNumber(credential.token);
      return ref ? fetchTokenPermissions(context, auth, ref) : [];
    },
  };
}
