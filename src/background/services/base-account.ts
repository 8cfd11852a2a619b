/**
 * What the options page reads from the seller's Base account: the seller block of a recent
 * invoice (to prefill Podmiot1), the numbering series, and the order extra fields.
 */

import { BaseApiError, getOrderExtraFields } from '../../base/api';
import type { Res, Settings } from '../../messaging';
import { errorText } from '../error-text';
import { UserError } from '../router';
import type { Services } from '../services';

/** How far back a recent invoice is looked for: about a quarter. */
const SELLER_LOOKBACK_DAYS = 92;

/** Free-text seller block from Base: first line the name, then the address lines (docs/base.md §1.2). */
export function parseSellerBlock(text: string): { name: string; addressL1: string; addressL2: string; nip?: string } {
  const lines = text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);
  const nipLine = lines.find((l) => /NIP/i.test(l));
  const nip = nipLine?.replace(/\D/g, '').slice(-10);
  const rest = lines.filter((l) => l !== nipLine);
  return {
    name: rest[0] ?? '',
    addressL1: rest[1] ?? '',
    addressL2: rest[2] ?? '',
    ...(nip && nip.length === 10 ? { nip } : {}),
  };
}

/** The seller block of the newest invoice of the last quarter (empty fields when there is none). */
export async function sellerFromBase(svc: Services): Promise<Settings['seller'] & { nip?: string }> {
  const client = await svc.base();
  const since = Math.floor((Date.now() - SELLER_LOOKBACK_DAYS * 86_400_000) / 1000);
  const list = await client.getInvoices({ date_from: since });
  const latest = list.sort((a, b) => b.invoiceId - a.invoiceId)[0];
  return { ...parseSellerBlock(latest?.seller ?? ''), countryCode: 'PL' };
}

/** Base's numbering series, each with whether the extension sends it (all until the seller chose). */
export async function seriesViews(svc: Services): Promise<Res<'series.list'>['series']> {
  const [settings, client] = await Promise.all([svc.settings(), svc.base()]);
  const series = await client.getSeries();
  return series.map((s) => ({
    id: String(s.id),
    name: s.name,
    format: s.format,
    type: s.type,
    enabled: settings.enabledSeries === null || settings.enabledSeries.includes(String(s.id)),
  }));
}

/** The account's order extra fields, for the "Numer KSeF w Base" choice. */
export async function orderExtraFields(svc: Services): Promise<Res<'base.orderExtraFields'>['fields']> {
  try {
    return await getOrderExtraFields(await svc.base());
  } catch (e) {
    if (e instanceof BaseApiError) throw new UserError(errorText(e, await svc.lang()), 'unavailable');
    throw e;
  }
}
