/**
 * The pipeline's KSeF port over the real client (src/ksef). Errors become the pipeline's kinds:
 * anything that may have reached KSeF during an invoice POST is an "unknown outcome", which the
 * pipeline settles by looking the invoice up by its hash before any new send (architecture.md
 * practice 6; CIRFMF/ksef-api#277).
 */
import {
  type InvoiceOutcome,
  interpretInvoiceStatus,
  isKsefError,
  type KsefClient,
  KsefRejectionError,
  NetworkError,
  RateLimitedError,
  UnauthorizedError,
  UnavailableError,
} from '../../ksef';
import { listSessionInvoices } from '../../ksef/invoice-status';
import type { KsefStatusInfo } from '../../outbox';
import { type KsefInvoiceStatus, type KsefPort, PortError } from '../../pipeline';

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
        status: statusInfo(o.status),
        explanation: o.explanation,
      };
    case 'rejected':
      return { kind: 'rejected', status: statusInfo(o.status), explanation: o.explanation };
  }
}

/** `sending`: the call was an invoice POST, so a lost or broken answer leaves the outcome open. */
export function toPortError(e: unknown, sending = false): unknown {
  if (e instanceof PortError || !isKsefError(e)) return e;
  if (e instanceof RateLimitedError) return new PortError('rate-limited', e.message, { retryAt: e.retryAt });
  if (e instanceof UnauthorizedError) return new PortError('unauthorized', e.message);
  if (e instanceof NetworkError)
    return new PortError(sending && e.outcomeUnknown ? 'unknown-outcome' : 'unavailable', e.message);
  if (e instanceof UnavailableError)
    return new PortError(sending ? 'unknown-outcome' : 'unavailable', e.message, {
      ...(e.retryAt ? { retryAt: e.retryAt } : {}),
    });
  if (e instanceof KsefRejectionError) {
    const first = e.errors[0];
    return new PortError('rejected', e.message, {
      status: first
        ? {
            code: first.code,
            description: first.description,
            ...(first.details.length ? { details: first.details } : {}),
          }
        : { code: e.statusCode ?? e.httpStatus ?? 400, description: e.message },
    });
  }
  return new PortError(sending ? 'unknown-outcome' : 'unavailable', e.message);
}

async function port<T>(run: () => Promise<T>, sending = false): Promise<T> {
  try {
    return await run();
  } catch (e) {
    throw toPortError(e, sending);
  }
}

export function ksefPort(client: () => Promise<KsefClient>): KsefPort {
  return {
    ensureSession: () =>
      port(async () => ({ sessionRef: (await (await client()).online.ensureOpen()).referenceNumber })),
    sendOnline: ({ xml, offline, correctionOf }) =>
      port(async () => {
        const sent = await (await client()).online.sendInvoice(xml, {
          offlineMode: offline,
          ...(correctionOf ? { hashOfCorrectedInvoice: correctionOf } : {}),
        });
        return { sessionRef: sent.sessionReferenceNumber, invoiceRef: sent.invoiceReferenceNumber };
      }, true),
    findInSession: (sessionRef, hash) =>
      port(async () => {
        const found = await (await client()).online.findByHash(sessionRef, hash);
        return found ? { invoiceRef: found.referenceNumber } : null;
      }),
    status: (sessionRef, invoiceRef) =>
      port(async () => toPortStatus(await (await client()).invoiceStatus(sessionRef, invoiceRef))),
    upo: (sessionRef, invoiceRef) =>
      port(async () => {
        const r = await (await client()).downloadUpo(sessionRef, invoiceRef);
        if (r.state === 'ok') return r.xml;
        throw new PortError(r.reason === 'rate-limited' ? 'rate-limited' : 'unavailable', r.explanation, {
          ...(r.retryAt ? { retryAt: r.retryAt } : {}),
        });
      }),
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
