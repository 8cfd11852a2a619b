/**
 * The skip list: invoices the seller marked "Pomiń / wystawiona poza KSeF" (issued in KSeF by
 * hand, a correction of an invoice issued outside KSeF…). A skipped invoice is never sent: the
 * send, the auto-send and the monthly export all refuse it (src/pipeline/rules.ts), and the
 * problems lists leave it out. Undoable: removing the mark makes the invoice an ordinary one.
 *
 * A mark belongs to a context (KSeF environment + seller NIP), like the outbox records: an invoice
 * issued by hand in KSeF TEST is still to be sent on PROD. Each context's marks are kept in the
 * outbox database's `meta` store under their own key, changed in one transaction per mark, so two
 * quick clicks never lose each other's mark.
 *
 * Older versions kept one list for every context (LEGACY_SKIP_LIST_KEY). Until it is moved into
 * a context (migrateSkipList, at worker start), its marks keep applying everywhere, as they did
 * when they were made: a mark is never lost, only narrowed once we know where it belongs.
 */
import type { OutboxStore } from '../outbox/store';
import type { OutboxContext } from '../outbox/types';

/** The list of the versions before marks had a context. */
export const LEGACY_SKIP_LIST_KEY = 'skip.list';
/** A reason is a short note for the seller and the accountant, not a document. */
export const MAX_SKIP_REASON = 200;

export interface SkipEntry {
  invoiceId: string;
  /** Invoice number as Base shows it, for lists. */
  number: string;
  reason: string;
  /** When the mark was made (ms since epoch). */
  at: number;
}

export type SkipList = Readonly<Record<string, SkipEntry>>;

type MetaStore = Pick<OutboxStore, 'db'>;

/** The meta key of one context's marks. */
export function skipListKey(ctx: OutboxContext): string {
  return `${LEGACY_SKIP_LIST_KEY}@${ctx.env}:${ctx.nip}`;
}

/** The marks that apply in `ctx`: its own and those not yet moved out of the old shared list. */
export async function readSkipList(store: Pick<OutboxStore, 'getMeta'>, ctx: OutboxContext): Promise<SkipList> {
  // The old list first: the migration writes the context's list and deletes the old one in one
  // transaction, so reading in this order sees the marks on one side or the other, never neither.
  const legacy = await store.getMeta<SkipList>(LEGACY_SKIP_LIST_KEY);
  const own = await store.getMeta<SkipList>(skipListKey(ctx));
  return { ...legacy, ...own };
}

async function change(
  store: MetaStore,
  ctx: OutboxContext,
  mutate: (list: Record<string, SkipEntry>) => void,
): Promise<SkipList> {
  const key = skipListKey(ctx);
  const tx = store.db.transaction('meta', 'readwrite');
  const list = { ...(((await tx.store.get(key)) as SkipList | undefined) ?? {}) };
  mutate(list);
  await tx.store.put(list, key);
  await tx.done;
  return list;
}

export function addSkip(store: MetaStore, ctx: OutboxContext, entry: SkipEntry): Promise<SkipList> {
  return change(store, ctx, (list) => {
    list[entry.invoiceId] = entry;
  });
}

/** Removes the mark in `ctx`, and an old shared one not migrated yet (else it would still apply). */
export async function removeSkip(store: MetaStore, ctx: OutboxContext, invoiceId: string): Promise<SkipList> {
  const key = skipListKey(ctx);
  const tx = store.db.transaction('meta', 'readwrite');
  const own = { ...(((await tx.store.get(key)) as SkipList | undefined) ?? {}) };
  delete own[invoiceId];
  await tx.store.put(own, key);
  const legacy = (await tx.store.get(LEGACY_SKIP_LIST_KEY)) as SkipList | undefined;
  if (legacy && Object.hasOwn(legacy, invoiceId)) {
    const rest = { ...legacy };
    delete rest[invoiceId];
    await tx.store.put(rest, LEGACY_SKIP_LIST_KEY);
  }
  await tx.done;
  return own;
}

/**
 * Moves the old shared list into `ctx`, the settings' context at the moment (where the seller was
 * working when the marks were made, as with the outbox records of before v5, src/outbox/db.ts).
 * Left alone while no NIP is set: marks moved to an empty NIP would stop applying once it is
 * entered. A mark the context already has wins (it is the newer one). Returns how many moved.
 */
export async function migrateSkipList(store: MetaStore, ctx: OutboxContext): Promise<number> {
  if (!/^\d{10}$/.test(ctx.nip)) return 0;
  const key = skipListKey(ctx);
  const tx = store.db.transaction('meta', 'readwrite');
  const legacy = (await tx.store.get(LEGACY_SKIP_LIST_KEY)) as SkipList | undefined;
  if (!legacy) {
    await tx.done;
    return 0;
  }
  const own = ((await tx.store.get(key)) as SkipList | undefined) ?? {};
  await tx.store.put({ ...legacy, ...own }, key);
  await tx.store.delete(LEGACY_SKIP_LIST_KEY);
  await tx.done;
  return Object.keys(legacy).length;
}
