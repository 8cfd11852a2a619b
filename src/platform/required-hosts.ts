/**
 * The hosts the extension must be allowed to reach to send invoices, and how a user reads them.
 * Pure (no extension APIs), so pages' unit tests and the e2e tests can import it.
 */
import { BASE_API_HOST_PERMISSIONS, KSEF_API_HOST_PERMISSIONS, NBP_API_HOST_PERMISSIONS } from './hosts';

export const REQUIRED_HOST_ORIGINS: readonly string[] = [
  ...KSEF_API_HOST_PERMISSIONS,
  ...BASE_API_HOST_PERMISSIONS,
  ...NBP_API_HOST_PERMISSIONS,
];

/** `https://api.nbp.pl/*` → `api.nbp.pl`. */
export function hostOfPattern(pattern: string): string {
  return pattern.replace(/^[a-z*]+:\/\//, '').replace(/\/.*$/, '');
}
