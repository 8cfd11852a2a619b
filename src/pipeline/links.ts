/**
 * What an accepted invoice gets: its KSeF number, KOD I (and KOD II when offline), then the UPO.
 * A 440-adopted invoice gets KOD I from the file KSeF stores and its UPO from the original
 * session (`originalSessionReferenceNumber`).
 */

import type { Settings } from '../messaging';
import { note, sessionUpoStored, toAccepted, upoNotExpected, upoStored } from '../outbox/transitions';
import type { OutboxContext, OutboxRecord, RecordRef } from '../outbox/types';
import { adoptedProcessedAt } from './adopted-date';
import { type Engine, kindOf } from './engine';
import type { KsefPort } from './ports';
import { sessionUpoEntries } from './session-upo';
import { WAKE } from './wake';

/** 440-adopted invoices: how often and how long to ask KSeF for the stored file (its KOD I). */
const KOD1_RETRY_MS = 60 * 60_000;
const KOD1_RETRY_FOR_MS = 7 * 24 * 60 * 60_000;

export interface Links {
  kod1Url?: string;
  kod2Url?: string;
  withoutCert: boolean;
}

/**
 * KOD I for the invoice (§6.1) and, when offline, KOD II (§6.2) if an Offline certificate key is
 * configured; `withoutCert` when an offline invoice cannot get KOD II (the UI warns). The links
 * name the record's own environment and NIP.
 */
export async function qrLinks(
  e: Engine,
  ctx: OutboxContext,
  rec: Pick<OutboxRecord, 'hash' | 'issueDate'>,
  offline: boolean,
  settings: Settings,
): Promise<Links> {
  if (!rec.hash || !rec.issueDate) return { withoutCert: false };
  const out: Links = { withoutCert: false };
  try {
    out.kod1Url = e.d.qr.kod1({ env: ctx.env, sellerNip: ctx.nip, issueDate: rec.issueDate, hash: rec.hash });
  } catch {
    // A link that cannot be made is left out; the print page shows the invoice without it.
  }
  if (offline) {
    try {
      const kod2 = await e.d.qr.kod2({ env: ctx.env, sellerNip: ctx.nip, hash: rec.hash, settings });
      if (kod2) out.kod2Url = kod2;
    } catch {
      // Same as no key: the warning tells the user to fix the certificate.
    }
    out.withoutCert = out.kod2Url === undefined;
  }
  return out;
}

/** KOD I of an invoice adopted from 440, from the hash of the file KSeF stores (§6.1). */
async function adoptedLinks(e: Engine, rec: OutboxRecord, ksefNumber: string): Promise<Links> {
  const ksef = await e.ksefOf(rec);
  const hash = await ksef?.storedHash?.(ksefNumber).catch(() => null);
  if (!hash || !rec.issueDate) return { withoutCert: false };
  try {
    return {
      kod1Url: e.d.qr.kod1({ env: rec.env, sellerNip: rec.nip, issueDate: rec.issueDate, hash }),
      withoutCert: false,
    };
  } catch {
    return { withoutCert: false };
  }
}

/** Accepted (or 440 adopted): KSeF number, date, KOD I (+ KOD II when offline), then the UPO. */
export async function accept(
  e: Engine,
  rec: OutboxRecord,
  a: {
    ksefNumber: string;
    processedAt?: string;
    invoicingMode?: 'Online' | 'Offline';
    event: string;
    duplicate?: { status: NonNullable<OutboxRecord['ksefStatus']>; originalSessionRef?: string };
  },
): Promise<OutboxRecord> {
  const settings = await e.settings();
  // KSeF may mark an invoice Offline on its own (§5 "Automatic offline"); then it needs KOD II too.
  const offline = (rec.offline ?? false) || a.invoicingMode === 'Offline';
  // 440: the invoice in KSeF is the ORIGINAL file (a rebuilt file differs at least in
  // DataWytworzeniaFa), so KOD I must carry the stored file's hash, asked from KSeF.
  const links = a.duplicate ? await adoptedLinks(e, rec, a.ksefNumber) : await qrLinks(e, rec, rec, offline, settings);
  const saved = await e.d.store.apply(
    rec,
    e.now(),
    toAccepted({
      ksefNumber: a.ksefNumber,
      offline,
      ...(a.processedAt ? { processedAt: a.processedAt } : {}),
      ...(a.invoicingMode ? { invoicingMode: a.invoicingMode } : {}),
      links,
      ...(a.duplicate ? { duplicate: a.duplicate } : {}),
      event: a.event,
    }),
  );
  // KSeF serves the stored file only after permanent storage: ask again later for KOD I.
  if (a.duplicate && !links.kod1Url) await e.schedule(WAKE.kod1(await e.wakeId(rec)), e.now() + KOD1_RETRY_MS);
  return fetchUpo(e, saved);
}

/**
 * The record confirmed by the session UPO, or undefined when the session UPO is there but does not
 * list it (then its own UPO is asked for). Not issued yet, or unreachable: a note, and the hourly
 * poll asks again (one read per session, not per invoice).
 */
async function upoFromSession(e: Engine, ksef: KsefPort, rec: OutboxRecord): Promise<OutboxRecord | undefined> {
  if (!rec.ksefNumber || !rec.upoMissing) return rec.upoMissing ? undefined : rec;
  try {
    const entries = await sessionUpoEntries(ksef, rec.sessionRef!, e.now());
    if (!entries) return e.d.store.apply(rec, e.now(), note({}, { event: 'session-upo-pending' }));
    const hit = entries.get(rec.ksefNumber);
    if (!hit) return undefined;
    return e.d.store.apply(rec, e.now(), sessionUpoStored({ sessionRef: rec.sessionRef!, ...hit }));
  } catch (err) {
    return e.d.store.apply(rec, e.now(), note({}, { event: 'upo-failed', detail: kindOf(err) }));
  }
}

/** Another try at the KOD I of a 440-adopted invoice; hourly, for a week at most. */
export async function retryAdoptedKod1(e: Engine, ref: RecordRef): Promise<void> {
  const rec = await e.d.store.get(ref);
  if (rec?.state !== 'accepted' || !rec.duplicateAdopted || rec.kod1Url || !rec.ksefNumber) return;
  const links = await adoptedLinks(e, rec, rec.ksefNumber);
  if (links.kod1Url) {
    await e.d.store.apply(rec, e.now(), note({ kod1Url: links.kod1Url }, { event: 'kod1-from-stored-file' }));
  } else if (e.now() - rec.stateSince < KOD1_RETRY_FOR_MS) {
    await e.schedule(WAKE.kod1(await e.wakeId(rec)), e.now() + KOD1_RETRY_MS);
  }
}

/**
 * The UPO: from the invoice's own session, or for a 440-adopted invoice from the original
 * session by its KSeF number. Once stored, the XML bytes are dropped (upoStored).
 */
export async function fetchUpo(e: Engine, rec: OutboxRecord, opts: { own?: boolean } = {}): Promise<OutboxRecord> {
  const ksef = await e.ksefOf(rec);
  // A batch invoice is confirmed by its session's UPO; its own UPO only when asked for it.
  if (!opts.own && rec.channel === 'batch' && !rec.duplicateAdopted && ksef?.sessionUpo && rec.sessionRef) {
    const fromSession = await upoFromSession(e, ksef, rec);
    if (fromSession) return fromSession;
  }
  const adoptedSession = rec.duplicateAdopted ? rec.originalSessionRef : undefined;
  const canAsk =
    rec.ksefNumber !== undefined &&
    (rec.duplicateAdopted
      ? adoptedSession !== undefined && ksef?.upoByKsefNumber !== undefined
      : rec.sessionRef !== undefined && rec.invoiceRef !== undefined);
  if (!canAsk) {
    if (!rec.upoMissing) return rec;
    return e.d.store.apply(rec, e.now(), upoNotExpected());
  }
  if (!ksef) return rec; // another context without credentials: the record keeps waiting
  try {
    const upo = adoptedSession
      ? await ksef.upoByKsefNumber!(adoptedSession, rec.ksefNumber!)
      : await ksef.upo(rec.sessionRef!, rec.invoiceRef!, rec.ksefNumber!);
    const stored = await e.d.store.apply(rec, e.now(), upoStored(upo));
    return adoptedProcessedAt(e, stored);
  } catch (err) {
    // The UPO can come later (hourly poll); the acceptance itself is already recorded.
    return e.d.store.apply(rec, e.now(), note({}, { event: 'upo-failed', detail: kindOf(err) }));
  }
}
