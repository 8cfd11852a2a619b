// Minimal independent KSeF client for the simulator's tests (WebCrypto + fetch), written from the protocol brief
// (docs/ksef-protocol.md §2–§4), not from the simulator's code.
import '@abraham/reflection';
import * as x509 from '@peculiar/x509';
import { checkResponse } from './openapi';

const subtle = globalThis.crypto.subtle;
export const b64 = (b: ArrayBuffer | Uint8Array) =>
  Buffer.from(b instanceof Uint8Array ? b : new Uint8Array(b)).toString('base64');
export const sha256 = async (b: Uint8Array<ArrayBuffer>) => b64(await subtle.digest('SHA-256', b));
export const utf8 = (s: string) => new TextEncoder().encode(s) as Uint8Array<ArrayBuffer>;
export const FA3 = { systemCode: 'FA (3)', schemaVersion: '1-0E', value: 'FA' };

// biome-ignore lint/suspicious/noExplicitAny: tests read arbitrary KSeF JSON; the shape is checked against openapi.json
export type AnyJson = any;

export interface Res<T = AnyJson> {
  status: number;
  body: T;
  headers: Headers;
  text: string;
}

/** Thin fetch wrapper that also checks each JSON answer against openapi.json for the route's template. */
export class Client {
  access?: string;
  constructor(
    readonly baseUrl: string,
    private readonly onSchemaError: (msg: string) => void = (m) => {
      throw new Error(m);
    },
  ) {}

  async call<T = AnyJson>(
    method: string,
    path: string,
    opts: {
      template?: string;
      body?: unknown;
      raw?: string;
      token?: string | null | undefined;
      headers?: Record<string, string>;
    } = {},
  ): Promise<Res<T>> {
    const headers: Record<string, string> = { ...opts.headers };
    const token = opts.token === undefined ? this.access : opts.token;
    if (token) headers.authorization = `Bearer ${token}`;
    let body: string | null = null;
    if (opts.raw !== undefined) body = opts.raw;
    else if (opts.body !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(opts.body);
    }
    const r = await fetch(this.baseUrl + path, { method, headers, body });
    const text = await r.text();
    const ct = r.headers.get('content-type') ?? '';
    const parsed = ct.includes('json') && text ? JSON.parse(text) : text;
    if (opts.template) {
      const kind = ct.includes('problem+json')
        ? 'application/problem+json'
        : ct.includes('xml')
          ? 'application/xml'
          : 'application/json';
      const check = checkResponse(method, opts.template, r.status, r.status === 204 ? undefined : parsed, kind);
      if (!check.ok) this.onSchemaError(`${method} ${opts.template} → ${r.status}: ${check.errors.join('; ')}`);
    }
    return { status: r.status, body: parsed as T, headers: r.headers, text };
  }
}

export interface MfCert {
  publicKeyId: string;
  key: CryptoKey;
}

export async function mfKeys(c: Client): Promise<Record<'KsefTokenEncryption' | 'SymmetricKeyEncryption', MfCert>> {
  const r = await c.call('GET', '/security/public-key-certificates', { template: '/security/public-key-certificates' });
  const out: Record<string, MfCert> = {};
  for (const item of r.body as { certificate: string; publicKeyId: string; usage: string[] }[]) {
    const cert = new x509.X509Certificate(item.certificate);
    const key = await subtle.importKey(
      'spki',
      new Uint8Array(cert.publicKey.rawData),
      { name: 'RSA-OAEP', hash: 'SHA-256' },
      false,
      ['encrypt'],
    );
    for (const u of item.usage) out[u] = { publicKeyId: item.publicKeyId, key };
  }
  return out as Record<'KsefTokenEncryption' | 'SymmetricKeyEncryption', MfCert>;
}

export const rsaEncrypt = async (key: CryptoKey, data: Uint8Array<ArrayBuffer>) =>
  b64(await subtle.encrypt({ name: 'RSA-OAEP' }, key, data));

export async function control<T = AnyJson>(origin: string, method: string, path: string, body?: unknown): Promise<T> {
  const r = await fetch(origin + path, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? null : JSON.stringify(body),
  });
  if (r.status !== 200) throw new Error(`${method} ${path}: ${r.status} ${await r.text()}`);
  return (await r.json()) as T;
}

/** Token auth up to redeemed tokens (§2.1, §2.2, §2.4, §2.5). */
export async function loginWithToken(c: Client, origin: string, nip: string) {
  const { token } = await control<{ token: string }>(origin, 'POST', '/__sim/tokens', { nip });
  const keys = await mfKeys(c);
  const ch = await c.call('POST', '/auth/challenge', { template: '/auth/challenge' });
  const encryptedToken = await rsaEncrypt(keys.KsefTokenEncryption.key, utf8(`${token}|${ch.body.timestampMs}`));
  const init = await c.call('POST', '/auth/ksef-token', {
    template: '/auth/ksef-token',
    body: {
      challenge: ch.body.challenge,
      contextIdentifier: { type: 'Nip', value: nip },
      encryptedToken,
      publicKeyId: keys.KsefTokenEncryption.publicKeyId,
    },
  });
  if (init.status !== 202) throw new Error(`ksef-token: ${init.status} ${init.text}`);
  const authToken = init.body.authenticationToken.token as string;
  const ref = init.body.referenceNumber as string;
  for (let i = 0; i < 100; i++) {
    const st = await c.call('GET', `/auth/${ref}`, { template: '/auth/{referenceNumber}', token: authToken });
    if (st.body.status.code === 200) break;
    if (st.body.status.code !== 100) throw new Error(`auth status ${JSON.stringify(st.body.status)}`);
    await new Promise((r) => setTimeout(r, 20));
  }
  const red = await c.call('POST', '/auth/token/redeem', { template: '/auth/token/redeem', token: authToken });
  c.access = red.body.accessToken.token;
  return { token, keys, authToken, ref, refreshToken: red.body.refreshToken.token as string };
}

export interface SessionKeys {
  key: CryptoKey;
  raw: Uint8Array<ArrayBuffer>;
  iv: Uint8Array<ArrayBuffer>;
}

export async function newAesKey(): Promise<SessionKeys> {
  const raw = globalThis.crypto.getRandomValues(new Uint8Array(32));
  const iv = globalThis.crypto.getRandomValues(new Uint8Array(16));
  const key = await subtle.importKey('raw', raw, { name: 'AES-CBC' }, false, ['encrypt']);
  return { key, raw, iv };
}

export const aesEncrypt = async (k: SessionKeys, data: Uint8Array<ArrayBuffer>) =>
  new Uint8Array(await subtle.encrypt({ name: 'AES-CBC', iv: k.iv }, k.key, data));

export async function openOnline(c: Client, mf: MfCert, k: SessionKeys) {
  return c.call('POST', '/sessions/online', {
    template: '/sessions/online',
    body: {
      formCode: FA3,
      encryption: {
        encryptedSymmetricKey: await rsaEncrypt(mf.key, k.raw),
        initializationVector: b64(k.iv),
        publicKeyId: mf.publicKeyId,
      },
    },
  });
}

export async function invoicePayload(k: SessionKeys, xml: Uint8Array<ArrayBuffer>, offlineMode = false) {
  const enc = await aesEncrypt(k, xml);
  return {
    invoiceHash: await sha256(xml),
    invoiceSize: xml.length,
    encryptedInvoiceHash: await sha256(enc),
    encryptedInvoiceSize: enc.length,
    encryptedInvoiceContent: b64(enc),
    offlineMode,
  };
}

export async function sendInvoice(c: Client, sessionRef: string, body: unknown) {
  return c.call('POST', `/sessions/online/${sessionRef}/invoices`, {
    template: '/sessions/online/{referenceNumber}/invoices',
    body,
  });
}

export async function invoiceStatus(c: Client, sessionRef: string, invRef: string) {
  return c.call('GET', `/sessions/${sessionRef}/invoices/${invRef}`, {
    template: '/sessions/{referenceNumber}/invoices/{invoiceReferenceNumber}',
  });
}

/** Polls until the invoice status is final (not 100/150). */
export async function finalInvoiceStatus(c: Client, sessionRef: string, invRef: string) {
  for (let i = 0; i < 200; i++) {
    const r = await invoiceStatus(c, sessionRef, invRef);
    if (r.body.status.code !== 100 && r.body.status.code !== 150) return r;
    await new Promise((res) => setTimeout(res, 10));
  }
  throw new Error('invoice status never became final');
}

/** CRC-8 (poly 0x07, init 0) written independently of the simulator for checking KSeF numbers (§8.4). */
export function crc8Hex(s: string): string {
  let crc = 0;
  for (const byte of utf8(s)) {
    crc ^= byte;
    for (let i = 0; i < 8; i++) crc = crc & 0x80 ? ((crc << 1) ^ 0x07) & 0xff : (crc << 1) & 0xff;
  }
  return crc.toString(16).toUpperCase().padStart(2, '0');
}
