/** Public API of the KSeF 2.0 client (pure TypeScript; see client.ts for the entry point). */
export { credentialFromUserToken, KsefAuth, type KsefCredential, type StoredTokens } from './auth';
export {
  type BatchFileEntry,
  type BatchHandle,
  type BatchInvoice,
  type BatchInvoiceResult,
  type BatchResult,
  BatchSessions,
  type BatchSubmitOptions,
  batchSessionStatusPl,
  MAX_BATCH_PART_SIZE,
  type SessionStatus,
} from './batch-session';
export type { CertificateQuery, KsefCertificateInfo, RetrievedCertificate } from './certificates';
export { createKsefClient, type KsefClient, type KsefClientOptions } from './client';
export type { KsefContext } from './context';
export { aesCbcDecrypt, aesCbcEncrypt, cbcCiphertextSize, createSessionKey, type RandomBytes } from './crypto';
export { base64ToBase64Url, fromBase64, sha256, sha256Base64, toBase64, utf8 } from './encoding';
export { apiHost, KSEF_ENVIRONMENTS, type KsefEnvironment, withApiBase } from './env';
export * from './errors';
export type { FetchLike } from './http';
export {
  fetchInvoiceStatus,
  type InvoiceOutcome,
  type InvoiceStatusInfo,
  interpretInvoiceStatus,
  listSessionInvoices,
  type SessionInvoiceStatus,
} from './invoice-status';
export { checkKsefNumber, crc8, crc8Hex, isValidKsefNumber, type KsefNumberCheck } from './ksef-number';
export { LIMIT_RULES, type LimitGroup, type LimitRule, RateLimiter } from './limits';
export { FA3_FORM_CODE, OnlineSessions, type SendInvoiceOptions, type SentInvoice } from './online-session';
export { type MfPublicKey, MfPublicKeys, type PublicKeyUsage, pickCertificate } from './public-keys';
export { type KsefRoute, ROUTES, type RouteName, type RouteParams, type RouteTarget } from './routes';
export { type KvStore, MemoryKvStore } from './storage';
export { createTestCertificate } from './test-certificate';
export { INVOICE_READ, INVOICE_WRITE, tokenReferenceNumber } from './token-permissions';
export type { UpoResult } from './upo';
export { buildAuthTokenRequest, signXadesEnveloped, type XadesSigner } from './xades';
