/**
 * MF public-key certificates (docs/ksef-protocol.md §2.8): fetched from
 * `GET /security/public-key-certificates`, one picked per usage (valid now, latest `validFrom`),
 * cached in storage, `publicKeyId` sent with every use. On 400 21470 (key unknown/withdrawn after
 * a rotation) the list is refetched and the operation retried exactly once.
 */
import { importRsaOaepCertificate } from './crypto';
import { KsefRejectionError, ProtocolError, UnknownPublicKeyError } from './errors';
import type { KsefHttp } from './http';
import type { KvStore } from './storage';

export type PublicKeyUsage = 'KsefTokenEncryption' | 'SymmetricKeyEncryption';

export interface PublicKeyCertificate {
  certificate: string;
  certificateId?: string;
  publicKeyId?: string;
  validFrom: string;
  validTo: string;
  usage: string[];
}

export interface MfPublicKey {
  usage: PublicKeyUsage;
  publicKeyId: string | undefined;
  key: CryptoKey;
}

interface Cached {
  fetchedAt: number;
  certificates: PublicKeyCertificate[];
}

/** How long a fetched list is trusted before a routine refetch (rotation is announced, §2.8). */
const CACHE_TTL_MS = 24 * 60 * 60 * 1000;

export function pickCertificate(
  list: readonly PublicKeyCertificate[],
  usage: PublicKeyUsage,
  now: number,
): PublicKeyCertificate | undefined {
  const usable = list
    .filter((c) => c.usage.includes(usage) && now < Date.parse(c.validTo))
    .sort((a, b) => Date.parse(b.validFrom) - Date.parse(a.validFrom));
  // Valid now with the latest validFrom; if our clock runs behind a freshly rotated certificate's
  // validFrom (clock skew), the newest not-yet-expired one rather than none at all.
  return usable.find((c) => Date.parse(c.validFrom) <= now) ?? usable[0];
}

export class MfPublicKeys {
  private memo: Cached | undefined;
  private readonly imported = new Map<string, CryptoKey>();

  constructor(
    private readonly http: KsefHttp,
    private readonly store: KvStore,
    private readonly storeKey: string,
  ) {}

  async refresh(): Promise<void> {
    const res = await this.http.request<PublicKeyCertificate[]>({
      route: 'publicKeyCertificates',
      expect: [200],
    });
    if (!Array.isArray(res.data)) throw new ProtocolError('lista certyfikatów MF', res.status);
    this.memo = { fetchedAt: this.http.now(), certificates: res.data };
    this.imported.clear();
    await this.store.set(this.storeKey, this.memo);
  }

  async get(usage: PublicKeyUsage): Promise<MfPublicKey> {
    const now = this.http.now();
    this.memo ??= await this.store.get<Cached>(this.storeKey);
    let cert =
      this.memo && now - this.memo.fetchedAt < CACHE_TTL_MS
        ? pickCertificate(this.memo.certificates, usage, now)
        : undefined;
    if (!cert) {
      await this.refresh();
      cert = pickCertificate(this.memo!.certificates, usage, now);
    }
    if (!cert) throw new ProtocolError(`brak ważnego certyfikatu MF do ${usage}`);
    const id = cert.publicKeyId ?? cert.certificateId ?? cert.certificate.slice(0, 64);
    let key = this.imported.get(id);
    if (!key) {
      key = await importRsaOaepCertificate(cert.certificate);
      this.imported.set(id, key);
    }
    return { usage, publicKeyId: cert.publicKeyId, key };
  }

  /**
   * Runs `op` with the key for `usage`; on 21470 refetches the keys and retries once, then reports
   * `UnknownPublicKeyError`. `op` must rebuild everything that depends on the key (ciphertexts).
   */
  async withKey<T>(usage: PublicKeyUsage, op: (key: MfPublicKey) => Promise<T>): Promise<T> {
    const first = await this.get(usage);
    try {
      return await op(first);
    } catch (e) {
      if (!(e instanceof KsefRejectionError && e.hasCode(21470))) throw e;
    }
    await this.refresh();
    const second = await this.get(usage);
    try {
      return await op(second);
    } catch (e) {
      if (e instanceof KsefRejectionError && e.hasCode(21470)) throw new UnknownPublicKeyError(second.publicKeyId);
      throw e;
    }
  }
}
