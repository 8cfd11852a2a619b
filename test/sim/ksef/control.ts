// Control API under /__sim/ (not part of KSeF), documented in README.md.
import { randomBytes } from 'node:crypto';
import { seedCertificate } from './certificates';
import type { Reply, Sim } from './core';
import { FAULT_KINDS, type FaultKind } from './faults';
import { type GroupLimits, RATE_GROUPS } from './limits';
import { purchaseControl } from './purchase-control';

const ALL_TOKEN_PERMISSIONS = ['InvoiceWrite', 'InvoiceRead'];
const NIP = /^\d{10}$/;

class ControlError extends Error {}
const bad = (msg: string): never => {
  throw new ControlError(msg);
};

function obj(body: unknown): Record<string, unknown> {
  return body && typeof body === 'object' && !Array.isArray(body) ? (body as Record<string, unknown>) : {};
}

export async function control(
  sim: Sim,
  method: string,
  path: string,
  query: URLSearchParams,
  raw: Buffer,
): Promise<Reply> {
  let body: Record<string, unknown> = {};
  try {
    if (raw.length) body = obj(JSON.parse(raw.toString('utf8')));
  } catch {
    return { status: 400, json: { error: 'Nieprawidłowy JSON w treści żądania.' } };
  }
  try {
    return await route(sim, `${method} ${path}`, query, body);
  } catch (e) {
    if (e instanceof ControlError) return { status: 400, json: { error: e.message } };
    throw e;
  }
}

/** `groups` of POST /__sim/rate-limits: per-group values replacing the spec's, e.g. {"invoiceSend":{...}}. */
function groupLimits(raw: unknown): Record<string, GroupLimits> {
  if (raw === undefined) return {};
  const out: Record<string, GroupLimits> = {};
  for (const [g, v] of Object.entries(obj(raw))) {
    const l = obj(v);
    const n = (x: unknown) => (typeof x === 'number' && Number.isInteger(x) && x > 0 ? x : undefined);
    const [perSecond, perMinute, perHour] = [n(l.perSecond), n(l.perMinute), n(l.perHour)];
    if (!RATE_GROUPS.includes(g) || !perSecond || !perMinute || !perHour) {
      bad(`"groups": {"<grupa>": {"perSecond","perMinute","perHour"}}; grupy: ${RATE_GROUPS.join(', ')}.`);
    }
    out[g] = { perSecond: perSecond!, perMinute: perMinute!, perHour: perHour! };
  }
  return out;
}

async function route(sim: Sim, key: string, query: URLSearchParams, body: Record<string, unknown>): Promise<Reply> {
  const s = sim.store;
  switch (key) {
    case 'POST /__sim/tokens': {
      const nip = typeof body.nip === 'string' && NIP.test(body.nip) ? body.nip : bad('Podaj "nip" (10 cyfr).');
      const permissions = Array.isArray(body.permissions) ? body.permissions.map(String) : ALL_TOKEN_PERMISSIONS;
      const referenceNumber = sim.ref('EC');
      // Format of real tokens: <tokenReferenceNumber>|<contextType>-<contextValue>|<64 hex> (§2.2).
      const token = `${referenceNumber}|nip-${nip}|${randomBytes(32).toString('hex')}`;
      s.tokens.set(token, { token, referenceNumber, nip, permissions, revoked: false });
      return { status: 200, json: { token } };
    }
    case 'POST /__sim/certificates': {
      const nip = typeof body.nip === 'string' && NIP.test(body.nip) ? body.nip : bad('Podaj "nip" (10 cyfr).');
      const type =
        body.type === 'Authentication' || body.type === 'Offline' ? body.type : bad('"type": Authentication|Offline.');
      const keyType = body.keyType === 'RSA' ? 'RSA' : 'EC';
      const name = typeof body.name === 'string' ? body.name : `Certyfikat ${type} ${nip}`;
      return { status: 200, json: await seedCertificate(sim, { nip, type, keyType, name }) };
    }
    case 'POST /__sim/delays': {
      const d = body.processingDelaysMs;
      if (!Array.isArray(d) || d.length !== 2 || !d.every((x) => typeof x === 'number' && x >= 0)) {
        bad('"processingDelaysMs": [a, b] (ms, ≥ 0).');
      }
      sim.delays = [(d as number[])[0]!, (d as number[])[1]!];
      return { status: 200, json: {} };
    }
    case 'POST /__sim/faults': {
      const kind = FAULT_KINDS.includes(body.kind as FaultKind)
        ? (body.kind as FaultKind)
        : bad(`"kind": ${FAULT_KINDS.join('|')}.`);
      const anyRoute = kind === 'invoice-status' || kind === 'invoice-delay';
      const route = typeof body.route === 'string' ? body.route : anyRoute ? '' : bad('Podaj "route".');
      const count = typeof body.count === 'number' && body.count >= 0 ? Math.floor(body.count) : 1;
      const status = typeof body.status === 'number' ? body.status : undefined;
      const ms = typeof body.ms === 'number' && body.ms >= 0 ? body.ms : undefined;
      const details = Array.isArray(body.details) ? body.details.map(String) : undefined;
      sim.faults.add({
        route,
        count,
        kind,
        status,
        ...(ms !== undefined ? { ms } : {}),
        ...(details ? { details } : {}),
      });
      return { status: 200, json: {} };
    }
    case 'POST /__sim/rotate-keys':
      await sim.keys.rotate(sim.now());
      return { status: 200, json: {} };
    case 'POST /__sim/clock': {
      const ms = typeof body.advanceMs === 'number' ? body.advanceMs : bad('"advanceMs": liczba milisekund.');
      return { status: 200, json: { now: sim.advance(ms) } };
    }
    case 'POST /__sim/rate-limits':
      sim.limiter.enabled = body.enabled === true;
      sim.limiter.overrides = groupLimits(body.groups);
      sim.limiter.reset();
      return { status: 200, json: {} };
    case 'POST /__sim/system-warning': {
      const t = body.text;
      if (t !== null && (typeof t !== 'string' || !t.trim())) bad('"text": "[kod]: komunikat" albo null.');
      s.systemWarning = t as string | null;
      return { status: 200, json: {} };
    }
    case 'POST /__sim/batch-upload-origin': {
      const o = body.origin;
      if (o !== null && (typeof o !== 'string' || !/^https?:\/\/[^/]+$/.test(o))) {
        bad('"origin": "https://host[:port]" albo null.');
      }
      s.batchUploadOrigin = o as string | null;
      return { status: 200, json: {} };
    }
    case 'GET /__sim/requests':
      return { status: 200, json: s.requests };
    case 'GET /__sim/invoices': {
      const nip = query.get('nip');
      const out = [];
      for (const session of s.sessions.values()) {
        for (const i of session.invoices) {
          if (nip && i.sellerNip !== nip && session.contextValue !== nip) continue;
          out.push({
            ksefNumber: i.ksefNumber ?? null,
            invoiceNumber: i.invoiceNumber ?? null,
            invoiceHash: i.invoiceHash,
            sessionReferenceNumber: i.sessionReferenceNumber,
            invoicingMode: i.invoicingMode ?? null,
            status: i.result.code,
            // Technical correction (§5): the hash of the rejected invoice this one corrects.
            correctedHash: i.correctedHash ?? null,
          });
        }
      }
      return { status: 200, json: out };
    }
    case 'GET /__sim/registrations':
      return { status: 200, json: registrations(sim, query.get('nip')) };
    case 'POST /__sim/reset':
      sim.reset();
      return { status: 200, json: {} };
    default:
      return (
        purchaseControl(sim, key, body) ?? { status: 404, json: { error: `Nieznana ścieżka API sterującego: ${key}` } }
      );
  }
}

/**
 * Per invoice (seller NIP + invoice number): how often KSeF received it and what became of each
 * copy. `registrations` counts the copies KSeF recognised as this invoice (accepted + 440
 * duplicates): more than one means the invoice was sent twice.
 */
function registrations(sim: Sim, nip: string | null) {
  const by = new Map<
    string,
    {
      sellerNip: string;
      invoiceNumber: string;
      received: number;
      accepted: number;
      duplicates: number;
      rejected: number;
      registrations: number;
      ksefNumbers: string[];
    }
  >();
  for (const session of sim.store.sessions.values()) {
    for (const i of session.invoices) {
      if (!i.invoiceNumber || !i.sellerNip) continue;
      if (nip && i.sellerNip !== nip && session.contextValue !== nip) continue;
      const key = `${i.sellerNip}|${i.invoiceNumber}`;
      let r = by.get(key);
      if (!r) {
        r = {
          sellerNip: i.sellerNip,
          invoiceNumber: i.invoiceNumber,
          received: 0,
          accepted: 0,
          duplicates: 0,
          rejected: 0,
          registrations: 0,
          ksefNumbers: [],
        };
        by.set(key, r);
      }
      r.received++;
      if (i.result.code === 200) {
        r.accepted++;
        if (i.ksefNumber) r.ksefNumbers.push(i.ksefNumber);
      } else if (i.result.code === 440) r.duplicates++;
      else r.rejected++;
      r.registrations = r.accepted + r.duplicates;
    }
  }
  return [...by.values()];
}
