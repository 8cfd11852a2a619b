/**
 * Order extra fields in the Base fake: `getOrderExtraFields` (the account's fields) and
 * `setOrderFields` with `custom_extra_fields` (values per order), as Base's API documents them
 * (https://api.baselinker.com/?method=getOrderExtraFields, ?method=setOrderFields).
 * `addOrderInvoiceFile` is deliberately absent: the extension must never call it.
 */
export interface ExtraField {
  extra_field_id: number;
  name: string;
  /** Base's editor types: text, number, select, checkbox, radio, date, file. */
  editor_type: string;
}

export const DEMO_EXTRA_FIELDS: ExtraField[] = [
  { extra_field_id: 1101, name: 'Numer KSeF', editor_type: 'text' },
  { extra_field_id: 1102, name: 'Uwagi magazynu', editor_type: 'text' },
  { extra_field_id: 1103, name: 'Faktura KSeF (PDF)', editor_type: 'file' },
];

export class OrderFields {
  readonly fields = DEMO_EXTRA_FIELDS.map((f) => ({ ...f }));
  /** order id → extra field id → value */
  readonly values = new Map<number, Record<string, unknown>>();

  list(): unknown {
    return { status: 'SUCCESS', extra_fields: this.fields };
  }

  /** Returns an error [code, message] or undefined when the values are set. */
  set(params: Record<string, unknown>, orderExists: (id: number) => boolean): [string, string] | undefined {
    const orderId = Number(params.order_id);
    if (!Number.isInteger(orderId) || orderId <= 0 || !orderExists(orderId))
      return ['ERROR_ORDER_NOT_FOUND', `Order ${String(params.order_id)} not found`];
    const extra = params.custom_extra_fields;
    if (extra === undefined) return undefined;
    if (typeof extra !== 'object' || extra === null || Array.isArray(extra))
      return ['ERROR_PARAMETERS', 'custom_extra_fields must be an object'];
    const known = new Set(this.fields.map((f) => String(f.extra_field_id)));
    for (const k of Object.keys(extra)) {
      if (!known.has(k)) return ['ERROR_EXTRA_FIELD_NOT_FOUND', `Extra field ${k} not found`];
    }
    this.values.set(orderId, { ...(this.values.get(orderId) ?? {}), ...(extra as Record<string, unknown>) });
    return undefined;
  }
}
