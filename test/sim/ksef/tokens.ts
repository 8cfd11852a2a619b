// KSeF tokens: GET /tokens/{referenceNumber} (status of a token and the permissions it carries),
// what a client asks to tell the seller which permissions a token lacks before the first send.
import type { Ctx, Reply, Sim } from './core';
import { validationError } from './errors';

export function tokenStatus(sim: Sim, ctx: Ctx): Reply {
  const auth = sim.access(ctx);
  const ref = ctx.params.referenceNumber ?? '';
  const rec = [...sim.store.tokens.values()].find((t) => t.referenceNumber === ref);
  // A token of another context is as unknown as one that does not exist.
  if (!rec || rec.nip !== auth.contextValue) {
    throw validationError(['Nie znaleziono tokena o tym numerze referencyjnym.']);
  }
  return {
    status: 200,
    json: {
      referenceNumber: rec.referenceNumber,
      authorIdentifier: { type: 'Nip', value: rec.nip },
      contextIdentifier: { type: 'Nip', value: rec.nip },
      description: 'Token wygenerowany w symulatorze.',
      requestedPermissions: rec.permissions,
      dateCreated: sim.iso(sim.now()),
      lastUseDate: null,
      status: rec.revoked ? 'Revoked' : 'Active',
      statusDetails: [],
    },
  };
}
