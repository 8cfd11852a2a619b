/**
 * Named transitions of an outbox record: each says which state it leads to and owns what that
 * state sets and clears, so no caller lists fields to delete by hand. `OutboxStore.apply` writes
 * one in a single read-modify-write (the state machine still checks the move).
 */
import type { InvoiceState } from '../messaging';
import type { AttemptEntry, BuildProblem, KsefStatusInfo, OutboxRecord, SendTrigger } from './types';

type Key = keyof OutboxRecord;

export interface Transition {
  /** The state the record moves to; undefined keeps the current one (an update inside a state). */
  to?: InvoiceState;
  set: Partial<OutboxRecord>;
  /** Cleared unless `set` gives them a new value. */
  clear: readonly Key[];
  attempt?: Omit<AttemptEntry, 'at'>;
}

/** Who is sending right now. */
const LEASE = ['owner', 'leaseUntil'] as const satisfies readonly Key[];
/** The link to one attempt in KSeF. */
const LINK = ['sessionRef', 'invoiceRef'] as const satisfies readonly Key[];
/** The bytes of that attempt. */
const BYTES = ['hash', 'xml'] as const satisfies readonly Key[];
/** The current problem. */
const PROBLEM = ['reasonCode', 'reason', 'reasonParams', 'problems', 'ksefStatus'] as const satisfies readonly Key[];
/** What an acceptance gives. */
const OUTCOME = [
  'ksefNumber',
  'processedAt',
  'invoicingMode',
  'duplicateAdopted',
  'originalSessionRef',
  'originalInvoiceRef',
  'kod1Url',
  'kod2Url',
  'offlineWithoutCertificate',
  'upo',
  'upoMissing',
  'sessionUpo',
] as const satisfies readonly Key[];
/** Counters of one waiting period. */
const COUNTERS = ['checks', 'failedChecks'] as const satisfies readonly Key[];

type SummaryFields = Pick<
  OutboxRecord,
  'number' | 'seriesId' | 'issueDate' | 'orderId' | 'buyerName' | 'totalGross' | 'currency'
>;

/** Bytes built and recorded for an online send, before any network step (write-ahead). */
export function toSending(a: {
  fields: SummaryFields;
  hash: string;
  xml: Uint8Array;
  offline: boolean;
  leaseUntil: number;
  links?: { kod1Url?: string; kod2Url?: string; withoutCert: boolean };
  detail: string;
}): Transition {
  return {
    to: 'sending',
    set: {
      ...a.fields,
      hash: a.hash,
      xml: a.xml,
      offline: a.offline,
      channel: 'online',
      leaseUntil: a.leaseUntil,
      ...(a.links?.kod1Url ? { kod1Url: a.links.kod1Url } : {}),
      ...(a.links?.kod2Url ? { kod2Url: a.links.kod2Url } : {}),
      ...(a.links ? { offlineWithoutCertificate: a.links.withoutCert } : {}),
    },
    clear: [...LINK, 'batchJob', 'retryAt', ...OUTCOME, ...PROBLEM, ...COUNTERS],
    attempt: { event: 'built', detail: a.detail },
  };
}

/** Bytes built and recorded for a batch of the export job (claimed by `claim` with `batchJob`). */
export function toBatchPrepared(a: {
  fields: SummaryFields;
  hash: string;
  xml: Uint8Array;
  offline: boolean;
}): Transition {
  return {
    to: 'sending',
    set: { ...a.fields, hash: a.hash, xml: a.xml, offline: a.offline, channel: 'batch' },
    clear: [...LINK, ...OUTCOME, ...PROBLEM, ...COUNTERS],
    attempt: { event: 'built', trigger: 'export' },
  };
}

/** The session the POST will go to, written before the POST. */
export function withSession(sessionRef: string, leaseUntil?: number, event = 'session'): Transition {
  return { set: { sessionRef, ...(leaseUntil !== undefined ? { leaseUntil } : {}) }, clear: [], attempt: { event } };
}

/** The session could not have registered the invoice (gone, refused the POST): forget it. */
export function sessionCleared(event: string, detail?: string): Transition {
  return { set: {}, clear: ['sessionRef'], attempt: { event, ...(detail ? { detail } : {}) } };
}

/**
 * KSeF refused the technical correction itself (nothing registered): the invoice goes as a new
 * one, no longer pointing at the rejected file.
 */
export function correctionDropped(code: string): Transition {
  return { set: {}, clear: ['correctionOf'], attempt: { event: 'correction-refused', detail: code } };
}

/** KSeF registered the invoice: wait for its status. */
export function toProcessing(a: {
  sessionRef: string;
  invoiceRef?: string;
  channel?: 'online' | 'batch';
  retryAt: number;
  event: string;
  trigger?: SendTrigger;
}): Transition {
  return {
    to: 'processing',
    set: {
      sessionRef: a.sessionRef,
      ...(a.invoiceRef ? { invoiceRef: a.invoiceRef } : {}),
      ...(a.channel ? { channel: a.channel } : {}),
      checks: 0,
      retryAt: a.retryAt,
    },
    clear: [...LEASE, ...PROBLEM, 'failedChecks', ...(a.invoiceRef ? [] : (['invoiceRef'] as const))],
    attempt: { event: a.event, ...(a.trigger ? { trigger: a.trigger } : {}) },
  };
}

/**
 * The POST may have reached KSeF and nothing settled it yet: stay `sending` with the bytes, the
 * hash and the session until KSeF's session list says what happened.
 */
export function stillUnknown(a: {
  retryAt: number;
  reasonCode: string;
  reasonParams?: Record<string, string>;
  detail: string;
  failedChecks: number;
}): Transition {
  return {
    to: 'sending',
    set: {
      retryAt: a.retryAt,
      reasonCode: a.reasonCode,
      reasonParams: a.reasonParams ?? {},
      failedChecks: a.failedChecks,
    },
    clear: [...LEASE],
    attempt: { event: 'unknown-outcome', detail: a.detail },
  };
}

/** Nothing reached KSeF (a limit or an outage before the POST): wait, then build and send again. */
export function toQueued(a: {
  retryAt: number;
  reasonCode: string;
  reasonParams: Record<string, string>;
  event: string;
  detail?: string;
}): Transition {
  return {
    to: 'queued',
    set: { retryAt: a.retryAt, reasonCode: a.reasonCode, reasonParams: a.reasonParams },
    clear: [...LEASE, ...LINK],
    attempt: { event: a.event, ...(a.detail ? { detail: a.detail } : {}) },
  };
}

/**
 * The user must look. Without `keepLink` nothing of the attempt is in KSeF (the link and the
 * bytes go); with it the invoice MAY be in KSeF, so the link, bytes and hash stay and a later
 * check (`checkAt`) or "Sprawdź teraz" settles it.
 */
export function toAttention(a: {
  reasonCode: string;
  reasonParams: Record<string, string>;
  event: string;
  detail?: string;
  trigger?: SendTrigger;
  keepLink?: { checkAt: number };
}): Transition {
  return {
    to: 'needs-attention',
    set: {
      reasonCode: a.reasonCode,
      reasonParams: a.reasonParams,
      ...(a.keepLink ? { retryAt: a.keepLink.checkAt } : {}),
    },
    clear: [
      ...LEASE,
      'retryAt',
      'problems',
      'reason',
      ...(a.keepLink ? [] : ([...LINK, ...BYTES, 'batchJob', ...COUNTERS] as const)),
    ],
    attempt: {
      event: a.event,
      ...(a.detail ? { detail: a.detail } : {}),
      ...(a.trigger ? { trigger: a.trigger } : {}),
    },
  };
}

/** The FA(3) could not be built: the user must fix the invoice in Base. */
export function toBuildFailed(
  fields: SummaryFields,
  errors: readonly BuildProblem[],
  trigger?: SendTrigger,
): Transition {
  return {
    to: 'needs-attention',
    set: {
      ...fields,
      reasonCode: 'build-failed',
      reasonParams: { problems: errors.map((p) => p.message).join(' ') },
      problems: [...errors],
    },
    clear: [...LEASE, ...LINK, ...BYTES, 'batchJob', 'retryAt', 'reason', 'ksefStatus', ...COUNTERS],
    attempt: {
      event: 'build-failed',
      detail: errors.map((p) => p.code).join(','),
      ...(trigger ? { trigger } : {}),
    },
  };
}

/**
 * KSeF's session list confirmed the invoice is not registered and the user marked it as not sent:
 * the attempt is forgotten, the invoice can be sent again.
 */
export function toMarkedUnsent(): Transition {
  return {
    to: 'needs-attention',
    set: { reasonCode: 'marked-unsent', reasonParams: {} },
    clear: [...LEASE, ...LINK, ...BYTES, 'batchJob', 'retryAt', 'problems', 'reason', 'ksefStatus', ...COUNTERS],
    attempt: { event: 'marked-unsent' },
  };
}

/** Rejection: keep KSeF's reason, clear the link so the fixed invoice can be sent again. */
export function toRejected(a: {
  status: KsefStatusInfo;
  explanation: string;
  rejectedHash?: string;
  correctionOf?: string;
  event: string;
}): Transition {
  return {
    to: 'rejected',
    set: {
      ksefStatus: a.status,
      reason: a.explanation,
      reasonCode: 'rejected',
      reasonParams: { explanation: a.explanation },
      ...(a.rejectedHash ? { rejectedHash: a.rejectedHash } : {}),
      ...(a.correctionOf ? { correctionOf: a.correctionOf } : {}),
    },
    clear: [...LEASE, 'retryAt', ...COUNTERS, 'problems', 'batchJob', ...LINK, ...BYTES],
    attempt: { event: a.event, detail: String(a.status.code) },
  };
}

/** Accepted (or a 440 adopted): the KSeF number and the links; the UPO comes next. */
export function toAccepted(a: {
  ksefNumber: string;
  offline: boolean;
  processedAt?: string;
  invoicingMode?: 'Online' | 'Offline';
  links: { kod1Url?: string; kod2Url?: string; withoutCert: boolean };
  duplicate?: { status: KsefStatusInfo; originalSessionRef?: string };
  event: string;
}): Transition {
  const set: Partial<OutboxRecord> = {
    ksefNumber: a.ksefNumber,
    offline: a.offline,
    upoMissing: 1,
    ...(a.processedAt ? { processedAt: a.processedAt } : {}),
    ...(a.invoicingMode ? { invoicingMode: a.invoicingMode } : {}),
    ...(a.links.kod1Url ? { kod1Url: a.links.kod1Url } : {}),
    ...(a.links.kod2Url ? { kod2Url: a.links.kod2Url } : {}),
  };
  const clear: Key[] = [...LEASE, 'retryAt', 'problems', 'correctionOf', ...COUNTERS];
  if (a.duplicate) {
    // KOD II belongs to the original's issuer; KOD I only from the stored file's hash.
    set.duplicateAdopted = true;
    set.ksefStatus = a.duplicate.status;
    set.reasonCode = 'duplicate-adopted';
    set.reasonParams = { ksefNumber: a.ksefNumber };
    if (a.duplicate.originalSessionRef) set.originalSessionRef = a.duplicate.originalSessionRef;
    clear.push('kod1Url', 'kod2Url', 'offlineWithoutCertificate', 'reason');
  } else {
    set.offlineWithoutCertificate = a.links.withoutCert;
    clear.push('ksefStatus', 'reason', 'duplicateAdopted', 'originalSessionRef', 'originalInvoiceRef');
    if (a.links.withoutCert) {
      set.reasonCode = 'offline-no-certificate';
      set.reasonParams = {};
    } else {
      clear.push('reasonCode', 'reasonParams');
    }
  }
  return { to: 'accepted', set, clear, attempt: { event: a.event } };
}

/**
 * The UPO is stored: KSeF holds the invoice and the UPO proves it, so the exact bytes are no
 * longer needed (the hash stays, for KOD I and support).
 */
export function upoStored(upo: string): Transition {
  return { set: { upo }, clear: ['upoMissing', 'xml'], attempt: { event: 'upo' } };
}

/** A batch invoice confirmed by the session UPO: as good as its own UPO for "KSeF has it". */
export function sessionUpoStored(sessionUpo: NonNullable<OutboxRecord['sessionUpo']>): Transition {
  return { set: { sessionUpo }, clear: ['upoMissing', 'xml'], attempt: { event: 'session-upo' } };
}

/** A UPO that cannot be had (nothing to ask for): stop asking. */
export function upoNotExpected(): Transition {
  return { set: {}, clear: ['upoMissing'] };
}

/** An update inside the current state (counters, a reference learnt, a history line). */
export function note(
  set: Partial<OutboxRecord>,
  attempt?: Omit<AttemptEntry, 'at'>,
  clear: readonly Key[] = [],
): Transition {
  return { set, clear, ...(attempt ? { attempt } : {}) };
}
