import type { Translate } from '../../i18n/pages';

/** The user-ready text of a failed command: the worker's message (already in the user's language,
 * src/platform/send.ts), or a generic one for anything without a message. */
export function errorText(err: unknown, t: Translate): string {
  if (err instanceof Error && err.message && err.message !== 'no reply') return err.message;
  if (err instanceof Error && err.message === 'no reply') return t('errNoWorker');
  return t('errFailed');
}
