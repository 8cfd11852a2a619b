// Read-side extras a client may use: invoice download by KSeF number, session list, authentication sessions and
// their revocation (docs/ksef-protocol.md §2.6, §3.4; openapi.json).

import { visibleAuthStatus } from './auth';
import type { Ctx, Reply, Sim } from './core';
import { badRequest, validationError } from './errors';
import { effectiveRateLimits } from './limits';
import { MAX_INVOICE_BYTES, MAX_INVOICE_WITH_ATTACHMENT_BYTES } from './processing';
import { sessionStatus, xmlReply } from './sessions';
import type { AuthOp, SessionRec } from './store';

function page<T>(ctx: Ctx, items: T[], min: number, max: number) {
  const pageSize = Number(ctx.query.get('pageSize') ?? min);
  if (!Number.isInteger(pageSize) || pageSize < min || pageSize > max) {
    throw validationError([`pageSize musi być liczbą całkowitą z zakresu ${min}..${max}.`]);
  }
  const header = ctx.req.headers['x-continuation-token'];
  const start = typeof header === 'string' && header ? Number(Buffer.from(header, 'base64url').toString()) : 0;
  if (!Number.isInteger(start) || start < 0) {
    throw badRequest(21418, 'Przekazany token kontynuacji ma nieprawidłowy format.', []);
  }
  const next = start + pageSize < items.length ? Buffer.from(String(start + pageSize)).toString('base64url') : null;
  return { items: items.slice(start, start + pageSize), continuationToken: next };
}

/** GET /invoices/ksef/{ksefNumber}: the invoice XML once in permanent storage (before: 21165, CIRFMF/ksef-api#96). */
export function downloadInvoice(sim: Sim, ctx: Ctx): Reply {
  const auth = sim.access(ctx, ['InvoiceRead']);
  const n = ctx.params.ksefNumber!;
  for (const s of sim.store.sessions.values()) {
    const inv = s.invoices.find((i) => i.ksefNumber === n && i.result.code === 200);
    if (!inv?.xml || !(inv.partyNips ?? []).includes(auth.contextValue)) continue;
    if (sim.now() < (inv.permanentMs ?? inv.tFinal)) {
      throw badRequest(21165, 'Faktura o podanym numerze KSeF nie jest jeszcze dostępna.', [
        `Faktura o numerze KSeF ${n} została przetworzona, ale nie jest jeszcze dostępna do pobrania. Spróbuj ponownie później.`,
      ]);
    }
    return xmlReply(inv.xml);
  }
  throw badRequest(21164, 'Faktura o podanym identyfikatorze nie istnieje.', [
    `Faktura o numerze KSeF ${n} nie została znaleziona.`,
  ]);
}

const COMMON: Record<string, (code: number) => boolean> = {
  InProgress: (c) => c === 100 || c === 150 || c === 170,
  Succeeded: (c) => c === 200,
  Failed: (c) => c >= 400 && c !== 440,
  Cancelled: (c) => c === 440,
};

/** GET /sessions?sessionType=Online|Batch (required) with optional filters. */
export function listSessions(sim: Sim, ctx: Ctx): Reply {
  const auth = sim.access(ctx, ['InvoiceWrite', 'Introspection', 'EnforcementOperations']);
  const type = ctx.query.get('sessionType');
  if (type !== 'Online' && type !== 'Batch')
    throw validationError(['Parametr sessionType (Online|Batch) jest wymagany.']);
  const statuses = ctx.query.getAll('statuses');
  const ref = ctx.query.get('referenceNumber');
  const all = [...sim.store.sessions.values()]
    .filter((s) => s.contextValue === auth.contextValue && s.kind === (type === 'Online' ? 'online' : 'batch'))
    .filter((s) => !ref || s.referenceNumber === ref)
    .map((s): [SessionRec, number] => [s, sessionStatus(sim, s).code])
    .filter(([, code]) => statuses.length === 0 || statuses.some((st) => COMMON[st]?.(code)))
    .sort((a, b) => b[0].createdMs - a[0].createdMs);
  const { items, continuationToken } = page(ctx, all, 10, 1000);
  return {
    status: 200,
    json: {
      ...(continuationToken ? { continuationToken } : {}),
      sessions: items.map(([s]) => {
        const final = s.invoices.map((i) => (sim.now() >= i.tFinal ? i.result.code : 100));
        return {
          referenceNumber: s.referenceNumber,
          status: sessionStatus(sim, s),
          dateCreated: sim.iso(s.createdMs),
          dateUpdated: sim.iso(s.updatedMs),
          validUntil: sim.iso(s.validUntilMs),
          totalInvoiceCount: s.invoices.length,
          successfulInvoiceCount: final.filter((c) => c === 200).length,
          failedInvoiceCount: final.filter((c) => c >= 400).length,
        };
      }),
    },
  };
}

/** GET /auth/sessions: active authentications (redeemed, not revoked) of the caller's context. */
export function listAuthSessions(sim: Sim, ctx: Ctx): Reply {
  const current = sim.access(ctx);
  const all = [...sim.store.auths.values()]
    .filter((a) => a.contextValue === current.contextValue && a.redeemed && !a.revoked)
    .sort((a, b) => b.startMs - a.startMs);
  const { items, continuationToken } = page(ctx, all, 10, 100);
  return {
    status: 200,
    json: {
      ...(continuationToken ? { continuationToken } : {}),
      items: items.map((a: AuthOp) => ({
        startDate: sim.iso(a.startMs),
        authenticationMethod: a.authMethod,
        authenticationMethodInfo:
          a.method === 'Token'
            ? { category: 'Token', code: 'token.ksef', displayName: 'Token KSeF' }
            : { category: 'XadesSignature', code: 'xades', displayName: 'Podpis XAdES' },
        status: visibleAuthStatus(sim, a),
        isTokenRedeemed: a.redeemed,
        lastTokenRefreshDate: a.lastRefreshMs ? sim.iso(a.lastRefreshMs) : null,
        refreshTokenValidUntil: a.refreshValidUntilMs ? sim.iso(a.refreshValidUntilMs) : null,
        referenceNumber: a.referenceNumber,
        isCurrent: a.referenceNumber === current.referenceNumber,
      })),
    },
  };
}

/** DELETE /auth/sessions/current (access or refresh token): the refresh token stops working; access tokens live on. */
export function revokeCurrent(sim: Sim, ctx: Ctx): Reply {
  const { auth } = sim.bearer(ctx, ['ContextToken', 'RefreshToken']);
  auth.revoked = true;
  return { status: 204 };
}

export function revokeOther(sim: Sim, ctx: Ctx): Reply {
  const current = sim.access(ctx);
  const target = sim.store.auths.get(ctx.params.referenceNumber!);
  if (!target || target.contextValue !== current.contextValue) {
    throw badRequest(21304, 'Brak uwierzytelnienia.', [
      `Operacja uwierzytelniania o numerze referencyjnym ${ctx.params.referenceNumber} nie została znaleziona.`,
    ]);
  }
  target.revoked = true;
  return { status: 204 };
}

/** GET /rate-limits: the values this simulator enforces (the spec's x-rate-limits, §8.1). */
export function rateLimits(sim: Sim, ctx: Ctx): Reply {
  sim.access(ctx);
  return { status: 200, json: effectiveRateLimits(sim.limiter.overrides) };
}

/** GET /limits/context (§8.3; 1 MB = 1 000 000 B). */
export function contextLimits(sim: Sim, ctx: Ctx): Reply {
  sim.access(ctx);
  const limits = {
    maxInvoiceSizeInMB: MAX_INVOICE_BYTES / 1_000_000,
    maxInvoiceWithAttachmentSizeInMB: MAX_INVOICE_WITH_ATTACHMENT_BYTES / 1_000_000,
    maxInvoices: 10_000,
  };
  return { status: 200, json: { onlineSession: limits, batchSession: limits } };
}
