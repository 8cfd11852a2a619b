// Batch sessions (docs/ksef-protocol.md §4): open with declared parts → pre-signed PUT URLs (no Authorization) →
// close → decrypt parts, join, check, unpack, process each invoice; per-invoice results via the session routes.

import { type ArchiveFile, readTarGz, readZip } from './archive';
import { jsonBody, unsupportedKey } from './auth';
import { type Ctx, LIFETIME_MS, type Reply, type Sim } from './core';
import { badRequest, validationError } from './errors';
import { aesDecrypt, processInvoice, sha256b64 } from './processing';
import {
  checkFormCode,
  type EncryptionInfo,
  type FormCode,
  findSession,
  forcedSessionStatus,
  newSession,
  sessionStatus,
  unwrapKey,
} from './sessions';
import type { SessionRec, StatusInfo } from './store';

const WRITE = ['InvoiceWrite', 'EnforcementOperations']; // no PefInvoiceWrite for batch (§4)
const MAX_PARTS = 50;
const MAX_PART_PLAIN = 100_000_000; // before encryption (§4.2); + up to 16 bytes of PKCS#7 padding after
const MAX_INVOICES = 10_000;

interface OpenBatchRequest {
  formCode: FormCode;
  batchFile: {
    fileSize: number;
    fileHash: string;
    compressionType?: 'Zip' | 'TarGz' | null;
    fileParts: { ordinalNumber: number; fileSize: number; fileHash: string }[];
  };
  encryption: EncryptionInfo;
  offlineMode?: boolean;
}

export async function openBatch(sim: Sim, ctx: Ctx): Promise<Reply> {
  const auth = sim.access(ctx, WRITE);
  // KSeF names these limits with their own codes (21161, 21157), so they are checked before the schema.
  try {
    const raw = JSON.parse(ctx.body.toString('utf8'));
    const parts = raw?.batchFile?.fileParts;
    if (Array.isArray(parts) && parts.length > MAX_PARTS) {
      throw badRequest(21161, 'Przekroczono dozwoloną liczbę części pakietu.', [
        `Dozwolone jest najwyżej ${MAX_PARTS} części.`,
      ]);
    }
  } catch (e) {
    if (!(e instanceof SyntaxError)) throw e;
  }
  const body = jsonBody<OpenBatchRequest>(ctx);
  checkFormCode(body.formCode);
  const parts = body.batchFile.fileParts;
  const ordinals = parts.map((p) => p.ordinalNumber).sort((a, b) => a - b);
  if (ordinals.some((n, i) => n !== i + 1)) {
    throw validationError(['Numery części (ordinalNumber) muszą być kolejnymi liczbami od 1.']);
  }
  for (const p of parts) {
    if (p.fileSize > MAX_PART_PLAIN + 16) {
      throw badRequest(21157, 'Nieprawidłowy rozmiar części pakietu.', [
        `Część ${p.ordinalNumber} przekracza ${MAX_PART_PLAIN} B przed zaszyfrowaniem.`,
      ]);
    }
  }
  if (!sim.keys.isKnownId(body.encryption.publicKeyId)) throw unsupportedKey(body.encryption.publicKeyId!);
  const { key, iv } = await unwrapKey(sim, body.encryption);
  const s = newSession(sim, 'batch', auth, key, iv);
  s.offlineMode = body.offlineMode ?? false;
  const forced = sim.faults.takeSessionStatus('batch');
  if (forced !== undefined) s.forcedStatus = forced;
  s.batch = {
    fileSize: body.batchFile.fileSize,
    fileHash: body.batchFile.fileHash,
    compressionType: body.batchFile.compressionType ?? 'Zip',
    parts: parts.map((p) => ({ ...p, uploadToken: Buffer.from(sim.random(24)).toString('base64url') })),
  };
  return {
    status: 201,
    json: {
      referenceNumber: s.referenceNumber,
      partUploadRequests: s.batch.parts.map((p) => ({
        ordinalNumber: p.ordinalNumber,
        method: 'PUT',
        url: `${sim.store.batchUploadOrigin ?? ctx.origin}/__storage/batch/${s.referenceNumber}/${p.ordinalNumber}?sv=2025-01-05&sig=${p.uploadToken}`,
        headers: { 'x-ms-blob-type': 'BlockBlob' },
      })),
    },
  };
}

/** Upload window: number of parts × 20 minutes, for every part (§4.5). */
const uploadDeadline = (s: SessionRec) => s.createdMs + s.batch!.parts.length * LIFETIME_MS.batchUploadPerPart;

const storageError = (status: number, code: string, message: string): Reply => ({
  status,
  bytes: new TextEncoder().encode(
    `<?xml version="1.0" encoding="utf-8"?><Error><Code>${code}</Code><Message>${message}</Message></Error>`,
  ),
  headers: { 'content-type': 'application/xml' },
});

/** PUT /__storage/batch/{sessionRef}/{ordinal}?sig=… — pre-signed, no Authorization header (§4.5). */
export function storageBatch(
  sim: Sim,
  method: string,
  path: string,
  query: URLSearchParams,
  body: Buffer,
): Reply | undefined {
  const m = /^\/__storage\/batch\/([^/]+)\/(\d+)$/.exec(path);
  if (!m) return undefined;
  if (method !== 'PUT') return storageError(405, 'UnsupportedHttpVerb', 'Dozwolona jest tylko metoda PUT.');
  const s = sim.store.sessions.get(m[1]!);
  const part = s?.batch?.parts.find((p) => p.ordinalNumber === Number(m[2]));
  if (!s || !part || query.get('sig') !== part.uploadToken) {
    return storageError(403, 'AuthenticationFailed', 'Nieprawidłowy podpis adresu przesyłania.');
  }
  if (s.closedMs !== undefined || sim.now() > uploadDeadline(s)) {
    return storageError(403, 'AuthenticationFailed', 'Okno przesyłania części wygasło lub sesja jest zamknięta.');
  }
  part.data = new Uint8Array(body);
  s.updatedMs = sim.now();
  return { status: 201 };
}

export function closeBatch(sim: Sim, ctx: Ctx): Reply {
  const auth = sim.access(ctx, WRITE);
  const s = findSession(sim, auth, ctx.params.referenceNumber!, 'batch');
  const status = sessionStatus(sim, s);
  if (s.closedMs !== undefined || (status.code !== 100 && status.code !== 415)) {
    throw badRequest(21180, 'Status sesji nie pozwala na wykonanie operacji.', [
      `Status sesji ${status.code} uniemożliwia jej zamknięcie.`,
    ]);
  }
  if (sim.now() > uploadDeadline(s)) {
    throw badRequest(21208, 'Czas oczekiwania na requesty upload lub finish został przekroczony.', [
      'Sesja anulowana, przekroczony czas wysyłki.',
    ]);
  }
  const b = s.batch!;
  for (const p of b.parts) {
    if (!p.data) {
      throw badRequest(21205, 'Pakiet nie może być pusty.', [
        `Nie przesłano zadeklarowanej '${p.ordinalNumber}' części pliku.`,
      ]);
    }
    if (p.data.length !== p.fileSize) {
      throw badRequest(21157, 'Nieprawidłowy rozmiar części pakietu.', [
        `Zadeklarowany rozmiar części '${p.ordinalNumber}' nie zgadza się z rzeczywistym.`,
      ]);
    }
  }
  s.closedMs = sim.now();
  s.updatedMs = s.closedMs;
  if (s.key) b.failure = processPackage(sim, s);
  b.processedMs = sim.now();
  return { status: 204 };
}

const S = (code: number, description: string, details?: string[]): StatusInfo =>
  details ? { code, description, details } : { code, description };

/** Returns a session-level failure, or undefined when the invoices were processed one by one (§4.7). */
function processPackage(sim: Sim, s: SessionRec): StatusInfo | undefined {
  const b = s.batch!;
  const plainParts: Uint8Array[] = [];
  for (const p of [...b.parts].sort((x, y) => x.ordinalNumber - y.ordinalNumber)) {
    if (sha256b64(p.data!) !== p.fileHash) {
      return S(405, 'Błąd weryfikacji poprawności dostarczonych elementów paczki', [
        `Skrót części ${p.ordinalNumber} nie zgadza się z zadeklarowanym.`,
      ]);
    }
    const plain = aesDecrypt(s.key!, s.iv, p.data!);
    if (!plain) return S(435, 'Błąd odszyfrowania zaszyfrowanych części archiwum', [`Część ${p.ordinalNumber}.`]);
    plainParts.push(plain);
  }
  const archive = new Uint8Array(Buffer.concat(plainParts));
  if (archive.length !== b.fileSize || sha256b64(archive) !== b.fileHash) {
    return S(405, 'Błąd weryfikacji poprawności dostarczonych elementów paczki', [
      'Rozmiar lub skrót archiwum nie zgadza się z zadeklarowanym (batchFile).',
    ]);
  }
  let files: ArchiveFile[];
  try {
    files = b.compressionType === 'TarGz' ? readTarGz(archive) : readZip(archive);
  } catch (e) {
    return S(430, 'Błąd dekompresji pierwotnego archiwum', [(e as Error).message]);
  }
  if (files.length === 0) return S(440, 'Sesja anulowana', ['Nie przesłano faktur']);
  if (files.length > MAX_INVOICES) return S(420, 'Przekroczony limit faktur w sesji');
  // 'session-status' fault: 445 processes every invoice and fails it (450); any other code fails
  // the whole package, and KSeF registers none of its invoices.
  if (s.forcedStatus !== undefined && s.forcedStatus !== 445) return forcedSessionStatus(s.forcedStatus);
  for (const f of files) {
    processInvoice(sim, s, {
      plaintext: f.data,
      declaredHash: sha256b64(f.data),
      declaredSize: f.data.length,
      invoicingMs: s.createdMs, // batch: invoicingDate = session opening time (§4)
      processingStartMs: s.closedMs,
      offlineMode: s.offlineMode,
      fileName: f.name.slice(0, 128),
      allowAttachment: true,
      ...(s.forcedStatus === 445 ? { forceStatus: 450 } : {}),
    });
  }
  return undefined;
}
