/**
 * The worker's services, created lazily and cached for the life of one worker instance (module
 * state is only a cache: the worker dies after 30 s idle, docs/architecture.md practice 4). Clients
 * are rebuilt when the settings or tokens they depend on change.
 */
import { type BaseClient, RateLimiter as BaseLimiter, createBaseClient } from '../base/api';
import { type WorkerText, workerTexts } from '../i18n/worker';
import { createKsefClient, type KsefClient } from '../ksef';
import type { Lang, Settings } from '../messaging';
import { type OutboxContext, OutboxStore } from '../outbox';
import { type KsefPort, Pipeline } from '../pipeline';
import { browser } from '../platform/browser';
import { openSecretStore, SECRET_BASE_API_TOKEN, SECRET_KSEF_TOKEN, type SecretStore } from '../secrets';
import { loadSettings } from '../settings/store';
import { migrateSkipList } from '../skip/store';
import { basePort } from './adapters/base-port';
import { fa3Port } from './adapters/fa3-port';
import { ksefPort } from './adapters/ksef-port';
import { qrPort } from './adapters/qr-port';
import { wakeAt } from './alarms';
import { EncryptedKv } from './encrypted-kv';
import { fa3Validator } from './libxml2-loader';
import { offlineKeySession } from './offline-key-session';
import { UserError } from './router';
import { TokensInSession } from './session-kv';

const fetchFn: typeof fetch = (input, init) => globalThis.fetch(input, init);

/** The KSeF token kept for one context, so its records can be settled after the settings move on. */
export function contextTokenName(ctx: OutboxContext): string {
  return `${SECRET_KSEF_TOKEN}@${ctx.env}:${ctx.nip}`;
}

async function fingerprint(s: string): Promise<string> {
  const d = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(s));
  return Array.from(new Uint8Array(d).slice(0, 8), (b) => b.toString(16).padStart(2, '0')).join('');
}

export class Services {
  private secretsP?: Promise<SecretStore>;
  private kvP?: Promise<EncryptedKv>;
  private outboxP?: Promise<OutboxStore>;
  private pipelineP?: Promise<Pipeline>;
  private ksefCache?: { key: string; client: KsefClient } | undefined;
  private readonly otherKsef = new Map<string, KsefClient>();
  private baseCache?: { key: string; client: BaseClient } | undefined;
  readonly instanceId = crypto.randomUUID();

  settings(): Promise<Settings> {
    return loadSettings();
  }

  async lang(): Promise<Lang> {
    return (await this.settings()).uiLang;
  }

  async t(): Promise<WorkerText> {
    return workerTexts(await this.lang());
  }

  secrets(): Promise<SecretStore> {
    this.secretsP ??= openSecretStore();
    return this.secretsP;
  }

  kv(): Promise<EncryptedKv> {
    this.kvP ??= EncryptedKv.open();
    return this.kvP;
  }

  outbox(): Promise<OutboxStore> {
    // Records written before they carried a context belong to the settings of the moment of the
    // upgrade: that is where they were sent.
    this.outboxP ??= this.settings().then(async (s) => {
      const store = await OutboxStore.open(undefined, { legacyContext: { env: s.env, nip: s.nip } });
      // Skip marks of the same older versions likewise (src/skip/store.ts). A failed move changes
      // nothing: the old marks keep applying until the next worker start tries again.
      await migrateSkipList(store, s).catch(() => 0);
      return store;
    });
    return this.outboxP;
  }

  /**
   * The KSeF port of another context (environment + NIP), with the token kept for it when it
   * was the current one; null without such a token. Settles records left in flight there.
   */
  async ksefFor(ctx: OutboxContext): Promise<KsefPort | null> {
    const token = await (await this.secrets()).getSecret(contextTokenName(ctx));
    if (!token || !/^\d{10}$/.test(ctx.nip)) return null;
    const key = `${ctx.env}|${ctx.nip}|${await fingerprint(token)}`;
    let client = this.otherKsef.get(key);
    if (!client) {
      client = createKsefClient({
        env: ctx.env,
        nip: ctx.nip,
        credential: token,
        store: await this.kv(),
        fetch: fetchFn,
        rateLimits: { maxWaitMs: 2_000 },
        timeoutMs: 30_000,
      });
      this.otherKsef.set(key, client);
    }
    const c = client;
    return ksefPort(async () => c);
  }

  /** The KSeF client for the current environment, NIP and token; refuses clearly when unset. */
  async ksef(): Promise<KsefClient> {
    const [s, t, secrets] = await Promise.all([this.settings(), this.t(), this.secrets()]);
    if (!/^\d{10}$/.test(s.nip)) throw new UserError(t('noNip'), 'not-configured');
    const token = await secrets.getSecret(SECRET_KSEF_TOKEN);
    if (!token) throw new UserError(t('noKsefToken'), 'not-configured');
    const key = `${s.env}|${s.nip}|${await fingerprint(token)}`;
    if (this.ksefCache?.key !== key) {
      this.ksefCache = {
        key,
        client: createKsefClient({
          env: s.env,
          nip: s.nip,
          credential: token,
          // Access and refresh tokens in memory-only session storage, the rest sealed on disk.
          store: new TokensInSession(await this.kv(), browser.storage.session),
          fetch: fetchFn,
          // Waits are reported as "retry at T" and become alarms, not sleeps (docs/ksef-protocol.md §8.1).
          rateLimits: { maxWaitMs: 2_000 },
          timeoutMs: 30_000,
        }),
      };
    }
    return this.ksefCache.client;
  }

  async base(): Promise<BaseClient> {
    const [t, secrets] = await Promise.all([this.t(), this.secrets()]);
    const token = await secrets.getSecret(SECRET_BASE_API_TOKEN);
    if (!token) throw new UserError(t('noBaseToken'), 'not-configured');
    const key = await fingerprint(token);
    if (this.baseCache?.key !== key) {
      this.baseCache = {
        key,
        client: createBaseClient({
          token,
          fetch: fetchFn,
          // Well under Base's 100 requests/minute (docs/base.md §1.1); waits are reported, not slept.
          limiter: new BaseLimiter(),
          wait: 'report',
        }),
      };
    }
    return this.baseCache.client;
  }

  /** Forget clients after a settings or token change (the next call rebuilds them). */
  forgetClients(): void {
    this.ksefCache = undefined;
    this.baseCache = undefined;
  }

  pipeline(): Promise<Pipeline> {
    this.pipelineP ??= (async () => {
      const store = await this.outbox();
      return new Pipeline({
        store,
        base: basePort(() => this.base()),
        fa3: fa3Port({
          base: () => this.base(),
          outbox: store,
          validate: async (xml) => (await fa3Validator()).validate(xml),
          fetch: fetchFn,
        }),
        ksef: ksefPort(() => this.ksef()),
        ksefFor: (ctx) => this.ksefFor(ctx),
        qr: qrPort(() => this.secrets(), offlineKeySession),
        clock: { now: () => Date.now() },
        scheduler: { at: (name, when) => wakeAt(name, when) },
        settings: () => this.settings(),
        instanceId: this.instanceId,
      });
    })();
    return this.pipelineP;
  }
}
