/**
 * KSeF environments and their hosts (docs/ksef-protocol.md §0, §1.1). Every API path lives under `/v2`;
 * URLs returned by the API (UPO, batch parts) point at the host of the environment that was called,
 * which is why `apiHost` is kept separately: the client refuses pre-signed URLs on other hosts.
 */
import { KSEF_DOMAIN, KSEF_ENVS, KSEF_QR_HOSTS, type KsefEnv, ksefApiBase } from '../core/env';

export { KSEF_DOMAIN };

export interface KsefEnvironment {
  name: KsefEnv;
  /** API base including `/v2`, no trailing slash. */
  apiBaseUrl: string;
  /** QR verification base (KOD I / KOD II), no trailing slash. */
  qrBaseUrl: string;
}

/** The Ministry's environments as the client uses them; the hosts are declared in src/core/env.ts. */
export const KSEF_ENVIRONMENTS: Readonly<Record<KsefEnv, KsefEnvironment>> = Object.fromEntries(
  KSEF_ENVS.map((name) => [name, { name, apiBaseUrl: ksefApiBase(name), qrBaseUrl: KSEF_QR_HOSTS[name] }]),
) as Record<KsefEnv, KsefEnvironment>;

/** An environment with its API base replaced (tests point the client at the simulator this way). */
export function withApiBase(env: KsefEnvironment, apiBaseUrl: string): KsefEnvironment {
  return { ...env, apiBaseUrl: apiBaseUrl.replace(/\/+$/, '') };
}

/** Host (with port) of the environment's API: the only host trusted for pre-signed URLs (§1.1, §3.5). */
export function apiHost(env: KsefEnvironment): string {
  return new URL(env.apiBaseUrl).host;
}

/**
 * Whether a pre-signed upload URL may receive invoice data: the environment's API host, or an
 * https host of KSeF's own domain (the spec's example hands out a separate storage host; production
 * uses the API host). Anything else is refused before a single byte leaves.
 */
export function isKsefUploadUrl(url: string, env: KsefEnvironment): boolean {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return false;
  }
  if (u.host === apiHost(env)) return true;
  return u.protocol === 'https:' && (u.hostname === KSEF_DOMAIN || u.hostname.endsWith(`.${KSEF_DOMAIN}`));
}
