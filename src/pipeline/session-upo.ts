/**
 * Batch invoices take their UPO from the session UPO: one read per page for the whole batch instead
 * of one rate-limited read per invoice. The session UPO is kept per session for a while within this
 * worker, so the hundreds of records of one batch share one read; "not issued yet" is kept shorter.
 */
import type { KsefPort, SessionUpoEntries } from './ports';

const READY_MS = 30 * 60_000;
const PENDING_MS = 5 * 60_000;
const MAX_SESSIONS = 20;

const cache = new Map<string, { at: number; value: SessionUpoEntries | null }>();
const inFlight = new Map<string, Promise<SessionUpoEntries | null>>();

/** The session UPO entries, or null while KSeF has not issued it; errors propagate (try later). */
export async function sessionUpoEntries(
  ksef: KsefPort,
  sessionRef: string,
  now: number,
): Promise<SessionUpoEntries | null> {
  const hit = cache.get(sessionRef);
  if (hit && now - hit.at < (hit.value ? READY_MS : PENDING_MS)) return hit.value;
  let p = inFlight.get(sessionRef);
  if (!p) {
    p = ksef.sessionUpo!(sessionRef).finally(() => inFlight.delete(sessionRef));
    inFlight.set(sessionRef, p);
  }
  const value = await p;
  cache.set(sessionRef, { at: now, value });
  while (cache.size > MAX_SESSIONS) cache.delete(cache.keys().next().value!);
  return value;
}

/** Forgets what was read (tests; a new worker starts empty anyway). */
export function clearSessionUpoCache(): void {
  cache.clear();
}
