/**
 * QR verification hosts per KSeF environment (docs/ksef-protocol.md §1.1 and §6; the official
 * vectors' `qrBaseUrls`), declared in src/core/env.ts. Kept apart from the API hosts: the links
 * printed on invoices point here.
 */
import { isKsefEnv, KSEF_QR_HOSTS } from '../core/env';

export { isKsefEnv, type KsefEnv } from '../core/env';

export const QR_BASE_URLS = KSEF_QR_HOSTS;

/** The QR base for an environment name, or a Polish error naming the accepted values. */
export function qrBaseFor(env: string): string {
  if (!isKsefEnv(env)) throw new Error(`Nieznane środowisko KSeF „${env}”: dozwolone test, demo, prod.`);
  return QR_BASE_URLS[env];
}
