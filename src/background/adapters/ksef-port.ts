/**
 * The pipeline's KSeF port over the real client (src/ksef). Errors become the pipeline's kinds:
 * anything that may have reached KSeF during an invoice POST is an "unknown outcome", which the
 * pipeline settles by looking the invoice up by its hash before any new send (docs/architecture.md
 * practice 6; CIRFMF/ksef-api#277). The invoice POST is ONE request into the session the
 * pipeline recorded: no second write-ahead record and no resend loop here.
 */
import {
  type GoneError,
  type InvoiceOutcome,
  interpretInvoiceStatus,
  isKsefError,
  type KsefClient,
  type KsefError,
  type KsefErrorKind,
  KsefRejectionError,
  type NetworkError,
  type ProtocolError,
  type RateLimitedError,
  SessionNotHeldError,
  type UnauthorizedError,
  type UnavailableError,
  type UnknownPublicKeyError,
  type UntrustedUploadHostError,
  type UpoResult,
} from '../../ksef';
import { listSessionInvoices } from '../../ksef/invoice-status';
import { SESSION_FULL_CODE, SESSION_GONE_CODES } from '../../ksef/online-session';
import { sessionUpoEntries } from '../../ksef/session-upo';
import type { KsefStatusInfo } from '../../outbox';
import { type KsefInvoiceStatus, type KsefPort, PortError } from '../../pipeline';
import type { PortErrorKind, SessionUpoEntries } from '../../pipeline/ports';
import { SecretStoreError } from '../../secrets/store';
import { clientErrorCode } from './client-errors';

function statusInfo(s: { code: number; description: string; details?: string[] | null }): KsefStatusInfo {
  return { code: s.code, description: s.description, ...(s.details?.length ? { details: [...s.details] } : {}) };
}

export function toPortStatus(o: InvoiceOutcome): KsefInvoiceStatus {
  switch (o.state) {
    case 'processing':
      return { kind: 'pending', code: o.code };
    case 'accepted':
      return {
        kind: 'accepted',
        ksefNumber: o.ksefNumber,
        ...(o.acquisitionDate ? { acquisitionDate: o.acquisitionDate } : {}),
        ...(o.invoicingMode ? { invoicingMode: o.invoicingMode } : {}),
      };
    case 'duplicate':
      return {
        kind: 'duplicate',
        ...(o.ksefNumber ? { originalKsefNumber: o.ksefNumber } : {}),
        ...(o.originalSessionReferenceNumber ? { originalSessionRef: o.originalSessionReferenceNumber } : {}),
        status: statusInfo(o.status),
        explanation: o.explanation,
      };
    case 'rejected':
      return { kind: 'rejected', status: statusInfo(o.status), explanation: o.explanation };
  }
}

/** What the failed call was: `sending` an invoice POST (a lost answer leaves the outcome open),
 * or a `lookup` of a session or invoice (404 / 21173 mean "not found"). */
interface Call {
  sending: boolean;
  lookup: boolean;
}

type KnownKsefError =
  | RateLimitedError
  | UnauthorizedError
  | UnknownPublicKeyError
  | GoneError
  | SessionNotHeldError
  | NetworkError
  | UnavailableError
  | KsefRejectionError
  | ProtocolError
  | UntrustedUploadHostError;

/** A port failure over a client error: its Polish message for logs, its code for the pages. */
function portError(kind: PortErrorKind, e: KsefError, extra: PortError['extra'] = {}): PortError {
  const text = clientErrorCode(e);
  return new PortError(kind, e.message, { ...extra, ...(text ? { text } : {}) }, { cause: e });
}

/** Unsure whether the request did anything: open outcome on a POST, a temporary failure otherwise. */
const unsure = (e: KsefError, c: Call) => portError(c.sending ? 'unknown-outcome' : 'unavailable', e);

function rejected(e: KsefRejectionError, c: Call): PortError {
  if (c.lookup && (e.hasCode(21173) || e.httpStatus === 404)) return portError('not-found', e);
  // On the POST, a closed (21173/21180) or full (21155) session refused it: nothing registered,
  // the invoice itself is fine and goes in a new session.
  if (c.sending && [...SESSION_GONE_CODES, SESSION_FULL_CODE].some((code) => e.hasCode(code)))
    return portError('session-gone', e);
  const first = e.errors[0];
  return portError('rejected', e, {
    status: first
      ? {
          code: first.code,
          description: first.description,
          ...(first.details.length ? { details: first.details } : {}),
        }
      : // No exception of KSeF's to show: the status alone, in no language (pages show it as KSeF's).
        { code: e.statusCode ?? e.httpStatus ?? 400, description: `HTTP ${e.httpStatus ?? 400}` },
  });
}

/**
 * One row per KSeF client error kind (src/ksef/errors.ts): the compiler proves every kind has a
 * place in the port taxonomy.
 */
const BY_KIND: { [K in KsefErrorKind]: (e: Extract<KnownKsefError, { kind: K }>, c: Call) => PortError } = {
  'rate-limited': (e) => portError('rate-limited', e, { retryAt: e.retryAt }),
  unauthorized: (e) => portError('unauthorized', e),
  'unknown-public-key': unsure,
  gone: (e, c) => (e instanceof SessionNotHeldError ? portError('session-gone', e) : unsure(e, c)),
  network: (e, c) => portError(c.sending && e.outcomeUnknown ? 'unknown-outcome' : 'unavailable', e),
  unavailable: (e, c) =>
    portError(c.sending ? 'unknown-outcome' : 'unavailable', e, e.retryAt ? { retryAt: e.retryAt } : {}),
  rejected,
  protocol: (e, c) => (c.lookup && e.httpStatus === 404 ? portError('not-found', e) : unsure(e, c)),
};

/** The only translator from KSeF client errors to the port taxonomy; anything else passes through. */
export function toPortError(e: unknown, sending = false, lookup = false): unknown {
  // The client could not be made: its token no longer decrypts (the extension's data was damaged
  // or partly cleared). Nothing reached KSeF; the seller has to enter the token again.
  if (e instanceof SecretStoreError) {
    const text = clientErrorCode(e);
    return new PortError('unauthorized', e.message, text ? { text } : {});
  }
  if (!isKsefError(e)) return e;
  const known = e as KnownKsefError;
  return (BY_KIND[known.kind] as (e: KnownKsefError, c: Call) => PortError)(known, { sending, lookup });
}

async function port<T>(run: () => Promise<T>, sending = false, lookup = false): Promise<T> {
  try {
    return await run();
  } catch (e) {
    throw toPortError(e, sending, lookup);
  }
}

/** A UPO KSeF cannot give yet: a limit (with its time) or "not available yet". */
export function upoLater(r: Extract<UpoResult, { state: 'try-later' }>): PortError {
  return new PortError(r.reason === 'rate-limited' ? 'rate-limited' : 'unavailable', r.explanation, {
    ...(r.retryAt ? { retryAt: r.retryAt } : {}),
    text: (r.cause && clientErrorCode(r.cause)) || { code: 'ksef.upo-not-ready' },
  });
}

export function ksefPort(client: () => Promise<KsefClient>): KsefPort {
  return {
    ensureSession: () =>
      port(async () => ({ sessionRef: (await (await client()).online.ensureOpen()).referenceNumber })),
    sendOnline: ({ sessionRef, xml, offline, correctionOf }) =>
      port(async () => {
        const sent = await (await client()).online.postInvoice(sessionRef, xml, {
          offlineMode: offline,
          ...(correctionOf ? { hashOfCorrectedInvoice: correctionOf } : {}),
        });
        return { sessionRef, invoiceRef: sent.invoiceReferenceNumber };
      }, true),
    findInSession: (sessionRef, hash) =>
      port(
        async () => {
          const found = await (await client()).online.findByHash(sessionRef, hash);
          return found ? { invoiceRef: found.referenceNumber } : null;
        },
        false,
        true,
      ),
    status: (sessionRef, invoiceRef) =>
      port(async () => toPortStatus(await (await client()).invoiceStatus(sessionRef, invoiceRef)), false, true),
    upo: (sessionRef, invoiceRef) =>
      port(async () => {
        const r = await (await client()).downloadUpo(sessionRef, invoiceRef);
        if (r.state === 'ok') return r.xml;
        throw upoLater(r);
      }),
    upoByKsefNumber: (sessionRef, ksefNumber) =>
      port(async () => {
        const r = await (await client()).downloadUpoByKsefNumber(sessionRef, ksefNumber);
        if (r.state === 'ok') return r.xml;
        throw upoLater(r);
      }),
    sessionUpo: (sessionRef) =>
      port(
        async () => {
          const upo = await (await client()).sessionUpo(sessionRef);
          if (upo.state !== 'ready') return null;
          const out: SessionUpoEntries = new Map();
          for (const page of upo.pages) {
            for (const [n, entry] of sessionUpoEntries(page.xml))
              out.set(n, { upoRef: page.upoReferenceNumber, entry });
          }
          return out;
        },
        false,
        true,
      ),
    storedHash: (ksefNumber) => port(async () => (await client()).storedInvoiceHash(ksefNumber)),
    openBatch: (items, opts) =>
      port(async () => {
        // Open and upload only: the pipeline records the session before closing it, so a worker
        // killed in between never gets the invoices registered twice (§4).
        const handle = await (await client()).batch.openAndUpload(items, { offlineMode: opts.offline });
        return {
          sessionRef: handle.referenceNumber,
          files: handle.files.map((f) => ({ id: f.id, hash: f.invoiceHash })),
        };
      }),
    closeBatch: (sessionRef) =>
      port(async () => {
        try {
          await (await client()).batch.close(sessionRef);
          return 'closed' as const;
        } catch (e) {
          // 21180: the session is past open (the close went through before the worker died);
          // 21205 / 21208: parts missing or the upload window passed, KSeF cancels it (§4).
          if (e instanceof KsefRejectionError && e.hasCode(21180)) return 'already-closed' as const;
          if (e instanceof KsefRejectionError && (e.hasCode(21205) || e.hasCode(21208))) return 'incomplete' as const;
          throw e;
        }
      }),
    batchResults: (sessionRef) =>
      port(async () => {
        const c = await client();
        const st = await c.batch.status(sessionRef);
        const done = st.status.code >= 200;
        if (!done) return { done: false, invoices: [] };
        const all = await listSessionInvoices(c.context, c.auth, sessionRef, 'all');
        const failed = await listSessionInvoices(c.context, c.auth, sessionRef, 'failed');
        const byHash = new Map<string, (typeof all)[number]>();
        for (const inv of [...all, ...failed]) byHash.set(inv.invoiceHash, inv);
        return {
          done: true,
          sessionStatus: statusInfo(st.status),
          invoices: [...byHash.values()].map((inv) => ({
            hash: inv.invoiceHash,
            invoiceRef: inv.referenceNumber,
            status: toPortStatus(interpretInvoiceStatus(inv)),
          })),
        };
      }),
  };
}
