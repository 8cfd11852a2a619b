/**
 * QR verification hosts per KSeF environment (docs/ksef-protocol.md §1.1 and §6; the official
 * vectors' `qrBaseUrls`). Kept apart from the API hosts: the links printed on invoices point here.
 */
export type KsefEnv = 'test' | 'demo' | 'prod';

export const QR_BASE_URLS: Readonly<Record<KsefEnv, string>> = {
  test: 'https://qr-test.ksef.mf.gov.pl',
  demo: 'https://qr-demo.ksef.mf.gov.pl',
  prod: 'https://qr.ksef.mf.gov.pl',
};

export function isKsefEnv(x: unknown): x is KsefEnv {
  return x === 'test' || x === 'demo' || x === 'prod';
}

/** The QR base for an environment name, or a Polish error naming the accepted values. */
export function qrBaseFor(env: string): string {
  if (!isKsefEnv(env)) throw new Error(`Nieznane środowisko KSeF „${env}”: dozwolone test, demo, prod.`);
  return QR_BASE_URLS[env];
}
