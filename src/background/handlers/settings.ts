/**
 * Settings, secrets, connection check, series and the Offline certificate.
 * Secrets go in encrypted and never come back out: answers say only whether they exist.
 */
import { INVOICE_READ, INVOICE_WRITE, type KsefClient } from '../../ksef';
import type { ConnectionCheck, SecretsPresence, Settings } from '../../messaging';
import {
  importOfflineCertificateKey,
  isKeyImportError,
  KEY_OFFLINE_CERTIFICATE,
  type OfflineCertificateMeta,
  PassphraseError,
  protectedKeyStatus,
  removeOfflineCertificateKey,
  SECRET_BASE_API_TOKEN,
  SECRET_KSEF_TOKEN,
  type SecretStore,
  unlockOfflineKey,
} from '../../secrets';
import { InvalidSettings, saveSettings } from '../../settings/store';
import { baseTokenError, fieldMessage, ksefTokenError } from '../../settings/validate';
import { ensureAlarms } from '../alarms';
import { offlineKeySession } from '../offline-key-session';
import type { Handlers } from '../router';
import { UserError } from '../router';
import { contextTokenName, type Services } from '../services';
import type { WorkerText } from '../texts';

export async function presence(store: SecretStore): Promise<SecretsPresence> {
  const plain = await store.getKey<OfflineCertificateMeta>(KEY_OFFLINE_CERTIFICATE);
  const guarded = plain ? undefined : await protectedKeyStatus(store, offlineKeySession());
  const meta = plain?.meta ?? guarded?.meta;
  return {
    ksefToken: await store.hasSecret(SECRET_KSEF_TOKEN),
    baseToken: await store.hasSecret(SECRET_BASE_API_TOKEN),
    offlineKey: meta
      ? {
          keyType: meta.keyDescription,
          serialNumber: meta.certificateSerial,
          ...(guarded ? { protected: true, locked: guarded.locked } : {}),
        }
      : null,
  };
}

/** What a token may do, against what the extension needs: sending needs InvoiceWrite; status
 * downloads and purchase invoices need InvoiceRead. */
function withPermissions(okText: string, present: string[] | null | undefined, t: WorkerText): ConnectionCheck['ksef'] {
  if (!present) return { ok: true, message: present === undefined ? `${okText} ${t('ksefPermsUnknown')}` : okText };
  const owner = present.includes('Owner');
  const missing = owner ? [] : [INVOICE_WRITE, INVOICE_READ].filter((p) => !present.includes(p));
  const permissions = { present, missing };
  const list = present.length ? present.join(', ') : t('ksefPermsNone');
  if (missing.includes(INVOICE_WRITE))
    return { ok: false, permissions, message: t('ksefNoWrite', { present: list, missing: missing.join(', ') }) };
  if (missing.includes(INVOICE_READ))
    return { ok: true, permissions, message: `${okText} ${t('ksefNoRead', { present: list })}` };
  return { ok: true, permissions, message: `${okText} ${t('ksefPerms', { present: list })}` };
}

function reasonOf(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

function fromBase64(b64: string): Uint8Array {
  const bin = atob(b64);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

/** Free-text seller block from Base: first line the name, then the address lines (docs/base.md §1.2). */
function parseSellerBlock(text: string): { name: string; addressL1: string; addressL2: string; nip?: string } {
  const lines = text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);
  const nipLine = lines.find((l) => /NIP/i.test(l));
  const nip = nipLine?.replace(/\D/g, '').slice(-10);
  const rest = lines.filter((l) => l !== nipLine);
  return {
    name: rest[0] ?? '',
    addressL1: rest[1] ?? '',
    addressL2: rest[2] ?? '',
    ...(nip && nip.length === 10 ? { nip } : {}),
  };
}

export function settingsHandlers(svc: Services): Handlers {
  /** Keeps the current KSeF token for the current context before the context changes. */
  async function keepTokenFor(before: Settings, patch: Partial<Settings>): Promise<void> {
    const envChanges = patch.env !== undefined && patch.env !== before.env;
    const nipChanges = patch.nip !== undefined && patch.nip !== before.nip;
    if (!envChanges && !nipChanges) return;
    const store = await svc.secrets();
    const token = await store.getSecret(SECRET_KSEF_TOKEN);
    if (token && /^\d{10}$/.test(before.nip)) await store.setSecret(contextTokenName(before), token);
  }

  async function save(patch: Partial<Settings>): Promise<Settings> {
    const lang = await svc.lang();
    try {
      await keepTokenFor(await svc.settings(), patch);
      const s = await saveSettings(patch);
      svc.forgetClients();
      await ensureAlarms({ autoSend: s.autoSend });
      return s;
    } catch (e) {
      if (e instanceof InvalidSettings) {
        const t = await svc.t();
        throw new UserError(
          t('invalidSettings', { errors: e.errors.map((x) => fieldMessage(x, lang)).join(' ') }),
          'bad-request',
        );
      }
      throw e;
    }
  }

  async function ksefClientFor(): Promise<KsefClient> {
    return svc.ksef();
  }

  return {
    'settings.get': async () => ({ settings: await svc.settings(), secrets: await presence(await svc.secrets()) }),

    'settings.save': async (req) => {
      if (!req.patch || typeof req.patch !== 'object')
        throw new UserError((await svc.t())('badRequest'), 'bad-request');
      // The certificate choice goes through certs.importKey (it must match the key).
      const { offlineCertificate: _ignored, ...patch } = req.patch;
      return { settings: await save(patch) };
    },

    'secrets.setKsefToken': async (req) => {
      const [settings, t, store, lang] = await Promise.all([svc.settings(), svc.t(), svc.secrets(), svc.lang()]);
      const token = typeof req.token === 'string' ? req.token.trim() : '';
      const err = ksefTokenError(token, settings.env);
      if (err) throw new UserError(t('tokenInvalid', { reason: fieldMessage(err, lang) }), 'bad-request');
      if (token === '') await store.deleteSecret(SECRET_KSEF_TOKEN);
      else {
        const value = token.toLowerCase() === 'test' ? 'test' : token;
        await store.setSecret(SECRET_KSEF_TOKEN, value);
        // Also kept for this environment and NIP: records sent here are settled with it later.
        if (/^\d{10}$/.test(settings.nip)) await store.setSecret(contextTokenName(settings), value);
      }
      svc.forgetClients();
      return { secrets: await presence(store) };
    },

    'secrets.setBaseToken': async (req) => {
      const [t, store, lang] = await Promise.all([svc.t(), svc.secrets(), svc.lang()]);
      const token = typeof req.token === 'string' ? req.token.trim() : '';
      const err = baseTokenError(token);
      if (err) throw new UserError(t('tokenInvalid', { reason: fieldMessage(err, lang) }), 'bad-request');
      if (token === '') await store.deleteSecret(SECRET_BASE_API_TOKEN);
      else await store.setSecret(SECRET_BASE_API_TOKEN, token);
      svc.forgetClients();
      return { secrets: await presence(store) };
    },

    'connection.check': async () => {
      const [t, settings] = await Promise.all([svc.t(), svc.settings()]);
      const ksef = await (async () => {
        try {
          const c = await ksefClientFor();
          await c.login();
          const okText = t('ksefOk', { env: settings.env.toUpperCase(), nip: settings.nip });
          return withPermissions(okText, await c.tokenPermissions().catch(() => undefined), t);
        } catch (e) {
          return { ok: false, message: t('ksefFailed', { reason: reasonOf(e) }) };
        }
      })();
      const base = await (async () => {
        try {
          const series = await (await svc.base()).getSeries();
          return { ok: true, message: t('baseOk', { count: series.length }) };
        } catch (e) {
          return { ok: false, message: t('baseFailed', { reason: reasonOf(e) }) };
        }
      })();
      return { ksef, base };
    },

    'seller.fromBase': async () => {
      const client = await svc.base();
      const since = Math.floor((Date.now() - 92 * 86_400_000) / 1000);
      const list = await client.getInvoices({ date_from: since });
      const latest = list.sort((a, b) => b.invoiceId - a.invoiceId)[0];
      const parsed = parseSellerBlock(latest?.seller ?? '');
      return { seller: { ...parsed, countryCode: 'PL' } };
    },

    'series.list': async () => {
      const [settings, client] = await Promise.all([svc.settings(), svc.base()]);
      const series = await client.getSeries();
      return {
        series: series.map((s) => ({
          id: String(s.id),
          name: s.name,
          format: s.format,
          type: s.type,
          enabled: settings.enabledSeries === null || settings.enabledSeries.includes(String(s.id)),
        })),
      };
    },

    'certs.listOffline': async () => {
      const t = await svc.t();
      try {
        const list = await (await ksefClientFor()).queryCertificates({ type: 'Offline' });
        return {
          certificates: list.map((c) => ({
            serialNumber: c.serialNumber,
            name: c.name,
            validFrom: c.validFrom,
            validTo: c.validTo,
            status: c.status,
          })),
        };
      } catch (e) {
        if (e instanceof UserError) throw e;
        throw new UserError(t('certListFailed', { reason: reasonOf(e) }), 'unavailable');
      }
    },

    'certs.importKey': async (req) => {
      const [t, store] = await Promise.all([svc.t(), svc.secrets()]);
      if (typeof req.fileBase64 !== 'string' || req.fileBase64 === '')
        throw new UserError(t('keyFileEmpty'), 'bad-request');
      if (req.fileBase64.length > 90_000) throw new UserError(t('keyFileTooBig'), 'bad-request');
      const client = await ksefClientFor();
      const list = await client.queryCertificates({ type: 'Offline' });
      const chosen = list.find((c) => c.serialNumber === req.serialNumber);
      const [retrieved] = chosen ? await client.retrieveCertificates([chosen.serialNumber]) : [];
      if (!chosen || !retrieved)
        throw new UserError(t('certNotFound', { serial: String(req.serialNumber) }), 'bad-request');
      const passphrase = typeof req.passphrase === 'string' && req.passphrase !== '' ? req.passphrase : null;
      try {
        await importOfflineCertificateKey(
          store,
          {
            keyFile: fromBase64(req.fileBase64),
            ...(typeof req.password === 'string' && req.password !== '' ? { password: req.password } : {}),
            certificate: retrieved.certificateDerB64,
            expectedSerial: chosen.serialNumber,
            certificateName: chosen.name,
          },
          undefined,
          undefined,
          passphrase ? { passphrase, session: offlineKeySession() } : undefined,
        );
      } catch (e) {
        if (isKeyImportError(e) || e instanceof PassphraseError) throw new UserError(e.message, 'bad-request');
        throw e;
      }
      const settings = await save({
        offlineCertificate: {
          serialNumber: chosen.serialNumber,
          name: chosen.name,
          validFrom: chosen.validFrom,
          validTo: chosen.validTo,
        },
      });
      return { secrets: await presence(store), settings };
    },

    'certs.unlockKey': async (req) => {
      const [t, store] = await Promise.all([svc.t(), svc.secrets()]);
      if (typeof req.passphrase !== 'string' || req.passphrase === '')
        throw new UserError(t('badRequest'), 'bad-request');
      try {
        await unlockOfflineKey(store, req.passphrase, offlineKeySession());
      } catch (e) {
        if (e instanceof PassphraseError) throw new UserError(e.message, 'bad-request');
        throw e;
      }
      return { secrets: await presence(store) };
    },

    'certs.removeKey': async () => {
      const store = await svc.secrets();
      await removeOfflineCertificateKey(store, offlineKeySession());
      const settings = await save({ offlineCertificate: null });
      return { secrets: await presence(store), settings };
    },
  };
}
