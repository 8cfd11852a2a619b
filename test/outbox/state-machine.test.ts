import { describe, expect, it } from 'vitest';
import type { InvoiceState } from '../../src/messaging';
import { assertTransition, canTransition, isInFlight, STATES, TransitionError } from '../../src/outbox/state-machine';

describe('outbox state machine', () => {
  const allowed: [InvoiceState | undefined, InvoiceState][] = [
    [undefined, 'queued'],
    [undefined, 'sending'],
    [undefined, 'needs-attention'],
    ['queued', 'sending'],
    ['sending', 'processing'],
    ['sending', 'queued'],
    ['sending', 'accepted'],
    ['sending', 'rejected'],
    ['sending', 'needs-attention'],
    ['processing', 'accepted'],
    ['processing', 'rejected'],
    ['rejected', 'sending'],
    ['rejected', 'queued'],
    ['needs-attention', 'sending'],
    // Raised with its link kept (no final status for too long), then settled by a check.
    ['processing', 'needs-attention'],
    ['needs-attention', 'processing'],
    ['needs-attention', 'accepted'],
    ['needs-attention', 'rejected'],
  ];
  const forbidden: [InvoiceState | undefined, InvoiceState][] = [
    [undefined, 'processing'],
    [undefined, 'accepted'],
    ['queued', 'processing'],
    ['queued', 'accepted'],
    ['processing', 'sending'],
    ['processing', 'queued'],
    ['rejected', 'processing'],
    ['rejected', 'accepted'],
    ['accepted', 'needs-attention'],
  ];

  it.each(allowed)('allows %s → %s', (from, to) => {
    expect(canTransition(from, to)).toBe(true);
    expect(() => assertTransition(from, to)).not.toThrow();
  });

  it.each(forbidden)('refuses %s → %s', (from, to) => {
    expect(canTransition(from, to)).toBe(false);
    expect(() => assertTransition(from, to)).toThrow(TransitionError);
  });

  it('accepted is terminal: nothing may leave it (never twice)', () => {
    for (const to of STATES) {
      expect(canTransition('accepted', to)).toBe(to === 'accepted');
    }
  });

  it('staying in a state is an update, not a transition', () => {
    for (const s of STATES) expect(canTransition(s, s)).toBe(true);
  });

  it('in flight means sending or processing', () => {
    expect(STATES.filter(isInFlight)).toEqual(['sending', 'processing']);
    expect(isInFlight(undefined)).toBe(false);
  });

  it('explains a refused transition in Polish', () => {
    expect(() => assertTransition('accepted', 'sending')).toThrow(
      /Niedozwolona zmiana stanu faktury: accepted → sending/,
    );
  });
});
