/**
 * The skip list: invoices the seller marked "Pomiń / wystawiona poza KSeF" (issued in KSeF by
 * hand, a correction of an invoice issued outside KSeF…). A skipped invoice is never sent: the
 * send, the auto-send and the monthly export all refuse it (src/pipeline/rules.ts), and the
 * problems lists leave it out. Undoable: removing the mark makes the invoice an ordinary one.
 *
 * Kept in the outbox database's `meta` store under one key, changed in one transaction per
 * mark, so two quick clicks never lose each other's mark.
 */
import type { OutboxStore } from '../outbox/store';

export const SKIP_LIST_KEY = 'skip.list';
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

export async function readSkipList(store: Pick<OutboxStore, 'getMeta'>): Promise<SkipList> {
  return (await store.getMeta<SkipList>(SKIP_LIST_KEY)) ?? {};
}

async function change(store: MetaStore, mutate: (list: Record<string, SkipEntry>) => void): Promise<SkipList> {
  const tx = store.db.transaction('meta', 'readwrite');
  const list = { ...(((await tx.store.get(SKIP_LIST_KEY)) as SkipList | undefined) ?? {}) };
  mutate(list);
  await tx.store.put(list, SKIP_LIST_KEY);
  await tx.done;
  return list;
}

export function addSkip(store: MetaStore, entry: SkipEntry): Promise<SkipList> {
  return change(store, (list) => {
    list[entry.invoiceId] = entry;
  });
}

export function removeSkip(store: MetaStore, invoiceId: string): Promise<SkipList> {
  return change(store, (list) => {
    delete list[invoiceId];
  });
}
