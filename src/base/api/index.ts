/** Base API client: public surface of `src/base/api` (pure: no extension APIs). */
export {
  BASE_CONNECTOR_URL,
  BASE_PAGE_SIZE,
  type BaseClient,
  type BaseClientOptions,
  createBaseClient,
  type GetInvoicesParams,
  type ListInvoicesOptions,
} from './client';
export { BaseDecodeError, decodeInvoice, decodeSeries, ownedByBaseKsef } from './decode';
export { BaseApiError, BaseRetryLaterError, BaseTransportError, explainBaseError } from './errors';
export { type LimiterState, RateLimiter } from './limiter';
export {
  BASE_FILE_FIELD_MAX_BYTES,
  baseDataFile,
  getOrderExtraFields,
  type OrderExtraField,
  setOrderExtraField,
  setOrderFileField,
} from './order-fields';
export { parseBlockedUntil, warsawMonthRange, warsawToEpochMs } from './time';
export type * from './types';
