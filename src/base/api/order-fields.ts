/**
 * Order extra fields (https://api.baselinker.com/?method=getOrderExtraFields and
 * ?method=setOrderFields with `custom_extra_fields`): where the extension may write the KSeF
 * number back into Base, so Base's e-mail templates and order list can show it. Never
 * `addOrderInvoiceFile`: it replaces the invoice the buyer sees and overwrites its number.
 */
import type { BaseClient } from './client';

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

/** Writes text into one extra field of one order (other fields of the order are left as they are). */
export async function setOrderExtraField(
  client: Pick<BaseClient, 'call'>,
  orderId: number,
  fieldId: string,
  value: string,
): Promise<void> {
  await client.call('setOrderFields', { order_id: orderId, custom_extra_fields: { [fieldId]: value } });
}
