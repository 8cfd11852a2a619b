/**
 * Interactive (online) session (docs/ksef-protocol.md §3): one AES-256 key + IV per session, the key
 * wrapped with the SymmetricKeyEncryption certificate; the open session is stored (the AES key as
 * a non-extractable CryptoKey) and reused for following invoices while it is valid; invoices are
 * sent with hash/size of the exact plaintext and ciphertext bytes, ciphertext without IV prefix.
 *
 * Two ways to send:
 * - `postInvoice(session, bytes)`: ONE POST into a given, held session and nothing else. The
 *   extension's pipeline uses it: it records the session before the POST and settles a lost
 *   answer itself from the session's invoice list (src/pipeline/send.ts).
 * - `sendInvoice(bytes)`: the convenience for the command line and benchmarks, with its own
 *   write-ahead record and look-up after a lost answer (docs/architecture.md practice 6): an invoice
 *   POST is never blindly retried; the session's list is searched for the hash first.
 *
 * One session is opened at a time per context: concurrent callers wait for the one being opened.
 */
import type { KsefAuth } from './auth';
import type { KsefContext } from './context';
import { createSessionKey } from './crypto';
import { sha256Base64Sync } from './encoding';
import {
  KsefRejectionError,
  NetworkError,
  ProtocolError,
  RateLimitedError,
  SessionNotHeldError,
  UnavailableError,
} from './errors';
import { listSessionInvoices, type SessionInvoiceStatus } from './invoice-status';
import { invoiceSendBody, type SealedInvoice, type SendInvoiceOptions, sealInvoice } from './online-invoice';

export type { SendInvoiceOptions } from './online-invoice';

export const FA3_FORM_CODE = { systemCode: 'FA (3)', schemaVersion: '1-0E', value: 'FA' } as const;

export interface StoredOnlineSession {
  referenceNumber: string;
  /** ms since epoch. */
  validUntil: number;
  aesKey: CryptoKey;
  ivB64: string;
  openedAt: number;
}

export interface SentInvoice {
  sessionReferenceNumber: string;
  invoiceReferenceNumber: string;
  /** Base64 SHA-256 of the exact bytes sent: the invoice's identity for reconciliation and KOD I. */
  invoiceHash: string;
  invoiceSize: number;
  /** True when the answer was lost and the invoice was found in the session list by its hash. */
  recovered: boolean;
}

/** Below this remaining lifetime a stored session is not reused (an invoice must fit before the 12 h cut). */
const SESSION_REUSE_MARGIN_MS = 10 * 60_000;

/** Codes meaning "this session can no longer take invoices" (§3.3): open a new one and resend. */
export const SESSION_GONE_CODES = [21173, 21180];
/** 21155: the session holds the most invoices it may; the POST is refused, a new session takes it. */
export const SESSION_FULL_CODE = 21155;

/**
 * Sessions being opened, per context (store key): shared by every OnlineSessions of the same
 * context in this process, so three quick sends open one session, not three.
 */
const opening = new Map<string, Promise<StoredOnlineSession>>();

export class OnlineSessions {
  private memo: StoredOnlineSession | undefined;

  constructor(
    private readonly ctx: KsefContext,
    private readonly auth: KsefAuth,
  ) {}

  private get storeKey(): string {
    return `${this.ctx.keyPrefix}:online-session`;
  }

  /** The stored session if it can still take invoices. */
  async current(): Promise<StoredOnlineSession | undefined> {
    const s = this.memo ?? (await this.ctx.store.get<StoredOnlineSession>(this.storeKey));
    if (s && s.validUntil - this.ctx.now() > SESSION_REUSE_MARGIN_MS) {
      this.memo = s;
      return s;
    }
    return undefined;
  }

  async forget(): Promise<void> {
    this.memo = undefined;
    await this.ctx.store.delete(this.storeKey);
  }

  /** The held session, or one opened now; never two openings at once for one context. */
  async ensureOpen(): Promise<StoredOnlineSession> {
    const running = opening.get(this.storeKey);
    if (running) return running;
    const held = await this.current();
    if (held) return held;
    return this.open();
  }

  /** Opens a new session (serialised per context: a concurrent caller gets the same one). */
  open(): Promise<StoredOnlineSession> {
    const running = opening.get(this.storeKey);
    if (running) return running;
    const p = this.openNow().finally(() => opening.delete(this.storeKey));
    opening.set(this.storeKey, p);
    return p;
  }

  /**
   * ONE invoice POST into the given session (must be the one this client holds). No look-up and
   * no second POST: the caller owns reconciliation. Throws SessionNotHeldError when the session
   * is not held (nothing sent), and forgets a session KSeF says is closed (21173/21180).
   */
  async postInvoice(
    sessionReferenceNumber: string,
    xml: Uint8Array,
    opts: SendInvoiceOptions = {},
  ): Promise<{ invoiceReferenceNumber: string; invoiceHash: string }> {
    const session = await this.current();
    if (!session || session.referenceNumber !== sessionReferenceNumber) {
      throw new SessionNotHeldError(sessionReferenceNumber);
    }
    const sealed = await sealInvoice(session, xml);
    try {
      return { invoiceReferenceNumber: await this.post(session, sealed, opts), invoiceHash: sealed.invoiceHash };
    } catch (e) {
      if (e instanceof KsefRejectionError && [...SESSION_GONE_CODES, SESSION_FULL_CODE].some((c) => e.hasCode(c)))
        await this.forget();
      throw e;
    }
  }

  private async openNow(): Promise<StoredOnlineSession> {
    const session = await this.ctx.publicKeys.withKey('SymmetricKeyEncryption', async (pk) => {
      // A fresh key per attempt: after 21470 the key must be wrapped with the new certificate.
      const key = await createSessionKey(pk.key, this.ctx.random);
      const res = await this.auth.withAccess((bearer) =>
        this.ctx.http.request<{ referenceNumber: string; validUntil: string }>({
          route: 'onlineSessionOpen',
          bearer,
          json: {
            formCode: FA3_FORM_CODE,
            encryption: {
              encryptedSymmetricKey: key.encryptedSymmetricKeyB64,
              initializationVector: key.ivB64,
              ...(pk.publicKeyId ? { publicKeyId: pk.publicKeyId } : {}),
            },
          },
          expect: [201],
        }),
      );
      if (!res.data?.referenceNumber) throw new ProtocolError('brak numeru sesji', res.status);
      const now = this.ctx.now();
      const validUntil = res.data.validUntil ? Date.parse(res.data.validUntil) : now + 12 * 3600_000;
      return {
        referenceNumber: res.data.referenceNumber,
        validUntil,
        aesKey: key.aesKey,
        ivB64: key.ivB64,
        openedAt: now,
      } satisfies StoredOnlineSession;
    });
    this.memo = session;
    await this.ctx.store.set(this.storeKey, session);
    return session;
  }

  /** Closes the stored session (starts session-UPO generation, §3.5). Returns its reference. */
  async close(): Promise<string | undefined> {
    const s = this.memo ?? (await this.ctx.store.get<StoredOnlineSession>(this.storeKey));
    if (!s) return undefined;
    await this.forget();
    try {
      await this.auth.withAccess((bearer) =>
        this.ctx.http.request({
          route: 'onlineSessionClose',
          params: { referenceNumber: s.referenceNumber },
          bearer,
          expect: [204, 200],
          read: 'none',
        }),
      );
    } catch (e) {
      // Already closed/expired sessions answer 21173/21180: nothing left to close.
      if (!(e instanceof KsefRejectionError && SESSION_GONE_CODES.some((c) => e.hasCode(c)))) throw e;
    }
    return s.referenceNumber;
  }

  /** Looks an invoice up in a session by its hash (reconciliation after a lost answer). */
  async findByHash(sessionReferenceNumber: string, invoiceHash: string): Promise<SessionInvoiceStatus | undefined> {
    let found: SessionInvoiceStatus | undefined;
    await listSessionInvoices(this.ctx, this.auth, sessionReferenceNumber, 'all', (page) => {
      found = page.find((i) => i.invoiceHash === invoiceHash);
      return found !== undefined;
    });
    // Settled: a pending-send record for this hash (if a caller reconciled on its own) is obsolete.
    if (found) await this.ctx.store.delete(this.pendingKey(invoiceHash));
    return found;
  }

  private pendingKey(invoiceHash: string): string {
    return `${this.ctx.keyPrefix}:pending-send:${invoiceHash}`;
  }

  /**
   * Sends one invoice (the exact XML bytes) in the current session, opening one if needed.
   *
   * Write-ahead: before the POST a "pending" record (session, hash) is stored and it is removed only
   * once KSeF's answer is known. If an earlier call (or a worker that died mid-request) left one,
   * the invoice is first looked up in that session by hash — so a repeated call never sends blindly.
   * Throws typed errors; `NetworkError` with `outcomeUnknown` (or `RateLimitedError` during the
   * lookup) when the invoice could be neither confirmed nor ruled out — call again later.
   */
  async sendInvoice(xml: Uint8Array, opts: SendInvoiceOptions = {}): Promise<SentInvoice> {
    const invoiceHash = sha256Base64Sync(xml);
    const sent = (sessionReferenceNumber: string, invoiceReferenceNumber: string, recovered: boolean) => ({
      sessionReferenceNumber,
      invoiceReferenceNumber,
      invoiceHash,
      invoiceSize: xml.byteLength,
      recovered,
    });
    const pendingKey = this.pendingKey(invoiceHash);
    const earlier = await this.ctx.store.get<{ sessionReferenceNumber: string }>(pendingKey);
    if (earlier) {
      const found = await this.reconcile(earlier.sessionReferenceNumber, invoiceHash, undefined);
      await this.ctx.store.delete(pendingKey);
      if (found) return sent(earlier.sessionReferenceNumber, found.referenceNumber, true);
    }
    let session = await this.ensureOpen();
    let reopened = false;
    let resent = false;
    for (;;) {
      await this.ctx.store.set(pendingKey, { sessionReferenceNumber: session.referenceNumber, at: this.ctx.now() });
      try {
        const invoiceReferenceNumber = await this.post(session, await sealInvoice(session, xml), opts);
        await this.ctx.store.delete(pendingKey);
        return sent(session.referenceNumber, invoiceReferenceNumber, false);
      } catch (e) {
        const unknown = (e instanceof NetworkError && e.outcomeUnknown) || e instanceof UnavailableError;
        // Any other answer is definite: KSeF did not register the invoice.
        if (!unknown) await this.ctx.store.delete(pendingKey);
        if (e instanceof KsefRejectionError && SESSION_GONE_CODES.some((c) => e.hasCode(c)) && !reopened) {
          // Rejected synchronously: nothing was registered, a new session is safe.
          reopened = true;
          await this.forget();
          session = await this.open();
          continue;
        }
        if (!unknown) throw e;
        const found = await this.reconcile(session.referenceNumber, invoiceHash, e);
        await this.ctx.store.delete(pendingKey);
        if (found) return sent(session.referenceNumber, found.referenceNumber, true);
        // Confirmed absent from the session: sending again cannot create a second copy.
        if (resent) throw e;
        resent = true;
      }
    }
  }

  /** Looks the invoice up; a failed lookup leaves the outcome unknown (the pending record stays). */
  private async reconcile(
    sessionReferenceNumber: string,
    invoiceHash: string,
    original: unknown,
  ): Promise<SessionInvoiceStatus | undefined> {
    try {
      return await this.findByHash(sessionReferenceNumber, invoiceHash);
    } catch (e) {
      // Rate limited: say when to come back; the pending record makes the next call look up first.
      if (e instanceof RateLimitedError) throw e;
      if (original instanceof NetworkError) throw new NetworkError(true, original.timedOut, original);
      throw new NetworkError(true, false, original ?? e);
    }
  }

  private async post(session: StoredOnlineSession, sealed: SealedInvoice, opts: SendInvoiceOptions): Promise<string> {
    const body = invoiceSendBody(sealed, opts);
    const res = await this.auth.withAccess((bearer) =>
      this.ctx.http.request<{ referenceNumber: string }>({
        route: 'onlineInvoiceSend',
        params: { referenceNumber: session.referenceNumber },
        bearer,
        json: body,
        expect: [202],
      }),
    );
    if (!res.data?.referenceNumber) throw new ProtocolError('brak numeru referencyjnego faktury', res.status);
    return res.data.referenceNumber;
  }
}
