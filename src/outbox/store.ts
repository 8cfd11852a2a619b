/**
 * Reads and writes of outbox records. Every write is a read-modify-write inside ONE IndexedDB
 * transaction, with the transition checked against the state machine, so two sends racing in the
 * same worker (double click, two tabs, auto-send meeting a click) cannot both win: IndexedDB runs
 * overlapping readwrite transactions on a store one after the other ("never twice").
 */
import type { InvoiceState } from '../messaging';
import { type OpenOptions, OUTBOX_DB_NAME, type OutboxDb, openOutboxDb, type RecordKey } from './db';
import { assertTransition } from './state-machine';
import type { Transition } from './transitions';
import {
  type AttemptEntry,
  MAX_ATTEMPTS,
  type OutboxContext,
  type OutboxRecord,
  RECORD_SCHEMA,
  type RecordRef,
  type SendTrigger,
  sameContext,
} from './types';

function keyOf(ref: RecordRef): RecordKey {
  return [ref.env, ref.nip, ref.invoiceId];
}

/** Writes that come before a network step: committed to disk before the promise resolves. */
export interface WriteOptions {
  strict?: boolean;
}

export type ChangeListener = (record: OutboxRecord, previous: OutboxRecord | undefined) => void;

export type ClaimResult =
  | { ok: true; record: OutboxRecord; previous: OutboxRecord | undefined; takenOver: boolean }
  | { ok: false; reason: 'in-progress' | 'processing' | 'batch' | 'accepted'; record: OutboxRecord };

export interface ClaimOptions {
  owner: string;
  now: number;
  leaseMs: number;
  trigger: SendTrigger;
  /**
   * Take over a `sending` record whose claim belongs to someone else (a killed worker) even if
   * its lease has not run out. Only `resume()` at worker start-up may do that.
   */
  takeOverForeign?: boolean;
  /** The export job claiming for a batch; a record in a job's batch is refused to everyone else. */
  batchJob?: string;
  /** Summary fields for a record created by this claim. */
  number?: string | undefined;
}

export function appendAttempt(attempts: readonly AttemptEntry[], entry: AttemptEntry): AttemptEntry[] {
  const next = [...attempts, entry];
  return next.length > MAX_ATTEMPTS ? next.slice(next.length - MAX_ATTEMPTS) : next;
}

/** `base` with `patch` laid over it, `remove` cleared and `attempt` added to its history. */
function patched(
  base: OutboxRecord,
  now: number,
  patch: Partial<OutboxRecord>,
  attempt: Omit<AttemptEntry, 'at'> | undefined,
  remove: readonly (keyof OutboxRecord)[],
): OutboxRecord {
  const next: OutboxRecord = { ...base, ...patch };
  // A key both set and listed for removal keeps the new value ("clear unless set anew").
  for (const k of remove) if (!(k in patch)) delete next[k];
  if (attempt) next.attempts = appendAttempt(base.attempts, { at: now, ...attempt });
  return next;
}

/** A blank record for an invoice the outbox has not seen yet. */
export function newRecord(ref: RecordRef, state: InvoiceState, now: number, number = ''): OutboxRecord {
  return {
    schema: RECORD_SCHEMA,
    env: ref.env,
    nip: ref.nip,
    invoiceId: ref.invoiceId,
    state,
    number,
    createdAt: now,
    updatedAt: now,
    stateSince: now,
    attempts: [],
  };
}

export class OutboxStore {
  private readonly listeners = new Set<ChangeListener>();

  constructor(readonly db: OutboxDb) {}

  static async open(name = OUTBOX_DB_NAME, opts: OpenOptions = {}): Promise<OutboxStore> {
    return new OutboxStore(await openOutboxDb(name, opts));
  }

  /** Called after every committed change (the worker notifies on rejections, bumps the revision). */
  onChange(listener: ChangeListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  close(): void {
    this.db.close();
  }

  get(ref: RecordRef): Promise<OutboxRecord | undefined> {
    return this.db.get('invoices', keyOf(ref));
  }

  /** Every record of every context. */
  all(): Promise<OutboxRecord[]> {
    return this.db.getAll('invoices');
  }

  /** Records in `state`, of every context or of `ctx` only. */
  async byState(state: InvoiceState, ctx?: OutboxContext): Promise<OutboxRecord[]> {
    const list = await this.db.getAllFromIndex('invoices', 'byState', state);
    return ctx ? list.filter((r) => sameContext(r, ctx)) : list;
  }

  /** Accepted records whose UPO is still to be fetched (sparse index, v4), of every context. */
  withoutUpo(): Promise<OutboxRecord[]> {
    return this.db.getAllFromIndex('invoices', 'byUpoMissing', 1);
  }

  /** The most recently changed records, newest first, optionally only those `filter` keeps. */
  async recent(limit: number, filter: (r: OutboxRecord) => boolean = () => true): Promise<OutboxRecord[]> {
    const out: OutboxRecord[] = [];
    let cursor = await this.db.transaction('invoices').store.index('byUpdatedAt').openCursor(null, 'prev');
    while (cursor && out.length < limit) {
      if (filter(cursor.value)) out.push(cursor.value);
      cursor = await cursor.continue();
    }
    return out;
  }

  /**
   * Read-modify-write of one record in one transaction. `mutate` must be synchronous (an
   * IndexedDB transaction commits as soon as it waits for anything else); it returns the new
   * record, or undefined to leave the record as it is. `stateSince` follows state changes.
   */
  async update(
    ref: RecordRef,
    now: number,
    mutate: (current: OutboxRecord | undefined) => OutboxRecord | undefined,
    opts: WriteOptions = {},
  ): Promise<OutboxRecord | undefined> {
    const tx = this.db.transaction('invoices', 'readwrite', { durability: opts.strict ? 'strict' : 'default' });
    const current = await tx.store.get(keyOf(ref));
    const next = mutate(current);
    if (!next) {
      await tx.done;
      return current;
    }
    assertTransition(current?.state, next.state);
    const saved: OutboxRecord = {
      ...next,
      env: ref.env,
      nip: ref.nip,
      invoiceId: ref.invoiceId,
      updatedAt: now,
      stateSince: current && current.state === next.state ? next.stateSince : now,
    };
    await tx.store.put(saved);
    await tx.done;
    this.emit(saved, current);
    return saved;
  }

  /** Shorthand: patch fields (and maybe the state) of an existing record, adding a history line. */
  async patch(
    ref: RecordRef,
    now: number,
    patch: Partial<OutboxRecord>,
    attempt?: Omit<AttemptEntry, 'at'>,
    remove: readonly (keyof OutboxRecord)[] = [],
    opts: WriteOptions = {},
  ): Promise<OutboxRecord> {
    const saved = await this.update(
      ref,
      now,
      (cur) => patched(cur ?? newRecord(ref, patch.state ?? 'queued', now), now, patch, attempt, remove),
      opts,
    );
    return saved!;
  }

  /** Writes a named transition (src/outbox/transitions.ts): what the state sets and clears. */
  apply(ref: RecordRef, now: number, t: Transition, opts: WriteOptions = {}): Promise<OutboxRecord> {
    return this.patch(ref, now, t.to ? { ...t.set, state: t.to } : t.set, t.attempt, t.clear, opts);
  }

  /**
   * `apply`, but only if the stored record is still the version `seen` (same `updatedAt`), checked
   * in the write's own transaction. For a decision taken on an answer that arrived after an await:
   * if anything wrote the record meanwhile, the decision may be stale, so nothing is written and
   * undefined comes back.
   */
  async applyIfUnchanged(seen: OutboxRecord, now: number, t: Transition): Promise<OutboxRecord | undefined> {
    let stale = false;
    const saved = await this.update(seen, now, (cur) => {
      if (!cur || cur.updatedAt !== seen.updatedAt || cur.state !== seen.state) {
        stale = true;
        return undefined;
      }
      return patched(cur, now, t.to ? { ...t.set, state: t.to } : t.set, t.attempt, t.clear);
    });
    return stale ? undefined : saved;
  }

  /**
   * The atomic check-and-set that makes a send exclusive: in one transaction, refuse when the
   * invoice is accepted or a send of it is in progress, otherwise mark it `sending` under
   * `owner` with a lease. A `sending` record whose lease ran out (its worker died) is taken over,
   * which is safe because the record says what reached KSeF (the caller reconciles first).
   */
  async claim(ref: RecordRef, opts: ClaimOptions): Promise<ClaimResult> {
    // Strict: the claim is what keeps a second send away, so it is on disk before anything runs.
    const tx = this.db.transaction('invoices', 'readwrite', { durability: 'strict' });
    const current = await tx.store.get(keyOf(ref));
    let result: ClaimResult;
    if (current?.state === 'accepted') {
      result = { ok: false, reason: 'accepted', record: current };
    } else if (current?.state === 'processing') {
      result = { ok: false, reason: 'processing', record: current };
    } else if (
      current &&
      opts.batchJob &&
      (current.sessionRef || (current.state === 'sending' && current.batchJob !== opts.batchJob))
    ) {
      // The export takes over neither a send whose outcome is unknown (someone else's `sending`)
      // nor any record linked to a session: the invoice may be in KSeF already.
      result = {
        ok: false,
        reason: current.state === 'sending' && !current.batchJob ? 'in-progress' : 'batch',
        record: current,
      };
    } else if (current?.state === 'sending' && current.batchJob && current.batchJob !== opts.batchJob) {
      // Bytes prepared for (or sent in) a batch session: only that export job may move them on,
      // or the same invoice could go out online and in the batch.
      result = { ok: false, reason: 'batch', record: current };
    } else if (
      current?.state === 'sending' &&
      current.owner !== undefined &&
      (current.owner === opts.owner || !opts.takeOverForeign) &&
      (current.leaseUntil ?? 0) > opts.now
    ) {
      result = { ok: false, reason: 'in-progress', record: current };
    } else {
      const takenOver = current?.state === 'sending';
      const base = current ?? newRecord(ref, 'sending', opts.now, opts.number);
      const record: OutboxRecord = {
        ...base,
        state: 'sending',
        trigger: opts.trigger,
        owner: opts.owner,
        leaseUntil: opts.now + opts.leaseMs,
        updatedAt: opts.now,
        stateSince: takenOver ? base.stateSince : opts.now,
        attempts: appendAttempt(base.attempts, {
          at: opts.now,
          trigger: opts.trigger,
          event: takenOver ? 'resumed' : 'claimed',
        }),
      };
      delete record.retryAt;
      if (opts.batchJob) record.batchJob = opts.batchJob;
      else delete record.batchJob;
      assertTransition(current?.state, 'sending');
      await tx.store.put(record);
      result = { ok: true, record, previous: current, takenOver };
    }
    await tx.done;
    if (result.ok) this.emit(result.record, result.previous);
    return result;
  }

  /**
   * Gives a claim back without any network step having happened (e.g. the invoice turned out to
   * belong to Base's own integration): the record returns to what it was, or disappears.
   */
  async release(ref: RecordRef, owner: string, previous: OutboxRecord | undefined): Promise<void> {
    const tx = this.db.transaction('invoices', 'readwrite');
    const current = await tx.store.get(keyOf(ref));
    if (current?.state !== 'sending' || current.owner !== owner) {
      await tx.done;
      return;
    }
    if (previous) await tx.store.put(previous);
    else await tx.store.delete(keyOf(ref));
    await tx.done;
    if (previous) this.emit(previous, current);
  }

  async getMeta<T>(key: string): Promise<T | undefined> {
    return (await this.db.get('meta', key)) as T | undefined;
  }

  async setMeta(key: string, value: unknown): Promise<void> {
    await this.db.put('meta', value, key);
  }

  async deleteMeta(key: string): Promise<void> {
    await this.db.delete('meta', key);
  }

  private emit(record: OutboxRecord, previous: OutboxRecord | undefined): void {
    for (const l of this.listeners) {
      try {
        l(record, previous);
      } catch {
        // A listener's bug must not undo a committed write or stop the pipeline.
      }
    }
  }
}
