/**
 * Refusals of the pipeline: a send that must not happen (in progress, already in KSeF, owned by
 * Base's integration, excluded series) or a request that makes no sense. The message is ready for
 * the user (Polish); `code` is stable for the worker's mapping to `ErrorInfo` (messaging.ts).
 */
import { message, type ReasonCode } from './messages';

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
    super(message(code, params));
    this.name = 'PipelineError';
  }

  /** The messaging.ts ErrorInfo code this refusal maps to. */
  get errorInfoCode(): 'busy' | 'bad-request' | 'not-configured' {
    if (this.code === 'not-configured') return 'not-configured';
    if (this.code === 'bad-month' || this.code === 'month-out-of-range') return 'bad-request';
    if (
      this.code === 'in-progress' ||
      this.code === 'processing-in-ksef' ||
      this.code === 'batch-in-progress' ||
      this.code === 'export-running' ||
      this.code === 'cannot-confirm'
    )
      return 'busy';
    return 'bad-request';
  }
}
