/**
 * Refusals of the pipeline (a send that must not happen: in progress, already in KSeF, owned by
 * Base's integration, excluded series; or a request that makes no sense), and the one table from
 * the port taxonomy (`PortErrorKind`, ports.ts) to the reason a record carries. The pipeline
 * speaks in codes; the worker chooses the words (docs/architecture.md, "Errors and languages").
 */
import { message, type ReasonCode } from './messages';
import type { PortErrorKind } from './ports';

export type RefusalCode = Extract<
  ReasonCode,
  | 'in-progress'
  | 'processing-in-ksef'
  | 'batch-in-progress'
  | 'already-accepted'
  | 'base-owned'
  | 'series-excluded'
  | 'not-configured'
  | 'bad-month'
  | 'month-out-of-range'
  | 'export-running'
  | 'skipped'
  | 'export-not-running'
  | 'registered-in-ksef'
  | 'not-linked'
  | 'cannot-confirm'
>;

export class PipelineError extends Error {
  constructor(
    readonly code: RefusalCode,
    readonly params: Readonly<Record<string, string>> = {},
  ) {
    // A developer-facing default; the worker shows `message(code, params, lang)`.
    super(message(code, params));
    this.name = 'PipelineError';
  }
}

/**
 * The reason recorded when a port failure stops a send before anything reached KSeF. A refusal
 * of opening the session or of reading Base (rejected, not found) is shown as the service being
 * unavailable, with the service's own explanation in `{message}`; a closed session is retried in
 * a new one, like an outage. Only `unknown-outcome` is recorded elsewhere (`outcomeUnknown`).
 */
export const PORT_REASON: Record<PortErrorKind, ReasonCode> = {
  'rate-limited': 'rate-limited',
  'unknown-outcome': 'unknown-outcome',
  unauthorized: 'unauthorized',
  rejected: 'unavailable',
  'not-found': 'unavailable',
  'session-gone': 'unavailable',
  unavailable: 'unavailable',
};
