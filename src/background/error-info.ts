/**
 * The one table from the pipeline's codes to the `ErrorInfo.code` a page receives: a refusal
 * (`RefusalCode`, src/pipeline/errors.ts) or a port failure (`PortErrorKind`, the taxonomy at the
 * port boundary, src/pipeline/ports.ts). A `Record`, so a new code does not compile until it is
 * placed here.
 */
import type { ErrorCode } from '../messaging';
import type { PortErrorKind, RefusalCode } from '../pipeline';

export const ERROR_INFO_CODE: Record<RefusalCode | PortErrorKind, ErrorCode> = {
  // Refusals: wait for something running, fix the settings, or the request itself is wrong.
  'in-progress': 'busy',
  'processing-in-ksef': 'busy',
  'batch-in-progress': 'busy',
  'export-running': 'busy',
  'cannot-confirm': 'busy',
  'not-configured': 'not-configured',
  'bad-month': 'bad-request',
  'month-out-of-range': 'bad-request',
  'already-accepted': 'bad-request',
  'base-owned': 'bad-request',
  'series-excluded': 'bad-request',
  skipped: 'bad-request',
  'export-not-running': 'bad-request',
  'registered-in-ksef': 'bad-request',
  'not-linked': 'bad-request',
  // Port failures: a refused token is fixed in the settings; everything else is temporary.
  unauthorized: 'not-configured',
  'rate-limited': 'unavailable',
  'unknown-outcome': 'unavailable',
  rejected: 'unavailable',
  'not-found': 'unavailable',
  'session-gone': 'unavailable',
  unavailable: 'unavailable',
};
