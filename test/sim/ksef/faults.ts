// Fault injection for the next N calls of a route (control API POST /__sim/faults).
export type FaultKind =
  | 'http500'
  | 'http503'
  | 'hang'
  | 'html'
  | 'drop-after-accept'
  | 'stall-after-headers'
  | 'invoice-status'
  | 'http429'
  | 'http401'
  | 'refuse'
  | 'session-status'
  | 'invoice-delay';
export const FAULT_KINDS: FaultKind[] = [
  'http500',
  'http503',
  'hang',
  'html',
  'drop-after-accept',
  'stall-after-headers',
  'invoice-status',
  'http429',
  'http401',
  'refuse',
  'session-status',
  'invoice-delay',
];

/** Kinds that are not answered by the route table but change what happens later. */
const DEFERRED: readonly FaultKind[] = ['invoice-status', 'session-status', 'invoice-delay'];

export interface Fault {
  route: string; // "POST /v2/sessions/online/{referenceNumber}/invoices" (OpenAPI template with method)
  count: number;
  kind: FaultKind;
  status?: number | undefined;
  /** 'invoice-status': KSeF's `details` of the forced status. */
  details?: string[];
  /** 'invoice-delay': how long the invoice shows 150 (ms) before its final status. */
  ms?: number;
}

export class Faults {
  private list: Fault[] = [];
  private forcedInvoiceStatuses: { code: number; details?: string[] }[] = [];
  private invoiceDelays: number[] = [];
  private forcedSessionStatuses: { kind: 'online' | 'batch'; status: number }[] = [];

  /** `count: 0` disarms what is left for that route and kind (deferred kinds: all of that kind). */
  add(f: Fault): void {
    if (f.count === 0) {
      if (f.kind === 'invoice-status') this.forcedInvoiceStatuses = [];
      if (f.kind === 'invoice-delay') this.invoiceDelays = [];
      if (f.kind === 'session-status') this.forcedSessionStatuses = [];
      const route = normaliseRoute(f.route);
      this.list = this.list.filter((x) => !(x.route === route && x.kind === f.kind));
      return;
    }
    if (f.kind === 'invoice-status') {
      // Applies to the next N invoices processed, whatever route brought them (online or batch).
      for (let i = 0; i < f.count; i++)
        this.forcedInvoiceStatuses.push({ code: f.status ?? 550, ...(f.details ? { details: f.details } : {}) });
    } else if (f.kind === 'invoice-delay') {
      // The next N invoices processed stay 150 this long (on the simulator's clock).
      for (let i = 0; i < f.count; i++) this.invoiceDelays.push(f.ms ?? 3 * 24 * 3600_000);
    } else if (f.kind === 'session-status') {
      // The next N sessions opened on the route end with this status ("POST /sessions/batch" or ".../online").
      const kind = /\/sessions\/online$/.test(normaliseRoute(f.route)) ? 'online' : 'batch';
      for (let i = 0; i < f.count; i++) this.forcedSessionStatuses.push({ kind, status: f.status ?? 445 });
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

  takeInvoiceDelay(): number | undefined {
    return this.invoiceDelays.shift();
  }

  /** The forced final status of a session being opened now, if one is armed for its kind. */
  takeSessionStatus(kind: 'online' | 'batch'): number | undefined {
    const i = this.forcedSessionStatuses.findIndex((x) => x.kind === kind);
    if (i < 0) return undefined;
    return this.forcedSessionStatuses.splice(i, 1)[0]!.status;
  }

  clear(): void {
    this.list = [];
    this.forcedInvoiceStatuses = [];
    this.invoiceDelays = [];
    this.forcedSessionStatuses = [];
  }
}

export function isDeferred(kind: FaultKind): boolean {
  return DEFERRED.includes(kind);
}

/** Accepts "POST /v2/x", "post /x" → "POST /x" (templates are stored without the /v2 prefix). */
export function normaliseRoute(route: string): string {
  const [method = '', path = ''] = route.trim().split(/\s+/, 2);
  return `${method.toUpperCase()} ${path.replace(/^\/v2(?=\/)/, '')}`;
}

/** KSeF's own descriptions of the exception codes a 'refuse' fault is used with (docs/ksef-protocol.md §8.2). */
const REFUSALS: Record<number, string> = {
  21155: 'Przekroczono dozwoloną liczbę faktur w sesji.',
  21173: 'Brak sesji o wskazanym numerze referencyjnym.',
  21180: 'Status sesji nie pozwala na wykonanie operacji.',
  21205: 'Pakiet nie może być pusty.',
  21208: 'Czas oczekiwania na requesty upload lub finish został przekroczony.',
  21405: 'Błąd walidacji danych wejściowych.',
};

export function refusalText(code: number): string {
  return REFUSALS[code] ?? `Odmowa (${code}).`;
}
