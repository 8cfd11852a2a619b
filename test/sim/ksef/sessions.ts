// Online sessions and the session/invoice status routes shared with batch sessions (docs/ksef-protocol.md §3, §4.7).
import { jsonBody, unsupportedKey } from './auth';
import { type Ctx, LIFETIME_MS, type Reply, type Sim } from './core';
import { badRequest, validationError } from './errors';
import { aesDecrypt, processInvoice, sha256b64, visibleInvoiceStatus } from './processing';
import type { AuthOp, InvoiceRec, SessionRec, StatusInfo } from './store';
import { invoiceUpo, sessionUpo, UPO_PAGE_SIZE } from './upo';

const WRITE = ['InvoiceWrite', 'PefInvoiceWrite', 'EnforcementOperations'];
const READ_STATUS = ['InvoiceWrite', 'Introspection', 'PefInvoiceWrite', 'EnforcementOperations'];
const MAX_INVOICES_PER_SESSION = 10_000; // §0 limits
const b64decode = (s: string) => new Uint8Array(Buffer.from(s, 'base64'));

export interface EncryptionInfo {
  encryptedSymmetricKey: string;
  initializationVector: string;
  publicKeyId?: string | null;
}
export interface FormCode {
  systemCode: string;
  schemaVersion: string;
  value: string;
}

/** Only FA(3) is served here (the form code KSeF lists for every environment, §1.1). */
export function checkFormCode(fc: FormCode): void {
  if (fc.systemCode !== 'FA (3)' || fc.schemaVersion !== '1-0E' || fc.value !== 'FA') {
    throw validationError([
      `Nieobsługiwany kod formularza ${fc.systemCode}/${fc.schemaVersion}/${fc.value}; symulator obsługuje FA (3)/1-0E/FA.`,
    ]);
  }
}

/** Unwraps the AES-256 key with the SymmetricKeyEncryption key; failure is not an HTTP error (→ status 415 later). */
export async function unwrapKey(
  sim: Sim,
  enc: EncryptionInfo,
): Promise<{ key?: Uint8Array | undefined; iv: Uint8Array }> {
  if (!sim.keys.isKnownId(enc.publicKeyId)) throw unsupportedKey(enc.publicKeyId!);
  const iv = b64decode(enc.initializationVector);
  if (iv.length !== 16) throw validationError([`Oczekiwano 16 bajtów, otrzymano ${iv.length}`]);
  const key = await sim.keys.decrypt('SymmetricKeyEncryption', b64decode(enc.encryptedSymmetricKey));
  return { key: key?.length === 32 ? key : undefined, iv };
}

export function newSession(
  sim: Sim,
  kind: 'online' | 'batch',
  auth: AuthOp,
  key: Uint8Array | undefined,
  iv: Uint8Array,
) {
  const now = sim.now();
  const session: SessionRec = {
    kind,
    referenceNumber: sim.ref(kind === 'online' ? 'SO' : 'SB', now),
    contextType: auth.contextType,
    contextValue: auth.contextValue,
    auth,
    createdMs: now,
    updatedMs: now,
    validUntilMs: now + LIFETIME_MS.onlineSession,
    key,
    iv,
    invoices: [],
    offlineMode: false,
  };
  sim.store.sessions.set(session.referenceNumber, session);
  return session;
}

export async function openOnline(sim: Sim, ctx: Ctx): Promise<Reply> {
  const auth = sim.access(ctx, WRITE);
  const body = jsonBody<{ formCode: FormCode; encryption: EncryptionInfo }>(ctx);
  checkFormCode(body.formCode);
  const { key, iv } = await unwrapKey(sim, body.encryption);
  // 'session-status' fault: 415 is a key that does not unwrap; other codes are the final status.
  const forced = sim.faults.takeSessionStatus('online');
  const s = newSession(sim, 'online', auth, forced === 415 ? undefined : key, iv);
  if (forced !== undefined && forced !== 415) s.forcedStatus = forced;
  return { status: 201, json: { referenceNumber: s.referenceNumber, validUntil: sim.iso(s.validUntilMs) } };
}

/** Session of the caller's context, else 21173 (a session of another context is invisible). */
export function findSession(sim: Sim, auth: AuthOp, ref: string, kind?: 'online' | 'batch'): SessionRec {
  const s = sim.store.sessions.get(ref);
  if (!s || s.contextValue !== auth.contextValue || (kind && s.kind !== kind)) {
    throw badRequest(21173, 'Brak sesji o wskazanym numerze referencyjnym.', [
      `Sesja o numerze referencyjnym ${ref} nie została odnaleziona.`,
    ]);
  }
  return s;
}

const S = (code: number, description: string, details?: string[]): StatusInfo =>
  details ? { code, description, details } : { code, description };

/** Online: 100 open → 170 closed → 200 | 440 | 445; 415 if the key did not unwrap (§3.5). Batch: §4.7. */
export function sessionStatus(sim: Sim, s: SessionRec): StatusInfo {
  const now = sim.now();
  // A key that did not unwrap surfaces after the first processing delay, not at open (§3.2, §10).
  if (!s.key) {
    if (s.kind === 'online' && now < s.createdMs + sim.delays[0]) return S(100, 'Sesja interaktywna otwarta');
    return S(415, 'Błąd odszyfrowania dostarczonego klucza');
  }
  if (s.kind === 'batch') return batchStatus(sim, s);
  const closedMs = s.closedMs ?? (now >= s.validUntilMs ? s.validUntilMs : undefined); // 12 h auto-close
  if (closedMs === undefined) return S(100, 'Sesja interaktywna otwarta');
  const pending = s.invoices.some((i) => i.tFinal > now) || now < closedMs + sim.delays[1];
  if (pending) return S(170, 'Sesja interaktywna zamknięta');
  return finalStatus(s, 'Sesja interaktywna przetworzona pomyślnie');
}

const FORCED_SESSION_TEXT: Record<number, string> = {
  405: 'Błąd weryfikacji poprawności dostarczonych elementów paczki',
  415: 'Błąd odszyfrowania dostarczonego klucza',
  420: 'Przekroczony limit faktur w sesji',
  430: 'Błąd dekompresji pierwotnego archiwum',
  435: 'Błąd odszyfrowania zaszyfrowanych części archiwum',
  440: 'Sesja anulowana',
  445: 'Błąd weryfikacji, brak poprawnych faktur',
};

export function forcedSessionStatus(code: number): StatusInfo {
  return S(code, FORCED_SESSION_TEXT[code] ?? `Błąd sesji (${code})`);
}

function finalStatus(s: SessionRec, okText: string): StatusInfo {
  if (s.forcedStatus !== undefined) return forcedSessionStatus(s.forcedStatus);
  if (s.invoices.length === 0) return S(440, 'Sesja anulowana', ['Nie przesłano faktur']);
  if (s.invoices.some((i) => i.result.code === 200)) return S(200, okText);
  return S(445, 'Błąd weryfikacji, brak poprawnych faktur');
}

function batchStatus(sim: Sim, s: SessionRec): StatusInfo {
  const b = s.batch!;
  const now = sim.now();
  if (s.closedMs === undefined) {
    if (now > s.createdMs + LIFETIME_MS.onlineSession) return S(440, 'Sesja anulowana', ['Przekroczono czas wysyłki']);
    return S(100, 'Sesja wsadowa rozpoczęta');
  }
  // After close: 150 while the package and its invoices are processed, then the final code.
  const busyUntil = s.closedMs + sim.delays[0] + sim.delays[1];
  if (now < busyUntil) return S(150, 'Trwa przetwarzanie');
  if (b.failure) return b.failure;
  if (s.invoices.some((i) => i.tFinal > now)) return S(150, 'Trwa przetwarzanie');
  return finalStatus(s, 'Sesja wsadowa przetworzona pomyślnie');
}

interface SendInvoiceRequest {
  invoiceHash: string;
  invoiceSize: number;
  encryptedInvoiceHash: string;
  encryptedInvoiceSize: number;
  encryptedInvoiceContent: string;
  offlineMode?: boolean;
  hashOfCorrectedInvoice?: string | null;
}

export function sendInvoice(sim: Sim, ctx: Ctx): Reply {
  const auth = sim.access(ctx, WRITE);
  const body = jsonBody<SendInvoiceRequest>(ctx);
  const s = findSession(sim, auth, ctx.params.referenceNumber!, 'online');
  const status = sessionStatus(sim, s);
  if (status.code !== 100) {
    throw badRequest(21180, 'Status sesji nie pozwala na wykonanie operacji.', [
      `Status sesji ${status.code} uniemożliwia wysyłkę faktur.`,
    ]);
  }
  if (s.invoices.length >= MAX_INVOICES_PER_SESSION) {
    throw badRequest(21155, 'Przekroczono dozwoloną liczbę faktur w sesji.', [
      `Sesja o numerze referencyjnym ${s.referenceNumber} osiągnęła dozwolony limit liczby faktur ${MAX_INVOICES_PER_SESSION}.`,
    ]);
  }
  const encrypted = b64decode(body.encryptedInvoiceContent);
  // Encrypted size/hash are checked synchronously (400 21402/21403), plaintext ones asynchronously (430), §3.3.
  if (encrypted.length !== body.encryptedInvoiceSize) {
    throw badRequest(21402, 'Nieprawidłowy rozmiar pliku.', ['Długość treści nie zgadza się z rozmiarem pliku.']);
  }
  if (sha256b64(encrypted) !== body.encryptedInvoiceHash) {
    throw badRequest(21403, 'Nieprawidłowy skrót pliku.', ['Skrót treści nie zgadza się ze skrótem pliku.']);
  }
  if (body.hashOfCorrectedInvoice)
    checkTechnicalCorrection(sim, s, body.hashOfCorrectedInvoice, body.offlineMode ?? false);
  const inv = processInvoice(sim, s, {
    plaintext: s.key ? aesDecrypt(s.key, s.iv, encrypted) : undefined,
    sessionError: !s.key, // sent before the 415 showed: cancelled with the session (invoice status 405)
    declaredHash: body.invoiceHash,
    declaredSize: body.invoiceSize,
    invoicingMs: sim.now(),
    offlineMode: body.offlineMode ?? false,
    allowAttachment: false,
  });
  if (body.hashOfCorrectedInvoice) inv.correctedHash = body.hashOfCorrectedInvoice;
  s.updatedMs = sim.now();
  return { status: 202, json: { referenceNumber: inv.referenceNumber } };
}

/**
 * Technical correction of a rejected offline invoice (docs/ksef-protocol.md §5, ksef-docs offline/korekta-techniczna.md):
 * only with offlineMode, only for an invoice of this context that was not accepted, only once.
 */
function checkTechnicalCorrection(sim: Sim, s: SessionRec, hash: string, offlineMode: boolean): void {
  if (!offlineMode) throw validationError(['hashOfCorrectedInvoice wymaga offlineMode: true (korekta techniczna).']);
  const mine = [...sim.store.sessions.values()].filter((x) => x.contextValue === s.contextValue);
  const originals = mine.flatMap((x) => x.invoices).filter((i) => i.invoiceHash === hash);
  if (originals.length === 0) {
    throw validationError([`Nie znaleziono faktury o skrócie ${hash} do korekty technicznej.`]);
  }
  if (originals.some((i) => i.result.code === 200)) {
    throw badRequest(21167, 'Status faktury nie pozwala na korektę techniczną.', [
      'Nie można wysłać korekty technicznej do prawidłowo przetworzonej faktury.',
    ]);
  }
  const done = mine.flatMap((x) => x.invoices).some((i) => i.correctedHash === hash && i.result.code === 200);
  if (done) {
    throw badRequest(21166, 'Korekta techniczna niedostępna.', [
      'Faktura posiada już przetworzoną prawidłowo korektę techniczną.',
    ]);
  }
}

export function closeOnline(sim: Sim, ctx: Ctx): Reply {
  const auth = sim.access(ctx, WRITE);
  const s = findSession(sim, auth, ctx.params.referenceNumber!, 'online');
  const status = sessionStatus(sim, s);
  if (status.code !== 100) {
    throw badRequest(21180, 'Status sesji nie pozwala na wykonanie operacji.', [
      `Status sesji ${status.code} uniemożliwia jej zamknięcie.`,
    ]);
  }
  s.closedMs = sim.now();
  s.updatedMs = s.closedMs;
  return { status: 204 };
}

function upoLink(ctx: Ctx, token: string) {
  return `${ctx.origin}/__storage/upo/${token}`;
}

function upoPages(sim: Sim, s: SessionRec) {
  if (!s.upoPages) {
    const ok = s.invoices.filter((i) => i.result.code === 200);
    const pages = Math.max(1, Math.ceil(ok.length / UPO_PAGE_SIZE));
    s.upoPages = Array.from({ length: pages }, (_, i) => {
      const token = Buffer.from(sim.random(24)).toString('base64url');
      const page = { referenceNumber: sim.ref('EU'), token, from: i * UPO_PAGE_SIZE, to: (i + 1) * UPO_PAGE_SIZE };
      sim.store.upoLinks.set(token, { session: s.referenceNumber, page: i + 1 });
      return page;
    });
  }
  return s.upoPages;
}

export function getSession(sim: Sim, ctx: Ctx): Reply {
  const auth = sim.access(ctx, READ_STATUS);
  const s = findSession(sim, auth, ctx.params.referenceNumber!);
  const status = sessionStatus(sim, s);
  const now = sim.now();
  const visible = s.invoices.map((i) => visibleInvoiceStatus(sim, i).code);
  const json: Record<string, unknown> = {
    status,
    dateCreated: sim.iso(s.createdMs),
    dateUpdated: sim.iso(s.updatedMs),
    validUntil: sim.iso(s.validUntilMs),
    invoiceCount: s.invoices.length,
    successfulInvoiceCount: visible.filter((c) => c === 200).length,
    failedInvoiceCount: visible.filter((c) => c >= 400).length,
  };
  if (status.code === 200) {
    json.upo = {
      pages: upoPages(sim, s).map((p) => ({
        referenceNumber: p.referenceNumber,
        downloadUrl: upoLink(ctx, p.token),
        downloadUrlExpirationDate: sim.iso(now + LIFETIME_MS.upoLink),
      })),
    };
  }
  return { status: 200, json };
}

function invoiceJson(sim: Sim, ctx: Ctx, i: InvoiceRec) {
  const status = visibleInvoiceStatus(sim, i);
  const done = status.code === 200;
  if (done && !i.upoToken) {
    i.upoToken = Buffer.from(sim.random(24)).toString('base64url');
    sim.store.upoLinks.set(i.upoToken, { session: i.sessionReferenceNumber, invoice: i.referenceNumber });
  }
  return {
    ordinalNumber: i.ordinalNumber,
    invoiceNumber: status.code >= 200 ? (i.invoiceNumber ?? null) : null,
    ksefNumber: done ? i.ksefNumber : null,
    referenceNumber: i.referenceNumber,
    invoiceHash: i.invoiceHash,
    invoiceFileName: i.invoiceFileName ?? null,
    acquisitionDate: done ? sim.iso(i.tFinal) : null,
    invoicingDate: sim.iso(i.invoicingMs),
    permanentStorageDate:
      done && i.permanentMs !== undefined && sim.now() >= i.permanentMs ? sim.iso(i.permanentMs) : null,
    upoDownloadUrl: done ? upoLink(ctx, i.upoToken!) : null,
    upoDownloadUrlExpirationDate: done ? sim.iso(sim.now() + LIFETIME_MS.upoLink) : null,
    invoicingMode: done ? i.invoicingMode : null,
    status,
  };
}

function findInvoice(s: SessionRec, ref: string): InvoiceRec {
  const i = s.invoices.find((x) => x.referenceNumber === ref);
  if (!i) {
    throw badRequest(21405, 'Błąd walidacji danych wejściowych.', [
      `Faktura o numerze referencyjnym ${ref} nie została odnaleziona w sesji ${s.referenceNumber}.`,
    ]);
  }
  return i;
}

export function getInvoice(sim: Sim, ctx: Ctx): Reply {
  const auth = sim.access(ctx, READ_STATUS);
  const s = findSession(sim, auth, ctx.params.referenceNumber!);
  return { status: 200, json: invoiceJson(sim, ctx, findInvoice(s, ctx.params.invoiceReferenceNumber!)) };
}

/** Paged list (pageSize 10..1000, x-continuation-token); `failed` keeps only final failures. */
export function listInvoices(sim: Sim, ctx: Ctx, failed: boolean): Reply {
  const auth = sim.access(ctx, READ_STATUS);
  const s = findSession(sim, auth, ctx.params.referenceNumber!);
  const pageSize = Number(ctx.query.get('pageSize') ?? 10);
  if (!Number.isInteger(pageSize) || pageSize < 10 || pageSize > 1000) {
    throw validationError([
      `pageSize musi być liczbą całkowitą z zakresu 10..1000 (otrzymano ${ctx.query.get('pageSize')}).`,
    ]);
  }
  const tokenHeader = ctx.req.headers['x-continuation-token'];
  const start =
    typeof tokenHeader === 'string' && tokenHeader ? Number(Buffer.from(tokenHeader, 'base64url').toString()) : 0;
  if (!Number.isInteger(start) || start < 0) throw badRequest(21418, 'Nieprawidłowy token kontynuacji.', []);
  const all = s.invoices.filter((i) => !failed || visibleInvoiceStatus(sim, i).code >= 400);
  const page = all.slice(start, start + pageSize);
  const next = start + pageSize < all.length ? Buffer.from(String(start + pageSize)).toString('base64url') : null;
  return {
    status: 200,
    json: { ...(next ? { continuationToken: next } : {}), invoices: page.map((i) => invoiceJson(sim, ctx, i)) },
  };
}

export function xmlReply(xml: string | Uint8Array): Reply {
  const bytes = typeof xml === 'string' ? new TextEncoder().encode(xml) : xml;
  // x-ms-meta-hash = Base64 SHA-256 of the UPO bytes (§3.5).
  return { status: 200, bytes, headers: { 'content-type': 'application/xml', 'x-ms-meta-hash': sha256b64(bytes) } };
}

function upoOf(sim: Sim, s: SessionRec, i: InvoiceRec | undefined, what: string): Reply {
  if (!i || visibleInvoiceStatus(sim, i).code !== 200) {
    throw badRequest(21405, 'Błąd walidacji danych wejściowych.', [`UPO dla ${what} nie jest dostępne.`]);
  }
  return xmlReply(invoiceUpo(sim, s, i));
}

export function invoiceUpoByRef(sim: Sim, ctx: Ctx): Reply {
  const auth = sim.access(ctx, READ_STATUS);
  const s = findSession(sim, auth, ctx.params.referenceNumber!);
  const ref = ctx.params.invoiceReferenceNumber!;
  return upoOf(
    sim,
    s,
    s.invoices.find((i) => i.referenceNumber === ref),
    `faktury ${ref}`,
  );
}

export function invoiceUpoByKsef(sim: Sim, ctx: Ctx): Reply {
  const auth = sim.access(ctx, READ_STATUS);
  const s = findSession(sim, auth, ctx.params.referenceNumber!);
  const n = ctx.params.ksefNumber!;
  return upoOf(
    sim,
    s,
    s.invoices.find((i) => i.ksefNumber === n && i.result.code === 200),
    `numeru KSeF ${n}`,
  );
}

export function sessionUpoByRef(sim: Sim, ctx: Ctx): Reply {
  const auth = sim.access(ctx, READ_STATUS);
  const s = findSession(sim, auth, ctx.params.referenceNumber!);
  if (sessionStatus(sim, s).code !== 200) {
    throw badRequest(21405, 'Błąd walidacji danych wejściowych.', ['UPO sesji nie jest jeszcze dostępne.']);
  }
  const idx = upoPages(sim, s).findIndex((p) => p.referenceNumber === ctx.params.upoReferenceNumber);
  if (idx < 0) throw badRequest(21405, 'Błąd walidacji danych wejściowych.', ['Nieznany numer referencyjny UPO.']);
  return xmlReply(
    sessionUpo(
      sim,
      s,
      s.invoices.filter((i) => i.result.code === 200),
      idx + 1,
    ),
  );
}

/** Pre-signed UPO download (no Authorization, not rate-limited, §3.5). */
export function storageUpo(sim: Sim, token: string): Reply {
  const link = sim.store.upoLinks.get(token);
  const s = link && sim.store.sessions.get(link.session);
  if (!link || !s)
    return { status: 404, bytes: new TextEncoder().encode('BlobNotFound'), headers: { 'content-type': 'text/plain' } };
  if (link.invoice) return xmlReply(invoiceUpo(sim, s, s.invoices.find((i) => i.referenceNumber === link.invoice)!));
  return xmlReply(
    sessionUpo(
      sim,
      s,
      s.invoices.filter((i) => i.result.code === 200),
      link.page ?? 1,
    ),
  );
}
