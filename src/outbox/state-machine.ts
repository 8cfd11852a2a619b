/**
 * The allowed state transitions, in one place. Every write of a record goes through
 * `assertTransition`, so an impossible jump (e.g. accepted → sending, which would be a second
 * send of an invoice already in KSeF) fails loudly instead of corrupting the outbox.
 *
 *   (new) ─► queued ─► sending ─► processing ─► accepted
 *              ▲  │       │  │          │
 *              │  ▼       │  ▼          ▼
 *       needs-attention ◄─┘  rejected ◄─┘   (rejected → sending again after a fix)
 *
 * A `processing` record raised to needs-attention keeps its link and returns to processing,
 * accepted or rejected when a check settles it.
 */
import type { InvoiceState } from '../messaging';

export const STATES: readonly InvoiceState[] = [
  'queued',
  'sending',
  'processing',
  'accepted',
  'rejected',
  'needs-attention',
];

const ALLOWED: Readonly<Record<InvoiceState | 'new', readonly InvoiceState[]>> = {
  new: ['queued', 'sending', 'needs-attention'],
  queued: ['sending', 'needs-attention'],
  // sending → queued: a rate limit hit BEFORE KSeF registered anything (nothing to lose);
  // sending → accepted: a lost answer reconciled to an invoice KSeF already numbered.
  sending: ['queued', 'processing', 'accepted', 'rejected', 'needs-attention'],
  // processing → needs-attention: no final status for too long, or every check failed; the link
  // stays, so a later check still settles it.
  processing: ['accepted', 'rejected', 'needs-attention'],
  // Terminal: the invoice is in KSeF; nothing may send it again (seed: "never twice").
  accepted: [],
  rejected: ['queued', 'sending', 'needs-attention'],
  // needs-attention → processing/accepted/rejected: a record raised with its link kept is settled
  // by a later check ("Sprawdź teraz").
  'needs-attention': ['queued', 'sending', 'processing', 'accepted', 'rejected'],
};

export function canTransition(from: InvoiceState | undefined, to: InvoiceState): boolean {
  if (from === to) return true; // an update inside a state (counters, dates) is not a transition
  return ALLOWED[from ?? 'new'].includes(to);
}

export class TransitionError extends Error {
  constructor(
    readonly from: InvoiceState | undefined,
    readonly to: InvoiceState,
  ) {
    super(`Niedozwolona zmiana stanu faktury: ${from ?? '(brak)'} → ${to}.`);
    this.name = 'TransitionError';
  }
}

export function assertTransition(from: InvoiceState | undefined, to: InvoiceState): void {
  if (!canTransition(from, to)) throw new TransitionError(from, to);
}

/** States in which KSeF may hold (or be about to hold) the invoice: a new send is refused. */
export function isInFlight(state: InvoiceState | undefined): boolean {
  return state === 'sending' || state === 'processing';
}
