// The route table (src/ksef/routes.ts) checked against the official OpenAPI document the project
// carries (test/sim/ksef/official/openapi.json): every operation exists with that method, takes exactly
// the path parameters the template names, and spends a limit group whose values are the operation's
// `x-rate-limits`. The grouping itself is compared with the simulator's, an independent reading of the
// documented groups (docs/ksef-protocol.md §8.1).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { LIMIT_RULES } from '../../src/ksef/limits';
import { fillTemplate, ROUTES, type RouteName, routePath } from '../../src/ksef/routes';
import { rateGroup } from '../sim/ksef/limits';

interface SpecOperation {
  parameters?: Array<{ name: string; in: string }>;
  'x-rate-limits'?: { perSecond?: number; perMinute?: number; perHour?: number };
}
interface Spec {
  paths: Record<string, Record<string, SpecOperation>>;
  components: { schemas: Record<string, { required?: string[] }> };
}

const spec: Spec = JSON.parse(
  readFileSync(new URL('../sim/ksef/official/openapi.json', import.meta.url), 'utf8'),
) as Spec;
const names = Object.keys(ROUTES) as RouteName[];
/** The groups `GET /rate-limits` reports (schema `EffectiveApiRateLimits`). */
const reportedGroups = spec.components.schemas.EffectiveApiRateLimits?.required ?? [];

function specOperation(name: RouteName): SpecOperation | undefined {
  const r = ROUTES[name];
  return spec.paths[r.template]?.[r.method.toLowerCase()];
}

describe('KSeF route table against the official OpenAPI document', () => {
  it('reads the document (paths and the reported limit groups are there)', () => {
    expect(Object.keys(spec.paths).length).toBeGreaterThan(50);
    expect(reportedGroups).toContain('invoiceSend');
  });

  it.each(names)('%s: the method and path template are an operation of the spec', (name) => {
    expect(specOperation(name), `${ROUTES[name].method} ${ROUTES[name].template}`).toBeDefined();
  });

  it.each(names)('%s: the template names exactly the path parameters the spec declares', (name) => {
    const inTemplate = [...ROUTES[name].template.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    const inSpec = (specOperation(name)?.parameters ?? [])
      .filter((p) => p.in === 'path')
      .map((p) => p.name)
      .sort();
    expect(inTemplate).toEqual(inSpec);
  });

  it.each(names)("%s: the limit group's values are the operation's x-rate-limits", (name) => {
    const limits = specOperation(name)?.['x-rate-limits'];
    expect(limits, 'the spec gives this operation limits').toBeDefined();
    expect(LIMIT_RULES[ROUTES[name].group]).toEqual(limits);
  });

  it.each(names)('%s: the limit group is the documented one', (name) => {
    const { method, template, group } = ROUTES[name];
    if (group === 'auth') {
      // Login and the public keys are limited per IP and per operation, not in a reported group.
      expect(reportedGroups).not.toContain(rateGroup(method, template));
    } else {
      expect(reportedGroups).toContain(group);
      expect(rateGroup(method, template)).toBe(group);
    }
  });

  it('names each operation once', () => {
    const keys = names.map((n) => `${ROUTES[n].method} ${ROUTES[n].template}`);
    expect(new Set(keys).size).toBe(keys.length);
  });
});

describe('route paths', () => {
  it('encodes every path parameter as a single segment', () => {
    expect(
      routePath({ route: 'sessionInvoiceStatus', params: { referenceNumber: 'a/b', invoiceReferenceNumber: 'c d?' } }),
    ).toBe('/sessions/a%2Fb/invoices/c%20d%3F');
    expect(routePath({ route: 'rateLimits' })).toBe('/rate-limits');
  });

  it('refuses to build a path with a parameter missing', () => {
    expect(() => fillTemplate('/sessions/{referenceNumber}', {})).toThrow('missing path parameter referenceNumber');
  });
});
