/**
 * The worker's words about received invoices (notification, sync errors): the texts are in the
 * worker slice of src/i18n; this module picks the plural form and words a stored sync error.
 */
import { clientErrorText } from '../i18n/errors';
import { type PluralForm, pluralForm } from '../i18n/plural';
import { purchaseTexts } from '../i18n/purchases';
import { type WorkerKey, workerTexts } from '../i18n/worker';
import type { Lang } from '../messaging';
import type { SyncError } from '../purchase';

/** "N nowych faktur zakupowych" in the plural form the count takes in `lang`. */
const NEW_PURCHASES: Readonly<Record<PluralForm, WorkerKey>> = {
  one: 'purchasesNewOne',
  few: 'purchasesNewFew',
  many: 'purchasesNewMany',
};

export function newPurchasesTitle(n: number, lang: Lang): string {
  return workerTexts(lang)(NEW_PURCHASES[pluralForm(n, lang)], { n });
}

export function newPurchasesBody(lang: Lang): string {
  return workerTexts(lang)('purchasesNewBody');
}

/** Sync error codes (src/background/purchases.ts stores them) and their texts; any other code reads as `failed`. */
const SYNC_ERROR_KEY: Readonly<Record<string, WorkerKey>> = {
  'no-permission': 'syncNoPermission',
  auth: 'syncAuth',
  unavailable: 'syncUnavailable',
  integrity: 'syncIntegrity',
  failed: 'syncFailed',
  'not-configured': 'syncNotConfigured',
};

/** A stored sync error in `lang`. A `failed` one names its cause in `lang`; one stored by an older
 * version (no cause) shows its stored message. */
export function syncErrorText(error: Pick<SyncError, 'code' | 'message' | 'cause'>, lang: Lang): string {
  const key = Object.hasOwn(SYNC_ERROR_KEY, error.code) ? SYNC_ERROR_KEY[error.code]! : 'syncFailed';
  return workerTexts(lang)(key, { message: causeText(error, lang) });
}

function causeText({ cause, message }: Pick<SyncError, 'message' | 'cause'>, lang: Lang): string {
  if (!cause) return message;
  if (cause.code === 'unexpected') return purchaseTexts(lang)('syncUnexpected');
  return clientErrorText(cause.code, lang, 'params' in cause ? cause.params : undefined);
}
