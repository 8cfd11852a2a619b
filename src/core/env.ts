/**
 * The three KSeF environments and the Ministry's hosts for each (docs/ksef-protocol.md §0, §1.1).
 * One list, so the manifest's host permissions, the client, the QR links and the help texts agree.
 */

export const KSEF_ENVS = ['test', 'demo', 'prod'] as const;
export type KsefEnv = (typeof KSEF_ENVS)[number];

export function isKsefEnv(x: unknown): x is KsefEnv {
  return typeof x === 'string' && (KSEF_ENVS as readonly string[]).includes(x);
}

/** KSeF's own domain: every Ministry host below lies within `https://*.ksef.mf.gov.pl`. */
export const KSEF_DOMAIN = 'ksef.mf.gov.pl';

/** API origins (no path, no trailing slash); every API path lives under `KSEF_API_PATH`. */
export const KSEF_API_HOSTS: Readonly<Record<KsefEnv, string>> = {
  test: 'https://api-test.ksef.mf.gov.pl',
  demo: 'https://api-demo.ksef.mf.gov.pl',
  prod: 'https://api.ksef.mf.gov.pl',
};

export const KSEF_API_PATH = '/v2';

/** Where KOD I / KOD II verification links point (docs/ksef-protocol.md §6.1), no trailing slash. */
export const KSEF_QR_HOSTS: Readonly<Record<KsefEnv, string>> = {
  test: 'https://qr-test.ksef.mf.gov.pl',
  demo: 'https://qr-demo.ksef.mf.gov.pl',
  prod: 'https://qr.ksef.mf.gov.pl',
};

/** The Ministry's taxpayer application per environment, where a user creates the KSeF token. */
export const KSEF_TAXPAYER_APPS: Readonly<Record<KsefEnv, string>> = {
  test: 'https://web2te-ksef.mf.gov.pl/web/',
  demo: 'https://web2tr-ksef.mf.gov.pl/web/',
  prod: 'https://ksef.podatki.gov.pl/',
};

/** API base of an environment including the version path, e.g. `https://api-test.ksef.mf.gov.pl/v2`. */
export function ksefApiBase(env: KsefEnv): string {
  return `${KSEF_API_HOSTS[env]}${KSEF_API_PATH}`;
}
