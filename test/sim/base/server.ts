/**
 * Base API fake (POST /connector.php, docs/base.md §1.1–1.4) plus panel-like pages (pages.ts) and a
 * control API for tests:
 *   POST /__sim/invoices  {…partial raw invoice}  → adds an invoice, returns {invoice_id, number}
 *   POST /__sim/faults    {"method":"getInvoices","count":1,"kind":"blocked"|"http500"|"down"|"stall"} (count 0 disarms;
 *                         "stall": the call is carried out, then the head and half the body are sent, and no more)
 *   GET  /__sim/requests  → {total, byMethod} API calls seen (for limiter tests)
 *   GET  /__sim/order-fields → {order_id: {extra_field_id: value}} set with setOrderFields (a file: {title, size})
 *   GET  /__sim/order-files/<order_id>/<extra_field_id> → the bytes of a file put into a file extra field
 *        (title in X-File-Title, URI-encoded)
 * Independent of src/base/api: it speaks Base's wire format, quirks included.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type BaseDataset, makeDemoDataset, type RawInvoice, type RawItem, totalsOfItems, warsawUnix } from './dataset';
import { OrderFields } from './order-fields';
import { invoiceListAjaxPage, invoiceListPage, invoiceListUnknownPage, orderPage, pageOf, tbodyRows } from './pages';
import { invoicePdf } from './pdf';

export const SIM_TOKEN = '3001234-3005678-SIMTOKEN0000000000000000000000000000000000000000';

export type FaultKind = 'blocked' | 'http500' | 'down' | 'stall';
interface Fault {
  method: string;
  count: number;
  kind: FaultKind;
}

export interface BaseSim {
  origin: string;
  apiUrl: string;
  close(): Promise<void>;
}

const GOV_FIELDS = ['gov_id', 'gov_date', 'gov_status'] as const;

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** Answers armed with the "stall" fault: their head and half their body go out, then nothing. */
const stalled = new WeakSet<ServerResponse>();

function send(res: ServerResponse, status: number, body: string, type = 'application/json; charset=utf-8'): void {
  const bytes = Buffer.from(body);
  res.writeHead(status, {
    'Content-Type': type,
    'Content-Length': String(bytes.length),
    'Access-Control-Allow-Origin': '*',
    'Access-Control-Allow-Headers': 'X-BLToken, Content-Type',
    'Cache-Control': 'no-store',
  });
  if (stalled.has(res)) res.write(bytes.subarray(0, Math.floor(bytes.length / 2)));
  else res.end(bytes);
}

const json = (res: ServerResponse, body: unknown, status = 200) => send(res, status, JSON.stringify(body));
const baseError = (res: ServerResponse, code: string, message: string) =>
  json(res, { status: 'ERROR', error_code: code, error_message: message });

/** "YYYY-MM-DD HH:MM:SS" in Europe/Warsaw, the format of Base's ERROR_BLOCKED_TOKEN message. */
function warsawStamp(ms: number): string {
  const f = new Intl.DateTimeFormat('sv-SE', {
    timeZone: 'Europe/Warsaw',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  });
  return f.format(new Date(ms)).replace('T', ' ');
}

const n = (v: unknown): number | undefined => {
  if (v === undefined || v === null || v === '') return undefined;
  const x = Number(v);
  return Number.isFinite(x) ? x : undefined;
};

export async function startBaseSim(
  opts: { port?: number; dataset?: BaseDataset; token?: string; blockSeconds?: number } = {},
): Promise<BaseSim> {
  const ds = opts.dataset ?? makeDemoDataset();
  const invoices: RawInvoice[] = ds.invoices.map((i) => structuredClone(i));
  const series = ds.series;
  const token = opts.token ?? SIM_TOKEN;
  const faults: Fault[] = [];
  const requests = { total: 0, byMethod: {} as Record<string, number> };
  const pdfCache = new Map<number, string>();
  const orderFields = new OrderFields();

  function takeFault(method: string): FaultKind | undefined {
    const f = faults.find((x) => x.count > 0 && (x.method === method || x.method === '*'));
    if (!f) return undefined;
    f.count--;
    return f.kind;
  }

  function getInvoices(p: Record<string, unknown>): unknown {
    let list = [...invoices].sort((a, b) => a.invoice_id - b.invoice_id);
    const invoiceId = n(p.invoice_id);
    const orderId = n(p.order_id);
    const seriesId = n(p.series_id);
    const dateFrom = n(p.date_from);
    const dateTo = n(p.date_to);
    const idFrom = n(p.id_from);
    if (invoiceId !== undefined) list = list.filter((i) => i.invoice_id === invoiceId);
    if (orderId !== undefined) list = list.filter((i) => Number(i.order_id) === orderId);
    if (seriesId !== undefined) list = list.filter((i) => Number(i.series_id) === seriesId);
    if (dateFrom !== undefined) list = list.filter((i) => i.date_add >= dateFrom);
    if (dateTo !== undefined) list = list.filter((i) => i.date_add <= dateTo);
    if (idFrom !== undefined) list = list.filter((i) => i.invoice_id >= idFrom);
    const gov = p.get_government_data === true || p.get_government_data === 1 || p.get_government_data === '1';
    const out = list.slice(0, 100).map((i) => {
      const copy: Record<string, unknown> = { ...i };
      if (!gov) for (const f of GOV_FIELDS) delete copy[f];
      return copy;
    });
    return { status: 'SUCCESS', invoices: out };
  }

  async function api(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const body = await readBody(req);
    const form = new URLSearchParams(body);
    const method = form.get('method') ?? '';
    requests.total++;
    requests.byMethod[method] = (requests.byMethod[method] ?? 0) + 1;
    const fault = takeFault(method);
    if (fault === 'down') {
      req.socket.destroy();
      return;
    }
    if (fault === 'stall') stalled.add(res);
    if (fault === 'http500')
      return send(res, 500, '<html><body><h1>500 Internal Server Error</h1></body></html>', 'text/html');
    const given = req.headers['x-bltoken'] ?? form.get('token') ?? '';
    if (given !== token) return baseError(res, 'ERROR_BAD_TOKEN', 'Invalid user token');
    if (fault === 'blocked') {
      const until = warsawStamp(Date.now() + (opts.blockSeconds ?? 60) * 1000);
      return baseError(res, 'ERROR_BLOCKED_TOKEN', `Query limit exceeded, token blocked until ${until}`);
    }
    let params: Record<string, unknown> = {};
    try {
      const raw = form.get('parameters');
      params = raw ? (JSON.parse(raw) as Record<string, unknown>) : {};
    } catch {
      return baseError(res, 'ERROR_PARAMETERS', 'Invalid parameters JSON');
    }
    switch (method) {
      case 'getInvoices':
        return json(res, getInvoices(params));
      case 'getSeries':
        return json(res, { status: 'SUCCESS', series: series });
      case 'getInvoiceFile': {
        const id = n(params.invoice_id);
        const inv = invoices.find((i) => i.invoice_id === id);
        if (!inv) return baseError(res, 'ERROR_INVOICE_NOT_FOUND', `Invoice ${params.invoice_id} not found`);
        let b64 = pdfCache.get(inv.invoice_id);
        if (!b64) {
          b64 = Buffer.from(await invoicePdf(inv)).toString('base64');
          pdfCache.set(inv.invoice_id, b64);
        }
        return json(res, { status: 'SUCCESS', invoice: `data:${b64}`, invoice_number: inv.number });
      }
      case 'getOrderExtraFields':
        return json(res, orderFields.list());
      case 'setOrderFields': {
        const err = orderFields.set(params, (id) => invoices.some((i) => Number(i.order_id) === id));
        return err ? baseError(res, err[0], err[1]) : json(res, { status: 'SUCCESS' });
      }
      default:
        return baseError(res, 'ERROR_UNKNOWN_METHOD', `Unknown method: ${method}`);
    }
  }

  function addInvoice(partial: Partial<RawInvoice>): RawInvoice {
    // A plain domestic invoice of the main series, not one owned by Base's own KSeF integration.
    const plain = (i: RawInvoice) => i.type === 'normal' && i.currency === 'PLN' && !i.gov_status && !i.gov_id;
    const template =
      invoices.find((i) => plain(i) && String(i.series_id) === '3001' && i.invoice_nip) ??
      invoices.find(plain) ??
      invoices[0];
    const id = Math.max(0, ...invoices.map((i) => i.invoice_id)) + 1;
    const now = Math.floor(Date.now() / 1000);
    const items: RawItem[] = partial.items ?? [
      {
        name: 'Nowy produkt testowy',
        sku: 'NEW-1',
        ean: '',
        price_brutto: 123,
        price_netto: 100,
        tax_rate: 23,
        quantity: 1,
        is_shipment: 0,
        order_product_id: id,
      },
    ];
    const totals = totalsOfItems(items);
    const seriesId = partial.series_id ?? template?.series_id ?? 3001;
    const sub = invoices.filter((i) => String(i.series_id) === String(seriesId)).length + 1;
    const [yy, mm] = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Warsaw' })
      .format(new Date())
      .split('-')
      .map(Number) as [number, number];
    const postfix = String(template?.postfix ?? 'FV');
    const inv: RawInvoice = {
      ...(template as RawInvoice),
      gov_id: '',
      gov_date: 0,
      gov_status: 0,
      correcting_to_invoice_id: 0,
      correcting_reason: '',
      type: 'normal',
      exchange_currency: '',
      exchange_rate: '',
      exchange_date: '',
      exchange_info: '',
      invoice_id: id,
      order_id: String(7_000_000 + (id % 1_000_000)),
      series_id: seriesId,
      sub_id: sub,
      number: `${sub}/${String(mm).padStart(2, '0')}/${yy}/${postfix}`,
      month: mm,
      year: yy,
      date_add: now,
      date_sell: now,
      date_pay_to: 0,
      total_price_brutto: totals.gross,
      total_price_netto: totals.net,
      ...partial,
      items,
    };
    invoices.push(inv);
    return inv;
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://sim');
    const path = url.pathname;
    if (req.method === 'OPTIONS') return send(res, 204, '');
    if (path === '/connector.php' && req.method === 'POST') return api(req, res);
    if (path === '/__sim/invoices' && req.method === 'POST') {
      const partial = JSON.parse((await readBody(req)) || '{}') as Partial<RawInvoice>;
      const inv = addInvoice(partial);
      return json(res, { invoice_id: inv.invoice_id, number: inv.number });
    }
    if (path === '/__sim/faults' && req.method === 'POST') {
      const f = JSON.parse((await readBody(req)) || '{}') as Partial<Fault>;
      if (!f.kind || !['blocked', 'http500', 'down', 'stall'].includes(f.kind))
        return json(res, { error: 'kind must be blocked|http500|down|stall' }, 400);
      const method = f.method ?? '*';
      // count 0 disarms what is still armed for that method.
      if (f.count === 0) {
        for (const x of faults) {
          if (x.method === method) x.count = 0;
        }
      } else {
        faults.push({ method, count: f.count ?? 1, kind: f.kind });
      }
      return json(res, { ok: true });
    }
    if (path === '/__sim/requests') return json(res, requests);
    if (path === '/__sim/order-fields') return json(res, Object.fromEntries(orderFields.values));
    const file = /^\/__sim\/order-files\/(\d+)\/(\d+)$/.exec(path);
    if (file) {
      const f = orderFields.files.get(`${file[1]}/${file[2]}`);
      if (!f) return json(res, { error: 'no such file' }, 404);
      res.writeHead(200, {
        'Content-Type': 'application/octet-stream',
        'X-File-Title': encodeURIComponent(f.title),
        'Cache-Control': 'no-store',
      });
      return void res.end(f.bytes);
    }
    const page = Number(url.searchParams.get('page') ?? '1') || 1;
    if (path === '/invoices.php' || path === '/') {
      const variant = url.searchParams.get('variant');
      if (variant === 'ajax') return send(res, 200, invoiceListAjaxPage(), 'text/html; charset=utf-8');
      if (variant === 'unknown') return send(res, 200, invoiceListUnknownPage(invoices), 'text/html; charset=utf-8');
      return send(res, 200, invoiceListPage(invoices, series, page), 'text/html; charset=utf-8');
    }
    if (path === '/ajax_table_common.php') {
      return json(res, { html: tbodyRows(invoices, series, page), pages: pageOf(invoices, page).pages, page });
    }
    if (path === '/orders.php') return send(res, 200, orderPage(invoices), 'text/html; charset=utf-8');
    send(res, 404, 'Not found', 'text/plain');
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((e: unknown) => {
      if (!res.headersSent) send(res, 500, String(e instanceof Error ? e.message : e), 'text/plain');
    });
  });
  await new Promise<void>((resolve) => server.listen(opts.port ?? 0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;
  return {
    origin,
    apiUrl: `${origin}/connector.php`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((e) => (e ? reject(e) : resolve()));
      }),
  };
}

export { warsawUnix };
