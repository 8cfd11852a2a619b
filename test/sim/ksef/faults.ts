// Fault injection for the next N calls of a route (control API POST /__sim/faults).
export type FaultKind = 'http500' | 'http503' | 'hang' | 'html' | 'drop-after-accept' | 'invoice-status' | 'http429';
export const FAULT_KINDS: FaultKind[] = [
  'http500',
  'http503',
  'hang',
  'html',
  'drop-after-accept',
  'invoice-status',
  'http429',
];

export interface Fault {
  route: string; // "POST /v2/sessions/online/{referenceNumber}/invoices" (OpenAPI template with method)
  count: number;
  kind: FaultKind;
  status?: number;
  /** 'invoice-status': KSeF's `details` of the forced status. */
  details?: string[];
}

export class Faults {
  private list: Fault[] = [];
  private forcedInvoiceStatuses: { code: number; details?: string[] }[] = [];

  /** `count: 0` disarms what is left for that route and kind (for 'invoice-status': all forced statuses). */
  add(f: Fault): void {
    if (f.count === 0) {
      if (f.kind === 'invoice-status') this.forcedInvoiceStatuses = [];
      const route = normaliseRoute(f.route);
      this.list = this.list.filter((x) => !(x.route === route && x.kind === f.kind));
      return;
    }
    if (f.kind === 'invoice-status') {
      // Applies to the next N invoices processed, whatever route brought them (online or batch).
      for (let i = 0; i < f.count; i++)
        this.forcedInvoiceStatuses.push({ code: f.status ?? 550, ...(f.details ? { details: f.details } : {}) });
    } else {
      this.list.push({ ...f, route: normaliseRoute(f.route) });
    }
  }

  /** Takes one fault for this call, if any is armed for the route. */
  take(method: string, template: string): Fault | undefined {
    const key = `${method.toUpperCase()} ${template}`;
    const f = this.list.find((x) => x.route === key && x.count > 0);
    if (!f) return undefined;
    f.count--;
    if (f.count === 0) this.list = this.list.filter((x) => x !== f);
    return f;
  }

  takeInvoiceStatus(): { code: number; details?: string[] } | undefined {
    return this.forcedInvoiceStatuses.shift();
  }

  clear(): void {
    this.list = [];
    this.forcedInvoiceStatuses = [];
  }
}

/** Accepts "POST /v2/x", "post /x" → "POST /x" (templates are stored without the /v2 prefix). */
export function normaliseRoute(route: string): string {
  const [method = '', path = ''] = route.trim().split(/\s+/, 2);
  return `${method.toUpperCase()} ${path.replace(/^\/v2(?=\/)/, '')}`;
}
