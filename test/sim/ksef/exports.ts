// Invoice exports (openapi.json "Eksport paczki faktur", "Pobranie statusu eksportu paczki faktur"): the
// package is built when the export is asked for (ascending by the filter's date type, up to 10 000 invoices),
// zipped with `{ksefNumber}.xml` files and `_metadata.json`, split into parts, each part AES-256-CBC/PKCS#7
// under the caller's key (RSA-OAEP-unwrapped like a session key), served from pre-signed storage URLs.
import { createCipheriv } from 'node:crypto';
import { zipSync } from 'fflate';
import { jsonBody, unsupportedKey } from './auth';
import type { Ctx, Reply, Sim } from './core';
import { badRequest } from './errors';
import { sha256b64 } from './processing';
import type { ExportPart, ExportRec } from './purchase-state';
import { type InvoiceQueryFilters, READ, select } from './queries';
import { type EncryptionInfo, unwrapKey } from './sessions';

const STATUS: Record<number, { description: string; details?: string[] }> = {
  100: { description: 'Eksport faktur w toku' },
  200: { description: 'Eksport faktur zakończony sukcesem' },
  210: { description: 'Eksport faktur wygasł i nie jest już dostępny do pobrania' },
  415: { description: 'Błąd odszyfrowania dostarczonego klucza' },
  420: {
    description: 'Zakres filtrowania wykracza poza dostępny zakres danych',
    details: [
      'Parametr dateRange.from jest późniejszy niż PermanentStorageHwmDate przy włączonym restrictToPermanentStorageHwmDate.',
    ],
  },
  500: { description: 'Nieznany błąd (500)' },
  550: {
    description: 'Operacja została anulowana przez system',
    details: ['Przetwarzanie zostało przerwane z przyczyn wewnętrznych systemu. Spróbuj ponownie'],
  },
};
const status = (code: number) => ({ code, ...STATUS[code]! });

interface ExportRequest {
  encryption: EncryptionInfo;
  onlyMetadata?: boolean;
  filters: InvoiceQueryFilters;
  compressionType?: 'Zip' | 'TarGz' | null;
}

const LAST_FIELD = {
  PermanentStorage: 'lastPermanentStorageDate',
  Invoicing: 'lastInvoicingDate',
  Issue: 'lastIssueDate',
} as const;

function encrypt(key: Uint8Array, iv: Uint8Array, data: Uint8Array): Uint8Array {
  const c = createCipheriv('aes-256-cbc', key, iv);
  return new Uint8Array(Buffer.concat([c.update(data), c.final()]));
}

export async function startExport(sim: Sim, ctx: Ctx): Promise<Reply> {
  const auth = sim.access(ctx, READ);
  const body = jsonBody<ExportRequest>(ctx);
  const st = sim.store.purchases;
  if (!sim.keys.isKnownId(body.encryption.publicKeyId)) throw unsupportedKey(body.encryption.publicKeyId!);
  const now = sim.now();
  const running = [...st.exports.values()].filter((e) => e.contextNip === auth.contextValue && now < e.readyMs);
  if (running.length >= st.maxRunningExports) {
    throw badRequest(21182, 'Osiągnięto limit trwających eksportów.', [
      `Dla uwierzytelnionego podmiotu w bieżącym kontekście osiągnięto maksymalny limit ${st.maxRunningExports} równoczesnych eksportów faktur. Spróbuj ponownie później.`,
    ]);
  }
  const { key, iv } = await unwrapKey(sim, body.encryption);
  const sel = select(sim, auth.contextValue, body.filters, 'Asc');
  const [d1, d2] = sim.delays;
  const rec: ExportRec = {
    referenceNumber: sim.ref('EH', now),
    contextNip: auth.contextValue,
    createdMs: now,
    readyMs: now + d1 + d2,
    result: status(200),
    invoiceCount: 0,
    size: 0,
    parts: [],
    isTruncated: false,
  };
  st.exports.set(rec.referenceNumber, rec);
  const fault = st.faults.shift();
  if (!key) rec.result = status(415);
  else if (sel.beyondHwm) rec.result = status(420);
  else if (fault?.kind === 'status') rec.result = status(fault.status);
  else buildPackage(sim, rec, sel, body, key, iv, fault?.kind === 'corrupt-invoice');
  if (fault?.kind === 'corrupt-part') rec.corruptServedPart = true;
  return { status: 201, json: { referenceNumber: rec.referenceNumber } };
}

function buildPackage(
  sim: Sim,
  rec: ExportRec,
  sel: ReturnType<typeof select>,
  body: ExportRequest,
  key: Uint8Array,
  iv: Uint8Array,
  corruptOne: boolean,
): void {
  const st = sim.store.purchases;
  const included = sel.entries.slice(0, st.maxExportInvoices);
  const files: Record<string, Uint8Array> = {};
  if (!body.onlyMetadata) {
    for (const e of included) files[`${e.meta.ksefNumber}.xml`] = e.rec.xml!;
    if (corruptOne && included[0]) {
      // The file differs from what KSeF registered: its hash no longer matches the metadata.
      const bad = new Uint8Array([...included[0].rec.xml!, 0x20]);
      files[`${included[0].meta.ksefNumber}.xml`] = bad;
    }
  }
  files['_metadata.json'] = new TextEncoder().encode(JSON.stringify({ invoices: included.map((e) => e.meta) }));
  const zip = zipSync(files, { level: 6 });
  for (let off = 0, n = 1; off < zip.length || n === 1; off += st.maxPartBytes, n++) {
    const plain = zip.subarray(off, Math.min(zip.length, off + st.maxPartBytes));
    const encrypted = encrypt(key, iv, plain);
    const part: ExportPart = {
      ordinalNumber: n,
      partName: `${rec.referenceNumber}-${String(n).padStart(3, '0')}.zip.aes`,
      token: Buffer.from(sim.random(24)).toString('base64url'),
      encrypted,
      partSize: plain.length,
      partHash: sha256b64(plain),
      encryptedPartHash: sha256b64(encrypted),
    };
    rec.parts.push(part);
    if (off + st.maxPartBytes >= zip.length) break;
  }
  rec.invoiceCount = included.length;
  rec.size = zip.length;
  rec.isTruncated = sel.entries.length > included.length;
  const type = body.filters.dateRange.dateType;
  const last = included.at(-1);
  if (rec.isTruncated && last) {
    const field = LAST_FIELD[type];
    const value =
      type === 'PermanentStorage'
        ? last.meta.permanentStorageDate
        : type === 'Invoicing'
          ? last.meta.invoicingDate
          : last.meta.issueDate;
    rec.lastDate = { field, value };
  }
  if (sel.hwmMs !== null) rec.permanentStorageHwmDate = sim.iso(sel.hwmMs);
}

/** The package of another context is as unknown as one never made (21175). */
function findExport(sim: Sim, nip: string, ref: string): ExportRec {
  const rec = sim.store.purchases.exports.get(ref);
  if (!rec || rec.contextNip !== nip) {
    throw badRequest(21175, 'Wynik zapytania o podanym identyfikatorze nie istnieje.', []);
  }
  return rec;
}

export function exportStatus(sim: Sim, ctx: Ctx): Reply {
  const auth = sim.access(ctx, READ);
  const rec = findExport(sim, auth.contextValue, ctx.params.referenceNumber!);
  const now = sim.now();
  if (now < rec.readyMs) return { status: 200, json: { status: status(100) } };
  const completedDate = sim.iso(rec.readyMs);
  if (rec.result.code !== 200) return { status: 200, json: { status: rec.result, completedDate } };
  const expiresMs = rec.readyMs + sim.store.purchases.packageLifetimeMs;
  if (now >= expiresMs) return { status: 200, json: { status: status(210), completedDate } };
  return {
    status: 200,
    json: {
      status: rec.result,
      completedDate,
      packageExpirationDate: sim.iso(expiresMs),
      package: {
        invoiceCount: rec.invoiceCount,
        size: rec.size,
        parts: rec.parts.map((p) => ({
          ordinalNumber: p.ordinalNumber,
          partName: p.partName,
          method: 'GET',
          url: `${ctx.origin}/__storage/export/${rec.referenceNumber}/${p.ordinalNumber}?sv=2025-01-05&sig=${p.token}`,
          partSize: p.partSize,
          partHash: p.partHash,
          encryptedPartSize: p.encrypted.length,
          encryptedPartHash: p.encryptedPartHash,
          expirationDate: sim.iso(expiresMs),
        })),
        isTruncated: rec.isTruncated,
        ...(rec.lastDate ? { [rec.lastDate.field]: rec.lastDate.value } : {}),
        ...(rec.permanentStorageHwmDate ? { permanentStorageHwmDate: rec.permanentStorageHwmDate } : {}),
      },
    },
  };
}

const storageError = (code: number, text: string): Reply => ({
  status: code,
  bytes: new TextEncoder().encode(
    `<?xml version="1.0" encoding="utf-8"?><Error><Code>AuthenticationFailed</Code><Message>${text}</Message></Error>`,
  ),
  headers: { 'content-type': 'application/xml' },
});

/** GET /__storage/export/{ref}/{n}?sig=…: a pre-signed part URL (no Authorization, no rate limit). */
export function storageExport(sim: Sim, method: string, path: string, query: URLSearchParams): Reply | undefined {
  const m = /^\/__storage\/export\/([^/]+)\/(\d+)$/.exec(path);
  if (!m) return undefined;
  if (method !== 'GET') return storageError(405, 'Dozwolona jest tylko metoda GET.');
  const rec = sim.store.purchases.exports.get(m[1]!);
  const part = rec?.parts.find((p) => p.ordinalNumber === Number(m[2]));
  if (!rec || !part || query.get('sig') !== part.token) return storageError(403, 'Nieprawidłowy podpis adresu.');
  if (sim.now() >= rec.readyMs + sim.store.purchases.packageLifetimeMs) return storageError(403, 'Link wygasł.');
  let bytes = part.encrypted;
  if (rec.corruptServedPart) {
    bytes = new Uint8Array(part.encrypted);
    const mid = bytes.length >> 1;
    bytes[mid] = (bytes[mid] ?? 0) ^ 0xff;
  }
  return {
    status: 200,
    bytes,
    headers: { 'content-type': 'application/octet-stream', 'x-ms-meta-hash': part.encryptedPartHash },
  };
}
