/**
 * KSeF environments and their hosts (ksef-protocol.md §0, §1.1). Every API path lives under `/v2`;
 * URLs returned by the API (UPO, batch parts) point at the host of the environment that was called,
 * which is why `apiHost` is kept separately: the client refuses pre-signed URLs on other hosts.
 */
export type KsefEnvName = 'test' | 'demo' | 'prod';

export interface KsefEnvironment {
  name: KsefEnvName;
  /** API base including `/v2`, no trailing slash. */
  apiBaseUrl: string;
  /** QR verification base (KOD I / KOD II), no trailing slash. */
  qrBaseUrl: string;
}

export const KSEF_ENVIRONMENTS: Readonly<Record<KsefEnvName, KsefEnvironment>> = {
  test: { name: 'test', apiBaseUrl: 'https://api-test.ksef.mf.gov.pl/v2', qrBaseUrl: 'https://qr-test.ksef.mf.gov.pl' },
  demo: { name: 'demo', apiBaseUrl: 'https://api-demo.ksef.mf.gov.pl/v2', qrBaseUrl: 'https://qr-demo.ksef.mf.gov.pl' },
  prod: { name: 'prod', apiBaseUrl: 'https://api.ksef.mf.gov.pl/v2', qrBaseUrl: 'https://qr.ksef.mf.gov.pl' },
};

/** An environment with its API base replaced (tests point the client at the simulator this way). */
export function withApiBase(env: KsefEnvironment, apiBaseUrl: string): KsefEnvironment {
  return { ...env, apiBaseUrl: apiBaseUrl.replace(/\/+$/, '') };
}

/** Host (with port) of the environment's API: the only host trusted for pre-signed URLs (§1.1, §3.5). */
export function apiHost(env: KsefEnvironment): string {
  return new URL(env.apiBaseUrl).host;
}
