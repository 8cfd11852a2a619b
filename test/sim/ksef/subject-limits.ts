// GET /limits/subject and GET /certificates/limits (openapi.json, "Limity i kwoty"): the certificate and
// enrollment limits of the authenticated subject. Certificates count from the ones seeded for its NIP.

import { certStatus } from './certificates';
import type { Ctx, Reply, Sim } from './core';

/** The values of the spec's own example for GET /limits/subject. */
export const MAX_ENROLLMENTS = 12;
export const MAX_CERTIFICATES = 6;

function subjectNip(sim: Sim, ctx: Ctx): string {
  const auth = sim.access(ctx);
  return auth.subject.type === 'Nip' ? auth.subject.value : auth.contextValue;
}

export function subjectLimits(sim: Sim, ctx: Ctx): Reply {
  subjectNip(sim, ctx);
  return {
    status: 200,
    json: { enrollment: { maxEnrollments: MAX_ENROLLMENTS }, certificate: { maxCertificates: MAX_CERTIFICATES } },
  };
}

export function certificateLimits(sim: Sim, ctx: Ctx): Reply {
  const nip = subjectNip(sim, ctx);
  const mine = [...sim.store.certificates.values()].filter((c) => c.nip === nip);
  const active = mine.filter((c) => certStatus(sim, c) === 'Active').length;
  const enrollment = { limit: MAX_ENROLLMENTS, remaining: Math.max(0, MAX_ENROLLMENTS - mine.length) };
  const certificate = { limit: MAX_CERTIFICATES, remaining: Math.max(0, MAX_CERTIFICATES - active) };
  return {
    status: 200,
    json: { canRequest: enrollment.remaining > 0 && certificate.remaining > 0, enrollment, certificate },
  };
}
