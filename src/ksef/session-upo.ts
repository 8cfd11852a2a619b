/**
 * The session UPO (docs/ksef-protocol.md §3.5): once a session is processed, `GET /sessions/{ref}`
 * lists `upo.pages` (up to 10,000 documents each) and `GET /sessions/{ref}/upo/{upoRef}` serves each
 * page's XML. One read per page instead of one per invoice: a 10,000-invoice batch needs one request
 * where the per-invoice endpoint needs 10,000 under its rate limit. Parsed here into the documents
 * it confirms, so each invoice can be matched by its KSeF number (and hash).
 */
import { XMLParser } from 'fast-xml-parser';
import type { KsefAuth } from './auth';
import type { KsefContext } from './context';
import { sha256Base64, utf8 } from './encoding';
import { ProtocolError } from './errors';

/** One `Dokument` of a session UPO. */
export interface UpoDocument {
  ksefNumber: string;
  invoiceNumber: string;
  /** `SkrotDokumentu`: Base64 SHA-256 of the invoice file. */
  invoiceHash: string;
  /** `DataNadaniaNumeruKSeF`. */
  assignedAt: string;
}

export interface SessionUpoPage {
  upoReferenceNumber: string;
  xml: string;
  documents: UpoDocument[];
}

/** The session UPO: `pending` while KSeF has not issued it (session not final, or no pages yet). */
export type SessionUpo = { state: 'ready'; pages: SessionUpoPage[] } | { state: 'pending'; sessionStatus: number };

const parser = new XMLParser({
  ignoreAttributes: true,
  removeNSPrefix: true,
  parseTagValue: false,
  isArray: (name) => name === 'Dokument',
});

const text = (v: unknown) => (typeof v === 'string' ? v.trim() : typeof v === 'number' ? String(v) : '');

/** The documents a session UPO page confirms; refuses what is not a UPO. */
export function parseSessionUpo(xml: string): UpoDocument[] {
  let doc: Record<string, unknown>;
  try {
    doc = parser.parse(xml) as Record<string, unknown>;
  } catch {
    throw new ProtocolError('UPO sesji nie jest poprawnym XML');
  }
  const root = doc.Potwierdzenie as Record<string, unknown> | undefined;
  if (!root || typeof root !== 'object') throw new ProtocolError('brak elementu Potwierdzenie w UPO sesji');
  const docs = Array.isArray(root.Dokument) ? (root.Dokument as Record<string, unknown>[]) : [];
  return docs
    .map((d) => ({
      ksefNumber: text(d.NumerKSeFDokumentu),
      invoiceNumber: text(d.NumerFaktury),
      invoiceHash: text(d.SkrotDokumentu),
      assignedAt: text(d.DataNadaniaNumeruKSeF),
    }))
    .filter((d) => d.ksefNumber !== '');
}

const DOKUMENT_RE = /<(?:[\w.-]+:)?Dokument\b[^>]*>[\s\S]*?<\/(?:[\w.-]+:)?Dokument>/g;
const NUMBER_RE = /<(?:[\w.-]+:)?NumerKSeFDokumentu>\s*([^<\s]+)\s*<\//;

/** Each confirmed invoice's `Dokument` element as it stands in the page, by its KSeF number. */
export function sessionUpoEntries(xml: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const m of xml.matchAll(DOKUMENT_RE)) {
    const n = NUMBER_RE.exec(m[0])?.[1];
    if (n) out.set(n, m[0]);
  }
  return out;
}

interface SessionStatusBody {
  status?: { code?: number };
  upo?: { pages?: Array<{ referenceNumber?: string }> } | null;
}

/** Reads the session's status and, once KSeF lists UPO pages, every page. */
export async function fetchSessionUpo(
  ctx: KsefContext,
  auth: KsefAuth,
  sessionReferenceNumber: string,
): Promise<SessionUpo> {
  const st = await auth.withAccess((bearer) =>
    ctx.http.request<SessionStatusBody>({
      route: 'sessionStatus',
      params: { referenceNumber: sessionReferenceNumber },
      bearer,
      expect: [200],
    }),
  );
  const code = st.data?.status?.code ?? 0;
  const refs = (st.data?.upo?.pages ?? []).map((p) => p.referenceNumber).filter((r): r is string => !!r);
  if (refs.length === 0) return { state: 'pending', sessionStatus: code };
  const pages: SessionUpoPage[] = [];
  for (const upoReferenceNumber of refs) {
    const res = await auth.withAccess((bearer) =>
      ctx.http.request<string>({
        route: 'sessionUpo',
        params: { referenceNumber: sessionReferenceNumber, upoReferenceNumber },
        bearer,
        headers: { Accept: 'application/xml' },
        expect: [200],
        read: 'text',
      }),
    );
    const header = res.headers.get('x-ms-meta-hash');
    if (header && (await sha256Base64(utf8(res.data))) !== header) {
      throw new ProtocolError('skrót UPO sesji nie zgadza się z nagłówkiem x-ms-meta-hash');
    }
    pages.push({ upoReferenceNumber, xml: res.data, documents: parseSessionUpo(res.data) });
  }
  return { state: 'ready', pages };
}
