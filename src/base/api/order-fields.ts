/**
 * Order extra fields (https://api.baselinker.com/?method=getOrderExtraFields and
 * ?method=setOrderFields with `custom_extra_fields`): where the extension may write the KSeF
 * number back into Base, so Base's e-mail templates and order list can show it, and optionally the
 * stamped invoice PDF into a file extra field (docs/base.md §1.5). Never
 * `addOrderInvoiceFile`: it replaces the invoice the buyer sees and overwrites its number.
 */
import { bytesToBase64 } from '../../core/base64';
import type { BaseClient } from './client';
import { BaseApiError } from './errors';

export interface OrderExtraField {
  id: string;
  name: string;
  /** Base's editor type: text, number, select, checkbox, radio, date, file. */
  kind: string;
}

export async function getOrderExtraFields(client: Pick<BaseClient, 'call'>): Promise<OrderExtraField[]> {
  const body = await client.call('getOrderExtraFields');
  const list = Array.isArray(body.extra_fields) ? body.extra_fields : [];
  const out: OrderExtraField[] = [];
  for (const f of list) {
    if (typeof f !== 'object' || f === null) continue;
    const r = f as Record<string, unknown>;
    const id = r.extra_field_id;
    if ((typeof id !== 'number' && typeof id !== 'string') || String(id) === '') continue;
    out.push({
      id: String(id),
      name: typeof r.name === 'string' ? r.name : String(id),
      kind: typeof r.editor_type === 'string' ? r.editor_type : 'text',
    });
  }
  return out;
}

/** Base takes files of at most 2 MB in a file extra field (setOrderFields). */
export const BASE_FILE_FIELD_MAX_BYTES = 2 * 1024 * 1024;

/** Base's file encoding: base64 prefixed with `data:`, the same form getInvoiceFile returns (docs/base.md §1.4). */
export function baseDataFile(bytes: Uint8Array): string {
  return `data:${bytesToBase64(bytes)}`;
}

/**
 * Puts a file into one file extra field of one order: setOrderFields takes `{title, file}` as the
 * field's value (other fields of the order are left as they are).
 */
export async function setOrderFileField(
  client: Pick<BaseClient, 'call'>,
  orderId: number,
  fieldId: string,
  file: { title: string; bytes: Uint8Array },
): Promise<void> {
  if (file.bytes.length > BASE_FILE_FIELD_MAX_BYTES) {
    throw new BaseApiError(
      'BASE_FILE_TOO_BIG',
      `Plik ${file.title} ma ${(file.bytes.length / 1048576).toFixed(1)} MB, a pole plikowe zamówienia w Base przyjmuje do 2 MB.`,
    );
  }
  await client.call('setOrderFields', {
    order_id: orderId,
    custom_extra_fields: { [fieldId]: { title: file.title, file: baseDataFile(file.bytes) } },
  });
}

/** Writes text into one extra field of one order (other fields of the order are left as they are). */
export async function setOrderExtraField(
  client: Pick<BaseClient, 'call'>,
  orderId: number,
  fieldId: string,
  value: string,
): Promise<void> {
  await client.call('setOrderFields', { order_id: orderId, custom_extra_fields: { [fieldId]: value } });
}
