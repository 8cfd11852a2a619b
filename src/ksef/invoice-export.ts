/**
 * Invoice export packages (KSeF OpenAPI `POST /invoices/exports`, `GET /invoices/exports/{ref}`):
 * the package is encrypted with our own AES-256-CBC key + IV, the key wrapped with the MF
 * SymmetricKeyEncryption certificate (RSA-OAEP SHA-256), exactly like a session key. When ready,
 * its parts (≤ 50 MB each) are fetched from pre-signed URLs without Authorization (own API host
 * only), checked against their hashes, decrypted, joined and unzipped (fflate); `_metadata.json`
 * lists the `InvoiceMetadata` of the `{ksefNumber}.xml` files.
 */
import { unzipSync } from 'fflate';
import type { KsefAuth } from './auth';
import type { KsefContext } from './context';
import { aesCbcDecrypt, createSessionKey } from './crypto';
import { sha256Base64 } from './encoding';
import { apiHost } from './env';
import { ProtocolError } from './errors';
import type { InvoiceMetadata, InvoiceQueryFilters } from './invoice-query';

/** What must be kept to read the package later (a worker may die meanwhile): store it. */
export interface ExportHandle {
  referenceNumber: string;
  /** Non-extractable AES-CBC key (structured-clonable into IndexedDB). */
  key: CryptoKey;
  iv: Uint8Array;
}

export interface ExportPackagePart {
  ordinalNumber: number;
  partName: string;
  method: string;
  url: string;
  partSize: number;
  partHash: string;
  encryptedPartSize: number;
  encryptedPartHash: string;
  expirationDate: string;
}

export interface ExportPackage {
  invoiceCount: number;
  size: number;
  parts: ExportPackagePart[];
  isTruncated: boolean;
  lastPermanentStorageDate?: string | null;
  lastInvoicingDate?: string | null;
  lastIssueDate?: string | null;
  permanentStorageHwmDate?: string | null;
}

export interface ExportStatus {
  /** 100 in progress · 200 ready · 210 expired · 415 key · 420 past the HWM · 500 · 550 cancelled. */
  code: number;
  description: string;
  details?: string[];
  package?: ExportPackage;
  packageExpirationDate?: string;
}

/**
 * Starts an export with a fresh key. The caller stores the handle: lost (a worker killed before
 * that), the export is simply asked for again; KSeF's unread package expires on its own.
 */
export async function startInvoiceExport(
  ctx: KsefContext,
  auth: KsefAuth,
  filters: InvoiceQueryFilters,
): Promise<ExportHandle> {
  return ctx.publicKeys.withKey('SymmetricKeyEncryption', async (mf) => {
    const sk = await createSessionKey(mf.key, ctx.random);
    const res = await auth.withAccess((bearer) =>
      ctx.http.request<{ referenceNumber: string }>({
        route: 'invoiceExportStart',
        bearer,
        json: {
          encryption: {
            encryptedSymmetricKey: sk.encryptedSymmetricKeyB64,
            initializationVector: sk.ivB64,
            ...(mf.publicKeyId ? { publicKeyId: mf.publicKeyId } : {}),
          },
          onlyMetadata: false,
          filters,
        },
        expect: [201],
      }),
    );
    const ref = res.data?.referenceNumber;
    if (typeof ref !== 'string' || !ref) throw new ProtocolError('brak numeru referencyjnego eksportu', res.status);
    return { referenceNumber: ref, key: sk.aesKey, iv: sk.iv };
  });
}

export async function invoiceExportStatus(
  ctx: KsefContext,
  auth: KsefAuth,
  referenceNumber: string,
): Promise<ExportStatus> {
  const res = await auth.withAccess((bearer) =>
    ctx.http.request<{
      status: { code: number; description: string; details?: string[] | null };
      package?: ExportPackage | null;
      packageExpirationDate?: string | null;
    }>({
      route: 'invoiceExportStatus',
      params: { referenceNumber },
      bearer,
      expect: [200],
    }),
  );
  const st = res.data?.status;
  if (!st || typeof st.code !== 'number') throw new ProtocolError('status eksportu', res.status);
  return {
    code: st.code,
    description: st.description,
    ...(st.details ? { details: st.details } : {}),
    ...(res.data.package ? { package: res.data.package } : {}),
    ...(res.data.packageExpirationDate ? { packageExpirationDate: res.data.packageExpirationDate } : {}),
  };
}

/** A part or the package did not match its hash: nothing from it may be stored; export again. */
export class PackageIntegrityError extends ProtocolError {
  constructor(readonly what: string) {
    super(`paczka eksportu: ${what}`);
  }
}

export interface ExportContents {
  metadata: InvoiceMetadata[];
  /** `{ksefNumber}.xml` → bytes as KSeF put them in the package. */
  files: Map<string, Uint8Array>;
}

/** Time allowed for one package part, headers to last byte. */
const PART_TIMEOUT_MS = 20 * 60_000;

async function fetchPart(ctx: KsefContext, part: ExportPackagePart): Promise<Uint8Array> {
  if (new URL(part.url).host !== apiHost(ctx.env)) throw new ProtocolError('adres części paczki poza hostem KSeF');
  // The deadline covers the whole part's body (src/core/bounded-fetch.ts), so it is as generous as
  // a batch part's upload: a part may hold tens of megabytes on a slow link.
  const res = await ctx.http.send(
    part.url,
    { method: part.method || 'GET' },
    { method: 'GET', timeoutMs: PART_TIMEOUT_MS },
  );
  const bytes = res.bytes;
  if (res.status !== 200) throw new PackageIntegrityError(`część ${part.ordinalNumber}: HTTP ${res.status}`);
  if (bytes.length !== part.encryptedPartSize || (await sha256Base64(bytes)) !== part.encryptedPartHash) {
    throw new PackageIntegrityError(`część ${part.ordinalNumber}: skrót zaszyfrowanej części się nie zgadza`);
  }
  return bytes;
}

/** Downloads, checks, decrypts and unpacks a ready package. */
export async function readExportPackage(
  ctx: KsefContext,
  handle: ExportHandle,
  pkg: ExportPackage,
): Promise<ExportContents> {
  const parts = [...pkg.parts].sort((a, b) => a.ordinalNumber - b.ordinalNumber);
  const plain: Uint8Array[] = [];
  let total = 0;
  for (const part of parts) {
    let dec: Uint8Array;
    try {
      dec = await aesCbcDecrypt(handle.key, handle.iv, await fetchPart(ctx, part));
    } catch (e) {
      if (e instanceof ProtocolError) throw e;
      throw new PackageIntegrityError(`część ${part.ordinalNumber}: nie da się odszyfrować`);
    }
    if (dec.length !== part.partSize || (await sha256Base64(dec)) !== part.partHash) {
      throw new PackageIntegrityError(`część ${part.ordinalNumber}: skrót części się nie zgadza`);
    }
    plain.push(dec);
    total += dec.length;
  }
  const zip = new Uint8Array(total);
  let off = 0;
  for (const p of plain) {
    zip.set(p, off);
    off += p.length;
  }
  let entries: Record<string, Uint8Array>;
  try {
    entries = unzipSync(zip);
  } catch {
    throw new PackageIntegrityError('archiwum ZIP jest uszkodzone');
  }
  const metaBytes = entries['_metadata.json'];
  if (!metaBytes) throw new PackageIntegrityError('brak pliku _metadata.json');
  let metadata: InvoiceMetadata[];
  try {
    metadata = (JSON.parse(new TextDecoder().decode(metaBytes)) as { invoices: InvoiceMetadata[] }).invoices;
  } catch {
    throw new PackageIntegrityError('nieczytelny plik _metadata.json');
  }
  if (!Array.isArray(metadata)) throw new PackageIntegrityError('nieczytelny plik _metadata.json');
  const files = new Map<string, Uint8Array>();
  for (const [name, data] of Object.entries(entries)) {
    const m = /^(?:.*\/)?([^/]+)\.xml$/.exec(name);
    if (m) files.set(m[1]!, data);
  }
  return { metadata, files };
}
