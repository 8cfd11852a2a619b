// Control API for received invoices and exports (documented in README.md): seed incoming invoices, tune the
// technical limits so tests can reach them with a few invoices, and arm export faults.
import type { Reply, Sim } from './core';
import { seedIncoming } from './incoming';
import type { ExportFault } from './purchase-state';

const NIP = /^\d{10}$/;
const EXPORT_FAULT_STATUSES = [210, 415, 500, 550];

const bad = (error: string): Reply => ({ status: 400, json: { error } });

export function purchaseControl(sim: Sim, key: string, body: Record<string, unknown>): Reply | undefined {
  const st = sim.store.purchases;
  switch (key) {
    case 'POST /__sim/incoming': {
      if (typeof body.buyerNip !== 'string' || !NIP.test(body.buyerNip)) return bad('Podaj "buyerNip" (10 cyfr).');
      const count =
        typeof body.count === 'number' && body.count >= 0 && body.count <= 100_000 ? Math.floor(body.count) : -1;
      if (count < 0) return bad('"count": liczba faktur 0..100000.');
      const invoices = seedIncoming(sim, {
        buyerNip: body.buyerNip,
        count,
        spreadDays: typeof body.spreadDays === 'number' ? body.spreadDays : undefined,
        correctionEvery: typeof body.correctionEvery === 'number' ? body.correctionEvery : undefined,
        prefix: typeof body.prefix === 'string' ? body.prefix : undefined,
      });
      return { status: 200, json: { invoices } };
    }
    case 'POST /__sim/purchase-limits': {
      for (const k of ['maxQueryRecords', 'maxExportInvoices', 'maxPartBytes', 'packageLifetimeMs'] as const) {
        const v = body[k];
        if (v === undefined) continue;
        if (typeof v !== 'number' || v < 1) return bad(`"${k}": liczba ≥ 1.`);
        st[k] = Math.floor(v);
      }
      return { status: 200, json: {} };
    }
    case 'POST /__sim/export-faults': {
      const count = typeof body.count === 'number' && body.count >= 1 ? Math.floor(body.count) : 1;
      let fault: ExportFault;
      if (body.kind === 'corrupt-invoice' || body.kind === 'corrupt-part') fault = { kind: body.kind };
      else if (body.kind === 'status' && EXPORT_FAULT_STATUSES.includes(body.status as number))
        fault = { kind: 'status', status: body.status as number };
      else return bad('"kind": corrupt-invoice|corrupt-part|status (z "status": 210|415|500|550).');
      for (let i = 0; i < count; i++) st.faults.push(fault);
      return { status: 200, json: {} };
    }
    default:
      return undefined;
  }
}
