/**
 * Order extra fields in the Base fake: `getOrderExtraFields` (the account's fields) and
 * `setOrderFields` with `custom_extra_fields` (values per order), as Base's API documents them
 * (https://api.baselinker.com/?method=getOrderExtraFields, ?method=setOrderFields). A `file` field
 * takes `{title, file}` where file is base64 prefixed with `data:` (Base's own form, as getInvoiceFile
 * returns it), at most 2 MB; anything else is refused, and a file never goes into a text field.
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

export const FILE_FIELD_MAX_BYTES = 2 * 1024 * 1024;

export interface StoredFile {
  title: string;
  bytes: Buffer;
}

/** What a file field's value decodes to, or the reason it is refused. */
function decodeFile(v: unknown): StoredFile | string {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return 'a file field takes {"title", "file"}';
  const { title, file } = v as Record<string, unknown>;
  if (typeof title !== 'string' || title.trim() === '') return 'file title is missing';
  if (typeof file !== 'string' || !file.startsWith('data:')) return 'file must be base64 prefixed with "data:"';
  const b64 = file.slice(5);
  if (b64 === '' || b64.length % 4 !== 0 || !/^[A-Za-z0-9+/]+={0,2}$/.test(b64)) return 'file is not valid base64';
  const bytes = Buffer.from(b64, 'base64');
  if (bytes.length > FILE_FIELD_MAX_BYTES) return `file is larger than 2 MB (${bytes.length} bytes)`;
  return { title, bytes };
}

export class OrderFields {
  readonly fields = DEMO_EXTRA_FIELDS.map((f) => ({ ...f }));
  /** order id → extra field id → value (for a file field: its title and size; the bytes are in `files`) */
  readonly values = new Map<number, Record<string, unknown>>();
  /** `${order id}/${extra field id}` → the file as stored */
  readonly files = new Map<string, StoredFile>();

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
    const kinds = new Map(this.fields.map((f) => [String(f.extra_field_id), f.editor_type]));
    const set: Record<string, unknown> = {};
    const files = new Map<string, StoredFile>();
    for (const [k, v] of Object.entries(extra)) {
      const kind = kinds.get(k);
      if (!kind) return ['ERROR_EXTRA_FIELD_NOT_FOUND', `Extra field ${k} not found`];
      if (kind === 'file') {
        const f = decodeFile(v);
        if (typeof f === 'string') return ['ERROR_PARAMETERS', `Extra field ${k}: ${f}`];
        files.set(`${orderId}/${k}`, f);
        set[k] = { title: f.title, size: f.bytes.length };
      } else if (typeof v === 'object' && v !== null) {
        return ['ERROR_PARAMETERS', `Extra field ${k} is not a file field`];
      } else set[k] = v;
    }
    // All or nothing, as one call.
    for (const [key, f] of files) this.files.set(key, f);
    this.values.set(orderId, { ...(this.values.get(orderId) ?? {}), ...set });
    return undefined;
  }
}
