/**
 * The worker refuses to send while the browser withholds a host it needs (Firefox lets the user
 * do so): nothing is claimed or written, so the invoice simply waits for the next click.
 */
import type { Lang } from '../messaging';
import { missingHostOrigins } from '../platform/host-access';
import { hostOfPattern } from '../platform/required-hosts';
import { UserError } from './router';

const TEXT: Record<Lang, string> = {
  pl: 'Przeglądarka nie pozwala rozszerzeniu łączyć się z: {hosts}. Otwórz ustawienia rozszerzenia, kliknij „Zezwól na połączenia” i wyślij fakturę ponownie.',
  en: 'The browser does not let the extension connect to: {hosts}. Open the extension options, click “Allow connections” and send the invoice again.',
};

/** Throws a user error naming the missing hosts; returns when every host is granted. */
export async function requireHostAccess(lang: () => Promise<Lang>): Promise<void> {
  const missing = await missingHostOrigins();
  if (missing.length === 0) return;
  const hosts = missing.map(hostOfPattern).join(', ');
  throw new UserError(TEXT[await lang()].replace('{hosts}', hosts), 'not-configured');
}
