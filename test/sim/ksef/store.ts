// In-memory state of one simulator instance. Everything here is forgotten by POST /__sim/reset except the MF keys.
import { PurchaseState } from './purchase-state';

export interface StatusInfo {
  code: number;
  description: string;
  details?: string[] | null;
  extensions?: Record<string, string | null> | null;
}

export interface KsefTokenRec {
  token: string;
  referenceNumber: string;
  nip: string;
  permissions: string[];
  revoked: boolean;
}

export interface ChallengeRec {
  challenge: string;
  timestampMs: number;
  used: boolean;
}

export interface AuthOp {
  referenceNumber: string;
  startMs: number;
  method: 'Token' | 'Xades';
  contextType: 'Nip' | 'InternalId' | 'NipVatUe' | 'PeppolId';
  contextValue: string;
  /** Final result, revealed once the processing delay passed (docs/ksef-protocol.md §2.4: poll while 100). */
  result: StatusInfo;
  permissions: string[];
  subject: { type: 'Nip' | 'Pesel' | 'Fingerprint'; value: string };
  tokenReferenceNumber?: string | undefined; // UPO: NumerReferencyjnyTokenaKSeF
  documentHash?: string; // UPO: SkrotDokumentuUwierzytelniajacego (XAdES)
  authMethod: string; // AuthenticationMethod enum
  redeemed: boolean;
  revoked: boolean;
  refreshValidUntilMs?: number;
  allowedIps?: { addresses: string[]; ranges: string[]; masks: string[] } | undefined;
  lastRefreshMs?: number;
}

export interface InvoiceRec {
  ordinalNumber: number;
  referenceNumber: string;
  sessionReferenceNumber: string;
  invoiceHash: string;
  invoiceFileName?: string | undefined;
  invoicingMs: number; // accepted for processing (invoicingDate)
  t150: number; // when the status becomes 150
  tFinal: number; // when the final result becomes visible
  result: StatusInfo;
  invoiceNumber?: string;
  sellerNip?: string;
  issueDate?: string;
  ksefNumber?: string | undefined;
  invoicingMode?: 'Online' | 'Offline' | undefined;
  upoToken?: string; // pre-signed download path segment
  permanentMs?: number; // permanentStorageDate: from then on GET /invoices/ksef/{n} serves it (§3.4)
  xml?: Uint8Array | undefined; // kept for successful invoices only
  partyNips?: string[];
  correctedHash?: string; // technical correction: hash of the rejected invoice it replaces
}

export interface BatchPart {
  ordinalNumber: number;
  fileSize: number;
  fileHash: string;
  uploadToken: string;
  data?: Uint8Array;
}

export interface SessionRec {
  kind: 'online' | 'batch';
  referenceNumber: string;
  contextType: string;
  contextValue: string;
  auth: AuthOp;
  createdMs: number;
  updatedMs: number;
  validUntilMs: number;
  key?: Uint8Array | undefined; // undefined: the AES key did not unwrap → status 415 (docs/ksef-protocol.md §3.2)
  iv: Uint8Array;
  closedMs?: number;
  invoices: InvoiceRec[];
  offlineMode: boolean;
  batch?: {
    fileSize: number;
    fileHash: string;
    compressionType: 'Zip' | 'TarGz';
    parts: BatchPart[];
    /** Session-level failure found while processing the package (405/415/420/430/435/440/445). */
    failure?: StatusInfo | undefined;
    processedMs?: number;
  };
  upoPages?: { referenceNumber: string; token: string; from: number; to: number }[];
  /** 'session-status' fault: the final status this session ends with. */
  forcedStatus?: number;
}

export interface CertRec {
  serialNumber: string;
  name: string;
  type: 'Authentication' | 'Offline';
  commonName: string;
  nip: string;
  certificateDer: Uint8Array;
  validFromMs: number;
  validToMs: number;
  requestMs: number;
  status: 'Active' | 'Blocked' | 'Revoked' | 'Expired';
}

export interface RegisteredInvoice {
  ksefNumber: string;
  sessionReferenceNumber: string;
}

export class Store {
  tokens = new Map<string, KsefTokenRec>();
  challenges = new Map<string, ChallengeRec>();
  auths = new Map<string, AuthOp>();
  sessions = new Map<string, SessionRec>();
  certificates = new Map<string, CertRec>();
  /** Duplicate detection key: seller NIP + invoice number + RodzajFaktury (docs/ksef-protocol.md §3.4 status 440). */
  registry = new Map<string, RegisteredInvoice>();
  /** Pre-signed storage paths → what they serve. */
  upoLinks = new Map<string, { session: string; invoice?: string; page?: number }>();
  requests: { method: string; path: string; status: number; at: number }[] = []; // at: simulator clock, ms
  /** When set (control API), batch part URLs point at this origin instead of the API's own. */
  batchUploadOrigin: string | null = null;
  /** When set (control API), every KSeF reply carries this X-System-Warning, as during announced maintenance. */
  systemWarning: string | null = null;
  /** Metadata queries and exports of received invoices (purchase-state.ts). */
  purchases = new PurchaseState();
}
