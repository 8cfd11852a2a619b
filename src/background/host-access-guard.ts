/**
 * The worker refuses to send while the browser withholds a host it needs (Firefox lets the user
 * do so): nothing is claimed or written, so the invoice simply waits for the next click.
 */
import { workerTexts } from '../i18n/worker';
import type { Lang } from '../messaging';
import { missingHostOrigins } from '../platform/host-access';
import { hostOfPattern } from '../platform/required-hosts';
import { UserError } from './router';

/** Throws a user error naming the missing hosts; returns when every host is granted. */
export async function requireHostAccess(lang: () => Promise<Lang>): Promise<void> {
  const missing = await missingHostOrigins();
  if (missing.length === 0) return;
  const hosts = missing.map(hostOfPattern).join(', ');
  throw new UserError(workerTexts(await lang())('hostsBlocked', { hosts }), 'not-configured');
}
