// Invoice processing (docs/ksef-protocol.md §3.3–§3.4, §5): decryption, size/hash checks, FA(3) XSD, duplicate
// detection, automatic offline classification, KSeF number. The outcome is computed when the invoice arrives
// and revealed along the 100 → 150 → final timeline (processingDelaysMs), so a fake clock drives it too.
import { createDecipheriv, createHash } from 'node:crypto';
import type { Sim } from './core';
import { checkFa3 } from './fa3';
import { ksefNumber } from './numbers';
import type { InvoiceRec, SessionRec, StatusInfo } from './store';
import { warsawDate } from './warsaw';

export const MAX_INVOICE_BYTES = 1_000_000; // §8.3 (attachments: 3 000 000, batch only)
export const MAX_INVOICE_WITH_ATTACHMENT_BYTES = 3_000_000;

const DESCRIPTIONS: Record<number, string> = {
  100: 'Faktura przyjęta do dalszego przetwarzania',
  150: 'Trwa przetwarzanie',
  200: 'Sukces',
  405: 'Przetwarzanie anulowane z powodu błędu sesji',
  410: 'Nieprawidłowy zakres uprawnień',
  415: 'Brak możliwości wysyłania faktury z załącznikiem',
  430: 'Błąd weryfikacji pliku faktury',
  435: 'Błąd odszyfrowania pliku',
  440: 'Duplikat faktury',
  450: 'Błąd weryfikacji semantyki dokumentu faktury',
  500: 'Nieznany błąd (500)',
  550: 'Operacja została anulowana przez system',
};

export function invoiceStatus(code: number, details?: string[], extensions?: Record<string, string>): StatusInfo {
  const s: StatusInfo = { code, description: DESCRIPTIONS[code] ?? `Nieznany błąd (${code})` };
  if (code === 550 && !details)
    s.details = ['Przetwarzanie zostało przerwane z przyczyn wewnętrznych systemu. Spróbuj ponownie'];
  if (details) s.details = details;
  if (extensions) s.extensions = extensions;
  return s;
}

export const sha256b64 = (b: Uint8Array) => createHash('sha256').update(b).digest('base64');

/** AES-256-CBC, PKCS#7, no IV prefix (§3.1). Undefined when the ciphertext does not decrypt. */
export function aesDecrypt(key: Uint8Array, iv: Uint8Array, data: Uint8Array): Uint8Array | undefined {
  try {
    const d = createDecipheriv('aes-256-cbc', key, iv);
    return new Uint8Array(Buffer.concat([d.update(data), d.final()]));
  } catch {
    return undefined;
  }
}

export interface Arrival {
  plaintext: Uint8Array | undefined; // undefined → decryption failed (435)
  declaredHash: string;
  declaredSize: number;
  invoicingMs: number;
  /** Start of the 100 → 150 → final timeline; batch invoices start at close, not at invoicingDate. */
  processingStartMs?: number | undefined;
  offlineMode: boolean;
  fileName?: string;
  allowAttachment: boolean; // batch sessions only (§3.3)
  sessionError?: boolean; // the session failed (key not unwrapped) → 405
  forceStatus?: number; // the session's forced failure (445) fails every invoice with this status
}

/** Runs the checks in KSeF's order and registers a successful invoice; returns the record (status hidden by time). */
export function processInvoice(sim: Sim, session: SessionRec, a: Arrival): InvoiceRec {
  const [d1, d2] = sim.delays;
  const start = a.processingStartMs ?? a.invoicingMs;
  const inv: InvoiceRec = {
    ordinalNumber: session.invoices.length + 1,
    referenceNumber: sim.ref('EE', a.invoicingMs),
    sessionReferenceNumber: session.referenceNumber,
    invoiceHash: a.declaredHash,
    invoiceFileName: a.fileName,
    invoicingMs: a.invoicingMs,
    t150: start + d1,
    tFinal: start + d1 + d2,
    result: invoiceStatus(500),
  };
  session.invoices.push(inv);
  // 'invoice-delay' fault: this invoice stays 150 longer (days, on the simulator's clock).
  const delay = sim.faults.takeInvoiceDelay();
  if (delay !== undefined) inv.tFinal += delay;
  const forced = a.forceStatus !== undefined ? { code: a.forceStatus } : sim.faults.takeInvoiceStatus();
  inv.result = evaluate(sim, session, inv, a);
  if (forced !== undefined) {
    // A forced final status (control API fault) replaces whatever happened; a replaced success is unregistered.
    if (inv.result.code === 200) unregister(sim, inv);
    inv.result = invoiceStatus(forced.code, forced.details);
  }
  return inv;
}

function unregister(sim: Sim, inv: InvoiceRec) {
  for (const [k, v] of sim.store.registry) if (v.ksefNumber === inv.ksefNumber) sim.store.registry.delete(k);
  inv.ksefNumber = undefined;
  inv.invoicingMode = undefined;
  inv.xml = undefined;
}

function evaluate(sim: Sim, session: SessionRec, inv: InvoiceRec, a: Arrival): StatusInfo {
  if (a.sessionError) return invoiceStatus(405);
  const plain = a.plaintext;
  if (!plain) return invoiceStatus(435, ['Plik niepoprawnie zaszyfrowany']);
  if (plain.length !== a.declaredSize) {
    return invoiceStatus(430, ['Rozmiar przesłanego pliku faktury nie zgadza się z zadeklarowaną wartością']);
  }
  if (sha256b64(plain) !== a.declaredHash) {
    return invoiceStatus(430, ['Skrót przesłanego pliku faktury nie zgadza się z zadeklarowaną wartością']);
  }
  const fa = checkFa3(plain);
  if (!fa.ok) return invoiceStatus(450, fa.messages);
  const f = fa.facts;
  inv.invoiceNumber = f.invoiceNumber;
  inv.sellerNip = f.sellerNip;
  inv.issueDate = f.issueDate;
  const limit = f.hasAttachment ? MAX_INVOICE_WITH_ATTACHMENT_BYTES : MAX_INVOICE_BYTES;
  if (plain.length > limit) {
    return invoiceStatus(430, [`Rozmiar pliku faktury przekracza dopuszczalny limit ${limit} B`]);
  }
  if (f.hasAttachment && !a.allowAttachment) return invoiceStatus(415);
  // Simplified permission model: the login context must be one of the invoice's parties (seller, buyer,
  // third party); KSeF's real model (self-billing, representatives, VAT groups) is richer (§6.2).
  if (session.contextType === 'Nip' && !f.partyNips.includes(session.contextValue)) {
    return invoiceStatus(410, [`Kontekst ${session.contextValue} nie jest stroną faktury`]);
  }
  const acceptedDay = warsawDate(a.invoicingMs);
  if (f.issueDate > acceptedDay) {
    return invoiceStatus(450, [`Data wystawienia faktury (P_1 = ${f.issueDate}) jest późniejsza niż data przyjęcia`]);
  }
  const dupKey = `${f.sellerNip}|${f.invoiceNumber}|${f.invoiceType}`;
  const original = sim.store.registry.get(dupKey);
  if (original) {
    return invoiceStatus(
      440,
      [
        `Duplikat faktury. Faktura o numerze KSeF: ${original.ksefNumber} została już prawidłowo przesłana do systemu w sesji: ${original.sessionReferenceNumber}`,
      ],
      { originalSessionReferenceNumber: original.sessionReferenceNumber, originalKsefNumber: original.ksefNumber },
    );
  }
  // Auto-offline (§5): P_1 earlier than the (Warsaw) calendar day of invoicingDate → Offline.
  inv.invoicingMode = a.offlineMode || f.issueDate < acceptedDay ? 'Offline' : 'Online';
  inv.xml = plain;
  inv.partyNips = f.partyNips;
  // Permanent storage comes after the KSeF number (CIRFMF/ksef-api#96); modelled with the second delay again.
  inv.permanentMs = inv.tFinal + sim.delays[1];
  inv.ksefNumber = ksefNumber(f.sellerNip, inv.tFinal, (n) => sim.random(n));
  sim.store.registry.set(dupKey, { ksefNumber: inv.ksefNumber, sessionReferenceNumber: session.referenceNumber });
  return invoiceStatus(200);
}

/** The invoice status a client sees now (§3.4): 100 → 150 → final. */
export function visibleInvoiceStatus(sim: Sim, inv: InvoiceRec): StatusInfo {
  const now = sim.now();
  if (now < inv.t150) return invoiceStatus(100);
  if (now < inv.tFinal) return invoiceStatus(150);
  return inv.result;
}
