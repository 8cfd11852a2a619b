/**
 * Every selector of Base's panel markup, in one file (architecture.md practice 8). The invoice
 * list markup is not public: these follow the stand-in in base.md §2.4 (Bootstrap 3 tables in a
 * `#table_<name>` container, rows loaded by ajax_table_common.php) and are tested against the
 * fixture pages in test/fixtures/base.
 */
export const SEL = {
  /** Container of the invoice table; Base reloads its contents by AJAX. */
  invoiceTable: '#table_invoices',
  /** One invoice per body row. */
  invoiceRows: '#table_invoices table tbody tr',
  /** The row's checkbox carries the invoice id as its value. */
  rowCheckbox: 'input[type="checkbox"][name="sel[]"]',
  /** The action cell where Base's own PDF/correction buttons sit. */
  rowActions: 'td.actions',
  /** Marker on everything we inject, so injection is idempotent. */
  injected: '[data-ksef-ext]',
} as const;

/** The Base invoice id of a row: `data-id` first, then the checkbox value (base.md §2.4, 2a). */
export function rowInvoiceId(row: Element): string | null {
  const fromAttr = row.getAttribute('data-id');
  if (fromAttr && /^\d+$/.test(fromAttr)) return fromAttr;
  const box = row.querySelector<HTMLInputElement>(SEL.rowCheckbox);
  if (box?.value && /^\d+$/.test(box.value)) return box.value;
  return null;
}
